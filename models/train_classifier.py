"""Rebuild newsnlp's default theme classifier from ../shared, with a fixed seed, and measure it.

    python -m models.train_classifier                 # cross-validate, train on everything, write the model
    python -m models.train_classifier --no-cv         # train and write only
    python -m models.train_classifier --written-check # gold-only models scored on the written articles
    python -m models.train_classifier --fold-seeds 0 1 2  # CV once per fold split, to see its spread

Training data: the gold-labelled 新闻联播 items of shared/data/xwlb/labels.jsonl
(title + text; primary label and every substantial label, see GUIDELINES.md),
plus 491 further 新闻联播 items that name community-governance words, which
we labelled twice under the guidelines, disagreements adjudicated
(models/data/xwlb_extra_labels.jsonl: ids and labels; none is a gold item or
a near-duplicate of one), so that the model sees more of the stories that
mention communities without being about them; 80 articles we wrote ourselves
in the style of local and sector newspapers
(models/data/written_examples.jsonl), so that the model does not
learn 新闻联播's house style as the sign of a theme; 957 LCSTS Weibo news posts
we labelled twice under the guidelines, disagreements adjudicated
(models/data/lcsts_posts_labels.jsonl: line numbers and labels, the texts
stay in ../shared) at weight 0.3, so that it
reads short posts from other outlets; and 2,000 further LCSTS posts (the
summariser's train split) that name none of the lexicon's terms, as weakly
labelled ``other`` at weight 0.1. Every training text also trains as its
first 120 characters (``short_view_weight=0.3``).
Metrics written into the model card come from stratified 5-fold
cross-validation on the gold items (seed 0), every other labelled text
joining every training fold: the numbers a user can expect on 新闻联播-style
news. ``--written-check`` scores other outlets' style: our 54 held-out written
articles (models/data/written_heldout.jsonl), never trained on;
``python -m benchmarks.bench_classify`` also scores the labelled posts, each
half by models trained without it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from newsnlp import encoders
from newsnlp.classifier import Classifier

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "newsnlp" / "_models" / "classifier"
THEMES = ["community_governance", "party_building", "labour_social_work", "elderly_care"]
CLASSES = THEMES + ["other"]
SEED = 0


def default_shared() -> Path:
    return REPO.parent / "shared"


def load_items(shared: Path) -> list[dict[str, Any]]:
    with gzip.open(shared / "data" / "xwlb" / "items.jsonl.gz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def document(item: dict[str, Any]) -> str:
    """What the classifier sees: the headline on the first line, then the body."""
    return f"{item['title']}\n{item['text']}".strip()


def headline(document_text: str) -> str:
    return document_text.split("\n", 1)[0]


def body(document_text: str) -> str:
    return document_text.split("\n", 1)[-1]


WRITTEN = REPO / "models" / "data" / "written_examples.jsonl"
WRITTEN_HELDOUT = REPO / "models" / "data" / "written_heldout.jsonl"
POSTS = REPO / "models" / "data" / "lcsts_posts_labels.jsonl"
POST_WEIGHT = 0.3
XWLB_EXTRA = REPO / "models" / "data" / "xwlb_extra_labels.jsonl"
XWLB_EXTRA_WEIGHT = 1.0
WEAK_NEGATIVES, WEAK_WEIGHT = 2000, 0.1


class Extra(NamedTuple):
    """Training texts beside the gold items, joining every training fold and never scored."""

    texts: list[str]
    primary: list[str]
    label_sets: list[list[str]]
    weights: list[float]


def load_written(path: Path = WRITTEN) -> tuple[list[str], list[str], list[list[str]]]:
    """Articles we wrote ourselves in the style of local and sector newspapers, labelled under the guidelines."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [document(r) for r in rows], [r["primary"] for r in rows], [r["labels"] for r in rows]


def load_posts(shared: Path, path: Path = POSTS) -> tuple[list[str], list[str], list[list[str]]]:
    """LCSTS Weibo news posts we labelled under the guidelines: (texts, primary labels, label sets).

    Two annotators labelled every post; an adjudicator decided where they
    differed (``agreement``: ``both`` or ``adjudicated``).

    The labels file names each post by its line in shared/data/lcsts/src.txt
    and holds no text: the posts stay in ../shared.
    """
    src = (shared / "data" / "lcsts" / "src.txt").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [src[r["line"]] for r in rows], [r["primary"] for r in rows], [r["labels"] for r in rows]


