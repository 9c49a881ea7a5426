//! Czech sentence rules.

use crate::sentences::SentenceRules;

/// Czech abbreviations; "18. května" style ordinals take a dot.
pub const RULES: SentenceRules = SentenceRules {
    code: "cs",
    abbreviations: &[
        "dr", "prof", "ing", "mgr", "bc", "doc", "např", "tzv", "tj", "atd", "apod", "resp", "str", "č",
        "mil", "mld", "tis", "kč", "ul", "nám", "gen", "pplk", "min", "max", "cca", "r", "s.r.o", "a.s",
    ],
    ordinal_dot: true,
};
