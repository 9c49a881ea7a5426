//! Portuguese sentence rules.

use crate::sentences::SentenceRules;

/// Portuguese abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "pt",
    abbreviations: &[
        "sr", "sra", "srta", "dr", "dra", "prof", "profa", "eng", "gen", "etc", "ex", "p.ex", "pág", "n",
        "nº", "núm", "vol", "cap", "art", "av", "jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago",
        "set", "out", "nov", "dez", "aprox", "min", "máx", "mín", "ltda", "s.a", "eua",
    ],
    ordinal_dot: false,
};
