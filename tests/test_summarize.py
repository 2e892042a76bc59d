"""Tests for newsnlp.summarizer: whole sentences, offsets, filters, validation, batches, keywords."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsnlp import InputTypeError, InputValueError
from newsnlp.summarizer import METHODS, Summarizer, keywords, summarize, summarize_batch

# An invented article laid out like a scanned newspaper column: lines broken
# mid-sentence, OCR spaces after punctuation, a headline, a subhead and a source line.
OCR_ARTICLE = """\
 青山市：老旧小区加装电梯惠及千户居民
“以前下楼买菜要歇三
回，现在按个按钮就到
了。 ”家住青山市东湖街道
的王奶奶笑着说。 今年以
来， 东湖街道在居民议事
会的推动下，为 12 个老旧
小区加装了电梯。

街道党工委书记李明介
绍，加装电梯前，社区先
后召开了 30 多次协商会，
听取每一户居民的意见。
“大家的事大家商量，矛盾
就少了。 ”

议事协商
化解邻里矛盾

低楼层住户起初担心采光
和噪音， 社区请来设计单
位调整方案，并由居民自
筹与政府补贴共同分担费
用。 目前，全市已有 1000
多户居民从中受益。

（据《青山日报》）
"""

SENTENCE_END = tuple("。！？!?…”’」』")


def _check_summary(summary, k):
    assert len(summary.sentences) <= k
    for s in summary.sentences:
        assert summary.document[s.start : s.end] == s.text
    starts = [s.start for s in summary.sentences]
    assert starts == sorted(starts)
    assert [s.index for s in summary.sentences] == sorted(s.index for s in summary.sentences)


@pytest.mark.parametrize("method", METHODS)
def test_ocr_article_gives_whole_body_sentences(method):
    summary = summarize(OCR_ARTICLE, k=3, method=method)
    assert len(summary.sentences) == 3
    _check_summary(summary, 3)
    for s in summary.sentences:
        assert "\n" not in s.text and s.text == s.text.strip()
        assert s.text.endswith(SENTENCE_END), s.text
        assert s.text.count("“") == s.text.count("”"), s.text
        # never the headline, the subhead or the source line
        assert "据《青山日报》" not in s.text
        assert "化解邻里矛盾" not in s.text
        assert "惠及千户居民" not in s.text
    assert summary.document != OCR_ARTICLE  # it was cleaned: offsets refer to the cleaned text


def test_lead_keeps_opening_quote_whole():
    summary = summarize(OCR_ARTICLE, k=1, method="lead")
    assert summary.sentences[0].text == "“以前下楼买菜要歇三回，现在按个按钮就到了。”"


@pytest.mark.parametrize("method", METHODS)
def test_k_respected_in_all_methods(method):
    for k in (1, 2, 5, 100):
        summary = summarize(OCR_ARTICLE, k=k, method=method)
        _check_summary(summary, k)
        assert len(summary.sentences) == min(k, 7)  # the fixture has 7 body sentences


def test_headlines_and_sources_are_never_candidates():
    # Nothing but a headline, a subhead and a source line: no body sentence to return.
    text = "青山市加装电梯惠及千户\n议事协商化解矛盾\n（据《青山日报》）\n（本报记者 张三）"
    assert summarize(text, k=3).sentences == ()


def test_trailing_source_bracket_is_trimmed():
    text = "全市新建养老服务站二十个。各站提供助餐和日间照料服务。（据民政部网站）"
    summary = summarize(text, k=3, method="lead")
    assert [s.text for s in summary.sentences] == ["全市新建养老服务站二十个。", "各站提供助餐和日间照料服务。"]


def test_photo_credit_is_never_picked():
    # a caption's credit glued after a sentence (no punctuation, ends in 摄) is not body text
    text = "孩子们在社区活动室里做手工。本报记者 林 木 摄\n志愿者每周来这里陪伴孩子。"
    summary = summarize(text, k=3, method="lead")
    assert [s.text for s in summary.sentences] == ["孩子们在社区活动室里做手工。", "志愿者每周来这里陪伴孩子。"]


def test_max_chars_budget_without_cutting():
    full = summarize(OCR_ARTICLE, k=10)
    sentences = {s.text for s in full.sentences}
    for budget in (20, 40, 80, 200):
        summary = summarize(OCR_ARTICLE, k=10, max_chars=budget)
        assert sum(len(s.text) for s in summary.sentences) <= budget
        assert all(s.text in sentences for s in summary.sentences)  # whole sentences only
    assert summarize(OCR_ARTICLE, k=3, max_chars=5).sentences == ()  # no sentence is that short


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_input_gives_empty_summary(text):
    summary = summarize(text)
    assert summary.sentences == () and summary.ok and summary.text == ""


def test_clean_text_is_its_own_document():
    text = "社区新建了老年食堂。每天中午提供两荤一素。居民对此很满意。"
    summary = summarize(text, k=2)
    assert summary.document is text


@pytest.mark.parametrize("bad", [None, 3, b"\xe4\xb8\xad", ["文本"]])
def test_bad_text_type(bad):
    with pytest.raises(InputTypeError):
        summarize(bad)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"k": 0}, InputValueError),
        ({"k": -1}, InputValueError),
        ({"k": 1.5}, InputTypeError),
        ({"k": True}, InputTypeError),
        ({"max_chars": 0}, InputValueError),
        ({"max_chars": "50"}, InputTypeError),
        ({"method": "bert"}, InputValueError),
    ],
)
def test_bad_arguments(kwargs, error):
    with pytest.raises(error):
        summarize("社区新建了老年食堂。", **kwargs)


def test_summarizer_instance_settings():
    s = Summarizer(method="textrank", k=2)
    summary = s(OCR_ARTICLE)
    assert summary.method == "textrank" and len(summary.sentences) == 2
    assert summarize(OCR_ARTICLE, method="default").method == "learned"
    with pytest.raises(InputValueError):
        Summarizer(method="nope")


def test_batch_keeps_order_and_length():
    texts = [OCR_ARTICLE, "", "社区新建了老年食堂。每天中午提供两荤一素。"]
    out = summarize_batch(texts, k=1)
    assert len(out) == 3
    assert out[0].sentences == summarize(OCR_ARTICLE, k=1).sentences
    assert out[1].sentences == ()
    assert out[2].document == texts[2]


def test_batch_bad_item_does_not_sink_the_others():
    texts = iter(["社区新建了老年食堂。", 42, "街道开设了助餐点。"])  # any iterable, streamed
    out = summarize_batch(texts, k=1, on_error="result")
    assert len(out) == 3
    assert out[0].ok and out[2].ok and not out[1].ok
    assert "InputTypeError" in out[1].error
    assert out[2].sentences[0].text == "街道开设了助餐点。"
    assert len(summarize_batch(["社区新建了老年食堂。", 42], on_error="skip")) == 1
    with pytest.raises(InputTypeError):
        summarize_batch(["社区新建了老年食堂。", 42])
    with pytest.raises(InputTypeError):
        summarize_batch("社区新建了老年食堂。")  # a single string is not a batch


def test_long_document_caps_the_graph():
    body = "".join(f"第{i}个社区新建了老年食堂并开设助餐点。" for i in range(600))
    for method in ("textrank", "default"):
        summary = summarize(body, k=3, method=method)
        _check_summary(summary, 3)
        assert len(summary.sentences) == 3


def test_keywords_are_words_not_stopwords_and_deterministic():
    kws = keywords(OCR_ARTICLE, k=8)
    assert 0 < len(kws) <= 8
    words = [w for w, _ in kws]
    assert all(len(w) > 1 for w in words)
    assert not any(w.strip("0123456789.%") == "" for w in words)
    assert not set(words) & {"我们", "已经", "目前", "以来", "记者"}
    assert "电梯" in words
    weights = [v for _, v in kws]
    assert weights == sorted(weights, reverse=True)
    assert keywords(OCR_ARTICLE, k=8) == kws
    assert keywords("", k=3) == []
    with pytest.raises(InputTypeError):
        keywords(None)
    with pytest.raises(InputValueError):
        keywords("文本", k=0)


SEED = Path(__file__).resolve().parents[2] / "shared/seeds/000_635b3ec8a1011476.txt"


def test_seed_page_articles_summarise_to_whole_sentences():
    if not SEED.exists():
        pytest.skip("../shared seed page not available")
    from newsnlp.text import split_articles

    articles = split_articles(SEED.read_text("utf-8"))
    assert len(articles) == 4
    for article in articles:
        summary = summarize(article.text, k=3)
        assert summary.sentences
        _check_summary(summary, 3)
        for s in summary.sentences:
            assert s.text.endswith(SENTENCE_END), s.text
            assert "\n" not in s.text and " " not in s.text and "\ufffd" not in s.text
            assert s.text.count("“") == s.text.count("”"), s.text
            assert not s.text.startswith(("（据", "(据"))
            if article.title:
                assert s.text != article.title
            assert s.text not in article.subheads


# An invented list-style article: bare enumeration labels followed by their explanations.
LIST_ARTICLE = (
    "今年以来，青山市民政局围绕养老服务补短板，推出三项举措扩大普惠养老供给。"
    "一是出台政策鼓励引导。"
    "市里对新建社区养老服务站给予一次性建设补贴，并按服务人次给予运营补贴。"
    "二是盘活闲置资源。"
    "街道将闲置办公用房改建为老年食堂和日间照料中心，全市新增床位两千余张。"
    "三是培育专业队伍。"
    "民政部门联合职业院校开展养老护理员培训，今年已培训一千二百人次。"
)


def test_bare_enumeration_labels_are_not_picked():
    summary = summarize(LIST_ARTICLE, k=3)
    assert len(summary.sentences) == 3
    picked = [s.text for s in summary.sentences]
    assert not {"一是出台政策鼓励引导。", "二是盘活闲置资源。", "三是培育专业队伍。"} & set(picked), picked


# --------------------------------------------------------------------------- the learned scorer's parts


def test_units_count_every_character_and_bigram():
    from newsnlp.summarizer import _tfidf, _tfidf_weights, _Units

    texts = ["社区新建老年食堂。", "老年食堂开张了！", "Привет."]  # the last has no content characters
    units = _Units(texts)
    keys = units.keys.tolist()
    assert keys == sorted(set(keys))
    assert units.n_chars == len(set("社区新建老年食堂开张了"))
    assert int(units.tf.sum()) == (8 + 7) + (7 + 6)  # characters, then bigrams, of the two Chinese sentences
    assert int(units.pair_count.sum()) == int(units.tf.sum())
    assert units.content_len.tolist() == [8.0, 7.0, 0.0]
    old = keys.index(ord("老"))
    kai = keys.index(ord("开"))
    assert (units.tf[old], units.df[old], units.first[old]) == (2, 2, 0)
    assert (units.tf[kai], units.df[kai], units.first[kai]) == (1, 1, 1)
    assert units.per_sentence(units.is_char.astype(float)).tolist() == [8.0, 7.0, 0.0]
    norms = (_tfidf(units, _tfidf_weights(units)) ** 2).sum(axis=1)
    assert norms[:2] == pytest.approx([1.0, 1.0]) and norms[2] == 0.0


def test_text_without_content_characters_is_summarised():
    summary = summarize("Привет, мир. Как дела?", k=1)
    assert len(summary.sentences) == 1


def _shipped_spec() -> dict:
    import json
    from importlib import resources

    return json.loads(resources.files("newsnlp").joinpath("_models/summarizer/scorer.json").read_text("utf-8"))


def test_learned_scorer_picks_its_regime_by_body_length():
    import numpy as np

    from newsnlp.summarizer import _body_sentences, _Doc, _LinearScorer

    spec = _shipped_spec()
    assert spec["regimes"][0]["max_chars"] < 1000 and spec["regimes"][-1]["max_chars"] is None
    # Flat regressions whose intercept names the regime.
    spec["regimes"] = [dict(r, coef=[0.0] * len(r["coef"]), intercept=float(i)) for i, r in enumerate(spec["regimes"])]
    scorer = _LinearScorer(spec)
    post = "社区新建了老年食堂。居民都说很方便。"
    article = post * 20
    for text, regime in ((post, 0.0), (article, 1.0)):
        doc = _Doc(text, _body_sentences(text))
        assert np.all(scorer(doc) == regime)


def test_learned_scorer_refuses_a_mismatched_model():
    from newsnlp.errors import ModelError
    from newsnlp.summarizer import _LinearScorer

    spec = _shipped_spec()
    spec["unit_features"] = spec["unit_features"][:-1]
    with pytest.raises(ModelError):
        _LinearScorer(spec)
    spec = _shipped_spec()
    spec["regimes"] = spec["regimes"][:1]  # no unbounded regime: long texts would have no scorer
    with pytest.raises(ModelError):
        _LinearScorer(spec)


LCSTS = Path(__file__).resolve().parents[2] / "shared/data/lcsts"


def test_default_beats_lead_on_lcsts_dev():
    """On the LCSTS dev split (see benchmarks/bench_summarize.py), k=1, character ROUGE-L."""
    if not (LCSTS / "src.txt").exists():
        pytest.skip("../shared LCSTS data not available")
    import hashlib

    from newsnlp.metrics import rouge_corpus

    src = (LCSTS / "src.txt").read_text("utf-8").splitlines()
    tgt = (LCSTS / "tgt.txt").read_text("utf-8").splitlines()
    n = min(len(src), len(tgt))
    dev = [i for i in range(n - 2000) if int(hashlib.md5(f"lcsts:{i}".encode()).hexdigest(), 16) % 5 == 0]
    refs = [tgt[i] for i in dev]
    lead = rouge_corpus([summarize(src[i], k=1, method="lead").text for i in dev], refs)["rougeL"]["fmeasure"]
    default = rouge_corpus([summarize(src[i], k=1).text for i in dev], refs)["rougeL"]["fmeasure"]
    assert default >= lead + 0.005, (default, lead)


@pytest.mark.parametrize("method", METHODS)
def test_a_quote_of_several_sentences_is_one_summary_sentence(method):
    text = "“楼道里堆满杂物，谁也不愿意管。现在有了议事会，大家一起商量。”王阿姨说。社区每月召开一次议事会。议事会解决了二十多件难事。"
    for k in (1, 2, 3):
        for s in summarize(text, k=k, method=method).sentences:
            assert s.text.count("“") == s.text.count("”"), s.text
    assert summarize(text, k=1, method="lead").sentences[0].text == "“楼道里堆满杂物，谁也不愿意管。现在有了议事会，大家一起商量。”"
