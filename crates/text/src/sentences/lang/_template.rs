//! <Language> sentence rules. To add a language: copy this file to `<iso 639-1 code>.rs`, fill in
//! the lists, and add `<code>::RULES` to `LANGUAGES` in `mod.rs`.

use crate::sentences::SentenceRules;

/// <Language> abbreviations and number conventions.
pub const RULES: SentenceRules = SentenceRules {
    code: "xx",
    // Words written with a final dot that does not end a sentence, lower-case, without the dot
    // ("dr", "e.g" for "e.g.", "jan" for "Jan.").
    abbreviations: &[],
    // Whether "3. Oktober" is an ordinal (a dot after a one- or two-digit number ends no sentence).
    ordinal_dot: false,
};
