"""Result types: frozen dataclasses with ``to_dict()``.

Offsets are always Python ``str`` indices, and always satisfy
``document[x.start:x.end] == x.text`` for the document they refer to.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == document[start:end]``; ``index`` counts from 0 in its document."""

    text: str
    start: int
    end: int
    index: int
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Article:
    """One article cut out of a page.

    ``text`` is the cleaned body (paragraphs joined by ``\\n``) without the
    headline, the subheads and the source line, which have fields of their own.
    ``start``/``end`` locate the whole article (headline to source line) in the
    original page: ``page[start:end]`` is the raw, uncleaned text.
    ``source`` is the outlet named in a source line, without brackets and
    without 据 (``《成都日报》``, ``中国社会组织网``), or ``None``.
    ``full_text`` is the headline and the body: what to classify (a headline
    says much of what an article is about).
    """

    text: str
    title: str | None
    subheads: tuple[str, ...]
    source: str | None
    start: int
    end: int
    index: int

    @property
    def full_text(self) -> str:
        """The headline, a newline and the body; the body alone where there is no headline."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["subheads"] = list(self.subheads)
        return d

    def __repr__(self) -> str:
        return f"Article(index={self.index}, title={self.title!r}, source={self.source!r}, {len(self.text)} chars)"

    def _repr_html_(self) -> str:
        from .display import article_html

        return article_html(self)


@dataclass(frozen=True)
class Evidence:
    """A span of the classified text that pushed a theme's score up."""

    text: str
    start: int
    end: int
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Classification:
    """Themes of one text.

    ``label`` is the primary label: the most probable class under
    ``primary_scores`` (a calibrated distribution over the model's classes,
    ``other`` included, summing to 1). ``scores`` gives each theme's calibrated
    probability of being a substantial subject of the text, independently of
    the others; ``labels`` lists the themes whose score passed the theme's
    threshold (possibly none, possibly several; the primary theme always).
    ``evidence`` maps each theme in ``labels`` to the spans of ``document``
    that raised its score most.
    In a batch, an item that could not be processed has ``error`` set and
    ``label`` ``None``; ``document`` is the text as given.
    """

    label: str | None
    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    primary_scores: dict[str, float] = field(default_factory=dict)
    model: str = ""
    document: str = field(default="", repr=False)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Classification(error={self.error!r})"
        top = ", ".join(f"{t}={self.scores[t]:.2f}" for t in self.labels if t in self.scores)
        n = sum(len(v) for v in self.evidence.values())
        return f"Classification(label={self.label!r}, labels={self.labels!r}, scores: {top or '-'}, {n} evidence spans)"

    def _repr_html_(self) -> str:
        from .display import classification_html

        return classification_html(self)

    def to_dict(self, *, include_document: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "label": self.label,
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "evidence": {k: [e.to_dict() for e in v] for k, v in self.evidence.items()},
            "primary_scores": dict(self.primary_scores),
            "model": self.model,
        }
        if self.error is not None:
            d["error"] = self.error
        if include_document:
            d["document"] = self.document
        return d


@dataclass(frozen=True)
class Summary:
    """An extractive summary: ``sentences`` are ``document``'s own, in document order.

    ``document`` is the text the offsets index into: the input itself, after
    :func:`newsnlp.clean` when the input needed cleaning.
    """

    sentences: tuple[Sentence, ...]
    method: str
    document: str = field(default="", repr=False)
    error: str | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)

    @property
    def ok(self) -> bool:
        return self.error is None

    def __repr__(self) -> str:
        if self.error is not None:
            return f"Summary(method={self.method!r}, error={self.error!r})"
        text = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        return f"Summary(method={self.method!r}, {len(self.sentences)} sentences {[s.index for s in self.sentences]}: {text!r})"

    def _repr_html_(self) -> str:
        from .display import summary_html

        return summary_html(self)

    def to_dict(self, *, include_document: bool = False) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "method": self.method,
        }
        if self.error is not None:
            d["error"] = self.error
        if include_document:
            d["document"] = self.document
        return d
