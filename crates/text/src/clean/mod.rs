//! Plain-text cleaning: lines into typed blocks. (Interface stub; the clean stage fills it.)

use model::Block;

/// What cleaning found in a plain-text article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CleanedText {
    /// Every non-blank line, in order, typed; `language` is left `und` for the language stage.
    pub blocks: Vec<Block>,
    /// Whether the body is cut off mid-sentence or mid-word.
    pub truncated: bool,
    /// The URL named by a source-link line, if any.
    pub source_url: Option<String>,
}

/// Splits `text` into lines and types each one.
pub fn clean_text(text: &str) -> CleanedText {
    let _ = text;
    CleanedText::default()
}

/// Whether the last body block of an article ends mid-sentence or mid-word.
pub fn is_truncated(body: &[&Block]) -> bool {
    let _ = body;
    false
}
