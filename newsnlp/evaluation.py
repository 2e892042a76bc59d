"""The evaluation runner: load labelled data, run a model, score it, report.

>>> from newsnlp import evaluation
>>> result = evaluation.evaluate_classifier("path/to/model", "dev.jsonl")   # or None: the shipped model
>>> print(evaluation.format_table(result))
>>> evaluation.save_json(result, "eval.json")

Data is a local CSV / TSV / JSON / JSON-lines file (optionally ``.gz``), a
``datasets.Dataset``, a pandas DataFrame, or a list of dicts. Files are read
with 🤗 ``datasets`` when it is installed (the ``datasets`` extra) and with the
standard library otherwise; a name that is not an existing file is refused,
never looked up on the Hub.

Every function returns a plain dict (JSON-ready through :func:`save_json`);
scores are fractions in ``[0, 1]``, and :func:`format_table` prints them as
percentages.
"""

from __future__ import annotations

import csv
import gzip
import inspect
import io
import json
import math
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import metrics
from ._validate import ensure_choice, ensure_positive_int
from .errors import InputTypeError, InputValueError

_FORMATS = {".jsonl": "json", ".ndjson": "json", ".json": "json", ".csv": "csv", ".tsv": "tsv"}
Fields = str | Sequence[str]


# --------------------------------------------------------------------------- loading


