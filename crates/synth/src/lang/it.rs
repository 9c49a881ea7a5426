//! Italian synthesis cues.

use super::SynthCues;

/// Italian.
pub const CUES: SynthCues = SynthCues {
    code: "it",
    clause_openers: &[
        "e", "ma", "mentre", "perché", "poiché", "sebbene", "benché", "compreso", "compresa", "inclusi",
        "incluse",
    ],
    negations: &["non", "mai", "nessuno", "nessuna", "né", "nulla", "niente", "smentito", "smentisce"],
    percent_words: &["per cento", "punti percentuali", "punto percentuale"],
    scale_words: &[("mila", 1e3), ("milione", 1e6), ("milioni", 1e6), ("miliardo", 1e9), ("miliardi", 1e9)],
    relative_pronouns: &["che", "cui", "quale", "quali"],
    participle_endings: &["ando", "endo"],
    time_words: &["ore", "ora"],
};
