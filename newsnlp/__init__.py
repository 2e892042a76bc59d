"""newsnlp: themes, summaries and clean text for Chinese civil-affairs news.

>>> import newsnlp
>>> articles = newsnlp.split_articles(page)          # scanned page -> clean articles
>>> newsnlp.classify(articles[0].full_text).labels    # themes of headline + body, calibrated
>>> newsnlp.summarize(articles[0].text, k=3).text     # the article's own sentences

Importing newsnlp loads nothing heavy: each function's module (and any model)
is imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import BackendUnavailableError, InputTypeError, InputValueError, ModelError, NewsNLPError
from .results import Article, Classification, Evidence, Sentence, Summary

__version__ = "0.1.0"

# public name -> submodule that defines it; imported on first attribute access.
# No submodule shares a public function's name: importing a submodule binds its
# name on the package, which would shadow the function.
_LAZY = {
    "clean": "text",
    "split_articles": "text",
    "split_sentences": "text",
    "read_text": "text",
    "classify": "classifier",
    "classify_batch": "classifier",
    "iter_classify": "classifier",
    "Classifier": "classifier",
    "TransformerClassifier": "classifier",
    "summarize": "summarizer",
    "summarize_batch": "summarizer",
    "Summarizer": "summarizer",
    "keywords": "summarizer",
    "to_frame": "display",
}
_SUBMODULES = ("text", "layout", "classifier", "summarizer", "metrics", "evaluation", "tokenize", "encoders", "display", "hant", "scale")

__all__ = [
    "Article",
    "BackendUnavailableError",
    "Classification",
    "Evidence",
    "InputTypeError",
    "InputValueError",
    "ModelError",
    "NewsNLPError",
    "Sentence",
    "Summary",
    "__version__",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'newsnlp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(__all__) | set(_SUBMODULES))


if TYPE_CHECKING:  # pragma: no cover
    from .classifier import Classifier, TransformerClassifier, classify, classify_batch, iter_classify
    from .summarizer import Summarizer, keywords, summarize, summarize_batch
    from .text import clean, read_text, split_articles, split_sentences
