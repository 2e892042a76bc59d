"""Train newsnlp's sentence scorer (the ``learned`` / ``default`` summary method).

    python -m models.train_summarizer [--shared ../shared] [--out newsnlp/_models/summarizer]

Data: LCSTS posts with their human one-line summaries and 新闻联播 stories with
their editors' titles (see benchmarks/bench_summarize.py for the fixed
train/dev/test splits; test is never read here).

1. Salience.  Every distinct character and character bigram of an LCSTS
   train post is labelled by whether it appears in the post's headline.  Its
   ``prior`` is the smoothed log-odds of that over the other training posts
   (out-of-fold: five folds by post, so that the model learns how far to
   trust a prior on unseen text); the shipped table is built from all train
   posts and keeps the units seen in at least ``MIN_DOCS`` of them.  A
   logistic regression over ``UNIT_FEATURES`` is fitted for characters and
   one for bigrams.
2. Sentences.  Every body sentence's character ROUGE-L F1 against the
   reference is the target of a ridge regression over ``FEATURES``, one per
   length regime: ``post`` (body text up to ``POST_MAX_CHARS``, the length
   limit of a Weibo post) and ``article``, each fitted on all the train
   documents of its length, LCSTS posts and 新闻联播 stories together.  Each
   regime's ridge strength is the one with the best ROUGE-L of the
   top-scored sentence on the dev documents of its length.

The JSON written holds the prior tables, both salience models, both
regressions and the dev scores of every method, for the record.
Deterministic: fixed folds, fixed splits, lbfgs and closed-form ridge.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_summarize import lcsts_items, xwlb_items  # noqa: E402
import newsnlp.summarizer as S  # noqa: E402
from newsnlp.metrics import rouge  # noqa: E402

SEED = 0
FOLDS = 5  # out-of-fold priors for the salience models' own training posts
MIN_DOCS = 2  # a unit enters a shipped prior table when it occurs in this many train posts
SMOOTHING = 5.0  # pseudo-documents at the base rate in each prior
SALIENCE_C = 1.0
ALPHAS = (1.0, 10.0, 100.0, 1000.0)
POST_MAX_CHARS = 140  # body characters: a Weibo post's limit; longer texts are articles


# --------------------------------------------------------------------------- data


class Item:
    """One training document: its _Doc, each sentence's ROUGE-L, and the headline's units."""

    def __init__(self, text: str, reference: str) -> None:
        document = S._clean(text)
        self.doc = S._Doc(document, S._body_sentences(document))
        self.rouge_l = np.array([rouge(s.text, reference, types=("rougeL",))["rougeL"].fmeasure
                                 for s in self.doc.sentences])
        self.reference_units = S._Units([reference]).keys

    def labels(self) -> np.ndarray:
        """Whether each unit of the document is in the headline."""
        return np.isin(self.doc.units.keys, self.reference_units)


def load(items: list[tuple[str, str]]) -> list[Item]:
    out = [Item(t, r) for t, r in items]
    return [it for it in out if it.doc.n]


# --------------------------------------------------------------------------- salience

KINDS = ("char_salience", "bigram_salience")


def unit_counts(items: list[Item]) -> tuple[Counter, Counter]:
    """Per unit: documents holding it, and those whose headline holds it too."""
    seen, hit = Counter(), Counter()
    for it in items:
        keys = it.doc.units.keys
        seen.update(keys.tolist())
        hit.update(keys[it.labels()].tolist())
    return seen, hit


def prior_tables(seen: Counter, hit: Counter) -> list[tuple[dict[int, float], float]]:
    """Per kind (characters, bigrams): smoothed log-odds that a unit of a text is in its headline, for the
    units seen in MIN_DOCS documents, and the default for the others (the kind's base rate)."""
    tables = []
    for kind in (0, 1):
        keys = [k for k in seen if (k >= S._BIGRAM) == kind]
        base = sum(hit[k] for k in keys) / max(sum(seen[k] for k in keys), 1)
        table = {
            k: float(np.log((hit[k] + SMOOTHING * base) / (seen[k] - hit[k] + SMOOTHING * (1 - base))))
            for k in keys if seen[k] >= MIN_DOCS
        }
        tables.append((table, float(np.log(base / (1 - base)))))
    return tables


def unit_features(item: Item, tables) -> np.ndarray:
    """UNIT_FEATURES of the item's units, with priors from *tables* (see prior_tables)."""
    units = item.doc.units
    prior = [tables[k >= S._BIGRAM][0].get(k, tables[k >= S._BIGRAM][1]) for k in units.keys.tolist()]
    return units.features(np.array(prior, dtype=np.float64))


def fit_salience(x: np.ndarray, y: np.ndarray) -> dict:
    """A logistic regression over standardised features."""
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=SALIENCE_C, max_iter=5000, random_state=SEED).fit((x - mean) / scale, y)
    return {
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
    }


# --------------------------------------------------------------------------- sentences


def top1(items: list[Item], scores: list[np.ndarray]) -> float:
    """Mean ROUGE-L of the top-scored sentence (ties to the earlier sentence)."""
    return float(np.mean([it.rouge_l[int(np.argmax(s))] for it, s in zip(items, scores)]))


def fit_ridge(feats: list[np.ndarray], items: list[Item], alpha: float) -> dict:
    from sklearn.linear_model import Ridge

    x = np.vstack(feats)
    y = np.concatenate([it.rouge_l for it in items])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = Ridge(alpha=alpha).fit((x - mean) / scale, y)
    return {"mean": mean, "scale": scale, "coef": model.coef_, "intercept": float(model.intercept_)}


