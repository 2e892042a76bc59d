"""newsnlp.evaluation: loading records, the evaluate_* runners (with small fake models), reports."""

from __future__ import annotations

import csv
import gzip
import json
import sys
import types

import numpy as np
import pytest

from newsnlp import evaluation
from newsnlp.errors import InputTypeError, InputValueError
from newsnlp.metrics import rouge
from newsnlp.results import Classification, Sentence, Summary

ITEMS = [
    {"title": "养老院开业", "text": "新建养老院今天开业。", "label": "elderly_care", "labels": ["elderly_care"]},
    {"title": "支部学习", "text": "党支部组织学习。", "label": "party_building", "labels": ["party_building"]},
    {"title": "天气", "text": "明天天气晴。", "label": "other", "labels": []},
    {"title": "调整", "text": "养老金标准调整。", "label": "other", "labels": []},
]


class FakeClassifier:
    """Keyword rules with the Classifier API: predict_proba, classes_, classify_batch."""

    classes_ = np.array(["elderly_care", "other", "party_building"])
    name = "fake"

    def predict_proba(self, texts):
        rows = []
        for t in texts:
            if "养老" in t:
                rows.append([0.8, 0.1, 0.1])
            elif "党" in t:
                rows.append([0.1, 0.2, 0.7])
            else:
                rows.append([0.1, 0.8, 0.1])
        return np.array(rows)

    def classify_batch(self, texts):
        out = []
        for t, p in zip(texts, self.predict_proba(texts)):
            scores = {"elderly_care": float(p[0]), "party_building": float(p[2])}
            labels = tuple(k for k, v in scores.items() if v >= 0.5)
            out.append(Classification(label=self.classes_[p.argmax()], labels=labels, scores=scores, document=t))
        return out


# --------------------------------------------------------------------------- loading


def write_jsonl(path, records, opener=open):
    with opener(path, "wt", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def write_csv(path, records, delimiter=","):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["title", "text", "label", "labels"], delimiter=delimiter)
        w.writeheader()
        for r in records:
            w.writerow(r | {"labels": "|".join(r["labels"])})
    return path


@pytest.fixture(params=["stdlib", "datasets"])
def reader(request, monkeypatch, tmp_path):
    """Run a loading test through both readers: the standard library and 🤗 datasets."""
    if request.param == "stdlib":
        monkeypatch.setattr(evaluation, "_datasets_module", lambda: None)
    else:
        pytest.importorskip("datasets")
    return request.param


def test_reads_jsonl_gz_json_csv_and_tsv_alike(tmp_path, reader):
    files = [
        write_jsonl(tmp_path / "a.jsonl", ITEMS),
        write_jsonl(tmp_path / "a.jsonl.gz", ITEMS, opener=gzip.open),
        write_csv(tmp_path / "a.csv", ITEMS),
        write_csv(tmp_path / "a.tsv", ITEMS, delimiter="\t"),
    ]
    (tmp_path / "a.json").write_text(json.dumps(ITEMS, ensure_ascii=False), encoding="utf-8")
    files.append(tmp_path / "a.json")
    for path in files:
        records = evaluation.load_records(path, text_field=["title", "text"], label_field="label")
        assert [r["text"] for r in records] == [r["text"] for r in ITEMS], path.name
        assert [r["label"] for r in records] == [r["label"] for r in ITEMS], path.name
        assert [evaluation._label_list(r["labels"]) for r in records] == [r["labels"] for r in ITEMS], path.name
    assert len(evaluation.load_records(files[0], limit=2)) == 2


def test_accepts_lists_and_datasets():
    assert evaluation.load_records(ITEMS) is ITEMS
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_list(ITEMS)
    assert evaluation.load_records(ds, label_field="label") == ITEMS
    with pytest.raises(InputValueError, match="split"):
        evaluation.load_records(datasets.DatasetDict({"test": ds}))


