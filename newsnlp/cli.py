"""Command line: ``newsnlp split|classify|summarize|keywords|eval|train`` (also ``python -m newsnlp``).

Every command reads a file or standard input and writes JSON Lines.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

EXAMPLES = """examples:
  newsnlp split examples/sample_page.txt                 # one JSON line per article
  newsnlp classify --split examples/sample_page.txt      # themes of each article on a page
  newsnlp summarize --split -k 2 examples/sample_page.txt
  newsnlp keywords -k 5 article.txt
  newsnlp classify --jsonl --field text items.jsonl > themes.jsonl
  cat article.txt | newsnlp summarize --max-chars 120
  newsnlp train --data labelled.jsonl --label-field label --out my-model/
  newsnlp classify --model my-model/ --jsonl items.jsonl
  newsnlp eval classify --data labelled.jsonl --out report.json
"""


def _read(path: str) -> str:
    from .text import read_text

    if path == "-":
        data = sys.stdin.buffer.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise SystemExit("newsnlp: standard input is neither UTF-8 nor GB18030")
    return read_text(path)


def _records(args: argparse.Namespace) -> Iterator[tuple[dict[str, Any], Any]]:
    """(metadata, text) pairs: one per JSONL line, per article (--split) or the whole input.

    A JSONL line that is not valid JSON, or lacks the text field, yields its
    error as the text so the caller reports it and goes on with the others.
    """
    raw = _read(args.file)
    if args.jsonl:
        for number, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield {"line": number}, ValueError(f"not valid JSON ({exc.msg})")
                continue
            if isinstance(record, str):
                yield {"line": number}, record
            elif isinstance(record, dict) and isinstance(record.get(args.field), str):
                meta = {"line": number}
                if "id" in record:
                    meta["id"] = record["id"]
                yield meta, record[args.field]
            else:
                yield {"line": number}, ValueError(f"no string field {args.field!r}")
    elif getattr(args, "split", False):
        from .text import split_articles

        # themes and key terms read the headline too; a summary is made of the body's sentences
        whole = args.command in ("classify", "keywords")
        for article in split_articles(raw):
            meta = {"article": article.index, "title": article.title, "source": article.source}
            yield meta, article.full_text if whole else article.text
    else:
        yield {}, raw


def _emit(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _run_each(args: argparse.Namespace, fn: Callable[[str], dict[str, Any]]) -> int:
    """Apply *fn* to every record; bad records are reported with their line number, the rest go on."""
    failures = 0
    for meta, text in _records(args):
        if isinstance(text, Exception):
            result = {"error": str(text)}
        else:
            try:
                result = fn(text)
            except Exception as exc:  # noqa: BLE001 - one bad record must not stop the run
                result = {"error": f"{type(exc).__name__}: {exc}"}
        if "error" in result:
            failures += 1
            where = f"line {meta['line']}" if "line" in meta else "input"
            print(f"newsnlp: {where}: {result['error']}", file=sys.stderr)
        _emit(sys.stdout, {**meta, **result})
    return 1 if failures else 0


def _cmd_split(args: argparse.Namespace) -> int:
    from .text import split_articles

    for article in split_articles(_read(args.file)):
        _emit(sys.stdout, article.to_dict())
    return 0


def _cmd_classify(args: argparse.Namespace) -> int:
    from .classifier import default_classifier, load

    model = load(args.model) if args.model else default_classifier()
    return _run_each(args, lambda text: model.classify(text, evidence=args.evidence).to_dict())


def _cmd_summarize(args: argparse.Namespace) -> int:
    from .summarizer import summarize

    return _run_each(
        args, lambda text: summarize(text, k=args.k, max_chars=args.max_chars, method=args.method).to_dict()
    )


def _cmd_keywords(args: argparse.Namespace) -> int:
    from .summarizer import keywords

    return _run_each(args, lambda text: {"keywords": [[t, round(w, 6)] for t, w in keywords(text, k=args.k)]})


def _cmd_train(args: argparse.Namespace) -> int:
    from .classifier import Classifier
    from .errors import InputValueError
    from .evaluation import load_records

    records = load_records(args.data)
    texts = [r[args.text_field] for r in records]
    labels = [r[args.label_field] for r in records]
    weights = [_number(r[args.weight_field], args.weight_field) for r in records] if args.weight_field else None
    terms = None
    if args.terms:
        try:
            terms = json.loads(Path(args.terms).read_text("utf-8"))
        except ValueError as exc:
            raise InputValueError(f"{args.terms}: not a JSON lexicon ({exc})") from exc
    model = Classifier(backend=args.backend, other_label=args.other_label or None, name=args.name, terms=terms,
                       short_view_weight=args.short_view_weight)
    model.fit(texts, labels, sample_weight=weights, progress=sys.stderr.isatty())
    model.save(args.out)
    print(f"newsnlp: trained {model!r} on {len(texts)} items -> {args.out}", file=sys.stderr)
    return 0


def _number(value: Any, field: str) -> float:
    # CSV cells arrive as strings; JSONL gives numbers
    from .errors import InputValueError

    try:
        return float(value)
    except (TypeError, ValueError):
        raise InputValueError(f"--weight-field {field}: {value!r} is not a number") from None


def _cmd_eval(args: argparse.Namespace) -> int:
    from . import evaluation

    if args.task == "classify":
        result = evaluation.evaluate_classifier(args.model, args.data, text_field=args.text_field, label_field=args.label_field)
    elif args.task == "summarize":
        result = evaluation.evaluate_summarizer(
            args.data, method=args.method, k=args.k, text_field=args.text_field, reference_field=args.reference_field
        )
    else:
        result = evaluation.evaluate_split(args.data)
    print(evaluation.format_table(result))
    if args.out:
        evaluation.save_json(result, args.out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsnlp",
        description="Themes, summaries and clean articles for Chinese civil-affairs news.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsnlp {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_: str, fn: Callable[[argparse.Namespace], int], inputs: bool = True):
        p = sub.add_parser(name, help=help_, description=help_, epilog=EXAMPLES,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.set_defaults(func=fn)
        if inputs:
            p.add_argument("file", nargs="?", default="-", help="input file (UTF-8, GB18030 or Big5); - or none for stdin")
        return p

    command("split", "split a scanned newspaper page into clean articles (one JSON line each)", _cmd_split)
    for name, help_, fn in (
        ("classify", "tag texts with themes, calibrated scores and evidence", _cmd_classify),
        ("summarize", "extractive summary: the text's own sentences with offsets", _cmd_summarize),
        ("keywords", "key terms of a text by TF-IDF", _cmd_keywords),
    ):
        p = command(name, help_, fn)
        p.add_argument("--jsonl", action="store_true", help="input is JSON Lines, one text per line")
        p.add_argument("--field", default="text", help="text field of --jsonl records (default: text)")
        p.add_argument("--split", action="store_true",
                       help="input is a page: split it into articles first (themes and key terms read each "
                            "article's headline and body, a summary its body)")
        if name == "classify":
            p.add_argument("--model", help="model folder (default: the shipped model)")
            p.add_argument("--evidence", type=int, default=5, help="evidence terms per theme (default 5)")
        elif name == "summarize":
            p.add_argument("-k", type=int, default=3, help="number of sentences (default 3)")
            p.add_argument("--max-chars", type=int, default=None, help="character budget")
            p.add_argument("--method", default="default", help="default, lead, textrank or mmr")
        else:
            p.add_argument("-k", type=int, default=10, help="number of keywords (default 10)")

    p = command("train", "train a classifier on your own labels and save it as a folder", _cmd_train, inputs=False)
    p.add_argument("--data", required=True, help="CSV or JSONL file with a text and a label column")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--text-field", default="text")
    p.add_argument("--label-field", default="label")
    p.add_argument("--backend", default="lexical", choices=("lexical", "embedding", "stacked"))
    p.add_argument("--other-label", default="", help="the label meaning 'none of the themes', if any")
    p.add_argument("--name", default="custom")
    p.add_argument("--terms", help='JSON lexicon of your classes: {"class": {"core": [...], "support": [...]}}')
    p.add_argument("--weight-field", help="column of per-item training weights (e.g. 0.1 for weak labels)")
    p.add_argument("--short-view-weight", type=float, default=0.0,
                   help="also train on each text's first 120 characters at this weight, to read short posts "
                        "(the default model uses 0.3; default 0)")

    p = command("eval", "score a classifier, a summariser or the page splitter on labelled data", _cmd_eval, inputs=False)
    p.add_argument("task", choices=("classify", "summarize", "split"))
    p.add_argument("--data", required=True, help="CSV or JSONL file (local; never a hub name)")
    p.add_argument("--model", default=None, help="classifier folder (default: the shipped model)")
    p.add_argument("--method", default="default", help="summariser method")
    p.add_argument("-k", type=int, default=1, help="summary sentences (default 1)")
    p.add_argument("--text-field", default="text")
    p.add_argument("--label-field", default="label")
    p.add_argument("--reference-field", default="summary")
    p.add_argument("--out", help="write the full result as JSON here")
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # jieba's import sets its logger to DEBUG with a stderr handler, which then reports
    # every dictionary load; the command line is an application, so it may quiet that
    # (the library never does).
    import jieba  # noqa: F401

    logging.getLogger("jieba").setLevel(logging.WARNING)
    from .errors import NewsNLPError

    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. `newsnlp split page.txt | head`
        return 0
    except (NewsNLPError, OSError) as exc:
        print(f"newsnlp: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
