//! Timing of language identification on the dev-events articles. Ignored by default: run with
//! `cargo test --release -p storyweave-text --test integration lang_speed:: -- --ignored --nocapture`.

use crate::common;

use crate::common::paragraph_blocks;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use model::Block;
use std::time::Instant;

/// The text of every dev-events article.
fn dev_texts() -> Vec<String> {
    common::dev_events().into_iter().map(|v| v["text"].as_str().unwrap_or_default().to_string()).collect()
}

/// The 20 languages the text crate detects.
fn languages() -> Vec<Language> {
    use Language::*;
    vec![
        Arabic, Chinese, Czech, Dutch, English, French, German, Italian, Japanese, Korean, Persian, Polish,
        Portuguese, Russian, Spanish, Tagalog, Turkish, Ukrainian, Urdu, Vietnamese,
    ]
}

/// A prefix of at most `n` characters.
fn cap(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// Mean microseconds per call of `f` over all `texts`, after one warm-up pass.
fn time_per_call(texts: &[String], mut f: impl FnMut(&str)) -> f64 {
    for t in texts {
        f(t);
    }
    let rounds = 3;
    let start = Instant::now();
    for _ in 0..rounds {
        for t in texts {
            f(t);
        }
    }
    start.elapsed().as_secs_f64() * 1e6 / (rounds * texts.len()) as f64
}

#[test]
#[ignore]
fn language_id_costs() {
    let texts = dev_texts();
    let mean_len = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len();
    let mean_blocks = texts.iter().map(|t| paragraph_blocks(t).len()).sum::<usize>() / texts.len();
    println!("{} articles, mean {mean_len} chars, {mean_blocks} blocks", texts.len());

    let t0 = Instant::now();
    let high: LanguageDetector =
        LanguageDetectorBuilder::from_languages(&languages()).with_preloaded_language_models().build();
    println!(
        "build high-accuracy detector with preloaded models: {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let t0 = Instant::now();
    let low: LanguageDetector = LanguageDetectorBuilder::from_languages(&languages())
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build();
    println!("build low-accuracy detector with preloaded models: {:.0} ms", t0.elapsed().as_secs_f64() * 1e3);

    for n in [300usize, 600, 1000, 1500, 100_000] {
        let h = time_per_call(&texts, |t| {
            let _ = high.compute_language_confidence_values(cap(t, n));
        });
        let l = time_per_call(&texts, |t| {
            let _ = low.compute_language_confidence_values(cap(t, n));
        });
        println!("whole text capped at {n} chars: high {h:.0} µs, low {l:.0} µs per article");
    }
    let m = time_per_call(&texts, |t| {
        let _ = high.detect_multiple_languages_of(cap(t, 1500));
    });
    println!("detect_multiple_languages_of (1500 chars): {m:.0} µs per article");
    let blocks: Vec<Vec<Block>> = texts.iter().map(|t| paragraph_blocks(t)).collect();
    let per_block_high = time_per_call(&texts, |t| {
        for b in paragraph_blocks(t) {
            let _ = high.compute_language_confidence_values(cap(&b.text, 400));
        }
    });
    let per_block_low = time_per_call(&texts, |t| {
        for b in paragraph_blocks(t) {
            let _ = low.compute_language_confidence_values(cap(&b.text, 400));
        }
    });
    println!("every block on its own: high {per_block_high:.0} µs, low {per_block_low:.0} µs per article");
    let mut i = 0;
    let mut all = blocks.clone();
    let label = time_per_call(&texts, |_| {
        let k = i % all.len();
        i += 1;
        let _ = text::lang::label_blocks(&mut all[k], None);
    });
    println!("text::lang::label_blocks: {label:.0} µs per article");
}

#[test]
#[ignore]
fn lingua_cost_breakdown() {
    let texts = dev_texts();
    let high: LanguageDetector =
        LanguageDetectorBuilder::from_languages(&languages()).with_preloaded_language_models().build();
    for n in [20usize, 60, 119, 120, 200, 300] {
        let h = time_per_call(&texts, |t| {
            let _ = high.compute_language_confidence_values(cap(t, n));
        });
        println!("cap {n}: {h:.0} µs");
    }
    use Language::*;
    for set in [
        vec![English, German],
        vec![English, German, French],
        vec![English, German, French, Spanish, Italian, Polish],
    ] {
        let d = LanguageDetectorBuilder::from_languages(&set).build();
        for n in [120usize, 300, 600] {
            let h = time_per_call(&texts, |t| {
                let _ = d.compute_language_confidence_values(cap(t, n));
            });
            println!("{} languages, cap {n}: {h:.0} µs", set.len());
        }
    }
    let t = Instant::now();
    for _ in 0..1000 {
        let _ = LanguageDetectorBuilder::from_languages(&[English, German, French]).build();
    }
    println!("build a 3-language detector: {:.1} µs", t.elapsed().as_secs_f64() * 1e3);
}

/// How often the fast labels agree with lingua run on every block over all 20 languages.
#[test]
#[ignore]
fn agreement_with_plain_lingua() {
    let high: LanguageDetector =
        LanguageDetectorBuilder::from_languages(&languages()).with_preloaded_language_models().build();
    let (mut same, mut total) = (0, 0);
    for t in dev_texts() {
        let mut blocks = paragraph_blocks(&t);
        text::lang::label_blocks(&mut blocks, None);
        for b in blocks.iter().filter(|b| b.text.chars().count() >= 40) {
            let plain = high.detect_language_of(cap(&b.text, 400)).map(|l| l.iso_code_639_1().to_string());
            total += 1;
            if plain.as_deref() == Some(b.language.as_str()) {
                same += 1;
            } else {
                println!("fast {} / lingua {:?}: {}", b.language, plain, cap(&b.text, 100));
            }
        }
    }
    println!("blocks of 40+ chars where the fast label equals plain lingua: {same}/{total}");
}

/// label_blocks on the seeds (longer, with captions, footers and an Urdu comment widget).
#[test]
#[ignore]
fn label_blocks_on_seeds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).expect("seeds").filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let seeds: Vec<String> = paths.iter().map(|p| std::fs::read_to_string(p).expect("seed")).collect();
    for (i, s) in seeds.iter().enumerate() {
        let blocks = paragraph_blocks(s);
        let per = time_per_call(std::slice::from_ref(s), |_| {
            let mut b = blocks.clone();
            let _ = text::lang::label_blocks(&mut b, None);
        });
        println!("seed {i}: {} chars, {} blocks: label_blocks {per:.0} µs", s.chars().count(), blocks.len());
    }
}
