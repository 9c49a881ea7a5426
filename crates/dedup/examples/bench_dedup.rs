//! The Rust side of `scripts/bench-dedup.sh`.
//!
//! `bench_dedup write FILE [--count N] [--seed S]` writes labelled generated articles as JSONL
//! (`id`, `base`, `transform`, `text`, `jaccard`: exact Jaccard of 5-word shingles with the base's original).
//! `bench_dedup run FILE` adds them one by one to a [`CopyIndex`] on one thread and prints articles/s,
//! peak RSS, the index's heap bytes per article and the recall of pairs with Jaccard ≥ 0.8, as JSON.
//! `bench_dedup scale FILE [--count 1000000] [--distinct] [--id-chars 32]` measures the memory of the copy
//! stage's state (copy index and translated copies) for that many articles.

use dedup::eval::Truth;
use dedup::generate::{generate, load_dev_events, load_text_dir, Generated, Transform};
use dedup::{CopyIndex, DedupConfig, TranslatedCopies, TranslationConfig, TranslationSignature};
use model::PartialDate;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(Serialize, Deserialize)]
struct Record {
    id: String,
    base: usize,
    transform: Transform,
    text: String,
    jaccard: f64,
    published: Option<PartialDate>,
    site: String,
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn write(path: &str, count: usize, seed: u64) {
    let shared = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
    let mut bases = load_dev_events(&shared.join("dev-events/articles.jsonl")).expect("dev-events");
    bases.extend(load_text_dir(&shared.join("seeds")).expect("seeds"));
    let generated = generate(&bases, count, seed);
    let truth = Truth::new(&generated, 5);
    let mut out = BufWriter::new(std::fs::File::create(path).expect("create output"));
    for (g, j) in generated.iter().zip(&truth.jaccard) {
        let r = Record {
            id: g.id.clone(),
            base: g.base,
            transform: g.transform,
            text: g.text.clone(),
            jaccard: *j,
            published: g.published,
            site: g.site.clone(),
        };
        serde_json::to_writer(&mut out, &r).expect("write");
        out.write_all(b"\n").expect("write");
    }
}

fn run(path: &str) {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("open corpus"));
    let records: Vec<Record> =
        file.lines().map(|l| serde_json::from_str(&l.expect("read")).expect("json")).collect();
    let articles: Vec<_> = records
        .iter()
        .map(|r| {
            Generated {
                id: r.id.clone(),
                base: r.base,
                transform: r.transform,
                text: r.text.clone(),
                published: r.published,
                site: r.site.clone(),
                credit: None,
            }
            .to_article()
        })
        .collect();
    let rss_before = peak_rss_kib();
    let mut index = CopyIndex::new(DedupConfig::default()).expect("config");
    let start = Instant::now();
    let groups: Vec<u32> = articles.iter().map(|a| index.add(a).group).collect();
    let seconds = start.elapsed().as_secs_f64();
    let original: std::collections::HashMap<usize, usize> = records
        .iter()
        .enumerate()
        .filter(|(_, r)| r.transform == Transform::Original)
        .map(|(i, r)| (r.base, i))
        .collect();
    let (mut positives, mut found) = (0usize, 0usize);
    for (i, r) in records.iter().enumerate() {
        if r.transform != Transform::Original && r.jaccard >= 0.8 {
            positives += 1;
            found += usize::from(original.get(&r.base).is_some_and(|&o| groups[o] == groups[i]));
        }
    }
    // The same work split in two, to show where the time goes: fingerprints, then the index alone.
    let mut split = CopyIndex::new(DedupConfig::default()).expect("config");
    let t = Instant::now();
    let fps: Vec<_> = articles.iter().map(|a| split.fingerprint(&a.text)).collect();
    let fingerprint_seconds = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for (a, fp) in articles.iter().zip(fps) {
        split.add_fingerprint(a, fp);
    }
    let add_seconds = t.elapsed().as_secs_f64();
    drop(split);
    // SimHash as a first pass would cost this much per article, against at most `max_verified`
    // MinHash comparisons (128 u32 equalities each) it could save.
    let sets: Vec<Vec<u64>> = articles.iter().map(|a| dedup::shingle::shingle_set(&a.text, 5)).collect();
    let t = Instant::now();
    let sims: u64 = sets.iter().map(|s| dedup::fingerprint::simhash(s)).fold(0, |a, b| a ^ b);
    let simhash_seconds = t.elapsed().as_secs_f64();
    std::hint::black_box(sims);
    let heap = index.heap_bytes();
    println!(
        "{}",
        serde_json::json!({
            "system": "storyweave-dedup",
            "articles": records.len(),
            "seconds": seconds,
            "articles_per_second": records.len() as f64 / seconds,
            "peak_rss_mib": peak_rss_kib() as f64 / 1024.0,
            "rss_before_index_mib": rss_before as f64 / 1024.0,
            "index_heap_mib": heap as f64 / (1024.0 * 1024.0),
            "index_bytes_per_article": heap as f64 / records.len() as f64,
            "groups": index.group_count(),
            "fingerprint_seconds": fingerprint_seconds,
            "index_seconds": add_seconds,
            "simhash_seconds": simhash_seconds,
            "positives": positives,
            "recall": found as f64 / positives.max(1) as f64,
        })
    );
}

