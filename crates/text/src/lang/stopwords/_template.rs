//! <Language> function words, for the cheap language vote that spares most calls to lingua.
//!
//! To add a language: copy this file to `<iso 639-1 code>.rs`, fill in 40–60 of the most frequent
//! function words of news prose (articles, prepositions, conjunctions, pronouns, auxiliaries) in
//! lower case, and add a line to `TABLES` in `mod.rs`. The language must also be one lingua detects
//! (a feature in crates/text/Cargo.toml and an entry in `lang::LANGUAGES`).

/// The most frequent <Language> function words of news prose, lower-case.
pub const WORDS: &[&str] = &[];
