//! German sentence rules.

use crate::sentences::SentenceRules;

/// German abbreviations; "3. Oktober" is an ordinal.
pub const RULES: SentenceRules = SentenceRules {
    code: "de",
    abbreviations: &[
        "z.b", "zb", "bzw", "ca", "usw", "etc", "dr", "prof", "nr", "str", "vgl", "ggf", "evtl", "inkl",
        "exkl", "bzgl", "d.h", "u.a", "o.ä", "u.ä", "s.o", "s.u", "mio", "mrd", "tsd", "jh", "jhd", "abs",
        "art", "hr", "fr", "hrsg", "geb", "gest", "sog", "v.a", "z.t", "u.u", "i.d.r", "jan", "feb", "märz",
        "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "mo", "di", "mi", "do", "so", "st",
        "dipl", "ing", "min", "max", "bspw", "zzgl", "allg", "gegr", "ehem",
    ],
    ordinal_dot: true,
};
