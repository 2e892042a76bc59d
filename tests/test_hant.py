"""Traditional Chinese: detection, conversion with offset maps, and classify/summarize on Traditional input."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsnlp
from newsnlp import hant

opencc = pytest.importorskip("opencc", reason="Traditional Chinese needs the opencc package (newsnlp[hant])")

from _themes import small_model  # noqa: E402

PAGE = (Path(__file__).resolve().parent.parent / "examples" / "sample_page.txt").read_text("utf-8")
CONFIGS = ("s2t", "s2tw", "s2hk")  # OpenCC's Simplified -> Traditional (generic, Taiwan, Hong Kong characters)


def traditional(text: str, config: str = "s2t") -> str:
    return opencc.OpenCC(config).convert(text)


def test_view_of_traditional_text_maps_offsets_back() -> None:
    original = "社區長者食堂讓老人吃上熱乎飯。工會驛站溫暖戶外勞動者！"
    view = hant.simplified_view(original)
    assert view is not None
    assert view.text == "社区长者食堂让老人吃上热乎饭。工会驿站温暖户外劳动者！"
    assert len(view.boundaries) == len(view.text) + 1
    start = view.text.index("工会")
    assert view.original_span(start, start + 2) == (start, start + 2)
    assert original[slice(*view.original_span(start, start + 4))] == "工會驛站"


def test_simplified_text_has_no_view() -> None:
    assert hant.simplified_view(PAGE) is None
    assert hant.simplified_view("") is None
    assert hant.simplified_view("abc 123") is None
    assert not hant.is_traditional(PAGE)
    assert hant.is_traditional(traditional(PAGE))


def test_to_simplified_round_trips_the_sample_page() -> None:
    assert hant.to_simplified(traditional(PAGE)) == PAGE


def test_bad_input_is_a_typed_error() -> None:
    with pytest.raises(newsnlp.InputTypeError):
        hant.simplified_view(b"\xe7\xa4\xbe")  # type: ignore[arg-type]
    with pytest.raises(newsnlp.InputTypeError):
        hant.to_simplified(None)  # type: ignore[arg-type]


class _PhraseConverter:
    """Stands in for OpenCC with length-changing phrase conversions (as Taiwan-phrase configs make)."""

    PHRASES = {"隨身碟": "U盘", "資料": "数据", "說": "说", "軟體": "软件", "網際網路": "互联网"}

    def convert(self, text: str) -> str:
        for old, new in self.PHRASES.items():
            text = text.replace(old, new)
        return text


def test_length_changing_conversion_keeps_offsets_exact() -> None:
    original = "他說，隨身碟裡的資料\n存在網際網路上。軟體說明，見下文。"
    view = hant._convert(original, _PhraseConverter())
    assert len(view.text) != len(original)
    assert len(view.boundaries) == len(view.text) + 1
    assert list(view.boundaries) == sorted(view.boundaries)  # monotonic
    assert view.boundaries[-1] == len(original)
    for word, expected in (("U盘", "隨身碟"), ("数据", "資料"), ("互联网", "網際網路"), ("软件", "軟體"), ("存在", "存在")):
        i = view.text.index(word)
        s, e = view.original_span(i, i + len(word))
        assert original[s:e] == expected
    # a clause that did not change length keeps one-to-one offsets
    i = view.text.index("見下文")  # the stand-in converts only its phrases
    assert view.original_span(i, i + 3) == (original.index("見下文"), original.index("見下文") + 3)


@pytest.mark.parametrize("config", CONFIGS)
def test_summary_of_traditional_article_picks_the_same_sentences(config: str) -> None:
    for article in newsnlp.split_articles(PAGE):
        simple = newsnlp.summarize(article.text, k=2)
        trad_text = traditional(article.text, config)
        trad = newsnlp.summarize(trad_text, k=2)
        assert [s.index for s in trad.sentences] == [s.index for s in simple.sentences]
        assert trad.document == trad_text  # offsets index the text as given
        for s, t in zip(simple.sentences, trad.sentences):
            assert trad.document[t.start : t.end] == t.text == traditional(s.text, config)
            assert t.score == pytest.approx(s.score)


@pytest.mark.parametrize("config", CONFIGS)
def test_traditional_page_gives_the_same_articles_themes_and_summaries(config: str) -> None:
    model = small_model()
    simple_articles = newsnlp.split_articles(PAGE)
    trad_articles = newsnlp.split_articles(traditional(PAGE, config))
    assert len(trad_articles) == len(simple_articles) == 4
    for a, t in zip(simple_articles, trad_articles):
        assert model.classify(t.text).labels == model.classify(a.text).labels
        assert [s.index for s in newsnlp.summarize(t.text).sentences] == [
            s.index for s in newsnlp.summarize(a.text).sentences
        ]


def test_classification_evidence_points_into_the_traditional_original() -> None:
    model = small_model()
    for article in newsnlp.split_articles(PAGE):
        simple = model.classify(article.text)
        trad_text = traditional(article.text)
        trad = model.classify(trad_text)
        assert trad.label == simple.label and trad.labels == simple.labels
        assert trad.scores == pytest.approx(simple.scores)
        assert trad.document == trad_text
        for theme, items in trad.evidence.items():
            assert [(e.start, e.end) for e in items] == [(e.start, e.end) for e in simple.evidence[theme]]
            for e in items:
                assert trad_text[e.start : e.end] == e.text


def test_batch_mixes_traditional_and_simplified() -> None:
    model = small_model()
    texts = [PAGE[:200], traditional(PAGE[:200]), "", 42]
    results = model.classify_batch(texts)
    assert results[0].labels == results[1].labels
    assert results[1].document == texts[1]
    assert results[2].ok and results[2].labels == ()
    assert results[3].error is not None


def test_default_model_on_traditional_page() -> None:
    if not (newsnlp.classifier.DEFAULT_MODEL_PATH / "config.json").is_file():
        pytest.skip("the default classifier is not installed")
    simple_articles = newsnlp.split_articles(PAGE)
    trad_articles = newsnlp.split_articles(traditional(PAGE))
    assert len(trad_articles) == len(simple_articles)
    for a, t in zip(simple_articles, trad_articles):
        assert newsnlp.classify(t.text).labels == newsnlp.classify(a.text).labels


def test_predict_reads_traditional_text_as_classify_does() -> None:
    model = small_model()
    texts = [traditional(a.text) for a in newsnlp.split_articles(PAGE)]
    results = model.classify_batch(texts)
    assert model.predict(texts) == [r.label for r in results]
    proba = model.predict_proba(texts)
    for row, r in zip(proba, results):
        assert dict(zip(model.classes_, row)) == pytest.approx(r.primary_scores, abs=1e-6)
    themes = model.predict_themes(texts)
    for row, r in zip(themes, results):
        assert dict(zip(model.themes_, row)) == pytest.approx(r.scores, abs=1e-6)


def test_model_trained_on_traditional_text_equals_its_simplified_twin() -> None:
    from _themes import corpus

    texts, labels = corpus()
    trad = newsnlp.Classifier(backend="lexical", min_df=1, seed=0).fit([traditional(t) for t in texts], labels)
    simple = newsnlp.Classifier(backend="lexical", min_df=1, seed=0).fit(texts, labels)
    for article in newsnlp.split_articles(PAGE):
        t, s = trad.classify(traditional(article.text)), simple.classify(article.text)
        assert t.label == s.label and t.labels == s.labels
        assert t.scores == pytest.approx(s.scores)