def test_loading_refuses_bad_sources(tmp_path):
    with pytest.raises(InputValueError, match="no such file"):
        evaluation.load_records("lcsts")  # looks like a Hub name: never fetched
    with pytest.raises(InputValueError, match="no such file"):
        evaluation.load_records(tmp_path / "missing.jsonl")
    (tmp_path / "data.xml").write_text("<x/>")
    with pytest.raises(InputValueError, match="format"):
        evaluation.load_records(tmp_path / "data.xml")
    with pytest.raises(InputValueError, match="'body'"):
        evaluation.load_records(ITEMS, text_field="body")
    with pytest.raises(InputValueError, match="no records"):
        evaluation.load_records([])
    with pytest.raises(InputTypeError):
        evaluation.load_records(42)
    with pytest.raises(InputTypeError):
        evaluation.load_records(["not a dict"])


def test_broken_json_line_names_the_line(tmp_path, monkeypatch):
    monkeypatch.setattr(evaluation, "_datasets_module", lambda: None)
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "a"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputValueError, match="line 2"):
        evaluation.load_records(path)


@pytest.mark.parametrize(
    "cell, labels",
    [("a|b", ["a", "b"]), ("a; b", ["a", "b"]), ('["a", "b"]', ["a", "b"]), ("", []), (None, []), (["a"], ["a"])],
)
def test_label_list_cells(cell, labels):
    assert evaluation._label_list(cell) == labels


# --------------------------------------------------------------------------- classification


def test_evaluate_classifier_by_hand():
    res = evaluation.evaluate_classifier(FakeClassifier(), ITEMS, text_field=["title", "text"])
    assert res["task"] == "classify" and res["model"] == "fake" and res["n"] == 4
    p = res["primary"]
    assert p["accuracy"] == pytest.approx(3 / 4)  # 养老金 is not elderly care, the fake thinks it is
    assert p["confusion_matrix"]["labels"] == ["elderly_care", "other", "party_building"]
    assert p["confusion_matrix"]["matrix"] == [[1, 0, 0], [1, 1, 0], [0, 0, 1]]
    # confidences .8 (right) .7 (right) .8 (right) .8 (wrong): bins 0.8 (3 items, 2/3 right) and 0.7
    assert res["calibration"]["ece"] == pytest.approx(3 / 4 * (0.8 - 2 / 3) + 1 / 4 * 0.3)
    m = res["multilabel"]
    assert m["micro_f1"] == pytest.approx(0.8)  # tp 2, fp 1, fn 0
    assert m["labels"] == ["elderly_care", "party_building"]
    assert m["errors"] == 0 and 0 <= m["calibration"]["ece"] <= 1
    assert res["seconds"] >= 0


def test_evaluate_classifier_without_label_lists_and_with_predictions():
    data = [{k: v for k, v in r.items() if k != "labels"} for r in ITEMS]
    res = evaluation.evaluate_classifier(FakeClassifier(), data, keep_predictions=True, batch_size=3)
    assert "multilabel" not in res
    assert [x["pred"] for x in res["predictions"]] == ["elderly_care", "party_building", "other", "elderly_care"]
    res = evaluation.evaluate_classifier(FakeClassifier(), ITEMS, keep_predictions=True)
    assert res["predictions"][3]["pred_labels"] == ["elderly_care"] and res["predictions"][3]["gold_labels"] == []


def test_gold_label_unknown_to_the_model_is_scored_as_a_miss():
    data = ITEMS + [{"text": "工会驿站", "label": "labour_social_work"}]
    res = evaluation.evaluate_classifier(FakeClassifier(), data, labels_field=None)
    assert res["primary"]["accuracy"] == pytest.approx(3 / 5)
    assert res["primary"]["per_class"]["labour_social_work"]["recall"] == 0


def test_evaluate_classifier_bad_model():
    with pytest.raises(InputTypeError):
        evaluation.evaluate_classifier(42, ITEMS)


# --------------------------------------------------------------------------- summarisation


def fake_summarize(text, *, k=3, method="default", max_chars=None):
    """lead-k on 。-ended sentences; method 'empty' returns nothing, 'broken' fails."""
    if method == "broken":
        return Summary(sentences=(), method=method, document=text, error="boom")
    sentences, start = [], 0
    for i, part in enumerate(text.split("。")[:-1]):
        end = start + len(part) + 1
        sentences.append(Sentence(text[start:end], start, end, i))
        start = end
    chosen = () if method == "empty" else tuple(sentences[:k])
    return Summary(sentences=chosen, method=method, document=text)


