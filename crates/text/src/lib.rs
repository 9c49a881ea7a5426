//! Text stages of storyweave: plain-text cleaning into typed blocks ([`clean`]), HTML extraction
//! ([`html`]), language identification ([`lang`]) and publication dates ([`dates`]), joined per
//! article by [`analyze`].
//!
//! Per-language tables live in one file per language inside each stage's folder, after charabia:
//! copy `_template.rs` to add a language.

mod analyze;
pub mod clean;
pub mod dates;
pub mod entities;
mod error;
pub mod html;
pub mod lang;
pub mod quotes;
pub mod sentences;
pub mod site_repetition;

pub use analyze::{analyze, analyze_with, article_id, body_text, host_of, AnalyzeOptions};
pub use error::TextError;
