//! Measures the HTML extractor on the trafilatura evaluation pages (shared data, read in place):
//! a segment that must be kept counts as found when it occurs in the extracted body text, after
//! whitespace normalization; a segment that must be dropped counts against precision when found.
//!
//! Run with `cargo test -p storyweave-text --release --test html_eval -- --ignored --nocapture`.

use std::path::Path;
use std::time::{Duration, Instant};

const EVAL_DIR: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/extraction/trafilatura-eval");

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// UTF-8, else Latin-1: the eval pages that are not UTF-8 are Western European.
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[test]
#[ignore = "reads 146 MB of shared evaluation pages; run explicitly"]
fn segment_precision_recall_on_trafilatura_eval() {
    let dir = Path::new(EVAL_DIR);
    let index = std::fs::read_to_string(dir.join("evaldata.json")).expect("evaldata.json is readable");
    let index: serde_json::Value = serde_json::from_str(&index).expect("evaldata.json is JSON");
    let entries = index.as_object().expect("evaldata.json is an object");
    let (mut true_pos, mut false_neg, mut false_pos, mut true_neg) = (0usize, 0usize, 0usize, 0usize);
    let (mut pages, mut bytes_total, mut elapsed) = (0usize, 0usize, Duration::ZERO);
    let mut slowest = (Duration::ZERO, String::new());
    let mut page_kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (url, entry) in entries {
        let Some(file) = entry["file"].as_str() else { continue };
        let path =
            [dir.join("eval").join(file), dir.join("cache").join(file)].into_iter().find(|p| p.exists());
        let Some(path) = path else { continue };
        let html = decode(&std::fs::read(&path).expect("page is readable"));
        let start = Instant::now();
        let extraction = text::html::extract(&html, Some(url));
        let took = start.elapsed();
        elapsed += took;
        if took > slowest.0 {
            slowest = (took, file.to_string());
        }
        pages += 1;
        *page_kinds.entry(format!("{:?}", extraction.page_kind)).or_default() += 1;
        bytes_total += html.len();
        let body = normalize(&text::html::body_text(&extraction.blocks));
        let segments = |key: &str| -> Vec<String> {
            entry[key]
                .as_array()
                .map(|a| a.iter().filter_map(|s| s.as_str()).map(normalize).collect())
                .unwrap_or_default()
        };
        for segment in segments("with") {
            if body.contains(&segment) {
                true_pos += 1;
            } else {
                false_neg += 1;
            }
        }
        for segment in segments("without") {
            if body.contains(&segment) {
                false_pos += 1;
            } else {
                true_neg += 1;
            }
        }
    }
    let precision = true_pos as f64 / (true_pos + false_pos).max(1) as f64;
    let recall = true_pos as f64 / (true_pos + false_neg).max(1) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
    let accuracy = (true_pos + true_neg) as f64 / (true_pos + true_neg + false_pos + false_neg).max(1) as f64;
    println!("pages {pages}, segments: tp {true_pos} fn {false_neg} fp {false_pos} tn {true_neg}");
    println!("precision {precision:.3} recall {recall:.3} F1 {f1:.3} accuracy {accuracy:.3}");
    println!(
        "extraction: {:.0} µs per page on average ({:.1} MB in {:.2} s); slowest {:?} ({})",
        elapsed.as_micros() as f64 / pages.max(1) as f64,
        bytes_total as f64 / 1e6,
        elapsed.as_secs_f64(),
        slowest.0,
        slowest.1
    );
    // Every eval page is an article, so any other kind is a misjudgement.
    println!("page kinds: {page_kinds:?}");
    assert!(pages > 0, "no evaluation pages found");
}
