"""Shared pieces of the benchmarks: where the data is, timing, result sections.

Every ``benchmarks/bench_*.py`` module exposes ``run(ctx: Context) -> Section``.
A benchmark whose data or optional package is missing returns a Section with
``skipped`` set to a one-line reason; it never fails silently.
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (or ``$NEWSNLP_SHARED``), if it exists."""
    path = Path(os.environ.get("NEWSNLP_SHARED", REPO.parent / "shared"))
    return path if path.is_dir() else None


@dataclass
class Context:
    quick: bool = False
    out_dir: Path = REPO / "benchmarks"
    seed: int = 0
    shared: Path | None = field(default_factory=shared_dir)

    def data(self, *parts: str) -> Path | None:
        """A path under shared/, or None when it is absent."""
        if self.shared is None:
            return None
        p = self.shared.joinpath(*parts)
        return p if p.exists() else None


@dataclass
class Section:
    title: str
    markdown: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    plots: list[str] = field(default_factory=list)  # file names under out_dir
    skipped: str | None = None


def news_texts(ctx: Context, n: int) -> tuple[list[str], str]:
    """Up to *n* texts and where they came from: the first 新闻联播 stories of shared/, else the articles
    of examples/sample_page.txt."""
    path = ctx.data("data", "xwlb", "items.jsonl.gz")
    if path is not None:
        texts = []
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                if item.get("kind") == "story" and item.get("text"):
                    texts.append(item["text"])
                    if len(texts) == n:
                        break
        return texts, f"first {len(texts)} 新闻联播 stories of shared/data/xwlb"
    page = REPO / "examples" / "sample_page.txt"
    if page.is_file():
        from newsnlp import split_articles

        articles = [a.text for a in split_articles(page.read_text("utf-8"))]
        return articles[:n], f"the {min(n, len(articles))} articles of examples/sample_page.txt"
    return [], "no texts"


def median_time(fn: Callable[[], Any], repeats: int = 3) -> float:
    """Median wall time of ``fn()`` in seconds over *repeats* runs (after one warm-up call)."""
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def md_table(header: list[str], rows: list[list[Any]]) -> str:
    def fmt(x: Any) -> str:
        if isinstance(x, float):
            return f"{x:.4g}" if abs(x) < 1000 else f"{x:,.0f}"
        return str(x)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(fmt(x) for x in row) + " |" for row in rows]
    return "\n".join(lines)
