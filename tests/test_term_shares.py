"""TermShares: per-theme sentence shares of lexicon terms, as classifier features."""

from __future__ import annotations

import numpy as np
import pytest

from newsnlp import Classifier, InputTypeError, InputValueError
from newsnlp.classifier.features import TermShares

TERMS = {
    "weather": {"core": ["暴雨", "气象台", "降温"], "support": ["天气", "气温"]},
    "sport": {"core": ["比赛", "联赛"]},
}


def test_shares_count_sentences_not_mentions():
    f = TermShares(TERMS).transform(["气象台发布暴雨预警。暴雨暴雨。明天天气晴。球队输了。"])[0]
    weather, sport = f[:5], f[5:]
    assert weather[0] == pytest.approx(2 / 4)  # two of four sentences name a core term
    assert weather[1] == pytest.approx(1 / 4)  # one names a support term
    assert weather[2] == 1.0 and weather[3] == 0.0  # the first sentence has a core term, no support term
    assert weather[4] == pytest.approx(np.log1p(4) / 3)  # four core mentions
    assert sport.tolist() == [0.0] * 5


def test_longest_term_wins_and_first_sentence_is_the_opening():
    f = TermShares({"t": {"core": ["党委", "党委书记"]}}).transform(["开头没有。党委书记讲话。"])[0]
    assert f[4] == pytest.approx(np.log1p(1) / 3)  # 党委书记 once, not 党委 too
    assert f[2] == 0.0 and f[0] == pytest.approx(0.5)


def test_weight_scales_and_empty_text_is_zero():
    a = TermShares(TERMS).transform(["暴雨来了。"])
    b = TermShares(TERMS, weight=2.0).transform(["暴雨来了。"])
    np.testing.assert_allclose(b, 2 * a)
    assert TermShares(TERMS).transform([""]).tolist() == [[0.0] * 10]


@pytest.mark.parametrize(
    "terms, error",
    [
        ({}, InputTypeError),
        ({"t": ["暴雨"]}, InputTypeError),
        ({"t": {"core": "暴雨"}}, InputTypeError),
        ({"t": {"core": ["暴雨"], "other": ["x"]}}, InputValueError),
    ],
)
def test_bad_lexicons_are_refused(terms, error):
    with pytest.raises(error):
        TermShares(terms)


def test_classifier_with_terms_saves_and_loads(tmp_path):
    texts = ["气象台说明天有暴雨。", "今天气温下降，有降温。", "联赛比赛今晚开始。", "比赛结束，主队获胜。",
             "博物馆开放新展览。", "新手机发布了。"] * 2
    labels = ["weather", "weather", "sport", "sport", "other", "other"] * 2
    model = Classifier(backend="lexical", min_df=1, calibration_folds=2, terms=TERMS).fit(texts, labels)
    assert model.primary_coef_.shape[1] == len(model._vocabulary) + 10
    loaded = Classifier.load(model.save(tmp_path / "m"))
    assert loaded.terms == model.terms
    np.testing.assert_array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


# ---------------------------------------------------------------- CharNgrams' own transform
from hypothesis import given, settings, strategies as st  # noqa: E402

from newsnlp.classifier.features import CharNgrams  # noqa: E402

_FIT = ["社区居民议事会今天召开。", "Party 党支部 开展 主题党日活动", "养老服务中心为老人助餐。", "工会  职工 之家\n揭牌", "ab AB ab"]


@pytest.fixture(scope="module")
def ngrams() -> CharNgrams:
    f = CharNgrams(min_df=1)
    f.fit_transform(_FIT)
    return f


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("社区居民议事会党支部养老工ab AB\n\t🙂\ud800一")), max_size=30), min_size=1, max_size=6))
def test_transform_equals_scikit_learn(ngrams, texts):
    ours, theirs = ngrams.transform(texts), ngrams._vectorizer.transform(texts)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=1e-5, atol=1e-6)


def test_transform_of_no_texts_is_empty(ngrams):
    assert ngrams.transform([]).shape == (0, len(ngrams.vocabulary))
