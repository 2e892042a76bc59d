"""Calibration helpers: integer weights act as repeated rows."""

from __future__ import annotations

import numpy as np
import pytest

from newsnlp.classifier import calibration

rng = np.random.default_rng(0)
LOGITS = rng.normal(size=(60, 3)) * 3
Y = rng.integers(0, 3, 60)
SCORES = rng.normal(size=60)
BINARY = (SCORES + rng.normal(size=60) > 0).astype(int)
WEIGHTS = rng.integers(1, 4, 60)
REPEAT = np.repeat(np.arange(60), WEIGHTS)


def test_temperature_weights_are_repeats():
    assert calibration.fit_temperature(LOGITS, Y, WEIGHTS) == pytest.approx(
        calibration.fit_temperature(LOGITS[REPEAT], Y[REPEAT]), rel=1e-4
    )
    assert calibration.fit_temperature(LOGITS, Y, np.ones(60)) == pytest.approx(calibration.fit_temperature(LOGITS, Y))


def test_platt_weights_are_repeats():
    weighted = calibration.fit_platt(SCORES, BINARY, WEIGHTS)
    repeated = calibration.fit_platt(SCORES[REPEAT], BINARY[REPEAT])
    np.testing.assert_allclose(weighted, repeated, rtol=1e-3)


def test_threshold_weights_are_repeats():
    probs = calibration.platt(SCORES, 1.0, 0.0)
    assert calibration.best_threshold(probs, BINARY, WEIGHTS) == calibration.best_threshold(probs[REPEAT], BINARY[REPEAT])
    assert calibration.best_threshold(probs, np.zeros(60, int)) == 0.5
