"""Calibration fitted on out-of-fold scores: temperature scaling and Platt scaling.

Logistic regression with class weights and strong regularisation is not
calibrated out of the box (balanced weights inflate the rare classes); both
fixes have one or two parameters, so a few hundred held-out scores fit them.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import expit, log_softmax


def fit_temperature(logits: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The temperature T minimising the (weighted) log loss of ``softmax(logits / T)`` on true class indices *y*."""

    def nll(log_t: float) -> float:
        logp = log_softmax(logits / np.exp(log_t), axis=1)
        return float(-np.average(logp[np.arange(len(y)), y], weights=weights))

    result = minimize_scalar(nll, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(result.x))


def fit_platt(scores: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, float]:
    """Parameters (a, b) of ``sigmoid(a * score + b)`` fitted to binary *y* (rows weighted by *weights*)."""
    from sklearn.linear_model import LogisticRegression

    if len(np.unique(y)) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, max_iter=1000).fit(scores.reshape(-1, 1), y, sample_weight=weights)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def platt(scores: np.ndarray, a: float, b: float) -> np.ndarray:
    return expit(a * scores + b)


def best_threshold(
    probs: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, lo: float = 0.2, hi: float = 0.8
) -> float:
    """The probability cut in [lo, hi] with the best (weighted) F1 on (probs, y); 0.5 when y has no positives."""
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    positives = float(w[y == 1].sum())
    if positives == 0:
        return 0.5
    best_t, best_f1 = 0.5, -1.0
    for t in np.arange(lo, hi + 1e-9, 0.05):
        pred = probs >= t
        tp = float(w[pred & (y == 1)].sum())
        f1 = 2 * tp / max(float(w[pred].sum()) + positives, 1e-12)
        if f1 > best_f1 + 1e-12:
            best_t, best_f1 = float(t), f1
    return round(best_t, 2)
