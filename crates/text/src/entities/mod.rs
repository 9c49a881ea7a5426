//! Entity mentions: people, organizations, places and countries found in an article's body blocks by
//! rules and gazetteers, each resolved to a stable canonical id (`country:KR`, `place:1850147`,
//! `person:lee-jae-myung`, `org:ecb`).
//!
//! [`find_entities`] is stateless and works on one article: countries and cities come from the
//! [`Gazetteer`] under all their names, inflected forms and adjectives; people from titles and verbs
//! of saying, with short forms ("Lee", "Herr Nakatani") merged into the full name seen in the same
//! article; organizations from cue words, known institutions and repeated acronyms. The
//! [`EntityRegistry`] then merges across articles what one article cannot ("Ishiba" alone →
//! `person:shigeru-ishiba`).
//!
//! To add a language, copy `lang/_template.rs` to `lang/<code>.rs`, fill in its titles, saying verbs,
//! organization cues, words that are never names and the country-adjective rules, and list it in
//! `lang/mod.rs`. Languages without a file use the English cues.

mod find;
mod gazetteer;
pub mod lang;
mod registry;
mod tokens;

pub use find::{find_entities, find_entities_with};
pub use gazetteer::{gazetteer_dir, Gazetteer, GazetteerEntry};
pub use registry::EntityRegistry;