def load_records(
    source: Any,
    *,
    text_field: Fields | None = "text",
    label_field: Fields | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Records as a list of dicts, checked to carry *text_field* and *label_field*.

    *source*: a path to a local ``.jsonl`` / ``.json`` / ``.csv`` / ``.tsv``
    file (each may end in ``.gz``), a ``datasets.Dataset``, a pandas DataFrame
    or a list of dicts. A field may be a name or a list of names (all required).
    *limit* keeps the first records only.
    """
    limit = ensure_positive_int(limit, "limit", allow_none=True)
    records = _read(source)
    if limit is not None:
        records = records[:limit]
    required = [f for f in (*_names(text_field), *_names(label_field))]
    _require(records, required)
    return records


def _names(fields: Fields | None) -> list[str]:
    if fields is None:
        return []
    return [fields] if isinstance(fields, str) else list(fields)


def _require(records: list[dict[str, Any]], fields: Iterable[str]) -> None:
    if not records:
        raise InputValueError("the data holds no records")
    for field in fields:
        for i, rec in enumerate(records):
            if field not in rec:
                raise InputValueError(
                    f"record {i} has no field {field!r}; its fields are {sorted(rec)}. "
                    f"Name the right one with the matching *_field argument."
                )


def _read(source: Any) -> list[dict[str, Any]]:
    if isinstance(source, (str, os.PathLike)):
        return _read_file(Path(source))
    if isinstance(source, list):
        if not all(isinstance(r, dict) for r in source):
            raise InputTypeError("a list of records must hold dicts")
        return source
    if hasattr(source, "to_list") and hasattr(source, "column_names"):  # datasets.Dataset
        return source.to_list()
    if hasattr(source, "to_dict") and hasattr(source, "columns"):  # pandas.DataFrame
        return source.to_dict("records")
    if hasattr(source, "keys") and hasattr(source, "values") and all(
        hasattr(v, "column_names") for v in source.values()
    ):
        raise InputValueError(f"got a DatasetDict with splits {list(source.keys())}; pass one split, e.g. data['test']")
    raise InputTypeError(
        f"data must be a file path, a list of dicts, a datasets.Dataset or a DataFrame, got {type(source).__name__}"
    )


def _format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    fmt = _FORMATS.get(suffixes[-1] if suffixes else "")
    if fmt is None:
        raise InputValueError(
            f"cannot tell the format of {path.name}: use .jsonl, .json, .csv or .tsv (optionally .gz)"
        )
    return fmt


def _read_file(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        # Never fall through to a Hub dataset name: evaluation data must be a local file.
        raise InputValueError(f"no such file: {path} (newsnlp evaluates local files only)")
    fmt = _format(path)
    datasets = _datasets_module()
    if datasets is not None:
        kwargs = {"delimiter": "\t"} if fmt == "tsv" else {}
        builder = "json" if fmt == "json" else "csv"
        # A throw-away cache: evaluation files are small, and a one-off run should leave no
        # arrow files behind in the user's Hugging Face cache.
        with tempfile.TemporaryDirectory(prefix="newsnlp-eval-") as cache:
            ds = datasets.load_dataset(builder, data_files=str(path), split="train", cache_dir=cache, **kwargs)
            return ds.to_list()
    return _read_stdlib(path, fmt)


def _datasets_module():
    """The ``datasets`` package, or None when the optional extra is not installed."""
    try:
        import datasets
    except ImportError:
        return None
    return datasets


def _read_stdlib(path: Path, fmt: str) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        content = f.read()
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(content), delimiter="\t" if fmt == "tsv" else ","))
    stripped = content.lstrip()
    if stripped.startswith("["):  # one JSON array rather than JSON lines
        return json.loads(stripped)
    records = []
    for lineno, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputValueError(f"{path.name}, line {lineno}: not valid JSON ({exc.msg})") from None
    return records


def _text(record: dict[str, Any], fields: list[str]) -> str:
    # Several fields (e.g. title and body) are joined one per line; missing values count as empty.
    parts = ["" if record[f] is None else str(record[f]) for f in fields]
    return "\n".join(p for p in parts if p)


def _label_list(value: Any) -> list[str]:
    """A gold label list: a list, a JSON list in a string, or ``a|b`` / ``a;b`` / ``a,b`` (CSV cells)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return [str(v) for v in json.loads(value)]
        return [v.strip() for v in re.split(r"[|;,]", value) if v.strip()]
    return [str(v) for v in value]


def _batches(items: Sequence[Any], size: int, progress: bool, desc: str) -> Iterator[Sequence[Any]]:
    starts = range(0, len(items), size)
    if progress:
        from tqdm.auto import tqdm

        starts = tqdm(starts, desc=desc, unit="batch")
    for start in starts:
        yield items[start : start + size]


# --------------------------------------------------------------------------- classification


def _classifier(model: Any) -> tuple[Any, str]:
    """(classifier, its name) from a Classifier-like object, a model folder, or None (the shipped model)."""
    if model is not None and not isinstance(model, (str, os.PathLike)):
        if not (hasattr(model, "predict_proba") and hasattr(model, "classes_")):
            raise InputTypeError(
                f"model must be a Classifier, a model folder path or None, got {type(model).__name__}"
            )
        clf = model
    else:
        from .classifier import Classifier, default_classifier

        clf = default_classifier() if model is None else Classifier.load(model)
    name = getattr(clf, "model_name", None) or getattr(clf, "name", None) or type(clf).__name__
    return clf, str(name)


def evaluate_classifier(
    model: Any,
    data: Any,
    *,
    text_field: Fields = "text",
    label_field: str = "label",
    labels_field: str | None = "labels",
    batch_size: int = 64,
    n_bins: int = 10,
    limit: int | None = None,
    keep_predictions: bool = False,
    progress: bool = False,
) -> dict[str, Any]:
    """Score a theme classifier on labelled data.

    *model*: a ``Classifier``, the path of a model folder, or ``None`` for the
    shipped default. *text_field* may name several fields (``["title", "text"]``),
    joined by newlines. The primary label (*label_field*) is scored with
    accuracy, F1 and a confusion matrix from ``predict_proba``, and its top-label
    calibration (ECE, reliability table). When every record also has
    *labels_field* (a list of themes, possibly empty), ``classify_batch``'s
    label sets and scores are scored too (multi-label F1 and calibration).
    """
    batch_size = ensure_positive_int(batch_size, "batch_size")
    clf, name = _classifier(model)
    text_fields = _names(text_field)
    records = load_records(data, text_field=text_fields, label_field=label_field, limit=limit)
    texts = [_text(r, text_fields) for r in records]
    gold = [str(r[label_field]) for r in records]
    classes = [str(c) for c in clf.classes_]

    t0 = time.perf_counter()
    batches = _batches(texts, batch_size, progress, "classify")
    probs = np.vstack([np.asarray(clf.predict_proba(list(b)), dtype=float) for b in batches])
    seconds = time.perf_counter() - t0
    pred = [classes[j] for j in probs.argmax(axis=1)]
    order = classes + sorted(set(gold) - set(classes))

    result: dict[str, Any] = {
        "task": "classify",
        "model": name,
        "n": len(records),
        "seconds": seconds,
        "items_per_second": len(records) / seconds if seconds > 0 else None,
        "primary": metrics.classification_report(gold, pred, labels=order),
        "calibration": {
            "n_bins": n_bins,
            "ece": metrics.expected_calibration_error(probs, gold, n_bins=n_bins, classes=classes),
            "reliability": metrics.reliability_table(probs, gold, n_bins=n_bins, classes=classes),
        },
    }
    if labels_field is not None and all(labels_field in r for r in records):
        gold_lists = [_label_list(r[labels_field]) for r in records]
        result["multilabel"], pred_lists = _multilabel(clf, texts, gold_lists, batch_size, n_bins, progress)
    else:
        pred_lists = None
    if keep_predictions:
        result["predictions"] = [
            {"gold": g, "pred": p, "probs": dict(zip(classes, map(float, row)))} for g, p, row in zip(gold, pred, probs)
        ]
        if pred_lists is not None:
            for item, gold_labels, pred_labels in zip(result["predictions"], gold_lists, pred_lists):
                item |= {"gold_labels": gold_labels, "pred_labels": pred_labels}
    return result


def _multilabel(clf, texts, gold_lists, batch_size, n_bins, progress) -> tuple[dict[str, Any], list[list[str]]]:
    # Evidence spans are not scored: skip computing them when the classifier allows.
    options = {"evidence": 0} if "evidence" in inspect.signature(clf.classify_batch).parameters else {}
    batches = _batches(texts, batch_size, progress, "labels")
    results = [c for b in batches for c in clf.classify_batch(list(b), **options)]
    ok = [c.error is None for c in results]
    pred_lists = [list(c.labels) for c in results]
    seen = {lab for labs in gold_lists + pred_lists for lab in labs}
    known = [str(c) for c in clf.classes_]
    labels = [c for c in known if c in seen] + sorted(seen - set(known))
    report = metrics.multilabel_report(gold_lists, pred_lists, labels=labels)
    report["errors"] = ok.count(False)
    # Calibration of the per-theme scores: every (item, theme) score against whether the theme is gold.
    themes = sorted({t for c, good in zip(results, ok) if good for t in c.scores})
    rows = [i for i, good in enumerate(ok) if good]
    if themes and rows:
        scores = np.array([[results[i].scores.get(t, 0.0) for t in themes] for i in rows], dtype=float)
        truth = [gold_lists[i] for i in rows]
        report["calibration"] = {
            "n_bins": n_bins,
            "themes": themes,
            "ece": metrics.expected_calibration_error(scores, truth, n_bins=n_bins, classes=themes, multilabel=True),
            "reliability": metrics.reliability_table(scores, truth, n_bins=n_bins, classes=themes, multilabel=True),
        }
    return report, pred_lists


# --------------------------------------------------------------------------- summarisation


def evaluate_summarizer(
    data: Any,
    *,
    method: str = "default",
    k: int = 3,
    max_chars: int | None = None,
    text_field: Fields = "text",
    reference_field: str = "summary",
    level: str = "char",
    baseline: str | None = None,
    n_resamples: int = 1000,
    seed: int = 0,
    limit: int | None = None,
    keep_predictions: bool = False,
    progress: bool = False,
) -> dict[str, Any]:
    """ROUGE-1/2/L of ``newsnlp.summarize(text, k=k, method=method)`` against reference summaries.

    Each mean F comes with a 95% bootstrap interval. With *baseline* (another
    method, e.g. ``"lead"``), ``vs_baseline`` holds a paired bootstrap test of
    the F difference, method minus baseline. A summary that failed (``error``
    set) scores 0 and is counted in ``errors``.
    """
    ensure_choice(level, "level", metrics.LEVELS)
    text_fields = _names(text_field)
    records = load_records(data, text_field=text_fields, label_field=reference_field, limit=limit)
    texts = [_text(r, text_fields) for r in records]
    refs = [str(r[reference_field] or "") for r in records]

    preds, errors, seconds = _summaries(texts, method, k, max_chars, progress)
    scored = metrics.rouge_corpus(preds, refs, level=level, return_items=True)
    rouge = {}
    for t in metrics.ROUGE_TYPES:
        ci = metrics.bootstrap_ci(scored["items"][t], n_resamples=n_resamples, seed=seed)
        rouge[t] = scored[t] | {"f_ci_low": ci["ci_low"], "f_ci_high": ci["ci_high"]}
    result: dict[str, Any] = {
        "task": "summarize",
        "method": method,
        "k": k,
        "max_chars": max_chars,
        "level": level,
        "n": len(records),
        "errors": errors,
        "seconds": seconds,
        "items_per_second": len(records) / seconds if seconds > 0 else None,
        "rouge": rouge,
    }
    if baseline is not None:
        base_preds, base_errors, _ = _summaries(texts, baseline, k, max_chars, progress)
        base = metrics.rouge_corpus(base_preds, refs, level=level, return_items=True)
        result["baseline"] = {
            "method": baseline, "errors": base_errors, "rouge": {t: base[t] for t in metrics.ROUGE_TYPES}
        }
        result["vs_baseline"] = {
            t: metrics.paired_bootstrap(scored["items"][t], base["items"][t], n_resamples=n_resamples, seed=seed)
            for t in metrics.ROUGE_TYPES
        }
    if keep_predictions:
        result["predictions"] = [
            {"summary": p, "reference": r} | {f"{t}_f": float(scored["items"][t][i]) for t in metrics.ROUGE_TYPES}
            for i, (p, r) in enumerate(zip(preds, refs))
        ]
    return result


def _summaries(
    texts: list[str], method: str, k: int, max_chars: int | None, progress: bool
) -> tuple[list[str], int, float]:
    from .summarizer import summarize

    options: dict[str, Any] = {"k": k, "method": method}
    if max_chars is not None:
        options["max_chars"] = max_chars
    preds, errors = [], 0
    t0 = time.perf_counter()
    for batch in _batches(texts, 64, progress, f"summarize ({method})"):
        for text in batch:
            summary = summarize(text, **options)
            if summary.error is not None:
                errors += 1
                preds.append("")
            else:
                preds.append(summary.text)
    return preds, errors, time.perf_counter() - t0


# --------------------------------------------------------------------------- article splitting


def evaluate_split(
    data: Any,
    *,
    page_field: str = "page",
    articles_field: str = "articles",
    limit: int | None = None,
    keep_predictions: bool = False,
) -> dict[str, Any]:
    """Score ``newsnlp.split_articles`` on pages with gold articles (``{page, articles: [...]}`` records).

    Each page is scored by ``newsnlp.layout.split_scores(predicted, gold, page)``;
    ``scores`` holds the mean of each numeric score over pages.
    """
    from .text import split_articles

    records = load_records(data, text_field=page_field, label_field=articles_field, limit=limit)
    per_page, seconds = [], 0.0
    for rec in records:
        page = str(rec[page_field])
        t0 = time.perf_counter()
        predicted = split_articles(page)
        seconds += time.perf_counter() - t0
        per_page.append(metrics.split_scores(predicted, rec[articles_field], page))
    numeric = sorted({k for s in per_page for k, v in s.items() if _is_number(v)})
    result: dict[str, Any] = {
        "task": "split",
        "n": len(records),
        "seconds": seconds,
        "scores": {k: float(np.mean([s[k] for s in per_page if _is_number(s.get(k))])) for k in numeric},
    }
    if keep_predictions:
        result["pages"] = per_page
    return result


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, bool)


