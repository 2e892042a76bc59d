"""Notebook display and tables: HTML views of results, ``to_frame``, and a theme plot for a batch.

In Jupyter, a :class:`~newsnlp.Summary`, :class:`~newsnlp.Classification` or
:class:`~newsnlp.Article` shows itself as HTML (``_repr_html_`` calls into this
module): the document with the summary's sentences highlighted, or theme score
bars with the evidence terms marked in the text.  A list cannot carry its own
HTML, so wrap it: ``display.view(articles)``.

>>> from newsnlp import display
>>> display.view(newsnlp.split_articles(page))      # a table of the page's articles
>>> display.to_frame(newsnlp.classify_batch(texts))  # one row per text, one column per theme score
>>> display.plot_themes(results, by=dates)          # themes over time (or by=sources)

Everything here is plain HTML with inline styles (no JavaScript), so that a
saved notebook or an HTML export shows the same thing.  pandas and matplotlib
are imported only by the functions that need them.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from .results import Article, Classification, Evidence, Sentence, Summary

__all__ = [
    "HTML",
    "article_html",
    "articles_html",
    "classification_html",
    "plot_themes",
    "summary_html",
    "to_frame",
    "view",
]

MAX_CHARS = 4000  # longest document shown in full; the rest is cut with a note
PALETTE = ("#f4a259", "#5b8e7d", "#8cb369", "#bc4b51", "#6d83c4", "#b58db6", "#e9c46a", "#2a9d8f")
MARK = "#ffe066"  # summary highlight

_BOX = "font-family:system-ui,sans-serif;font-size:14px;line-height:1.7;max-width:820px"
_HEAD = "font-weight:600;margin-bottom:6px"
_MUTED = "color:#666;font-weight:400"
_DOC = "border-left:3px solid #ddd;padding:4px 12px;margin-top:6px;white-space:normal"


class HTML:
    """An HTML fragment that notebooks render (``_repr_html_``) and scripts can save (``str(view)``)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"<newsnlp.display.HTML, {len(self.markup)} characters: display it in a notebook or save str()>"

    def save(self, path: str) -> None:
        """Write a standalone UTF-8 HTML page."""
        from pathlib import Path

        page = f'<!doctype html><html><head><meta charset="utf-8"><title>newsnlp</title></head><body>{self.markup}</body></html>'
        Path(path).write_text(page, "utf-8")


# --------------------------------------------------------------------------- text with marked spans


def _marked(document: str, spans: Sequence[tuple[int, int, str, str]], max_chars: int = MAX_CHARS) -> str:
    """*document* as HTML with ``(start, end, style, title)`` spans wrapped in ``<mark>``.

    Overlapping spans keep the first (spans are sorted by start); line breaks
    become ``<br>``; text past *max_chars* is left out with a note.
    """
    shown = document[:max_chars]
    out: list[str] = []
    pos = 0
    for start, end, style, title in sorted(spans):
        if start < pos or start >= len(shown):
            continue
        end = min(end, len(shown))
        out.append(html.escape(shown[pos:start]))
        out.append(f'<mark style="{style}" title="{html.escape(title)}">{html.escape(shown[start:end])}</mark>')
        pos = end
    out.append(html.escape(shown[pos:]))
    body = "".join(out).replace("\n", "<br>")
    if len(document) > max_chars:
        body += f'<span style="{_MUTED}"> … ({len(document) - max_chars:,} more characters)</span>'
    return body


def _color(theme: str, themes: Sequence[str]) -> str:
    return PALETTE[sorted(themes).index(theme) % len(PALETTE)] if theme in themes else "#999"


# --------------------------------------------------------------------------- one result


def summary_html(summary: Summary, *, max_chars: int = MAX_CHARS) -> str:
    """The summarised document with the summary's sentences highlighted and numbered."""
    spans = [
        (s.start, s.end, f"background:{MARK};padding:0 1px", f"summary sentence {n} (document sentence {s.index}"
         + (f", score {s.score:.3f})" if s.score is not None else ")"))
        for n, s in enumerate(summary.sentences, 1)
    ]
    n_chars = len(summary.text)
    head = (
        f'<div style="{_HEAD}">Summary <span style="{_MUTED}">· {html.escape(summary.method)} · '
        f"{len(summary.sentences)} sentences · {n_chars:,} of {len(summary.document):,} characters</span></div>"
    )
    if summary.error:
        head += f'<div style="color:#b00020">error: {html.escape(summary.error)}</div>'
    items = "".join(f"<li>{html.escape(s.text)}</li>" for s in summary.sentences)
    listing = f'<ol style="margin:4px 0 4px 1.2em;padding:0">{items}</ol>' if items else ""
    doc = f'<div style="{_DOC}">{_marked(summary.document, spans, max_chars)}</div>' if summary.document else ""
    return f'<div class="newsnlp-summary" style="{_BOX}">{head}{listing}{doc}</div>'


