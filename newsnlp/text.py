"""The text layer: OCR clean-up, page -> articles, sentence splitting, file reading.

Reading a scanned page (:func:`clean`, :func:`split_articles`) lives in
:mod:`newsnlp.page` and is exported here too; this module splits text into
sentences and reads files. Pure Python and :mod:`re`; no model, linear time:
the scanner looks only at "interesting" characters found by a simple
character-class regex.
"""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path

from ._chars import _CLOSERS, _PAIRS, _TERMINALS, _is_cjk
from ._validate import ensure_text
from .errors import InputValueError
from .page import clean, split_articles
from .results import Sentence

__all__ = ["clean", "split_articles", "split_sentences", "read_text"]


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc inc ltd co corp no fig jan feb mar apr jun jul aug sep sept oct nov dec e.g i.e".split()
)
_INTERESTING = re.compile(r"[。！？!?…；;.\n“”‘’「」『』（）()《》【】〔〕]")
_CONTINUE_AFTER_ELLIPSIS = set("，、；：,;:）)")


def _blocking_regions(text: str, start: int, end: int, stops: str) -> tuple[set[int], set[int]]:
    """Openers and closers of bracketed regions inside which no sentence may end.

    《》 always blocks. A quotation or bracket blocks unless its content ends
    with sentence-final punctuation: ``“我们要努力。我们会成功。”`` may split
    inside, ``“我们要努力。我们会成功”，他说。`` may not.
    """
    opens: set[int] = set()
    closes: set[int] = set()
    stacks: dict[str, list[int]] = {}
    closer_of = _OPENER_OF
    for m in _PAIR_CHARS.finditer(text, start, end):
        ch, i = m.group(), m.start()
        if ch in _PAIRS:
            stacks.setdefault(ch, []).append(i)
        else:
            stack = stacks.get(closer_of[ch])
            if not stack:
                continue
            j = stack.pop()
            k = i - 1
            while k > j and text[k] == " ":
                k -= 1
            if ch == "》" or text[k] not in stops:
                opens.add(j)
                closes.add(i)
    return opens, closes


_OPENER_OF = {v: k for k, v in _PAIRS.items()}
_PAIR_CHARS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")


def _ascii_period_ends(text: str, i: int, end: int) -> bool:
    """Does the ASCII full stop at *i* end a sentence (not a decimal point or abbreviation)?"""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < end else ""
    if nxt == ".":
        return False  # part of a run: the run's last dot decides
    if prev == ".":
        return True  # "..." ellipsis
    if nxt and not (nxt.isspace() or _is_cjk(nxt) or nxt in _CLOSERS):
        return False  # 3.5, U.S, example.com
    if prev.isdigit():
        # "in 2017. Then" ends; "1. 首先" (an item number) does not
        k = i + 1
        while k < end and text[k] == " ":
            k += 1
        return k < end and text[k].isupper() and text[k].isascii()
    if prev.isascii() and prev.isalpha():
        k = i - 1
        while k > 0 and i - k < 12 and text[k - 1].isascii() and (text[k - 1].isalpha() or text[k - 1] == "."):
            k -= 1
        word = text[k:i]
        if "." in word or len(word) == 1 or word.lower() in _ABBREVIATIONS:
            return False
        return True
    return bool(prev) and (_is_cjk(prev) or prev in _CLOSERS)


def split_sentences(text: str, *, semicolon: bool = False) -> list[Sentence]:
    """Split *text* into sentences, with offsets into *text*.

    A sentence ends at 。！？!? (runs such as ``？！`` or ``。。。`` stay together),
    at an ellipsis ``……`` / ``...`` unless a comma-like mark follows it, at
    ``；`` only when ``semicolon=True``, never at ``，``, and always at a
    newline. Closing quotes and brackets stay with the sentence they close
    (``……他说。”``); in ``。”“`` the split falls after ``”``.

    Inside 《》 nothing splits. A quotation splits at its own 。！？ only when
    it ends with one: ``他说：“我们要努力。我们会成功。”`` gives
    ``他说：“我们要努力。`` and ``我们会成功。”`` (readable sentences for
    summaries, the closing ``”`` with the last one), while a quotation that
    is part of a longer sentence (``“……成功”，他说。``) stays whole.
    ASCII full stops in decimals (``1.1万``), abbreviations (``Mr.``, ``U.S.``)
    and item numbers (``1. ``) do not end a sentence.

    Leading and trailing whitespace is not part of any sentence;
    ``text[s.start:s.end] == s.text`` always holds. Empty text gives ``[]``.
    """
    text = ensure_text(text, "text")
    stops = _TERMINALS + ("；;" if semicolon else "") + "."
    out: list[Sentence] = []

    def emit(a: int, b: int) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Sentence(text[a:b], a, b, len(out)))

    n = len(text)
    for line_m in re.finditer(r"[^\n]*(?:\n|$)", text):
        ls, le = line_m.start(), line_m.end()
        if ls == le and ls == n and ls != 0:
            break
        line_end = le - 1 if text[le - 1 : le] == "\n" else le
        opens, closes = _blocking_regions(text, ls, line_end, stops)
        depth = 0
        seg = ls
        pos = ls
        for m in _INTERESTING.finditer(text, ls, line_end):
            i = m.start()
            if i < pos:
                continue
            ch = m.group()
            if i in opens:
                depth += 1
                continue
            if i in closes:
                depth -= 1
                continue
            if depth > 0 or ch not in stops:
                continue
            if ch in ";；" and not semicolon:
                continue
            if ch == "." and not _ascii_period_ends(text, i, line_end):
                continue
            # absorb the rest of a punctuation run, then closing quotes and brackets
            j = i + 1
            while j < line_end and (text[j] in _TERMINALS or text[j] == "." or (semicolon and text[j] in "；;")):
                j += 1
            ellipsis = ch in "…." and all(c in "…." for c in text[i:j]) and (ch == "…" or j - i >= 3)
            k = j
            while k < line_end:
                if text[k] in _CLOSERS and k not in closes:
                    k += 1
                    j = k
                elif text[k] == " " and k + 1 < line_end and text[k + 1] in _CLOSERS:
                    k += 1
                else:
                    break
            if ellipsis:
                k = j
                while k < line_end and text[k] == " ":
                    k += 1
                if k < line_end and text[k] in _CONTINUE_AFTER_ELLIPSIS:
                    pos = j
                    continue
            emit(seg, j)
            seg = pos = j
        emit(seg, line_end)
    return out


# --------------------------------------------------------------------------- files


def read_text(path: str | PathLike[str]) -> str:
    """Read a text file, decoding UTF-8 (with or without BOM), else GB18030, else Big5.

    Raises :class:`~newsnlp.errors.InputValueError` naming the file when no
    encoding fits.
    """
    if not isinstance(path, (str, PathLike)):
        ensure_text(path, "path")
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputValueError(f"cannot decode {str(path)!r} as UTF-8, GB18030 or Big5")
