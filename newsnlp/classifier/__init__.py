"""Theme classification: ``classify`` one text, ``classify_batch`` many, ``Classifier`` to train your own.

The default model ships inside the package (``newsnlp/_models/classifier``)
and is loaded on first use, once per process, under a lock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from ..results import Classification
from .model import Classifier
from .transformer import TransformerClassifier

__all__ = ["Classifier", "TransformerClassifier", "classify", "classify_batch", "default_classifier", "iter_classify", "DEFAULT_MODEL_PATH", "load"]

DEFAULT_MODEL_PATH = Path(str(resources.files("newsnlp") / "_models" / "classifier"))

_default: Classifier | None = None
_lock = threading.Lock()


def default_classifier() -> Classifier:
    """The shipped default model, loaded on first call and shared afterwards."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Classifier.load(DEFAULT_MODEL_PATH)
    return _default


def load(path: str | Path) -> Classifier | TransformerClassifier:
    """Load a model folder of either backend (a transformers folder holds newsnlp.json)."""
    if (Path(path) / "newsnlp.json").is_file():
        return TransformerClassifier.load(path)
    return Classifier.load(path)


def _resolve(model: Classifier | TransformerClassifier | str | Path | None) -> Classifier | TransformerClassifier:
    if model is None:
        return default_classifier()
    if isinstance(model, (Classifier, TransformerClassifier)):
        return model
    return load(model)


def classify(text: str, *, model: Classifier | str | Path | None = None, evidence: int = 5) -> Classification:
    """The themes of one text: primary ``label``, all ``labels``, calibrated ``scores`` and ``evidence``.

    *model* is a :class:`Classifier`, a model folder, or ``None`` for the default model.
    """
    return _resolve(model).classify(text, evidence=evidence)


def iter_classify(
    texts: Iterable[Any],
    *,
    model: Classifier | str | Path | None = None,
    batch_size: int = 64,
    on_error: str = "result",
    evidence: int = 5,
) -> Iterator[Classification]:
    """Classify a stream of texts lazily (bounded memory), in input order."""
    return _resolve(model).iter_classify(texts, batch_size=batch_size, on_error=on_error, evidence=evidence)


def classify_batch(
    texts: Iterable[Any],
    *,
    model: Classifier | str | Path | None = None,
    batch_size: int = 64,
    progress: bool = False,
    on_error: str = "result",
    evidence: int = 5,
) -> list[Classification]:
    """Classify many texts (a list, any iterable, a pandas Series, a ``datasets`` column).

    Returns one result per input, in order. An item that is not a str gets a
    result with ``error`` set (``on_error="result"``), is left out
    (``"skip"``), or raises (``"raise"``).
    """
    return _resolve(model).classify_batch(
        texts, batch_size=batch_size, progress=progress, on_error=on_error, evidence=evidence
    )
