"""Extractive summaries and keywords.

``summarize(text, k=3)`` returns ``k`` of the document's own sentences, whole
and in document order, chosen by one of four methods behind the same call:

- ``lead``: the first ``k`` body sentences;
- ``textrank``: PageRank (numpy power iteration) on a sentence-similarity graph;
- ``mmr``: similarity to the document centroid, with maximal-marginal-relevance
  redundancy control;
- ``learned`` (what ``default`` means): a logistic-regression sentence scorer
  over position, length, centrality and keyword features, trained on real
  reference summaries by ``models/train_summarizer.py`` and shipped as JSON.

Sentence similarity is lexical: TF-IDF over character unigrams and bigrams,
built with numpy in one pass, so that no word segmentation is needed and a
100,000-character document is summarised in a fraction of a second.  The
quadratic similarity graph is built on at most ``MAX_GRAPH`` sentences; the
rest are scored by their linear features only.

Raw OCR text is accepted: it goes through :func:`newsnlp.text.clean` first, and
lines that are not body text (headlines, subheads, source lines such as
``（据《工人日报》）``) are never returned.  A whole newspaper page holds several
articles: split it with :func:`newsnlp.split_articles` and summarise each
``article.text``; a summary of the page as one text mixes them.

``keywords(text, k)`` ranks the words of a text by TF-IDF, with jieba's
bundled IDF table and newsnlp's own tokenizer.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections import Counter
from importlib import resources
from typing import Any, Iterable, Iterator, Literal

import numpy as np

from ._validate import ensure_choice, ensure_positive_int, ensure_text
from .errors import InputTypeError, ModelError, NewsNLPError
from .results import Sentence, Summary

__all__ = ["METHODS", "Summarizer", "iter_summarize", "keywords", "summarize", "summarize_batch"]

METHODS = ("default", "lead", "textrank", "mmr", "learned")
DEFAULT_METHOD = "learned"  # what "default" means: the best on the dev split (see models/train_summarizer.py)
MAX_GRAPH = 200  # most sentences in the quadratic similarity graph
MMR_LAMBDA = 0.7  # relevance vs redundancy in MMR selection
DAMPING = 0.85  # TextRank's PageRank damping factor

OnError = Literal["raise", "result", "skip"]

# --------------------------------------------------------------------------- body sentences

_END_PUNCT = "。！？!?…；;"
_CLOSERS = "”’」』）)》\"'"
# A source or byline in brackets: （据《工人日报》）, （本报记者 张三）, （来源：新华社）.
_SOURCE = re.compile(
    r"^[（(]\s*(?:据|来源|来自|本报|记者|通讯员|特约|实习生|文[／/:：]|图[／/:：]|编辑|责编|作者|摄)[^（）()]{0,40}[）)]$"
)
# The same bracket at the end of a sentence: "……支撑。（据民政部网站）" keeps only "……支撑。".
_TRAILING_SOURCE = re.compile(
    r"[\s\u3000]*[（(]\s*(?:据|来源|来自|本报|记者|通讯员|特约|实习生|编辑|责编|作者)[^（）()\n]{0,40}[）)][\s\u3000]*$"
)
_HEADLINE_MAX = 40  # a punctuation-less line up to this long is a headline or subhead


def _trim(document: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``[start, end)`` to exclude surrounding whitespace and a trailing source bracket."""
    while start < end and document[start].isspace():
        start += 1
    while end > start and document[end - 1].isspace():
        end -= 1
    m = _TRAILING_SOURCE.search(document, start, end)
    if m and m.start() > start:
        end = m.start()
    return start, end


def _is_body(document: str, start: int, end: int) -> bool:
    """Whether ``document[start:end]`` reads as body text, not a headline, subhead or source line."""
    text = document[start:end]
    if not text or _SOURCE.match(text):
        return False
    if not any(c.isalnum() for c in text):
        return False
    core = text.rstrip(_CLOSERS)
    if core and core[-1] in _END_PUNCT + "：:，,":
        return True
    # No sentence punctuation at the end: a headline or subhead when it fills its own short line.
    i, j = start, end
    while i > 0 and document[i - 1] in " \t\u3000":
        i -= 1
    while j < len(document) and document[j] in " \t\u3000":
        j += 1
    own_line = (i == 0 or document[i - 1] == "\n") and (j == len(document) or document[j] == "\n")
    return not (own_line and len(text) <= _HEADLINE_MAX)


