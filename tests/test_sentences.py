"""split_sentences: a golden table of tricky cases, plus the offset contract."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.errors import InputTypeError
from newsnlp.text import split_sentences

GOLDEN = [
    # plain terminals
    ("今天下雨。明天晴天！后天呢？", ["今天下雨。", "明天晴天！", "后天呢？"]),
    ("真的吗？！不会吧!?好。", ["真的吗？！", "不会吧!?", "好。"]),
    ("他走了。。。我们留下。", ["他走了。。。", "我们留下。"]),
    ("社区很干净，居民很满意，大家都说好。", ["社区很干净，居民很满意，大家都说好。"]),
    ("没有句号的结尾", ["没有句号的结尾"]),
    # quotes
    ("“电梯修好了。”“岂止是电梯。”近日记者来到社区。", ["“电梯修好了。”", "“岂止是电梯。”", "近日记者来到社区。"]),
    ("他说：“我们要努力。我们会成功。”然后走了。", ["他说：“我们要努力。", "我们会成功。”", "然后走了。"]),
    ("“我们要努力。我们会成功”，他说。", ["“我们要努力。我们会成功”，他说。"]),
    ("“社区发展治理的水平得到很大提升。”陈芬说。", ["“社区发展治理的水平得到很大提升。”", "陈芬说。"]),
    ("他问：“你来吗？”我说：“来！”", ["他问：“你来吗？”", "我说：“来！”"]),
    ("大家一起做一顿‘爱心午饭’。很好。", ["大家一起做一顿‘爱心午饭’。", "很好。"]),
    ("他说：“老人说‘好。’我们很高兴。”", ["他说：“老人说‘好。’", "我们很高兴。”"]),
    ("他说：“老人说‘好。我也好’，我们很高兴。”后来呢？", ["他说：“老人说‘好。我也好’，我们很高兴。”", "后来呢？"]),
    ("“好。 ”他说。", ["“好。 ”", "他说。"]),
    ("“这样能起到示范作用”。下一句。", ["“这样能起到示范作用”。", "下一句。"]),
    ("「行。」「不行。」", ["「行。」", "「不行。」"]),
    # ellipses
    ("并提供资金……在众多力量的参与下，状况好转。", ["并提供资金……", "在众多力量的参与下，状况好转。"]),
    ("苹果、香蕉……，应有尽有。", ["苹果、香蕉……，应有尽有。"]),
    ("他想了想……“好吧。”", ["他想了想……", "“好吧。”"]),
    ("等一下...然后再说。", ["等一下...", "然后再说。"]),
    ("“我们……”他说不下去了。", ["“我们……”", "他说不下去了。"]),
    # decimals and numbers
    ("社会组织已达1.1万个。增长3.5%。", ["社会组织已达1.1万个。", "增长3.5%。"]),
    ("到 2017 年底达 1.1 万个。好。", ["到 2017 年底达 1.1 万个。", "好。"]),
    ("版本号是3.10.2，很新。", ["版本号是3.10.2，很新。"]),
    ("1. 首先要学习。2. 然后要实践。", ["1. 首先要学习。", "2. 然后要实践。"]),
    # book titles
    ("他读了《你好。世界》很受启发。", ["他读了《你好。世界》很受启发。"]),
    ("印发《关于加快发展的意见！》等文件。好。", ["印发《关于加快发展的意见！》等文件。", "好。"]),
    ("《意见》明确。《通知》要求。", ["《意见》明确。", "《通知》要求。"]),
    # enumerations
    ("一是出台政策。二是降低门槛。三是优化流程。", ["一是出台政策。", "二是降低门槛。", "三是优化流程。"]),
    ("主要有三点：一是学习；二是实践；三是总结。", ["主要有三点：一是学习；二是实践；三是总结。"]),
    # English inside Chinese
    ('He said "OK." 然后离开了。', ['He said "OK."', "然后离开了。"]),
    ("Mr. Smith来到社区。", ["Mr. Smith来到社区。"]),
    ("U.S. 官员表示关注。", ["U.S. 官员表示关注。"]),
    ("He left. She stayed.", ["He left.", "She stayed."]),
    ("访问 example.com 了解详情。", ["访问 example.com 了解详情。"]),
    ("in 2017. Then 增长。", ["in 2017.", "Then 增长。"]),
    # brackets
    ("服务中心（以下简称“同行社工”）在社区开展活动。", ["服务中心（以下简称“同行社工”）在社区开展活动。"]),
    ("会议结束。（完）", ["会议结束。", "（完）"]),
    ("这是说明（详见附件。）下一句。", ["这是说明（详见附件。）", "下一句。"]),
    ("这是说明（详见附件。附件二）下一句。", ["这是说明（详见附件。附件二）下一句。"]),
    ("服务站点(含社区。)很多。", ["服务站点(含社区。)", "很多。"]),
    # newlines
    ("第一段没有句号\n第二段。", ["第一段没有句号", "第二段。"]),
    ("第一段。\n\n  第二段。  \n", ["第一段。", "第二段。"]),
    ("“引语跨段\n继续。”", ["“引语跨段", "继续。”"]),
    ("  \n \n", []),
    ("", []),
]


@pytest.mark.parametrize("text,expected", GOLDEN, ids=[g[0][:12] for g in GOLDEN])
def test_golden(text: str, expected: list[str]) -> None:
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    for i, s in enumerate(got):
        assert text[s.start : s.end] == s.text
        assert s.index == i


def test_semicolon_option() -> None:
    text = "一是学习；二是实践；三是总结。"
    assert len(split_sentences(text)) == 1
    assert [s.text for s in split_sentences(text, semicolon=True)] == ["一是学习；", "二是实践；", "三是总结。"]
    # a semicolon inside 《》 never splits
    assert len(split_sentences("《甲；乙》发布；好。", semicolon=True)) == 2


def test_never_splits_on_comma() -> None:
    assert len(split_sentences("，".join(["一句话"] * 50))) == 1


def test_non_str_is_refused() -> None:
    with pytest.raises(InputTypeError, match="text"):
        split_sentences(None)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError):
        split_sentences(b"\xe4\xbd\xa0")  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文社区。！？!?…；;.“”‘’《》（）() \n\tab12,，、")), max_size=80))
def test_offsets_punctuation_heavy(text: str) -> None:
    _check_offsets(text)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_offsets_arbitrary_unicode(text: str) -> None:
    _check_offsets(text)


def _check_offsets(text: str) -> None:
    sents = split_sentences(text)
    prev_end = 0
    for i, s in enumerate(sents):
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= prev_end and s.index == i
        assert "\n" not in s.text
        prev_end = s.end
    # nothing but whitespace is left out
    covered = "".join(s.text for s in sents)
    assert covered == "".join(ch for ch in _concat_gaps(text, sents))


def _concat_gaps(text: str, sents: list) -> str:
    out, pos = [], 0
    for s in sents:
        assert text[pos : s.start].strip() == ""
        out.append(s.text)
        pos = s.end
    assert text[pos:].strip() == ""
    return "".join(out)
