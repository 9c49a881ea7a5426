#!/usr/bin/env bash
# Benchmark of the copy index against Python datasketch MinHashLSH on the same generated articles.
#
#   bash scripts/bench-dedup.sh [COUNT]      # default 100000 articles
#
# Both sides read the same labelled JSONL (made by the dedup crate's generator from ../shared/corpus),
# use 5-word shingles of lowercased letter/digit tokens and 128 permutations, and add the articles one
# at a time on one thread (datasketch: query, then insert). Prints articles/s, peak RSS and the recall
# of (copy, original) pairs with exact Jaccard >= 0.8 for each, and the speed ratio; then the memory of
# an index of 1,000,000 articles (the corpus cycled, every word suffixed so no two articles share a
# shingle: the worst case for memory).
# datasketch is installed into .venv-dedup/ (ignored by git); outputs go to bench-out/.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-100000}"
out=bench-out
mkdir -p "$out"

if [ ! -x .venv-dedup/bin/python ]; then
    python3 -m venv .venv-dedup
    .venv-dedup/bin/pip install --quiet --upgrade pip
    .venv-dedup/bin/pip install --quiet datasketch
fi
echo "datasketch $(.venv-dedup/bin/python -c 'import importlib.metadata as m; print(m.version("datasketch"))')," \
     "numpy $(.venv-dedup/bin/python -c 'import numpy; print(numpy.__version__)')"

cargo build --release --locked -p storyweave-dedup --example bench_dedup
bin=target/release/examples/bench_dedup
corpus="$out/dedup-corpus-$count.jsonl"
if [ ! -s "$corpus" ]; then
    "$bin" write "$corpus" --count "$count"
fi
echo "corpus: $corpus ($(wc -l <"$corpus") articles, $(du -h "$corpus" | cut -f1))"

"$bin" run "$corpus" | tee "$out/dedup-rust.json"
# datasketch twice: with the bands × rows it picks for threshold 0.8, and with 16 × 8, which gives the
# recall storyweave-dedup reaches (measured: 0.994 against 0.995).
.venv-dedup/bin/python scripts/python/dedup_datasketch.py "$corpus" | tee "$out/dedup-datasketch.json"
.venv-dedup/bin/python scripts/python/dedup_datasketch.py "$corpus" 16 8 | tee "$out/dedup-datasketch-16x8.json"
"$bin" scale "$corpus" --count 1000000 --distinct --id-chars 64 | tee "$out/dedup-scale.json"
python3 - "$out/dedup-rust.json" "$out/dedup-datasketch.json" "$out/dedup-datasketch-16x8.json" "$out/dedup-scale.json" <<'PY'
import json, sys
rust, *ds, scale = (json.load(open(p)) for p in sys.argv[1:5])
print(f"storyweave-dedup: {rust['articles_per_second']:.0f} articles/s, peak RSS {rust['peak_rss_mib']:.0f} MiB "
      f"(index {rust['index_bytes_per_article']:.0f} B/article), recall {rust['recall']:.4f}")
for d in ds:
    print(f"datasketch {d['lsh_params_bands_rows'][0]}x{d['lsh_params_bands_rows'][1]}: "
          f"{d['articles_per_second']:.0f} articles/s, peak RSS {d['peak_rss_mib']:.0f} MiB, recall {d['recall']:.4f}"
          f"  -> storyweave-dedup is {rust['articles_per_second'] / d['articles_per_second']:.1f}x faster")
print(f"1,000,000 distinct articles (worst case): index heap {scale['index_heap_mib']:.0f} MiB ({scale['index_bytes_per_article']:.0f} B/article), "
      f"copy stage heap {scale['copy_stage_heap_mib']:.0f} MiB, peak RSS growth {scale['peak_rss_growth_mib']:.0f} MiB, {scale['articles_per_second']:.0f} articles/s")
PY
