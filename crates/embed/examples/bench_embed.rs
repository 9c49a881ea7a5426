//! Encoder benchmark (run by scripts/bench-embed.sh): reads a JSONL corpus (news-please records or
//! dev-events lines), takes SENTENCES sentences and ARTICLES articles, writes them as the Python
//! benchmark's input, and measures model load, sentences/s, articles/s and peak memory.
//!
//!   bench_embed CORPUS.jsonl INPUT_OUT.json [SENTENCES] [ARTICLES]

use embed::{document_vectors, Document, Embedder, Pooling, UseMultilingual};
use std::time::Instant;

#[derive(serde::Deserialize)]
struct Record {
    language: String,
    title: Option<String>,
    #[serde(alias = "maintext")]
    text: String,
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU seconds (user + system, all threads) of this process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are
    // fields 14 and 15, in clock ticks of 1/100 s.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<f64> = rest.split_whitespace().map(|f| f.parse().unwrap_or(0.0)).collect();
    (fields.get(11).unwrap_or(&0.0) + fields.get(12).unwrap_or(&0.0)) / 100.0
}

/// The median wall time of `runs` runs, and the CPU time of that run.
fn median_seconds(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<(f64, f64)> = (0..runs)
        .map(|_| {
            let (t, c) = (Instant::now(), cpu_seconds());
            f();
            (t.elapsed().as_secs_f64(), cpu_seconds() - c)
        })
        .collect();
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    times[runs / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (corpus, input_out) = (&args[1], &args[2]);
    let n_sentences: usize = args.get(3).map_or(2000, |s| s.parse().unwrap());
    let n_articles: usize = args.get(4).map_or(500, |s| s.parse().unwrap());
    let records: Vec<Record> = std::fs::read_to_string(corpus)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .take(n_articles)
        .collect();
    assert_eq!(records.len(), n_articles, "the corpus has fewer articles than asked");
    let docs: Vec<Document> = records
        .iter()
        .map(|r| Document { title: r.title.as_deref(), text: &r.text, language: &r.language })
        .collect();
    let article_sentences: Vec<Vec<&str>> = docs.iter().map(Document::sentences).collect();
    let mut sentences: Vec<&str> = article_sentences.iter().flatten().copied().collect();
    sentences.sort_unstable();
    sentences.dedup();
    // The distinct sentences of the articles, repeated in the same order when there are fewer than
    // asked (neither implementation caches, so a repeat costs as much as a new sentence).
    let distinct = sentences.len();
    let sentences: Vec<&str> = sentences.iter().cycle().take(n_sentences).copied().collect();
    let input = serde_json::json!({ "sentences": sentences, "articles": article_sentences });
    std::fs::write(input_out, serde_json::to_vec(&input).unwrap()).unwrap();

    let rss_before = peak_rss_mib();
    let t = Instant::now();
    let model = UseMultilingual::load_default().unwrap_or_else(|e| panic!("{e}"));
    let load = t.elapsed().as_secs_f64();

    model.embed(&sentences[..50]).unwrap();
    let (s_time, s_cpu) = median_seconds(3, || {
        model.embed(&sentences).unwrap();
    });
    let (a_time, a_cpu) = median_seconds(3, || {
        document_vectors(&model, &docs, Pooling::default()).unwrap();
    });
    let pieces: usize = sentences.iter().map(|s| model.pieces(s).len()).sum();
    let article_sentence_count: usize = article_sentences.iter().map(Vec::len).sum();
    let out = serde_json::json!({
        "impl": "rust",
        "threads": rayon::current_num_threads(),
        "load_seconds": load,
        "sentences": n_sentences,
        "distinct_sentences": distinct.min(n_sentences),
        "sentence_pieces": pieces,
        "sentences_seconds": s_time,
        "sentences_per_second": n_sentences as f64 / s_time,
        "sentences_cpu_seconds": s_cpu,
        "articles": n_articles,
        "article_sentences": article_sentence_count,
        "articles_seconds": a_time,
        "articles_per_second": n_articles as f64 / a_time,
        "articles_cpu_seconds": a_cpu,
        "peak_rss_mib": peak_rss_mib(),
        "rss_before_load_mib": rss_before,
    });
    println!("{out}");
}
