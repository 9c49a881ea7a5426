//! Entities over the dev-events corpus (read in place): prints the 30 entities found in the most
//! documents and the time per article, and checks that country mentions are names or country
//! adjectives, never capitalized function words.
//!
//!   cargo test -p storyweave-text --test integration entities_dev_events:: -- --nocapture

use model::{Content, EntityKind, Hints, RawDocument};
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};
use text::entities::{find_entities, EntityRegistry, Gazetteer};

const ARTICLES: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/dev-events/articles.jsonl");

#[test]
fn dev_events_top_entities_and_speed() {
    let Ok(jsonl) = std::fs::read_to_string(ARTICLES) else {
        eprintln!("dev-events not found at {ARTICLES}; skipped");
        return;
    };
    let loading = Instant::now();
    let gazetteer = Gazetteer::global();
    println!("gazetteer: {} entries loaded in {:?}", gazetteer.len(), loading.elapsed());

    let mut registry = EntityRegistry::new();
    let mut document_frequency: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut spent = Duration::ZERO;
    let mut articles = 0u32;
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = row["id"].as_str().unwrap_or_default().to_string();
        let raw = RawDocument {
            source: id.clone(),
            content: Content::Text(row["text"].as_str().unwrap_or_default().to_string()),
            hints: Hints {
                title: row["title"].as_str().map(str::to_string),
                language: row["language"].as_str().map(str::to_string),
                ..Hints::default()
            },
            warnings: Vec::new(),
        };
        let Ok(article) = text::analyze(&raw) else { continue };
        let started = Instant::now();
        let mut mentions = find_entities(&article.blocks, &article.language);
        registry.resolve(&mut mentions);
        spent += started.elapsed();
        articles += 1;
        for m in &mentions {
            if m.kind == EntityKind::Country {
                let first = m.surface.chars().next().unwrap();
                assert!(
                    first.is_uppercase()
                        || matches!(article.language.as_str(), "de" | "fr" | "es" | "it" | "pt"),
                    "{id}: lower-case country {m:?}"
                );
            }
            document_frequency.entry(m.entity.clone()).or_default().insert(id.clone());
            names.entry(m.entity.clone()).or_default().insert(m.surface.clone());
        }
    }
    assert!(articles > 100);
    let mut top: Vec<(&String, usize)> = document_frequency.iter().map(|(e, d)| (e, d.len())).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!(
        "{articles} articles, {:.0} µs per article in find_entities + resolve",
        spent.as_micros() as f64 / f64::from(articles)
    );
    for (entity, df) in top.iter().take(30) {
        let surfaces: Vec<&String> = names[*entity].iter().take(8).collect();
        println!("{df:>4}  {entity:<36} {surfaces:?}");
    }
    if std::env::var_os("ENTITIES_DUMP").is_some() {
        for (entity, df) in &top {
            println!("{df:>4}  {entity:<36} {:?}", names[*entity]);
        }
    }
}
