//! Measures the HTML extractor on the trafilatura evaluation set (shared data, read in place) with
//! the benchmark's own scoring ([`text::html::eval`]): whitespace-normalized segments that must, or
//! must not, occur in the extracted text.
//!
//! Development looks at even-numbered pages (in URL order); the odd-numbered half is reported
//! separately as a check against tuning to the pages. `HTML_EVAL_DUMP=FILE` writes every miss.
//!
//! Run with `cargo test -p storyweave-text --release --test integration html_eval:: -- --ignored --nocapture`.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};
use text::html::eval::{load_dataset, normalize_whitespace, Confusion};

const EVAL_DIR: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/extraction/trafilatura-eval");

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
    let Ok(pages) = load_dataset(Path::new(EVAL_DIR)) else {
        eprintln!("no evaluation set at {EVAL_DIR}");
        return;
    };
    let (mut total, mut even, mut odd) = (Confusion::default(), Confusion::default(), Confusion::default());
    let (mut bytes_total, mut elapsed, mut measured) = (0usize, Duration::ZERO, 0usize);
    let mut page_kinds: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut dump = String::new();
    for (index, page) in pages.iter().enumerate() {
        let Some(path) = &page.path else { continue };
        let html = decode(&std::fs::read(path).expect("page is readable"));
        let start = Instant::now();
        let extraction = text::html::extract(&html, Some(&page.url));
        elapsed += start.elapsed();
        measured += 1;
        bytes_total += html.len();
        *page_kinds.entry(format!("{:?}", extraction.page_kind)).or_default() += 1;
        let body = if std::env::var("NOTITLE").is_ok() {
            let kept: Vec<model::Block> =
                extraction.blocks.iter().filter(|b| b.kind != model::BlockKind::Title).cloned().collect();
            text::html::body_text(&kept)
        } else {
            text::html::body_text(&extraction.blocks)
        };
        let counts = Confusion::of_page(page, Some(&body));
        if std::env::var("HTML_EVAL_PAGE").is_ok_and(|p| page.file.contains(&p)) {
            for b in &extraction.blocks {
                let text: String = b.text.chars().take(100).collect();
                println!("{:<12} {:<40} {text}", b.kind.as_str(), b.reason.as_deref().unwrap_or(""));
            }
        }
        total.add(counts);
        if index % 2 == 0 {
            even.add(counts);
        } else {
            odd.add(counts);
        }
        if counts.false_negatives + counts.false_positives > 0 {
            let normalized = normalize_whitespace(&body);
            let container = extraction
                .blocks
                .iter()
                .any(|b| b.reason.as_deref() == Some("outside the article container"));
            let _ = writeln!(dump, "=== {index} {} ({}) container={container}", page.file, page.url);
            for s in &page.with {
                if !normalized.contains(&normalize_whitespace(s)) {
                    let block = extraction.blocks.iter().find(|b| b.text.contains(s.trim()));
                    let why = block.map(|b| format!("{:?} {:?}", b.kind, b.reason)).unwrap_or_default();
                    let _ = writeln!(dump, "  MISS {s:?}  {why}");
                }
            }
            for s in &page.without {
                if normalized.contains(&normalize_whitespace(s)) {
                    let body: Vec<&model::Block> =
                        extraction.blocks.iter().filter(|b| b.kind.is_body()).collect();
                    let at = body
                        .iter()
                        .position(|b| normalize_whitespace(&b.text).contains(&normalize_whitespace(s)));
                    let info = at
                        .map(|i| {
                            format!(
                                "body block {i}/{} {:?} {} chars",
                                body.len(),
                                body[i].kind,
                                body[i].text.chars().count()
                            )
                        })
                        .unwrap_or_default();
                    let _ = writeln!(dump, "  LEAK {s:?}  {info}");
                }
            }
        }
    }
    if let Ok(file) = std::env::var("HTML_EVAL_DUMP") {
        std::fs::write(file, dump).expect("dump file is writable");
    }
    let line = |name: &str, c: &Confusion| {
        println!(
            "{name:<5} tp {:>4} fn {:>4} fp {:>4} tn {:>4}  precision {:.3} recall {:.3} F1 {:.3}",
            c.true_positives,
            c.false_negatives,
            c.false_positives,
            c.true_negatives,
            c.precision(),
            c.recall(),
            c.f1()
        );
    };
    line("all", &total);
    line("even", &even);
    line("odd", &odd);
    println!(
        "extraction: {:.0} µs per page ({measured} pages, {:.1} MB in {:.2} s)",
        elapsed.as_micros() as f64 / measured.max(1) as f64,
        bytes_total as f64 / 1e6,
        elapsed.as_secs_f64()
    );
    // Every eval page is an article, so any other kind is a misjudgement.
    println!("page kinds: {page_kinds:?}");
    assert!(measured > 0, "no evaluation pages found");
}
