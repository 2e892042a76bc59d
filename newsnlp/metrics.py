"""Metrics: Chinese ROUGE, classification and calibration scores, bootstrap confidence intervals.

Every score here is a fraction in ``[0, 1]`` (ROUGE included, as rouge-score
itself returns it); reports multiply by 100 when they print.

- ROUGE is Google's ``rouge-score`` with a Chinese tokenizer: its default one
  keeps only ``[a-z0-9]``, so Chinese text would score 0. ``level="char"``
  (each CJK character a token, ASCII words and numbers whole) is the customary
  metric for Chinese summaries such as LCSTS; ``level="word"`` uses jieba words.
- Classification metrics are scikit-learn's, gathered into plain dicts.
- Calibration: expected calibration error over equal-width confidence bins
  ``[0, 0.1), [0.1, 0.2), ..., [0.9, 1.0]``.
- Bootstrap: percentile confidence intervals and paired tests with numpy's
  seeded ``Generator``, so a run reproduces exactly.

Heavy packages (rouge-score pulls in nltk) are imported on first use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from ._validate import ensure_choice, ensure_positive_int, ensure_text
from .errors import BackendUnavailableError, InputTypeError, InputValueError

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")
LEVELS = ("char", "word")


class Score(NamedTuple):
    """One ROUGE score; the same fields as ``rouge_score.scoring.Score``."""

    precision: float
    recall: float
    fmeasure: float


# --------------------------------------------------------------------------- ROUGE


class _CharTokenizer:
    """CJK characters one token each; ASCII words and numbers whole, lower-cased."""

    def tokenize(self, text: str) -> list[str]:
        from .tokenize import char_tokens

        return char_tokens(text)


class _WordTokenizer:
    """jieba words (newsnlp's private tokenizer), lower-cased, punctuation tokens dropped."""

    def tokenize(self, text: str) -> list[str]:
        from .tokenize import words

        # str.isalnum() is True for CJK characters too, so this keeps words and numbers only.
        return [w.lower() for w in words(text) if any(ch.isalnum() for ch in w)]


@functools.lru_cache(maxsize=None)
def _scorer(level: str, types: tuple[str, ...]):
    from rouge_score import rouge_scorer

    tokenizer = _CharTokenizer() if level == "char" else _WordTokenizer()
    return rouge_scorer.RougeScorer(list(types), tokenizer=tokenizer)


def _check_types(types: Sequence[str]) -> tuple[str, ...]:
    types = tuple(types)
    if not types:
        raise InputValueError("types must name at least one ROUGE variant")
    for t in types:
        ensure_choice(t, "ROUGE type", ROUGE_TYPES)
    return types


def rouge(
    prediction: str,
    reference: str | Sequence[str],
    *,
    level: str = "char",
    types: Sequence[str] = ROUGE_TYPES,
) -> dict[str, Score]:
    """ROUGE of one *prediction* against one *reference* (or the best of several).

    Returns ``{"rouge1": Score(precision, recall, fmeasure), ...}``, each in ``[0, 1]``.
    An empty prediction or reference (no tokens) scores 0.

    >>> rouge("民政部门加强养老服务", "民政部加强养老服务")["rouge1"].recall
    1.0
    """
    ensure_choice(level, "level", LEVELS)
    types = _check_types(types)
    prediction = ensure_text(prediction, "prediction")
    scorer = _scorer(level, types)
    if isinstance(reference, str):
        raw = scorer.score(reference, prediction)  # rouge-score takes (target, prediction)
    elif isinstance(reference, Sequence) and reference:
        refs = [ensure_text(r, "reference") for r in reference]
        raw = scorer.score_multi(refs, prediction)
    else:
        raise InputTypeError(f"reference must be str or a non-empty list of str, got {type(reference).__name__}")
    return {t: Score(float(s.precision), float(s.recall), float(s.fmeasure)) for t, s in raw.items()}


def rouge_items(
    predictions: Sequence[str],
    references: Sequence[str | Sequence[str]],
    *,
    level: str = "char",
    types: Sequence[str] = ROUGE_TYPES,
) -> dict[str, np.ndarray]:
    """Per-item ROUGE: ``{type: array of shape (n, 3)}`` with columns precision, recall, F."""
    _check_pairs(predictions, references, "predictions", "references")
    types = _check_types(types)
    rows = [rouge(p, r, level=level, types=types) for p, r in zip(predictions, references)]
    return {t: np.array([list(row[t]) for row in rows], dtype=float).reshape(len(rows), 3) for t in types}


def rouge_corpus(
    predictions: Sequence[str],
    references: Sequence[str | Sequence[str]],
    *,
    level: str = "char",
    types: Sequence[str] = ROUGE_TYPES,
    return_items: bool = False,
) -> dict[str, Any]:
    """Mean ROUGE over a corpus (the mean of per-item scores, as rouge-score's aggregator does).

    Returns ``{"rouge1": {"precision", "recall", "fmeasure"}, ..., "n": n, "level": level}``,
    scores in ``[0, 1]``. With ``return_items=True`` also ``"items": {type: array (n,)}`` of
    per-item F-measures, ready for :func:`bootstrap_ci` and :func:`paired_bootstrap`.
    """
    _check_pairs(predictions, references, "predictions", "references")
    if not predictions:
        raise InputValueError("rouge_corpus needs at least one prediction/reference pair")
    items = rouge_items(predictions, references, level=level, types=types)
    result: dict[str, Any] = {
        t: dict(zip(("precision", "recall", "fmeasure"), map(float, a.mean(axis=0)))) for t, a in items.items()
    }
    result["n"] = len(predictions)
    result["level"] = level
    if return_items:
        result["items"] = {t: a[:, 2].copy() for t, a in items.items()}
    return result


def _check_pairs(a: Sequence[Any], b: Sequence[Any], name_a: str, name_b: str) -> None:
    for value, name in ((a, name_a), (b, name_b)):
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence | np.ndarray):
            raise InputTypeError(f"{name} must be a sequence (list, tuple or array), got {type(value).__name__}")
    if len(a) != len(b):
        raise InputValueError(f"{name_a} and {name_b} differ in length: {len(a)} != {len(b)}")


