"""The default classifier's own training and test data (models/data) is well formed and used as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.train_classifier import CLASSES, POSTS, THEMES, WRITTEN, WRITTEN_HELDOUT, XWLB_EXTRA

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


@pytest.mark.parametrize("path", [WRITTEN, WRITTEN_HELDOUT, POSTS, XWLB_EXTRA], ids=lambda p: p.name)
def test_labels_follow_the_guidelines_format(path):
    rows = _rows(path)
    assert rows
    for row in rows:
        assert row["primary"] in CLASSES
        assert set(row["labels"]) <= set(THEMES)
        # the primary theme is substantial by definition; no theme at all means other
        assert row["primary"] == "other" or row["primary"] in row["labels"]
        assert row["labels"] or row["primary"] == "other"


def test_post_labels_name_lines_and_hold_no_text():
    rows = _rows(POSTS)
    lines = [row["line"] for row in rows]
    assert lines == sorted(set(lines))  # one row per post, in file order
    assert all(set(row) == {"line", "primary", "labels", "agreement"} for row in rows)
    assert {row["agreement"] for row in rows} <= {"both", "adjudicated"}


def test_extra_xwlb_labels_name_items_and_hold_no_text():
    rows = _rows(XWLB_EXTRA)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    assert all(set(row) == {"id", "primary", "labels", "agreement"} for row in rows)
    assert {row["agreement"] for row in rows} <= {"both", "adjudicated"}


def _grams(text: str, n: int = 5) -> set[str]:
    return {text[i:i + n] for i in range(len(text) - n + 1)}


@pytest.mark.skipif(not (SHARED / "data" / "xwlb" / "labels.jsonl").exists(), reason="../shared/data/xwlb is not available")
def test_extra_xwlb_items_are_neither_gold_items_nor_near_duplicates_of_one():
    # Otherwise the gold cross-validation would score stories the model trained on.
    from collections import Counter

    from models.train_classifier import load_gold, load_xwlb_extra

    gold_texts, _, _, gold_ids = load_gold(SHARED)
    assert not {row["id"] for row in _rows(XWLB_EXTRA)} & set(gold_ids)
    owners: dict[str, set[int]] = {}
    for i, text in enumerate(gold_texts):
        for gram in _grams(text):
            owners.setdefault(gram, set()).add(i)
    sizes = [len(_grams(t)) for t in gold_texts]
    for text in load_xwlb_extra(SHARED)[0]:
        grams = _grams(text)
        shared_grams = Counter(i for gram in grams for i in owners.get(gram, ()))
        worst = max((n / max(1, min(len(grams), sizes[i])) for i, n in shared_grams.items()), default=0.0)
        assert worst <= 0.4, text[:40]


@pytest.mark.skipif(not (SHARED / "data" / "lcsts" / "src.txt").exists(), reason="../shared/data/lcsts is not available")
def test_held_out_posts_leave_training_and_never_come_back_as_weak_negatives():
    from models.train_classifier import POST_WEIGHT, WEAK_WEIGHT, load_extra, load_posts, load_written

    posts = load_posts(SHARED)[0]
    assert len(posts) == len(_rows(POSTS)) and all(p.strip() for p in posts)
    held = frozenset(posts[::2])
    extra = load_extra(SHARED, leave_out=held)
    n_written = len(load_written()[0])
    weights = dict(zip(extra.texts[n_written:], extra.weights[n_written:]))
    assert not held & set(extra.texts)
    kept = set(posts) - held
    assert all(weights[t] == POST_WEIGHT for t in kept)
    negatives = [t for t, w in weights.items() if w == WEAK_WEIGHT]
    assert negatives and not set(negatives) & set(posts)


@pytest.mark.skipif(not (SHARED / "data" / "xwlb" / "labels.jsonl").exists(), reason="../shared/data/xwlb is not available")
def test_held_out_extra_items_leave_training():
    from models.train_classifier import XWLB_EXTRA_WEIGHT, load_extra, load_xwlb_extra

    items = load_xwlb_extra(SHARED)[0]
    assert len(items) == len(_rows(XWLB_EXTRA)) and all(t.strip() for t in items)
    held = frozenset(items[::2])
    extra = load_extra(SHARED, leave_out=held, posts=False, weak_negatives=False)
    weights = dict(zip(extra.texts, extra.weights))
    assert not held & set(extra.texts)
    assert all(weights[t] == XWLB_EXTRA_WEIGHT for t in set(items) - held)
