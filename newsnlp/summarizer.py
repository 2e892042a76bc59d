"""Extractive summaries and keywords.

``summarize(text, k=3)`` returns ``k`` of the document's own sentences, whole
and in document order, chosen by one of four methods behind the same call:

- ``lead``: the first ``k`` body sentences;
- ``textrank``: PageRank (numpy power iteration) on a sentence-similarity graph;
- ``mmr``: similarity to the document centroid, with maximal-marginal-relevance
  redundancy control;
- ``learned`` (what ``default`` means): a ridge regression that predicts each
  sentence's ROUGE-L F1 against the (unseen) headline, from its position and
  length, its centrality, and its expected overlap with the headline: two
  logistic regressions give every character and character bigram of the
  document the probability that it appears in the headline (from how often
  and where it occurs, and a prior learned per character and bigram).  One
  regression for short posts, one for articles.  Trained on real headlines
  by ``models/train_summarizer.py`` and shipped as JSON.

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
# A photo credit (本报记者 韩冬 摄) left in the text: a short run without punctuation ending in 摄.
_PHOTO_CREDIT = re.compile(r"[^。！？!?，,；;：:]{1,30}摄影?")
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
    if not text or _SOURCE.match(text) or _PHOTO_CREDIT.fullmatch(text):
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
    for span_start, span_end in _whole_quotes(split_sentences(document)):
        start, end = _trim(document, span_start, span_end)
        if _is_body(document, start, end):
            out.append(Sentence(document[start:end], start, end, len(out)))
    return out


QUOTE_MAX_SENTENCES = 6  # an opening quote not closed within this many sentences is an OCR slip: stop merging


def _whole_quotes(sentences) -> Iterator[tuple[int, int]]:
    """Sentence spans, those inside one quotation merged: a summary never shows half a quote.

    The splitter ends a sentence at 。 inside “…。…。”, which is right for
    reading, but a summary sentence “以前楼道里堆满杂物，谁也不愿意管。 would
    open a quote it never closes.
    """
    run: list = []
    for s in sentences:
        run.append(s)
        text = "".join(x.text for x in run)
        if text.count("“") <= text.count("”") or len(run) >= QUOTE_MAX_SENTENCES:
            yield run[0].start, run[-1].end
            run = []
    if run:
        yield run[0].start, run[-1].end


# --------------------------------------------------------------------------- lexical units


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


def _codepoints(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' code points, joined by NUL separators, and the text index of every position."""
    joined = "\x00".join(texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    return cp, np.cumsum(cp == 0)  # a separator belongs to the next text


_BIGRAM = 1 << 42  # bigram keys start here, past every character key (a code point)


def _bigram_keys(cp: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Keys of the bigrams starting at positions *at* of *cp*: both code points in one integer."""
    return (cp[at] << 21 | cp[at + 1]) + _BIGRAM


_DENSE_MAX = 2_000_000  # sentence x term cells below which a dense matrix beats scipy's per-call overhead


class _Units:
    """The terms of a document's sentences, with where they occur.

    A unit is a content character or a bigram of two adjacent ones (never
    across sentences), as an integer key.  Per distinct unit (``keys``,
    sorted: the ``n_chars`` characters come first): ``tf`` occurrences,
    ``df`` sentences holding it, ``first`` the sentence of its first
    occurrence and ``offset`` that occurrence's place in the document (0 to
    1); ``is_char``.  Per (sentence, unit) that occurs: ``pair_sentence``, ``pair_unit``,
    ``pair_count``.  ``content_len``: content characters per sentence.
    Both the TF-IDF vectors and the learned scorer's features come from here.
    """

    def __init__(self, texts: list[str]) -> None:
        self.n = n = len(texts)
        cp, sentence = _codepoints(texts)
        content = _is_content(cp)
        uni = np.flatnonzero(content)
        both = np.flatnonzero(content[:-1] & content[1:])
        at = np.concatenate([uni, both])
        keys = np.concatenate([cp[uni], _bigram_keys(cp, both)])
        # One stable sort groups the occurrences by unit, in document order within a unit,
        # so that (unit, sentence) pairs come out sorted too.
        order = np.argsort(keys, kind="stable")
        keys, at = keys[order], at[order]
        sent = sentence[at]
        new_unit = np.ones(len(keys), dtype=bool)
        new_unit[1:] = keys[1:] != keys[:-1]
        new_pair = new_unit.copy()
        new_pair[1:] |= sent[1:] != sent[:-1]
        starts, pair_starts = np.flatnonzero(new_unit), np.flatnonzero(new_pair)
        self.keys = keys[starts]
        self.tf = np.diff(np.append(starts, len(keys)))
        self.pair_sentence = sent[pair_starts]
        self.pair_unit = np.cumsum(new_unit)[pair_starts] - 1
        self.pair_count = np.diff(np.append(pair_starts, len(keys)))
        self.n_chars = int(np.searchsorted(self.keys, _BIGRAM))
        self.is_char = np.arange(len(self.keys)) < self.n_chars
        self.df = np.bincount(self.pair_unit, minlength=len(self.keys))
        first_pos = at[starts]
        self.first = sent[starts]
        self.offset = first_pos / max(len(cp), 1)
        self.content_len = np.bincount(sentence[uni], minlength=n).astype(np.float64)

    def features(self, prior: np.ndarray) -> np.ndarray:
        """The UNIT_FEATURES matrix, one row per distinct unit; *prior* is each unit's prior log-odds."""
        keys, tf, nc = self.keys, self.tf, self.n_chars
        # A character's most frequent bigram (the characters of repeated words are topical); a bigram's own tf.
        bigram_tf = tf.copy()
        bigram_tf[:nc] = 0
        if len(keys) > nc:
            pair = keys[nc:] - _BIGRAM
            np.maximum.at(bigram_tf, np.searchsorted(keys[:nc], pair >> 21), tf[nc:])
            np.maximum.at(bigram_tf, np.searchsorted(keys[:nc], pair & 0x1FFFFF), tf[nc:])
        return np.column_stack([
            np.log(tf),
            tf > 1,
            self.df / self.n,
            self.first == 0,
            1.0 / (1.0 + self.first),
            self.offset,
            prior,
            np.log1p(bigram_tf),
            np.full(len(keys), np.log1p(self.content_len.sum())),
            (self.first == 0) & (self.df > 1),
        ]).astype(np.float64)

    def per_sentence(self, values: np.ndarray, how: str = "sum") -> np.ndarray:
        """Sum (or max) of a per-unit value over the distinct units of each sentence."""
        v = values[self.pair_unit]
        if how == "sum":
            return np.bincount(self.pair_sentence, v, minlength=self.n)
        out = np.zeros(self.n)
        np.maximum.at(out, self.pair_sentence, v)
        return out


def _tfidf_weights(units: _Units) -> np.ndarray:
    """The TF-IDF weight of each (sentence, unit) pair, each sentence's vector of unit length.

    TF is ``log(1 + count)``; IDF is in-document (sentences as documents).
    These are the nonzeros of the sentence x unit matrix; the default method
    needs only products with them, so no matrix is built for it.
    """
    idf = np.log((1.0 + units.n) / (1.0 + units.df)) + 1.0
    w = np.log1p(units.pair_count) * idf[units.pair_unit]
    norms = np.sqrt(np.bincount(units.pair_sentence, w * w, minlength=units.n))
    return w / np.where(norms > 0, norms, 1.0)[units.pair_sentence]


def _tfidf(units: _Units, weights: np.ndarray):
    """The sentence x unit TF-IDF matrix: a dense ndarray for ordinary articles, a scipy CSR
    matrix for very long documents (both support the few operations used here)."""
    n, t = units.n, max(len(units.keys), 1)
    if n * t <= _DENSE_MAX:
        x = np.zeros((n, t))
        x[units.pair_sentence, units.pair_unit] = weights
        return x
    from scipy import sparse

    return sparse.csr_matrix((weights, (units.pair_sentence, units.pair_unit)), shape=(n, t))


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
ENUM_PENALTY = 1.0  # taken off the learned score (a predicted ROUGE-L) of a bare enumeration label
# News ledes open with a source or a date word; reported speech is more often detail than headline.
_CUE_START = re.compile(r"^(?:据|日前|近日|昨日|今日|昨天|今天|记者|本报)")
_CUE_SAY = re.compile(r"表示|认为|指出|称|说")
HEADLINE_LEN = 17.0  # content characters in a typical headline (LCSTS train): R in F1 = 2 LCS / (L + R)

# Features of a unit (a distinct character or bigram of the document), from which the salience
# models predict whether it appears in the document's headline.
UNIT_FEATURES = (
    "log_tf", "repeated", "sentence_share", "in_first", "inv_first", "first_offset", "prior",
    "log_bigram_tf", "log_doc_chars", "first_and_repeated",
)

FEATURES = (
    "first", "second", "third", "last", "inv_pos", "rel_pos", "para_start", "log_n",
    "log_len", "log_len_sq", "inv_len", "short", "long", "len_rank", "len_to_max",
    "centroid", "first_overlap", "shared_chars",
    "char_sal", "char_sal_f", "char_sal_max", "bigram_sal", "bigram_sal_f",
    "digit", "question", "cue_start", "cue_say",
)


def _text_flags(text: str) -> tuple[bool, ...]:
    """The FEATURES read off a sentence's text alone, from ``digit`` to ``cue_say``."""
    return (
        _DIGIT.search(text) is not None,
        text.rstrip(_CLOSERS)[-1:] in "？?",
        _CUE_START.match(text) is not None,
        _CUE_SAY.search(text) is not None,
    )


class _Doc:
    """A document's body sentences and what the methods need about them, each computed on first use."""

    def __init__(self, document: str, sentences: list[Sentence]) -> None:
        self.document = document
        self.sentences = sentences
        self.n = len(sentences)
        self.lengths = np.array([len(s.text) for s in sentences], dtype=np.float64)

    @functools.cached_property
    def units(self) -> _Units:
        return _Units([s.text for s in self.sentences])

    @functools.cached_property
    def weights(self) -> np.ndarray:
        return _tfidf_weights(self.units)

    @functools.cached_property
    def x(self):
        return _tfidf(self.units, self.weights)

    def _times(self, vector: np.ndarray) -> np.ndarray:
        """The TF-IDF matrix times a per-unit *vector*: one value per sentence."""
        units = self.units
        return np.bincount(units.pair_sentence, self.weights * vector[units.pair_unit], minlength=self.n)

    @functools.cached_property
    def centroid_sim(self) -> np.ndarray:
        centroid = np.bincount(self.units.pair_unit, self.weights, minlength=len(self.units.keys))
        norm = np.linalg.norm(centroid)
        return self._times(centroid / norm if norm else centroid)

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
        """Cosine of every sentence with sentence *i*."""
        units = self.units
        row = np.zeros(len(units.keys))
        mine = units.pair_sentence == i
        row[units.pair_unit[mine]] = self.weights[mine]
        return self._times(row)

    def features(self, salience: np.ndarray) -> np.ndarray:
        """The FEATURES matrix (one row per sentence), given each unit's salience: the
        probability that it appears in the headline."""
        n, units = self.n, self.units
        pos = np.arange(n, dtype=np.float64)
        lengths = self.lengths
        log_len = np.log1p(lengths)
        content_len = units.content_len
        doc = self.document
        # A newline between the previous sentence and this one (searched in that gap only:
        # rfind from 0 made one-line documents quadratic).
        para_start = np.array(
            [float(s.start == 0 or doc.find("\n", self.sentences[i - 1].end if i else 0, s.start) >= 0)
             for i, s in enumerate(self.sentences)]
        )
        is_char = units.is_char
        distinct = np.maximum(units.per_sentence(is_char.astype(np.float64)), 1.0)
        in_first = np.zeros(len(units.keys))
        in_first[units.pair_unit[units.pair_sentence == 0]] = 1.0
        first_overlap = units.per_sentence(in_first * is_char) / distinct
        first_overlap[0] = 0.0
        shared = units.per_sentence((is_char & (units.df > 1)).astype(np.float64)) / distinct
        # Expected overlap with the headline, and an F1-like form of it: 2 * overlap / (L + R).
        char_salience = salience * is_char
        char_sal = units.per_sentence(char_salience)
        bigram_sal = units.per_sentence(salience - char_salience)
        rank = np.argsort(np.argsort(-content_len, kind="stable"), kind="stable")
        flags = np.array([_text_flags(s.text) for s in self.sentences], dtype=np.float64).reshape(n, -1)
        return np.column_stack([
            pos == 0,
            pos == 1,
            pos == 2,
            (pos == n - 1) & (n > 1),
            1.0 / (pos + 1.0),
            pos / max(n - 1, 1),
            para_start,
            np.full(n, np.log(n)),
            log_len,
            log_len**2,
            2.0 / (content_len + HEADLINE_LEN),
            lengths < 8,
            lengths > 80,
            rank / max(n - 1, 1),
            content_len / max(content_len.max(), 1.0),
            self.centroid_sim,
            first_overlap,
            shared,
            char_sal,
            2.0 * char_sal / (content_len + HEADLINE_LEN),
            units.per_sentence(char_salience, "max"),
            bigram_sal,
            2.0 * bigram_sal / (content_len + HEADLINE_LEN),
            flags,
        ]).astype(np.float64)


# --------------------------------------------------------------------------- the learned scorer


class _Salience:
    """P(a character, or a bigram, of a document appears in its headline): a logistic regression.

    Its inputs are UNIT_FEATURES: how often and where the unit occurs in the
    document, and ``prior``, the smoothed log-odds over training documents
    that the unit appears in the headline when it appears in the text (a
    table; units not in it get ``prior_default``).
    """

    def __init__(self, spec: dict[str, Any], key) -> None:
        table = sorted((key(unit), float(v)) for unit, v in spec["prior"].items())
        self.prior_keys = np.array([k for k, _ in table], dtype=np.int64)
        self.prior_values = np.array([v for _, v in table], dtype=np.float64)
        self.prior_default = float(spec["prior_default"])
        # Standardisation folded into the weights: z = x @ coef + intercept.
        scale = np.asarray(spec["scale"], dtype=np.float64)
        self.coef = np.asarray(spec["coef"], dtype=np.float64) / scale
        self.intercept = float(spec["intercept"]) - float(np.asarray(spec["mean"], dtype=np.float64) @ self.coef)

    def __call__(self, feats: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(feats @ self.coef + self.intercept)))


