//! Acceptance on the seed articles: every entity of the gold list is found in every document it
//! lists, all its spellings under one id (through the registry where one article is not enough).

use model::{Content, EntityKind, EntityMention, Hints, RawDocument};
use std::collections::{BTreeMap, BTreeSet};
use text::entities::{find_entities, EntityRegistry};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds.gold.json");

fn seed_mentions() -> Option<Vec<(String, Vec<EntityMention>)>> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut registry = EntityRegistry::new();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name()?.to_string_lossy().to_string();
        let doc = name[..3].to_string();
        let raw = RawDocument {
            source: name.clone(),
            content: Content::Text(std::fs::read_to_string(&path).ok()?),
            hints: Hints::default(),
            warnings: Vec::new(),
        };
        let article = text::analyze(&raw).expect("seed has text");
        let mut mentions = find_entities(&article.blocks, &article.language);
        registry.resolve(&mut mentions);
        out.push((doc, mentions));
    }
    Some(out)
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
    let Some(docs) = seed_mentions() else { return };
    for (doc, mentions) in &docs {
        let path = std::fs::read_dir(SEEDS)
            .unwrap()
            .filter_map(|e| e.ok())
            .find(|e| e.file_name().to_string_lossy().starts_with(doc.as_str()))
            .unwrap();
        let raw = RawDocument {
            source: doc.clone(),
            content: Content::Text(std::fs::read_to_string(path.path()).unwrap()),
            hints: Hints::default(),
            warnings: Vec::new(),
        };
        let article = text::analyze(&raw).unwrap();
        for m in mentions {
            let block = &article.blocks[m.block as usize];
            assert!(block.kind.is_body(), "{doc}: {m:?} in a {:?} block", block.kind);
            assert_eq!(&block.text[m.offset as usize..m.offset as usize + m.surface.len()], m.surface);
        }
    }
}
