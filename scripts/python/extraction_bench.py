"""Python trafilatura and storyweave on the same evaluation pages, in one run.

Usage: extraction_bench.py DATASET_DIR STORYWEAVE_BIN [OUT_JSON]

trafilatura runs with the evaluation's canonical settings (fast=False, tables on, comments and
formatting off) on each page's bytes, one page after another on one core, timed around the call
only, in thread CPU time (so other load on the machine does not count; wall time is kept too).
storyweave runs `storyweave eval extraction --format json --passes 5`, which times its own read,
decode and extraction of each page on one thread, also in thread CPU time, after one warm-up page
(as trafilatura gets one) and as the mean of five passes over the set: the HTML reader's decoding,
HTML to typed blocks, metadata (title, dates, author, canonical URL, site), language identification
per article and block, publication date and truncation, i.e. what trafilatura's output corresponds to;
entity mentions and event dates (later stages of `text::analyze`) are not run. Both are scored with
the benchmark's definitions: segments whitespace-normalized, plain substring tests, counts summed
over all pages.
"""

import json
import os
import re
import subprocess
import sys
import time
from importlib.metadata import version


def norm(text):
    return re.sub(r"\s+", " ", text).strip()


def score(tp, fp, fn, tn):
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0,
        "accuracy": (tp + tn) / (tp + fp + fn + tn) if tp + fp + fn + tn else 0.0,
    }


def run_trafilatura(dataset, entries):
    import trafilatura

    trafilatura.extract(b"<html><body><p>warm up</p></body></html>")
    tp = fp = fn = tn = 0
    elapsed = cpu = 0.0
    failures = 0
    for url in sorted(entries):
        item = entries[url]
        path = next(
            (p for p in (os.path.join(dataset, d, item["file"]) for d in ("cache", "eval")) if os.path.isfile(p)),
            None,
        )
        result = None
        if path is not None:
            with open(path, "rb") as f:
                page = f.read()
            start, start_cpu = time.perf_counter(), time.thread_time()
            try:
                result = trafilatura.extract(
                    page, fast=False, include_comments=False, include_tables=True, include_formatting=False
                )
            except Exception:  # counted as a page with nothing extracted, as the benchmark does
                result = None
            elapsed += time.perf_counter() - start
            cpu += time.thread_time() - start_cpu
        if not result:
            failures += 1
        text = norm(result) if isinstance(result, str) else ""
        found_with = sum(1 for s in item["with"] if text and norm(s) in text)
        found_without = sum(1 for s in item["without"] if text and norm(s) in text)
        tp += found_with
        fn += len(item["with"]) - found_with
        fp += found_without
        tn += len(item["without"]) - found_without
    out = score(tp, fp, fn, tn)
    out.update(
        documents=len(entries),
        true_positives=tp,
        false_positives=fp,
        false_negatives=fn,
        true_negatives=tn,
        seconds=cpu,
        wall_seconds=elapsed,
        pages_per_second_per_core=len(entries) / cpu if cpu else 0.0,
        empty_results=failures,
        version=version("trafilatura"),
    )
    return out


# One storyweave pass takes about two seconds, against about twenty for trafilatura's one: the mean
# of five passes is as long a measurement window, so a burst of other load on the shared core moves
# both tools' figures alike.
STORYWEAVE_PASSES = 5


def main():
    dataset, binary = sys.argv[1], sys.argv[2]
    out_path = sys.argv[3] if len(sys.argv) > 3 else None
    with open(os.path.join(dataset, "evaldata.json"), encoding="utf-8") as f:
        entries = json.load(f)
    report = subprocess.run(
        [binary, "eval", "extraction", "--dataset", dataset, "--format", "json", "--passes", str(STORYWEAVE_PASSES)],
        check=True,
        capture_output=True,
        text=True,
    )
    storyweave = json.loads(report.stdout)
    python = run_trafilatura(dataset, entries)
    ratio = storyweave["pages_per_second_per_core"] / python["pages_per_second_per_core"]
    print(f"{'tool':<24} {'precision':>9} {'recall':>9} {'f1':>9} {'pages/s/core':>13} {'cpu s':>7} {'wall s':>7}")
    for name, r in (("trafilatura " + python["version"], python), ("storyweave", storyweave)):
        print(
            f"{name:<24} {r['precision']:>9.3f} {r['recall']:>9.3f} {r['f1']:>9.3f}"
            f" {r['pages_per_second_per_core']:>13.1f} {r['seconds']:>7.1f} {r['wall_seconds']:>7.1f}"
        )
    print(f"storyweave: mean of {storyweave['passes']} passes")
    print(f"speed ratio (storyweave / trafilatura, per core): {ratio:.1f}x")
    print(f"storyweave F1 on even pages {storyweave['even']['f1']:.3f}, odd pages {storyweave['odd']['f1']:.3f}")
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            json.dump({"trafilatura": python, "storyweave": storyweave, "speed_ratio": ratio}, f, indent=2)


if __name__ == "__main__":
    main()
