//! Language identification per article and per block. (Interface stub; the lang stage fills it.)

use model::Block;

/// A language guess with its confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Identified {
    /// ISO 639-1 code, or `und` below the confidence floor.
    pub code: &'static str,
    /// Confidence in 0..=1.
    pub confidence: f64,
}

/// Identifies the language of one text.
pub fn identify(text: &str) -> Identified {
    let _ = text;
    Identified { code: model::UNDETERMINED_LANGUAGE, confidence: 0.0 }
}

/// Sets `language` on every block and returns the article's language.
pub fn label_blocks(blocks: &mut [Block], declared: Option<&str>) -> String {
    let _ = (blocks, declared);
    model::UNDETERMINED_LANGUAGE.to_string()
}
