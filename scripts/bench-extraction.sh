#!/usr/bin/env bash
# HTML extraction benchmark: Python trafilatura (installed from PyPI into .venv-extraction/) and
# storyweave on the same 990 pages of the trafilatura evaluation set, in one run: precision, recall
# and F1 for both (the benchmark's definitions), pages/s per core for both, and the ratio.
#
#   bash scripts/bench-extraction.sh [DATASET_DIR]
#
# Writes bench-out/extraction.json (ignored by git). Both tools run single-threaded.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${STORYWEAVE_SHARED:-../shared}"
dataset="${1:-$shared/data/extraction/trafilatura-eval}"
venv=.venv-extraction
mkdir -p bench-out

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "trafilatura==2.3.1" "lxml_html_clean"

cargo build --release --locked --bin storyweave
"$venv/bin/python" scripts/python/extraction_bench.py "$dataset" target/release/storyweave bench-out/extraction.json
