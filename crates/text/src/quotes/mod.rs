//! Direct quotations with their speakers, per article.
//!
//! [`find_quotes`] reads the body blocks of an article (title, headings, paragraphs): every pair of
//! quote marks of the languages storyweave reads („…“ “…” «…» »…« "…" 「…」 and the single forms,
//! see [`quoted_spans`]) encloses a candidate; one to three words are scare quotes ("partners") and
//! are dropped, four or more are a quotation, `partial` when embedded in the writer's own sentence.
//! The speaker is found around a verb of saying in the same sentence — after the quote ("…," Ishiba
//! said / said Ishiba), before it (Ishiba said: "…"; Ahn … betonte, dass es „…“) — and is the
//! person or organization named there (`article.entities`), or what a pronoun, a role noun ("the
//! president") or a collective subject ("the two ministers") refers back to.
//!
//! Verbs, pronouns and collective words are per language in `lang/<code>.rs` (copy
//! `lang/_template.rs` to add one); role nouns are the titles of the entity tables.

mod attribution;
mod cues;
pub mod lang;
mod marks;
mod words;

pub use marks::{quoted_spans, MarkedSpan, MAX_QUOTE_BYTES};

use model::Article;
use serde::{Deserialize, Serialize};

/// The fewest words a quotation has; fewer are scare quotes ("future-oriented", "long and fraught").
pub const MIN_QUOTE_WORDS: usize = 4;

/// One direct quotation of an article with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words, without the marks (and without a comma the writer put before the closer).
    pub text: String,
    /// The speaker's canonical name, or the names of a joint speaker joined by " and "; a speaker
    /// that is not a resolved entity ("a government official") is given as written.
    pub speaker: Option<String>,
    /// Entity ids of the speaker(s), in order; empty when the speaker is not a resolved entity.
    pub speaker_entities: Vec<String>,
    /// Index of the block in `Article::blocks`.
    pub block: u32,
    /// Byte offset of the opening mark in the block's text.
    pub offset: u32,
    /// The sentence or sentences of the block holding the quote, for citation.
    pub sentence: String,
    /// How the speaker was found: `verb_after`, `verb_before`, `colon`, `pronoun`, `role`, `joint`,
    /// or `none`.
    pub attribution: String,
    /// Whether the quote is a fragment embedded in the writer's sentence rather than whole sentences.
    pub partial: bool,
}

/// The direct quotations of an article's body blocks, in text order, with their speakers.
pub fn find_quotes(article: &Article) -> Vec<Quote> {
    attribution::Document::new(article).quotes()
}

/// How many words a quotation has: words between spaces, or for text written without spaces
/// (Chinese, Japanese) one word per two characters.
pub fn word_count(text: &str) -> usize {
    let spaced = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let unspaced = text.chars().filter(|c| is_unspaced_script(*c)).count() / 2;
    spaced.max(unspaced)
}

/// Scripts written without spaces between words: CJK ideographs, kana, Thai.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F)
}