# --------------------------------------------------------------------------- classification


def _as_labels(values: Any, name: str) -> list[Any]:
    if isinstance(values, (str, bytes)):
        raise InputTypeError(f"{name} must be a sequence of labels, not a single {type(values).__name__}")
    return list(values)


def classification_report(
    y_true: Sequence[Any], y_pred: Sequence[Any], labels: Sequence[Any] | None = None
) -> dict[str, Any]:
    """Single-label scores: accuracy, macro/micro/weighted F1, per-class P/R/F1/support, confusion matrix.

    *labels* fixes the classes and their order (default: every label seen, sorted).
    Classes never predicted get precision 0 rather than a warning.
    """
    from sklearn import metrics as skm

    y_true, y_pred = _as_labels(y_true, "y_true"), _as_labels(y_pred, "y_pred")
    _check_pairs(y_true, y_pred, "y_true", "y_pred")
    if not y_true:
        raise InputValueError("classification_report needs at least one item")
    labels = sorted(set(y_true) | set(y_pred), key=str) if labels is None else list(labels)
    p, r, f, s = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    averaged = {
        avg: skm.f1_score(y_true, y_pred, labels=labels, average=avg, zero_division=0)
        for avg in ("macro", "micro", "weighted")
    }
    return {
        "n": len(y_true),
        "accuracy": float(skm.accuracy_score(y_true, y_pred)),
        "macro_f1": float(averaged["macro"]),
        "micro_f1": float(averaged["micro"]),
        "weighted_f1": float(averaged["weighted"]),
        "per_class": {
            str(lab): {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)
        },
        "confusion_matrix": {
            "labels": [str(lab) for lab in labels],  # rows: gold, columns: predicted
            "matrix": skm.confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        },
    }


