//! Spanish sentence rules.

use crate::sentences::SentenceRules;

/// Spanish abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "es",
    abbreviations: &[
        "sr", "sra", "srta", "sres", "dr", "dra", "lic", "ing", "prof", "gral", "etc", "ej", "p.ej", "pág",
        "núm", "no", "vol", "cap", "art", "av", "avda", "ee.uu", "uu", "ud", "uds", "vd", "dña", "d", "ene",
        "feb", "abr", "ago", "sept", "oct", "nov", "dic", "aprox", "min", "máx", "mín", "a.m", "p.m", "s.a",
    ],
    ordinal_dot: false,
};
