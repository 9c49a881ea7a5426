//! Italian function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent Italian function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "il", "lo", "la", "i", "gli", "le", "di", "del", "della", "dei", "delle", "dello", "degli", "e", "è",
    "a", "al", "alla", "ai", "alle", "in", "nel", "nella", "nei", "che", "un", "una", "uno", "per", "con",
    "su", "sul", "sulla", "da", "dal", "dalla", "non", "si", "sono", "ha", "hanno", "come", "anche", "più",
    "ma", "o", "questo", "questa", "dopo", "stato", "stata", "essere", "tra", "fra", "suo", "sua", "loro",
    "era", "quando", "ancora", "già", "secondo", "l", "d", "dell", "all", "nell", "sull", "dall",
];
