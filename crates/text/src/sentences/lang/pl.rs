//! Polish sentence rules.

use crate::sentences::SentenceRules;

/// Polish abbreviations; "18. maja" style ordinals take a dot.
pub const RULES: SentenceRules = SentenceRules {
    code: "pl",
    abbreviations: &[
        "dr", "prof", "hab", "inż", "mgr", "np", "tzn", "tj", "itd", "itp", "m.in", "ok", "godz", "r", "w",
        "ul", "al", "pl", "nr", "tys", "mln", "mld", "proc", "gen", "płk", "ks", "św", "wg", "zob", "por",
        "sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru", "pkt", "tel",
        "red",
    ],
    ordinal_dot: true,
};
