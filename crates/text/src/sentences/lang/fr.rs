//! French sentence rules.

use crate::sentences::SentenceRules;

/// French abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "fr",
    abbreviations: &[
        "m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "etc", "cf", "env", "av", "apr",
        "j.-c", "n°", "no", "p", "pp", "vol", "chap", "janv", "févr", "avr", "juil", "sept", "oct", "nov",
        "déc", "bd", "gén", "mgr", "art", "éd", "min", "max", "c.-à-d",
    ],
    ordinal_dot: false,
};
