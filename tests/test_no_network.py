"""The whole public API runs with sockets disabled: no download, no telemetry, no hub lookup."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

import newsnlp
from newsnlp import classifier, encoders, summarizer, tokenize
from newsnlp.cli import main
from test_reliability import ARTICLE, small_model

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "examples" / "sample_page.txt"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed(f"network access attempted: {args[:2]!r}")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    # start from cold: every lazy load (scorer, IDF table, tokenizer, default model) happens offline
    monkeypatch.setattr(summarizer, "_default", None)
    monkeypatch.setattr(summarizer, "_idf", None)
    monkeypatch.setattr(tokenize, "_tokenizer", None)
    monkeypatch.setattr(classifier, "_default", None)
    monkeypatch.setattr(encoders, "_instances", {})


def test_sockets_are_really_disabled(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))


def test_public_api_offline(no_network, tmp_path, capsys):
    page = PAGE.read_text("utf-8")
    articles = newsnlp.split_articles(page)
    assert articles and newsnlp.clean(page) and newsnlp.split_sentences(page)
    assert newsnlp.summarize(articles[0].text, k=2).sentences
    assert newsnlp.summarize_batch([a.text for a in articles], k=1)
    assert newsnlp.keywords(page, k=5)
    model = small_model()
    folder = model.save(tmp_path / "model")
    assert newsnlp.classify(ARTICLE, model=folder).ok
    assert len(newsnlp.classify_batch([ARTICLE, None], model=folder)) == 2
    for argv in (["split", str(PAGE)], ["summarize", "--split", str(PAGE)], ["keywords", str(PAGE)],
                 ["classify", "--split", "--model", str(folder), str(PAGE)]):
        assert main(argv) == 0
        out, _ = capsys.readouterr()
        assert [json.loads(line) for line in out.splitlines()]


@pytest.mark.skipif(not (classifier.DEFAULT_MODEL_PATH / "config.json").is_file(),
                    reason="the default classifier is not built yet")
def test_default_model_offline(no_network, capsys):
    result = newsnlp.classify(ARTICLE)
    assert result.ok and result.label
    assert main(["classify", str(PAGE)]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["label"]
