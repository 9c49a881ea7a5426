//! Dutch sentence rules.

use crate::sentences::SentenceRules;

/// Dutch abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "nl",
    abbreviations: &[
        "dhr", "mevr", "mw", "dr", "prof", "ir", "ing", "mr", "drs", "bijv", "bv", "enz", "etc", "d.w.z",
        "o.a", "m.b.t", "i.p.v", "ca", "nr", "blz", "jan", "feb", "mrt", "apr", "jun", "jul", "aug", "sep",
        "okt", "nov", "dec", "mln", "mld", "min", "max", "st",
    ],
    ordinal_dot: false,
};
