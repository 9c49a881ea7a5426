//! The index on generated copies of the shared corpus: the acceptance targets on a small set, and
//! batch versus one-at-a-time (with a save and load in the middle) giving the same groups.

use dedup::eval::{evaluate, fingerprints, Truth};
use dedup::generate::{generate, load_dev_events, load_text_dir, BaseArticle};
use dedup::{CopyIndex, DedupConfig};
use std::path::PathBuf;

fn bases() -> Vec<BaseArticle> {
    let shared = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
    let mut bases = load_dev_events(&shared.join("dev-events/articles.jsonl")).expect("dev-events");
    bases.extend(load_text_dir(&shared.join("seeds")).expect("seeds"));
    bases
}

#[test]
fn meets_the_targets_on_generated_copies() {
    let bases = bases();
    let events: Vec<Option<String>> = bases.iter().map(|b| b.event.clone()).collect();
    let generated = generate(&bases, 3000, 21);
    let config = DedupConfig::default();
    let truth = Truth::new(&generated, config.shingle_words);
    let fps = fingerprints(&generated, &config).unwrap();
    let r = evaluate(&generated, &fps, &truth, &config, &events).unwrap();
    assert!(r.positives.0 > 500 && r.positives.1 > 300, "{r:?}");
    assert!(r.link_precision >= 0.99, "link precision {r:?}");
    assert!(r.strict_near_precision >= 0.98, "strict near precision {r:?}");
    assert!(r.near_recall >= 0.95, "near recall {r:?}");
    assert!(r.containment_recall >= 0.90, "containment recall {r:?}");
    assert!(r.hard_negative_merges <= 1, "hard negatives {r:?}");
}

#[test]
fn batch_and_incremental_with_a_restart_agree() {
    let generated = generate(&bases(), 600, 5);
    let articles: Vec<_> = generated.iter().map(|g| g.to_article()).collect();
    let mut batch = CopyIndex::new(DedupConfig::default()).unwrap();
    let batch_assignments: Vec<_> = articles.iter().map(|a| batch.add(a)).collect();

    let mut first = CopyIndex::new(DedupConfig::default()).unwrap();
    let mut incremental: Vec<_> = articles[..300].iter().map(|a| first.add(a)).collect();
    let mut saved = Vec::new();
    first.save_json(&mut saved).unwrap();
    let mut second = CopyIndex::load_json(saved.as_slice()).unwrap();
    incremental.extend(articles[300..].iter().map(|a| second.add(a)));

    assert_eq!(batch_assignments, incremental);
    assert_eq!(batch.groups(), second.groups());
    assert!(batch.group_count() < 600 / 2, "copies were grouped");
}
