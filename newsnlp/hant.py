"""Traditional Chinese: detect it, convert it to Simplified with OpenCC, map offsets back.

newsnlp's models were trained on Simplified text.  ``classify`` and
``summarize`` accept Traditional text transparently: they work on its
Simplified conversion and report offsets into the text you gave, so that
``summary.document[s.start:s.end] == s.text`` holds with ``s.text`` in the
original characters.

>>> view = simplified_view("社區長者食堂讓老人吃上熱乎飯。")
>>> view.text
'社区长者食堂让老人吃上热乎饭。'
>>> view.original_span(2, 6)
(2, 6)

OpenCC (``pip install newsnlp[hant]``) does the conversion.  Its ``hk2s``
configuration (``t2s`` plus the Hong Kong variant forms such as 衞 and 綫,
which ``t2s`` leaves alone) converts phrase by phrase, and a few phrases change length; the
text is converted clause by clause, so that a clause whose length changed is
aligned on its own (with :mod:`difflib`) and every other offset maps one to one.
"""

from __future__ import annotations

import difflib
import re
import threading
import warnings
from dataclasses import dataclass, replace

from ._validate import ensure_text
from .errors import BackendUnavailableError
from .results import Classification, Evidence, Sentence, Summary

__all__ = ["SimplifiedView", "is_traditional", "model_text", "simplified_view", "to_simplified"]

# A text is Traditional when at least this share of its CJK characters change
# under t2s.  Traditional news text changes about a third of its characters;
# Simplified text almost none (below 0.01% on the seed pages and the sample page).
THRESHOLD = 0.05

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# OpenCC's phrases never cross punctuation or a line break: convert clause by clause.
_CLAUSE = re.compile(r"[^。！？；，、：\n]*[。！？；，、：\n]?")
# Characters frequent in Traditional text and absent from Simplified: enough to
# notice Traditional input (and say what to install) when OpenCC is missing.
_TELLTALE = set("們這個來說國會對為與時經發後還種過體關點當無現從區們讓勞動務協幫養員際動")

_converter = None
_converter_lock = threading.Lock()


def _t2s():
    """OpenCC's hk2s converter (t2s and Hong Kong variants), created once; None without the opencc package."""
    global _converter
    if _converter is None:
        with _converter_lock:
            if _converter is None:
                try:
                    import opencc
                except ImportError:
                    return None
                _converter = opencc.OpenCC("hk2s")
    return _converter


