"""Synthetic scanned pages and scores for :func:`newsnlp.text.split_articles`.

:func:`render_page` sets clean articles as an OCR'd newspaper page in the style
of the project's seed page: narrow columns (10-16 characters) broken anywhere,
stray spaces next to Chinese punctuation and around numbers, blank lines left
by column breaks inside paragraphs, ``� �`` debris opening some articles,
source lines in several styles, headlines wider than the column, subheads,
articles without headline or without source. It also returns the gold split,
so :func:`split_scores` can measure how well a splitter recovers it.

:func:`article_errors` checks a split against a hand-written expectation (title,
first and last characters of the body, source), for pages that were not
rendered but written in other papers' layouts.
"""

from __future__ import annotations

import random
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any, Mapping, Sequence

from .errors import InputTypeError, InputValueError
from .results import Article

__all__ = ["article_errors", "render_page", "split_scores"]

# a token is never broken across lines: a number (with its decimals, %), a Latin word, or one character
_TOKEN = re.compile(r"[0-9][0-9.,%]*|[A-Za-z][A-Za-z\-']*|\s+|.", re.S)
_NO_LINE_START = set("，。、：；！？”’）》」』…%,.;:!?)")  # kinsoku: may not begin a line
_NO_LINE_END = set("“‘（《「『(")  # may not end a line
_SPACE_AFTER = set("，。、：；！？”）")
_WIDE_FROM = 0x2E80


def _cells(s: str) -> float:
    return sum(0.0 if c == " " else (1.0 if ord(c) >= _WIDE_FROM else 0.5) for c in s)


