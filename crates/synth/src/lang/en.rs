//! English synthesis cues.

use super::SynthCues;

/// English.
pub const CUES: SynthCues = SynthCues {
    code: "en",
    clause_openers: &["and", "but", "while", "whereas", "including", "although", "though", "because"],
    negations: &[
        "not", "no", "never", "neither", "nor", "none", "nobody", "n't", "without", "denied", "denies",
    ],
    percent_words: &["percent", "per cent", "percentage"],
};