# --------------------------------------------------------------------------- reporting


def save_json(result: dict[str, Any], path: str | os.PathLike) -> Path:
    """Write *result* as UTF-8 JSON (numpy values converted); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, ensure_ascii=False, indent=2, default=_jsonable) + "\n", encoding="utf-8")
    return path


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (set, tuple)):
        return list(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _pct(x: Any) -> str:
    return "-" if x is None else f"{100 * x:.1f}"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    # First column (labels) left-aligned, numbers right-aligned.
    lines = [
        "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _per_class(per_class: dict[str, dict[str, Any]]) -> str:
    rows = [[lab, _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]), s["support"]] for lab, s in per_class.items()]
    return _table(["label", "precision", "recall", "F1", "support"], rows)


def _reliability(cal: dict[str, Any]) -> str:
    rows = [
        [f"{r['low']:.1f}-{r['high']:.1f}", r["count"], _pct(r["confidence"]), _pct(r["accuracy"])]
        for r in cal["reliability"]
    ]
    return _table(["confidence", "count", "mean conf", "accuracy"], rows)


def _speed(result: dict[str, Any]) -> str:
    rate = result.get("items_per_second")
    return f"{result['seconds']:.2f} s" + (f", {rate:,.1f} items/s" if rate else "")


def format_table(result: dict[str, Any]) -> str:
    """A readable plain-text report of a result from one of the ``evaluate_*`` functions (scores in %)."""
    task = result.get("task")
    if task == "classify":
        return _format_classify(result)
    if task == "summarize":
        return _format_summarize(result)
    if task == "split":
        rows = [[k, f"{v:.4g}"] for k, v in result["scores"].items()]
        return f"article splitting: {result['n']} pages, {result['seconds']:.2f} s\n" + _table(["score", "mean"], rows)
    raise InputValueError(f"not an evaluation result (task={task!r})")


def _format_classify(r: dict[str, Any]) -> str:
    p, cm = r["primary"], r["primary"]["confusion_matrix"]
    out = [
        f"classifier {r['model']} on {r['n']} items ({_speed(r)})",
        f"primary label: accuracy {_pct(p['accuracy'])}  macro-F1 {_pct(p['macro_f1'])}  "
        f"micro-F1 {_pct(p['micro_f1'])}  weighted-F1 {_pct(p['weighted_f1'])}",
        "",
        _per_class(p["per_class"]),
        "",
        "confusion matrix (rows: gold, columns: predicted)",
        _table(["gold \\ pred", *cm["labels"]], [[lab, *row] for lab, row in zip(cm["labels"], cm["matrix"])]),
        "",
        f"calibration of the primary label: ECE {_pct(r['calibration']['ece'])} ({r['calibration']['n_bins']} bins)",
        _reliability(r["calibration"]),
    ]
    m = r.get("multilabel")
    if m:
        out += [
            "",
            f"all themes (multi-label): micro-F1 {_pct(m['micro_f1'])}  macro-F1 {_pct(m['macro_f1'])}  "
            f"exact match {_pct(m['exact_match'])}  errors {m['errors']}",
            _per_class(m["per_class"]),
        ]
        if "calibration" in m:
            ece = _pct(m["calibration"]["ece"])
            out += ["", f"calibration of the theme scores: ECE {ece}", _reliability(m["calibration"])]
    return "\n".join(out)


def _format_summarize(r: dict[str, Any]) -> str:
    rows = []
    for t, s in r["rouge"].items():
        ci = f"{_pct(s['f_ci_low'])}-{_pct(s['f_ci_high'])}"
        rows.append([t, _pct(s["precision"]), _pct(s["recall"]), _pct(s["fmeasure"]), ci])
    out = [
        f"summarizer {r['method']} (k={r['k']}) on {r['n']} items ({_speed(r)}), {r['level']}-level ROUGE, "
        f"{r['errors']} errors",
        _table(["metric", "precision", "recall", "F", "F 95% CI"], rows),
    ]
    if "vs_baseline" in r:
        rows = [
            [t, _pct(r["baseline"]["rouge"][t]["fmeasure"]), f"{100 * d['delta']:+.1f}",
             f"{100 * d['ci_low']:+.1f} to {100 * d['ci_high']:+.1f}", f"{d['p_value']:.3f}"]
            for t, d in r["vs_baseline"].items()
        ]
        out += ["", f"against baseline {r['baseline']['method']} (paired bootstrap)",
                _table(["metric", "baseline F", "delta F", "95% CI", "p"], rows)]
    return "\n".join(out)


__all__ = ["evaluate_classifier", "evaluate_split", "evaluate_summarizer", "format_table", "load_records", "save_json"]