def load_xwlb_extra(shared: Path, path: Path = XWLB_EXTRA) -> tuple[list[str], list[str], list[list[str]]]:
    """新闻联播 items outside the gold set, naming community-governance words, that we labelled under the
    guidelines: (texts, primary labels, label sets).

    Two annotators labelled every item; an adjudicator decided where they
    differed. The labels file names each item by its id in
    shared/data/xwlb/items.jsonl.gz and holds no text. No item is a gold item
    or a near-duplicate of one (see ``models/data/README.md``), so the gold
    cross-validation never scores a story the model trained on.
    """
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    items = {item["id"]: item for item in load_items(shared)}
    return [document(items[r["id"]]) for r in rows], [r["primary"] for r in rows], [r["labels"] for r in rows]


def load_weak_negatives(shared: Path, n: int = WEAK_NEGATIVES, exclude: frozenset[str] = frozenset()) -> list[str]:
    """*n* LCSTS posts of the summariser's train split that name none of the lexicon's terms (core or support),
    leaving out the texts in *exclude* (posts that carry labels of their own)."""
    import random

    from benchmarks.bench_summarize import lcsts_items
    from models.lexicon import THEMES as TERMS

    words = [w for terms in TERMS.values() for w in terms["core"] + terms["support"]]
    posts = [post for post, _ in lcsts_items(shared, "train")
             if post not in exclude and not any(w in post for w in words)]
    return sorted(random.Random(SEED).sample(posts, min(n, len(posts))), key=posts.index)


def load_extra(shared: Path, *, weak_negatives: bool = True, posts: bool = True, xwlb: bool = True,
               leave_out: frozenset[str] = frozenset()) -> Extra:
    """The written articles (weight 1), the extra labelled 新闻联播 items (XWLB_EXTRA_WEIGHT) and the labelled
    LCSTS posts (POST_WEIGHT), but those in *leave_out*, and theme-free LCSTS posts as ``other``
    (WEAK_WEIGHT), none of them a labelled post."""
    texts, primary, label_sets = load_written()
    weights = [1.0] * len(texts)
    if xwlb:
        xwlb_texts, xwlb_primary, xwlb_sets = load_xwlb_extra(shared)
        kept = [i for i, t in enumerate(xwlb_texts) if t not in leave_out]
        texts += [xwlb_texts[i] for i in kept]
        primary += [xwlb_primary[i] for i in kept]
        label_sets += [xwlb_sets[i] for i in kept]
        weights += [XWLB_EXTRA_WEIGHT] * len(kept)
    labelled = leave_out
    if posts:
        post_texts, post_primary, post_sets = load_posts(shared)
        labelled |= frozenset(post_texts)
        kept = [i for i, t in enumerate(post_texts) if t not in leave_out]
        texts += [post_texts[i] for i in kept]
        primary += [post_primary[i] for i in kept]
        label_sets += [post_sets[i] for i in kept]
        weights += [POST_WEIGHT] * len(kept)
    negatives = load_weak_negatives(shared, exclude=labelled) if weak_negatives else []
    return Extra(texts + negatives, primary + ["other"] * len(negatives), label_sets + [[] for _ in negatives],
                 weights + [WEAK_WEIGHT] * len(negatives))