def _bar(theme: str, score: float, chosen: bool, color: str) -> str:
    width = max(0.0, min(1.0, score)) * 100
    weight = "600" if chosen else "400"
    fill = color if chosen else "#c8c8c8"
    return (
        '<div style="display:flex;align-items:center;gap:8px">'
        f'<span style="width:190px;font-weight:{weight}">{html.escape(theme)}{" ✓" if chosen else ""}</span>'
        '<span style="flex:0 0 300px;height:12px;background:#f0f0f0;border-radius:3px">'
        f'<span style="display:block;height:12px;width:{width:.1f}%;background:{fill};border-radius:3px"></span></span>'
        f'<span style="font-variant-numeric:tabular-nums">{score:.3f}</span></div>'
    )


def classification_html(result: Classification, *, max_chars: int = MAX_CHARS) -> str:
    """Theme score bars (themes in ``labels`` coloured and ticked) and the text with evidence terms marked."""
    themes = list(result.scores)
    head = f'<div style="{_HEAD}">Classification <span style="{_MUTED}">· '
    head += f"primary: {html.escape(str(result.label))} · {html.escape(result.model)}</span></div>"
    if result.error:
        head += f'<div style="color:#b00020">error: {html.escape(result.error)}</div>'
    ranked = sorted(result.scores.items(), key=lambda kv: -kv[1])
    bars = "".join(_bar(t, s, t in result.labels, _color(t, themes)) for t, s in ranked)
    spans = [
        (e.start, e.end, f"background:{_color(theme, themes)}55;border-bottom:2px solid {_color(theme, themes)}",
         f"{theme} evidence, weight {e.weight:.3g}")
        for theme, items in result.evidence.items()
        for e in items
    ]
    doc = f'<div style="{_DOC}">{_marked(result.document, spans, max_chars)}</div>' if result.document else ""
    return f'<div class="newsnlp-classification" style="{_BOX}">{head}{bars}{doc}</div>'


def article_html(article: Article, *, max_chars: int = MAX_CHARS) -> str:
    """One article: headline, subheads, source and body."""
    title = html.escape(article.title or "(untitled)")
    meta = f"article {article.index} · page[{article.start}:{article.end}]"
    if article.source:
        meta += f" · source: {html.escape(article.source)}"
    subheads = "".join(f'<div style="font-style:italic">{html.escape(s)}</div>' for s in article.subheads)
    body = _marked(article.text, [], max_chars)
    return (
        f'<div class="newsnlp-article" style="{_BOX}"><div style="{_HEAD}">{title} '
        f'<span style="{_MUTED}">· {meta}</span></div>{subheads}<div style="{_DOC}">{body}</div></div>'
    )


def articles_html(articles: Sequence[Article], *, preview: int = 60) -> str:
    """A table of articles: index, headline, source, length and the first *preview* characters."""
    rows = "".join(
        f"<tr><td>{a.index}</td><td>{html.escape(a.title or '')}</td><td>{html.escape(a.source or '')}</td>"
        f'<td style="text-align:right">{len(a.text):,}</td>'
        f"<td>{html.escape(a.text[:preview].replace(chr(10), ' '))}{'…' if len(a.text) > preview else ''}</td></tr>"
        for a in articles
    )
    cell = 'style="text-align:left;padding:2px 8px;border-bottom:1px solid #ccc"'
    header = "".join(f"<th {cell}>{h}</th>" for h in ("#", "title", "source", "chars", "beginning"))
    return (
        f'<table class="newsnlp-articles" style="{_BOX};border-collapse:collapse">'
        f"<thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>"
    )


_RENDERERS = {Summary: summary_html, Classification: classification_html, Article: article_html}


def view(obj: Any) -> HTML:
    """An HTML view of a result, or of a list of them (articles as a table, others one after another)."""
    if type(obj) in _RENDERERS:
        return HTML(_RENDERERS[type(obj)](obj))
    items = list(obj) if isinstance(obj, (list, tuple)) else None
    if items is not None and items and all(isinstance(x, Article) for x in items):
        return HTML(articles_html(items))
    if items is not None and all(type(x) in _RENDERERS for x in items):
        return HTML('<hr style="border:0;border-top:1px solid #eee">'.join(_RENDERERS[type(x)](x) for x in items))
    from .errors import InputTypeError

    raise InputTypeError(
        f"view() shows a Summary, Classification, Article or a list of them, not {type(obj).__name__}"
    )


