"""Reliability: the input contract, batches that never sink, hostile input, model files, determinism.

See docs/input-contract.md for the contract these tests pin down. Speed is
measured in benchmarks/bench_robustness.py, not here.
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsnlp
from newsnlp import (
    Classification,
    Classifier,
    InputTypeError,
    InputValueError,
    ModelError,
    NewsNLPError,
    Summary,
)
from newsnlp.summarizer import iter_summarize, summarize_batch

REPO = Path(__file__).resolve().parent.parent

# A tiny invented corpus: three classes of short news-like sentences.
CORPUS = {
    "elderly": [
        "社区食堂为七十岁以上老人提供优惠午餐，老人吃上了热饭。",
        "养老服务中心开设康复训练室，失能老人可以就近护理。",
        "街道为独居老人安装紧急呼叫设备，志愿者每周上门探访。",
        "居家养老服务覆盖全区，护理员定期为老人体检。",
        "敬老院改造完成，老人们搬进了带扶手的新房间。",
        "老年大学开设书法课和手机课，退休老人踊跃报名。",
    ],
    "labour": [
        "区总工会为外卖骑手建起工会驿站，提供饮水和充电。",
        "劳动仲裁院帮助三十名农民工追回被拖欠的工资。",
        "工会组织职工技能比赛，获奖工人获评技术能手。",
        "新就业形态劳动者入会仪式举行，快递员加入工会。",
        "企业与职工代表签订集体合同，工资每年协商调整。",
        "劳模工作室带徒传艺，年轻工人技能明显提升。",
    ],
    "other": [
        "新建的图书馆周末开放，市民可以免费借阅图书。",
        "地铁新线路开通，沿线居民出行更加方便。",
        "博物馆推出青铜器特展，展出文物两百余件。",
        "本周气温回升，公园里的樱花陆续开放。",
        "电影节开幕，多部新片与观众见面。",
        "科技馆举办机器人展览，吸引大批学生参观。",
    ],
}
TEXTS = [t for texts in CORPUS.values() for t in texts]
LABELS = [label for label, texts in CORPUS.items() for _ in texts]

ARTICLE = (
    "社区食堂开业了。七十岁以上老人每餐只需五元，还可以送餐上门。\n"
    "街道负责人介绍，食堂由社区和企业共同运营。下一步将在全区推广。\n"
    "老人们说，家门口就能吃上热饭，儿女也放心了。"
)


def small_model() -> Classifier:
    return Classifier(backend="lexical", min_df=1, calibration_folds=3, name="tiny").fit(TEXTS, LABELS)


@pytest.fixture(scope="module")
def model() -> Classifier:
    return small_model()


@pytest.fixture(scope="module")
def model_dir(model, tmp_path_factory) -> Path:
    return model.save(tmp_path_factory.mktemp("model") / "tiny")


def _public_text_functions(model: Classifier):
    """(name, callable taking the text as first argument) for every public text function."""
    return [
        ("clean", newsnlp.clean),
        ("split_articles", newsnlp.split_articles),
        ("split_sentences", newsnlp.split_sentences),
        ("classify", lambda t: newsnlp.classify(t, model=model)),
        ("Classifier.classify", model.classify),
        ("summarize", newsnlp.summarize),
        ("keywords", newsnlp.keywords),
    ]


FUNCTION_NAMES = ["clean", "split_articles", "split_sentences", "classify", "Classifier.classify", "summarize",
                  "keywords"]
ARGUMENT_NAME = {"split_articles": "page"}  # the others call their argument "text"


# --------------------------------------------------------------------------- input contract: types


@pytest.mark.parametrize("name", FUNCTION_NAMES)
@pytest.mark.parametrize("bad", [None, b"\xe4\xbd\xa0\xe5\xa5\xbd", bytearray(b"x"), 42, 3.5, ["text"], {"text": "x"}])
def test_non_text_is_a_type_error_naming_the_argument(model, name, bad):
    fn = dict(_public_text_functions(model))[name]
    with pytest.raises(InputTypeError) as info:
        fn(bad)
    message = str(info.value)
    assert isinstance(info.value, TypeError) and isinstance(info.value, NewsNLPError)
    assert ARGUMENT_NAME.get(name, "text") in message
    assert "str" in message and type(bad).__name__ in message
    if isinstance(bad, (bytes, bytearray)):
        assert "decode" in message  # says how to get a str


@pytest.mark.parametrize("name", FUNCTION_NAMES)
def test_str_subclass_is_accepted(model, name):
    class Text(str):
        pass

    fn = dict(_public_text_functions(model))[name]
    fn(Text(ARTICLE))


# --------------------------------------------------------------------------- input contract: empty text

EMPTY_TEXTS = ["", " ", "\n\n\n", "\t \u3000\r\n", "\u200b\ufeff"]


@pytest.mark.parametrize("text", EMPTY_TEXTS)
def test_empty_text_gives_the_documented_empty_results(model, text):
    assert newsnlp.split_articles(text) == []
    if text.strip():  # zero-width debris is dropped by clean(), but it is not whitespace
        assert newsnlp.clean(text) == ""
        return
    assert newsnlp.clean(text) == ""
    assert newsnlp.split_sentences(text) == []
    assert newsnlp.keywords(text) == []
    summary = newsnlp.summarize(text)
    assert isinstance(summary, Summary) and summary.sentences == () and summary.text == "" and summary.ok
    result = model.classify(text)
    assert result.ok and result.label == "other" and result.labels == ()
    assert result.scores == {"elderly": 0.0, "labour": 0.0}
    assert result.primary_scores == {"elderly": 0.0, "labour": 0.0, "other": 1.0}
    assert result.document == text


def test_text_with_no_words_is_not_an_error(model):
    for text in ["。。。！？", "😀" * 50, "——————", "\x00\x01\x02"]:
        assert isinstance(newsnlp.clean(text), str)
        assert newsnlp.keywords(text) == []
        assert newsnlp.summarize(text).ok
        assert model.classify(text).ok


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda m: newsnlp.summarize(ARTICLE, k=0), InputValueError),
        (lambda m: newsnlp.summarize(ARTICLE, k="3"), InputTypeError),
        (lambda m: newsnlp.summarize(ARTICLE, k=True), InputTypeError),
        (lambda m: newsnlp.summarize(ARTICLE, max_chars=-1), InputValueError),
        (lambda m: newsnlp.summarize(ARTICLE, method="magic"), InputValueError),
        (lambda m: newsnlp.keywords(ARTICLE, k=0), InputValueError),
        (lambda m: newsnlp.keywords(ARTICLE, k=None), InputTypeError),
        (lambda m: m.classify_batch(["x"], batch_size=0), InputValueError),
        (lambda m: m.classify_batch(["x"], on_error="ignore"), InputValueError),
        (lambda m: m.classify_batch("one text"), InputTypeError),
        (lambda m: summarize_batch("one text"), InputTypeError),
        (lambda m: summarize_batch([ARTICLE], on_error="ignore"), InputValueError),
        (lambda m: newsnlp.read_text(None), InputTypeError),
        (lambda m: Classifier.load(None), InputTypeError),
    ],
)
def test_bad_arguments_raise_typed_errors(model, call, error):
    with pytest.raises(error):
        call(model)


# --------------------------------------------------------------------------- batches


def _mixed_items(n: int):
    """Texts with a bad item (None, bytes, a number) every few places."""
    bad = [None, b"bytes", 7, 2.5]
    for i in range(n):
        yield bad[(i // 5) % 4] if i % 5 == 3 else f"第{i}条：{TEXTS[i % len(TEXTS)]}"


def test_classify_batch_keeps_order_and_length_with_bad_items(model):
    items = list(_mixed_items(40))
    results = model.classify_batch(iter(items), batch_size=7)
    assert len(results) == len(items)
    for item, result in zip(items, results):
        assert isinstance(result, Classification)
        if isinstance(item, str):
            assert result.ok and result.document == item
        else:
            assert not result.ok and result.label is None and "InputTypeError" in result.error
    skipped = model.classify_batch(items, on_error="skip", batch_size=7)
    assert [r.document for r in skipped] == [t for t in items if isinstance(t, str)]
    with pytest.raises(InputTypeError, match=r"texts\[3\]"):
        model.classify_batch(items, on_error="raise")


def test_classify_batch_isolates_an_item_that_fails_inside_the_model(model, monkeypatch):
    # An item that makes the model itself fail (not a type error) must not sink its batch.
    original = model._classify_many

    def flaky(texts, n_evidence):
        if any("BOOM" in t for t in texts):
            if len(texts) > 1:
                raise RuntimeError("batch failed")
            raise RuntimeError("this item is poison")
        return original(texts, n_evidence)

    monkeypatch.setattr(model, "_classify_many", flaky)
    items = ["社区食堂开业。", "BOOM", "工会驿站建成。"]
    results = model.classify_batch(items)
    assert [r.ok for r in results] == [True, False, True]
    assert "poison" in results[1].error
    assert [r.document for r in results] == items


def test_iter_classify_streams_an_endless_iterable(model):
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield TEXTS[i % len(TEXTS)]

    first = list(itertools.islice(model.iter_classify(endless(), batch_size=16), 50))
    assert [r.document for r in first] == [TEXTS[i % len(TEXTS)] for i in range(50)]
    assert pulled <= 64  # read ahead by at most one batch


def test_iter_summarize_streams_an_endless_iterable():
    pulled = 0

    def endless():
        nonlocal pulled
        for _ in itertools.count():
            pulled += 1
            yield ARTICLE

    first = list(itertools.islice(iter_summarize(endless(), k=1), 5))
    assert len(first) == 5 and pulled <= 6


def test_summarize_batch_isolates_bad_items():
    items = [ARTICLE, None, "", b"x", ARTICLE + "最后一句。"]
    results = summarize_batch(items, k=2, on_error="result")
    assert len(results) == len(items)
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert results[0].text and results[4].text and results[2].sentences == ()
    assert "text must be str" in results[1].error
    assert len(summarize_batch(items, on_error="skip")) == 3
    with pytest.raises(InputTypeError):
        summarize_batch(items, on_error="raise")


def test_batch_results_equal_single_calls(model):
    items = [ARTICLE, *TEXTS, "", "😀"]
    assert model.classify_batch(items, batch_size=4) == [model.classify(t) for t in items]
    assert summarize_batch(items, k=2) == [newsnlp.summarize(t, k=2) for t in items]


# --------------------------------------------------------------------------- hostile input

HOSTILE = {
    "long_line_no_punctuation": "社区治理" * 25_000,
    "many_newlines": "\n" * 100_000,
    "newlines_and_words": "字\n" * 20_000,
    "only_emoji": "😀🎉👍🏽" * 2_000,
    "mixed_scripts": "Hello мир שלום مرحبا 世界 ١٢٣ ﷽ 𠀀𠀁 नमस्ते。" * 200,
    "control_characters": "".join(chr(i) for i in range(32)) * 300 + "\x7f\x85\u2028\u2029",
    "lone_surrogates": "\ud800社区\udfff食堂。\udc00开业了。" * 200,
    "traditional": "社區長者食堂讓老人吃上熱乎飯。工會驛站為外賣騎手提供服務。" * 200,
    "japanese_korean": "東京で会議が開かれた。서울에서 회의가 열렸습니다。" * 200,
    "html": "<html><head><script>alert('x')</script></head><body><p>社区食堂开业了。</p>&nbsp;&amp;</body></html>" * 200,
    "brackets_unclosed": "“（《【" * 10_000 + "。",
    "brackets_closed": "（" * 10_000 + "）" * 10_000 + "。",
    "dots": "." * 50_000 + "…" * 50_000,
    "spaces": " 字 " * 30_000,
    "crlf": "一行。\r\n" * 10_000,
    "fullwidth": "ＡＢＣ１２３　" * 5_000,
}


@pytest.fixture(scope="module")
def hostile_results(model):
    """Every public function on every hostile input (computed once: several tests look at them)."""
    out = {}
    for case, text in HOSTILE.items():
        for name, fn in _public_text_functions(model):
            if name == "classify":
                continue  # the same as Classifier.classify
            out[case, name] = fn(text)
    return out


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_input_gives_well_formed_results(hostile_results, case):
    text = HOSTILE[case]
    cleaned = hostile_results[case, "clean"]
    assert isinstance(cleaned, str) and len(cleaned) <= len(text)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in cleaned)
    for s in hostile_results[case, "split_sentences"]:
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text
    for a in hostile_results[case, "split_articles"]:
        assert 0 <= a.start <= a.end <= len(text)
    summary = hostile_results[case, "summarize"]
    assert summary.ok and len(summary.sentences) <= 3
    for s in summary.sentences:
        assert summary.document[s.start : s.end] == s.text
    result = hostile_results[case, "Classifier.classify"]
    assert result.ok and result.label in ("elderly", "labour", "other")
    assert all(0.0 <= p <= 1.0 for p in result.scores.values())
    assert abs(sum(result.primary_scores.values()) - 1.0) < 1e-4
    for items in result.evidence.values():
        for e in items:
            assert result.document[e.start : e.end] == e.text
    for word, weight in hostile_results[case, "keywords"]:
        assert word and word in text or word in cleaned
        assert np.isfinite(weight)


def test_hostile_outputs_are_json_serialisable(hostile_results):
    for (case, name), value in hostile_results.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            payload = item.to_dict() if hasattr(item, "to_dict") else item
            json.dumps(payload, ensure_ascii=False)


# --------------------------------------------------------------------------- property tests

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("。！？，、；：“”‘’（）《》【】…\n\r\t \u3000\ufffd\ud800\udfff社区老人工會食堂開業了.!?")),
    ),
    max_size=300,
)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(ANY_TEXT)
def test_text_layer_never_fails_on_any_str(text):
    cleaned = newsnlp.clean(text)
    assert newsnlp.clean(cleaned) == cleaned
    for s in newsnlp.split_sentences(text):
        assert text[s.start : s.end] == s.text
    for a in newsnlp.split_articles(text):
        assert 0 <= a.start <= a.end <= len(text)


@PROPERTY
@given(ANY_TEXT)
def test_models_never_fail_on_any_str(model, text):
    summary = newsnlp.summarize(text, k=2)
    for s in summary.sentences:
        assert summary.document[s.start : s.end] == s.text
    result = model.classify(text)
    assert result.ok and result.label is not None
    for word, _ in newsnlp.keywords(text, k=3):
        assert word


@PROPERTY
@given(st.lists(st.one_of(ANY_TEXT, st.none(), st.integers(), st.binary(max_size=5)), max_size=12),
       st.integers(1, 5))
def test_batches_keep_order_and_length_for_any_items(model, items, batch_size):
    results = model.classify_batch(items, batch_size=batch_size)
    assert len(results) == len(items)
    assert [r.ok for r in results] == [isinstance(t, str) for t in items]
    summaries = summarize_batch(items, k=1, on_error="result")
    assert [s.ok for s in summaries] == [isinstance(t, str) for t in items]


# --------------------------------------------------------------------------- model files


def _copy(model_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "copy"
    shutil.copytree(model_dir, folder)
    return folder


def _edit_config(folder: Path, edit) -> None:
    path = folder / "config.json"
    config = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps(edit(config)), "utf-8")


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _without(key):
    def edit(config):
        config.pop(key)
        return config

    return edit


BROKEN_FOLDERS = {
    "truncated weights": (lambda f: _truncate(f / "weights.npz"), "weights.npz", "checksum"),
    "truncated vocabulary": (lambda f: _truncate(f / "vocabulary.json"), "vocabulary.json", "checksum"),
    "tampered vocabulary": (
        lambda f: (f / "vocabulary.json").write_text(json.dumps(["老人"] * 3), "utf-8"), "vocabulary.json", "checksum"
    ),
    "missing weights": (lambda f: (f / "weights.npz").unlink(), "weights.npz", "missing"),
    "missing config": (lambda f: (f / "config.json").unlink(), "config.json", "not found"),
    "config not JSON": (lambda f: (f / "config.json").write_text("{oops", "utf-8"), "config.json", "JSON"),
    "config a list": (lambda f: (f / "config.json").write_text("[1, 2]", "utf-8"), "config.json", "not a newsnlp"),
    "wrong format": (lambda f: _edit_config(f, lambda c: {**c, "format": "sklearn"}), "config.json", "format"),
    "wrong version": (lambda f: _edit_config(f, lambda c: {**c, "format_version": 99}), "config.json", "99"),
    "no checksums": (lambda f: _edit_config(f, _without("sha256")), "config.json", "sha256"),
    "checksums not a dict": (lambda f: _edit_config(f, lambda c: {**c, "sha256": None}), "config.json", "sha256"),
    "checksum of a file outside": (
        lambda f: _edit_config(f, lambda c: {**c, "sha256": {**c["sha256"], "../secret": "0"}}), "config.json", "sha256"
    ),
    "inconsistent classes": (
        lambda f: _edit_config(f, lambda c: {**c, "classes": c["classes"] + ["extra"]}), "weights.npz", "shape"
    ),
    "missing key": (lambda f: _edit_config(f, _without("temperature")), "copy", "temperature"),
}


@pytest.mark.parametrize("case", list(BROKEN_FOLDERS))
def test_broken_model_folder_is_a_model_error_naming_the_file(model_dir, tmp_path, case):
    damage, file_name, what = BROKEN_FOLDERS[case]
    folder = _copy(model_dir, tmp_path)
    damage(folder)
    with pytest.raises(ModelError) as info:
        Classifier.load(folder)
    assert file_name in str(info.value) and what in str(info.value)
    with pytest.raises(ModelError):
        newsnlp.classify("老人", model=folder)


def _refuse_unpickling(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a model load unpickled something")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "Unpickler", refuse)


def test_loading_never_unpickles(model_dir, monkeypatch):
    _refuse_unpickling(monkeypatch)
    loaded = Classifier.load(model_dir)
    assert loaded.classify(ARTICLE).label == small_model().classify(ARTICLE).label


def test_object_arrays_in_weights_are_refused_not_executed(model_dir, tmp_path, monkeypatch):
    import hashlib

    folder = _copy(model_dir, tmp_path)
    with np.load(folder / "weights.npz") as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["idf"] = np.array([object()] * len(arrays["idf"]), dtype=object)
    np.savez(folder / "weights.npz", **arrays)  # an attacker would also fix the checksum
    digest = hashlib.sha256((folder / "weights.npz").read_bytes()).hexdigest()
    _edit_config(folder, lambda c: {**c, "sha256": {**c["sha256"], "weights.npz": digest}})
    _refuse_unpickling(monkeypatch)
    with pytest.raises(ModelError, match="weights.npz|pickle"):
        Classifier.load(folder)


def test_model_card_lists_the_checksums(model_dir):
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    card = (model_dir / "README.md").read_text("utf-8")
    for name, digest in config["sha256"].items():
        assert digest in card and name in card


@pytest.mark.skipif(not (REPO / "newsnlp" / "_models" / "classifier" / "config.json").is_file(),
                    reason="the default classifier is not built yet")
def test_default_model_folder_verifies_and_holds_no_pickle():
    from newsnlp.classifier import DEFAULT_MODEL_PATH

    config = json.loads((DEFAULT_MODEL_PATH / "config.json").read_text("utf-8"))
    assert {"weights.npz"} <= set(config["sha256"])
    names = {p.name for p in DEFAULT_MODEL_PATH.iterdir()}
    assert not any(n.endswith((".pkl", ".pickle", ".joblib", ".pt", ".bin")) for n in names)
    with np.load(DEFAULT_MODEL_PATH / "weights.npz", allow_pickle=False) as npz:
        assert all(npz[k].dtype != object for k in npz.files)


# --------------------------------------------------------------------------- determinism

_DETERMINISM_SCRIPT = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import newsnlp
from test_reliability import ARTICLE, small_model
page = open(sys.argv[2], encoding="utf-8").read()
model = small_model()
out = {
    "clean": newsnlp.clean(page),
    "articles": [a.to_dict() for a in newsnlp.split_articles(page)],
    "sentences": [s.to_dict() for s in newsnlp.split_sentences(page)],
    "summary": [newsnlp.summarize(a.text, k=2).to_dict() for a in newsnlp.split_articles(page)],
    "keywords": newsnlp.keywords(page, k=20),
    "classify": [model.classify(t).to_dict() for t in (ARTICLE, page)],
    "weights": {k: hashlib.sha256(v.tobytes()).hexdigest() for k, v in {
        "primary": model.primary_coef_, "theme": model.theme_coef_, "idf": model._lexical.arrays()["idf"]}.items()},
    "vocabulary": hashlib.sha256("\n".join(model._vocabulary).encode()).hexdigest(),
}
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def test_same_output_across_processes_and_hash_seeds():
    page = REPO / "examples" / "sample_page.txt"
    outputs = []
    for seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "OMP_NUM_THREADS": "1"}
        proc = subprocess.run(
            [sys.executable, "-c", _DETERMINISM_SCRIPT, str(Path(__file__).parent), str(page)],
            capture_output=True, text=True, env=env, timeout=300, cwd=REPO,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        outputs.append(json.loads(proc.stdout))
    assert outputs[0]["articles"] and outputs[0]["keywords"]
    for key in outputs[0]:
        assert outputs[0][key] == outputs[1][key], key


def test_seeded_training_is_bit_for_bit(tmp_path):
    a = small_model().save(tmp_path / "a")
    b = small_model().save(tmp_path / "b")
    for name in ("vocabulary.json", "config.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    with np.load(a / "weights.npz") as x, np.load(b / "weights.npz") as y:
        assert x.files == y.files
        for k in x.files:
            assert x[k].tobytes() == y[k].tobytes()
