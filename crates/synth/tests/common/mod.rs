//! Helpers shared by the synthesis tests: the seed articles analysed as the pipeline analyses them.

#![allow(dead_code)]

use model::{Article, Content, Hints, RawDocument};
use text::entities::EntityRegistry;

/// The seed articles folder, read in place.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
/// The seed annotations.
pub const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds.gold.json");

/// The five seeds as (document number "000".., article), entities resolved across them.
pub fn seed_articles() -> Option<Vec<(String, Article)>> {
    let mut files: Vec<_> = std::fs::read_dir(SEEDS).ok()?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    let mut registry = EntityRegistry::new();
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
        registry.resolve(&mut article.entities);
        out.push((name[..3].to_string(), article));
    }
    Some(out)
}

/// An article made from invented paragraphs, analysed like any text input.
pub fn article(source: &str, text: &str) -> Article {
    let raw = RawDocument {
        source: source.to_string(),
        content: Content::Text(text.to_string()),
        hints: Hints::default(),
        warnings: Vec::new(),
    };
    text::analyze(&raw).expect("invented article has text")
}

/// The encoder, when installed (`bash scripts/install-models.sh`).
pub fn encoder() -> Option<embed::UseMultilingual> {
    match embed::UseMultilingual::load_default() {
        Ok(m) => Some(m),
        Err(e) => {
            eprintln!("skipping the encoder part: {e}");
            None
        }
    }
}
