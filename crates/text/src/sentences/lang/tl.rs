//! Tagalog sentence rules.

use crate::sentences::SentenceRules;

/// Tagalog abbreviations (titles and English loans common in Philippine news).
pub const RULES: SentenceRules = SentenceRules {
    code: "tl",
    abbreviations: &[
        "g", "gng", "bb", "dr", "sen", "rep", "gob", "pres", "sec", "atty", "engr", "hon", "st", "sto",
        "sta", "blg", "etc", "jan", "peb", "mar", "abr", "hun", "hul", "ago", "set", "okt", "nob", "dis",
    ],
    ordinal_dot: false,
};
