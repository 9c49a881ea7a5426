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
    if is_normal(raw) {
        return raw.to_string();
    }
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

/// Whether `raw` needs no whitespace normalization: single ASCII spaces between words, no other
/// whitespace and no invisible space (checked on the UTF-8 bytes of each such character).
fn is_normal(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut previous_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let odd = match b {
            b' ' => previous_space,
            b'\t' | b'\r' | 0x0B | 0x0C => true,
            // U+0085, U+00A0
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            // U+1680
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            // U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+2060
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8B | 0xA8 | 0xA9 | 0xAF),
                0x81 => matches!(next(2), 0x9F | 0xA0),
                _ => false,
            },
            // U+3000
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            // U+FEFF
            0xEF => next(1) == 0xBB && next(2) == 0xBF,
            _ => false,
        };
        if odd {
            return false;
        }
        previous_space = b == b' ';
    }
    true
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

/// The boilerplate reason [`classify_line`] gives a line, `None` when it gives another kind or
/// none. Cheaper than it: the credit and caption rules, which never say boilerplate, are not run.
pub fn boilerplate_line(text: &str) -> Option<String> {
    let normalized = normalize_whitespace(text);
    if normalized.is_empty() {
        return None;
    }
    let verdict = classify::intrinsic_boilerplate(&Line::new(1, normalized))?;
    Some(verdict.reason.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_line_agrees_with_classify_line() {
        // One line per rule of the single-line chain, including kinds that are not boilerplate and
        // lines a rule before the boilerplate ones claims first.
        let lines = [
            "#breaking #news",
            "https://example.org/a/b",
            "Read the full report at https://example.org/report/2024 today",
            "© 2024 Example Media Group",
            "© Jane Doe/Example Agency",
            "Comments (3)",
            "Leave a comment",
            "12 March 2024, 10:42",
            "Source: https://example.org/a/b",
            "Source: AFP",
            "(Reuters)",
            "By Jane Doe and John Roe",
            "Photo: Jane Doe",
            "The minister said on Tuesday that the talks would go on, and that nobody had left the room.",
            "   ",
        ];
        for line in lines {
            let full = classify_line(line).filter(|(kind, _)| *kind == BlockKind::Boilerplate);
            assert_eq!(boilerplate_line(line), full.map(|(_, reason)| reason), "{line:?}");
        }
        assert!(boilerplate_line("Comments (3)").is_some());
        assert!(boilerplate_line("Source: https://example.org/a/b").is_none());
    }

    #[test]
    fn every_kind_of_space_is_normalized() {
        // Lines never hold a newline: the text is split on it first.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32).filter(|&c| c != '\n') {
            let spacing = c.is_whitespace() || INVISIBLE_SPACES.contains(&c);
            let joined = normalize_whitespace(&format!("a{c}b"));
            if spacing {
                assert_eq!(joined, "a b", "U+{:04X}", c as u32);
            } else if c != 'a' && c != 'b' {
                assert_eq!(joined, format!("a{c}b"), "U+{:04X}", c as u32);
            }
        }
        assert_eq!(normalize_whitespace("  a \u{a0} b  "), "a b");
        assert_eq!(normalize_whitespace("„Zitat“ – Ende"), "„Zitat“ – Ende");
    }
}
