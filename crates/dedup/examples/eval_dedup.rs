//! Measures the copy index on generated, labelled copies of the shared corpus.
//!
//! `cargo run --release -p storyweave-dedup --example eval_dedup -- [--count 20000] [--seed 7]`
//! prints Markdown tables: shingle sizes compared, then precision and recall against the thresholds.

use dedup::eval::{evaluate, fingerprints, EvalRow, Truth};
use dedup::generate::{generate, load_dev_events, load_text_dir, BaseArticle};
use dedup::DedupConfig;
use std::path::PathBuf;
use std::time::Instant;

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn corpus() -> Vec<BaseArticle> {
    let shared = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
    let mut bases = load_dev_events(&shared.join("dev-events/articles.jsonl")).expect("dev-events");
    bases.extend(load_text_dir(&shared.join("seeds")).expect("seeds"));
    bases
}

fn row(r: &EvalRow, k: usize) -> String {
    format!(
        "| {k} | {:.2} | {:.2} | {:.4} | {:.4} | {:.4} | {:.4} | {:.4} | {} | {} | {} / {} | {}/{} | {:.0} |",
        r.near_threshold,
        r.containment_threshold,
        r.link_precision,
        r.pair_precision,
        r.strict_near_precision,
        r.near_recall,
        r.containment_recall,
        r.hard_negative_merges,
        r.original_merges,
        r.positives.0,
        r.positives.1,
        r.real_copies_found.1,
        r.real_copies_found.0,
        r.adds_per_second
    )
}

const HEADER: &str = "| k | near t | cont. t | link P | pair P | strict near P | near R (J≥0.8) | cont. R (C≥0.5) | hard-neg merges | original merges | positives near / cont. | real copies grouped | adds/s |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|";

fn main() {
    let count = arg("--count", 20_000) as usize;
    let seed = arg("--seed", 7);
    let bases = corpus();
    let events: Vec<Option<String>> = bases.iter().map(|b| b.event.clone()).collect();
    let generated = generate(&bases, count, seed);
    println!("{} base articles, {} generated articles, seed {seed}\n", bases.len(), generated.len());

    let ks: &[usize] = if arg("--quick", 0) == 1 { &[] } else { &[3, 4, 5, 6] };
    println!("### Shingle size (defaults otherwise)\n\n{HEADER}");
    for &k in ks {
        let config = DedupConfig { shingle_words: k, ..DedupConfig::default() };
        let truth = Truth::new(&generated, k);
        let t = Instant::now();
        let fps = fingerprints(&generated, &config).expect("config");
        let fp_rate = generated.len() as f64 / t.elapsed().as_secs_f64();
        let r = evaluate(&generated, &fps, &truth, &config, &events).expect("eval");
        println!("{}  fingerprints/s {fp_rate:.0} merged {:?}", row(&r, k), r.merged_pairs);
    }

    let defaults = DedupConfig::default();
    let base = DedupConfig {
        probe_limit: arg("--probe", defaults.probe_limit as u64) as usize,
        max_verified: arg("--verify", defaults.max_verified as u64) as usize,
        ..defaults
    };
    let k = base.shingle_words;
    let truth = Truth::new(&generated, k);
    let fps = fingerprints(&generated, &base).expect("config");
    println!("\n### Near-duplicate threshold (containment 0.5)\n\n{HEADER}");
    let quick = arg("--quick", 0) == 1;
    let near_ts: &[f64] = if quick { &[0.85] } else { &[0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95] };
    for &t in near_ts {
        let config = DedupConfig { near_threshold: t, ..base.clone() };
        let r = evaluate(&generated, &fps, &truth, &config, &events).expect("eval");
        println!(
            "{}  origin: the original in {:.3} of groups, holds the original's text in {:.3}",
            row(&r, k),
            r.origin_is_original,
            r.origin_is_complete
        );
    }
    println!("\n### Containment threshold (near 0.8)\n\n{HEADER}");
    let cont_ts: &[f64] = if quick { &[] } else { &[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] };
    for &t in cont_ts {
        let config = DedupConfig { containment_threshold: t, ..base.clone() };
        let r = evaluate(&generated, &fps, &truth, &config, &events).expect("eval");
        println!("{}", row(&r, k));
    }
}
