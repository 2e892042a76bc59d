"""newsnlp.metrics: hand-computed ROUGE, scikit-learn reports, calibration and bootstrap."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp import metrics
from newsnlp.errors import BackendUnavailableError, InputTypeError, InputValueError
from newsnlp.metrics import (
    bootstrap_ci,
    classification_report,
    expected_calibration_error,
    multilabel_report,
    paired_bootstrap,
    paired_bootstrap_metric,
    reliability_table,
    rouge,
    rouge_corpus,
)


def prf(p: float, r: float) -> tuple[float, float, float]:
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def assert_score(score, expected) -> None:
    assert tuple(score) == pytest.approx(prf(*expected))


# --------------------------------------------------------------------------- ROUGE, char level


def test_identical_chinese_scores_one():
    s = rouge("社区治理创新", "社区治理创新")
    for t in ("rouge1", "rouge2", "rougeL"):
        assert_score(s[t], (1, 1))


def test_one_extra_character():
    # prediction 民政部门加强养老服务 (10 chars) vs reference 民政部加强养老服务 (9 chars)
    s = rouge("民政部门加强养老服务", "民政部加强养老服务")
    assert_score(s["rouge1"], (9 / 10, 9 / 9))
    # bigrams: 9 predicted, 8 gold, shared: 民政 政部 加强 强养 养老 老服 服务
    assert_score(s["rouge2"], (7 / 9, 7 / 8))
    assert_score(s["rougeL"], (9 / 10, 9 / 9))


def test_word_order_only_hurts_bigrams_and_lcs():
    s = rouge("服务养老", "养老服务")
    assert_score(s["rouge1"], (1, 1))
    assert_score(s["rouge2"], (2 / 3, 2 / 3))  # 服务 and 养老 shared, 务养 / 老服 not
    assert_score(s["rougeL"], (2 / 4, 2 / 4))


def test_ascii_words_and_numbers_inside_chinese_stay_whole_and_lower_cased():
    # tokens: 今 年 gdp 增 长 5.2% -> identical after lower-casing
    assert_score(rouge("今年GDP增长5.2%", "今年gdp增长5.2%")["rouge1"], (1, 1))
    # 5.2% and 5.3% are one token each, so they do not share the digits 5 and 2
    assert_score(rouge("增长5.2%", "增长5.3%")["rouge1"], (2 / 3, 2 / 3))
    assert_score(rouge("AI养老", "ai 养老")["rouge2"], (1, 1))  # bigrams (ai, 养) (养, 老)


def test_repeated_characters_are_clipped():
    s = rouge("好好好", "好")
    assert_score(s["rouge1"], (1 / 3, 1))
    assert_score(s["rouge2"], (0, 0))  # the reference has no bigram
    assert_score(s["rougeL"], (1 / 3, 1))
    s = rouge("好好", "好好好好")
    assert_score(s["rouge1"], (1, 2 / 4))
    assert_score(s["rouge2"], (1, 1 / 3))  # 好好 once predicted, three times in the reference
    assert_score(s["rougeL"], (1, 2 / 4))


@pytest.mark.parametrize(
    "pred, ref", [("", "养老"), ("养老", ""), ("", ""), ("。，！——", "养老"), ("  ", "  ")]
)
def test_empty_or_punctuation_only_scores_zero(pred, ref):
    for score in rouge(pred, ref).values():
        assert tuple(score) == (0, 0, 0)


def test_punctuation_and_spaces_are_ignored():
    assert_score(rouge("养老，服务！", "养老 服务")["rouge2"], (1, 1))


def test_best_of_several_references():
    s = rouge("社区养老", ["工会驿站", "社区养老服务"])
    assert_score(s["rouge1"], (4 / 4, 4 / 6))


# --------------------------------------------------------------------------- ROUGE, word level


def test_word_level_uses_jieba_words_without_punctuation():
    s = rouge("民政部门加强养老服务", "民政部加强养老服务", level="word")
    # words: 民政部门|加强|养老服务 vs 民政部|加强|养老服务 -> 2 of 3 shared
    assert_score(s["rouge1"], (2 / 3, 2 / 3))
    assert_score(rouge("养老服务，", "养老服务", level="word")["rouge1"], (1, 1))
    # a word that differs is a miss at word level but a partial hit at char level
    assert rouge("民政部门", "民政部", level="word")["rouge1"].fmeasure == 0
    assert rouge("民政部门", "民政部", level="char")["rouge1"].fmeasure > 0


# --------------------------------------------------------------------------- ROUGE against rouge-score itself

_VOCAB = ["the", "council", "votes", "on", "new", "care", "homes", "2024", "budget", "of", "42", "workers", "union"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(_VOCAB), max_size=15),
    st.lists(st.sampled_from(_VOCAB), max_size=15),
    st.sampled_from([" ", ", ", "; ", " - "]),
)
def test_equals_rouge_score_default_tokenizer_on_ascii(pred_words, ref_words, sep):
    from rouge_score import rouge_scorer

    pred, ref = sep.join(w.upper() if i % 3 == 0 else w for i, w in enumerate(pred_words)), sep.join(ref_words)
    expected = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"]).score(ref, pred)
    got = rouge(pred, ref)
    for t in expected:
        assert tuple(got[t]) == pytest.approx(tuple(expected[t]))


def test_corpus_is_the_mean_of_items_with_items_for_bootstrap():
    preds, refs = ["好好好", "养老服务"], ["好", "养老服务"]
    res = rouge_corpus(preds, refs, return_items=True)
    assert res["n"] == 2 and res["level"] == "char"
    assert res["rouge1"]["precision"] == pytest.approx((1 / 3 + 1) / 2)
    assert res["rouge1"]["fmeasure"] == pytest.approx((0.5 + 1) / 2)
    assert res["items"]["rouge1"] == pytest.approx([0.5, 1.0])
    assert "items" not in rouge_corpus(preds, refs)


def test_rouge_bad_input():
    with pytest.raises(InputTypeError):
        rouge(b"\xe5\x85\xbb", "养老")
    with pytest.raises(InputTypeError):
        rouge("养老", None)
    with pytest.raises(InputValueError):
        rouge("养老", "养老", level="sentence")
    with pytest.raises(InputValueError):
        rouge("养老", "养老", types=["rouge9"])
    with pytest.raises(InputValueError):
        rouge_corpus(["a"], ["a", "b"])
    with pytest.raises(InputValueError):
        rouge_corpus([], [])
    with pytest.raises(InputTypeError):
        rouge_corpus("ab", "ab")


# --------------------------------------------------------------------------- classification


def test_classification_report_by_hand():
    y_true = ["a", "a", "b", "b", "c"]
    y_pred = ["a", "b", "b", "b", "a"]
    rep = classification_report(y_true, y_pred)
    assert rep["accuracy"] == pytest.approx(3 / 5)
    assert rep["per_class"]["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert rep["per_class"]["b"]["precision"] == pytest.approx(2 / 3)
    assert rep["per_class"]["b"]["f1"] == pytest.approx(0.8)
    assert rep["per_class"]["c"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert rep["macro_f1"] == pytest.approx((0.5 + 0.8 + 0) / 3)
    assert rep["micro_f1"] == pytest.approx(3 / 5)
    assert rep["confusion_matrix"] == {"labels": ["a", "b", "c"], "matrix": [[1, 1, 0], [0, 2, 0], [1, 0, 0]]}


def test_classification_report_label_order_and_errors():
    rep = classification_report(["x", "y"], ["x", "x"], labels=["y", "x"])
    assert rep["confusion_matrix"]["labels"] == ["y", "x"]
    assert rep["confusion_matrix"]["matrix"] == [[0, 1], [0, 1]]
    with pytest.raises(InputValueError):
        classification_report(["a"], ["a", "b"])
    with pytest.raises(InputValueError):
        classification_report([], [])
    with pytest.raises(InputTypeError):
        classification_report("ab", "ab")


def test_multilabel_report_by_hand():
    rep = multilabel_report([["x"], ["x", "y"], []], [["x"], ["y"], ["y"]], labels=["x", "y"])
    assert rep["per_class"]["x"]["precision"] == 1 and rep["per_class"]["x"]["recall"] == 0.5
    assert rep["per_class"]["y"]["precision"] == 0.5 and rep["per_class"]["y"]["recall"] == 1
    assert rep["micro_f1"] == pytest.approx(2 / 3)  # tp 2, fp 1, fn 1
    assert rep["macro_f1"] == pytest.approx(2 / 3)
    assert rep["exact_match"] == pytest.approx(1 / 3)
    assert rep["hamming_loss"] == pytest.approx(2 / 6)
    with pytest.raises(InputValueError, match="z"):
        multilabel_report([["z"]], [["x"]], labels=["x", "y"])


# --------------------------------------------------------------------------- calibration

PROBS = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]


def test_top_label_ece_by_hand():
    # confidences .9 (right) .8 (wrong) .7 (right) .6 (right), each alone in its bin
    assert expected_calibration_error(PROBS, [0, 1, 1, 0]) == pytest.approx((0.1 + 0.8 + 0.3 + 0.4) / 4)
    assert expected_calibration_error(PROBS, ["a", "b", "b", "a"], classes=["a", "b"]) == pytest.approx(0.4)


def test_perfect_calibration_has_zero_ece():
    probs = [[0.75, 0.25]] * 4
    assert expected_calibration_error(probs, [0, 0, 0, 1]) == pytest.approx(0)


def test_reliability_table_rows():
    rows = reliability_table([[1.0, 0.0], [0.05, 0.95], [0.55, 0.45]], [0, 0, 0])
    assert len(rows) == 10 and sum(r["count"] for r in rows) == 3
    assert rows[9]["count"] == 2  # 1.0 joins the last bin [0.9, 1.0]
    assert rows[9]["accuracy"] == pytest.approx(0.5) and rows[9]["confidence"] == pytest.approx(0.975)
    assert rows[5]["count"] == 1 and rows[5]["accuracy"] == 1
    assert rows[0]["count"] == 0 and rows[0]["confidence"] is None


def test_multilabel_ece_over_every_item_label_pair():
    # pairs: (.9, gold) gap .1, (.2, not gold) gap .2
    assert expected_calibration_error([[0.9, 0.2]], [[1, 0]], multilabel=True) == pytest.approx(0.15)
    assert expected_calibration_error(
        [[0.9, 0.2]], [["x"]], classes=["x", "y"], multilabel=True
    ) == pytest.approx(0.15)


def test_calibration_bad_input():
    with pytest.raises(InputValueError):
        expected_calibration_error([[1.2, -0.2]], [0])
    with pytest.raises(InputValueError):
        expected_calibration_error([0.5, 0.5], [0])
    with pytest.raises(InputValueError):
        expected_calibration_error(PROBS, [0, 1])
    with pytest.raises(InputValueError):
        expected_calibration_error(PROBS, [0, 1, 1, 0], classes=["a"])


# --------------------------------------------------------------------------- bootstrap


def test_method_against_itself_has_zero_delta_and_p_one():
    scores = np.random.default_rng(1).random(200)
    res = paired_bootstrap(scores, scores, n_resamples=500)
    assert res["delta"] == 0 and res["ci_low"] == 0 and res["ci_high"] == 0
    assert res["p_value"] == 1


def test_seeded_runs_reproduce_exactly_and_seeds_differ():
    rng = np.random.default_rng(2)
    a, b = rng.random(100), rng.random(100)
    assert paired_bootstrap(a, b, seed=7) == paired_bootstrap(a, b, seed=7)
    assert paired_bootstrap(a, b, seed=7)["ci_low"] != paired_bootstrap(a, b, seed=8)["ci_low"]
    assert bootstrap_ci(a, seed=3) == bootstrap_ci(a, seed=3)


def test_clearly_better_method_is_significant():
    rng = np.random.default_rng(3)
    b = rng.random(300)
    better = b + 0.05 + rng.normal(0, 0.02, 300)
    res = paired_bootstrap(better, b)
    assert res["delta"] == pytest.approx(0.05, abs=0.01)
    assert res["ci_low"] > 0 and res["p_value"] < 0.01


def test_equal_methods_are_rarely_significant():
    # Under the null, p < 0.05 should happen about 5% of the time; allow up to 15% of 60 trials.
    rng = np.random.default_rng(4)
    p_values = [
        paired_bootstrap(rng.random(100), rng.random(100), n_resamples=200, seed=i)["p_value"] for i in range(60)
    ]
    assert np.mean(np.array(p_values) < 0.05) <= 0.15
    assert np.median(p_values) > 0.2


def test_bootstrap_ci_matches_the_normal_approximation():
    x = np.random.default_rng(4).normal(10, 2, 2000)
    res = bootstrap_ci(x, n_resamples=2000)
    half = 1.96 * x.std() / np.sqrt(x.size)
    assert res["mean"] == pytest.approx(x.mean())
    assert res["ci_high"] - res["ci_low"] == pytest.approx(2 * half, rel=0.1)


def test_metric_bootstrap_agrees_with_per_item_bootstrap_for_a_mean():
    rng = np.random.default_rng(5)
    gold = list(rng.integers(0, 3, 120))
    pred_a = [g if rng.random() < 0.8 else (g + 1) % 3 for g in gold]
    pred_b = [g if rng.random() < 0.6 else (g + 1) % 3 for g in gold]
    acc = lambda g, p: float(np.mean(np.asarray(g) == np.asarray(p)))  # noqa: E731
    by_metric = paired_bootstrap_metric(acc, gold, pred_a, pred_b, n_resamples=300, seed=9)
    items_a = (np.asarray(pred_a) == gold).astype(float)
    items_b = (np.asarray(pred_b) == gold).astype(float)
    by_items = paired_bootstrap(items_a, items_b, n_resamples=300, seed=9)
    assert by_metric == pytest.approx(by_items)


def test_macro_f1_bootstrap_self_and_better():
    from sklearn.metrics import f1_score

    macro = lambda g, p: f1_score(g, p, average="macro", zero_division=0)  # noqa: E731
    rng = np.random.default_rng(6)
    gold = list(rng.choice(["a", "b", "c"], 150))
    noisy = [g if rng.random() < 0.5 else rng.choice(["a", "b", "c"]) for g in gold]
    same = paired_bootstrap_metric(macro, gold, noisy, noisy, n_resamples=50)
    assert same["delta"] == 0 and same["p_value"] == 1
    better = paired_bootstrap_metric(macro, gold, gold, noisy, n_resamples=100)
    assert better["ci_low"] > 0 and better["p_value"] < 0.01


def test_bootstrap_bad_input():
    with pytest.raises(InputValueError):
        paired_bootstrap([1, 2], [1])
    with pytest.raises(InputValueError):
        bootstrap_ci([])
    with pytest.raises(InputValueError):
        bootstrap_ci([1.0], confidence=1.5)
    with pytest.raises(InputTypeError):
        paired_bootstrap_metric("f1", [1], [1], [1])


# --------------------------------------------------------------------------- split scores


def test_split_scores_without_layout_is_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "newsnlp.layout", None)  # makes the import fail
    with pytest.raises(BackendUnavailableError, match="layout"):
        metrics.split_scores([], [], "")
