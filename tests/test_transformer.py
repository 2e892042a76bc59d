"""TransformerClassifier: fine-tuning a local checkpoint, windows, calibration output, persistence, refusals.

The checkpoint is a tiny randomly initialised BERT built here (character
vocabulary of the corpus below), so the tests need no download and run in
seconds on one CPU core.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import pytest

from newsnlp import BackendUnavailableError, Classification, InputTypeError, InputValueError, ModelError, NewsNLPError

HAS_TORCH = importlib.util.find_spec("torch") is not None and importlib.util.find_spec("transformers") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="needs the transformers extra (torch, transformers)")

# Three clearly separable classes of short news-like sentences, written for this test.
CORPUS = {
    "farming": [
        "农民在田里收割小麦，今年粮食产量比去年增加。",
        "水稻进入灌浆期，农技人员下田指导农户管理。",
        "果园里苹果丰收，果农忙着采摘装箱。",
        "春耕开始，拖拉机在田间来回翻地播种。",
        "养殖户扩大养牛规模，牧场新建了饲料仓库。",
        "玉米种植户加强田间管理，防治病虫害。",
        "茶农上山采摘春茶，新茶价格保持稳定。",
        "蔬菜大棚里黄瓜西红柿长势喜人，农户增收。",
        "农业合作社统一收购小麦，农民卖粮更方便。",
        "秋收时节，稻田一片金黄，收割机开进田里。",
    ],
    "space": [
        "运载火箭成功发射，卫星顺利进入预定轨道。",
        "航天员完成出舱活动，返回空间站核心舱。",
        "探测器在月球背面着陆，传回首批图像。",
        "火星车在火星表面行驶，完成地形探测任务。",
        "新一代运载火箭完成发动机试车，准备首飞。",
        "空间站开展科学实验，航天员在轨工作顺利。",
        "卫星发射中心完成一次发射任务，火箭飞行正常。",
        "载人飞船与空间站完成对接，航天员进驻。",
        "天文台发现一颗新的小行星，轨道数据已公布。",
        "返回舱在着陆场安全着陆，航天员身体状况良好。",
    ],
    "other": [
        "新开的书店周末举办读书会，吸引不少读者。",
        "博物馆推出新展览，展出两百余件瓷器。",
        "电影节开幕，多部新片在首映礼上与观众见面。",
        "图书馆延长开放时间，方便读者晚间借阅。",
        "新的地铁线路开通运营，沿线居民出行更加便利。",
        "餐厅推出季节限定菜单，顾客排队品尝。",
        "音乐会在大剧院上演，交响乐团演奏经典曲目。",
        "城市公园完成改造，市民在湖边散步健身。",
        "商场举办促销活动，周末客流明显增加。",
        "美术馆展出青年画家作品，观众驻足欣赏。",
    ],
}
TEXTS = [t for texts in CORPUS.values() for t in texts]
LABELS = [label for label, texts in CORPUS.items() for _ in texts]
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def _build_checkpoint(folder) -> None:
    """A random 2-layer BERT with a character vocabulary, saved as safetensors with its tokenizer."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    chars = sorted(set("".join(TEXTS)))
    (folder / "vocab.txt").write_text("\n".join(SPECIALS + chars) + "\n", "utf-8")
    BertTokenizer(vocab=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(
        vocab_size=len(SPECIALS) + len(chars),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder, safe_serialization=True)


@pytest.fixture(scope="module")
def checkpoint(tmp_path_factory):
    import torch

    torch.set_num_threads(1)  # the test machine is shared
    folder = tmp_path_factory.mktemp("tiny-bert")
    _build_checkpoint(folder)
    return folder


def _fit(checkpoint, **kwargs):
    from newsnlp.classifier.transformer import TransformerClassifier

    model = TransformerClassifier(checkpoint, max_length=32, stride=8, calibration_fraction=0.2, name="tiny")
    return model.fit(TEXTS, LABELS, epochs=25, batch_size=4, learning_rate=2e-3, seed=0, **kwargs)


@pytest.fixture(scope="module")
def model(checkpoint):
    return _fit(checkpoint)


def test_import_newsnlp_does_not_import_torch():
    code = (
        "import newsnlp, newsnlp.classifier, newsnlp.classifier.transformer, sys; "
        "assert 'torch' not in sys.modules and 'transformers' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_missing_extra_raises_backend_unavailable(monkeypatch):
    from newsnlp.classifier import transformer

    monkeypatch.setitem(sys.modules, "torch", None)  # makes `import torch` raise ImportError
    with pytest.raises(BackendUnavailableError, match=r"newsnlp\[transformers\]"):
        transformer.TransformerClassifier("anything").fit(TEXTS, LABELS)


@needs_torch
def test_tokenizer_sees_real_characters(checkpoint):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(checkpoint, local_files_only=True)
    tokens = tokenizer.tokenize(TEXTS[0])
    assert tokens and tokens.count("[UNK]") == 0


@needs_torch
def test_fit_learns_the_training_data(model):
    assert model.classes_ == ["farming", "other", "space"]
    assert model.themes_ == ["farming", "space"]
    y = np.array([model.classes_.index(label) for label in LABELS])
    trained, held = model._split(y, 0)  # the fit's own split (seed 0)
    assert len(trained) == 24 and len(held) == 6
    predicted = np.array(model.predict([TEXTS[i] for i in trained]))
    assert np.mean(predicted == np.array(LABELS)[trained]) >= 0.95
    assert model.card["training"]["final_epoch_loss"] < 0.5  # chance level is ln 3 = 1.1
    probs = model.predict_proba(TEXTS)
    assert probs.shape == (len(TEXTS), 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)
    heldout = model.card["heldout"]
    assert heldout["n_items"] == 6 and model.card["training"]["n_trained"] == 24
    assert model.temperature_ > 0


@needs_torch
def test_same_seed_gives_the_same_model(checkpoint, model):
    again = _fit(checkpoint)
    np.testing.assert_allclose(again.predict_proba(TEXTS[:6]), model.predict_proba(TEXTS[:6]), atol=1e-6)


@needs_torch
def test_classify_returns_a_classification(model):
    result = model.classify("火箭发射成功，卫星进入轨道，航天员状态良好。")
    assert isinstance(result, Classification)
    assert result.label == "space" and "space" in result.labels and "other" not in result.labels
    assert set(result.scores) == {"farming", "space"}
    assert set(result.primary_scores) == {"farming", "other", "space"}
    assert abs(sum(result.primary_scores.values()) - 1) < 1e-4
    assert result.scores["space"] == result.primary_scores["space"]
    assert result.evidence == {} and result.model == "tiny-0"
    for theme, threshold in zip(model.themes_, model.thresholds_):
        assert (theme in result.labels) == (theme == result.label or result.scores[theme] >= threshold)
    json.dumps(result.to_dict())


@needs_torch
def test_traditional_text_reads_as_its_simplified_twin(model):
    opencc = pytest.importorskip("opencc", reason="Traditional Chinese needs the opencc package (newsnlp[hant])")
    simple = "火箭发射成功，卫星进入轨道，航天员状态良好。"
    trad = opencc.OpenCC("s2t").convert(simple)
    assert trad != simple
    result = model.classify(trad)
    assert result.document == trad
    assert result.primary_scores == pytest.approx(model.classify(simple).primary_scores)
    np.testing.assert_allclose(model.predict_proba([trad]), model.predict_proba([simple]), atol=1e-6)


@needs_torch
def test_blank_text_is_other(model):
    result = model.classify("  \n ")
    assert result.label == "other" and result.labels == () and result.primary_scores["other"] == 1.0


@needs_torch
def test_long_text_is_windowed_and_mean_pooled(model):
    import torch

    long_text = "".join(CORPUS["farming"]) * 2  # ~450 characters, one token each: many 32-token windows
    inputs, owner = model._windows([long_text])
    assert len(owner) > 10 and set(owner.tolist()) == {0}
    with torch.inference_mode():
        per_window = model.model_(**inputs).logits.numpy()
    expected = torch.softmax(torch.tensor(per_window.mean(axis=0)) / model.temperature_, dim=0).numpy()
    np.testing.assert_allclose(model.predict_proba([long_text])[0], expected, atol=1e-5)
    # batch_size=1 runs the windows 4 at a time: chunking must not change the pooled result
    np.testing.assert_allclose(model.predict_proba([long_text], batch_size=1)[0], expected, atol=1e-5)
    assert model.predict([long_text]) == ["farming"]


@needs_torch
def test_max_windows_keeps_the_leading_windows(checkpoint, model):
    from newsnlp.classifier.transformer import TransformerClassifier

    capped = TransformerClassifier(checkpoint, max_length=32, stride=8, max_windows=2)
    capped.tokenizer_, capped.model_ = model.tokenizer_, model.model_
    texts = ["".join(CORPUS["space"]) * 2, "短句。", "".join(CORPUS["other"])]
    inputs, owner = capped._windows(texts)
    full, full_owner = model._windows(texts)
    assert owner.tolist() == [0, 0, 1, 2, 2]
    kept = [0, 1] + [int((full_owner < 1).sum())] + [int((full_owner < 2).sum()) + k for k in (0, 1)]
    assert torch_equal(inputs["input_ids"], full["input_ids"][kept])


def torch_equal(a, b) -> bool:
    return bool((a == b).all())


@needs_torch
def test_batch_keeps_order_and_reports_bad_items(model):
    items = [CORPUS["space"][0], None, CORPUS["farming"][0], b"\xe5\x86\x9c", CORPUS["other"][0]]
    results = model.classify_batch(items, batch_size=2)
    assert len(results) == 5
    assert [r.ok for r in results] == [True, False, True, False, True]
    assert "NoneType" in results[1].error and results[1].label is None
    assert "decode" in results[3].error
    good = [items[i] for i in (0, 2, 4)]
    assert [results[i].label for i in (0, 2, 4)] == model.predict(good)
    assert len(model.classify_batch(items, on_error="skip")) == 3
    with pytest.raises(InputTypeError):
        model.classify_batch(items, on_error="raise")


@needs_torch
def test_save_load_round_trip(model, tmp_path):
    from newsnlp.classifier.transformer import TransformerClassifier

    folder = model.save(tmp_path / "m")
    names = {p.name for p in folder.iterdir()}
    assert {"model.safetensors", "config.json", "newsnlp.json", "README.md", "tokenizer.json"} <= names
    assert not any(n.endswith((".bin", ".pkl", ".pt")) for n in names)
    loaded = TransformerClassifier.load(folder)
    assert loaded.classes_ == model.classes_
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))
    assert loaded.classify(TEXTS[0]).to_dict() == model.classify(TEXTS[0]).to_dict()


