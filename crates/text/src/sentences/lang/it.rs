//! Italian sentence rules.

use crate::sentences::SentenceRules;

/// Italian abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "it",
    abbreviations: &[
        "sig", "sigg", "sig.ra", "dott", "dott.ssa", "prof", "avv", "ing", "on", "sen", "gen", "s.p.a",
        "spa", "ecc", "es", "pag", "pagg", "n", "nr", "art", "vol", "cap", "gen", "feb", "mar", "apr", "mag",
        "giu", "lug", "ago", "set", "ott", "nov", "dic", "min", "max", "ca", "p.es",
    ],
    ordinal_dot: false,
};
