//! Turkish sentence rules.

use crate::sentences::SentenceRules;

/// Turkish abbreviations; "18. yüzyıl" style ordinals take a dot.
pub const RULES: SentenceRules = SentenceRules {
    code: "tr",
    abbreviations: &[
        "dr", "prof", "doç", "av", "sn", "vb", "vs", "bkz", "örn", "no", "yy", "mah", "cad", "sok", "ocak",
        "şub", "nis", "haz", "tem", "ağu", "eyl", "eki", "kas", "ara", "min", "maks",
    ],
    ordinal_dot: true,
};
