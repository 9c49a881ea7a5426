//! Plain-text cleaning over the dev-events articles (read in place): how many body sentences are
//! typed as non-body, how well truncation matches the labels, and how long cleaning takes.
//!
//! The non-body lines are printed for reading by eye: `cargo test -p storyweave-text --test
//! clean_dev_events -- --nocapture`.

use crate::common;

use model::BlockKind;
use std::time::Instant;
use text::clean::clean_text;

/// Share of prose sentences that may end up typed as non-body.
const MAX_DROPPED_SHARE: f64 = 0.01;
/// Truncation precision below this fails (the labels also mark teasers, so recall is not asserted).
const MIN_TRUNCATION_PRECISION: f64 = 0.8;

struct Record {
    id: String,
    text: String,
    truncated: bool,
}

fn records() -> Vec<Record> {
    common::dev_events()
        .into_iter()
        .map(|v| Record {
            id: v["id"].as_str().expect("id").to_string(),
            text: v["text"].as_str().expect("text").to_string(),
            truncated: v["truncated"].as_bool().expect("truncated"),
        })
        .collect()
}

/// A prose sentence, by structure only: a line of at least 8 words that ends with sentence-final
/// punctuation (closing quotes or brackets allowed after it).
fn is_prose_sentence(line: &str) -> bool {
    let trimmed = line.trim_end().trim_end_matches(['"', '\'', '”', '’', '»', '“', ')', ']']);
    line.split_whitespace().count() >= 8 && trimmed.ends_with(['.', '!', '?', '…'])
}

/// The looser reading: 8 words or more and a sentence end anywhere.
fn has_sentence(line: &str) -> bool {
    line.split_whitespace().count() >= 8
        && line
            .split_whitespace()
            .any(|w| w.trim_end_matches(['"', '”', '»', ')']).ends_with(['.', '!', '?']))
}

#[test]
fn few_body_sentences_are_typed_as_non_body() {
    let records = records();
    assert_eq!(records.len(), 123);
    let (mut prose, mut dropped, mut loose, mut loose_dropped) = (0usize, 0usize, 0usize, 0usize);
    let mut kind_counts = std::collections::BTreeMap::new();
    for record in &records {
        let cleaned = clean_text(&record.text);
        let non_blank = record.text.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(cleaned.blocks.len(), non_blank, "{}: a line was dropped", record.id);
        for block in &cleaned.blocks {
            *kind_counts.entry(block.kind.as_str()).or_insert(0usize) += 1;
            let body = block.kind.is_body();
            if is_prose_sentence(&block.text) {
                prose += 1;
                if !body {
                    dropped += 1;
                    eprintln!(
                        "DROPPED PROSE {} l{} {} [{}]: {}",
                        record.id,
                        block.line.unwrap_or(0),
                        block.kind.as_str(),
                        block.reason.as_deref().unwrap_or(""),
                        block.text
                    );
                }
            }
            if has_sentence(&block.text) {
                loose += 1;
                if !body {
                    loose_dropped += 1;
                }
            }
            if !matches!(block.kind, BlockKind::Paragraph) {
                let text: String = block.text.chars().take(110).collect();
                eprintln!(
                    "  {} l{:<3} {:<12} [{}] {}",
                    record.id,
                    block.line.unwrap_or(0),
                    block.kind.as_str(),
                    block.reason.as_deref().unwrap_or(""),
                    text
                );
            }
        }
    }
    let share = dropped as f64 / prose as f64;
    eprintln!("block kinds: {kind_counts:?}");
    eprintln!("prose sentences: {prose}, typed non-body: {dropped} ({:.2}%)", share * 100.0);
    eprintln!(
        "looser (8+ words, a sentence end anywhere): {loose}, typed non-body: {loose_dropped} ({:.2}%)",
        loose_dropped as f64 / loose as f64 * 100.0
    );
    assert!(share <= MAX_DROPPED_SHARE, "{dropped} of {prose} prose sentences typed as non-body");
}

#[test]
fn truncation_agrees_with_the_labels() {
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    for record in records() {
        let cleaned = clean_text(&record.text);
        let last = cleaned.blocks.iter().rev().find(|b| b.kind == BlockKind::Paragraph);
        let tail: String = last
            .map(|b| b.text.chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect())
            .unwrap_or_default();
        match (cleaned.truncated, record.truncated) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                eprintln!("FALSE POSITIVE {}: …{tail}", record.id);
            }
            (false, true) => {
                fn_ += 1;
                eprintln!("MISSED {}: …{tail}", record.id);
            }
            (false, false) => tn += 1,
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    eprintln!(
        "truncation: tp {tp}, fp {fp}, fn {fn_}, tn {tn}; precision {precision:.3}, recall {recall:.3}"
    );
    assert!(precision >= MIN_TRUNCATION_PRECISION, "truncation precision {precision:.3}");
}

#[test]
fn cleaning_speed() {
    let records = records();
    // Debug builds are ~20× slower; keep `cargo test` quick there and measure properly with --release.
    let rounds = if cfg!(debug_assertions) { 5 } else { 100 };
    let bytes: usize = records.iter().map(|r| r.text.len()).sum();
    clean_text(&records[0].text);
    let started = Instant::now();
    let mut blocks = 0;
    for _ in 0..rounds {
        for record in &records {
            blocks += clean_text(&record.text).blocks.len();
        }
    }
    let elapsed = started.elapsed();
    let articles = rounds * records.len();
    eprintln!(
        "cleaned {articles} articles ({} bytes each on average, {blocks} blocks) in {:.1} ms: {:.1} µs/article ({})",
        bytes / records.len(),
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_secs_f64() * 1e6 / articles as f64,
        if cfg!(debug_assertions) { "debug build" } else { "release build" }
    );
}
