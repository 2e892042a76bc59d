"""The command line, run in-process through ``newsnlp.cli.main``: JSON Lines out, bad lines reported, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsnlp import Classifier, split_articles
from newsnlp.cli import main
from test_reliability import ARTICLE, small_model

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "examples" / "sample_page.txt"


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    return small_model().save(tmp_path_factory.mktemp("cli") / "model")


def run(capsys, argv, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_split_a_page(capsys):
    code, records, err = run(capsys, ["split", str(PAGE)])
    assert code == 0 and len(records) >= 2
    page = PAGE.read_text("utf-8")
    for r in records:
        assert set(r) >= {"text", "title", "source", "start", "end", "index"}
        assert 0 <= r["start"] < r["end"] <= len(page)


def test_summarize_stdin_in_gb18030(capsys, monkeypatch):
    code, records, _ = run(capsys, ["summarize", "-k", "1"], ARTICLE.encode("gb18030"), monkeypatch)
    assert code == 0 and len(records) == 1
    assert records[0]["text"] in ARTICLE and len(records[0]["sentences"]) == 1


def test_undecodable_stdin_is_a_clear_exit(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff\xfe\x81\x00" * 3)))
    with pytest.raises(SystemExit, match="neither UTF-8 nor GB18030"):
        main(["keywords"])


JSONL_LINES = [
    json.dumps({"id": 1, "text": ARTICLE}, ensure_ascii=False),
    "{not json",
    "",
    json.dumps({"id": 3, "body": "没有 text 字段"}, ensure_ascii=False),
    json.dumps({"id": 4, "text": 12345}),
    json.dumps("一条字符串记录：社区食堂开业了。", ensure_ascii=False),
    json.dumps([1, 2]),
    json.dumps({"id": 8, "text": ""}),
    json.dumps({"id": 9, "text": "工会驿站为外卖骑手提供饮水和充电。"}, ensure_ascii=False),
]
GOOD_LINES = {1, 6, 8, 9}
BAD_LINES = {2, 4, 5, 7}


@pytest.mark.parametrize("command", ["classify", "summarize", "keywords"])
def test_jsonl_reports_bad_lines_by_number_and_processes_the_rest(capsys, tmp_path, model_dir, command):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(JSONL_LINES) + "\n", "utf-8")
    argv = [command, "--jsonl", str(path)] + (["--model", str(model_dir)] if command == "classify" else [])
    code, records, err = run(capsys, argv)
    assert code == 1  # some lines failed
    assert [r["line"] for r in records] == sorted(GOOD_LINES | BAD_LINES)  # input order, blank line skipped
    for r in records:
        assert ("error" in r) == (r["line"] in BAD_LINES), r
        if r["line"] in BAD_LINES:
            assert f"line {r['line']}" in err
    assert "Traceback" not in err
    by_line = {r["line"]: r for r in records}
    assert by_line[1]["id"] == 1 and by_line[9]["id"] == 9
    if command == "classify":
        assert by_line[1]["label"] in ("elderly", "labour", "other") and by_line[8]["label"] == "other"
    elif command == "summarize":
        assert by_line[1]["text"] and by_line[8]["sentences"] == []
    else:
        assert by_line[1]["keywords"] and by_line[8]["keywords"] == []


def test_jsonl_all_good_exits_zero(capsys, tmp_path):
    path = tmp_path / "ok.jsonl"
    path.write_text(json.dumps({"text": ARTICLE}, ensure_ascii=False) + "\n", "utf-8")
    code, records, err = run(capsys, ["summarize", "--jsonl", "-k", "1", str(path)])
    assert code == 0 and len(records) == 1 and "error" not in records[0] and err == ""


def test_classify_a_split_page_with_a_model_folder(capsys, model_dir):
    code, records, _ = run(capsys, ["classify", "--split", "--model", str(model_dir), str(PAGE)])
    assert code == 0 and len(records) >= 2
    assert [r["article"] for r in records] == list(range(len(records)))
    # themes read the headline with the body (Article.full_text)
    model = Classifier.load(model_dir)
    articles = split_articles(PAGE.read_text(encoding="utf-8"))
    assert [r["scores"] for r in records] == [model.classify(a.full_text).to_dict()["scores"] for a in articles]


@pytest.mark.parametrize(
    "argv, message",
    [
        (["split", "/nonexistent/page.txt"], "No such file"),
        (["classify", "--model", "/nonexistent/model", str(PAGE)], "config.json"),
    ],
)
def test_errors_exit_2_with_one_line(capsys, argv, message):
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2 and message in err and err.startswith("newsnlp: error:") and "Traceback" not in err


def test_tampered_model_is_refused(capsys, model_dir, tmp_path):
    import shutil

    folder = tmp_path / "tampered"
    shutil.copytree(model_dir, folder)
    data = (folder / "weights.npz").read_bytes()
    (folder / "weights.npz").write_bytes(data[:-10])
    code = main(["classify", "--model", str(folder), str(PAGE)])
    _, err = capsys.readouterr()
    assert code == 2 and "weights.npz" in err and "checksum" in err


def test_bad_option_values_are_usage_errors(capsys):
    with pytest.raises(SystemExit) as info:
        main(["summarize", "-k", "three", str(PAGE)])
    assert info.value.code == 2
    code = main(["summarize", "-k", "0", str(PAGE)])
    _, err = capsys.readouterr()
    assert code == 1 and "k must be >= 1" in err


def test_hostile_file_does_not_crash(capsys, tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text("\x00\x01" * 100 + "😀" * 100 + "\n" * 1000 + "<p>社区食堂开业了。</p>", "utf-8", errors="strict")
    for command in ("split", "summarize", "keywords"):
        code = main([command, str(path)])
        out, err = capsys.readouterr()
        assert code == 0, err
        for line in out.splitlines():
            json.loads(line)


def test_python_dash_m_entry_point():
    proc = subprocess.run([sys.executable, "-m", "newsnlp", "--version"], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert proc.returncode == 0 and proc.stdout.startswith("newsnlp ")


def test_train_with_a_lexicon_then_classify(capsys, tmp_path):
    lexicon = tmp_path / "terms.json"
    lexicon.write_text(json.dumps({"weather": {"core": ["气象台", "暴雨"]}, "sport": {"core": ["比赛"]}}), "utf-8")
    out = tmp_path / "m"
    code = main(["train", "--data", str(REPO / "examples" / "own_classes.jsonl"), "--other-label", "other",
                 "--terms", str(lexicon), "--out", str(out)])
    assert code == 0 and "trained" in capsys.readouterr().err
    assert json.loads((out / "config.json").read_text("utf-8"))["terms"]["terms"]["sport"]["core"] == ["比赛"]
    text = tmp_path / "t.txt"
    text.write_text("气象台预计今晚有暴雨，明天气温下降。", "utf-8")
    code, records, _ = run(capsys, ["classify", "--model", str(out), str(text)])
    assert code == 0 and records[0]["label"] == "weather"


def test_train_refuses_a_broken_lexicon(capsys, tmp_path):
    lexicon = tmp_path / "terms.json"
    lexicon.write_text("{not json", "utf-8")
    code = main(["train", "--data", str(REPO / "examples" / "own_classes.jsonl"), "--terms", str(lexicon),
                 "--out", str(tmp_path / "m")])
    assert code != 0 and "terms.json" in capsys.readouterr().err


def test_train_with_weights_and_short_views(capsys, tmp_path):
    rows = [json.loads(line) for line in (REPO / "examples" / "own_classes.jsonl").read_text("utf-8").splitlines()]
    data = tmp_path / "weighted.jsonl"
    data.write_text("".join(json.dumps({**r, "w": 0.5 if i % 2 else 1}, ensure_ascii=False) + "\n"
                            for i, r in enumerate(rows)), "utf-8")
    out = tmp_path / "m"
    code = main(["train", "--data", str(data), "--weight-field", "w", "--short-view-weight", "0.3", "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert json.loads((out / "config.json").read_text("utf-8"))["short_view"] == {"weight": 0.3, "chars": 120}
    data.write_text(json.dumps({**rows[0], "w": "heavy"}, ensure_ascii=False) + "\n", "utf-8")
    code = main(["train", "--data", str(data), "--weight-field", "w", "--out", str(tmp_path / "bad")])
    assert code != 0 and "heavy" in capsys.readouterr().err


def test_command_line_keeps_jieba_quiet_and_the_library_leaves_its_logger_alone():
    # keywords read jieba's IDF table; jieba's import sets its logger to DEBUG (and pure-Python jieba logs its
    # dictionary loading there)
    code = "import logging, newsnlp; newsnlp.keywords('社区居民议事会讨论加装电梯。'); print(logging.getLogger('jieba').level)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "10"  # DEBUG, jieba's own setting: the library changed nothing
    proc = subprocess.run([sys.executable, "-m", "newsnlp", "keywords", "-"], input="社区居民议事会讨论加装电梯。",
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() and "Prefix dict" not in proc.stderr
