//! <Language> date words. To add a language: copy this file to `<iso 639-1 code>.rs`, fill in the
//! lists (lower-case; every form a news site prints: full, abbreviated without the dot, inflected),
//! and add `<code>::TABLE` to `LANGUAGES` in `mod.rs`.

use super::{DateLanguage, EMPTY};

/// <Language> month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "xx",
    // ("january", 1), ("jan", 1), …
    months: &[],
    // Words that may stand between day, month and year.
    connectors: &[],
    // Suffixes glued to a day number.
    ordinals: &[],
    // Words that mark a revision date.
    updated: &[],
    ..EMPTY
};
