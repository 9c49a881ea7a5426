//! Timing of publication-date finding. Ignored by default: run with
//! `cargo test --release -p storyweave-text --test integration dates_speed:: -- --ignored --nocapture`.

use crate::common;

use model::{Block, Hints};
use std::time::Instant;

/// (url, blocks) of every dev-events article, one paragraph block per non-blank line.
fn dev_articles() -> Vec<(String, Vec<Block>)> {
    common::dev_events()
        .into_iter()
        .map(|v| {
            let blocks = common::paragraph_blocks(v["text"].as_str().unwrap_or_default());
            (v["url"].as_str().unwrap_or_default().to_string(), blocks)
        })
        .collect()
}

#[test]
#[ignore]
fn find_published_cost() {
    let articles = dev_articles();
    let hints = Hints::default();
    let run = || {
        for (url, blocks) in &articles {
            let _ = text::dates::find_published(&hints, None, Some(url), blocks);
        }
    };
    let t = Instant::now();
    run();
    println!("first pass (compiles the patterns): {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let rounds = 20;
    let t = Instant::now();
    for _ in 0..rounds {
        run();
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / (rounds * articles.len()) as f64;
    println!("find_published without metadata: {per:.1} µs per article");
    let t = Instant::now();
    for _ in 0..rounds {
        for s in ["Sat, 23 Aug 2025 10:00:00 +0900", "2025-08-23T10:00:00Z", "23 de agosto de 2025"] {
            let _ = text::dates::parse_date(s);
        }
    }
    println!("parse_date: {:.2} µs per string", t.elapsed().as_secs_f64() * 1e6 / (rounds * 3) as f64);
}
