#!/usr/bin/env sh
# API reference from the docstrings, offline: docs/api/ (generated; not committed).
# newsnlp defines __all__, so pdoc is given its public submodules by name.
set -eu
cd "$(dirname "$0")/.."
rm -rf docs/api
python -m pdoc -o docs/api --no-search newsnlp newsnlp.text newsnlp.page newsnlp.layout newsnlp.classifier newsnlp.summarizer \
    newsnlp.metrics newsnlp.evaluation newsnlp.tokenize newsnlp.encoders newsnlp.display newsnlp.hant \
    newsnlp.scale newsnlp.results newsnlp.errors newsnlp.cli
echo "API reference: docs/api/index.html"