def regime_of(item: Item) -> int:
    return 0 if item.doc.lengths.sum() <= POST_MAX_CHARS else 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "newsnlp/_models/summarizer")
    args = ap.parse_args()

    t0 = time.time()
    posts = load(lcsts_items(args.shared, "train"))
    stories = load(xwlb_items(args.shared, "train"))
    dev = {"lcsts": load(lcsts_items(args.shared, "dev")), "xwlb": load(xwlb_items(args.shared, "dev"))}
    print(f"{len(posts)} train posts, {len(stories)} train stories, dev {[len(v) for v in dev.values()]}"
          f" ({time.time() - t0:.0f}s)", flush=True)

    # 1. salience: out-of-fold priors for the train posts, full-train priors for everything else
    folds = np.arange(len(posts)) % FOLDS
    fold_counts = [unit_counts([p for p, f in zip(posts, folds) if f == k]) for k in range(FOLDS)]
    seen = sum((c[0] for c in fold_counts), Counter())
    hit = sum((c[1] for c in fold_counts), Counter())
    full = prior_tables(seen, hit)
    out_of_fold = [prior_tables(seen - fold_counts[k][0], hit - fold_counts[k][1]) for k in range(FOLDS)]
    post_units = [unit_features(p, out_of_fold[f]) for p, f in zip(posts, folds)]
    is_char = np.concatenate([p.doc.units.is_char for p in posts])
    x, y = np.vstack(post_units), np.concatenate([p.labels() for p in posts])
    salience = {}
    for kind, name in enumerate(KINDS):
        rows = is_char if kind == 0 else ~is_char
        salience[name] = fit_salience(x[rows], y[rows])
        table, default = full[kind]
        to_str = chr if kind == 0 else (lambda k: chr((k - S._BIGRAM) >> 21) + chr((k - S._BIGRAM) & 0x1FFFFF))
        salience[name]["prior"] = {to_str(k): round(v, 4) for k, v in sorted(table.items())}
        salience[name]["prior_default"] = round(default, 6)
        print(f"{name}: {rows.sum()} units, {len(table)} in the prior table ({time.time() - t0:.0f}s)", flush=True)
    models = (S._Salience(salience[KINDS[0]], S._char_key), S._Salience(salience[KINDS[1]], S._bigram_key))

    def sentence_features(items: list[Item], units: list[np.ndarray]) -> list[np.ndarray]:
        out = []
        for it, feats in zip(items, units):
            nc = it.doc.units.n_chars
            out.append(it.doc.features(np.concatenate([models[0](feats[:nc]), models[1](feats[nc:])])))
        return out

    train_feats = [sentence_features(posts, post_units),
                   sentence_features(stories, [unit_features(s, full) for s in stories])]
    dev_feats = {k: sentence_features(v, [unit_features(it, full) for it in v]) for k, v in dev.items()}
    print(f"features ({time.time() - t0:.0f}s)", flush=True)

    # 2. one ridge regression per length regime, fitted on every train document of that length
    # (posts and stories alike), its strength picked on the dev documents of that length
    record: dict[str, dict[str, float]] = {}
    baselines = {
        "lead": lambda it: -np.arange(it.doc.n),
        "textrank": lambda it: it.doc.textrank,
        "mmr": lambda it: it.doc.centroid_sim,
        "oracle": lambda it: it.rouge_l,
    }
    for name, scorer in baselines.items():
        record[name] = {k: top1(v, [scorer(it) for it in v]) for k, v in dev.items()}

    def predict(params, f):
        return (f - params["mean"]) / params["scale"] @ params["coef"] + params["intercept"]

    train = list(zip(posts + stories, train_feats[0] + train_feats[1]))
    dev_all = [(it, f) for k in dev for it, f in zip(dev[k], dev_feats[k])]
    regimes = []
    for regime in (0, 1):
        items, feats = zip(*[(it, f) for it, f in train if regime_of(it) == regime])
        dev_items, dev_f = zip(*[(it, f) for it, f in dev_all if regime_of(it) == regime])
        best = None
        for alpha in ALPHAS:
            params = fit_ridge(list(feats), list(items), alpha)
            value = top1(list(dev_items), [predict(params, f) for f in dev_f])
            print(f"regime {regime} ({len(items)} train, {len(dev_items)} dev docs) alpha {alpha:g}: "
                  f"dev RL {100 * value:.2f}", flush=True)
            if best is None or value > best[0]:
                best = (value, alpha, params)
        regimes.append((best[1], best[2]))

    def model_scores(items, feats):
        return [predict(regimes[regime_of(it)][1], f) for it, f in zip(items, feats)]

    record["learned"] = {k: top1(v, model_scores(v, dev_feats[k])) for k, v in dev.items()}
    for name, values in record.items():
        print(f"{name:10s} " + "  ".join(f"{k} RL {100 * v:.2f}" for k, v in values.items()))

    spec = {
        "kind": "ridge regression of each sentence's ROUGE-L F1, over character and bigram salience",
        "features": list(S.FEATURES),
        "unit_features": list(S.UNIT_FEATURES),
        **salience,
        "regimes": [
            {
                "name": name,
                "max_chars": max_chars,
                "alpha": alpha,
                "mean": [round(float(v), 6) for v in params["mean"]],
                "scale": [round(float(v), 6) for v in params["scale"]],
                "coef": [round(float(v), 6) for v in params["coef"]],
                "intercept": round(params["intercept"], 6),
            }
            for name, max_chars, (alpha, params) in zip(("post", "article"), (POST_MAX_CHARS, None), regimes)
        ],
        "seed": SEED,
        "train_docs": {"lcsts": len(posts), "xwlb": len(stories)},
        "dev_rougeL_char_top1": {k: {d: round(v, 4) for d, v in s.items()} for k, s in record.items()},
        "trained_by": "models/train_summarizer.py",
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scorer.json").write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out / 'scorer.json'} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
