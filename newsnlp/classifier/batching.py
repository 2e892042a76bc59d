"""Batch classification shared by every backend: streaming, order kept, one bad item never sinks the rest.

A backend subclasses :class:`BatchClassifier` and implements
``_classify_simplified(texts, n_evidence) -> list[Classification]`` for a list of
str (Traditional Chinese already converted, see :mod:`newsnlp.hant`),
``_check_fitted()`` and the ``name`` / ``version`` attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .._validate import ensure_choice, ensure_positive_int, ensure_text
from ..errors import InputTypeError
from ..hant import simplified_view
from ..results import Classification


class BatchClassifier:
    default_batch_size = 64

    name: str
    version: str

    def _check_fitted(self) -> None:  # pragma: no cover - every backend overrides it
        raise NotImplementedError

    def _classify_simplified(self, texts: list[str], n_evidence: int) -> list[Classification]:  # pragma: no cover
        raise NotImplementedError

    def _classify_many(self, texts: list[str], n_evidence: int) -> list[Classification]:
        # Traditional Chinese hook: the model reads the Simplified conversion (as in
        # fit and predict, see hant.model_text); evidence points into the original.
        views = [simplified_view(t) for t in texts]
        results = self._classify_simplified([v.text if v else t for v, t in zip(views, texts)], n_evidence)
        return [v.restore_classification(r) if v else r for v, r in zip(views, results)]

    @property
    def model_name(self) -> str:
        return f"{self.name}-{self.version}"

    def classify(self, text: str, *, evidence: int = 5) -> Classification:
        """Classify one text; see :class:`newsnlp.Classification`.

        *evidence*: how many evidence items to give per theme (0 for none); a
        backend that gives no evidence (``TransformerClassifier``) ignores it.
        """
        self._check_fitted()
        return self._classify_many([ensure_text(text)], evidence)[0]

    def iter_classify(
        self,
        texts: Iterable[Any],
        *,
        batch_size: int | None = None,
        on_error: str = "result",
        evidence: int = 5,
    ) -> Iterator[Classification]:
        """Classify texts lazily, *batch_size* at a time, in input order.

        A bad item (not a str) becomes a Classification with ``error`` set
        (``on_error="result"``), is dropped (``"skip"``) or raises (``"raise"``).
        """
        self._check_fitted()
        batch_size = ensure_positive_int(self.default_batch_size if batch_size is None else batch_size, "batch_size")
        ensure_choice(on_error, "on_error", ("result", "skip", "raise"))
        if isinstance(texts, (str, bytes)):
            raise InputTypeError("texts must be an iterable of str, not a single text: use classify(text)")
        batch: list[Any] = []
        for item in texts:
            batch.append(item)
            if len(batch) == batch_size:
                yield from self._classify_batch_safely(batch, on_error, evidence)
                batch = []
        if batch:
            yield from self._classify_batch_safely(batch, on_error, evidence)

    def classify_batch(
        self,
        texts: Iterable[Any],
        *,
        batch_size: int | None = None,
        progress: bool = False,
        on_error: str = "result",
        evidence: int = 5,
    ) -> list[Classification]:
        """Classify many texts: one Classification per input, same order (see :meth:`iter_classify`)."""
        results = self.iter_classify(texts, batch_size=batch_size, on_error=on_error, evidence=evidence)
        if progress:
            from tqdm.auto import tqdm

            total = len(texts) if hasattr(texts, "__len__") else None
            results = tqdm(results, total=total, desc="classify", unit="text")
        return list(results)

    def _classify_batch_safely(self, batch: list[Any], on_error: str, evidence: int) -> list[Classification]:
        out: dict[int, Classification] = {}
        for i, item in enumerate(batch):
            if not isinstance(item, str):
                try:
                    ensure_text(item, f"texts[{i}]")
                except InputTypeError as exc:
                    if on_error == "raise":
                        raise
                    out[i] = self._error_result(item, exc)
        good = [i for i in range(len(batch)) if i not in out]
        try:
            out.update(zip(good, self._classify_many([batch[i] for i in good], evidence)))
        except Exception:
            if on_error == "raise":
                raise
            for i in good:  # isolate the item that failed; the others still get results
                try:
                    out[i] = self._classify_many([batch[i]], evidence)[0]
                except Exception as exc:  # noqa: BLE001 - reported in the item's result
                    out[i] = self._error_result(batch[i], exc)
        return [out[i] for i in range(len(batch)) if not (on_error == "skip" and out[i].error is not None)]

    def _error_result(self, item: Any, exc: Exception) -> Classification:
        return Classification(
            label=None,
            labels=(),
            scores={},
            model=self.model_name,
            document=item if isinstance(item, str) else "",
            error=f"{type(exc).__name__}: {exc}",
        )
