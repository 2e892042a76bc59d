"""render_page / split_scores, and split_articles on our own pages (no shared data needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsnlp.errors import InputTypeError, InputValueError
from newsnlp.layout import article_errors, render_page, split_scores
from newsnlp.text import split_articles

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLES = json.loads((PAGES / "articles.json").read_text(encoding="utf-8"))
FIXTURES = sorted(p.stem for p in PAGES.glob("page_*.txt"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_page(name: str) -> None:
    page = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))["articles"]
    got = split_articles(page)
    assert [a.title for a in got] == [e["title"] for e in expected]
    assert [a.source for a in got] == [e["source"] for e in expected]
    assert [list(a.subheads) for a in got] == [e["subheads"] for e in expected]
    assert [(a.start, a.end) for a in got] == [(e["start"], e["end"]) for e in expected]
    scores = split_scores(got, expected, page)
    assert scores["char_accuracy"] >= 0.995
    for a in got:
        assert "\ufffd" not in a.text


def test_fixture_pages_match_renderer() -> None:
    """The fixture pages are what render_page gives for their recorded arguments."""
    for name in FIXTURES:
        meta = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
        args = dict(meta["render"])
        arts = [ARTICLES[i] for i in args.pop("articles")]
        page, gold = render_page(arts, **args)
        assert page == (PAGES / f"{name}.txt").read_text(encoding="utf-8")
        assert gold == meta["articles"]


def test_render_gold_spans() -> None:
    page, gold = render_page(ARTICLES, width=12, seed=5)
    assert len(gold) == len(ARTICLES)
    for g, art in zip(gold, ARTICLES):
        raw = page[g["start"] : g["end"]]
        assert raw == raw.strip()
        if art["title"]:
            assert raw.startswith(art["title"])
        if art["source"]:
            assert art["source"].replace(" ", "") in raw.replace(" ", "")
    assert all(a["end"] < b["start"] for a, b in zip(gold, gold[1:]))
    # column lines stay near the width (headlines and source lines aside)
    body_lines = [ln for ln in page.split("\n") if ln.strip() and ln not in {a["title"] for a in ARTICLES}]
    assert max(sum(0 if c == " " else (1 if ord(c) > 0x2E80 else 0.5) for c in ln) for ln in body_lines) <= 12 + 10


def test_render_is_deterministic_and_checked() -> None:
    assert render_page(ARTICLES[:2], seed=3) == render_page(ARTICLES[:2], seed=3)
    assert render_page(ARTICLES[:2], seed=3) != render_page(ARTICLES[:2], seed=4)
    with pytest.raises(InputValueError):
        render_page([{"title": "空", "paragraphs": []}])
    with pytest.raises(InputValueError):
        render_page(ARTICLES[:1], width=2)
    with pytest.raises(InputTypeError):
        render_page(ARTICLES[:1], width="13")  # type: ignore[arg-type]


def test_split_scores_reference_values() -> None:
    gold = [
        {"title": "甲", "source": "乙", "text": "一二三四", "start": 0, "end": 10},
        {"title": None, "source": None, "text": "五六七八", "start": 20, "end": 30},
    ]
    perfect = split_scores(gold, gold)
    assert perfect == {
        "boundary_precision": 1.0,
        "boundary_recall": 1.0,
        "boundary_f1": 1.0,
        "title_accuracy": 1.0,
        "source_accuracy": 1.0,
        "char_accuracy": 1.0,
    }
    merged = [{"title": "甲", "source": None, "text": "一二三四\n五六七八", "start": 1, "end": 30}]
    s = split_scores(merged, gold)
    assert s["boundary_precision"] == 1.0 and s["boundary_recall"] == 0.5
    assert s["boundary_f1"] == pytest.approx(2 / 3)
    assert s["title_accuracy"] == 0.5 and s["source_accuracy"] == 0.0
    assert s["char_accuracy"] == 1.0  # the same characters, boundaries aside
    assert split_scores([], gold)["boundary_f1"] == 0.0


@pytest.mark.parametrize("width", range(10, 17))
def test_split_articles_on_rendered_pages(width: int) -> None:
    """Many renderings of our own articles: every width, ten seeds each, all cues mixed."""
    totals = {"boundary_f1": 0.0, "title_accuracy": 0.0, "char_accuracy": 0.0}
    seeds = range(10)
    for seed in seeds:
        page, gold = render_page(ARTICLES, width=width, seed=seed)
        scores = split_scores(split_articles(page), gold, page)
        for k in totals:
            totals[k] += scores[k] / len(seeds)
        assert scores["char_accuracy"] >= 0.98, (width, seed)
    # measured over these 70 pages: boundary F1 ~0.98, titles ~0.96, characters ~0.9995
    assert totals["boundary_f1"] >= 0.95
    assert totals["title_accuracy"] >= 0.93
    assert totals["char_accuracy"] >= 0.995


# ------------------------------------------------------- pages laid out as other papers do
LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.mark.parametrize("name", sorted(p.stem for p in LAYOUTS.glob("*.txt")))
def test_layout_page(name: str) -> None:
    # mastheads of several papers, pages that indent every paragraph or none, datelines,
    # rubrics, kicker / headline / subtitle blocks, subheads, briefs, captions, jump lines
    page = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((LAYOUTS / f"{name}.json").read_text(encoding="utf-8"))["articles"]
    assert article_errors(split_articles(page), expected) == []


def test_article_errors_names_what_is_wrong() -> None:
    page = "老街换新颜\n\n\ufffd \ufffd 近日，某区民政局在辖\n区开展走访活动，为困难\n老人送去生活物资。\n（据《某某日报》）\n"
    expected = [{"title": "老街换新颜", "title_alt": [], "body_start": "近日", "body_end": "生活物资。",
                 "source": "《某某日报》"}]
    assert article_errors(split_articles(page), expected) == []
    wrong = [dict(expected[0], title="新颜", body_end="物资", source=None), dict(expected[0], body_start="据悉")]
    errors = article_errors(split_articles(page), wrong)
    assert errors[0] == "1 articles, expected 2"
    assert [e.split(":")[1].split()[0] for e in errors[1:4]] == ["title", "ends", "source"]
    assert errors[4] == "no article starts with '据悉'"
