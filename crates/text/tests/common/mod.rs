//! Loading of the shared corpus for the integration tests, read in place beside the repo (never copied).
//!
//! Not every test module uses all of it.
#![allow(dead_code)]

use model::{Article, Block, BlockKind, Content, Hints, RawDocument};
use serde_json::Value;
use std::path::PathBuf;

/// The shared corpus directory: `../shared/corpus` beside the checkout.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus");
/// The dev-events records, one JSON object per line.
pub const DEV_EVENTS: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/dev-events/articles.jsonl");
/// The directory of the five seed articles.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
/// The hand-made annotation of the seed articles.
pub const SEEDS_GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds.gold.json");

/// Every dev-events record, in file order; blank lines are skipped.
pub fn dev_events() -> Vec<Value> {
    let data = std::fs::read_to_string(DEV_EVENTS).expect("dev-events corpus beside the repo");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// The path of the seed whose file name starts with `prefix`.
pub fn seed_path(prefix: &str) -> PathBuf {
    let dir = std::fs::read_dir(SEEDS).expect("seeds beside the repo");
    dir.filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .expect("seed file")
}

/// The text of the seed whose file name starts with `prefix`.
pub fn seed_text(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).expect("readable seed")
}

/// One paragraph block per non-blank line, trimmed, with its 1-based `line`: blocks that do not
/// depend on the clean stage.
pub fn paragraph_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Block {
            kind: BlockKind::Paragraph,
            text: l.trim().to_string(),
            language: String::new(),
            line: Some(i as u32 + 1),
            url: None,
            reason: None,
        })
        .collect()
}

/// The paragraph blocks of the seed whose file name starts with `prefix`.
pub fn seed_blocks(prefix: &str) -> Vec<Block> {
    paragraph_blocks(&seed_text(prefix))
}

/// The five seeds analyzed as ingest analyzes them, their entity mentions resolved across the five in
/// file order (so a bare family name gets the full name an earlier seed gave), keyed "000".."004".
/// None when the seeds are not beside the checkout.
pub fn seed_articles() -> Option<Vec<(String, Article)>> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut registry = text::entities::EntityRegistry::new();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name()?.to_string_lossy().to_string();
        let raw = RawDocument {
            source: name.clone(),
            content: Content::Text(std::fs::read_to_string(&path).ok()?),
            hints: Hints::default(),
            warnings: Vec::new(),
        };
        let mut article = text::analyze(&raw).expect("seed has text");
        let mut mentions = text::entities::find_entities(&article.blocks, &article.language);
        registry.resolve(&mut mentions);
        article.entities = mentions;
        out.push((name[..3].to_string(), article));
    }
    Some(out)
}
