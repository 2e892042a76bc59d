"""Tokenisers: jieba words through a private segmenter, and character tokens.

Words come from jieba's dictionary and algorithm (precise mode, no HMM) plus
newsnlp's domain words.  jieba's module-level functions share one global
tokenizer; adding our domain words to it would change every other user's
segmentation in the process, so newsnlp keeps its own instance, built lazily
under a lock.  It is ``rjieba`` (jieba-rs: the same dictionary and algorithm,
about nine times faster, and no cache file) when that is installed, else a
``jieba.Tokenizer`` whose cache file lives in newsnlp's cache directory
(``NEWSNLP_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsnlp``, else
``~/.cache/newsnlp``) rather than the shared system temp directory.  The two
give the same words and offsets on real text (tested); where two splits score
exactly the same (``区区区社``), they may break the tie differently.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path

# Terms of the civil-affairs field that jieba's general dictionary splits apart.
DOMAIN_WORDS = (
    "社区治理", "基层治理", "社会治理", "网格化", "网格员", "网格长", "业委会", "业主委员会", "议事会",
    "居民议事会", "居委会", "村委会", "社区工作者", "社区书记", "物业服务", "老旧小区", "老旧小区改造",
    "枫桥经验", "村规民约", "居民自治", "协商议事", "社区营造", "社会组织", "志愿服务", "党群服务中心",
    "党建引领", "党组织", "党支部", "党总支", "党委书记", "主题教育", "党纪学习教育", "全面从严治党",
    "中央八项规定", "八项规定", "党风廉政", "廉政建设", "巡视巡察", "纪检监察", "审查调查", "党员干部",
    "新兴领域党建", "两新组织", "工会", "总工会", "全总", "职工之家", "工会驿站", "职工帮扶", "劳模",
    "劳动模范", "大国工匠", "劳动权益", "欠薪", "新就业形态", "新就业形态劳动者", "劳动关系", "社会工作",
    "社工", "社工站", "社工人才", "社会工作者", "养老", "养老服务", "养老机构", "居家养老", "社区养老",
    "老年助餐", "助餐点", "适老化", "适老化改造", "长期护理保险", "长护险", "银发经济", "敬老院",
    "养老院", "失能老人", "空巢老人", "老年人", "医养结合", "嵌入式养老", "以房养老", "养老保险", "养老金",
)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A CJK ideograph is one token; ASCII words and numbers (with decimals, % and
# thousands separators) stay whole; everything else is dropped.
_CHAR_TOKEN = re.compile(rf"[{_CJK}]|[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,:]\d+)*%?")


def char_tokens(text: str) -> list[str]:
    """Character-level tokens: each CJK character alone, ASCII words and numbers whole, lower-cased."""
    return [t.lower() for t in _CHAR_TOKEN.findall(text)]


def cache_dir() -> Path:
    """newsnlp's cache directory (not created here)."""
    if os.environ.get("NEWSNLP_CACHE_DIR"):
        return Path(os.environ["NEWSNLP_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsnlp"


# Every domain word gets at least this frequency (jieba's own frequency where that is higher),
# enough for the segmenter to keep it whole next to its parts.
DOMAIN_FREQ = 2000

_SURROGATE = re.compile("[\ud800-\udfff]")
_lock = threading.Lock()
_tokenizer = None


def get_tokenizer():
    """The shared private segmenter with newsnlp's domain words, built once.

    It has ``cut(text) -> list[str]`` and ``tokenize(text) -> [(word, start, end)]``.
    """
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                _tokenizer = _build_tokenizer()
    return _tokenizer


def _build_tokenizer():
    try:
        return _RustSegmenter()
    except ImportError:
        return _JiebaSegmenter()


class _RustSegmenter:
    def __init__(self):
        import rjieba

        self._tk = rjieba.Jieba()
        for word in DOMAIN_WORDS:
            # rjieba has no frequency lookup; for a dictionary word that it keeps whole,
            # suggest_freq is the word's dictionary frequency
            known = self._tk.suggest_freq(word) if self._tk.has_word(word) else 0
            self._tk.add_word(word, max(known, DOMAIN_FREQ), None)

    def cut(self, text: str) -> list[str]:
        if _SURROGATE.search(text):
            return [word for word, _, _ in self.tokenize(text)]
        return self._tk.cut(text, False)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        if not _SURROGATE.search(text):
            return self._tk.tokenize(text, "default", False)
        # Rust strings cannot hold lone surrogates.  jieba makes any character outside its
        # word pattern a token of its own, a surrogate as much as U+FFFD, so one stands in
        # for the other and the words are read back from the text itself.
        tokens = self._tk.tokenize(_SURROGATE.sub("\ufffd", text), "default", False)
        return [(text[start:end], start, end) for _, start, end in tokens]


class _JiebaSegmenter:
    def __init__(self):
        import jieba

        tk = jieba.Tokenizer()
        directory = cache_dir()
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tk.tmp_dir = str(directory)
        except OSError:
            # No writable cache: jieba still works, it just rebuilds its prefix dict each process.
            tk.tmp_dir = None
            tk.cache_file = os.devnull
        tk.initialize()
        for word in DOMAIN_WORDS:
            tk.add_word(word, freq=max(tk.FREQ.get(word, 0), DOMAIN_FREQ))
        self._tk = tk

    def cut(self, text: str) -> list[str]:
        return self._tk.lcut(text, HMM=False)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        return list(self._tk.tokenize(text, HMM=False))


def words(text: str) -> list[str]:
    """jieba words (precise mode, no HMM for stable, fast output), whitespace dropped."""
    return [w for w in get_tokenizer().cut(text) if not w.isspace()]


def tokenize_spans(text: str) -> list[tuple[str, int, int]]:
    """jieba words with their ``(start, end)`` offsets into *text*."""
    return [(w, s, e) for w, s, e in get_tokenizer().tokenize(text) if not w.isspace()]