/// A bijection on `u32`, so distinct inputs give distinct, well-spread tokens.
fn spread(x: u32) -> u32 {
    let x = x.wrapping_mul(0x9E37_79B1);
    x ^ (x >> 16)
}

/// Adds `count` articles made by cycling the corpus, each with a distinct first word and an `id_len`-character
/// hexadecimal id, to a [`CopyIndex`] and a [`TranslatedCopies`] as the copy stage does, and reports the
/// heap of both and the growth of peak RSS per article. With `distinct`, every word gets the article's
/// number appended, so no two articles share a shingle, and every article gets `max_tokens` translation
/// tokens no other article has: the worst case for memory (one bucket entry per band, anchor and token
/// per article, one group each). Without it, the translation signature is the one of the article's text.
fn scale(path: &str, count: usize, distinct: bool, id_len: usize) {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("open corpus"));
    let records: Vec<Record> =
        file.lines().map(|l| serde_json::from_str(&l.expect("read")).expect("json")).collect();
    let rss_before = peak_rss_kib();
    let mut index = CopyIndex::new(DedupConfig::default()).expect("config");
    let mut translations = TranslatedCopies::new(TranslationConfig::default());
    let max_tokens = translations.config().max_tokens;
    let start = Instant::now();
    for n in 0..count {
        let r = &records[n % records.len()];
        let mut article = Generated {
            id: format!("{n:0id_len$x}"),
            base: r.base,
            transform: r.transform,
            text: if distinct {
                r.text.split_whitespace().map(|w| format!("{w}{n}")).collect::<Vec<_>>().join(" ")
            } else {
                format!("edition{n} {}", r.text)
            },
            published: r.published,
            site: r.site.clone(),
            credit: None,
        }
        .to_article();
        let signature = if distinct {
            let first = (n * max_tokens) as u32;
            TranslationSignature { tokens: (0..max_tokens as u32).map(|i| spread(first + i)).collect() }
        } else {
            translations.signature(&article)
        };
        article.blocks.clear();
        let assignment = index.add(&article);
        if assignment.matched.is_none() {
            std::hint::black_box(translations.candidates(&signature, &article.language));
        }
        translations.add(&article, signature, assignment.group, None);
    }
    let seconds = start.elapsed().as_secs_f64();
    let index_heap = index.heap_bytes();
    let translated_heap = translations.heap_bytes();
    let heap = index_heap + translated_heap;
    let rss_growth = (peak_rss_kib() - rss_before) as f64 * 1024.0;
    let mib = |b: f64| b / (1024.0 * 1024.0);
    println!(
        "{}",
        serde_json::json!({
            "articles": count,
            "distinct": distinct,
            "id_chars": id_len,
            "groups": index.group_count(),
            "seconds": seconds,
            "articles_per_second": count as f64 / seconds,
            "index_heap_mib": mib(index_heap as f64),
            "index_bytes_per_article": index_heap as f64 / count as f64,
            "translated_heap_mib": mib(translated_heap as f64),
            "translated_bytes_per_article": translated_heap as f64 / count as f64,
            "copy_stage_heap_mib": mib(heap as f64),
            "copy_stage_bytes_per_article": heap as f64 / count as f64,
            "peak_rss_growth_mib": mib(rss_growth),
            "peak_rss_growth_per_article": rss_growth / count as f64,
        })
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("write"), Some(path)) => {
            write(path, arg(&args, "--count", 100_000) as usize, arg(&args, "--seed", 7));
        }
        (Some("run"), Some(path)) => run(path),
        (Some("scale"), Some(path)) => {
            let count = arg(&args, "--count", 1_000_000) as usize;
            let distinct = args.iter().any(|a| a == "--distinct");
            scale(path, count, distinct, arg(&args, "--id-chars", 32) as usize)
        }
        _ => eprintln!(
            "usage: bench_dedup write FILE [--count N] [--seed S] | bench_dedup run FILE | bench_dedup scale FILE [--count N] [--distinct] [--id-chars 32]"
        ),
    }
}
