"""Summaries: ROUGE on LCSTS and 新闻联播 (held-out test splits), and speed.

Data splits (fixed; models/train_summarizer.py trains on ``train``, picks
settings on ``dev``; ``test`` is only ever reported):

- LCSTS (``shared/data/lcsts/src.txt`` + ``tgt.txt``): the last 2,000 lines
  are ``test``; of the rest, a line goes to ``dev`` when the MD5 of
  ``"lcsts:<line index>"`` is 0 mod 5, else to ``train``.
- 新闻联播 stories (``shared/data/xwlb/items.jsonl.gz``, ``kind == "story"``):
  the reference is the editor's title without its 【栏目】 prefix; by the MD5
  of the item id mod 10: 0-1 ``test``, 2 ``dev``, 3-9 ``train``.

Every method is scored on the same items (all 2,000 LCSTS test posts, the
first 1,000 新闻联播 test stories; 60 of each with ``--quick``, where SnowNLP,
slow, runs on LCSTS only) with k=1 (and Lead-3 / k=3 on
新闻联播, whose stories are longer).  ROUGE is F1 at character level
(the customary metric for Chinese) and at jieba-word level.  The oracle is the
single body sentence with the best character ROUGE-L against the reference:
the ceiling for any one-sentence extractive summary with this sentence splitter.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Context, Section, md_table

_COLUMN = re.compile(r"^\s*【[^】]*】\s*")


def _bucket(key: str, mod: int) -> int:
    return int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % mod


def lcsts_items(shared: Path, split: str) -> list[tuple[str, str]]:
    """``(post, summary)`` pairs of one LCSTS split (``train``, ``dev`` or ``test``)."""
    src = (shared / "data/lcsts/src.txt").read_text("utf-8").splitlines()
    tgt = (shared / "data/lcsts/tgt.txt").read_text("utf-8").splitlines()
    n = min(len(src), len(tgt))
    out = []
    for i in range(n):
        if i >= n - 2000:
            part = "test"
        else:
            part = "dev" if _bucket(f"lcsts:{i}", 5) == 0 else "train"
        if part == split and src[i].strip() and tgt[i].strip():
            out.append((src[i], tgt[i]))
    return out


def xwlb_items(shared: Path, split: str) -> list[tuple[str, str]]:
    """``(story text, title without 【栏目】)`` pairs of one 新闻联播 split."""
    out = []
    with gzip.open(shared / "data/xwlb/items.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item.get("kind") != "story":
                continue
            b = _bucket(str(item["id"]), 10)
            part = "test" if b < 2 else "dev" if b == 2 else "train"
            title = _COLUMN.sub("", item.get("title") or "").strip()
            if part == split and title and (item.get("text") or "").strip():
                out.append((item["text"], title))
    return out


# --------------------------------------------------------------------------- systems


def _oracle(text: str, reference: str) -> str:
    """The body sentence with the best character ROUGE-L F1 against *reference*."""
    import newsnlp.summarizer as S
    from newsnlp.metrics import rouge

    sentences = S._body_sentences(S._clean(text))
    if not sentences:
        return ""
    scores = [rouge(s.text, reference, types=("rougeL",))["rougeL"].fmeasure for s in sentences]
    return sentences[scores.index(max(scores))].text


def _snownlp(k: int):
    try:
        from snownlp import SnowNLP
    except ImportError:
        return None

    def run(text: str) -> str:
        try:
            return "".join(SnowNLP(text).summary(k))
        except Exception:  # SnowNLP fails on some short texts; an empty summary scores 0
            return ""

    return run


def _systems(k: int, snownlp: bool = True) -> dict[str, Any]:
    from newsnlp.summarizer import summarize

    systems: dict[str, Any] = {
        f"lead-{k}": lambda t, r: summarize(t, k=k, method="lead").text,
        "textrank": lambda t, r: summarize(t, k=k, method="textrank").text,
        "mmr": lambda t, r: summarize(t, k=k, method="mmr").text,
        "default": lambda t, r: summarize(t, k=k).text,
    }
    snow = _snownlp(k) if snownlp else None
    if snow is not None:
        systems["SnowNLP"] = lambda t, r: snow(t)
    if k == 1:
        systems["oracle"] = _oracle
    return systems


def _rouge_table(items: list[tuple[str, str]], k: int, snownlp: bool = True) -> tuple[str, dict[str, Any]]:
    from newsnlp.metrics import paired_bootstrap, rouge_corpus

    refs = [r for _, r in items]
    rows, data, char_rl = [], {}, {}
    for name, system in _systems(k, snownlp).items():
        preds = [system(t, r) for t, r in items]
        scores = {}
        for level in ("char", "word"):
            res = rouge_corpus(preds, refs, level=level, return_items=True)
            scores[level] = {t: 100 * res[t]["fmeasure"] for t in ("rouge1", "rouge2", "rougeL")}
            if level == "char":
                char_rl[name] = res["items"]["rougeL"]
        data[name] = scores
        rows.append([name, *(scores["char"][t] for t in ("rouge1", "rouge2", "rougeL")),
                     *(scores["word"][t] for t in ("rouge1", "rouge2", "rougeL"))])
    header = ["method", "char R1", "char R2", "char RL", "word R1", "word R2", "word RL"]
    md = md_table(header, rows)
    lead = f"lead-{k}"
    test = paired_bootstrap(char_rl["default"], char_rl[lead], n_resamples=1000, seed=0)
    data["default_vs_lead_char_rougeL"] = {key: (100 * v if key != "n" and key != "p_value" else v)
                                           for key, v in test.items()}
    md += (f"\n\ndefault − {lead}, char ROUGE-L: {100 * test['delta']:+.2f} points "
           f"(95% CI {100 * test['ci_low']:+.2f} to {100 * test['ci_high']:+.2f}, p = {test['p_value']:.3f}, "
           f"paired bootstrap, n = {test['n']})")
    if "oracle" in data:
        share = data["default"]["char"]["rougeL"] / data["oracle"]["char"]["rougeL"]
        data["default_share_of_oracle_char_rougeL"] = share
        md += f"; default reaches {100 * share:.1f}% of the oracle's char ROUGE-L."
    return md, data


# --------------------------------------------------------------------------- speed


def _speed(texts: list[str], quick: bool) -> tuple[str, dict[str, Any]]:
    from threadpoolctl import threadpool_limits

    from benchmarks.common import median_time
    from newsnlp.summarizer import summarize

    chars = sum(len(t) for t in texts)
    long_doc = "\n".join(texts)
    while len(long_doc) < 100_000:
        long_doc += "\n" + long_doc
    long_doc = long_doc[:100_000]
    rows, data = [], {}
    with threadpool_limits(1):  # one core, as OMP_NUM_THREADS=1 would give
        for method in ("default", "lead", "textrank", "mmr"):
            corpus_s = median_time(lambda: [summarize(t, k=3, method=method) for t in texts], repeats=3)
            long_s = median_time(lambda: summarize(long_doc, k=3, method=method), repeats=3)
            data[method] = {"chars_per_s": chars / corpus_s, "doc_100k_s": long_s}
            rows.append([method, chars / corpus_s, long_s])
    md = md_table(["method", "chars/s (corpus, k=3)", "100,000-char document (s)"], rows)
    md += f"\n\n{len(texts)} 新闻联播 stories ({chars:,} characters); median of 3 runs, one thread."
    return md, data


# --------------------------------------------------------------------------- section


def run(ctx: Context) -> Section:
    title = "Summaries (extractive)"
    lcsts = ctx.data("data", "lcsts", "src.txt")
    xwlb = ctx.data("data", "xwlb", "items.jsonl.gz")
    if ctx.shared is None or lcsts is None or xwlb is None:
        return Section(title, skipped="shared/data/lcsts or shared/data/xwlb not available")
    n = 60 if ctx.quick else None
    lcsts_test = lcsts_items(ctx.shared, "test")[:n]
    xwlb_test = xwlb_items(ctx.shared, "test")[: n or 1000]
    parts, data = [], {}
    md, data["lcsts_k1"] = _rouge_table(lcsts_test, 1)
    parts.append(f"### LCSTS test (last 2,000 lines; {len(lcsts_test)} posts), k=1, F1 ×100\n\n{md}")
    # SnowNLP runs at ~6,000 chars/s: on the long 新闻联播 stories only in the full run.
    md, data["xwlb_k1"] = _rouge_table(xwlb_test, 1, snownlp=not ctx.quick)
    parts.append(f"### 新闻联播 test stories vs their titles ({len(xwlb_test)} stories), k=1, F1 ×100\n\n{md}")
    md, data["xwlb_k3"] = _rouge_table(xwlb_test, 3, snownlp=not ctx.quick)
    parts.append(f"### 新闻联播 test stories vs their titles, k=3, F1 ×100\n\n{md}")
    md, data["speed"] = _speed([t for t, _ in xwlb_test], ctx.quick)
    parts.append(f"### Speed\n\n{md}")
    intro = ("Character-level ROUGE counts each Chinese character as a token (ASCII words and numbers whole); "
             "word level uses jieba words. The oracle is the best single body sentence by char ROUGE-L. "
             "Splits: see benchmarks/bench_summarize.py. Peers: SnowNLP when installed (`pip install '.[bench]'`); "
             "TextRank4ZH is not run: it crashes on networkx 3, and torch in this environment requires networkx 3.")
    return Section(title, intro + "\n\n" + "\n\n".join(parts), data)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    t0 = time.time()
    section = run(Context(quick="--quick" in argv))
    print(f"## {section.title}\n")
    print(section.skipped or section.markdown)
    print(f"\n({time.time() - t0:.0f}s)")


if __name__ == "__main__":
    main()
