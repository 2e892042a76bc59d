"""Train newsnlp's sentence scorer (the ``learned`` / ``default`` summary method).

    python models/train_summarizer.py [--shared ../shared] [--out newsnlp/_models/summarizer]

Data: LCSTS posts with their human one-line summaries and 新闻联播 stories with
their editors' titles (see benchmarks/bench_summarize.py for the fixed
train/dev/test splits; test is never read here).  Each body sentence of a
document gets newsnlp.summarize's features; the label is 1 for the sentence
with the best character ROUGE-L F1 against the reference (the oracle), 0 for
the others.  A standardised logistic regression is fitted on ``train`` for a
few regularisation strengths; the one with the best dev ROUGE-L of the
top-scored sentence is kept, and written as JSON (feature names, means,
scales, coefficients), with the dev scores of every method for the record.
Deterministic: fixed seed, fixed splits, liblinear-free lbfgs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.bench_summarize import lcsts_items, xwlb_items  # noqa: E402
import newsnlp.summarizer as S  # noqa: E402
from newsnlp.metrics import rouge  # noqa: E402

SEED = 0
C_GRID = (0.01, 0.1, 1.0, 10.0)
XWLB_TRAIN_MAX = 4000  # enough stories; keeps the run to a couple of minutes


def rouge_l(prediction: str, reference: str) -> float:
    return rouge(prediction, reference, types=("rougeL",))["rougeL"].fmeasure


def featurise(items: list[tuple[str, str]]) -> list[tuple[np.ndarray, np.ndarray, S._Doc]]:
    """Per document: features (n x F), ROUGE-L of each body sentence vs the reference, the _Doc."""
    out = []
    for text, ref in items:
        document = S._clean(text)
        sentences = S._body_sentences(document)
        if not sentences:
            continue
        doc = S._Doc(document, sentences)
        y = np.array([rouge_l(s.text, ref) for s in sentences])
        out.append((doc.features(), y, doc))
    return out


def top1(docs, scorer) -> float:
    """Mean ROUGE-L of the top-scored sentence (ties to the earlier sentence)."""
    return float(np.mean([y[int(np.argmax(scorer(f, d)))] for f, y, d in docs]))


def fit(docs, c: float):
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([f for f, y, d in docs if len(y) > 1])
    labels = np.concatenate([(np.arange(len(y)) == np.argmax(y)).astype(int) for f, y, d in docs if len(y) > 1])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    model.fit((x - mean) / scale, labels)
    return {"mean": mean, "scale": scale, "coef": model.coef_[0], "intercept": float(model.intercept_[0])}


def as_scorer(params):
    return lambda f, d: (f - params["mean"]) / params["scale"] @ params["coef"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=REPO / "newsnlp/_models/summarizer")
    args = ap.parse_args()

    t0 = time.time()
    rng = np.random.default_rng(SEED)
    xwlb_train = xwlb_items(args.shared, "train")
    xwlb_train = [xwlb_train[i] for i in sorted(rng.choice(len(xwlb_train), XWLB_TRAIN_MAX, replace=False))]
    train = featurise(lcsts_items(args.shared, "train")) + featurise(xwlb_train)
    dev = {"lcsts": featurise(lcsts_items(args.shared, "dev")), "xwlb": featurise(xwlb_items(args.shared, "dev"))}
    print(f"featurised {len(train)} train docs, dev {[len(v) for v in dev.values()]} in {time.time() - t0:.0f}s")

    baselines = {
        "lead": lambda f, d: -np.arange(d.n),
        "textrank": lambda f, d: d.textrank,
        "mmr": lambda f, d: d.centroid_sim,
        "oracle": None,
    }
    record: dict[str, dict[str, float]] = {}
    for name, scorer in baselines.items():
        record[name] = {
            k: (float(np.mean([y.max() for f, y, d in v])) if scorer is None else top1(v, scorer))
            for k, v in dev.items()
        }
    best = None
    for c in C_GRID:
        params = fit(train, c)
        scores = {k: top1(v, as_scorer(params)) for k, v in dev.items()}
        record[f"learned C={c}"] = scores
        mean = float(np.mean(list(scores.values())))
        if best is None or mean > best[0]:
            best = (mean, c, params)
    for name, scores in record.items():
        print(f"{name:16s} " + "  ".join(f"{k} RL {100 * v:.2f}" for k, v in scores.items()))

    _, c, params = best
    args.out.mkdir(parents=True, exist_ok=True)
    spec = {
        "kind": "logistic-regression sentence scorer",
        "features": list(S.FEATURES),
        "mean": [round(float(v), 6) for v in params["mean"]],
        "scale": [round(float(v), 6) for v in params["scale"]],
        "coef": [round(float(v), 6) for v in params["coef"]],
        "intercept": round(params["intercept"], 6),
        "C": c,
        "seed": SEED,
        "train_docs": len(train),
        "dev_rougeL_char_top1": {k: {d: round(v, 4) for d, v in s.items()} for k, s in record.items()},
        "trained_by": "models/train_summarizer.py",
    }
    (args.out / "scorer.json").write_text(json.dumps(spec, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"C={c}; wrote {args.out / 'scorer.json'} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
