"""Robustness: a fuzz run over every public function, and time / peak memory as inputs grow to 1 MB.

Fuzz: >= 100,000 inputs (1,000 with ``--quick``): random Unicode strings (all
planes, lone surrogates, controls, CJK punctuation) and mutations of real
pages (``examples/sample_page.txt``, ``tests/fixtures/pages/*.txt``,
``tests/fixtures/layouts/*.txt`` and, when
shared data is present, the seed page, read at run time), plus a few non-str
values. Every input goes through ``clean``, ``split_articles``,
``split_sentences``, ``summarize`` (methods in turn), ``keywords`` (every eighth input) and a small
lexical ``Classifier`` (``classify_batch``, 64 a batch, evidence on every eighth batch). An exception other
than the documented ones (InputTypeError for a non-str) is counted as
uncaught, and the first few are shown. A call running past ``HANG_S`` seconds
is interrupted and counted as a hang.

Scaling: each function on a tiled newspaper page and on one line of
unpunctuated Chinese, 10 KB .. 1 MB (characters; 100 KB with ``--quick``), timed once, then run again
under tracemalloc for the peak of Python + numpy allocations. ``x10 time`` is
time(size) / time(size / 10): about 10 is linear growth.
"""

from __future__ import annotations

import argparse
import random
import signal
import time
import tracemalloc
from collections import Counter

from benchmarks.common import REPO, Context, Section, md_table

HANG_S = 30.0
FUNCTIONS = ("clean", "split_articles", "split_sentences", "summarize", "keywords", "classify")
METHODS = ("default", "lead", "textrank", "mmr")

# --------------------------------------------------------------------------- inputs

_PUNCT = "。，、；：？！“”‘’（）《》【】…—·\u3000\ufffd .,;:!?\"'()[]<>&/\\-\n\r\t"
_BLOCKS = [  # (first, last) code point ranges to draw from, weighted towards the text newsnlp sees
    (0x4E00, 0x9FFF), (0x4E00, 0x9FFF), (0x4E00, 0x9FFF), (0x20, 0x7E), (0x20, 0x7E), (0x3000, 0x303F),
    (0xFF00, 0xFFEF), (0x0, 0x1F), (0x7F, 0x9F), (0xD800, 0xDFFF), (0x200B, 0x206F), (0xE000, 0xF8FF),
    (0x3040, 0x30FF), (0xAC00, 0xD7AF), (0x0400, 0x04FF), (0x0590, 0x06FF), (0x1F300, 0x1FAFF),
    (0x20000, 0x2A6DF), (0x0, 0x10FFFF),
]


def random_text(rng: random.Random) -> str:
    n = int(rng.expovariate(1 / 200)) if rng.random() < 0.95 else rng.randint(1000, 20000)
    out = []
    while len(out) < n:
        if rng.random() < 0.25:
            out.append(rng.choice(_PUNCT))
        else:
            lo, hi = rng.choice(_BLOCKS)
            out.extend(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 12)))
    return "".join(out[:n])


def _mutate_once(s: str, rng: random.Random, pages: list[str]) -> str:
    if not s:
        return random_text(rng)
    i = rng.randrange(len(s) + 1)
    j = min(len(s), i + int(rng.expovariate(1 / 30)))
    op = rng.randrange(12)
    if op == 0:
        return s[:i] + s[j:]  # delete a span
    if op == 1:
        return s[:j] + s[i:j] * rng.randint(2, 20) + s[j:]  # repeat a span
    if op == 2:
        return s[:i] + random_text(rng)[:50] + s[i:]  # insert random characters
    if op == 3:
        return s[:i] + "".join(rng.choice(_PUNCT) for _ in range(rng.randint(1, 20))) + s[j:]
    if op == 4:
        return s[:i] + "\n" * rng.randint(1, 2000) + s[i:]  # many newlines
    if op == 5:
        return s[:i] + rng.choice(["<p>", "</div>", "<script>alert(1)</script>", "&nbsp;", "<br/>"]) + s[i:]
    if op == 6:
        return s[:i] + chr(rng.choice([0, 0xFFFD, 0xD800, 0xDFFF, 0x202E, 0xFEFF, 0x85, 0x2028])) + s[i:]
    if op == 7:
        other = rng.choice(pages)
        k = rng.randrange(len(other))
        return s[:i] + other[k : k + rng.randint(10, 500)] + s[j:]  # splice another page
    if op == 8:
        return s[:i]  # truncate
    if op == 9:
        return s.replace("\n", rng.choice(["", " ", "\r\n", "\n\n", "\u3000"]))
    if op == 10:
        return s[i:j].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCabc"}) + s
    return "".join(c if rng.random() > 0.05 else rng.choice(_PUNCT) for c in s)  # sprinkle punctuation


def mutated_page(rng: random.Random, pages: list[str]) -> str:
    page = rng.choice(pages)
    start = rng.randrange(len(page))
    s = page[start : start + int(rng.expovariate(1 / 400)) + 1] if rng.random() < 0.9 else page
    for _ in range(rng.randint(1, 4)):
        s = _mutate_once(s, rng, pages)
    return s[:200_000]