@needs_torch
def test_load_refuses_tampered_truncated_or_foreign_folders(model, tmp_path):
    from newsnlp.classifier.transformer import TransformerClassifier

    folder = model.save(tmp_path / "m")
    weights = folder / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[:-100] + bytes(100))  # same size, modified tail
    with pytest.raises(ModelError, match="model.safetensors.*checksum"):
        TransformerClassifier.load(folder)
    weights.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelError, match="model.safetensors"):
        TransformerClassifier.load(folder)
    weights.write_bytes(data)
    config = json.loads((folder / "newsnlp.json").read_text("utf-8"))
    (folder / "newsnlp.json").write_text(json.dumps({**config, "format_version": 99}), "utf-8")
    with pytest.raises(ModelError, match="format_version"):
        TransformerClassifier.load(folder)
    with pytest.raises(ModelError, match="newsnlp.json"):
        TransformerClassifier.load(tmp_path)


@needs_torch
def test_pickle_only_checkpoint_is_refused(tmp_path):
    from newsnlp.classifier.transformer import TransformerClassifier

    (tmp_path / "config.json").write_text("{}", "utf-8")
    (tmp_path / "pytorch_model.bin").write_bytes(b"not even read")
    with pytest.raises(ModelError, match="pytorch_model.bin"):
        TransformerClassifier(tmp_path).fit(TEXTS, LABELS)


