"""clean(), read_text() and split_articles() on the seed page and on edge cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import example, given, settings
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


def test_clean_joins_a_number_broken_across_lines() -> None:
    # in Chinese text a digit that ends a line and one that starts the next are one number
    page = "户籍老人\n\n今年全市户籍老人达到1\n87.6万人，占总人口的2\n3.5%，比上年增加了两个\n百分点。新版本号为 V\n2 的系统已在今年上线。"
    out = clean(page)
    assert "达到187.6万人" in out and "的23.5%" in out
    assert "V 2" in out  # Latin letter then number: two words


def test_clean_column_break_before_a_short_last_line() -> None:
    # a blank line after an unfinished sentence is a column break, even before a
    # short unpunctuated line (OCR lost the full stop): not a subhead
    page = "社区服务站点覆盖城乡，居\n民办事更方便了，也提升了\n\n社区治理的水平\n"
    assert clean(page) == "社区服务站点覆盖城乡，居民办事更方便了，也提升了社区治理的水平"
    # after a colon, a blank line may stand before a heading
    page = "记者了解到，服务队的志愿\n者提出了三条建议，如下：\n\n志愿服务\n\n今年以来，全区志愿者累计\n服务三万余人次。"
    assert clean(page).split("\n") == [
        "记者了解到，服务队的志愿者提出了三条建议，如下：",
        "志愿服务",
        "今年以来，全区志愿者累计服务三万余人次。",
    ]


def test_clean_refuses_non_str() -> None:
    with pytest.raises(InputTypeError, match="text"):
        clean(None)  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="decode"):
        clean(b"abc")  # type: ignore[arg-type]


_ALPHABET = st.sampled_from(list("社区治理老人服务工会党建。，、！？“”《》（）\n \n\n\ufffd 12.5ab\u3000\u200bＡ１"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=120))
# a short line after a column break inside a sentence: kept apart as a heading by
# the first pass, joined by the second (no blank line any more)
@example("社\n社社社社社，\n\n社")
@example("1\n“““““、\n\n1")
@example("11““““、\n\n1\n.")
@example("社社社社。社\n\n社\n。\n")  # a short line above body text, after a column break
@example("社社社社社社\n。社\n\n▲\n")  # a caption after a column break
# a line wider than the column in mid-sentence: the second pass measures another column width
@example("社\n社社社社社社。(11\n社社社社社社社社社社社社\n。社\n社\n")
# the brief's mark widens its line, as the opener does, and clean() drops it: the
# second pass must still judge the text as set in columns or not, as the first did
@example("社\n社\n社社社社社。社\n■社社社社社社社\n社社社社，\n社\n")
@example("■■社")  # a doubled mark: one left at the start of a line is a brief's mark
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


# Invented column text (width 11-12) used to set the layout cases below on a page.
BODY = "近日，某区民政局在辖\n区开展走访活动，为困难\n老人送去米面油等生活\n物资，并逐户登记需求。\n"
BODY2 = "据了解，该区今年还将\n新建老年助餐点十二个，\n让更多老人在家门口吃\n上热乎饭。\n"
BODY_TEXT = "近日，某区民政局在辖区开展走访活动，为困难老人送去米面油等生活物资，并逐户登记需求。"
BODY2_TEXT = "据了解，该区今年还将新建老年助餐点十二个，让更多老人在家门口吃上热乎饭。"
OPENER = "\ufffd \ufffd "


def _fields(arts) -> str:
    return "".join(str(x) for a in arts for x in (a.title, *a.subheads, a.text, a.source))


def test_split_articles_drops_the_masthead() -> None:
    page = "民政周报\n2024年5月6日  星期一\n第 2 版 · 社会事务\n责任编辑：张华   校对：李 明\n\n社区食堂开进老街\n\n" + OPENER + BODY
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [("社区食堂开进老街", BODY_TEXT)]
    assert arts[0].start == page.index("社区食堂")
    for junk in ("民政周报", "星期一", "第2版", "责任编辑"):
        assert junk not in _fields(arts).replace(" ", "")


def test_split_articles_drops_jump_lines() -> None:
    page = "（上接第1版）\n" + BODY + "\n（下转第2版）\n\n助餐点开到家门口\n\n" + OPENER + BODY2
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        (None, (), BODY_TEXT), ("助餐点开到家门口", (), BODY2_TEXT)]
    assert page[arts[0].start : arts[0].end] == BODY.strip()


def test_split_articles_byline_under_headline_is_not_text() -> None:
    page = "为民服务“最后一米”\n本报记者 周 成\n\n" + OPENER + BODY
    arts = split_articles(page)
    # an article without a source line is credited to its byline
    assert [(a.title, a.text, a.source) for a in arts] == [("为民服务“最后一米”", BODY_TEXT, "本报记者 周成")]


def test_split_articles_byline_after_editors_note_keeps_one_article() -> None:
    # headline, editor's note, byline, opened body: the byline says the body belongs to the headline above
    page = "暖心驿站\n\n" + BODY + "\n本报记者 刘 青  通讯员 马 丁\n\n" + OPENER + BODY2
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [("暖心驿站", BODY_TEXT + "\n" + BODY2_TEXT)]
    assert arts[0].source == "本报记者 刘青 通讯员 马丁"


def test_split_articles_subhead_right_under_a_sentence() -> None:
    page = "老街换新颜\n\n" + OPENER + BODY + "阳光公示 群众监督\n\n" + BODY2
    arts = split_articles(page)
    assert [(a.subheads, a.text) for a in arts] == [(("阳光公示 群众监督",), BODY_TEXT + "\n" + BODY2_TEXT)]
    # but a paragraph's first line cut off by a column break, a full line after it, is text
    page = "老街换新颜\n\n" + OPENER + BODY + "今年该区还将新建\n\n老年助餐点十二个，让更\n多老人在家门口吃上热乎\n饭。\n"
    arts = split_articles(page)
    assert arts[0].subheads == () and "。今年该区还将新建老年助餐点十二个，" in arts[0].text


def test_split_articles_numbered_subheads_and_items() -> None:
    page = (
        "老街换新颜\n\n" + OPENER + BODY + "\n二、让服务“暖”起来\n\n"
        "据统计，该区助餐点\n的服务不断丰富：\n\n1. 提供午餐、晚餐和送\n餐上门服务；\n\n2. 为高龄老人减免餐\n费，并提供送餐服务。\n"
    )
    arts = split_articles(page)
    assert len(arts) == 1 and arts[0].subheads == ("二、让服务“暖”起来",)
    assert arts[0].text.split("\n")[1:] == [
        "据统计，该区助餐点的服务不断丰富：", "1.提供午餐、晚餐和送餐上门服务；", "2.为高龄老人减免餐费，并提供送餐服务。"]


def test_article_full_text_is_headline_and_body() -> None:
    arts = split_articles("老街换新颜\n\n" + OPENER + BODY + "\n■ 某区启动助学活动。\n")
    assert arts[0].full_text == "老街换新颜\n" + BODY_TEXT
    assert arts[1].title is None and arts[1].full_text == arts[1].text == "某区启动助学活动。"


def test_split_articles_news_briefs() -> None:
    page = (
        "民政简讯\n\n■ 某省民政厅日前印发\n通知，在全省开展养老\n机构安全检查。（浙 民）\n\n"
        "■ 某市第三届养老护理\n技能大赛近日举行，来\n自全市的选手同台竞技。\n（皖 文）\n\n"
        "■ 某区启动助学活动，\n资助困难家庭学生一百\n名，每人补助两千元。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.text[:4], a.source) for a in arts] == [
        ("民政简讯", "某省民政", "浙民"), (None, "某市第三", "皖文"), (None, "某区启动", None)]
    assert arts[0].text.endswith("安全检查。")
    assert [page[a.start] for a in arts] == ["民", "■", "■"]  # a brief's span starts at its mark
    for tag in ("（未完）", "（全文完）", "（待续）"):  # these name no one
        assert split_articles(f"■ 某区启动助学活动。{tag}\n")[0].source is None


def test_split_articles_drops_photo_captions() -> None:
    page = (
        "长者食堂\n\n" + OPENER + BODY + "\n▲ 5月20日，某区一家社区长者食堂\n里，志愿者为老人打饭。\n新华社记者 陈 思 摄\n\n"
        + BODY2 + "\n图为志愿者陪老人聊天。\n本报记者 林木 摄\n\n为老服务有温度\n\n" + OPENER + BODY
    )
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [
        ("长者食堂", BODY_TEXT + "\n" + BODY2_TEXT), ("为老服务有温度", BODY_TEXT)]
    assert not any(w in _fields(arts) for w in ("▲", "打饭", "图为", "摄"))


@pytest.mark.parametrize("ending", ["居民王大妈高兴地说：\n“日子越过越好了”", "如有需要可拨打咨询电\n话：12345"])
def test_split_articles_headline_after_an_article_without_full_stop(ending: str) -> None:
    # the article ends in a closing quote or a number; the short line standing alone
    # before an opener is the next headline, not the tail of a cut sentence
    page = "老街换新颜\n\n" + OPENER + BODY + ending + "\n\n为老服务有温度\n\n" + OPENER + BODY2
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [
        ("老街换新颜", BODY_TEXT + ending.replace("\n", "")), ("为老服务有温度", BODY2_TEXT)]
    # after a cut sentence the same line goes on with it
    page = "老街换新颜\n\n" + OPENER + "近日，某区民政局提升\n了\n\n社区治理的水平\n\n" + OPENER + BODY2
    arts = split_articles(page)
    assert [a.title for a in arts] == ["老街换新颜", None] and arts[0].text.endswith("提升了社区治理的水平")


def test_split_articles_drops_a_caption_after_a_source_line() -> None:
    # the bracketed source closes the article as a full stop would: the caption after it is no article
    page = (
        "长者食堂\n\n" + OPENER + BODY + "\n（本报记者 韩 冬）\n\n图为志愿者陪老人聊天。\n本报记者 林木 摄\n\n"
        "为老服务有温度\n\n" + OPENER + BODY2
    )
    arts = split_articles(page)
    assert [(a.title, a.text, a.source) for a in arts] == [
        ("长者食堂", BODY_TEXT, "本报记者 韩冬"), ("为老服务有温度", BODY2_TEXT, None)]
    assert not any(w in _fields(arts) for w in ("图为", "摄"))


@pytest.mark.parametrize("headline", ["老年人“数字鸿沟”如何跨越？", "加装电梯，钱谁来出"])
def test_split_articles_question_or_comma_headline_before_opener(headline: str) -> None:
    page = "老街换新颜\n\n" + OPENER + BODY + "\n" + headline + "\n\n" + OPENER + BODY2
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [("老街换新颜", BODY_TEXT), (headline, BODY2_TEXT)]


@pytest.mark.parametrize(
    "line,source",
    [("（来源：民政部网站）", "民政部网站"), ("（本报记者 韩 冬）", "本报记者 韩冬"), ("(据新华社)", "新华社")],
)
def test_split_articles_source_names(line: str, source: str) -> None:
    arts = split_articles("老街换新颜\n\n" + OPENER + BODY + "\n" + line + "\n")
    assert [(a.text, a.source) for a in arts] == [(BODY_TEXT, source)]


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


# ------------------------------------------------------------------ other papers' layouts

P1 = "近日，某区民政局在辖\n区开展走访活动，为困难\n老人送去米面油等生活\n物资，并逐户登记需求，\n帮助老人解决实际困难。\n"
P2 = "据了解，该区今年还将\n新建老年助餐点十二个，\n让更多老人在家门口吃\n上热乎饭，吃得放心。\n"
P3 = "社区还组建了志愿服务\n队，定期上门看望独居\n老人，陪他们聊天，帮\n他们打扫卫生。\n"
P1_TEXT = "近日，某区民政局在辖区开展走访活动，为困难老人送去米面油等生活物资，并逐户登记需求，帮助老人解决实际困难。"
P2_TEXT = "据了解，该区今年还将新建老年助餐点十二个，让更多老人在家门口吃上热乎饭，吃得放心。"
P3_TEXT = "社区还组建了志愿服务队，定期上门看望独居老人，陪他们聊天，帮他们打扫卫生。"


def test_split_articles_page_that_indents_every_paragraph() -> None:
    # an opener right under a finished sentence: openers mark paragraphs here, not articles;
    # a subhead sits on its paragraph, a headline stands apart
    page = (
        "老街换新颜\n\n" + OPENER + P1 + OPENER + P2 + "\n志愿服务进楼栋\n" + OPENER + P3
        + "\n为老服务有温度\n\n" + OPENER + P2 + OPENER + P3
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", ("志愿服务进楼栋",), "\n".join([P1_TEXT, P2_TEXT, P3_TEXT])),
        ("为老服务有温度", (), P2_TEXT + "\n" + P3_TEXT),
    ]
    # where only an article's first paragraph is opened, an opener starts an article
    arts = split_articles("老街换新颜\n\n" + OPENER + P1 + P2 + "\n" + OPENER + P3)
    assert [a.text for a in arts] == [P1_TEXT + P2_TEXT, P3_TEXT]


@pytest.mark.parametrize("signature", ["某县民政局2025年5月20日\n", "某县民政局\n2025年5月20日\n"])
def test_split_articles_notice_is_signed_by_its_issuer(signature: str) -> None:
    page = (
        "某县民政局关于开展低保年度复核的公告\n根据有关文件要求，现将\n复核工作公告如下。\n特此公告。\n" + signature
        + "\n为老服务有温度\n\n" + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.text, a.source) for a in arts] == [
        ("某县民政局关于开展低保年度复核的公告", "根据有关文件要求，现将复核工作公告如下。\n特此公告。", "某县民政局"),
        ("为老服务有温度", P2_TEXT, None),
    ]


@pytest.mark.parametrize("head", ["基层党建 | JICENG DANGJIAN", "晚晴生活报\nWANQING LIFE"])
def test_split_articles_drops_a_name_in_pinyin_capitals(head: str) -> None:
    # a running head or nameplate with its romanisation is the page's, not a kicker of the first headline
    arts = split_articles(head + "\n\n老街换新颜\n\n" + OPENER + P1)
    assert [(a.title, a.text) for a in arts] == [("老街换新颜", P1_TEXT)]
    assert not any(c.isascii() and c.isalpha() for c in "".join(arts[0].subheads))


@pytest.mark.parametrize("folio", ["志愿服务周报　　第286期　　2025年9月5日　星期五", "12　　党建之窗　2025年第7期"])
def test_split_articles_drops_a_folio_at_the_foot_of_the_page(folio: str) -> None:
    arts = split_articles("老街换新颜\n\n" + OPENER + P1 + "\n" + folio + "\n")
    assert [(a.title, a.text) for a in arts] == [("老街换新颜", P1_TEXT)]


def test_split_articles_subhead_right_under_the_text_where_headlines_are_set_apart() -> None:
    # every paragraph indented, headlines right on their text: what tells a subhead from a
    # headline here is the blank line the page sets above its headlines (learned from one
    # that follows a source line), and a subhead sits right under the sentence before it
    second = "为老服务有温度\n" + OPENER + P2 + "助餐点开到家门口\n" + OPENER + P3
    page = "老街换新颜\n" + OPENER + P1 + OPENER + P2 + "（据《某市日报》）\n\n\n" + second
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", (), P1_TEXT + "\n" + P2_TEXT),
        ("为老服务有温度", ("助餐点开到家门口",), P2_TEXT + "\n" + P3_TEXT),
    ]
    # a page that sets its headlines right under the text teaches nothing of the kind
    arts = split_articles(page.replace("\n\n\n", "\n"))
    assert [a.title for a in arts] == ["老街换新颜", "为老服务有温度", "助餐点开到家门口"]
    # a page with a blank line between paragraphs and two above its headlines
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "\n" + OPENER + P2
        + "\n\n\n为老服务有温度\n本报记者 刘 青\n\n" + OPENER + P2 + "\n助餐点开到家门口\n\n" + OPENER + P3
        + "\n\n\n热心人\n本报记者 王 芳\n\n" + OPENER + P1
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", (), P1_TEXT + "\n" + P2_TEXT),
        ("为老服务有温度", ("助餐点开到家门口",), P2_TEXT + "\n" + P3_TEXT),
        ("热心人", (), P1_TEXT),
    ]


def test_split_articles_reads_ideographic_space_indentation_as_an_opener() -> None:
    # typeset text indents with two ideographic spaces where OCR leaves "� �"
    def page(opener: str) -> str:
        return "老街换新颜\n\n" + opener + P1 + opener + P2 + "\n为老服务有温度\n\n" + opener + P3

    want = [(a.title, a.subheads, a.text) for a in split_articles(page(OPENER))]
    assert want == [("老街换新颜", (), P1_TEXT + "\n" + P2_TEXT), ("为老服务有温度", (), P3_TEXT)]
    assert [(a.title, a.subheads, a.text) for a in split_articles(page("\u3000\u3000"))] == want
    # right-aligned lines (a credit pushed right by many spaces) are no paragraphs
    arts = split_articles("老街换新颜\n\n" + P1 + "\u3000" * 8 + "本报记者 李 想 摄\n")
    assert [a.text for a in arts] == [P1_TEXT]


def test_split_articles_text_set_one_paragraph_a_line() -> None:
    # an e-paper's text export: no column breaks, so headings are the short lines over the text
    page = "\n".join([
        "家庭养老床位试点扩面", "床位搬进家 托起幸福晚年", P1_TEXT, P2_TEXT, "（据《某市日报》）", "",
        "高龄津贴怎么领？", "答：本市户籍、年满80周岁的老年人可以享受高龄津贴，标准如下：",
        "80至89周岁 每人每月100元", "90周岁以上 每人每月300元", P3_TEXT,
    ])
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("床位搬进家 托起幸福晚年", ("家庭养老床位试点扩面",), "《某市日报》"), ("高龄津贴怎么领？", (), None)]
    assert arts[0].text == P1_TEXT + "\n" + P2_TEXT
    # the items of a list after a colon are text
    assert arts[1].text.split("\n")[1:3] == ["80至89周岁 每人每月100元", "90周岁以上 每人每月300元"]
    # after an article, a kicker, a headline and a ——subtitle over a byline, each on its line
    page = "\n".join([
        "老街换新颜", P1_TEXT, "", "坚持党建引领 激活治理末梢", "织密红色网格", "——我省推进城市基层党建工作综述",
        "本报记者 王 芳", P2_TEXT, P3_TEXT,
    ])
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source, a.text) for a in arts] == [
        ("老街换新颜", (), None, P1_TEXT),
        ("织密红色网格", ("坚持党建引领 激活治理末梢", "——我省推进城市基层党建工作综述"), "本报记者 王芳",
         P2_TEXT + "\n" + P3_TEXT),
    ]


@pytest.mark.parametrize("dateline", ["本报讯（记者 唐 颖）", "本报2月25日讯 ", "新华社北京3月5日电 "])
def test_split_articles_dateline_starts_an_untitled_story(dateline: str) -> None:
    page = "老街换新颜\n\n" + OPENER + P1 + OPENER + P2 + "\n" + OPENER + dateline + P3
    arts = split_articles(page)
    assert [a.title for a in arts] == ["老街换新颜", None]
    assert arts[0].text == P1_TEXT + "\n" + P2_TEXT
    assert arts[1].text.endswith(P3_TEXT) and arts[1].text.startswith(dateline.strip()[:3])


@pytest.mark.parametrize("masthead", [
    "江城日报  2026年6月10日  星期三\n责编 / 孔 雯    美编 / 肖 然\n",
    "钱塘民生报   2026.2.26   星期四\nA07  民生·服务\n编辑 沈佳怡  美编 何 川  校对 丁 宁\n",
    "鹭岛晚报\n2026年3月18日  星期三\nA05\n银发生活\n本版主编 黄 蕾   责任编辑 苏 晴\n",
    "2026年3月5日  星期四   第6版\n公益周报\n本版编辑：许 诺   美术编辑：秦 岚\n",
    "社会工作导报\nSHEHUI GONGZUO DAOBAO\n2025年12月2日 星期二\n",
])
def test_split_articles_drops_mastheads_of_other_papers(masthead: str) -> None:
    arts = split_articles(masthead + "\n老街换新颜\n\n" + OPENER + P1)
    assert [(a.title, a.text) for a in arts] == [("老街换新颜", P1_TEXT)]


def test_split_articles_marked_subheads_and_column_names_are_no_briefs() -> None:
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "\n■ 志愿服务进楼栋\n" + OPENER + P2 + OPENER + P3
        + "\n● 民政简讯\n\n● 某省民政厅日前印发\n通知，开展安全检查。\n（浙 民）\n"
        + "● 某市举办技能大赛。\n（皖 文）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text, a.source) for a in arts] == [
        ("老街换新颜", ("志愿服务进楼栋",), "\n".join([P1_TEXT, P2_TEXT, P3_TEXT]), None),
        ("民政简讯", (), "某省民政厅日前印发通知，开展安全检查。", "浙民"),
        (None, (), "某市举办技能大赛。", "皖文"),
    ]


def test_split_articles_commentary_author_lines() -> None:
    page = (
        "别让驿站只在冬天热闹\n□ 陈 立\n\n" + OPENER + P1 + "\n（作者单位：某省总工会）\n\n"
        + "小岗位连着大民生\n\n" + OPENER + P2 + "作者：顾晓明（某省社会科学院研究员）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.text, a.source) for a in arts] == [
        ("别让驿站只在冬天热闹", P1_TEXT, "陈立"),  # the author, not only where they work
        ("小岗位连着大民生", P2_TEXT, "顾晓明"),
    ]
    # an author line with the author's role and workplace: 文/社工 杨 柳（…）
    arts = split_articles("陪伴一位母亲走出阴霾\n文/社工 杨 柳（某市春晖社会工作服务中心）\n" + OPENER + P1)
    assert [(a.title, a.text, a.source) for a in arts] == [("陪伴一位母亲走出阴霾", P1_TEXT, "社工 杨柳")]


def test_split_articles_numbered_subheads_and_exclaiming_headline() -> None:
    page = (
        "失能老人照护，难在哪儿？\n\n" + OPENER + P1 + "\n一、护理员“招不来、留不住”\n" + OPENER + P2
        + "\n二、床位“一床难求”\n" + OPENER + P3 + "（本报记者 江 帆）\n\n"
        + "从学徒到老板，他开了5家店！\n本报通讯员 蒋 悦\n\n" + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("失能老人照护，难在哪儿？", ("一、护理员“招不来、留不住”", "二、床位“一床难求”"), "本报记者 江帆"),
        ("从学徒到老板，他开了5家店！", (), "本报通讯员 蒋悦"),
    ]
    assert arts[1].text == P2_TEXT


def test_split_articles_bracket_after_a_cut_line_is_text_not_source() -> None:
    page = (
        "两项补贴怎么领\n\n" + OPENER + P1 + "补贴对象：一级、二级且需长\n期照护的重度残疾人\n（护理补贴）\n"
        "补贴标准：由各省根据实\n际情况确定，按月发放。\n"
    )
    arts = split_articles(page)
    assert len(arts) == 1 and arts[0].source is None and "重度残疾人（护理补贴）补贴标准" in arts[0].text


def test_split_articles_kicker_headline_and_subtitle() -> None:
    page = (
        "移风易俗看新风\n一场简朴葬礼，省下五万元\n——某省农村殡葬改革见闻\n本报记者 郝 东\n\n"
        + OPENER + P1 + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source, a.text) for a in arts] == [
        ("一场简朴葬礼，省下五万元", ("移风易俗看新风", "——某省农村殡葬改革见闻"), "本报记者 郝东", P1_TEXT + "\n" + P2_TEXT)
    ]
    assert page[arts[0].start :].startswith("移风易俗")  # the span starts at the kicker


def test_split_articles_subtitle_wrapped_over_two_lines() -> None:
    # after an article, on a page without openers: the dash line's continuation is no body text
    page = (
        "老街换新颜\n\n" + P1 + "\n\n脱下军装 扎根乡村\n——记退役军人、某县某镇\n种植大户肖立新\n\n本报记者 李 昕\n\n"
        + P2 + P3
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", (), P1_TEXT),
        ("脱下军装 扎根乡村", ("——记退役军人、某县某镇种植大户肖立新",), P2_TEXT + "\n" + P3_TEXT),
    ]


@pytest.mark.parametrize("rubric", ["短 评", "评论", "江城观察"])
def test_split_articles_commentary_rubric(rubric: str) -> None:
    page = (
        "老街换新颜\n\n" + OPENER + P1 + OPENER + P2 + "\n" + rubric + "\n基层减负，减的是什么？\n\n" + OPENER + P3
    )
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [
        ("老街换新颜", P1_TEXT + "\n" + P2_TEXT), ("基层减负，减的是什么？", P3_TEXT)]
    assert rubric not in "".join(str(a) for a in arts)


def test_split_articles_bracketed_subhead_over_running_text_is_no_rubric() -> None:
    # 【资助对象】 over a column line without punctuation, as wide as the text under it: a subhead
    page = (
        "金秋助学提前启动\n本报记者 孙 伟\n" + OPENER + P1 + "【资助对象】\n资助对象主要为在档困难职\n工家庭中当年考入高校的新\n"
        "生和在校生。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads) for a in arts] == [("金秋助学提前启动", ("【资助对象】",))]
    assert arts[0].text.endswith("\n资助对象主要为在档困难职工家庭中当年考入高校的新生和在校生。")
    # a short line under it, shorter than the text that follows, is the headline of a commentary
    page = "【一线观察】\n“救急难”要跑在前面\n今年以来，某市在全市推行主动\n发现机制，及时救助困难群众。\n"
    assert [(a.title, a.text) for a in split_articles(page)] == [
        ("“救急难”要跑在前面", "今年以来，某市在全市推行主动发现机制，及时救助困难群众。")]


@pytest.mark.parametrize("signature", ["(读者 王女士)\n", "\n（读者 王女士）\n"])
def test_split_articles_question_and_answer_keep_the_reader_signature(signature: str) -> None:
    # the reader who asks signs the question: that is no source line closing the article
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "\n离婚冷静期内能否撤回申请？\n\n" + OPENER + "问：我们上个月申请了离\n婚，现在"
        "不想离了，能撤\n回申请吗？" + signature + OPENER + "答：可以。三十日内任何\n一方不愿意离婚的，可以\n撤回申请。\n"
        "（某市婚姻登记中心供稿）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [("老街换新颜", None), ("离婚冷静期内能否撤回申请？", "某市婚姻登记中心")]
    question, answer = arts[1].text.split("\n")
    assert question.startswith("问：") and question.endswith(("王女士）", "王女士)"))
    assert answer == "答：可以。三十日内任何一方不愿意离婚的，可以撤回申请。"


def test_split_articles_subhead_where_every_article_closes_with_its_source() -> None:
    # headlines and subheads set alike; this page closes every article with a source line,
    # so a heading under text that has not closed yet is a subhead
    wide1 = "近日，某区民政局在辖区开展走访活动，为\n困难老人送去米面油等生活物资，并逐户登\n记需求。\n"
    wide2 = "据了解，该区今年还将新建老年助餐点十二\n个，让更多老人在家门口吃上热乎饭，吃得\n放心。\n"
    page = (
        "互助幸福院 让老人老有所依\n" + wide1 + "\n低龄助高龄 邻里相守望\n" + wide2 + "（上官 雯）\n\n"
        "红白理事会管住人情风\n" + wide1 + "（邱明远）\n\n技能培训送到村\n" + wide2 + "（胡 蓉）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("互助幸福院 让老人老有所依", ("低龄助高龄 邻里相守望",), "上官 雯"), ("红白理事会管住人情风", (), "邱明远"),
        ("技能培训送到村", (), "胡蓉")]
    assert arts[0].text.endswith("登记需求。\n据了解，该区今年还将新建老年助餐点十二个，让更多老人在家门口吃上热乎饭，吃得放心。")
    # where the last article closes without one, nothing is learned
    arts = split_articles(page.replace("（胡 蓉）\n", ""))
    assert [a.title for a in arts][:2] == ["互助幸福院 让老人老有所依", "低龄助高龄 邻里相守望"]


def test_split_articles_source_broken_over_two_lines_closes_the_text() -> None:
    # （来源：新 / 华网） closes the article: the blank line after it is no column break inside a sentence
    page = "老街换新颜\n\n" + OPENER + P1 + "能够兑换到服务。（来源：新\n华网）\n\n老年快讯\n■ 某市发放高龄津贴\n" + OPENER + P2
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("老街换新颜", (), "新华网"), ("某市发放高龄津贴", ("老年快讯",), None)]
    assert arts[0].text.endswith("能够兑换到服务。") and arts[1].text == P2_TEXT


@pytest.mark.parametrize("label", ["城事快讯", "■ 城事快讯"])
def test_split_articles_marked_brief_titles_in_a_row_and_lettered_jump_line(label: str) -> None:
    # ● titles right under the brief before them: each opens a brief, as the first did;
    # a jump line to page A08 is furniture; the column's name may carry a mark of its own
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "（下转A08版）\n\n" + label + "\n● 某区新增3处颁证点\n" + OPENER + P2
        + "● 某市慰问户外劳动者\n" + OPENER + P3
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", (), P1_TEXT),
        ("某区新增3处颁证点", ("城事快讯",), P2_TEXT),
        ("某市慰问户外劳动者", (), P3_TEXT),
    ]


def test_split_articles_triangle_caption_after_an_unfinished_line_and_jump_line() -> None:
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "大伙儿给这套办法起了个\n名字，叫“五事工作法”\n\n"
        "▲ 6月5日，居民在议事会上举手\n表决充电桩选址。\n通讯员 李 想 摄\n\n"
        "为老服务有温度\n\n" + OPENER + P2 + "在此基础上，该区还为每\n名老人建立了档案，对\n（下转第4版）\n\n"
        "公益快讯\n\n■ 某市慈善超市开业。（苏 益）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.text, a.source) for a in arts] == [
        ("老街换新颜", P1_TEXT + "大伙儿给这套办法起了个名字，叫“五事工作法”", None),
        ("为老服务有温度", P2_TEXT + "\n在此基础上，该区还为每名老人建立了档案，对", None),
        ("公益快讯", "某市慈善超市开业。", "苏益"),
    ]


def test_split_articles_headline_right_on_the_first_paragraph_of_a_page() -> None:
    # the first line has no line before it and no blank line after it (this once raised AttributeError)
    page = "老街换新颜\n" + OPENER + P1 + OPENER + P2 + "\n为老服务有温度\n" + OPENER + P3
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [
        ("老街换新颜", P1_TEXT + "\n" + P2_TEXT), ("为老服务有温度", P3_TEXT)]
    assert clean(clean(page)) == clean(page)


# Lines a page is made of, in any order: running text cut anywhere, headlines, bylines, datelines,
# sources, rubrics, marks, captions, jump lines, mastheads, blank lines.
_PAGE_LINES = st.sampled_from([
    "近日，某区民政局在辖", "区开展走访活动，为困难", "老人送去生活物资。", "“日子越过越好了”", "咨询电话：12345",
    "老街换新颜", "失能老人照护，难在哪儿？", "——记社区工作者张桂兰", "本报记者 赵 雪", "□ 陈 立", "文/陈 锋",
    "本报讯（记者 唐 颖）某市", "（本报记者 韩 冬）", "（据《工人日报》）", "（浙 民）", "（杨", "宣）", "短 评",
    "【田野访谈】", "■ 志愿服务进楼栋", "● 某市举办技能大赛。", "■ 助浴：每次收费40元；", "一、护理员“招不来”",
    "▲ 居民在议事会上", "图为志愿者陪老人聊天。", "通讯员 李 想 摄", "（下转第4版）", "（上接第1版）",
    "江城日报 2026年6月10日 星期三", "责编 / 孔 雯", "A05", "编辑同志：", "读者 何秀英", "", "", "",
    "\u3000\u3000今年以来，某市", "种植大户肖立新", "【资助对象】", "问：能撤回吗？(读者 王女士)", "（读者 王女士）",
    "答：可以。", "（某市婚姻登记中心供稿）", "文/社工 杨 柳（某中心）",
    "●我市调整高龄津贴标准　自7月1", "\u3000\u3000县婚姻登记处推出“周末", "登记”服务　为方便在外", "清河 5月20日，清河区",
    "作者：本报记者 方晓　　发布时间：2024-06-12", "来源：某市日报", "【字体：大 中 小】", "分享到：", "【链接】",
    "首页 > 民生 > 正文", "■社区食堂开张……2版", "本报评论员", "群众少跑腿。（下转第2版）",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.booleans(), _PAGE_LINES), max_size=30))
def test_split_articles_on_any_arrangement_of_page_lines(parts: list[tuple[bool, str]]) -> None:
    page = "\n".join(("\ufffd \ufffd " if opened and line else "") + line for opened, line in parts)
    arts = split_articles(page)
    assert all(0 <= a.start < a.end <= len(page) for a in arts)
    assert all(x.end <= y.start for x, y in zip(arts, arts[1:]))
    for a in arts:
        assert a.text or a.title
        assert "\ufffd" not in "".join(str(x) for x in (a.title, *a.subheads, a.text, a.source))


def test_split_articles_caption_without_mark_before_its_credit() -> None:
    # one sentence set apart after an article, a photographer's credit right under it: a caption
    page = "老街换新颜\n\n" + OPENER + P1 + "\n新人在颁证厅宣读结婚誓词。\n汪 洋 摄\n\n为老服务有温度\n\n" + OPENER + P2
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [("老街换新颜", P1_TEXT), ("为老服务有温度", P2_TEXT)]
    # under a heading the same lines are a photo story's text, kept
    page = "老街换新颜\n\n" + OPENER + P1 + "\n小手捡落叶\n\n新人在颁证厅宣读结婚誓词。\n汪 洋 摄\n"
    assert split_articles(page)[-1].text.endswith("\n新人在颁证厅宣读结婚誓词。")


WEB_P1 = "　　近日，某区在各社区推行“居民议事厅”制度，每月一次，居民代表和物业一起商量小区里的难事。"
WEB_P2 = "　　今年以来，议事厅共协商解决停车、加装电梯等问题60余件，居民满意率明显提升。"
WEB_P3 = "　　某市民政局日前出台办法，将困难老年人家庭适老化改造补贴标准提高到每户5000元。"


def test_split_articles_page_copied_from_a_website() -> None:
    # navigation, buttons, sharing and copyright are furniture; the metadata line names the
    # author (without their workplace); 来源： above the text heads it, below the text closes it
    page = (
        "首页 > 期刊在线 > 2024年第10期 > 治理前沿\n《社区治理》2024年第10期（5月下半月刊）  第22—24页\n"
        "【打印本页】 【关闭窗口】\n议事厅里议出小区新气象\n作者：本刊记者 宋雨桐　　发布时间：2024-05-20 09:30　　浏览次数：1386\n"
        "来源：《社区治理》2024年第10期\n" + WEB_P1 + "\n" + WEB_P2 + "\n责任编辑：贾晨\n分享：微信 | 微博 | QQ空间\n"
        "在社工站，我学会了“慢下来”\n作者：李晓萌（某街道社会工作站站长）　　发布时间：2024-05-20 09:30\n" + WEB_P3 + "\n"
        "来源：某市日报\n上一篇：社区基金会如何“聚沙成塔”\n下一篇：老旧小区改造中的居民协商\n"
        "版权所有 © 《社区治理》杂志社  技术支持：某网络公司\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("议事厅里议出小区新气象", "本刊记者 宋雨桐"), ("在社工站，我学会了“慢下来”", "某市日报")]
    assert arts[0].text == WEB_P1.strip("　") + "\n" + WEB_P2.strip("　")
    assert arts[1].text == WEB_P3.strip("　") and arts[1].subheads == ()


def test_split_articles_blank_line_above_every_line() -> None:
    # an e-paper export sets a blank line above every line: blank lines part nothing, the
    # indented lines are paragraphs, and a headline stands over its subtitle and metadata
    lines = [
        "某市日报数字报", "2024年06月12日  星期三", "第A04版：民生", "上一版　下一版　PDF版　版面导航　标题导航",
        "议事厅开进小区 居民的事居民商量着办", "“家门口”协商 难事不再难", "作者：本报记者 方晓　　发布时间：2024-06-12",
        "【字体：大 中 小】", WEB_P1, WEB_P2, "分享到：", "来源：某市日报", "责任编辑：杨帆",
        "适老化改造补贴标准提高", "作者：本报记者 邹宁　　发布时间：2024-06-12", "【字体：大 中 小】", WEB_P3,
        "分享到：", "来源：某市日报", "责任编辑：杨帆",
    ]
    arts = split_articles("\n\n".join(lines) + "\n")
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("“家门口”协商 难事不再难", ("议事厅开进小区 居民的事居民商量着办",), "某市日报"),
        ("适老化改造补贴标准提高", (), "某市日报")]
    assert arts[0].text == WEB_P1.strip("　") + "\n" + WEB_P2.strip("　") and arts[1].text == WEB_P3.strip("　")


def test_split_articles_jump_after_the_last_sentence_and_table_of_contents() -> None:
    # （下转第2版） set at the end of the paragraph it breaks off is furniture; so is the
    # page's table of contents (今日导读 / ■…2版); 本报评论员 under a headline is its byline
    page = (
        "老街换新颜\n\n" + OPENER + P1.rstrip("\n") + "（下转第2版）\n\n\n今日导读\n■社区食堂“小切口”撬动养老“大民生”……2版\n"
        "■全省婚姻登记“跨省通办”满周年……4版\n\n\n让“微治理”释放大能量\n本报评论员\n\n" + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("老街换新颜", None, P1_TEXT), ("让“微治理”释放大能量", "本报评论员", P2_TEXT)]
    assert page[arts[0].start : arts[0].end].endswith(P1.rstrip("\n")[-6:])


@pytest.mark.parametrize("label", ["【链接】", "相关链接", "小贴士"])
def test_split_articles_sidebar_is_an_item_of_its_own(label: str) -> None:
    # a sidebar's label over text is no subhead of the article above: the box is cut out on its own
    page = "议事厅里议出小区新气象\n" + WEB_P1 + "\n" + WEB_P2 + "\n" + label + "\n" + WEB_P3 + "\n"
    arts = split_articles(page)
    assert [(a.title, a.subheads) for a in arts] == [("议事厅里议出小区新气象", ()), (label, ())]
    assert arts[1].text == WEB_P3.strip("　")


def test_split_articles_brief_titles_run_into_their_text() -> None:
    # a brief's title set at the start of its paragraph, an ideographic space before the
    # text (after a mark, or indented and wrapped over two lines); briefs opened by their
    # place set apart and a date (清河 5月20日，)
    page = (
        "老街换新颜\n" + "　　" + P1 + "短讯\n　　清河 5月20日，清河区老年大学\n春季学期结业展演在区文化馆举行。\n"
        "　　南屏县 近日，南屏县民政局为全县\n80周岁以上老人集中发放高龄津贴。\n"
        "●我市调整高龄津贴发放标准　自7月1\n日起，我市高龄津贴提高到每人每月\n150元。\n"
        "　　县婚姻登记处推出“周末预约\n登记”服务　为方便在外务工人员办理\n婚姻登记，登记处7月起周末开放。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.text[:5]) for a in arts] == [
        ("老街换新颜", "近日，某区"), ("短讯", "清河5月2"), (None, "南屏县近日"), ("我市调整高龄津贴发放标准", "自7月1日"),
        ("县婚姻登记处推出“周末预约登记”服务", "为方便在外")]
    assert arts[4].text.endswith("登记处7月起周末开放。")  # (a column's name over untitled briefs titles the first)
    for a in arts:
        assert a.text[-4:] in page[a.start : a.end].replace("\n", "")


def test_split_articles_folio_with_editors_and_imprint_footer_are_furniture() -> None:
    # a folio with the editors' credits on one line, and the paper's imprint at the foot
    page = (
        "第3版 职工·维权  编辑 赵海燕  校对 孙蕾  版式 王朋\n\n老街换新颜\n\n" + OPENER + P1
        + "\n社址：临江市学府路36号  邮编：610041  邮发代号：62-999  零售价：2.00元\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [("老街换新颜", (), P1_TEXT)]


def test_split_articles_blank_line_above_every_paragraph_of_column_text() -> None:
    # every paragraph indented and set a blank line apart, headlines and subheads alike: the
    # indentation is the paragraphs', and a heading over plain text (no byline, no dateline)
    # is a subhead where the page's headlines all stand over one
    para = "　　" + P1 + "\n"
    page = (
        "把“流动的他们”凝聚到工会大家庭\n\n本报记者 马骏\n\n" + para + "　　" + P2 + "\n" + para
        + "“扫码入会”只需两分钟\n\n" + para + "　　" + P3 + "\n" + "别让“隐形加班”成了常态\n\n□ 李文博\n\n" + para + para
        + "市总工会为单身职工搭建“鹊桥”\n\n　　本报讯 “五一”前夕，市总工会\n举办单身职工联谊活动。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("把“流动的他们”凝聚到工会大家庭", ("“扫码入会”只需两分钟",), "本报记者 马骏"), ("别让“隐形加班”成了常态", (), "李文博"),
        ("市总工会为单身职工搭建“鹊桥”", (), None)]
    assert arts[0].text.split("\n") == [P1_TEXT, P2_TEXT, P1_TEXT, P1_TEXT, P3_TEXT]


def test_split_articles_sidebar_label_over_its_own_headline() -> None:
    # 延伸阅读 over the box's headline, set right under the article: the box is an item whose
    # title is its headline, the label coming first in its subheads
    page = (
        "老街换新颜\n" + OPENER + P1 + "延伸阅读\n什么是“时间银行”\n" + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", (), P1_TEXT), ("什么是“时间银行”", ("延伸阅读",), P2_TEXT)]


def test_split_articles_photo_credit_in_brackets_is_no_source() -> None:
    # （王亮 摄） under a photo's caption, between two paragraphs, does not close the article
    page = "老街换新颜\n" + OPENER + P1 + "图为居民在议事会上发言。\n（王亮 摄）\n" + OPENER + P2
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [("老街换新颜", None, P1_TEXT + "\n" + P2_TEXT)]


def test_split_articles_dateline_credit_is_the_source() -> None:
    # without a source line or a byline, the reporters a dateline credits are the source (the
    # dateline stays in the text), and an agency's dateline names the agency
    page = (
        "老街换新颜\n\n本报讯（记者 王 磊\n通讯员 李婉清）\n" + P1 + "\n一季度就业形势总体稳定\n\n新华社北京5月5\n日电（记者姜琳）\n"
        + P2 + "\n社区食堂开进老旧小区\n\n本报5月6日讯 社区\n还组建了志愿服务队，\n定期上门看望独居老\n人，陪他们聊天。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("老街换新颜", "记者 王磊 通讯员 李婉清"), ("一季度就业形势总体稳定", "新华社"), ("社区食堂开进老旧小区", None)]
    assert arts[0].text.startswith("本报讯（记者王磊通讯员李婉清）近日")


def test_split_articles_byline_spaced_with_ideographic_spaces_over_two_lines() -> None:
    # ■本报记者　刘思远 / 　通讯员　许静: one byline, no brief titled 本报记者; 本报讯（记者　吴婷　…
    # broken inside its brackets is a dateline, no run-in title
    page = (
        "小区加装电梯“卡”了三年\n\n■本报记者　刘思远\n　通讯员　许静\n\n　　" + P1
        + "\n物业“退场”不慌\n\n　　本报讯（记者　吴婷　通讯员\n张凯）" + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("小区加装电梯“卡”了三年", "本报记者 刘思远 通讯员 许静"), ("物业“退场”不慌", "记者 吴婷 通讯员 张凯")]
    assert arts[0].text == P1_TEXT
    assert arts[1].text.startswith("本报讯（记者吴婷通讯员张凯）据了解")


def _lines(text: str, width: int = 30) -> str:
    return "".join(text[i : i + width] + "\n" for i in range(0, len(text), width))


def test_split_articles_work_bulletin() -> None:
    # a civil-affairs bureau's 工作动态 (lines as wide as the page): masthead with issue and
    # compiler, a table of contents of ● headlines, items credited to departments in brackets,
    # a folio and running head mid-item, and the distribution block at the end
    wide1, wide2 = _lines(P1_TEXT + P2_TEXT), _lines(P2_TEXT + P3_TEXT)
    page = (
        "工 作 动 态\n2024年第8期（总第96期）\n青阳区民政局办公室编  2024年7月12日\n本期要目\n"
        "● 区民政局部署“夏季送清凉”行动\n● 全区社会组织年报工作顺利完成\n"
        "【工作部署】\n区民政局部署“夏季送清凉”行动\n" + wide1 + "（社会救助科）\n"
        "全区社会组织年报工作顺利完成\n" + wide2[:31] + "\n— 1 —\n" + wide2[31:] + "（撰稿：张 蕾  审核：黄志坚）\n\n"
        "报：市民政局\n送：区委办、区政府办\n发：局机关各科室\n编辑：沈 玥  审核：陆国栋  （共印40份）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("区民政局部署“夏季送清凉”行动", "社会救助科"), ("全区社会组织年报工作顺利完成", "张蕾")]
    assert arts[0].text == P1_TEXT + P2_TEXT
    assert arts[1].text == P2_TEXT + P3_TEXT


def test_split_articles_news_website_page() -> None:
    # a news site's page: login and search, navigation bar, a metadata line led by the date
    # (作者 is the source, else 来源), buttons without brackets, 【责任编辑：…】, related links,
    # readers' comments and most-read lists up to the next blank line, the footer's links and ICP line
    page = (
        "[ 登录 ]  [ 注册 ]     请输入关键词    搜索\n首页 | 要闻 | 政务 | 民生 | 区县 | 视频\n\n"
        "“慈善+社区”让爱心就在家门口\n2024-09-05 08:42:16　来源：汉阳日报　作者：记者 刘 畅 通讯员 高 远\n"
        "字号：大 中 小　　　打印本页　　　关闭窗口\n\n" + WEB_P1.strip("　") + "\n\n" + WEB_P2.strip("　")
        + "\n\n【责任编辑：吴 凡】\n\n"
        "我市提高适老化改造补贴标准\n2024-09-04 17:20:05　来源：市民政局\n\n" + WEB_P3.strip("　") + "\n\n"
        "相关新闻\n· 市慈善总会发布年度报告  2024-08-30\n· 月湖街道：“邻里互助金”让邻里更暖心  2024-07-18\n\n"
        "网友评论（2）\n汉阳网友 2024-09-05 10:12  为社区慈善超市点赞！  回复  赞(12)\n"
        "江湾居民 2024-09-05 12:40  等了三年。  回复  赞(31)\n\n"
        "热点排行\n1  中秋国庆假期高速公路免费通行时间公布\n2  市区新增3处公共停车场\n\n"
        "关于我们 | 网站地图 | 联系我们 | 违法和不良信息举报\n鄂ICP备12345678号-1   鄂公网安备 42010002000123号\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("“慈善+社区”让爱心就在家门口", "记者 刘畅 通讯员 高远"), ("我市提高适老化改造补贴标准", "市民政局")]
    assert arts[0].text == WEB_P1.strip("　") + "\n" + WEB_P2.strip("　")
    assert arts[1].text == WEB_P3.strip("　")


def test_split_articles_bylines_in_more_forms() -> None:
    # ○记者 X (a circle before the byline), 文／图 X (words and photos), a headline with its
    # byline on the same line, ■记者 X right over the text, and 记者 X 报道 closing the text
    page = (
        "老街换新颜\n○记者 章 明 通讯员 李海燕\n\n" + OPENER + P1 + "\n社区食堂开张了\n文／图 张 斌\n\n" + OPENER + P2
        + "\n家门口的“养老管家”来了 记者 黄一鸣\n" + P3 + "\n老年助餐点要吃得安全\n■记者 王小川\n" + P1
        + "\n红白理事会管起“人情账”\n\n" + OPENER + P2 + "　　记者 章 明 报道\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("老街换新颜", "记者 章明 通讯员 李海燕"), ("社区食堂开张了", "张斌"), ("家门口的“养老管家”来了", "记者 黄一鸣"),
        ("老年助餐点要吃得安全", "记者 王小川"), ("红白理事会管起“人情账”", "记者 章明")]
    assert [a.text for a in arts] == [P1_TEXT, P2_TEXT, P3_TEXT, P1_TEXT, P2_TEXT]


def test_split_articles_triangles_open_briefs_on_a_page_that_uses_them_so() -> None:
    # ▲ opens untitled briefs closed by their source lines; a ▲ caption with its credit stays a caption
    brief = "▲日前，某街道联合辖区医院开设“家庭病床”服务，为行动不便的失能老人提供上门诊疗、换药、康复\n指导等服务。（记者 陈悦）\n"
    page = (
        "老街换新颜\n\n" + OPENER + P1 + "▲居民在议事会上发言。\n王亮 摄\n" + OPENER + P2 + "\n简讯\n" + brief
        + "▲9月1日起，某区“老年助餐卡”在全区48个助餐点实现通用，60岁以上老年人持卡可在任一助餐点就餐\n"
        "并享受分档补贴。（通讯员 何晴）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [("老街换新颜", None), ("简讯", "记者 陈悦"), (None, "通讯员 何晴")]
    assert arts[0].text == P1_TEXT + "\n" + P2_TEXT
    assert arts[1].text.startswith("日前，") and arts[2].text.startswith("9月1日起，")



def test_split_articles_brief_titled_under_its_columns_name() -> None:
    # a briefs column's name right under the text, over a ■ title: the ■ line is the brief's
    # title, the column's name comes first in its subheads
    page = "老街换新颜\n\n　　" + P1 + "　　" + P2 + "社区快讯\n■“银发课堂”开进小区\n　　" + P3 + "（通讯员 邓立）\n"
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("老街换新颜", (), None), ("“银发课堂”开进小区", ("社区快讯",), "通讯员 邓立")]


def test_split_articles_wechat_articles() -> None:
    # WeChat posts copied with their interface: the account line, prompts, placeholders and
    # counters are furniture, as is the account's name between its prompts; 文｜X 图｜Y is the
    # byline; under the text the writer's credit (文字：, 记者：) is the source, over 来源：,
    # and the reviewers (审核：, 终审：) and photographers (图片：) are furniture
    text1, text2 = WEB_P1.strip("　"), WEB_P3.strip("　")
    page = (
        "宁川民政\n#民政动态 合集 · 目录\n上一篇 下一篇\n\n“童”心共筑 “福”满六一｜市儿童福利院开展节日关爱活动\n"
        "原创 宁川民政 宁川民政 2024-06-01 18:05 发表于甘肃\n收录于合集 #民政动态 36个\n\n点击蓝字\n关注我们\n\n"
        + text1 + "\n\n图片\n\n" + text2 + "\n\n文字：李 静\n图片：王 晨\n编辑：赵 琳\n审核：孙建华\n\n阅读原文\n阅读 1562\n"
        "分享  收藏  17  在看  9\n\n写留言\n\n继续滑动看下一个\n宁川民政\n向上滑动看下一个\n\n"
        "“520”甜蜜上线！今天，全市412对新人领证\n原创 宁川民政 宁川民政 2024-05-20 20:18 发表于甘肃\n\n文｜马 骁　　图｜王 晨\n\n"
        + text2 + "\n\n来源：宁川日报\n记者：马 骁\n编辑：赵 琳\n终审：杨 帆\n\n长按二维码\n识别关注我们\n微信号：ningchuanminzheng\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("“童”心共筑 “福”满六一|市儿童福利院开展节日关爱活动", "李静", text1 + "\n" + text2),
        ("“520”甜蜜上线！今天，全市412对新人领证", "马骁", text2)]


def test_split_articles_jump_into_the_text_rules_and_datelines_under_headlines() -> None:
    # (上接第1版) set before the text it takes up is furniture, and the line is text, no
    # headline; a rule of = under the masthead is furniture; a dateline line with its reporter
    # and no punctuation under a headline is the text's first line, not part of the headline
    page = (
        "江州工人报  2024年3月8日 星期五  第 2 版\n" + "=" * 40 + "\n\n(上接第1版)" + P1
        + "\n新就业形态劳动者入会突破5万人\n\n本报讯 记者 郑 岚 记者\n" + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.text) for a in arts] == [
        (None, P1_TEXT), ("新就业形态劳动者入会突破5万人", "本报讯记者郑岚记者" + P2_TEXT)]


def test_split_articles_data_box_labelled_subheads_and_folio_without_weekday() -> None:
    # a 数说 box drawn with box characters is furniture; headings led by a short label in brackets
    # (【缘起】…) under the text are subheads; a folio of paper, page and date closes the page
    box = "┌─────────────────┐\n数说｜2023年度全国慈善捐赠\n●慈善组织超过1.5万个\n●注册志愿者超过2.3亿人\n└─────────────────┘\n"
    page = (
        "老街换新颜\n\n文／本报记者　邢晓萌\n\n" + P1 + "\n【缘起】“小钱”也能做信托\n\n" + P2 + "（据《浙江日报》）\n" + box
        + "\n社区食堂开张了\n\n" + P3 + "\n公益导报　07　2024年6月11日\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", ("【缘起】“小钱”也能做信托",), P1_TEXT + "\n" + P2_TEXT), ("社区食堂开张了", (), P3_TEXT)]
    assert arts[0].source == "《浙江日报》"


def test_split_articles_interview_questions_asked_by_the_reporter() -> None:
    # text set a paragraph a line; the reporter's questions (记者：…？) over their answers are the
    # interview's text, no headlines
    intro = "从今年7月1日起，新就业形态就业人员职业伤害保障试点将扩大到17个省份。记者就此采访了社会保障领域专家。"
    page = (
        "职业伤害保障试点扩围　这些问题你关心吗\n本报记者　赵剑影\n" + intro + "\n记者：此次扩围，哪些人员被纳入保障范围？\n"
        "答：试点主要覆盖在平台注册接单的出行、外卖、即时配送等行业的劳动者。\n记者：如果在送单途中受伤，应当怎么办？\n"
        "答：劳动者应在事故发生后及时通过平台报案，依法维护自身权益。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [("职业伤害保障试点扩围 这些问题你关心吗", "本报记者 赵剑影")]
    assert arts[0].text.startswith(intro) and arts[0].text.endswith("依法维护自身权益。")


def test_split_articles_epaper_export_without_blank_lines() -> None:
    # an e-paper's export: page navigation and zoom buttons are furniture; a three-line stack
    # without a dash is kicker, headline and subtitle; a caption credited on its own line ends
    # there (the rubric and headline under it stay); □本报记者 X 整理 is a byline
    page = (
        "江南老年报数字版\n2024年09月20日 星期五\n本版导航：社区长者食堂“香”飘百家 | 养老服务补贴怎么申请？\n放大  缩小  默认\n"
        "小食堂里的大民生\n社区长者食堂“香”飘百家\n我市已建成助老食堂316家，日均服务老人2.3万人次\n□本报记者 林 静\n"
        + WEB_P1.strip("　") + "\n图为翠苑街道长者食堂工作人员为老人打饭。 本报记者 林 静 摄\n政策问答\n养老服务补贴怎么申请？\n"
        "□本报记者 许 朗 整理\n" + WEB_P3.strip("　") + "\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("社区长者食堂“香”飘百家", ("小食堂里的大民生", "我市已建成助老食堂316家，日均服务老人2.3万人次"), "本报记者 林静"),
        ("养老服务补贴怎么申请？", ("政策问答",), "本报记者 许朗")]
    assert [a.text for a in arts] == [WEB_P1.strip("　"), WEB_P3.strip("　")]


def test_split_articles_magazine_page() -> None:
    # a magazine's running head (24 ｜社区与社会工作  2024.03) and bilingual rubric (专访 INTERVIEW)
    # are furniture; 撰文｜X（workplace） is a byline; a column's two-character label over a
    # headline comes first in the subheads
    page = (
        "24 ｜社区与社会工作  2024.03\n\n专访 INTERVIEW\n社会组织是“毛细血管”\n\n文/本刊记者 苏 晴\n\n" + OPENER + P1
        + "\n案例\n困境儿童家庭的“破冰”\n\n撰文｜陈 茜（江州市阳光社工服务中心）\n\n" + OPENER + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.source) for a in arts] == [
        ("社会组织是“毛细血管”", (), "本刊记者 苏晴"), ("困境儿童家庭的“破冰”", ("案例",), "陈茜")]
    assert [a.text for a in arts] == [P1_TEXT, P2_TEXT]


def test_split_articles_headline_led_by_its_column_in_brackets() -> None:
    # 【活力中国】… is a headline led by its programme's column, not a labelled subhead (【缘起】…)
    page = "老街换新颜\n\n" + OPENER + P1 + "\n【活力中国】百年鱼市迎来红红火火\n\n" + OPENER + P2
    arts = split_articles(page)
    assert [a.title for a in arts] == ["老街换新颜", "【活力中国】百年鱼市迎来红红火火"]


def test_split_articles_text_from_a_pdf_wraps_at_the_page_width() -> None:
    # lines of 34 characters broken mid-sentence (a PDF's page width) are column text: a heading
    # under a rubric stands over the text, whose first line is no second heading line
    wide = _lines("去年以来，凤栖路街道在区民政局指导下，在梧桐、瑞金、桃源3个社区开展“时间银行”互助养老试点。" * 3, 34)
    page = "【基层动态】\n凤栖路街道“时间银行”互助养老试点取得实效\n" + wide + "（供稿：凤栖路街道）\n"
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [("凤栖路街道“时间银行”互助养老试点取得实效", "凤栖路街道")]
    assert "\n" not in arts[0].text


def test_split_articles_headline_over_a_dateline_broken_inside_its_brackets() -> None:
    # a two-line headline right over 本报讯（通讯员 宁 远 记 / 者 马 骁）…: the dateline's line ends
    # the headline stack, which is the article's title
    page = (
        "老街换新颜\n\n" + _lines(P1_TEXT, 13) + "\n新兴领域党建\n让“小个专”找到组织\n本报讯（通讯员　宁　远　记\n者　马　骁）走进温州市鹿城\n"
        "区五马街商圈的党群服务驿\n站，个体工商户党员正在这\n里过组织生活。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("老街换新颜", None), ("新兴领域党建让“小个专”找到组织", "通讯员 宁远 记者 马骁")]
    assert arts[1].text.startswith("本报讯（通讯员宁远记者马骁）走进")


def test_split_articles_readers_letter_and_outlet_in_square_brackets() -> None:
    # 【人民网】 under the text is its source; a letter under its rubric: the headline over 编辑同志：,
    # the reader's signature as its source, the editor's postscript in no one's text
    text1, text2 = WEB_P1.strip("　"), WEB_P2.strip("　")
    page = (
        "值班编委：许家明　责任编辑：骆冰　美术编辑：叶舟\n\n“婚俗改革实验区”里的新风尚\n" + text1 + "\n【人民网】\n\n"
        "读者来信\n小区电动车充电桩何时能装上？\n编辑同志：\n" + text2 + "\n读者　陈建国\n"
        "编辑附言：本报已将来信转至城南区住房和城乡建设局。该局回复称，将于12月底前完成建设。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("“婚俗改革实验区”里的新风尚", "人民网", text1), ("小区电动车充电桩何时能装上？", "读者 陈建国", "编辑同志：\n" + text2)]


def test_split_articles_marked_subhead_with_a_comma_and_page_contacts() -> None:
    # ■物业“进门”，服务“进心” over an indented paragraph is a subhead, not a brief; the page's
    # contacts (本版邮箱：… 新闻热线：…) under the last article are furniture
    page = (
        "老街换新颜\n\n　　" + P1 + "■物业“进门”，服务“进心”\n　　" + P2 + "\n本版邮箱：bjrbmsb@163.com　新闻热线：96111\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.subheads, a.text) for a in arts] == [
        ("老街换新颜", ("物业“进门”，服务“进心”",), P1_TEXT + "\n" + P2_TEXT)]


def test_split_articles_headline_over_a_dateline_after_a_notice() -> None:
    # text a paragraph a line: a notice signed by its issuer and date without 特此公示, then a
    # headline right over its 本报讯 line: the headline starts the next article
    page = (
        "关于“最美养老护理员”拟表彰人选的公示\n" + WEB_P3.strip("　") + "\n江南市民政局\n2024年9月20日\n"
        "第五届“银龄杯”门球邀请赛落幕\n本报讯（记者 何 帆）9月17日，为期三天的门球邀请赛在市全民健身中心落幕。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("关于“最美养老护理员”拟表彰人选的公示", "江南市民政局"), ("第五届“银龄杯”门球邀请赛落幕", "记者 何帆")]


def test_split_articles_brief_titles_over_their_datelines() -> None:
    # ■ titles wrapped over two lines right over a bare 本报讯 line, briefs closed by their
    # writers' names in brackets (one or two), then a wire story whose headline wraps inside
    # its quotes right over its dateline
    page = (
        "民 生 简 讯\n\n■芜湖首家嵌入式养老服务\n综合体投入运营\n  本报讯 3月10日，芜湖市镜湖\n区首家嵌入式养老服务综合体在\n"
        "范罗山街道正式投入运营。\n（王 平）\n\n■阜阳举办“零彩礼”\n集体婚礼\n  本报讯 3月9日，阜阳市颍州区\n民政局联合团区委举办集体婚礼，\n"
        "30对新人喜结连理。\n（赵 明 李思雨）\n\n民政部部署开展“民政为民 民政\n爱民”服务行动\n  新华社北京3月11日电（记者 高\n"
        "蕾）记者11日从民政部获悉，民政\n部近日印发通知，部署开展服务行\n动。\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [
        ("芜湖首家嵌入式养老服务综合体投入运营", "王平"), ("阜阳举办“零彩礼”集体婚礼", "赵明 李思雨"),
        ("民政部部署开展“民政为民 民政爱民”服务行动", "新华社")]
    assert [a.text[:6] for a in arts] == ["本报讯3月1", "本报讯3月9", "新华社北京3"]


def test_split_articles_government_site_page() -> None:
    # a district government's site: its sections, the list of its stories with their dates,
    # pagination, a metadata line led by 发布时间 (its 来源 is the source), [图片] captions and
    # the site's footer are furniture
    text1, text2 = WEB_P1.strip("　"), WEB_P3.strip("　")
    page = (
        "清源市河西区人民政府\n首页  政务公开  政务服务  互动交流  走进河西\n\n"
        "· 关于开展2023年度社会组织年度检查工作的通知  2024-05-28\n· 我区开展婚姻登记颁证服务活动  2024-05-21\n"
        "共 126 条  首页 上一页 1 2 3 4 5 ... 下一页 尾页  跳转到 [  ] 页\n\n"
        "我区开展婚姻登记颁证服务活动\n发布时间：2024-05-21 16:02    来源：区民政局    浏览次数：1386    【字号：大 中 小】\n\n"
        "    " + text1 + "\n\n[图片]  颁证嘉宾为新人颁发结婚证\n\n【打印本页】  【关闭窗口】\n\n"
        "东湖街道“幸福食堂”开张\n发布时间：2024-05-10 14:47    来源：清源日报    浏览次数：2210\n\n    " + text2 + "\n\n"
        "相关链接：中国政府网 | 清源市人民政府 | 清源市民政局\n主办单位：清源市河西区人民政府办公室    承办单位：河西区大数据发展中心\n"
        "网站标识码：3301990001\n联系电话：0571-8696XXXX    建议使用1280×768以上分辨率浏览本网站\n扫一扫在手机打开当前页\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("我区开展婚姻登记颁证服务活动", "区民政局", text1), ("东湖街道“幸福食堂”开张", "清源日报", text2)]


def test_split_articles_news_app_page() -> None:
    # a news app's page: its buttons, the original title, the platform's disclaimer, counters
    # and the comments (to the next blank line) are furniture
    text1 = WEB_P1.strip("　")
    page = (
        "首批32家社区慈善基金挂牌\n2024-06-12 17:45  来源：澎湃新闻\n字号\n\n" + text1 + "\n\n原标题：《首批32家！清源社区慈善基金集中挂牌》\n举报\n"
        "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场。\n点赞 186    收藏    分享\n\n"
        "评论（42）\n最热 | 最新\n清源的小陈  河西  2小时前\n我们社区也有，上个月还组织了活动。\n回复  赞 23\n查看全部42条评论 >\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [("首批32家社区慈善基金挂牌", "澎湃新闻", text1)]


def test_clean_maps_kangxi_radicals_and_compatibility_ideographs() -> None:
    # text taken from a PDF: ⼤⼩⾥⼼ (Kangxi radicals) and 﨑-style compatibility ideographs are the
    # characters they stand for; offsets stay one for one
    raw = "和平⾥社区⼤⼩事，⽼⼈都关⼼。\n"
    assert clean(raw) == "和平里社区大小事，老人都关心。"
    arts = split_articles("社区⼩事\n\n" + raw)
    assert arts[0].title == "社区小事" and arts[0].text == "和平里社区大小事，老人都关心。"
    assert len(clean("\uf900")) == 1 and clean("\uf900") != "\uf900"


def test_split_articles_blank_line_above_most_indented_paragraphs() -> None:
    # a feature page set a paragraph a line, a blank line above most of its indented paragraphs
    # (not above a brief's text under its title): the indentation is the paragraphs', quoted
    # subheads stay in their article, and a caption with its credit on its line is no text
    paras = [WEB_P1, WEB_P2, WEB_P3] * 3
    page = (
        "送别者\n\n" + "\n\n".join(paras[:3])
        + "\n\n　　“最难的是送别孩子”\n\n" + "\n\n".join(paras[3:]) + "\n\n周建国在告别厅整理挽联。本报记者 孟依然 摄\n\n"
        "城事速递\n\n■“爱心冰柜”今夏再上岗\n" + WEB_P2 + "（通讯员 钱工宣）\n"
    )
    arts = split_articles(page)
    assert [(a.title, a.source) for a in arts] == [("送别者", None), ("“爱心冰柜”今夏再上岗", "通讯员 钱工宣")]
    assert "“最难的是送别孩子”" in arts[0].subheads
    assert arts[0].text.split("\n") == [p.strip("　") for p in paras]


def test_split_articles_community_correspondent_byline() -> None:
    # a community newsletter credits 社区通讯员 X under the headline
    page = "停车难，大家商量着办\n社区通讯员 刘 洋\n\n" + OPENER + P1 + "\n社区食堂开张了\n街道通讯员 张 敏\n\n" + OPENER + P2
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("停车难，大家商量着办", "社区通讯员 刘洋", P1_TEXT), ("社区食堂开张了", "街道通讯员 张敏", P2_TEXT)]


def test_split_articles_editors_line_with_email_and_a_jump_head() -> None:
    # the editors' line may end in the page's e-mail; ■上接A1版 over the continued story's
    # headline repeated: the jump is furniture, the headline heads the text that goes on
    page = (
        "A3        江南法治报\n2024年4月18日 星期四      法治·民生\n本版编辑/吴 昊  美编/张 玲  E-mail:fzms@jnfzb.cn\n\n"
        "■上接A1版\n老旧小区物业纠纷化解有了“法治处方”\n\n" + P1 + "\n“分家协议”免不了赡养义务\n\n□本报记者 沈一鸣\n\n" + P2
    )
    arts = split_articles(page)
    assert [(a.title, a.source, a.text) for a in arts] == [
        ("老旧小区物业纠纷化解有了“法治处方”", None, P1_TEXT), ("“分家协议”免不了赡养义务", "本报记者 沈一鸣", P2_TEXT)]
    assert arts[0].subheads == ()