NON_STR = [None, b"\xe4\xbd\xa0\xe5\xa5\xbd", 42, 3.5, ["list"], bytearray(b"x")]


def pages(ctx: Context) -> tuple[list[str], list[str]]:
    """The real pages to mutate (text read at run time) and their names."""
    paths = [
        REPO / "examples" / "sample_page.txt",
        *sorted((REPO / "tests" / "fixtures" / "pages").glob("*.txt")),
        *sorted((REPO / "tests" / "fixtures" / "layouts").glob("*.txt")),
    ]
    seed = ctx.data("seeds", "000_635b3ec8a1011476.txt")
    if seed is not None:
        paths.append(seed)
    return [p.read_text("utf-8") for p in paths], [p.name for p in paths]


# --------------------------------------------------------------------------- calls


class Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ARG001
    raise Hang()


def _model():
    from newsnlp import Classifier

    texts, labels = [], []
    for label, words in (("elderly", "老人 养老 护理 食堂 敬老院"), ("labour", "工会 职工 劳动 工资 骑手"),
                         ("other", "电影 地铁 图书 天气 展览")):
        for i, w in enumerate(words.split()):
            texts.append(f"本市{w}工作取得新进展，{w}相关服务不断完善。第{i}条")
            labels.append(label)
    return Classifier(backend="lexical", min_df=1, calibration_folds=3, name="fuzz").fit(texts, labels)


def _documented(exc: BaseException, item: object) -> bool:
    from newsnlp import InputTypeError

    return isinstance(exc, InputTypeError) and not isinstance(item, str)


def fuzz(ctx: Context, n: int) -> Section:
    import newsnlp

    rng = random.Random(ctx.seed)
    corpus, names = pages(ctx)
    model = _model()
    stats = {f: Counter() for f in FUNCTIONS}
    slowest = {f: (0.0, "") for f in FUNCTIONS}
    examples: list[str] = []
    kinds = Counter()
    signal.signal(signal.SIGALRM, _alarm)

    def call(name: str, fn, item, *args, **kwargs):
        stats[name]["inputs"] += 1
        signal.setitimer(signal.ITIMER_REAL, HANG_S)
        t0 = time.perf_counter()
        try:
            return fn(item, *args, **kwargs)
        except Hang:
            stats[name]["hangs"] += 1
            examples.append(f"{name} hang: {ascii(item)[:200]}")
        except Exception as exc:  # noqa: BLE001 - counting is the point
            if _documented(exc, item):
                stats[name]["documented errors"] += 1
            else:
                stats[name]["uncaught"] += 1
                if len(examples) < 10:
                    examples.append(f"{name}: {type(exc).__name__}: {exc} on {ascii(item)[:200]}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            dt = time.perf_counter() - t0
            stats[name]["ms"] += round(dt * 1000)
            if dt > slowest[name][0]:
                slowest[name] = (dt, f"{len(item) if isinstance(item, str) else type(item).__name__}")
        return None

    t_start = time.perf_counter()
    batch: list[object] = []
    for k in range(n):
        r = rng.random()
        if r < 0.005:
            item, kind = rng.choice(NON_STR), "non-str"
        elif r < 0.40:
            item, kind = random_text(rng), "random Unicode"
        else:
            item, kind = mutated_page(rng, corpus), "mutated page"
        kinds[kind] += 1
        call("clean", newsnlp.clean, item)
        call("split_articles", newsnlp.split_articles, item)
        call("split_sentences", newsnlp.split_sentences, item)
        call("summarize", newsnlp.summarize, item, k=rng.randint(1, 4), method=METHODS[k % len(METHODS)])
        if k % 8 == 0:  # jieba is the slowest step: keywords on every eighth input
            call("keywords", newsnlp.keywords, item, k=5)
        batch.append(item)
        if len(batch) == 64:
            _classify_batch(model, batch, stats, slowest, examples, k)
            batch = []
    if batch:
        _classify_batch(model, batch, stats, slowest, examples, n)
    elapsed = time.perf_counter() - t_start

    rows = [[f, stats[f]["inputs"], stats[f]["documented errors"], stats[f]["uncaught"], stats[f]["hangs"],
             round(stats[f]["ms"] / 1000, 1), round(slowest[f][0], 3), slowest[f][1]] for f in FUNCTIONS]
    total_uncaught = sum(stats[f]["uncaught"] + stats[f]["hangs"] for f in FUNCTIONS)
    md = [
        f"{n:,} inputs ({', '.join(f'{v:,} {k}' for k, v in sorted(kinds.items()))}) in {elapsed:.0f} s; "
        f"pages mutated: {', '.join(names)}. Seed {ctx.seed}. **Uncaught exceptions + hangs: {total_uncaught}.**",
        "",
        md_table(["function", "inputs", "documented errors", "uncaught", "hangs", "total (s)", "slowest call (s)",
                  "its input (chars or type)"], rows),
    ]
    if examples:
        md += ["", "First failures:", "", *[f"- `{e}`" for e in examples]]
    return Section("Fuzz", "\n".join(md), {"stats": {f: dict(c) for f, c in stats.items()}, "n": n,
                                           "uncaught": total_uncaught, "seconds": elapsed})


def _classify_batch(model, batch, stats, slowest, examples, k) -> None:
    """classify_batch on 64 inputs; every eighth batch with evidence (jieba), the others without."""
    stats["classify"]["inputs"] += len(batch)
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, HANG_S * 4)
    try:
        results = model.classify_batch(batch, evidence=5 if k % 512 < 64 else 0)
        if len(results) != len(batch):
            raise AssertionError(f"{len(results)} results for {len(batch)} inputs")
        for item, result in zip(batch, results):
            if isinstance(item, str) and not result.ok:
                stats["classify"]["uncaught"] += 1
                examples.append(f"classify: {result.error} on {ascii(item)[:200]}")
            elif not isinstance(item, str):
                stats["classify"]["documented errors"] += 1
    except Hang:
        stats["classify"]["hangs"] += 1
    except Exception as exc:  # noqa: BLE001
        stats["classify"]["uncaught"] += len(batch)
        examples.append(f"classify_batch: {type(exc).__name__}: {exc}")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    dt = time.perf_counter() - t0
    stats["classify"]["ms"] += round(dt * 1000)
    if dt > slowest["classify"][0]:
        slowest["classify"] = (dt, "a batch of 64")