def _char_key(unit: str) -> int:
    return ord(unit)


def _bigram_key(unit: str) -> int:
    return (ord(unit[0]) << 21 | ord(unit[1])) + _BIGRAM


class _LinearScorer:
    """The learned sentence scorer, loaded from JSON.

    A character and a bigram salience model (:class:`_Salience`) give each
    unit of the document the probability that it appears in the headline; a
    ridge regression over FEATURES (which sum those per sentence) then
    predicts each sentence's ROUGE-L F1 against the headline.  There is one
    regression per length regime (``max_chars`` of body text; the last one is
    unbounded): in short posts and in full articles different sentences make
    the headline (in an article it is nearly always the lede).
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        names = tuple(spec["features"])
        if names != FEATURES:
            raise ModelError(f"summarizer model features {names} do not match this newsnlp's {FEATURES}")
        if tuple(spec["unit_features"]) != UNIT_FEATURES:
            raise ModelError("summarizer model unit features do not match this newsnlp's UNIT_FEATURES")
        self.chars = _Salience(spec["char_salience"], _char_key)
        self.bigrams = _Salience(spec["bigram_salience"], _bigram_key)
        self.prior_keys = np.concatenate([self.chars.prior_keys, self.bigrams.prior_keys])
        self.prior_values = np.concatenate([self.chars.prior_values, self.bigrams.prior_values])
        self.regimes = [
            (np.inf if r["max_chars"] is None else float(r["max_chars"]),
             np.asarray(r["mean"], dtype=np.float64), np.asarray(r["scale"], dtype=np.float64),
             np.asarray(r["coef"], dtype=np.float64), float(r["intercept"]))
            for r in spec["regimes"]
        ]
        if not self.regimes or self.regimes[-1][0] != np.inf:
            raise ModelError("the summarizer model's last regime must have max_chars null")

    @classmethod
    def load(cls) -> "_LinearScorer":
        try:
            raw = resources.files("newsnlp").joinpath("_models/summarizer/scorer.json").read_text("utf-8")
            return cls(json.loads(raw))
        except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
            raise ModelError(f"cannot load the summarizer model: {exc}") from exc

    def unit_features(self, units: _Units) -> np.ndarray:
        return units.features(self.prior(units))

    def prior(self, units: _Units) -> np.ndarray:
        """Each unit's prior log-odds: from the tables (bigram keys sort after character keys, so
        their concatenation is one sorted table), else its kind's default."""
        keys = units.keys
        default = np.where(units.is_char, self.chars.prior_default, self.bigrams.prior_default)
        if not len(self.prior_keys):
            return default
        i = np.minimum(np.searchsorted(self.prior_keys, keys), len(self.prior_keys) - 1)
        return np.where(self.prior_keys[i] == keys, self.prior_values[i], default)

    def salience(self, units: _Units, feats: np.ndarray) -> np.ndarray:
        nc = units.n_chars
        return np.concatenate([self.chars(feats[:nc]), self.bigrams(feats[nc:])])

    def __call__(self, doc: _Doc) -> np.ndarray:
        """Each sentence's predicted ROUGE-L F1 against the document's headline."""
        feats = doc.features(self.salience(doc.units, self.unit_features(doc.units)))
        size = float(doc.lengths.sum())
        _, mean, scale, coef, intercept = next(r for r in self.regimes if size <= r[0])
        return (feats - mean) / scale @ coef + intercept


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
        """One score per body sentence of *doc* (higher is better).

        For ``learned`` it is the sentence's predicted ROUGE-L F1 against a
        headline, less ENUM_PENALTY for a bare enumeration label.
        """
        if method == "lead":
            return 1.0 / (np.arange(doc.n) + 1.0)
        if method == "textrank":
            return doc.textrank
        if method == "mmr":
            return doc.centroid_sim
        bare_label = np.array(
            [len(s.text) <= ENUM_LABEL_MAX and _ENUM_LABEL.match(s.text) is not None for s in doc.sentences]
        )
        return self.scorer(doc) - ENUM_PENALTY * bare_label


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
