"""Theme classification: newsnlp's backends against baselines on the same folds, false positives, speed,
and "train your own classes" on THUCNews headlines.

    python -m benchmarks.bench_classify [--quick]
"""

from __future__ import annotations

import json
import os
import random
import re
import tempfile
import time
from typing import Any, Callable

import numpy as np

from benchmarks.common import Context, Section, md_table, median_time
from models.lexicon import THEMES as LEXICON
from models.lexicon import theme_hits
from models.train_classifier import (
    CLASSES,
    POST_WEIGHT,
    POSTS,
    SEED,
    THEMES,
    WRITTEN_HELDOUT,
    XWLB_EXTRA,
    XWLB_EXTRA_WEIGHT,
    body,
    cross_validate,
    document,
    fit,
    headline,
    load_agreed,
    load_extra,
    load_gold,
    load_written,
    load_items,
    load_posts,
    load_xwlb_extra,
    make_default,
    score,
    use_cached_encoder,
)

FOLDS = 5
ABLATION = "newsnlp stacked, without the extra 新闻联播 items"


# ------------------------------------------------------------------ baselines
class KeywordRules:
    """Guideline keywords: the theme with the most core-term hits (at least two) wins."""

    def fit(self, texts, y, label_sets=None):
        return self

    def predict(self, texts):
        out = []
        for text in texts:
            core = {t: hits[0] for t, hits in theme_hits(text).items()}
            best = max(core, key=core.get)
            out.append(best if core[best] >= 2 else "other")
        return out


def _words(texts):
    from newsnlp.tokenize import words

    return [" ".join(w for w in words(t) if not re.fullmatch(r"\W+", w)) for t in texts]


class JiebaSVM:
    """jieba words, TF-IDF, LinearSVC: the usual Chinese text-classification baseline."""

    def fit(self, texts, y, label_sets=None):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline
        from sklearn.svm import LinearSVC

        self.model = make_pipeline(
            TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True, min_df=2), LinearSVC(C=1.0)
        ).fit(_words(texts), y)
        return self

    def predict(self, texts):
        return list(self.model.predict(_words(texts)))


class FastText:
    """fastText supervised on jieba words (its predict() wants a list under numpy 2)."""

    def fit(self, texts, y, label_sets=None):
        import fasttext

        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            for text, label in zip(_words(texts), y):
                f.write(f"__label__{label} {text}\n")
        try:
            self.model = fasttext.train_supervised(f.name, epoch=25, lr=0.5, wordNgrams=2, seed=SEED, thread=1,
                                                   verbose=0)
        finally:
            os.unlink(f.name)
        return self

    def predict(self, texts):
        labels, _ = self.model.predict([t.replace("\n", " ") for t in _words(texts)])
        return [label[0].removeprefix("__label__") for label in labels]


def _fasttext_available() -> bool:
    try:
        import fasttext  # noqa: F401
    except ImportError:
        return False
    return True


def cv_baseline(factory: Callable[[], Any], texts, primary, *, folds=FOLDS, seed=SEED, extra=None) -> list[str]:
    """Out-of-fold primary labels; *extra* (texts, labels) joins every training fold."""
    from sklearn.model_selection import StratifiedKFold

    extra_texts, extra_labels = extra or ([], [])
    pred = [""] * len(texts)
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(texts)), primary):
        model = factory().fit([texts[i] for i in train] + extra_texts, [primary[i] for i in train] + extra_labels)
        for i, p in zip(test, model.predict([texts[i] for i in test])):
            pred[i] = p
    return pred


# ------------------------------------------------------------------ data
def themeless_items(ctx: Context, gold_ids: set[str], n: int) -> list[str]:
    """Unlabelled 新闻联播 items with none of the themes' core words: any theme call on them is a false positive."""
    core = [w for terms in LEXICON.values() for w in terms["core"]]
    pool = [document(it) for it in load_items(ctx.shared) if it["id"] not in gold_ids]
    pool = [t for t in pool if not any(w in t for w in core)]
    random.Random(ctx.seed).shuffle(pool)
    return pool[:n]


def thucnews(ctx: Context) -> tuple[list[str], list[str]]:
    folder = ctx.data("data", "thucnews_titles")
    names = (folder / "class.txt").read_text("utf-8").split()
    texts, labels = [], []
    for line in (folder / "dev.txt").read_text("utf-8").splitlines():
        if "\t" in line:
            text, cls = line.rsplit("\t", 1)
            texts.append(text)
            labels.append(names[int(cls)])
    return texts, labels


