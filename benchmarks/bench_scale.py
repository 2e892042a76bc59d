"""Scale-out throughput: classify + summarise a corpus on a Dask LocalCluster of 1 and of 2 worker processes.

Each worker has one thread and loads the default model once (warmed up before
timing, as a long-running cluster would be).  The corpus is 《新闻联播》 story
texts from shared data (never copied into the repository); without it, the
shipped sample page's articles repeated.  Throughput is texts per second of
wall time for ``scale.classify_bag`` and ``scale.summarize_bag`` computed
together, best of 2 runs.  With 2 workers on a machine whose cores are shared,
the speed-up is bounded by the cores actually free.
"""

from __future__ import annotations

import argparse
import os
import time

from benchmarks.common import Context, Section, md_table, news_texts


def _corpus(ctx: Context, n: int) -> tuple[list[str], str]:
    texts, source = news_texts(ctx, n)
    # the sample page has only four articles: repeat them to n
    return (texts * (n // max(len(texts), 1) + 1))[:n], source


def _throughput(texts: list[str], workers: int) -> float:
    import dask
    import dask.bag as db
    from distributed import Client, LocalCluster

    from newsnlp import scale

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(scale.worker_model)  # load the default model in every worker before timing
        bag = db.from_sequence(texts, npartitions=4 * workers)
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            dask.compute(scale.classify_bag(bag, evidence=0), scale.summarize_bag(bag, k=3))
            best = min(best, time.perf_counter() - t0)
    return len(texts) / best


def run(ctx: Context) -> Section:
    title = "Scale-out with Dask (1 vs 2 workers)"
    try:
        import distributed  # noqa: F401
    except ImportError:
        return Section(title, skipped="dask[distributed] is not installed (pip install 'newsnlp[dask]')")
    texts, source = _corpus(ctx, 30 if ctx.quick else 300)
    rows, data = [], {"n_texts": len(texts), "corpus": source, "cpu_count": os.cpu_count()}
    for workers in (1, 2):
        rate = _throughput(texts, workers)
        data[f"texts_per_s_{workers}"] = rate
        rows.append([workers, len(texts), rate])
    data["speedup"] = data["texts_per_s_2"] / data["texts_per_s_1"]
    rows[1].append(data["speedup"])
    rows[0].append(1.0)
    md = (
        f"Corpus: {source}, {len(texts)} texts; classify (default model) + summarise (k=3) per text; "
        f"{os.cpu_count()} CPUs visible, shared.\n\n"
        + md_table(["workers", "texts", "texts/s", "speed-up"], rows)
    )
    return Section(title, md, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="30 texts instead of 300")
    args = parser.parse_args()
    section = run(Context(quick=args.quick))
    print(f"## {section.title}\n\n{section.skipped or section.markdown}")


if __name__ == "__main__":
    main()
