#!/usr/bin/env bash
# Sets storyweave up on a fresh machine and runs its main job: ingest the shared corpora into the
# embedded store and print what was found.
#
#   bash scripts/main-job.sh                 # the shared seeds and dev-events corpus
#   bash scripts/main-job.sh PATH...         # your own crawl: directories, .txt, .html, .jsonl, .warc(.gz), RSS/Atom
#
# STORYWEAVE_DATA chooses the data directory (default ./storyweave-data); STORYWEAVE_SHARED where the
# shared corpora are (default ../shared beside the checkout).
set -euo pipefail
cd "$(dirname "$0")/.."

shared="${STORYWEAVE_SHARED:-../shared}"
data="${STORYWEAVE_DATA:-storyweave-data}"

if ! command -v cargo >/dev/null; then
    echo "error: cargo is not installed; install the stable Rust toolchain (rustup) and run this again" >&2
    exit 1
fi

bash scripts/install-models.sh
cargo build --release --locked --bin storyweave
bin=target/release/storyweave

if [ "$#" -gt 0 ]; then
    inputs=("$@")
else
    inputs=("$shared/corpus/seeds" "$shared/corpus/dev-events/articles.jsonl")
fi

"$bin" ingest --data "$data" "${inputs[@]}"
echo
"$bin" articles --data "$data"
echo
"$bin" events --data "$data"
echo
"$bin" storylines --data "$data"
echo
# The story of the biggest event: facts with their sources, quotes, timeline and a cited summary.
biggest="$("$bin" events --data "$data" --format json | python3 -c '
import json, sys
events = json.load(sys.stdin)
print(max(events, key=lambda e: len(e["articles"]))["id"] if events else "")')"
if [ -n "$biggest" ]; then
    "$bin" story "$biggest" --data "$data"
fi
