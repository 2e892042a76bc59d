"""Scale-out: annotate corpora with Dask or ``datasets.Dataset.map``, the model loaded once per worker.

When a corpus outgrows one process, run newsnlp on an engine that already
schedules, retries and spills to disk.  Each worker process loads the model
the first time it needs it and keeps it (:func:`worker_model`), so a task
carries only a model *path*, never the model itself.

Dask (``pip install 'newsnlp[dask]'``)::

    from dask.distributed import Client, LocalCluster
    import dask.bag as db, dask.dataframe as dd
    from newsnlp import scale

    client = Client(LocalCluster(n_workers=4, threads_per_worker=1))
    themes = scale.classify_bag(db.from_sequence(texts, npartitions=8)).compute()   # list of dicts
    ddf = scale.annotate_dataframe(dd.read_parquet("news/"), column="text", summarize=True)
    ddf.to_parquet("annotated/")

Hugging Face ``datasets``::

    ds = ds.map(scale.annotate_batch, batched=True, batch_size=256, num_proc=4,
                fn_kwargs={"column": "text", "summarize": True})

A custom model is a folder written by ``Classifier.save``: pass its path as
``model=``; workers load it with :func:`newsnlp.classifier.load`.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["annotate_batch", "annotate_dataframe", "classify_bag", "summarize_bag", "worker_model", "loaded_models"]

_models: dict[str, Any] = {}
_loads: Counter[str] = Counter()  # how many times this process loaded each model (1 is the point)
_lock = threading.Lock()


def worker_model(model: str | os.PathLike[str] | None = None):
    """The classifier for *model* (a folder path, or None for the default) in this process, loaded once."""
    from . import classifier

    key = "" if model is None else str(Path(model).resolve())
    if key not in _models:
        with _lock:
            if key not in _models:
                _models[key] = classifier.default_classifier() if model is None else classifier.load(model)
                _loads[key] += 1
    return _models[key]


def loaded_models() -> dict[str, int]:
    """How many times this process loaded each model (``""`` is the default): ``client.run(loaded_models)``."""
    return dict(_loads)


def _check_model(model: Any) -> None:
    if model is not None and not isinstance(model, (str, os.PathLike)):
        from .errors import InputTypeError

        raise InputTypeError(
            "pass model as a folder path (Classifier.save) so each worker loads it once, "
            f"not a {type(model).__name__} object shipped with every task"
        )


# --------------------------------------------------------------------------- rows


def _annotate(texts: list[Any], *, model: Any, classify: bool, summarize: bool, k: int,
              evidence: int) -> dict[str, list[Any]]:
    """Column -> values for *texts*: label, labels, score_<theme> per theme, error, and summary."""
    columns: dict[str, list[Any]] = {}
    if classify:
        clf = worker_model(model)
        results = clf.classify_batch(texts, evidence=evidence)
        columns["label"] = [r.label for r in results]
        columns["labels"] = [list(r.labels) for r in results]
        for theme in clf.themes_:
            columns[f"score_{theme}"] = [r.scores.get(theme, float("nan")) for r in results]
        columns["error"] = [r.error for r in results]
    if summarize:
        from .summarizer import summarize_batch

        summaries = summarize_batch([t if isinstance(t, str) else "" for t in texts], k=k)
        columns["summary"] = [s.text for s in summaries]
    return columns


def annotate_batch(batch: dict[str, list[Any]], *, column: str = "text", model: str | None = None,
                   classify: bool = True, summarize: bool = False, k: int = 3,
                   evidence: int = 0) -> dict[str, list[Any]]:
    """New columns for a batch of a ``datasets.Dataset`` (``ds.map(annotate_batch, batched=True)``).

    Adds ``label``, ``labels``, ``score_<theme>`` and ``error`` (with
    *classify*) and ``summary`` (with *summarize*).  A value that is not a
    str gets ``error`` set and an empty summary; the batch goes on.
    """
    _check_model(model)
    return _annotate(list(batch[column]), model=model, classify=classify, summarize=summarize, k=k,
                     evidence=evidence)


# --------------------------------------------------------------------------- dask


def classify_bag(bag: Any, *, model: str | None = None, evidence: int = 5):
    """A ``dask.bag.Bag`` of ``Classification.to_dict()`` records, one per text of *bag*, in order."""
    _check_model(model)

    def partition(texts: Iterable[Any]) -> list[dict[str, Any]]:
        return [r.to_dict() for r in worker_model(model).classify_batch(list(texts), evidence=evidence)]

    return bag.map_partitions(partition)


def summarize_bag(bag: Any, *, k: int = 3, max_chars: int | None = None, method: str = "default"):
    """A ``dask.bag.Bag`` of ``Summary.to_dict()`` records (``error`` set for a bad item), in order."""

    def partition(texts: Iterable[Any]) -> list[dict[str, Any]]:
        from .summarizer import summarize_batch

        results = summarize_batch(list(texts), k=k, max_chars=max_chars, method=method, on_error="result")
        return [s.to_dict() for s in results]

    return bag.map_partitions(partition)


def annotate_dataframe(ddf: Any, column: str = "text", *, model: str | None = None, classify: bool = True,
                       summarize: bool = False, k: int = 3):
    """*ddf* (a dask DataFrame) with the :func:`annotate_batch` columns added, partition by partition.

    The output schema is known up front (the model's themes are read here,
    once), so Dask runs nothing to guess it.
    """
    import pandas as pd

    _check_model(model)
    meta = ddf._meta.copy()
    if classify:
        themes = worker_model(model).themes_
        meta = meta.assign(label=pd.Series(dtype=object), labels=pd.Series(dtype=object),
                           **{f"score_{t}": pd.Series(dtype="float64") for t in themes},
                           error=pd.Series(dtype=object))
    if summarize:
        meta = meta.assign(summary=pd.Series(dtype=object))

    def partition(frame: pd.DataFrame) -> pd.DataFrame:
        columns = _annotate(frame[column].tolist(), model=model, classify=classify, summarize=summarize, k=k,
                            evidence=0)
        return frame.assign(**{name: pd.Series(values, index=frame.index, dtype=meta[name].dtype)
                               for name, values in columns.items()})

    return ddf.map_partitions(partition, meta=meta)
