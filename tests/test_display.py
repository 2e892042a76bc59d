"""Notebook display: HTML views mark exactly the summary sentences and evidence spans; short reprs; to_frame; plot."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import newsnlp
from newsnlp import Article, Classification, Evidence, Sentence, Summary, display

from _themes import small_model

PAGE = (Path(__file__).resolve().parent.parent / "examples" / "sample_page.txt").read_text("utf-8")
MARKED = re.compile(r"<mark[^>]*>(.*?)</mark>", re.S)


def marked(markup: str) -> list[str]:
    return [html.unescape(m) for m in MARKED.findall(markup)]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return newsnlp.split_articles(PAGE)


def test_summary_html_highlights_exactly_the_summary_sentences(articles) -> None:
    for article in articles:
        summary = newsnlp.summarize(article.text, k=2)
        markup = summary._repr_html_()
        assert marked(markup) == [s.text for s in summary.sentences]
        assert html.escape(summary.document[:10]) in markup


def test_classification_html_has_bars_and_marks_evidence(articles) -> None:
    result = small_model().classify(articles[3].text)
    markup = result._repr_html_()
    for theme in result.scores:
        assert theme in markup
    spans = sorted({(e.start, e.end, e.text) for items in result.evidence.values() for e in items})
    kept, end = [], -1  # overlapping spans: the first one is shown
    for s, e, text in spans:
        if s >= end:
            kept.append(text)
            end = e
    assert marked(markup) == kept and kept


def test_html_escapes_the_document() -> None:
    doc = "<script>alert(1)</script>居民议事会讨论停车难题。"
    summary = Summary((Sentence(doc[25:], 25, len(doc), 0, 1.0),), "lead", doc)
    markup = display.summary_html(summary)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert marked(markup) == [doc[25:]]


def test_long_documents_are_cut_with_a_note() -> None:
    doc = "社区议事。" * 2000
    summary = Summary((Sentence("社区议事。", 0, 5, 0),), "lead", doc)
    markup = display.summary_html(summary, max_chars=100)
    assert "9,900 more characters" in markup
    assert len(markup) < 3000


def test_short_reprs(articles) -> None:
    summary = newsnlp.summarize(articles[0].text)
    assert len(repr(summary)) < 160 and "learned" in repr(summary)
    result = small_model().classify(articles[0].text)
    assert repr(result).startswith(f"Classification(label={result.label!r}")
    assert len(repr(result)) < 200
    assert repr(articles[0]) == (
        f"Article(index=0, title={articles[0].title!r}, source={articles[0].source!r}, {len(articles[0].text)} chars)"
    )
    bad = Classification(None, (), {}, error="InputTypeError: not a str")
    assert "error" in repr(bad)


def test_view_of_lists(articles) -> None:
    table = str(display.view(articles))
    assert table.count("<tr>") == len(articles) + 1
    for a in articles:
        assert html.escape(a.title) in table
    both = str(display.view([newsnlp.summarize(a.text, k=1) for a in articles]))
    assert both.count("newsnlp-summary") == len(articles)
    with pytest.raises(newsnlp.InputTypeError):
        display.view(42)


def test_to_frame_rows_and_columns(articles) -> None:
    pytest.importorskip("pandas")
    results = small_model().classify_batch([a.text for a in articles] + [None])
    frame = display.to_frame(results)
    assert len(frame) == len(articles) + 1
    assert frame["label"].tolist()[:-1] == [r.label for r in results[:-1]]
    assert frame["error"].iloc[-1].startswith("InputTypeError")
    for theme in results[0].scores:
        assert frame[f"score_{theme}"].iloc[0] == results[0].scores[theme]
    summaries = display.to_frame(newsnlp.summarize_batch([a.text for a in articles], k=1))
    assert summaries.columns.tolist() == ["summary", "sentences", "method", "error"]
    assert display.to_frame(articles)["title"].tolist() == [a.title for a in articles]
    evidence = display.to_frame([Evidence("社区", 0, 2, 0.5)])
    assert evidence.to_dict("records") == [{"text": "社区", "start": 0, "end": 2, "weight": 0.5}]


def test_plot_themes_by_source_and_over_time(articles) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    results = small_model().classify_batch([a.text for a in articles] * 2)
    ax = display.plot_themes(results, by=[a.source for a in articles] * 2)
    assert len(ax.patches) == len(results[0].scores) * len(articles)  # one bar per theme per source
    dates = ["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-28"] * 2
    ax = display.plot_themes(results, by=dates, freq="MS", share=False)
    counts = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()}
    label = results[0].label
    expected = [sum(label in r.labels for r, d in zip(results, dates) if d[:7] == month) for month in ("2024-01", "2024-02")]
    assert counts[label] == expected
    with pytest.raises(newsnlp.InputValueError):
        display.plot_themes(results, by=dates[:3])
    matplotlib.pyplot.close("all")
