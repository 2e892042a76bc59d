"""Page splitting and text clean-up on synthetic scanned pages made from real news.

Pages are rendered with :func:`newsnlp.layout.render_page` from 《新闻联播》 story
items (title + paragraphs, shared data, never copied into the repository):
3-5 articles a page, column width 10-16, about 10% without headline and 10%
without source line, source lines in several styles. Reports boundary F1,
title exact match, source match and body character accuracy
(:func:`newsnlp.layout.split_scores`), and the speed of ``clean`` +
``split_sentences`` on ~400-character articles and of ``split_articles`` on pages.

Then pages written by hand in other papers' layouts (mastheads, indented
paragraphs, datelines, rubrics, kicker and subtitle blocks, briefs, captions,
jump lines), each with its expected articles (:func:`newsnlp.layout.article_errors`):
the development pages in ``tests/fixtures/layouts`` (the rules were written
against them) and the held-out pages in ``benchmarks/data/layouts-heldout``
(written after the rules, never tuned against). These need no shared data.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import statistics
import time

from benchmarks.common import REPO, Context, Section, md_table
from newsnlp.layout import article_errors, render_page, split_scores
from newsnlp.text import clean, split_articles, split_sentences

_CJK = re.compile("[\u4e00-\u9fff]")
_ENDINGS = ("。", "！", "？", "”", "…", "）", "」", "!", "?")
SOURCES = ["新华社", "《人民日报》", "《工人日报》", "央视网", "民政部网站", "中国社会组织网", "本报记者 王磊", "本报通讯员 陈静"]


def _articles(path, rng: random.Random, limit: int) -> list[dict]:
    items = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("kind") == "story" and d.get("title") and d.get("text"):
                items.append(d)
    rng.shuffle(items)
    out = []
    for d in items[:limit]:
        paras, subheads, size = [], [], 0
        for p in d["text"].split("\n"):  # keep pages a readable size: ~400-900 characters an article
            p = p.strip()
            if not _CJK.search(p):
                continue  # "---", "(更新时间戳: …)": web-page debris, not article text
            if not p.endswith(_ENDINGS) and len(p) <= 30:
                # an unpunctuated line inside a story is a subhead (flash round-ups
                # have one per item): the page shows it as one, and so does the gold
                if paras:
                    subheads.append([len(paras), p])
                continue
            if subheads and subheads[-1][0] == len(paras) and len(subheads) > 1 and subheads[-2][0] == len(paras):
                subheads.pop()
            paras.append(p)
            size += len(p)
            if size >= 400:
                break
        subheads = [sh for sh in subheads if sh[0] < len(paras)]
        dedup = {i: t for i, t in subheads}  # one subhead per paragraph
        if not paras:
            continue
        out.append(
            {
                "title": d["title"] if rng.random() >= 0.1 else None,
                "source": rng.choice(SOURCES) if rng.random() >= 0.1 else None,
                "paragraphs": paras,
                "subheads": sorted(dedup.items()),
            }
        )
    return out


LAYOUT_SETS = [
    ("development (tests/fixtures/layouts)", REPO / "tests" / "fixtures" / "layouts"),
    ("held out (benchmarks/data/layouts-heldout)", REPO / "benchmarks" / "data" / "layouts-heldout"),
    ("held out, second set (benchmarks/data/layouts-heldout-2)", REPO / "benchmarks" / "data" / "layouts-heldout-2"),
    ("held out, third set (benchmarks/data/layouts-heldout-3)", REPO / "benchmarks" / "data" / "layouts-heldout-3"),
    ("held out, fourth set (benchmarks/data/layouts-heldout-4)", REPO / "benchmarks" / "data" / "layouts-heldout-4"),
    ("held out, fifth set (benchmarks/data/layouts-heldout-5)", REPO / "benchmarks" / "data" / "layouts-heldout-5"),
    ("held out, sixth set (benchmarks/data/layouts-heldout-6)", REPO / "benchmarks" / "data" / "layouts-heldout-6"),
]


def _layout_rows() -> tuple[list[list], dict]:
    rows, data = [], {}
    for name, folder in LAYOUT_SETS:
        pages = sorted(folder.glob("*.txt"))
        if not pages:
            continue
        n_art = right_count = right_art = 0
        for page in pages:
            expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["articles"]
            arts = split_articles(page.read_text(encoding="utf-8"))
            right_count += len(arts) == len(expected)
            n_art += len(expected)
            right_art += sum(not article_errors(arts, [want], count=False) for want in expected)
        rows.append([name, len(pages), right_count, n_art, right_art, right_art / n_art])
        data[folder.name] = {"pages": len(pages), "pages_right_count": right_count, "articles": n_art,
                             "articles_right": right_art}
    return rows, data


def run(ctx: Context) -> Section:
    title = "Text layer: page splitting and clean-up"
    layout_rows, layout_data = _layout_rows()
    layout_md = (
        "Pages written in other papers' layouts, each with its expected articles. An article is right when "
        "its title (or an accepted variant, e.g. with its kicker), the first and last characters of its body "
        "and its source all match (`newsnlp.layout.article_errors`).\n\n"
        + md_table(["pages", "n", "article count right", "articles", "articles right", "share"], layout_rows)
    )
    path = ctx.data("data", "xwlb", "items.jsonl.gz")
    if path is None:
        return Section(title, markdown="Rendered pages skipped: shared/data/xwlb/items.jsonl.gz not found.\n\n"
                       + layout_md, data={"layouts": layout_data})
    rng = random.Random(ctx.seed)
    n_pages = 20 if ctx.quick else 200
    pool = _articles(path, rng, n_pages * 5)
    scores: list[dict[str, float]] = []
    pages: list[str] = []
    raw_articles: list[str] = []
    by_width: dict[int, list[float]] = {}
    k = 0
    for i in range(n_pages):
        n = rng.randint(3, 5)
        arts, k = pool[k : k + n], k + n
        width = rng.randint(10, 16)
        page, gold = render_page(arts, width=width, seed=ctx.seed * 100_003 + i)
        s = split_scores(split_articles(page), gold, page)
        scores.append(s)
        by_width.setdefault(width, []).append(s["boundary_f1"])
        pages.append(page)
        raw_articles += [page[g["start"] : g["end"]] for g in gold]

    mean = {key: statistics.fmean(s[key] for s in scores) for key in scores[0]}
    n_chars = sum(map(len, raw_articles))
    t0 = time.perf_counter()
    for a in raw_articles:
        split_sentences(clean(a))
    clean_split = n_chars / (time.perf_counter() - t0)
    page_chars = sum(map(len, pages))
    t0 = time.perf_counter()
    for p in pages:
        split_articles(p)
    pages_speed = page_chars / (time.perf_counter() - t0)

    rows = [
        ["boundary F1", mean["boundary_f1"]],
        ["boundary precision", mean["boundary_precision"]],
        ["boundary recall", mean["boundary_recall"]],
        ["title exact match", mean["title_accuracy"]],
        ["source exact match", mean["source_accuracy"]],
        ["body character accuracy", mean["char_accuracy"]],
        ["clean + split_sentences, chars/s (articles)", clean_split],
        ["split_articles, chars/s (pages)", pages_speed],
    ]
    md = (
        f"{n_pages} rendered pages, {len(raw_articles)} articles "
        f"(mean article {n_chars / len(raw_articles):.0f} chars), widths 10-16, one process.\n\n"
        + md_table(["metric", "value"], rows)
        + "\n\nBoundary F1 by column width: "
        + ", ".join(f"{w}: {statistics.fmean(v):.3f}" for w, v in sorted(by_width.items()))
        + "\n\n" + layout_md
    )
    data = {**mean, "pages": n_pages, "articles": len(raw_articles), "clean_split_chars_per_s": clean_split,
            "split_articles_chars_per_s": pages_speed, "layouts": layout_data}
    return Section(title, markdown=md, data=data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    section = run(Context(quick=args.quick))
    print(f"## {section.title}\n")
    print(section.skipped or section.markdown)


if __name__ == "__main__":
    main()