def _noisy_tokens(text: str, rng: random.Random, space_rate: float) -> list[str]:
    """Split *text* into unbreakable tokens, adding OCR's stray spaces."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if tok.isspace():
            out.append(" ")
            continue
        if tok[0].isdigit() and rng.random() < space_rate:
            tok = " " + tok + " "
        elif tok in _SPACE_AFTER and rng.random() < space_rate:
            tok = tok + " "
        elif tok == "”" and rng.random() < space_rate / 2:
            tok = " " + tok
        out.append(tok)
    return out


def _set_lines(text: str, width: int, rng: random.Random, space_rate: float, first_indent: int) -> list[str]:
    """Break one paragraph into column lines; the first line loses its indentation."""
    lines: list[str] = []
    cur, cap = "", width - first_indent
    tokens = _noisy_tokens(text, rng, space_rate)
    for k, tok in enumerate(tokens):
        fits = _cells(cur + tok) <= cap
        glued = tok.strip()[:1] in _NO_LINE_START
        if cur and not fits and not glued and cur.rstrip()[-1:] not in _NO_LINE_END:
            lines.append(cur)
            cur, cap = tok.lstrip(), width
        else:
            cur += tok
    if cur.strip():
        lines.append(cur)
    return lines


def _source_line(source: str, rng: random.Random) -> str:
    open_, close = ("（", "）") if rng.random() < 0.8 else ("(", ")")
    byline = source.startswith(("本报", "记者", "通讯员", "新华社"))
    prefix = "" if byline and (not source.startswith("新华社") or rng.random() < 0.5) else "据"
    return f"{open_}{prefix}{source}{close}"


def render_page(
    articles: Sequence[Mapping[str, Any]],
    *,
    width: int = 13,
    seed: int = 0,
    space_rate: float = 0.25,
    column_break_rate: float = 0.2,
    opener_rate: float = 0.7,
    paragraph_blank_rate: float = 0.85,
    title_blank_rate: float = 0.5,
    inline_source_rate: float = 0.25,
) -> tuple[str, list[dict[str, Any]]]:
    """Render *articles* as a scanned page; return ``(page, gold)``.

    Each article is a mapping with ``paragraphs`` (list of str), and optionally
    ``title`` (str or None), ``source`` (the outlet as :class:`~newsnlp.results.Article`
    reports it, e.g. ``《工人日报》`` or ``本报记者 张三``; None for no source line)
    and ``subheads`` (list of ``[paragraph_index, text]``: the subhead stands
    before that paragraph; a ``\n`` in it sets it on two lines).

    ``gold`` has one dict per article: ``title``, ``subheads``, ``source``,
    ``text`` (the paragraphs joined by ``\\n``) and ``start``/``end``, the span
    of the article in ``page`` from the first character of its headline (or of
    its first body line, opener included) to the end of its source line (or of
    its last body line). Same arguments, same page.
    """
    if not isinstance(width, int) or isinstance(width, bool):
        raise InputTypeError(f"width must be an int, got {type(width).__name__}")
    if not 4 <= width <= 200:
        raise InputValueError(f"width must be between 4 and 200, got {width}")
    rng = random.Random(seed)
    page = ""
    gold: list[dict[str, Any]] = []
    for n, art in enumerate(articles):
        paragraphs = [p.strip() for p in art.get("paragraphs", []) if p and p.strip()]
        if not paragraphs:
            raise InputValueError(f"article {n} has no paragraphs")
        title, source = art.get("title"), art.get("source")
        subheads = {int(i): s for i, s in art.get("subheads", [])}
        if page:
            page += "\n\n"
        start = len(page)
        if title:
            if n == 0 and rng.random() < 0.3:
                page += " "
                start += 1
            page += title + ("\n\n" if rng.random() < title_blank_rate else "\n")
        opener = rng.random() < opener_rate and (n > 0 or not title)
        for k, para in enumerate(paragraphs):
            if k in subheads:
                head = subheads[k]
                if "\n" not in head and len(head) > width:  # a long subhead wraps at the column
                    cut = rng.randint(len(head) - width, width) if len(head) <= 2 * width else width
                    head = head[:cut] + "\n" + "\n".join(head[i : i + width] for i in range(cut, len(head), width))
                page += head + "\n\n"
            lines = _set_lines(para, width, rng, space_rate, first_indent=2)
            if k == 0 and opener:
                lines[0] = "\ufffd \ufffd " + lines[0]
            breaks = ["\n"] * (len(lines) - 1)
            if breaks and rng.random() < column_break_rate:
                breaks[rng.randrange(len(breaks))] = "\n\n"
            page += "".join(line + br for line, br in zip(lines, breaks + [""]))
            if k < len(paragraphs) - 1:
                page += "\n\n" if rng.random() < paragraph_blank_rate else "\n"
        if source:
            src = _source_line(source, rng)
            page += (" " if page.endswith("。") else "") + src if rng.random() < inline_source_rate else "\n\n" + src
        end = len(page.rstrip())
        gold.append(
            {
                "title": title or None,
                "subheads": [s.replace("\n", "") for _, s in sorted(subheads.items())],
                "source": source or None,
                "text": "\n".join(paragraphs),
                "start": start,
                "end": end,
            }
        )
    return page + "\n", gold


def _get(a: Article | Mapping[str, Any], key: str) -> Any:
    return a[key] if isinstance(a, Mapping) else getattr(a, key)


def split_scores(
    pred: Sequence[Article | Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    page: str | None = None,
    *,
    tolerance: int = 2,
) -> dict[str, float]:
    """Score a split of one page against its gold split.

    * ``boundary_precision`` / ``boundary_recall`` / ``boundary_f1``: an article
      boundary is its ``start`` offset in the page; a predicted start matches an
      unmatched gold start at most *tolerance* characters away (one to one).
    * ``title_accuracy``: share of gold articles whose boundary was found and
      whose predicted title equals the gold title exactly (``None`` == ``None``).
    * ``char_accuracy``: bodies of the whole page, predicted vs gold, each joined
      by ``\\n``: matching characters (difflib's longest matching blocks) divided
      by the longer of the two. Independent of where the boundaries fell.
    * ``source_accuracy``: like ``title_accuracy``, for sources.

    *page* is accepted for symmetry with :func:`render_page` and for span checks;
    it is not needed for the scores.
    """
    g_starts = [int(_get(g, "start")) for g in gold]
    matched: dict[int, int] = {}  # gold index -> pred index
    for pi, p in enumerate(pred):
        ps = int(_get(p, "start"))
        best = None
        for gi, gs in enumerate(g_starts):
            if gi not in matched and abs(gs - ps) <= tolerance and (best is None or abs(gs - ps) < abs(g_starts[best] - ps)):
                best = gi
        if best is not None:
            matched[best] = pi
    tp = len(matched)
    precision = tp / len(pred) if pred else float(not gold)
    recall = tp / len(gold) if gold else float(not pred)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(gold) or 1
    titles = sum(_get(pred[pi], "title") == gold[gi]["title"] for gi, pi in matched.items()) / n
    sources = sum(_get(pred[pi], "source") == gold[gi]["source"] for gi, pi in matched.items()) / n
    p_text = "\n".join(_get(p, "text") for p in pred)
    g_text = "\n".join(g["text"] for g in gold)
    if p_text or g_text:
        sm = SequenceMatcher(None, p_text, g_text, autojunk=False)
        same = sum(b.size for b in sm.get_matching_blocks())
        chars = same / max(len(p_text), len(g_text))
    else:
        chars = 1.0
    return {
        "boundary_precision": precision,
        "boundary_recall": recall,
        "boundary_f1": f1,
        "title_accuracy": titles,
        "source_accuracy": sources,
        "char_accuracy": chars,
    }


def _comparable(s: str | None) -> str:
    """NFKC, without whitespace, U+FFFD and a brief's mark: how an expectation is written."""
    return re.sub(r"[\s\ufffd■●◆]", "", unicodedata.normalize("NFKC", s or ""))


def article_errors(
    articles: Sequence[Article], expected: Sequence[Mapping[str, Any]], *, count: bool = True
) -> list[str]:
    """What a split gets wrong against hand-written expectations; ``[]`` when it is right.

    Each expected article (page order) gives ``title`` (or None), ``title_alt``
    (other acceptable titles, e.g. with the kicker), ``body_start`` and
    ``body_end`` (the body's first and last characters) and ``source`` (or None).
    The article whose body starts with ``body_start`` must have an acceptable
    title, end with ``body_end`` and name the source; and, unless ``count=False``
    (checking some of a page's articles), there must be as many articles as
    expected. Whitespace, U+FFFD and width variants do not count.
    """
    errors = []
    if count and len(articles) != len(expected):
        errors.append(f"{len(articles)} articles, expected {len(expected)}")
    for want in expected:
        start = _comparable(want["body_start"])
        found = [a for a in articles if _comparable(a.text).startswith(start)]
        if not found:
            errors.append(f"no article starts with {want['body_start']!r}")
            continue
        art = found[0]
        titles = {_comparable(t) for t in [want["title"], *want.get("title_alt", [])] if t} or {""}
        if _comparable(art.title) not in titles:
            errors.append(f"{want['body_start']!r}: title {art.title!r}, expected {want['title']!r}")
        if not _comparable(art.text).endswith(_comparable(want["body_end"])):
            errors.append(f"{want['body_start']!r}: ends {art.text[-12:]!r}, expected {want['body_end']!r}")
        if _comparable(art.source) != _comparable(want["source"]):
            errors.append(f"{want['body_start']!r}: source {art.source!r}, expected {want['source']!r}")
    return errors
