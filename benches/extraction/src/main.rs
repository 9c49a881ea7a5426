//! Runs storyweave's extractor and the maintained Rust main-content extractors over the trafilatura
//! evaluation set and prints precision, recall, F1 and time per page for each, one thread.
//!
//! `cargo run --release --manifest-path benches/extraction/Cargo.toml -- DATASET_DIR`

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use text::html::eval::{load_dataset, Confusion, EvalPage};

type Extractor = fn(&str, &str) -> Option<String>;

fn storyweave(html: &str, url: &str) -> Option<String> {
    let raw = model::RawDocument {
        source: url.to_owned(),
        content: model::Content::Html(html.to_owned()),
        hints: model::Hints { url: Some(url.to_owned()), ..model::Hints::default() },
        warnings: Vec::new(),
    };
    text::analyze(&raw).ok().map(|article| article.text)
}

fn dom_smoothie(html: &str, url: &str) -> Option<String> {
    let config = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut reader = dom_smoothie::Readability::new(html, Some(url), Some(config)).ok()?;
    reader.parse().ok().map(|article| article.text_content.to_string())
}

fn trafilatura_port(html: &str, _url: &str) -> Option<String> {
    trafilatura::extract(html, &trafilatura::Options::default()).ok().map(|r| r.content_text)
}

fn rs_trafilatura(html: &str, _url: &str) -> Option<String> {
    rs_trafilatura::extract(html).ok().map(|r| r.content_text)
}

/// The page decoded the way storyweave's HTML reader decodes it, for every extractor alike.
fn read_page(page: &EvalPage) -> Option<String> {
    let path = page.path.as_ref()?;
    let mut bytes = Vec::new();
    std::fs::File::open(path).ok()?.read_to_end(&mut bytes).ok()?;
    let mut source = ingest::HtmlFileSource::from_reader(page.file.clone(), std::io::Cursor::new(bytes));
    match ingest::Source::next_document(&mut source)?.ok()?.content {
        model::Content::Html(text) | model::Content::Text(text) => Some(text),
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: extraction-bench DATASET_DIR [NAME...]");
    let only: Vec<String> = std::env::args().skip(2).collect();
    let pages = load_dataset(Path::new(&dir)).expect("the evaluation index is readable");
    let texts: Vec<Option<String>> = pages.iter().map(read_page).collect();
    let extractors: [(&str, Extractor); 4] = [
        ("storyweave", storyweave),
        ("dom_smoothie", dom_smoothie),
        ("trafilatura (crate)", trafilatura_port),
        ("rs-trafilatura", rs_trafilatura),
    ];
    println!(
        "{:<22} {:>9} {:>9} {:>9} {:>9} {:>12} {:>8}",
        "extractor", "precision", "recall", "f1", "accuracy", "ms/page", "errors"
    );
    for (name, extract) in extractors {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let (mut total, mut even, mut odd) =
            (Confusion::default(), Confusion::default(), Confusion::default());
        let (mut elapsed, mut errors) = (Duration::ZERO, 0usize);
        for (index, (page, html)) in pages.iter().zip(&texts).enumerate() {
            let extracted = html.as_deref().and_then(|html| {
                let start = Instant::now();
                // A panicking extractor counts as a failed page, as the Python benchmark counts exceptions.
                let result = std::panic::catch_unwind(|| extract(html, &page.url)).unwrap_or(None);
                elapsed += start.elapsed();
                result
            });
            errors += usize::from(extracted.is_none());
            let counts = Confusion::of_page(page, extracted.as_deref());
            total.add(counts);
            if index % 2 == 0 {
                even.add(counts)
            } else {
                odd.add(counts)
            }
        }
        println!(
            "{name:<22} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>12.2} {:>8}   (F1 even {:.3}, odd {:.3})",
            total.precision(),
            total.recall(),
            total.f1(),
            total.accuracy(),
            elapsed.as_secs_f64() * 1e3 / pages.len().max(1) as f64,
            errors,
            even.f1(),
            odd.f1()
        );
    }
}
