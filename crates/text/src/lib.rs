//! Text stages of storyweave: plain-text cleaning into typed blocks ([`clean`]), HTML main-content
//! extraction ([`html`]), language identification ([`lang`]) and publication dates ([`dates`]).
//!
//! Per-language tables live in one file per language inside each stage's folder, after charabia:
//! copy `_template.rs` to add a language.

pub mod clean;
pub mod dates;
mod error;
pub mod html;
pub mod lang;

pub use error::TextError;
