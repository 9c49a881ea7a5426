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
};
