#!/usr/bin/env bash
# Benchmark of read + clean + language + dates + store over a generated corpus.
#
#   bash scripts/bench-ingest.sh [COUNT]      # default 50000 articles
#
# The corpus is made by `storyweave generate-corpus`, which recombines the paragraphs of the shared
# corpora's articles (seeds + dev-events) into new articles with varied sites, URLs, dates and datelines.
# Prints articles/s and peak memory (max RSS) of the ingest, then a profile of where the time goes
# (perf, when the kernel allows it). Output files go to bench-out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-50000}"
shared="${STORYWEAVE_SHARED:-../shared}"
out=bench-out
mkdir -p "$out"

cargo build --release --locked --bin storyweave
bin=target/release/storyweave

corpus="$out/corpus-$count.jsonl"
if [ ! -s "$corpus" ]; then
    "$bin" generate-corpus "$shared/corpus/seeds" "$shared/corpus/dev-events/articles.jsonl" \
        --count "$count" --output "$corpus"
fi
echo "corpus: $corpus ($(wc -l <"$corpus") articles, $(du -h "$corpus" | cut -f1))"

rm -rf "$out/data"
/usr/bin/time -v "$bin" ingest --quiet --format json --data "$out/data" "$corpus" \
    >"$out/report.json" 2>"$out/time.txt"
python3 - "$out/report.json" "$out/time.txt" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
time = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", time).group(1))
wall = report["seconds"]
print(f"read {report['read']}  stored {report['stored']}  already present {report['already_present']}  skipped {report['skipped']}")
print(f"wall {wall:.2f} s  ->  {report['read'] / wall:.0f} articles/s  peak RSS {rss / 1024:.0f} MiB")
busy = report.get("busy_seconds", {})
print("stage busy time: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(busy.items()))
      + "  (analyze is summed over the worker threads)")
PY
ls -la "$out/data"

if perf stat -e instructions true >/dev/null 2>&1; then
    rm -rf "$out/data-perf"
    perf record -F 499 -g -o "$out/perf.data" -- "$bin" ingest --quiet --data "$out/data-perf" "$corpus" >/dev/null 2>&1
    perf report -i "$out/perf.data" --no-children --percent-limit 1.5 --stdio 2>/dev/null \
        | grep -E '^ +[0-9]' | head -40 >"$out/profile.txt"
    echo "profile (self time, top symbols):"
    cat "$out/profile.txt"
else
    echo "perf is not available here: no profile"
fi