def _body_sentences(document: str) -> list[Sentence]:
    """The body sentences of a cleaned document, re-indexed from 0, offsets into *document*."""
    from .text import split_sentences

    out: list[Sentence] = []
    for s in split_sentences(document):
        start, end = _trim(document, s.start, s.end)
        if _is_body(document, start, end):
            out.append(Sentence(document[start:end], start, end, len(out)))
    return out


# --------------------------------------------------------------------------- lexical vectors


def _is_content(cp: np.ndarray) -> np.ndarray:
    """Code points that carry meaning: CJK ideographs, ASCII letters and digits, full-width ones."""
    return (
        ((cp >= 0x4E00) & (cp <= 0x9FFF))
        | ((cp >= 0x3400) & (cp <= 0x4DBF))
        | ((cp >= 0x30) & (cp <= 0x39))
        | ((cp >= 0x41) & (cp <= 0x5A))
        | ((cp >= 0x61) & (cp <= 0x7A))
        | ((cp >= 0xFF10) & (cp <= 0xFF5A))
    )


_DENSE_MAX = 2_000_000  # sentence x term cells below which a dense matrix beats scipy's per-call overhead


def _tfidf(texts: list[str]):
    """Row-normalised sentence x term TF-IDF matrix over character unigrams and bigrams.

    All sentences are encoded to one code-point array; a term is one content
    character or two adjacent ones, never across a sentence boundary.  TF is
    ``log(1 + count)``; IDF is in-document (sentences as documents).  The
    matrix is a dense ndarray for ordinary articles and a scipy CSR matrix for
    very long documents: both support the few operations used here.
    """
    joined = "\x00".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    sent = np.cumsum(cp == 0)  # sentence id of every position (a separator belongs to the next)
    content = _is_content(cp)
    uni = np.flatnonzero(content)
    both = np.flatnonzero(content[:-1] & content[1:])
    keys = np.concatenate([cp[uni], (cp[both] << 21 | cp[both + 1]) + (1 << 42)])
    rows = np.concatenate([sent[uni], sent[both]])
    _, cols = np.unique(keys, return_inverse=True)
    n, t = len(texts), int(cols.max()) + 1 if len(cols) else 1
    if n * t <= _DENSE_MAX:
        x = np.bincount(rows * t + cols, minlength=n * t).reshape(n, t).astype(np.float64)
        idf = np.log((1.0 + n) / (1.0 + (x > 0).sum(axis=0))) + 1.0
        x = np.log1p(x) * idf
        norms = np.linalg.norm(x, axis=1)
        return x / np.where(norms > 0, norms, 1.0)[:, None]
    from scipy import sparse

    x = sparse.csr_matrix((np.ones(len(keys)), (rows, cols)), shape=(n, t))
    x.sum_duplicates()
    idf = np.log((1.0 + n) / (1.0 + np.bincount(x.indices, minlength=t))) + 1.0
    x.data = np.log1p(x.data) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ x


def _dense(m) -> np.ndarray:
    return m.toarray() if hasattr(m, "toarray") else np.asarray(m)


def _pagerank(sim: np.ndarray, damping: float = DAMPING, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """PageRank scores (summing to n) of a symmetric weighted graph, by power iteration."""
    n = sim.shape[0]
    w = sim.copy()
    np.fill_diagonal(w, 0.0)
    out = w.sum(axis=1)
    # A sentence similar to nothing spreads its rank evenly (standard dangling-node treatment).
    trans = np.where(out[:, None] > 0, w / np.where(out > 0, out, 1.0)[:, None], 1.0 / n)
    r = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = (1 - damping) / n + damping * (trans.T @ r)
        if np.abs(nxt - r).sum() < tol:
            r = nxt
            break
        r = nxt
    return r * n


# --------------------------------------------------------------------------- features

_DIGIT = re.compile(r"\d")
# A bare enumeration label ("一是出台政策鼓励引导。") heads a list item; it is not a summary sentence.
_ENUM_LABEL = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|第[一二三四五六七八九十]|首先|其次|再次|最后)")
ENUM_LABEL_MAX = 16  # characters: longer list items carry their own content
ENUM_PENALTY = 0.05  # the learned score is multiplied by this for a bare enumeration label