def multilabel_report(
    true_lists: Sequence[Sequence[Any]], pred_lists: Sequence[Sequence[Any]], labels: Sequence[Any] | None = None
) -> dict[str, Any]:
    """Multi-label scores from label lists: micro/macro/samples F1, exact match, Hamming loss, per-class.

    An item may have no labels. A label outside *labels* is an error, not silently dropped.
    """
    from sklearn import metrics as skm
    from sklearn.preprocessing import MultiLabelBinarizer

    _check_pairs(true_lists, pred_lists, "true_lists", "pred_lists")
    if not true_lists:
        raise InputValueError("multilabel_report needs at least one item")
    true_sets = [set(_as_labels(x, "each true label list")) for x in true_lists]
    pred_sets = [set(_as_labels(x, "each predicted label list")) for x in pred_lists]
    seen = set().union(*true_sets, *pred_sets)
    if labels is None:
        labels = sorted(seen, key=str)
    else:
        labels = list(labels)
        unknown = seen - set(labels)
        if unknown:
            raise InputValueError(f"labels not in the label set {labels}: {sorted(map(str, unknown))}")
    mlb = MultiLabelBinarizer(classes=labels)
    yt, yp = mlb.fit_transform(true_sets), mlb.transform(pred_sets)
    p, r, f, s = skm.precision_recall_fscore_support(yt, yp, zero_division=0)
    return {
        "n": len(true_sets),
        "labels": [str(lab) for lab in labels],
        "micro_f1": float(skm.f1_score(yt, yp, average="micro", zero_division=0)),
        "macro_f1": float(skm.f1_score(yt, yp, average="macro", zero_division=0)),
        "samples_f1": float(skm.f1_score(yt, yp, average="samples", zero_division=0)),
        "micro_precision": float(skm.precision_score(yt, yp, average="micro", zero_division=0)),
        "micro_recall": float(skm.recall_score(yt, yp, average="micro", zero_division=0)),
        "exact_match": float(np.mean([t == q for t, q in zip(true_sets, pred_sets)])),
        "hamming_loss": float(skm.hamming_loss(yt, yp)),
        "per_class": {
            str(lab): {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, lab in enumerate(labels)
        },
    }


# --------------------------------------------------------------------------- calibration


def _confidence_outcome(
    probs: Any, y_true: Any, classes: Sequence[Any] | None, multilabel: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Flatten to (confidence, outcome) pairs: top label per item, or every (item, label) when multi-label."""
    probs = np.asarray(probs, dtype=float)
    if probs.ndim != 2 or probs.shape[0] == 0:
        raise InputValueError(f"probs must be a non-empty 2-d array (items x classes), got shape {probs.shape}")
    if not np.all(np.isfinite(probs)) or probs.min() < 0 or probs.max() > 1:
        raise InputValueError("probs must be finite probabilities in [0, 1]")
    n, k = probs.shape
    if classes is not None and len(classes) != k:
        raise InputValueError(f"classes has {len(classes)} entries but probs has {k} columns")
    if multilabel:
        if classes is not None and len(y_true) == n and all(isinstance(x, (list, tuple, set)) for x in y_true):
            index = {c: j for j, c in enumerate(classes)}
            truth = np.zeros((n, k))
            for i, labs in enumerate(y_true):
                for lab in labs:
                    if lab in index:  # a gold label the model does not know cannot be scored
                        truth[i, index[lab]] = 1
        else:
            truth = np.asarray(y_true, dtype=float)
        if truth.shape != probs.shape:
            raise InputValueError(
                f"multi-label y_true must be label lists (with classes) or a 0/1 array of shape {probs.shape}"
            )
        return probs.ravel(), truth.ravel()
    y_true = _as_labels(y_true, "y_true")
    if len(y_true) != n:
        raise InputValueError(f"y_true has {len(y_true)} items but probs has {n} rows")
    top = probs.argmax(axis=1)
    if classes is None:  # y_true holds column indices
        correct = np.array([t == j for t, j in zip(y_true, top)])
    else:
        correct = np.array([t == classes[j] for t, j in zip(y_true, top)])
    return probs.max(axis=1), correct.astype(float)


def _bins(confidence: np.ndarray, n_bins: int) -> np.ndarray:
    # Bins are [i/B, (i+1)/B); a confidence of exactly 1.0 joins the last bin.
    return np.minimum((confidence * n_bins).astype(int), n_bins - 1)


def reliability_table(
    probs: Any,
    y_true: Any,
    *,
    n_bins: int = 10,
    classes: Sequence[Any] | None = None,
    multilabel: bool = False,
) -> list[dict[str, Any]]:
    """One row per equal-width bin: ``{bin, low, high, count, confidence, accuracy}``.

    Top-label (default): each item's highest probability against whether that
    class is the gold one; *y_true* holds class indices, or labels when *classes*
    names the columns. ``multilabel=True``: every (item, label) probability
    against whether the label is gold; *y_true* is a 0/1 array or label lists.
    Empty bins have ``confidence`` and ``accuracy`` ``None``.
    """
    n_bins = ensure_positive_int(n_bins, "n_bins")
    conf, outcome = _confidence_outcome(probs, y_true, classes, multilabel)
    which = _bins(conf, n_bins)
    rows = []
    for b in range(n_bins):
        mask = which == b
        count = int(mask.sum())
        rows.append(
            {
                "bin": b,
                "low": b / n_bins,
                "high": (b + 1) / n_bins,
                "count": count,
                "confidence": float(conf[mask].mean()) if count else None,
                "accuracy": float(outcome[mask].mean()) if count else None,
            }
        )
    return rows


def expected_calibration_error(
    probs: Any,
    y_true: Any,
    *,
    n_bins: int = 10,
    classes: Sequence[Any] | None = None,
    multilabel: bool = False,
) -> float:
    """ECE: the count-weighted mean gap ``|accuracy - confidence|`` over the bins of :func:`reliability_table`."""
    rows = reliability_table(probs, y_true, n_bins=n_bins, classes=classes, multilabel=multilabel)
    total = sum(r["count"] for r in rows)
    return float(sum(r["count"] * abs(r["accuracy"] - r["confidence"]) for r in rows if r["count"]) / total)


# --------------------------------------------------------------------------- bootstrap


def _check_resampling(n_resamples: int, confidence: float) -> None:
    ensure_positive_int(n_resamples, "n_resamples")
    if not 0 < confidence < 1:
        raise InputValueError(f"confidence must be between 0 and 1, got {confidence}")


def _scores_array(scores: Any, name: str) -> np.ndarray:
    a = np.asarray(scores, dtype=float)
    if a.ndim != 1 or a.size == 0:
        raise InputValueError(f"{name} must be a non-empty 1-d sequence of per-item scores")
    return a


def _resampled_means(values: np.ndarray, n_resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Means of *values* over *n_resamples* bootstrap samples, drawn in chunks to bound memory."""
    n = values.size
    chunk = max(1, 2_000_000 // n)
    out = np.empty(n_resamples)
    for start in range(0, n_resamples, chunk):
        stop = min(start + chunk, n_resamples)
        out[start:stop] = values[rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    return out


def bootstrap_ci(
    scores: Any, *, n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95
) -> dict[str, float]:
    """Mean of per-item *scores* with a percentile bootstrap interval: ``{mean, ci_low, ci_high, n}``."""
    _check_resampling(n_resamples, confidence)
    a = _scores_array(scores, "scores")
    means = _resampled_means(a, n_resamples, np.random.default_rng(seed))
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return {"mean": float(a.mean()), "ci_low": float(low), "ci_high": float(high), "n": int(a.size)}


def _paired_summary(delta: float, boot: np.ndarray, confidence: float, n: int) -> dict[str, float]:
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(boot, [tail, 100 - tail])
    # Two-sided p-value from the bootstrap distribution shifted to the null (delta = 0):
    # how often a resample strays from the observed delta at least as far as delta is from 0.
    # Add-one smoothing: a finite number of resamples never proves p = 0.
    extreme = np.sum(np.abs(boot - delta) >= abs(delta) - 1e-12)
    return {
        "delta": float(delta),
        "ci_low": float(low),
        "ci_high": float(high),
        "p_value": float((extreme + 1) / (boot.size + 1)),
        "n": n,
    }


def paired_bootstrap(
    scores_a: Any, scores_b: Any, *, n_resamples: int = 1000, seed: int = 0, confidence: float = 0.95
) -> dict[str, float]:
    """Paired bootstrap test of ``mean(scores_a) - mean(scores_b)`` over the same items.

    For metrics that are a mean of per-item scores (ROUGE, accuracy). Returns
    ``{delta, ci_low, ci_high, p_value, n}``; a p-value below 0.05 with a CI
    excluding 0 says A and B differ on data like this.
    """
    _check_resampling(n_resamples, confidence)
    a, b = _scores_array(scores_a, "scores_a"), _scores_array(scores_b, "scores_b")
    if a.size != b.size:
        raise InputValueError(f"scores_a and scores_b differ in length: {a.size} != {b.size}")
    diff = a - b
    boot = _resampled_means(diff, n_resamples, np.random.default_rng(seed))
    return _paired_summary(float(diff.mean()), boot, confidence, int(a.size))


def _take(seq: Any, idx: np.ndarray) -> Any:
    return seq[idx] if isinstance(seq, np.ndarray) else [seq[i] for i in idx]


def paired_bootstrap_metric(
    metric_fn: Callable[[Any, Any], float],
    gold: Sequence[Any],
    pred_a: Sequence[Any],
    pred_b: Sequence[Any],
    *,
    n_resamples: int = 1000,
    seed: int = 0,
    confidence: float = 0.95,
) -> dict[str, float]:
    """Paired bootstrap for a corpus metric that is not a mean (macro-F1, multi-label F1).

    ``metric_fn(gold, pred) -> float`` in scikit-learn's argument order, e.g.
    ``lambda g, p: f1_score(g, p, average="macro")``. Each resample draws the
    same items for A and B. Returns ``{delta, ci_low, ci_high, p_value, n}``.
    """
    _check_resampling(n_resamples, confidence)
    if not callable(metric_fn):
        raise InputTypeError("metric_fn must be callable as metric_fn(gold, pred)")
    _check_pairs(gold, pred_a, "gold", "pred_a")
    _check_pairs(gold, pred_b, "gold", "pred_b")
    n = len(gold)
    if n == 0:
        raise InputValueError("paired_bootstrap_metric needs at least one item")
    delta = float(metric_fn(gold, pred_a) - metric_fn(gold, pred_b))
    rng = np.random.default_rng(seed)
    boot = np.empty(n_resamples)
    for i in range(n_resamples):
        idx = rng.integers(0, n, size=n)
        g = _take(gold, idx)
        boot[i] = metric_fn(g, _take(pred_a, idx)) - metric_fn(g, _take(pred_b, idx))
    return _paired_summary(delta, boot, confidence, n)


# --------------------------------------------------------------------------- article splitting


def split_scores(*args: Any, **kwargs: Any) -> Any:
    """Article-split scores of a page: ``newsnlp.layout.split_scores`` (see its docstring)."""
    try:
        from .layout import split_scores as _split_scores
    except ImportError as exc:  # layout is optional during development; say so plainly
        raise BackendUnavailableError(f"split scores need newsnlp.layout, which failed to import: {exc}") from exc
    return _split_scores(*args, **kwargs)


__all__ = [
    "ROUGE_TYPES",
    "Score",
    "bootstrap_ci",
    "classification_report",
    "expected_calibration_error",
    "multilabel_report",
    "paired_bootstrap",
    "paired_bootstrap_metric",
    "reliability_table",
    "rouge",
    "rouge_corpus",
    "rouge_items",
    "split_scores",
]