# --------------------------------------------------------------------------- tables


def _row(obj: Any) -> dict[str, Any]:
    if isinstance(obj, Classification):
        row = {"label": obj.label, "labels": list(obj.labels)}
        row.update({f"score_{t}": s for t, s in obj.scores.items()})
        row.update({
            "evidence": {t: [e.text for e in items] for t, items in obj.evidence.items()},
            "model": obj.model,
            "error": obj.error,
        })
        return row
    if isinstance(obj, Summary):
        return {
            "summary": obj.text,
            "sentences": [s.index for s in obj.sentences],
            "method": obj.method,
            "error": obj.error,
        }
    if isinstance(obj, (Article, Sentence, Evidence)):
        return obj.to_dict()
    if isinstance(obj, dict):
        return dict(obj)
    from .errors import InputTypeError

    raise InputTypeError(f"to_frame() takes newsnlp results, not {type(obj).__name__}")


def to_frame(results: Iterable[Any], *, index: Any = None):
    """A pandas DataFrame with one row per result (Classification, Summary, Article, Sentence or Evidence).

    A Classification gives ``label``, ``labels``, one ``score_<theme>`` column
    per theme, ``evidence`` (theme -> terms), ``model`` and ``error``; a
    Summary gives ``summary``, ``sentences`` (their indices in the document),
    ``method`` and ``error``; the others their ``to_dict()``.  *index* becomes
    the frame's index (e.g. the input Series' index, to join back).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        from .errors import BackendUnavailableError

        raise BackendUnavailableError("to_frame needs pandas: pip install 'newsnlp[datasets]'") from exc
    rows = [_row(r) for r in results]
    return pd.DataFrame(rows, index=index)


# --------------------------------------------------------------------------- plot


def plot_themes(results: Sequence[Classification], by: Sequence[Any] | None = None, *, freq: str | None = None,
                share: bool = True, ax: Any = None):
    """Plot how often each theme appears in a batch, per group of *by* (dates or sources).

    *by* holds one value per result: dates (``datetime``/``date``/ISO strings
    with *freq*, e.g. ``"D"``, ``"W"``, ``"MS"``) give lines over time; other
    values (sources) give grouped bars.  Without *by*, one bar per theme.  A
    theme counts for a result when it is in ``result.labels``; with *share* the
    y axis is the share of the group's results, else the count.  Results with
    ``error`` set are left out.  Returns the matplotlib Axes.
    """
    import pandas as pd
    import matplotlib.pyplot as plt

    results = list(results)
    groups = ["all"] * len(results) if by is None else list(by)
    if len(groups) != len(results):
        from .errors import InputValueError

        raise InputValueError(f"by has {len(groups)} values for {len(results)} results")
    themes = sorted({t for r in results for t in r.scores})
    frame = pd.DataFrame(
        [{"group": g, **{t: t in r.labels for t in themes}} for r, g in zip(results, groups) if r.ok],
        columns=["group", *themes],
    )
    if freq is not None:  # calendar bins (pandas offset aliases); empty bins plot as gaps (share) or 0 (count)
        grouped = frame.set_index(pd.to_datetime(frame["group"]))[themes].astype(float).resample(freq)
    else:
        grouped = frame.groupby("group")[themes]
    table = grouped.mean() if share else grouped.sum()
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    colors = [_color(t, themes) for t in themes]
    if freq is not None:
        table.plot(ax=ax, color=colors, marker="o")
    else:
        table.plot.bar(ax=ax, color=colors, rot=0)
    ax.set_ylabel("share of items" if share else "items")
    ax.set_xlabel("" if by is None else ("period" if freq else "source"))
    ax.set_title("themes" + ("" if by is None else (" over time" if freq else " by source")))
    # beside the axes: inside, it covers the bars of share 1
    ax.legend(title="theme", fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if (font := _cjk_font()) is not None:  # Chinese source names: only these labels, no global rcParams change
        for label in ax.get_xticklabels():
            label.set_fontproperties(font)
    return ax


_CJK_FAMILIES = ("Noto Sans CJK", "Noto Serif CJK", "Source Han Sans", "WenQuanYi", "SimHei", "Microsoft YaHei",
                 "PingFang", "Heiti", "AR PL")


def _cjk_font():
    """A FontProperties for an installed font with Chinese glyphs, or None (matplotlib's default has none)."""
    from matplotlib import font_manager

    for entry in font_manager.fontManager.ttflist:
        if entry.name.startswith(_CJK_FAMILIES):
            return font_manager.FontProperties(fname=entry.fname)
    return None
