"""clean(), read_text() and split_articles() on the seed page and on edge cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsnlp.errors import InputTypeError, InputValueError
from newsnlp.text import clean, read_text, split_articles, split_sentences

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSNLP_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_635b3ec8a1011476.txt"


# --------------------------------------------------------------------------- clean


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("", ""),
        ("  \n\t\u3000\n ", ""),
        ("到 2017 年底， 成都", "到2017年底，成都"),
        ("社会组织已达 1.1 万个、 备案", "社会组织已达1.1万个、备案"),
        ("New York 的 COVID-19 疫情", "New York的COVID-19疫情"),
        ("增长了 3.5 % 左右", "增长了3.5 %左右"),
        ("主要在街道 (乡镇 )、开发区", "主要在街道(乡镇)、开发区"),
        ("ＡＢＣ１２３，全角！（括号）：“引号”", "ABC123，全角！（括号）：“引号”"),
        ("坏\ufffd字\u200b符\x07在\ud800这\ue000里。", "坏字符在这里。"),
        ("第一段。\r\n第二段。\r第三段。\r\n", "第一段。\n第二段。\n第三段。"),
    ],
)
def test_clean_cases(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_clean_joins_column_breaks() -> None:
    page = "“电梯修好了，上下楼再也\n\n不担心了。 ”“岂止是电梯，小区\n的垃圾清理干净了，下水管道也\n通了。 ”\n\n第二段从这里开始，内容\n不多。"
    assert clean(page) == "“电梯修好了，上下楼再也不担心了。”“岂止是电梯，小区的垃圾清理干净了，下水管道也通了。”\n第二段从这里开始，内容不多。"


def test_clean_joins_lines_inside_brackets() -> None:
    page = "人才，主要在街道 (乡\n镇 )、开发区 (工业园\n区 )工会，城乡社区工\n会、区域 (行业 )性基\n层工会联合会等。"
    assert clean(page) == "人才，主要在街道(乡镇)、开发区(工业园区)工会，城乡社区工会、区域(行业)性基层工会联合会等。"


def test_clean_keeps_headings_apart() -> None:
    page = (
        "社区服务站点覆盖城乡，居民\n办事更方便了。\n\n"
        "志愿服务\n走进千家万户\n\n"
        "今年以来，全区志愿者累计\n服务三万余人次。"
    )
    assert clean(page).split("\n") == [
        "社区服务站点覆盖城乡，居民办事更方便了。",
        "志愿服务走进千家万户",
        "今年以来，全区志愿者累计服务三万余人次。",
    ]


def test_clean_leaves_clean_text_alone() -> None:
    text = (
        "【新闻特写】老街坊的 新生活\n"
        "社区为老人开设了食堂，每天供应午餐。\n"
        "居民说：“饭菜可口，价格实惠。”\n"
        "New York 和 COVID-19 都是英文。"
    )
    out = clean(text).split("\n")
    assert out[0] == "【新闻特写】老街坊的 新生活"  # a heading keeps the space between phrases
    assert out[1:3] == text.split("\n")[1:3]
    assert len(out) == 4


def test_clean_does_not_join_real_paragraphs() -> None:
    text = "第一段讲社区治理。\n第二段讲养老服务。\n第三段讲工会工作。"
    assert clean(text) == text


def test_clean_refuses_non_str() -> None:
    with pytest.raises(InputTypeError, match="text"):
        clean(None)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="decode"):
        clean(b"abc")  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(list("社区治理老人服务工会党建。，、！？“”《》（）\n \n\n\ufffd 12.5ab\u3000\u200bＡ１"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
def test_clean_idempotent_page_like(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert "\ufffd" not in once and "\n\n" not in once and once == once.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_clean_idempotent_arbitrary_unicode(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    split_articles(text)
    split_sentences(once)


# --------------------------------------------------------------------------- read_text


def test_read_text_encodings(tmp_path: Path) -> None:
    s = "社区治理，養老服務。"
    (tmp_path / "u.txt").write_bytes("\ufeff".encode() + s.encode("utf-8"))
    (tmp_path / "g.txt").write_bytes("社区治理，老人服务。".encode("gb18030"))
    (tmp_path / "b.txt").write_bytes("社區治理".encode("big5"))
    assert read_text(tmp_path / "u.txt") == s
    assert read_text(str(tmp_path / "g.txt")) == "社区治理，老人服务。"
    assert read_text(tmp_path / "b.txt") in ("社區治理", "社區治理".encode("big5").decode("gb18030"))
    (tmp_path / "bad.bin").write_bytes(b"\xff\xfe\xfd\x80\x81\xff")
    with pytest.raises(InputValueError, match="bad.bin"):
        read_text(tmp_path / "bad.bin")
    with pytest.raises(InputTypeError, match="path"):
        read_text(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- split_articles


def test_split_articles_empty_and_types() -> None:
    assert split_articles("") == []
    assert split_articles(" \n\n \t") == []
    with pytest.raises(InputTypeError, match="page"):
        split_articles(3)  # type: ignore[arg-type]


def test_split_articles_plain_text_is_one_article() -> None:
    arts = split_articles("社区为老人开设了食堂。\n居民都说好。")
    assert len(arts) == 1 and arts[0].title is None and arts[0].source is None
    assert arts[0].text == "社区为老人开设了食堂。\n居民都说好。"


@pytest.fixture(scope="module")
def seed_page() -> str:
    if not SEED.is_file():
        pytest.skip("shared seed page not available")
    return read_text(SEED)


def test_seed_page_articles(seed_page: str) -> None:
    arts = split_articles(seed_page)
    assert [a.title for a in arts] == [
        "成都：社会组织吸引社会力量参与社区治理",
        None,
        "广西：建立工会社工人才队伍建设管理机制",
        "重庆：鼓励民营企业兴办养老事业",
    ]
    assert [a.source for a in arts] == ["《成都日报》", "中国社会组织网", "《工人日报》", "民政部网站"]
    assert arts[0].subheads == ("社区自组织参与解决实际问题", "广泛参与社区营造", "提升社会组织专业性和能力")
    assert all(a.subheads == () for a in arts[1:])
    body = arts[0].text
    assert body.startswith("“电梯修好了，上下楼再也不担心了。”“岂止是电梯，")
    assert "到2017年底" in body
    for a in arts:
        assert "\ufffd" not in a.text and " " not in a.text
        assert a.index == arts.index(a)
        raw = seed_page[a.start : a.end]
        assert raw == raw.strip()
        # the raw span runs from the headline (or opener) to the source line
        assert raw.endswith("）")
        if a.title:
            assert raw.startswith(a.title[:4])
        else:
            assert raw.startswith("\ufffd")
    # spans are in order and do not overlap
    assert all(x.end <= y.start for x, y in zip(arts, arts[1:]))
    # no sentence of the cleaned body is broken by a line break or a space
    for s in split_sentences(body):
        assert s.text.endswith(("。", "”", "！", "？", "……", "：")) or s is split_sentences(body)[-1]


def test_seed_clean(seed_page: str) -> None:
    out = clean(seed_page)
    assert "\ufffd" not in out
    assert "到2017年底" in out and "“电梯修好了，上下楼再也不担心了。”" in out
    assert clean(out) == out