def load_agreed(shared: Path) -> list[bool]:
    """Whether both annotators gave an item the same labels (else an adjudicator decided), in labels.jsonl order."""
    with (shared / "data" / "xwlb" / "labels.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line)["agreement"] == "both" for line in f]


def load_gold(shared: Path) -> tuple[list[str], list[str], list[list[str]], list[str]]:
    """(texts, primary labels, label sets, ids) of the labelled items, in labels.jsonl order."""
    labels = [json.loads(line) for line in (shared / "data" / "xwlb" / "labels.jsonl").open(encoding="utf-8")]
    items = {item["id"]: item for item in load_items(shared)}
    texts = [document(items[row["id"]]) for row in labels]
    return texts, [row["primary"] for row in labels], [row["labels"] for row in labels], [row["id"] for row in labels]


class CachedEncoder:
    """Memoises an encoder's vectors by text, so cross-validation encodes each item once."""

    def __init__(self, encoder: encoders.Encoder):
        self.name, self.dim, self._encoder, self._cache = encoder.name, encoder.dim, encoder, {}

    def encode(self, texts):
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            self._cache.update(zip(missing, self._encoder.encode(missing)))
        return np.array([self._cache[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dim)


def use_cached_encoder(name: str = "use") -> None:
    # Training-time only: the process-wide encoder is swapped for a memoising one.
    encoders._instances[name] = CachedEncoder(encoders.get_encoder(name))


def make_default(**overrides: Any) -> Classifier:
    from models.lexicon import THEMES as TERMS

    settings = dict(backend="stacked", encoder="use", C=10.0, short_view_weight=0.3, terms=TERMS, seed=SEED,
                    name="newsnlp-themes", version="6")
    settings.update(overrides)
    return Classifier(**settings)


def fit(model: Classifier, texts, primary, label_sets, extra: Extra, **kwargs: Any) -> Classifier:
    """*model* fitted on the gold items and *extra*."""
    return model.fit(texts + extra.texts, primary + extra.primary, label_sets=label_sets + extra.label_sets,
                     sample_weight=[1.0] * len(texts) + extra.weights, **kwargs)


def cross_validate(
    factory: Callable[[], Any],
    texts: list[str],
    primary: list[str],
    label_sets: list[list[str]],
    *,
    folds: int = 5,
    seed: int = SEED,
    progress: bool = False,
    extra: Extra | None = None,
    test_view: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """Out-of-fold predictions of ``factory()`` models under stratified k-fold CV on the primary label.

    *extra* joins every training fold and is never scored.
    *test_view* maps a held-out text to what the model is shown (its headline
    alone, say), to measure models trained on whole articles on shorter input.
    """
    extra = extra or Extra([], [], [], [])
    from sklearn.model_selection import StratifiedKFold

    n = len(texts)
    pred_primary: list[str] = [""] * n
    pred_sets: list[list[str]] = [[] for _ in range(n)]
    proba = None
    theme_proba = None
    classes = themes = None
    splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for k, (train, test) in enumerate(splitter.split(np.zeros(n), primary)):
        t0 = time.perf_counter()
        model = fit(factory(), [texts[i] for i in train], [primary[i] for i in train],
                    [label_sets[i] for i in train], extra)
        results = model.classify_batch([(test_view or str)(texts[i]) for i in test], evidence=0)
        classes, themes = model.classes_, model.themes_
        if proba is None:
            proba, theme_proba = np.zeros((n, len(classes))), np.zeros((n, len(themes)))
        for i, r in zip(test, results):
            pred_primary[i], pred_sets[i] = r.label, list(r.labels)
            proba[i] = [r.primary_scores[c] for c in classes]
            theme_proba[i] = [r.scores[t] for t in themes]
        if progress:
            print(f"  fold {k + 1}/{folds}: {time.perf_counter() - t0:.0f} s", flush=True)
    return {"pred": pred_primary, "pred_sets": pred_sets, "proba": proba, "theme_proba": theme_proba,
            "classes": classes, "themes": themes}


def score(cv: dict[str, Any], primary: list[str], label_sets: list[list[str]]) -> dict[str, Any]:
    from newsnlp import metrics

    report = metrics.classification_report(primary, cv["pred"], labels=CLASSES)
    multilabel = metrics.multilabel_report(label_sets, cv["pred_sets"], labels=THEMES)
    return {
        "primary_macro_f1": round(report["macro_f1"], 4),
        "primary_accuracy": round(report["accuracy"], 4),
        "per_class_f1": {c: round(v["f1"], 4) for c, v in report["per_class"].items()},
        "multilabel_micro_f1": round(multilabel["micro_f1"], 4),
        "multilabel_macro_f1": round(multilabel["macro_f1"], 4),
        "ece_primary": round(metrics.expected_calibration_error(cv["proba"], primary, classes=cv["classes"]), 4),
        "ece_themes": round(
            metrics.expected_calibration_error(cv["theme_proba"], label_sets, classes=cv["themes"], multilabel=True), 4
        ),
        "confusion_matrix": report["confusion_matrix"],
    }


def written_check(shared: Path, texts, primary, label_sets) -> None:
    """How models read other outlets' style.

    Gold-only models are scored on the written training articles; the recipe
    (gold items and every extra) on the held-out written articles, whole and
    cut to their first 120 characters (a short post).
    """
    from newsnlp import metrics

    def report(model, docs, gold) -> str:
        r = metrics.classification_report(gold, model.predict(docs), labels=CLASSES)
        per_class = {c: round(v["f1"], 2) for c, v in r["per_class"].items()}
        return f"macro-F1 {r['macro_f1']:.3f}, accuracy {r['accuracy']:.3f}, {per_class}"

    written_texts, written_primary, _ = load_written()
    for name, overrides in (("without term shares", {"terms": None}), ("with term shares", {})):
        model = make_default(**overrides).fit(texts, primary, label_sets=label_sets)
        print(f"gold-only model {name}, on {len(written_texts)} written articles: "
              f"{report(model, written_texts, written_primary)}", flush=True)
    heldout_texts, heldout_primary, _ = load_written(WRITTEN_HELDOUT)
    for name, overrides, everything in (
        ("without short views, labelled posts and weak negatives", {"short_view_weight": 0.0}, False),
        ("the recipe", {}, True),
    ):
        extra = load_extra(shared, weak_negatives=everything, posts=everything)
        model = fit(make_default(**overrides), texts, primary, label_sets, extra)
        for view, docs in (("whole", heldout_texts), ("first 120 characters", [t[:120] for t in heldout_texts])):
            print(f"{name}, on {len(docs)} held-out written articles ({view}): "
                  f"{report(model, docs, heldout_primary)}", flush=True)


def fold_seeds(seeds: list[int], texts, primary, label_sets, extra: Extra, *, folds: int) -> int:
    """Cross-validate the recipe once per fold-split seed; print each score and the mean."""
    scores = []
    for seed in seeds:
        s = score(cross_validate(make_default, texts, primary, label_sets, folds=folds, seed=seed, extra=extra),
                  primary, label_sets)
        scores.append(s)
        print(f"fold seed {seed}: macro-F1 {s['primary_macro_f1']:.4f}, accuracy {s['primary_accuracy']:.4f}, "
              f"community_governance F1 {s['per_class_f1']['community_governance']:.4f}", flush=True)
    print(f"mean over {len(seeds)} seeds: macro-F1 {np.mean([s['primary_macro_f1'] for s in scores]):.4f}, "
          f"accuracy {np.mean([s['primary_accuracy'] for s in scores]):.4f}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=default_shared())
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (the card keeps no metrics)")
    parser.add_argument("--written-check", action="store_true",
                        help="only score models on the written articles (training and held-out), and write nothing")
    parser.add_argument("--fold-seeds", type=int, nargs="+", metavar="SEED",
                        help="only cross-validate, once per seed of the fold split (how much the score moves with "
                             "the split), and write nothing")
    args = parser.parse_args(argv)

    texts, primary, label_sets, _ = load_gold(args.shared)
    extra = load_extra(args.shared)
    use_cached_encoder()
    if args.written_check:
        written_check(args.shared, texts, primary, label_sets)
        return 0
    if args.fold_seeds:
        return fold_seeds(args.fold_seeds, texts, primary, label_sets, extra, folds=args.folds)
    card_metrics = None
    if not args.no_cv:
        print(f"cross-validating on {len(texts)} items ({args.folds} folds)", flush=True)
        cv = cross_validate(make_default, texts, primary, label_sets, folds=args.folds, progress=True, extra=extra)
        card_metrics = {"protocol": f"stratified {args.folds}-fold CV on the gold primary label, seed {SEED}; "
                                    "the extra 新闻联播 items, the written articles, the labelled posts and the weak "
                                    "negatives join every training fold",
                        **score(cv, primary, label_sets)}
        print(json.dumps({k: v for k, v in card_metrics.items() if k != "confusion_matrix"}, indent=1))

    t0 = time.perf_counter()
    model = fit(make_default(), texts, primary, label_sets, extra, progress=True)
    n_written, n_posts = len(load_written()[0]), len(load_posts(args.shared)[0])
    n_xwlb = len(load_xwlb_extra(args.shared)[0])
    n_negatives = len(extra.texts) - n_written - n_xwlb - n_posts
    model.card["description"] = (
        "newsnlp's default theme classifier for Chinese civil-affairs news: community governance, party building, "
        "labour / trade-union social work, elderly care, or other. Character 1-3-gram TF-IDF, multilingual "
        "Universal Sentence Encoder v3 embeddings and per-theme shares of sentences naming the guideline lexicon's "
        "terms, in one logistic regression per head; calibrated on out-of-fold scores. Rebuild with `python -m models.train_classifier`."
    )
    model.card["training"].update(
        {
            "data": f"{len(texts)} 新闻联播 (CCTV) items 2022-09..2025-06 labelled twice under the project's "
            f"guidelines, disagreements adjudicated; {n_xwlb} further 新闻联播 items naming community-governance "
            "words, labelled twice by the newsnlp developers under the same guidelines, disagreements adjudicated "
            f"(models/data/xwlb_extra_labels.jsonl), at weight {XWLB_EXTRA_WEIGHT}; {n_written} articles written by the newsnlp developers "
            "in the style of local and sector newspapers (models/data/written_examples.jsonl); "
            f"{n_posts} LCSTS Weibo news posts labelled twice by the newsnlp developers under the same "
            f"guidelines, disagreements adjudicated (models/data/lcsts_posts_labels.jsonl), at weight {POST_WEIGHT}; "
            f"{n_negatives} LCSTS Weibo news posts naming none of the lexicon's terms, as `other` at weight "
            f"{WEAK_WEIGHT}; every text also as its first 120 characters at weight 0.3. "
            "Input = title + newline + text",
            "label_counts": {t: sum(t in s for s in label_sets + extra.label_sets) for t in THEMES},
            "seed": SEED,
            "fit_seconds": round(time.perf_counter() - t0, 1),
        }
    )
    if card_metrics:
        model.card["metrics"] = card_metrics
    model.save(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