@dataclass(frozen=True)
class SimplifiedView:
    """The Simplified conversion ``text`` of ``original``, with the offset map between them.

    ``boundaries[j]`` is the offset in ``original`` of offset ``j`` in ``text``
    (``len(boundaries) == len(text) + 1``); ``changed`` counts the characters
    the conversion replaced.
    """

    original: str
    text: str
    boundaries: tuple[int, ...]
    changed: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``original`` that ``text[start:end]`` was converted from."""
        return self.boundaries[start], self.boundaries[end]

    def restore_sentence(self, s: Sentence) -> Sentence:
        start, end = self.original_span(s.start, s.end)
        return Sentence(self.original[start:end], start, end, s.index, s.score)

    def restore_evidence(self, items: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        out = []
        for e in items:
            start, end = self.original_span(e.start, e.end)
            out.append(Evidence(self.original[start:end], start, end, e.weight))
        return tuple(out)

    def restore_classification(self, result: Classification) -> Classification:
        """*result* for ``text`` as a result for ``original``: evidence points into the original."""
        evidence = {theme: self.restore_evidence(items) for theme, items in result.evidence.items()}
        return replace(result, evidence=evidence, document=self.original)

    def restore_summary(self, summary: Summary) -> Summary:
        """*summary* of ``text`` as a summary of ``original``: same sentences, original characters."""
        return Summary(
            tuple(self.restore_sentence(s) for s in summary.sentences), summary.method, self.original, summary.error
        )


def _align(original: str, converted: str, offset: int) -> list[int]:
    """Boundary map of one clause whose conversion changed its length (offsets into the whole text)."""
    bounds = [0] * (len(converted) + 1)
    matcher = difflib.SequenceMatcher(None, original, converted, autojunk=False)
    for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1 + 1):
            # inside a replaced phrase, spread its characters evenly over the original's
            bounds[j1 + k] = offset + i1 + (k * (i2 - i1) + (j2 - j1) // 2) // max(j2 - j1, 1)
        bounds[j2] = offset + i2
    return bounds


def _convert(text: str, converter) -> SimplifiedView:
    parts: list[str] = []
    bounds: list[int] = [0]
    changed = 0
    for m in _CLAUSE.finditer(text):
        clause = m.group()
        if not clause:
            continue
        if _SURROGATE.search(clause):
            # OpenCC encodes to UTF-8, which has no lone surrogates: U+FFFD keeps the length
            clause = _SURROGATE.sub("\ufffd", clause)
        converted = converter.convert(clause)
        if len(converted) == len(clause):
            changed += sum(a != b for a, b in zip(clause, converted))
            bounds.extend(range(m.start() + 1, m.end() + 1))
        else:
            changed += len(converted)
            bounds.extend(_align(clause, converted, m.start())[1:])
        parts.append(converted)
    return SimplifiedView(text, "".join(parts), tuple(bounds), changed)


def _looks_traditional(text: str, changed: int) -> bool:
    n_cjk = len(_CJK.findall(text))
    return n_cjk > 0 and changed >= max(1.0, THRESHOLD * n_cjk)


def simplified_view(text: str) -> SimplifiedView | None:
    """The Simplified view of *text* when *text* is Traditional Chinese, else ``None``.

    Without OpenCC installed, Traditional-looking text gives a warning naming
    the package to install, and ``None`` (the text is then used as it is).
    """
    text = ensure_text(text)
    converter = _t2s()
    if converter is None:
        n_telltale = sum(ch in _TELLTALE for ch in text)
        if _looks_traditional(text, n_telltale * 4):  # telltales are about a quarter of the changed characters
            warnings.warn(
                "this text looks like Traditional Chinese; install OpenCC (pip install 'newsnlp[hant]') "
                "so that newsnlp converts it to Simplified for its models",
                stacklevel=3,
            )
        return None
    # One whole-text conversion (OpenCC is C++) settles the common case, Simplified
    # input, before the slower clause-by-clause conversion that keeps offsets.
    whole = converter.convert(_SURROGATE.sub("\ufffd", text))
    if whole == text:
        return None
    if len(whole) == len(text) and not _looks_traditional(text, sum(a != b for a, b in zip(text, whole))):
        return None
    view = _convert(text, converter)
    return view if _looks_traditional(text, view.changed) else None


def model_text(text: str) -> str:
    """What newsnlp's models read of *text*: its Simplified conversion when it is Traditional Chinese, else *text*.

    Models fit and predict on this view, so that a model trained on Traditional
    text and one trained on its Simplified twin read the same features.
    """
    view = simplified_view(text)
    return text if view is None else view.text


def is_traditional(text: str) -> bool:
    """Whether *text* is Traditional Chinese (at least ``THRESHOLD`` of its CJK characters change under t2s)."""
    if _t2s() is None:
        raise BackendUnavailableError("detecting Traditional Chinese needs OpenCC: pip install 'newsnlp[hant]'")
    return simplified_view(text) is not None


def to_simplified(text: str) -> str:
    """*text* converted to Simplified Chinese with OpenCC's t2s (clause by clause, as newsnlp's models see it)."""
    text = ensure_text(text)
    converter = _t2s()
    if converter is None:
        raise BackendUnavailableError("converting Traditional Chinese needs OpenCC: pip install 'newsnlp[hant]'")
    return _convert(text, converter).text
