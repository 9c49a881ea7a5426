"""The datasketch side of scripts/bench-dedup.sh.

Reads the labelled JSONL written by `bench_dedup write`, and for each article in order: tokenizes it like
storyweave-dedup (lowercase, runs of letters and digits), builds the 5-word shingles, a 128-permutation
datasketch MinHash of them, queries a MinHashLSH (threshold 0.8) and inserts the article. Prints
articles/s, peak RSS and the recall of the pairs (copy, original) with exact Jaccard >= 0.8 as JSON.
"""
import json
import re
import resource
import sys
import time

from datasketch import MinHash, MinHashLSH

TOKEN = re.compile(r"[^\W_]+")
K = 5
NUM_PERM = 128


def shingles(text):
    tokens = TOKEN.findall(text.lower())
    if not tokens:
        return []
    width = min(K, len(tokens))
    return [" ".join(tokens[i:i + width]).encode("utf-8") for i in range(len(tokens) - width + 1)]


def main():
    path = sys.argv[1]
    # Optional bands and rows; by default datasketch picks them for threshold 0.8.
    params = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else None
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    lsh = MinHashLSH(threshold=0.8, num_perm=NUM_PERM, params=params)
    found_by = {}
    start = time.perf_counter()
    for r in records:
        m = MinHash(num_perm=NUM_PERM)
        sh = shingles(r["text"])
        if sh:
            m.update_batch(sh)
        found_by[r["id"]] = set(lsh.query(m))
        lsh.insert(r["id"], m)
    seconds = time.perf_counter() - start
    original = {r["base"]: r["id"] for r in records if r["transform"] == "original"}
    positives = found = 0
    for r in records:
        if r["transform"] != "original" and r["jaccard"] >= 0.8:
            positives += 1
            o = original.get(r["base"])
            if o is not None and (o in found_by[r["id"]] or r["id"] in found_by[o]):
                found += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({
        "system": "datasketch MinHashLSH",
        "articles": len(records),
        "seconds": seconds,
        "articles_per_second": len(records) / seconds,
        "peak_rss_mib": peak,
        "lsh_params_bands_rows": [lsh.b, lsh.r],
        "positives": positives,
        "recall": found / max(positives, 1),
    }))


if __name__ == "__main__":
    main()