FEATURES = (
    "first", "second", "last", "inv_pos", "rel_pos", "para_start",
    "log_len", "log_len_sq", "short", "long",
    "centroid", "textrank", "keyword", "max_sim",
    "digit", "quote", "colon", "question",
)


class _Doc:
    """A document's body sentences and what the methods need about them, each computed on first use."""

    def __init__(self, document: str, sentences: list[Sentence]) -> None:
        self.document = document
        self.sentences = sentences
        self.n = len(sentences)
        self.lengths = np.array([len(s.text) for s in sentences], dtype=np.float64)

    @functools.cached_property
    def x(self):
        return _tfidf([s.text for s in self.sentences])

    @functools.cached_property
    def centroid_sim(self) -> np.ndarray:
        centroid = np.asarray(self.x.sum(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        return np.asarray(self.x @ (centroid / norm if norm else centroid)).ravel()

    @functools.cached_property
    def graph_ids(self) -> np.ndarray:
        """The sentences in the quadratic graph: all, or the MAX_GRAPH closest to the centroid."""
        if self.n <= MAX_GRAPH:
            return np.arange(self.n)
        return np.sort(np.argsort(-self.centroid_sim, kind="stable")[:MAX_GRAPH])

    @functools.cached_property
    def sim(self) -> np.ndarray:
        """Cosine similarities among the graph's sentences."""
        g = self.x[self.graph_ids]
        return _dense(g @ g.T)

    @functools.cached_property
    def textrank(self) -> np.ndarray:
        tr = np.zeros(self.n)
        if self.n:
            tr[self.graph_ids] = _pagerank(self.sim)
        return tr

    def sim_to(self, i: int) -> np.ndarray:
        """Cosine of every sentence with sentence *i* (one sparse or dense mat-vec)."""
        return _dense(self.x @ self.x[i].T).ravel()

    def features(self) -> np.ndarray:
        n = self.n
        pos = np.arange(n, dtype=np.float64)
        lengths = self.lengths
        log_len = np.log1p(lengths)
        doc = self.document
        # A newline between the previous sentence and this one (searched in that gap only:
        # rfind from 0 made one-line documents quadratic).
        para_start = np.array(
            [float(s.start == 0 or doc.find("\n", self.sentences[i - 1].end if i else 0, s.start) >= 0)
             for i, s in enumerate(self.sentences)]
        )
        # Keywords: the document's 10 highest-weighted terms (in-document TF-IDF over the whole text).
        term_weight = np.asarray(self.x.sum(axis=0)).ravel()
        top = np.argsort(-term_weight, kind="stable")[:10]
        keyword = (_dense(self.x[:, top]) > 0).sum(axis=1) / max(len(top), 1)
        sim = self.sim.copy()
        np.fill_diagonal(sim, 0.0)
        max_sim = np.zeros(n)
        if n > 1:
            max_sim[self.graph_ids] = sim.max(axis=1)
        texts = [s.text for s in self.sentences]
        return np.column_stack([
            pos == 0,
            pos == 1,
            (pos == n - 1) & (n > 1),
            1.0 / (pos + 1.0),
            pos / max(n - 1, 1),
            para_start,
            log_len,
            log_len**2,
            lengths < 8,
            lengths > 80,
            self.centroid_sim,
            self.textrank,  # mean 1 over the graph's sentences
            keyword,
            max_sim,
            [_DIGIT.search(t) is not None for t in texts],
            ["“" in t or "「" in t for t in texts],
            ["：" in t or ":" in t for t in texts],
            [t.rstrip(_CLOSERS)[-1:] in "？?" for t in texts],
        ]).astype(np.float64)


# --------------------------------------------------------------------------- the learned scorer


class _LinearScorer:
    """A logistic-regression sentence scorer loaded from JSON: standardise, dot, sigmoid (a score in [0, 1])."""

    def __init__(self, spec: dict[str, Any]) -> None:
        names = tuple(spec["features"])
        if names != FEATURES:
            raise ModelError(f"summarizer model features {names} do not match this newsnlp's {FEATURES}")
        self.mean = np.asarray(spec["mean"], dtype=np.float64)
        self.scale = np.asarray(spec["scale"], dtype=np.float64)
        self.coef = np.asarray(spec["coef"], dtype=np.float64)
        self.intercept = float(spec["intercept"])

    @classmethod
    def load(cls) -> "_LinearScorer":
        try:
            raw = resources.files("newsnlp").joinpath("_models/summarizer/scorer.json").read_text("utf-8")
            return cls(json.loads(raw))
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot load the summarizer model: {exc}") from exc

    def __call__(self, feats: np.ndarray) -> np.ndarray:
        z = (feats - self.mean) / self.scale @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


# --------------------------------------------------------------------------- selection


def _select(doc: _Doc, scores: np.ndarray, k: int, max_chars: int | None, redundancy: float | None) -> list[int]:
    """Best-first choice of at most *k* sentences within *max_chars* (ties go to the earlier sentence).

    With *redundancy* set (MMR's lambda), each pick maximises
    ``lambda * score - (1 - lambda) * (highest similarity to a sentence already picked)``,
    scores scaled to [0, 1] first so that the two terms are comparable.
    """
    span = float(scores.max() - scores.min())
    gain = (scores - scores.min()) / span if span > 0 else np.zeros(doc.n)
    overlap = np.zeros(doc.n)
    open_ = np.ones(doc.n, dtype=bool)
    budget = np.inf if max_chars is None else float(max_chars)
    chosen: list[int] = []
    while len(chosen) < k:
        open_ &= doc.lengths <= budget
        if not open_.any():
            break
        value = gain if redundancy is None else redundancy * gain - (1 - redundancy) * overlap
        best = int(np.argmax(np.where(open_, value, -np.inf)))  # argmax takes the first of ties
        chosen.append(best)
        open_[best] = False
        budget -= doc.lengths[best]
        if redundancy is not None and len(chosen) < k:
            overlap = np.maximum(overlap, doc.sim_to(best))
    return sorted(chosen)


# --------------------------------------------------------------------------- public API


class Summarizer:
    """Summarisation settings and the scorer they need, loaded on first use.

    >>> Summarizer(method="textrank", k=2)("……").text
    """

    def __init__(self, method: str = "default", k: int = 3, max_chars: int | None = None) -> None:
        self.method = ensure_choice(method, "method", METHODS)
        self.k = ensure_positive_int(k, "k")
        self.max_chars = ensure_positive_int(max_chars, "max_chars", allow_none=True)
        self._scorer: _LinearScorer | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"Summarizer(method={self.method!r}, k={self.k}, max_chars={self.max_chars})"

    @property
    def scorer(self) -> _LinearScorer:
        if self._scorer is None:
            with self._lock:
                if self._scorer is None:
                    self._scorer = _LinearScorer.load()
        return self._scorer

    def __call__(self, text: str, *, k: int | None = None, max_chars: int | None = None,
                 method: str | None = None) -> Summary:
        return self.summarize(text, k=k, max_chars=max_chars, method=method)

    def summarize(self, text: str, *, k: int | None = None, max_chars: int | None = None,
                  method: str | None = None) -> Summary:
        """Summarise one text; *k*, *max_chars* and *method* override the instance's settings."""
        text = ensure_text(text)
        k = self.k if k is None else ensure_positive_int(k, "k")
        max_chars = self.max_chars if max_chars is None else ensure_positive_int(max_chars, "max_chars")
        method = self.method if method is None else ensure_choice(method, "method", METHODS)
        if method == "default":
            method = DEFAULT_METHOD
        document = _clean(text)
        if (traditional := _simplified_view(document)) is not None:
            simplified = self.summarize(traditional.text, k=k, max_chars=max_chars, method=method)
            return traditional.restore_summary(simplified)
        sentences = _body_sentences(document) if document.strip() else []
        if not sentences:
            return Summary((), method, document)
        doc = _Doc(document, sentences)
        scores = self.score(doc, method)
        chosen = _select(doc, scores, k, max_chars, MMR_LAMBDA if method in ("mmr", "learned") else None)
        picked = tuple(
            Sentence(doc.sentences[i].text, doc.sentences[i].start, doc.sentences[i].end, doc.sentences[i].index,
                     float(scores[i]))
            for i in chosen
        )
        return Summary(picked, method, document)

    def score(self, doc: _Doc, method: str) -> np.ndarray:
        """One score per body sentence of *doc* (higher is better)."""
        if method == "lead":
            return 1.0 / (np.arange(doc.n) + 1.0)
        if method == "textrank":
            return doc.textrank
        if method == "mmr":
            return doc.centroid_sim
        bare_label = np.array(
            [len(s.text) <= ENUM_LABEL_MAX and _ENUM_LABEL.match(s.text) is not None for s in doc.sentences]
        )
        return np.where(bare_label, ENUM_PENALTY, 1.0) * self.scorer(doc.features())


def _clean(text: str) -> str:
    from .text import clean

    cleaned = clean(text)
    return text if cleaned == text else cleaned


def _simplified_view(document: str):
    """Traditional Chinese hook: the document's Simplified view (see :mod:`newsnlp.hant`), or None.

    A Traditional document is summarised through its Simplified conversion,
    which the scorer was trained on; the summary's offsets and sentences are
    mapped back to *document*.
    """
    from .hant import simplified_view

    return simplified_view(document)


_default: Summarizer | None = None
_default_lock = threading.Lock()


def _default_summarizer() -> Summarizer:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Summarizer()
    return _default


def summarize(text: str, *, k: int = 3, max_chars: int | None = None, method: str = "default") -> Summary:
    """Extractive summary of *text*: at most *k* of its sentences, whole, in document order.

    *max_chars* caps the summary's total length in characters: sentences are
    never cut, the best ones that fit are taken.  ``method`` is one of
    ``METHODS``; the returned ``Summary.method`` names the method actually used
    (``default`` resolves to ``learned``).  Empty or whitespace-only text gives
    a Summary with no sentences.  Offsets index ``summary.document``, which is
    ``clean(text)`` (the input itself when it needed no cleaning).

    Raises InputTypeError for a non-str *text* or a non-int *k*/*max_chars*,
    InputValueError for *k*/*max_chars* < 1 or an unknown *method*.
    """
    k = ensure_positive_int(k, "k")
    max_chars = ensure_positive_int(max_chars, "max_chars", allow_none=True)
    method = ensure_choice(method, "method", METHODS)
    return _default_summarizer().summarize(text, k=k, max_chars=max_chars, method=method)


def iter_summarize(texts: Iterable[str], *, k: int = 3, max_chars: int | None = None, method: str = "default",
                   on_error: OnError = "raise") -> Iterator[Summary]:
    """Summaries of *texts*, one at a time (see :func:`summarize_batch` for *on_error*)."""
    k = ensure_positive_int(k, "k")
    max_chars = ensure_positive_int(max_chars, "max_chars", allow_none=True)
    method = ensure_choice(method, "method", METHODS)
    ensure_choice(on_error, "on_error", ("raise", "result", "skip"))
    if isinstance(texts, (str, bytes)):
        raise InputTypeError(f"texts must be an iterable of str, not a single {type(texts).__name__}")
    summarizer = _default_summarizer()
    for item in texts:
        try:
            yield summarizer.summarize(item, k=k, max_chars=max_chars, method=method)
        except NewsNLPError as exc:
            if on_error == "raise":
                raise
            if on_error == "result":
                doc = item if isinstance(item, str) else ""
                yield Summary((), method, doc, error=f"{type(exc).__name__}: {exc}")


def summarize_batch(texts: Iterable[str], *, k: int = 3, max_chars: int | None = None, method: str = "default",
                    progress: bool = False, on_error: OnError = "raise") -> list[Summary]:
    """Summaries of many texts, in order.

    *on_error*: ``"raise"`` stops at the first bad item; ``"result"`` puts a
    Summary with ``error`` set (and no sentences) in its place, so the output
    has one entry per input; ``"skip"`` leaves bad items out.
    *progress* shows a tqdm bar.
    """
    it = iter_summarize(texts, k=k, max_chars=max_chars, method=method, on_error=on_error)
    if progress:
        from tqdm.auto import tqdm

        total = len(texts) if hasattr(texts, "__len__") else None
        it = tqdm(it, total=total, desc="summarize", unit="doc")
    return list(it)


# --------------------------------------------------------------------------- keywords

# Function words and news boilerplate that TF-IDF would otherwise rank (jieba ships no Chinese stop list).
STOP_WORDS = frozenset("""
的 了 和 是 在 也 有 就 都 而 及 与 或 对 把 被 让 向 从 到 为 以 于 之 其 这 那 这些 那些 这个 那个 一个 一些
我们 你们 他们 她们 它们 我 你 他 她 它 自己 什么 怎么 如何 为什么 因为 所以 但是 但 而且 并且 以及 还是 或者
如果 虽然 然而 因此 可以 可能 已经 正在 将 会 能 要 不 没有 很 更 最 非常 还 又 再 等 等等 之一 其中 通过 进行
表示 指出 认为 介绍 告诉 记者 本报 据 日前 近日 目前 今年 去年 明年 今天 昨天 当天 同时 此外 其他 相关 有关
方面 工作 问题 情况 一是 二是 三是 四是 五是 一 二 三 不断 进一步 积极 大力 全面 加强 推进 推动 开展 实现
""".split())

_idf_lock = threading.Lock()
_idf: tuple[dict[str, float], float] | None = None


def _idf_table() -> tuple[dict[str, float], float]:
    """jieba's bundled IDF table (word -> idf) and its median, read once from the installed package."""
    global _idf
    if _idf is None:
        with _idf_lock:
            if _idf is None:
                try:
                    raw = resources.files("jieba").joinpath("analyse/idf.txt").read_text("utf-8")
                except (ModuleNotFoundError, OSError) as exc:
                    raise ModelError(f"cannot read jieba's IDF table (jieba/analyse/idf.txt): {exc}") from exc
                table: dict[str, float] = {}
                for line in raw.splitlines():
                    word, _, value = line.strip().partition(" ")
                    if value:
                        table[word] = float(value)
                values = sorted(table.values())
                _idf = (table, values[len(values) // 2])
    return _idf


_WORDLIKE = re.compile(r"[\w]")
_NUMBER = re.compile(r"^[\d\s.,:%％+\-−/．·]+$")


def keywords(text: str, k: int = 10) -> list[tuple[str, float]]:
    """The *k* most characteristic words of *text* by TF-IDF, best first, as ``(word, weight)``.

    Term frequency from newsnlp's tokenizer, inverse document frequency from
    jieba's bundled table (unknown words get its median).  Single characters,
    stop words, numbers and punctuation are left out.  Weights are normalised
    by the number of tokens; ties break alphabetically, so output is deterministic.
    """
    text = ensure_text(text)
    k = ensure_positive_int(k, "k")
    if not text.strip():
        return []
    from .tokenize import words

    cleaned = _clean(text)
    tokens = words(cleaned)
    counts = Counter(
        w for w in tokens
        if len(w) > 1 and w not in STOP_WORDS and _WORDLIKE.search(w) and not _NUMBER.match(w)
    )
    if not counts:
        return []
    table, median = _idf_table()
    total = max(len(tokens), 1)
    scored = [(w, c * table.get(w, median) / total) for w, c in counts.items()]
    scored.sort(key=lambda p: (-p[1], p[0]))
    return scored[:k]