# --------------------------------------------------------------------------- scaling


def _shapes(ctx: Context) -> dict[str, str]:
    corpus, _ = pages(ctx)
    unit = "社区养老服务中心今天正式开放老年人可以在这里就餐街道负责人介绍下一步将在全区推广"
    return {"page": corpus[0], "one line, no punctuation": unit}


def _tile(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def scaling(ctx: Context) -> Section:
    import newsnlp

    model = _model()
    fns = {
        "clean": newsnlp.clean,
        "split_articles": newsnlp.split_articles,
        "split_sentences": newsnlp.split_sentences,
        "summarize": newsnlp.summarize,
        "keywords": newsnlp.keywords,
        "classify (lexical)": model.classify,
    }
    # Up to 1 MB in the full run (10 MB, measured once: linear too, but ~5 minutes per function with tracemalloc).
    sizes = [10_000, 100_000] if ctx.quick else [10_000, 100_000, 1_000_000]
    for fn in fns.values():
        fn("社区食堂开业了。老人吃上热饭。")  # load models and tables before timing
    rows, data = [], {}
    for shape, unit in _shapes(ctx).items():
        shape_sizes = sizes if shape == "page" else [s for s in sizes if s <= 1_000_000]
        for name, fn in fns.items():
            prev = None
            for size in shape_sizes:
                text = _tile(unit, size)
                t0 = time.perf_counter()
                fn(text)
                seconds = time.perf_counter() - t0
                tracemalloc.start()
                fn(text)
                peak = tracemalloc.get_traced_memory()[1] / 1e6
                tracemalloc.stop()
                ratio = "" if prev is None else f"{seconds / prev[1]:.1f} (size x{size / prev[0]:.0f})"
                rows.append([shape, name, f"{size / 1e6:g} M", round(seconds, 3),
                             round(seconds / size * 1e6, 3), ratio, round(peak, 1), round(peak / (size / 1e6), 1)])
                data[f"{shape}|{name}|{size}"] = {"seconds": seconds, "peak_mb": peak}
                prev = (size, seconds)
    md = md_table(["input", "function", "chars", "time (s)", "s per M chars", "time ratio", "peak MB",
                   "peak MB per M chars"], rows)
    return Section("Scaling", md, data)


# --------------------------------------------------------------------------- entry points


def run(ctx: Context) -> Section:
    n = 1_000 if ctx.quick else 100_000
    f = fuzz(ctx, n)
    s = scaling(ctx)
    md = (
        f"{__doc__.split(chr(10) + chr(10), 1)[1].strip()}\n\n### Fuzz\n\n{f.markdown}\n\n"
        f"### Scaling (time and peak memory)\n\n{s.markdown}"
    )
    return Section("Robustness", md, {"fuzz": f.data, "scaling": s.data})


def main() -> None:
    import os

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 fuzz inputs and sizes up to 100 KB")
    parser.add_argument("--only", choices=("fuzz", "scaling"), help="run one half")
    parser.add_argument("-n", type=int, help="number of fuzz inputs")
    args = parser.parse_args()
    ctx = Context(quick=args.quick)
    if args.only == "fuzz":
        section = fuzz(ctx, args.n or (1_000 if args.quick else 100_000))
    elif args.only == "scaling":
        section = scaling(ctx)
    else:
        section = run(ctx)
    print(f"## {section.title}\n")
    print(section.skipped or section.markdown)


if __name__ == "__main__":
    main()
