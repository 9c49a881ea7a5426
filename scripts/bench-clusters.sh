#!/usr/bin/env bash
# Scale benchmark of the online event clusterer (issue 7): streams COUNT generated articles (real texts
# of ../shared/corpus recombined by storyweave's corpus generator, publication dates spread over six
# months in arrival order with a few days of jitter) through `Clusterer::add` and prints, every CHUNK
# articles, articles/s (last interval and cumulative), open and total events, and process memory.
#
# Two passes over the same stream:
#   1. the full run: chunks prepared in parallel (text stage, encoder) between the timed loops of the
#      event stage (entity resolution + `Clusterer::add`), which also records every article's clusterer
#      input into a temporary file;
#   2. the clusterer alone: that file streamed through a fresh clusterer, only `add` timed, nothing else
#      running in the process. Its decisions are the full run's, bit for bit. It isolates the
#      clusterer's own cost: in the full run each timed chunk starts on caches the encoder has just
#      swept, and the run lasts long enough for the shared machine's speed to drift (see BENCHMARKS.md).
#      After each point it measures the stream's first articles again in a fresh process ("paired").
#
#   bash scripts/bench-clusters.sh [COUNT] [extra options of the example, e.g. --max-minutes 30]
#
# To check that a change to the clusterer decides alike, run the first articles with each build and
# compare the decisions bit for bit:
#   target/release/examples/bench_clusters --count 200000 --chunk 2000 --stop-after 20000 --decisions A.txt
#   (rebuild with the change, same command into B.txt), then `cmp A.txt B.txt`.
# Quicker for repeated comparisons: record the clusterer's input once (`--record FEATURES.jsonl`, about
# 7 KB an article), then stream it through each build without the text stage and the encoder:
#   target/release/examples/bench_clusters --replay FEATURES.jsonl --chunk 2000 --decisions B.txt
# `--archive` hands the member lists of closed events over to a store in a temporary directory after
# every chunk (`Clusterer::take_closed_members`, `Store::put_archived_members`), as storyweave's event
# stage does: the clusterer's memory without them (the decisions are the same, bit for bit).
# `--work` prints, under each row, the clusterer's work per article (candidates, member pairs, merge
# and storyline comparisons, index key walks …), to tell which step grows with the state.
#
# Needs the encoder (`bash scripts/install-models.sh`). Output also goes to bench-out/clusters-COUNT.txt,
# with the load average before and after, the machine and the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200000}"
shift || true
out=bench-out
mkdir -p "$out"
log="$out/clusters-$count.txt"

cargo build --release --locked -p storyweave --example bench_clusters
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git rev-parse --short HEAD)$(git diff --quiet -- crates/cluster config || echo ' (crates/cluster or config modified)')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$log"
features="$out/clusters-$count.features.jsonl"
trap 'rm -f "$features"' EXIT
echo "== pass 1: the full run (text stage + encoder between the timed chunks)" | tee -a "$log"
target/release/examples/bench_clusters --count "$count" --record "$features" "$@" 2>&1 | tee -a "$log"
echo "load average after pass 1: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
echo "== pass 2: the clusterer alone, replaying pass 1's clusterer input" | tee -a "$log"
target/release/examples/bench_clusters --replay "$features" "$@" 2>&1 | tee -a "$log"
echo "load average after pass 2: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
