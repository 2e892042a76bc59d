"""Characters of Chinese newspaper text: kinds, display widths, spacing, heading-like lines."""

from __future__ import annotations

import re
import unicodedata

# OCR debris and invisible characters: replacement char, C0/C1 controls (but not
# tab/newlines, handled as whitespace), zero-width and bidi marks, BOM, lone
# surrogates, private-use characters, interlinear annotation marks.
_DEBRIS = re.compile(
    "[\ufffd\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff\ue000-\uf8ff]"
)

# Full-width ASCII (U+FF01-FF5E) -> ASCII, except the Chinese punctuation that
# stays full-width in Chinese text.
_KEEP_FULLWIDTH = set("！（），：；？～")
_FULLWIDTH = {
    cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH
}
# Text taken from PDFs often carries Kangxi radicals and compatibility ideographs for common
# characters (⼤⼩⾥⼼ for 大小里心): each becomes the ideograph it stands for, one for one.
# The classifiers read text through the same table.
_RADICALS = {
    cp: unicodedata.normalize("NFKC", chr(cp))
    for cp in [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)]
    if len(unicodedata.normalize("NFKC", chr(cp))) == 1 and unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
}
_FULLWIDTH.update(_RADICALS)

_TERMINALS = "。！？!?…"
_CLOSERS = "”’」』）)】〕》〉\"'"
_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕"}
_SENTENCE_PUNCT = re.compile("[。，、；！？!?;…]")  # a line containing one of these is not a heading
# The item number of a numbered subhead or list item (一、 （一） (1) 1. 2、): its 、 or . is
# not sentence punctuation, so it is set aside before the heading test. ``1.3万`` is a number.
_ENUMERATOR = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))\s*")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3040 <= o <= 0x30FF  # kana
        or 0xAC00 <= o <= 0xD7AF  # hangul
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x3FFFF
        or o == 0x3007  # 〇
    )


def _is_cjk_punct(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or ch in "“”‘’—…·•"
    )


def _width(s: str) -> float:
    """Printed width in CJK cells: a non-ASCII character 1, an ASCII character 1/2, spaces 0."""
    ascii_count = len(s.encode("ascii", "ignore"))
    return (len(s) - ascii_count) + 0.5 * (ascii_count - s.count(" "))


# A space is dropped when a neighbour is Chinese (character or punctuation).
# Headings keep a space between two Chinese characters: in headlines it
# separates phrases (``共护一江水 万里长江焕发新活力``).
_SPACE_RUN = re.compile(" +")
_HEAD_GAP_LEFT = set("”’》】）")
_HEAD_GAP_RIGHT = set("“‘《【（")


def _fix_spaces(s: str, *, heading: bool) -> str:
    if " " not in s:
        return s

    def repl(m: re.Match[str]) -> str:
        i, j = m.start(), m.end()
        left = s[i - 1] if i > 0 else ""
        right = s[j] if j < len(s) else ""
        if not left or not right:
            return ""
        lc = _is_cjk(left) or _is_cjk_punct(left)
        rc = _is_cjk(right) or _is_cjk_punct(right)
        if heading and (_is_cjk(left) or left in _HEAD_GAP_LEFT) and (_is_cjk(right) or right in _HEAD_GAP_RIGHT):
            return " "
        return "" if (lc or rc) else " "

    return _SPACE_RUN.sub(repl, s).strip()


def _without_enumerator(s: str) -> str:
    m = _ENUMERATOR.match(s)
    return s[m.end() :] if m else s


def _heading_like(s: str) -> bool:
    """Short and without sentence punctuation (item number aside): could be a headline or subhead."""
    s = _without_enumerator(s)
    return not _SENTENCE_PUNCT.search(s) and 0 < _width(s) <= 40


def _headline_like(s: str) -> bool:
    """Looser than a subhead: a headline may hold a comma, but no full stop and no dangling comma."""
    return not _FULL_STOPS.search(s) and not s.endswith(("，", "、", "：", ",", ":"))


_FULL_STOPS = re.compile("[。；;…]")


def _finish_paragraph(s: str) -> str:
    s = s.strip()
    return _fix_spaces(s, heading=not _SENTENCE_PUNCT.search(_without_enumerator(s)) and _width(s) <= 80)
