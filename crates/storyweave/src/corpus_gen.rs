//! A synthetic corpus for benchmarks and crash tests, made by recombining real articles.
//!
//! Each generated article takes the paragraphs of one real article, mixes in paragraphs of another
//! article in the same language, shuffles them a little, and gives the result a new site, URL, date
//! and dateline, with site boilerplate (share lines, copyright) sometimes added, so cleaning,
//! language identification, dates and the store all see realistic and distinct work. The generator
//! is deterministic: the same inputs and seed give the same corpus.

use serde_json::json;
use std::io::Write;

/// One real article the generator draws from.
#[derive(Debug, Clone)]
pub struct SourceArticle {
    /// ISO 639-1 code.
    pub language: String,
    /// Its lines of text.
    pub lines: Vec<String>,
}

/// A small, fast, deterministic random number generator (SplitMix64): enough for shuffling test data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Reads the source articles: `.txt` files of a directory and the `text` of JSONL records.
pub fn load_sources(paths: &[std::path::PathBuf]) -> anyhow::Result<Vec<SourceArticle>> {
    let mut out = Vec::new();
    for doc in ingest::read_paths(paths).flatten() {
        let Ok(article) = text::analyze(&doc) else { continue };
        let lines: Vec<String> = article.body_blocks().map(|b| b.text.clone()).collect();
        if !lines.is_empty() {
            out.push(SourceArticle { language: article.language.clone(), lines });
        }
    }
    anyhow::ensure!(!out.is_empty(), "no usable articles were found in the corpus paths");
    Ok(out)
}

const CITIES: &[&str] =
    &["BERLIN", "PARIS", "MADRID", "ROME", "LONDON", "WARSAW", "LISBON", "VIENNA", "TOKYO", "SEOUL"];
const BOILERPLATE: &[&str] = &[
    "Share this article",
    "#News #World",
    "Leave a comment",
    "Subscribe to our newsletter",
    "Kommentar hinterlassen",
    "Partager cet article",
];

/// Writes `count` generated articles as news-please JSONL records to `out`.
pub fn write_jsonl(
    sources: &[SourceArticle],
    count: usize,
    seed: u64,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let mut rng = SplitMix64::new(seed);
    for i in 0..count {
        let base = &sources[i % sources.len()];
        let same_language: Vec<&SourceArticle> =
            sources.iter().filter(|s| s.language == base.language).collect();
        let other = same_language[rng.below(same_language.len())];
        let mut lines: Vec<String> = base.lines.clone();
        // Recombine: a paragraph or two of another article on the same language go in at random places.
        for _ in 0..1 + rng.below(2) {
            let line = other.lines[rng.below(other.lines.len())].clone();
            let at = 1 + rng.below(lines.len());
            lines.insert(at.min(lines.len()), line);
        }
        if lines.len() > 3 && rng.below(3) == 0 {
            let a = 1 + rng.below(lines.len() - 1);
            let b = 1 + rng.below(lines.len() - 1);
            lines.swap(a, b);
        }
        let year = 2019 + (i / 365) % 7;
        let month = 1 + (i / 28) % 12;
        let day = 1 + i % 28;
        let city = CITIES[rng.below(CITIES.len())];
        lines[0] = format!("{city}, {day:02}.{month:02}.{year} – {}", lines[0]);
        if rng.below(2) == 0 {
            lines.push(BOILERPLATE[rng.below(BOILERPLATE.len())].to_string());
        }
        let site = format!("site{}.example", rng.below(400));
        let record = json!({
            "url": format!("https://{site}/news/{year}/{month:02}/{day:02}/story-{i}"),
            "source_domain": site,
            "language": base.language,
            "date_publish": format!("{year}-{month:02}-{day:02} 08:00:00"),
            "title": serde_json::Value::Null,
            "maintext": lines.join("\n"),
        });
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