# ------------------------------------------------------------------ the benchmark
def run(ctx: Context) -> Section:
    if ctx.data("data", "xwlb", "labels.jsonl") is None:
        return Section("Theme classification", skipped="../shared/data/xwlb/labels.jsonl not found")
    from newsnlp import metrics
    from newsnlp.classifier import Classifier

    texts, primary, label_sets, ids = load_gold(ctx.shared)
    written = load_written()
    posts = load_posts(ctx.shared)
    more = load_xwlb_extra(ctx.shared)
    extra = load_extra(ctx.shared)
    folds = FOLDS
    if ctx.quick:  # a smoke run: a third of the items, 3 folds
        keep = sorted(random.Random(ctx.seed).sample(range(len(texts)), len(texts) // 3))
        texts, primary, label_sets = ([x[i] for i in keep] for x in (texts, primary, label_sets))
        folds = 3
    use_cached_encoder()
    md, data, plots = [], {}, []

    # 1. cross-validated quality on the gold items, every method on the same folds
    backends = {"newsnlp stacked (default)": {}, "newsnlp lexical": {"backend": "lexical"},
                "newsnlp embedding": {"backend": "embedding"}}
    extras = {}  # training data other than the recipe's, by method
    if ctx.quick:
        backends = {"newsnlp lexical": {"backend": "lexical"}}
    else:  # what the extra labelled 新闻联播 items bring
        backends[ABLATION] = {}
        extras[ABLATION] = load_extra(ctx.shared, xwlb=False)
    rows, cvs = [], {}
    for name, overrides in backends.items():
        t0 = time.perf_counter()
        cv = cross_validate(lambda o=overrides: make_default(**o), texts, primary, label_sets, folds=folds,
                            extra=extras.get(name, extra))
        s = score(cv, primary, label_sets)
        data[name], cvs[name] = s, cv
        rows.append([name, s["primary_macro_f1"], s["primary_accuracy"], *[s["per_class_f1"][c] for c in CLASSES],
                     s["multilabel_micro_f1"], s["multilabel_macro_f1"], s["ece_primary"], s["ece_themes"]])
        if name.endswith("(default)"):
            _confusion_plot(ctx, s["confusion_matrix"], plots)
        print(f"  {name}: macro-F1 {s['primary_macro_f1']:.3f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    baselines = {"keyword rules": KeywordRules, "jieba TF-IDF + LinearSVC": JiebaSVM}
    if _fasttext_available():
        baselines["fastText (jieba words)"] = FastText
    for name, factory in baselines.items():
        pred = cv_baseline(factory, texts, primary, folds=folds,
                           extra=(written[0] + more[0], written[1] + more[1]))
        rep = metrics.classification_report(primary, pred, labels=CLASSES)
        pred_sets = [[] if p == "other" else [p] for p in pred]
        ml = metrics.multilabel_report(label_sets, pred_sets, labels=THEMES)
        data[name] = {"primary_macro_f1": rep["macro_f1"], "primary_accuracy": rep["accuracy"]}
        rows.append([name, rep["macro_f1"], rep["accuracy"], *[rep["per_class"][c]["f1"] for c in CLASSES],
                     ml["micro_f1"], ml["macro_f1"], "–", "–"])
    if not _fasttext_available():
        md.append("fastText: skipped (package `fasttext` not installed; `pip install '.[bench]'`).\n")
    short = {"community_governance": "CG F1", "party_building": "PB F1", "labour_social_work": "LSW F1",
             "elderly_care": "EC F1", "other": "other F1"}
    md.insert(0, f"Stratified {folds}-fold cross-validation (seed {SEED}) on {len(texts)} gold-labelled 新闻联播 "
                 "items of `shared/data/xwlb/labels.jsonl`; every method sees the same folds, and the "
                 f"{len(written[0])} articles we wrote (`models/data/written_examples.jsonl`) and the "
                 f"{len(more[0])} further 新闻联播 items we labelled (`models/data/xwlb_extra_labels.jsonl`: none a "
                 "gold item or a near-duplicate of one) join every training fold, as they join the shipped model's "
                 f"training (the extra items at weight {XWLB_EXTRA_WEIGHT}); newsnlp's models also get the recipe's "
                 f"{len(posts[0])} labelled LCSTS posts (weight {POST_WEIGHT}) and "
                 f"{len(extra.texts) - len(written[0]) - len(more[0]) - len(posts[0])} theme-free LCSTS posts as "
                 "weak `other` examples (`models/train_classifier.py`). Primary label: "
                 "5-class macro-F1 and accuracy; multi-label: micro/macro-F1 over the four themes; ECE: 10 bins, "
                 "top label (primary) and every (item, theme) pair (themes).\n")
    md.append(md_table(["method", "macro-F1", "accuracy", *short.values(), "multi-label micro-F1",
                        "multi-label macro-F1", "ECE primary", "ECE themes"], rows))

    # 1b. where the first method's errors lie, and how it reads shorter input
    agreed = np.array(load_agreed(ctx.shared))[keep if ctx.quick else slice(None)]
    first = next(iter(backends))
    views = [("whole item", "all", cvs[first]["pred"], np.ones(len(texts), bool)),
             ("whole item", "both annotators agreed", cvs[first]["pred"], agreed),
             ("whole item", "adjudicated (annotators disagreed)", cvs[first]["pred"], ~agreed)]
    for view, fn in (("headline only", headline), ("first 120 characters", lambda t: t[:120]), ("body only", body)):
        cv = cross_validate(lambda: make_default(**backends[first]), texts, primary, label_sets, folds=folds,
                            extra=extra, test_view=fn)
        views.append((view, "all", cv["pred"], np.ones(len(texts), bool)))
    view_rows = []
    for view, subset, pred, mask in views:
        gold = [p for p, m in zip(primary, mask) if m]
        rep = metrics.classification_report(gold, [p for p, m in zip(pred, mask) if m], labels=sorted(set(gold)))
        view_rows.append([view, subset, len(gold), rep["macro_f1"], rep["accuracy"]])
    data[f"{first}: views"] = view_rows
    md.append(f"\n{first}, the same cross-validation read two ways. By subset: the items where both annotators "
              "gave the same labels, and those an adjudicator decided (macro-F1 over the classes present). By "
              "input: models trained on whole items, shown only the headline of each held-out item (a short "
              "post), or only its body (an article without a headline).\n")
    md.append(md_table(["input", "items", "n", "macro-F1", "accuracy"], view_rows))

    # 2. false positives of the model trained on all gold items
    model = fit(make_default(**({"backend": "lexical"} if ctx.quick else {})), texts, primary, label_sets, extra)
    negatives = themeless_items(ctx, set(ids), 200 if ctx.quick else 2000)
    fp_rows = []
    heads, labels_ = thucnews(ctx) if ctx.data("data", "thucnews_titles", "dev.txt") else ([], [])
    if ctx.quick:
        heads = heads[:500]
    for name, sample in (("新闻联播 items without any theme core word", negatives),
                         ("THUCNews headlines (all 10 classes)", heads)):
        if not sample:
            continue
        results = model.classify_batch(sample, evidence=0)
        primary_fp = float(np.mean([r.label != "other" for r in results]))
        any_fp = float(np.mean([bool(r.labels) for r in results]))
        fp_rows.append([name, len(sample), primary_fp, any_fp])
        data[f"false positives: {name}"] = {"n": len(sample), "primary": primary_fp, "any_label": any_fp}
    md.append("\nFalse-positive rate of the model trained on all gold items (" + model.backend + " backend): "
              "share of theme-free texts given a theme as primary label, or any theme label.\n")
    md.append(md_table(["texts", "n", "primary ≠ other", "any theme label"], fp_rows))

    # 2b. other outlets' style: written articles the model never saw
    heldout, heldout_primary, _ = load_written(WRITTEN_HELDOUT)
    heldout_rows = []
    for view, docs in (("whole", heldout), ("first 120 characters", [t[:120] for t in heldout])):
        rep = metrics.classification_report(heldout_primary, model.predict(docs), labels=CLASSES)
        heldout_rows.append([view, len(docs), rep["macro_f1"], rep["accuracy"],
                             rep["per_class"]["community_governance"]["f1"]])
    data["held-out written articles"] = heldout_rows
    md.append(f"\nThe same model on {len(heldout)} articles we wrote in other outlets' style and never trained on "
              "(`models/data/written_heldout.jsonl`: community-governance stories and near misses labelled "
              "under the guidelines).\n")
    md.append(md_table(["input", "n", "macro-F1", "accuracy", "CG F1"], heldout_rows))

    # 2c. short posts from other outlets (the labelled LCSTS posts) and the extra 新闻联播 items, each half
    # scored by models trained without it
    if not ctx.quick:
        md.append(_held_set(
            ctx, posts, POSTS, texts, primary, label_sets, data, name="posts", without="posts",
            columns=["party_building", "labour_social_work"],
            intro="Short news posts from other outlets: {n} LCSTS Weibo posts we labelled twice under the "
                  "guidelines, {agreed} alike, the rest adjudicated (`{file}`; {counts}), chosen by theme-related "
                  "words plus 100 at random. Each half (by text) is scored by models trained without it; community "
                  "governance and elderly care are too rare here for a per-class score."))
        md.append(_held_set(
            ctx, more, XWLB_EXTRA, texts, primary, label_sets, data, name="extra items", without="xwlb",
            columns=["community_governance", "party_building", "elderly_care"],
            intro="Stories that name community words: the {n} further 新闻联播 items we labelled twice under the "
                  "guidelines, {agreed} alike, the rest adjudicated (`{file}`; {counts}): every unlabelled item "
                  "naming a community-governance word (社区, 网格, 物业, 调解, 志愿服务, …) that is not a "
                  "near-duplicate of a gold item (`models/data/README.md`). Mostly near misses. Each half (by text) "
                  "is scored by models trained without it; labour social work is too rare here for a per-class "
                  "score."))

    # 3. speed: classify_batch on one thread, ~400-character articles
    articles = [t[:400] for t in texts if len(t) >= 400][: 50 if ctx.quick else 300]
    chars = sum(map(len, articles))
    speed_rows = []
    # the model above is the lexical one in quick mode, the default (stacked) one otherwise
    fitted = {"lexical": model} if ctx.quick else {
        "stacked (default)": model,
        **{name: make_default(backend=name).fit(texts, primary, label_sets=label_sets)
           for name in ("lexical", "embedding")},
    }
    from newsnlp import encoders

    encoders._instances["use"] = encoders._instances["use"]._encoder  # time the real encoder, not the cache
    for name, m in fitted.items():
        for label, ev in (("with evidence", 5), ("no evidence", 0)):
            seconds = median_time(lambda: m.classify_batch(articles, evidence=ev), repeats=3)
            speed_rows.append([f"{name}, {label}", len(articles) / seconds, chars / seconds])
    data["speed"] = speed_rows
    md.append(f"\nSpeed of `classify_batch` on {len(articles)} articles of 400 characters, one thread, "
              "median of 3 runs after a warm-up.\n")
    md.append(md_table(["backend", "articles/s", "chars/s"], speed_rows))

    # 4. train your own classes: THUCNews headlines, 10 classes
    if heads:
        n = 600 if ctx.quick else len(heads)
        own_rows = []
        sub_texts, sub_labels = thucnews(ctx)
        sub_texts, sub_labels = sub_texts[:n], sub_labels[:n]
        folds = 3 if ctx.quick else FOLDS

        class NewsnlpLexical:
            def fit(self, texts, y, label_sets=None):
                self.m = Classifier(backend="lexical", other_label=None, seed=SEED).fit(texts, y)
                return self

            def predict(self, texts):
                return self.m.predict(texts)

        trainers = {"newsnlp Classifier (lexical)": NewsnlpLexical, "jieba TF-IDF + LinearSVC": JiebaSVM}
        if _fasttext_available():
            trainers["fastText (jieba words)"] = FastText
        for name, factory in trainers.items():
            t0 = time.perf_counter()
            pred = cv_baseline(factory, sub_texts, sub_labels, folds=folds)
            rep = metrics.classification_report(sub_labels, pred)
            own_rows.append([name, rep["macro_f1"], rep["accuracy"], time.perf_counter() - t0])
        data["thucnews"] = own_rows
        md.append(f"\nTrain your own classes: {len(sub_texts)} THUCNews headlines, 10 classes, stratified "
                  f"{folds}-fold CV (seed {SEED}), same folds for every trainer.\n")
        md.append(md_table(["trainer", "macro-F1", "accuracy", "seconds (all folds)"], own_rows))

    return Section("Theme classification", "\n".join(md), data=data, plots=plots)


def _cross_fit(ctx: Context, held, texts, primary, label_sets, *, without: str,
               columns: list[str]) -> list[list[Any]]:
    """Two-fold cross-fit on a labelled set *held* (texts, primary, label sets) that the recipe trains on: each
    half is scored by the recipe trained on the other half, and by the recipe without the set at all
    (``load_extra(**{without: False})``). Rows: accuracy, F1 of the *columns* classes, theme-vs-other
    precision and recall, multi-label micro-F1."""
    import hashlib

    from newsnlp import metrics

    held_texts, held_primary, held_sets = held
    # halves by text, so that a text repeated under two ids stays in one half
    half = [int(hashlib.md5(t.encode("utf-8")).hexdigest(), 16) % 2 for t in held_texts]
    without_model = fit(make_default(), texts, primary, label_sets, load_extra(ctx.shared, **{without: False}))
    recipes = {
        "the recipe without them": lambda h: without_model,
        "with the other half (shipped recipe)": lambda h: fit(
            make_default(), texts, primary, label_sets,
            load_extra(ctx.shared, leave_out=frozenset(t for t, x in zip(held_texts, half) if x == h))),
    }

    def theme_or_other(labels: list[str]) -> list[str]:
        return ["other" if label == "other" else "theme" for label in labels]

    rows = []
    for name, model_for in recipes.items():
        pred: list[Any] = [None] * len(held_texts)
        for h in (0, 1):
            idx = [i for i, x in enumerate(half) if x == h]
            for i, r in zip(idx, model_for(h).classify_batch([held_texts[i] for i in idx], evidence=0)):
                pred[i] = r
        labels = [r.label for r in pred]
        rep = metrics.classification_report(held_primary, labels, labels=CLASSES)
        ml = metrics.multilabel_report(held_sets, [list(r.labels) for r in pred], labels=THEMES)
        theme = metrics.classification_report(theme_or_other(held_primary), theme_or_other(labels),
                                              labels=["theme", "other"])["per_class"]["theme"]
        rows.append([name, rep["accuracy"], *[rep["per_class"][c]["f1"] for c in columns], theme["precision"],
                     theme["recall"], ml["micro_f1"]])
    return rows


def _held_set(ctx: Context, held, labels_file, texts, primary, label_sets, data: dict[str, Any], *, name: str,
              without: str, columns: list[str], intro: str) -> str:
    """A labelled set the recipe trains on, cross-fitted (``_cross_fit``), as markdown: *intro* (formatted with
    ``n``, ``agreed``, ``file`` and ``counts``) and the table; its rows go to ``data[name]``."""
    rows = _cross_fit(ctx, held, texts, primary, label_sets, without=without, columns=columns)
    data[name] = rows
    n_agreed = sum(row["agreement"] == "both" for row in map(json.loads, labels_file.open(encoding="utf-8")))
    counts = ", ".join(f"{c} {held[1].count(c)}" for c in CLASSES)
    short = {"community_governance": "CG F1", "party_building": "PB F1", "labour_social_work": "LSW F1",
             "elderly_care": "EC F1"}
    return ("\n" + intro.format(n=len(held[0]), agreed=n_agreed, file=f"models/data/{labels_file.name}",
                                counts=counts) + "\n\n"
            + md_table([f"training ({name})", "accuracy", *[short[c] for c in columns], "theme vs other: precision",
                        "recall", "multi-label micro-F1"], rows))


def _confusion_plot(ctx: Context, cm: dict, plots: list[str]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return
    matrix = np.array(cm["matrix"])
    labels = [label.replace("_", "\n") for label in cm["labels"]]
    fig, ax = plt.subplots(figsize=(6, 5))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, matrix[i, j], ha="center", va="center",
                    color="white" if matrix[i, j] > matrix.max() / 2 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title("newsnlp default classifier, 5-fold CV")
    fig.tight_layout()
    name = "classify-confusion" + ("-quick" if ctx.quick else "") + ".png"
    fig.savefig(ctx.out_dir / name, dpi=110)
    plt.close(fig)
    plots.append(name)


if __name__ == "__main__":
    from benchmarks.run import run_one

    run_one(run)
