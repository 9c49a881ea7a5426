//! German function words, for the cheap language vote that spares most calls to lingua.

/// The most frequent German function words of news prose, lower-case.
pub const WORDS: &[&str] = &[
    "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im",
    "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass", "sie",
    "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem", "über", "einen", "so", "zum",
    "war", "haben", "nur", "oder", "aber", "vor", "zur", "bis", "mehr", "durch", "man", "sein", "wurde",
    "sei", "hatte", "kann", "gegen", "vom", "schon", "wenn", "seine", "ihre", "dann", "unter", "wir", "soll",
    "eines", "diese", "dieser", "wieder", "keine", "seit", "zwischen", "jetzt", "beim", "sowie", "laut",
    "sagte",
];
