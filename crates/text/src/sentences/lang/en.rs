//! English sentence rules.

use crate::sentences::SentenceRules;

/// English abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "en",
    abbreviations: &[
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col", "lt", "sgt",
        "capt", "cmdr", "adm", "rev", "hon", "pres", "vs", "etc", "e.g", "i.e", "approx", "no", "nos", "vol",
        "fig", "inc", "ltd", "co", "corp", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "u.s", "u.k",
        "u.n", "a.m", "p.m", "fla", "calif", "ala", "ga", "pa", "mass", "wash", "ave", "blvd", "mt",
    ],
    ordinal_dot: false,
};