@pytest.fixture
def fake_summarizer(monkeypatch):
    module = types.ModuleType("newsnlp.summarizer")
    module.summarize = fake_summarize
    monkeypatch.setitem(sys.modules, "newsnlp.summarizer", module)


PAIRS = [
    {"text": "社区开展议事会。居民提出建议。", "summary": "社区议事会"},
    {"text": "工会驿站开放。职工可以休息。", "summary": "工会驿站为职工开放"},
    {"text": "养老服务中心建成。", "summary": "养老服务中心建成"},
]


def test_evaluate_summarizer_matches_rouge_by_item(fake_summarizer):
    res = evaluation.evaluate_summarizer(PAIRS, method="lead", k=1, n_resamples=200)
    firsts = ["社区开展议事会。", "工会驿站开放。", "养老服务中心建成。"]
    expected = np.mean([rouge(p, r["summary"])["rouge2"].fmeasure for p, r in zip(firsts, PAIRS)])
    assert res["rouge"]["rouge2"]["fmeasure"] == pytest.approx(expected)
    r1 = res["rouge"]["rouge1"]
    assert r1["f_ci_low"] <= r1["fmeasure"] <= r1["f_ci_high"]
    assert res["n"] == 3 and res["errors"] == 0 and res["level"] == "char"


def test_summarizer_against_baseline_and_errors(fake_summarizer):
    res = evaluation.evaluate_summarizer(PAIRS, method="lead", k=1, baseline="empty", n_resamples=200)
    assert res["vs_baseline"]["rouge1"]["delta"] == pytest.approx(res["rouge"]["rouge1"]["fmeasure"])
    assert res["baseline"]["rouge"]["rouge1"]["fmeasure"] == 0
    broken = evaluation.evaluate_summarizer(PAIRS, method="broken", n_resamples=50, keep_predictions=True)
    assert broken["errors"] == 3 and broken["rouge"]["rougeL"]["fmeasure"] == 0
    assert broken["predictions"][0]["summary"] == ""
    with pytest.raises(InputValueError, match="'summary'"):
        evaluation.evaluate_summarizer([{"text": "a"}])
    with pytest.raises(InputValueError):
        evaluation.evaluate_summarizer(PAIRS, level="phrase")


# --------------------------------------------------------------------------- article splitting


def test_evaluate_split_averages_page_scores(monkeypatch):
    text = types.ModuleType("newsnlp.text")
    text.split_articles = lambda page: page.split("\n\n")
    layout = types.ModuleType("newsnlp.layout")
    layout.split_scores = lambda pred, gold, page: {"exact": float(pred == gold), "n_pred": len(pred), "note": "x"}
    monkeypatch.setitem(sys.modules, "newsnlp.text", text)
    monkeypatch.setitem(sys.modules, "newsnlp.layout", layout)
    pages = [{"page": "甲\n\n乙", "articles": ["甲", "乙"]}, {"page": "丙丁", "articles": ["丙", "丁"]}]
    res = evaluation.evaluate_split(pages)
    assert res["n"] == 2 and res["scores"] == {"exact": 0.5, "n_pred": 1.5}


# --------------------------------------------------------------------------- reporting


def test_format_table_and_save_json(tmp_path, fake_summarizer):
    res = evaluation.evaluate_classifier(FakeClassifier(), ITEMS, keep_predictions=True)
    table = evaluation.format_table(res)
    assert "accuracy 75.0" in table and "party_building" in table and "ECE" in table
    path = evaluation.save_json(res, tmp_path / "out" / "eval.json")
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert loaded["primary"]["accuracy"] == 0.75 and loaded["multilabel"]["labels"] == ["elderly_care", "party_building"]

    summ = evaluation.evaluate_summarizer(PAIRS, method="lead", k=1, baseline="empty", n_resamples=50)
    table = evaluation.format_table(summ)
    assert "rouge2" in table and "baseline empty" in table
    f1 = f"{100 * summ['rouge']['rouge1']['fmeasure']:.1f}"
    assert f1 in table
    with pytest.raises(InputValueError):
        evaluation.format_table({"task": "translate"})
