//! Plain-text cleaning: every non-blank line becomes a typed [`Block`]; nothing is dropped.
//!
//! A line is typed first by itself — cue phrases from the per-language tables in [`cues`] (all tables,
//! since the language is not known yet) combined with its shape: length, final punctuation, script,
//! stopword density, digit share, capitals — and then by its neighbours: the headline is the first
//! headline-shaped line above body text, a heading a short unpunctuated line between paragraphs, a
//! description above a photo credit a caption, and short label-like lines next to boilerplate after
//! the last paragraph belong to the footer.

mod classify;
pub mod cues;
mod date_line;
mod line;
mod truncation;

use line::Line;
use model::{Block, BlockKind, UNDETERMINED_LANGUAGE};

pub use truncation::{ends_complete, is_truncated};

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

/// Invisible characters that scrapers leave where a space was.
const INVISIBLE_SPACES: &[char] = &['\u{200B}', '\u{FEFF}', '\u{2060}'];

/// `raw` with runs of whitespace (and zero-width spaces) made one space, trimmed.
fn normalize_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in
        raw.split(|c: char| c.is_whitespace() || INVISIBLE_SPACES.contains(&c)).filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The non-blank lines of `text` with their 1-based line numbers.
fn lines_of(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .filter_map(|(i, raw)| {
            let normalized = normalize_whitespace(raw);
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            (!normalized.is_empty()).then(|| Line::new(number, normalized))
        })
        .collect()
}

/// Splits `text` into lines and types each one.
pub fn clean_text(text: &str) -> CleanedText {
    let lines = lines_of(text);
    let verdicts = classify::classify(&lines);
    let mut source_url = None;
    let blocks: Vec<Block> = lines
        .into_iter()
        .zip(verdicts)
        .map(|(line, verdict)| {
            if verdict.kind == BlockKind::SourceLink && source_url.is_none() {
                source_url.clone_from(&verdict.url);
            }
            Block {
                kind: verdict.kind,
                text: line.text,
                language: UNDETERMINED_LANGUAGE.to_string(),
                line: Some(line.number),
                url: verdict.url,
                reason: verdict.reason,
            }
        })
        .collect();
    let body: Vec<&Block> = blocks.iter().filter(|b| b.kind.is_body()).collect();
    CleanedText { truncated: is_truncated(&body), blocks, source_url }
}

/// Types one line by itself, without its neighbours: the kind and reason when cues or shape decide
/// (boilerplate, credit, caption, source link), `None` when only context could (paragraph, title,
/// heading). Useful to other stages that have single blocks of text.
pub fn classify_line(text: &str) -> Option<(BlockKind, String)> {
    let normalized = normalize_whitespace(text);
    if normalized.is_empty() {
        return None;
    }
    let verdict = classify::intrinsic(&Line::new(1, normalized))?;
    Some((verdict.kind, verdict.reason.unwrap_or_default()))
}
