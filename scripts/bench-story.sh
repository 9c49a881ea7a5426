#!/usr/bin/env bash
# Story synthesis benchmark (issue 8): the story of one event of COUNT articles (dev-events texts in nine
# languages, reused as wire copies past 123) written in one call; prints wall time and peak memory.
#
#   bash scripts/bench-story.sh [COUNT]
#
# Needs the encoder (`bash scripts/install-models.sh`). Output also goes to bench-out/story-COUNT.txt with
# the machine, the load average and the commit.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-200}"
out=bench-out
mkdir -p "$out"
log="$out/story-$count.txt"

cargo build --release --locked -p storyweave --example bench_story
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')  commit: $(git rev-parse --short HEAD)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$log"
target/release/examples/bench_story --count "$count" 2>&1 | tee -a "$log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
