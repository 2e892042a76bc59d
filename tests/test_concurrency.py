"""Threads, processes (fork and spawn) and datasets.map: same results as one thread, models loaded once."""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import newsnlp
from newsnlp import summarizer, tokenize
from newsnlp.classifier import DEFAULT_MODEL_PATH, Classifier
from test_reliability import ARTICLE, TEXTS, small_model

REPO = Path(__file__).resolve().parent.parent
PAGE = (REPO / "examples" / "sample_page.txt").read_text("utf-8")
INPUTS = [ARTICLE, PAGE, *TEXTS[::3], "", "社區長者食堂讓老人吃上熱乎飯。"]
HAVE_DEFAULT = (DEFAULT_MODEL_PATH / "config.json").is_file()


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    return small_model().save(tmp_path_factory.mktemp("conc") / "model")


def _everything(text: str, model: Classifier) -> tuple:
    """Every public function's output on *text*, as plain data."""
    return (
        newsnlp.clean(text),
        [a.to_dict() for a in newsnlp.split_articles(text)],
        [s.to_dict() for s in newsnlp.split_sentences(text)],
        model.classify(text).to_dict(),
        newsnlp.summarize(text, k=2).to_dict(),
        newsnlp.keywords(text, k=5),
    )


def test_eight_threads_match_one_thread(model_dir):
    model = Classifier.load(model_dir)
    expected = [_everything(t, model) for t in INPUTS]
    jobs = INPUTS * 6
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: _everything(t, model), jobs))
    assert got == expected * 6


@pytest.mark.skipif(not HAVE_DEFAULT, reason="the default classifier is not built yet")
def test_default_model_in_eight_threads_matches_one_thread():
    texts = [ARTICLE, PAGE, TEXTS[0], TEXTS[7]]
    expected = [newsnlp.classify(t).to_dict() for t in texts]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: newsnlp.classify(t).to_dict(), texts * 8))
    assert got == expected * 8
    batch = newsnlp.classify_batch(texts * 8, batch_size=5)
    assert [r.to_dict() for r in batch] == expected * 8


def _count_loads(monkeypatch, module, attr: str, loader_owner, loader_name: str) -> list[int]:
    """Reset a lazily loaded global and count (slow) loads of it."""
    monkeypatch.setattr(module, attr, None)
    calls: list[int] = []
    original = getattr(loader_owner, loader_name)

    def slow(*args, **kwargs):
        calls.append(1)
        time.sleep(0.05)  # widen the race window
        return original(*args, **kwargs)

    monkeypatch.setattr(loader_owner, loader_name, slow)
    return calls


def _race(fn, n: int = 8) -> list:
    barrier = threading.Barrier(n)

    def go(_):
        barrier.wait()
        return fn()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(go, range(n)))


def test_summarizer_scorer_loads_once(monkeypatch):
    monkeypatch.setattr(summarizer, "_default", None)
    calls = _count_loads(monkeypatch, summarizer, "_default", summarizer._LinearScorer, "load")
    results = _race(lambda: newsnlp.summarize(ARTICLE, k=1).text)
    assert len(set(results)) == 1 and len(calls) == 1


def test_idf_table_loads_once(monkeypatch):
    monkeypatch.setattr(summarizer, "_idf", None)
    calls: list[int] = []
    original = summarizer.resources.files

    def files(package):
        if package == "jieba":
            calls.append(1)
            time.sleep(0.05)
        return original(package)

    monkeypatch.setattr(summarizer.resources, "files", files)
    results = _race(lambda: tuple(newsnlp.keywords(ARTICLE, k=3)))
    assert len(set(results)) == 1 and len(calls) == 1


def test_tokenizer_builds_once(monkeypatch):
    calls = _count_loads(monkeypatch, tokenize, "_tokenizer", tokenize, "_build_tokenizer")
    tokenizers = _race(tokenize.get_tokenizer)
    assert len(calls) == 1 and all(t is tokenizers[0] for t in tokenizers)


def test_default_classifier_loads_once(monkeypatch, model_dir):
    from newsnlp import classifier

    monkeypatch.setattr(classifier, "DEFAULT_MODEL_PATH", model_dir)
    calls = _count_loads(monkeypatch, classifier, "_default", Classifier, "load")
    labels = _race(lambda: newsnlp.classify(ARTICLE).label)
    assert len(calls) == 1 and len(set(labels)) == 1


# --------------------------------------------------------------------------- processes

WORKER_TEXTS = [ARTICLE, TEXTS[0], TEXTS[7], "社區長者食堂讓老人吃上熱乎飯。"]


def work(args: tuple[str, str]) -> tuple:
    """A worker's job (module level so that spawn can import it): load the model by path, use everything."""
    model_path, text = args
    return _everything(text, Classifier.load(model_path))


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_process_pool_matches_in_process(model_dir, method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} is not available here")
    model = Classifier.load(model_dir)
    expected = [_everything(t, model) for t in WORKER_TEXTS]
    with multiprocessing.get_context(method).Pool(2) as pool:
        got = pool.map(work, [(str(model_dir), t) for t in WORKER_TEXTS])
    assert got == expected


def test_datasets_map_with_two_processes(model_dir, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    model = Classifier.load(model_dir)
    path = str(model_dir)

    def annotate(row):
        m = Classifier.load(path)
        return {"label": m.classify(row["text"]).label, "summary": newsnlp.summarize(row["text"], k=1).text}

    ds = datasets.Dataset.from_dict({"text": WORKER_TEXTS})
    out = ds.map(annotate, num_proc=2)
    assert out["text"] == WORKER_TEXTS  # order kept
    assert out["label"] == [model.classify(t).label for t in WORKER_TEXTS]
    assert out["summary"] == [newsnlp.summarize(t, k=1).text for t in WORKER_TEXTS]