@needs_torch
def test_hub_names_are_refused_before_transformers_runs(monkeypatch):
    import transformers

    from newsnlp.classifier.transformer import TransformerClassifier

    def no_network(*args, **kwargs):
        raise AssertionError("transformers was asked to resolve a hub name")

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", no_network)
    monkeypatch.setattr(transformers.AutoModelForSequenceClassification, "from_pretrained", no_network)
    with pytest.raises(ModelError, match="bert-base-chinese.*never downloads"):
        TransformerClassifier("bert-base-chinese").fit(TEXTS, LABELS)
    with pytest.raises(ModelError, match="bert-base-chinese"):
        TransformerClassifier.load("bert-base-chinese")


@needs_torch
def test_unfitted_and_bad_arguments(checkpoint):
    from newsnlp.classifier.transformer import TransformerClassifier

    with pytest.raises(NewsNLPError, match="not fitted"):
        TransformerClassifier(checkpoint).predict(["文本"])
    with pytest.raises(InputValueError, match="two different labels"):
        TransformerClassifier(checkpoint).fit(TEXTS[:3], ["farming"] * 3)
    with pytest.raises(InputValueError, match="stride"):
        TransformerClassifier(checkpoint, max_length=32, stride=16)
    with pytest.raises(InputTypeError):
        TransformerClassifier(checkpoint).fit("一段文本", ["farming"])


@needs_torch
def test_sample_weight_of_ones_is_no_weight_and_weights_matter(checkpoint, model):
    ones = _fit(checkpoint, sample_weight=[1.0] * len(TEXTS))
    np.testing.assert_allclose(ones.predict_proba(TEXTS[:6]), model.predict_proba(TEXTS[:6]), atol=1e-5)
    light = [0.05 if label == "space" else 1.0 for label in LABELS]
    lighter = _fit(checkpoint, sample_weight=light)
    assert not np.allclose(lighter.predict_proba(TEXTS[:6]), model.predict_proba(TEXTS[:6]), atol=1e-3)
    with pytest.raises(InputValueError):
        _fit(checkpoint, sample_weight=[1.0] * (len(TEXTS) - 1))
