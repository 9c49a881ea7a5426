//! Acceptance on the seed articles: every entity of the gold list is found in every document it
//! lists, all its spellings under one id (through the registry where one article is not enough).

use model::{EntityKind, EntityMention};
use std::collections::{BTreeMap, BTreeSet};

use crate::common::{seed_articles, SEEDS, SEEDS_GOLD as GOLD};

fn seed_mentions() -> Option<Vec<(String, Vec<EntityMention>)>> {
    Some(seed_articles()?.into_iter().map(|(doc, article)| (doc, article.entities)).collect())
}

fn kind_of(gold: &str) -> EntityKind {
    match gold {
        "person" => EntityKind::Person,
        "country" => EntityKind::Country,
        "place" => EntityKind::Place,
        _ => EntityKind::Organization,
    }
}

/// The surface matches a gold variant; for people a title before it is allowed ("Herr Nakatani" is
/// found as "Nakatani", the title being no part of the name).
fn is_variant(surface: &str, kind: EntityKind, variants: &[String]) -> bool {
    variants
        .iter()
        .any(|v| v == surface || (kind == EntityKind::Person && v.ends_with(&format!(" {surface}"))))
}

#[test]
fn every_gold_entity_is_found_in_its_documents_under_one_id() {
    if !text::entities::gazetteer_dir().join("gazetteer.tsv").is_file() {
        eprintln!("no gazetteer installed (scripts/install-gazetteers.sh); skipped");
        return;
    }
    let Some(docs) = seed_mentions() else {
        eprintln!("seeds not found at {SEEDS}; skipped");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    let by_doc: BTreeMap<&str, &Vec<EntityMention>> = docs.iter().map(|(d, m)| (d.as_str(), m)).collect();
    let mut failures = Vec::new();
    for entity in gold["entities"].as_array().unwrap() {
        let canonical = entity["canonical"].as_str().unwrap();
        let kind = kind_of(entity["type"].as_str().unwrap());
        let variants: Vec<String> =
            entity["variants"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
        let documents: Vec<&str> =
            entity["documents"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
        // Every spelling the gold lists, wherever it is found, must carry one id. Capitals standing for
        // their government ("Washington", "Beijing") are found as the cities they name, a different
        // kind: they do not count for the country.
        let mut ids = BTreeSet::new();
        for doc in &documents {
            let hits =
                by_doc[doc].iter().filter(|m| m.kind == kind && is_variant(&m.surface, kind, &variants));
            ids.extend(hits.map(|m| m.entity.clone()));
        }
        let [id] = ids.iter().collect::<Vec<_>>()[..] else {
            failures.push(format!("{canonical}: spellings spread over ids {ids:?}"));
            continue;
        };
        // And the entity is found, under that id in any spelling ("South Korean"), in every document.
        for doc in &documents {
            if !by_doc[doc].iter().any(|m| &m.entity == id) {
                failures.push(format!("{canonical}: {id} not found in {doc}"));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn no_entity_is_found_outside_body_blocks() {
    let Some(docs) = seed_articles() else { return };
    for (doc, article) in &docs {
        for m in &article.entities {
            let block = &article.blocks[m.block as usize];
            assert!(block.kind.is_body(), "{doc}: {m:?} in a {:?} block", block.kind);
            assert_eq!(&block.text[m.offset as usize..m.offset as usize + m.surface.len()], m.surface);
        }
    }
}
