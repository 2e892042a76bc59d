"""Scale-out: Dask on a local 2-worker cluster, datasets.map with 2 processes, pandas/datasets inputs.

Every parallel result is compared with the same work done in this process.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsnlp
from newsnlp import scale

from _themes import CORPUS, small_model

pd = pytest.importorskip("pandas")

PAGE = (Path(__file__).resolve().parent.parent / "examples" / "sample_page.txt").read_text("utf-8")
TEXTS = [a.text for a in newsnlp.split_articles(PAGE)] + [CORPUS[label][0] for label in CORPUS]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> str:
    return str(small_model().save(tmp_path_factory.mktemp("model") / "themes"))


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="1GiB"
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_dask_bag_matches_local_and_loads_the_model_once_per_worker(client, model_path) -> None:
    import dask.bag as db

    local = small_model().classify_batch(TEXTS)
    bag = db.from_sequence(TEXTS, npartitions=5)
    first = scale.classify_bag(bag, model=model_path).compute()
    again = scale.classify_bag(bag, model=model_path).compute()
    assert first == again
    assert [r["labels"] for r in first] == [list(r.labels) for r in local]
    for remote, mine in zip(first, local):
        assert remote["scores"] == pytest.approx(mine.scores, abs=1e-5)
    loads = client.run(scale.loaded_models)  # worker address -> {model: times loaded}
    key = str(Path(model_path).resolve())
    assert {counts.get(key, 0) for counts in loads.values()} <= {0, 1}  # 10 partitions, at most one load each
    assert sum(counts.get(key, 0) for counts in loads.values()) >= 1


def test_dask_summaries_match_local(client) -> None:
    import dask.bag as db

    remote = scale.summarize_bag(db.from_sequence(TEXTS + [None], npartitions=3), k=2).compute()
    local = newsnlp.summarize_batch(TEXTS, k=2)
    assert [r["text"] for r in remote[:-1]] == [s.text for s in local]
    assert "error" in remote[-1]


def test_dask_dataframe_annotation(client, model_path) -> None:
    import dask.dataframe as dd

    frame = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})
    out = scale.annotate_dataframe(dd.from_pandas(frame, npartitions=3), "text", model=model_path,
                                   summarize=True, k=1).compute()
    local = small_model().classify_batch(TEXTS)
    assert out["id"].tolist() == frame["id"].tolist()
    assert out["label"].tolist() == [r.label for r in local]
    assert out["score_elderly_care"].tolist() == pytest.approx([r.scores["elderly_care"] for r in local], abs=1e-5)
    assert out["summary"].tolist() == [s.text for s in newsnlp.summarize_batch(TEXTS, k=1)]


def test_model_objects_are_refused() -> None:
    with pytest.raises(newsnlp.InputTypeError, match="folder path"):
        scale.classify_bag(None, model=small_model())


def test_batch_functions_accept_a_pandas_series() -> None:
    series = pd.Series(TEXTS, index=[f"doc{i}" for i in range(len(TEXTS))])
    model = small_model()
    assert [r.label for r in model.classify_batch(series)] == [r.label for r in model.classify_batch(TEXTS)]
    assert [s.text for s in newsnlp.summarize_batch(series, k=1)] == [s.text for s in newsnlp.summarize_batch(TEXTS, k=1)]
    frame = newsnlp.display.to_frame(model.classify_batch(series), index=series.index)
    assert list(frame.index) == list(series.index)
    assert frame.loc["doc0", "label"] == model.classify(TEXTS[0]).label


def test_datasets_map_with_two_processes(model_path) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": TEXTS + [""]})
    model = small_model()
    assert [r.label for r in model.classify_batch(ds["text"])] == [r.label for r in model.classify_batch(TEXTS + [""])]
    out = ds.map(scale.annotate_batch, batched=True, batch_size=3, num_proc=2,
                 fn_kwargs={"column": "text", "model": model_path, "summarize": True, "k": 1})
    assert out["label"] == [r.label for r in model.classify_batch(TEXTS + [""])]
    assert out["summary"] == [s.text for s in newsnlp.summarize_batch(TEXTS + [""], k=1)]
    assert out["score_party_building"][1] == pytest.approx(model.classify(TEXTS[1]).scores["party_building"], abs=1e-5)
