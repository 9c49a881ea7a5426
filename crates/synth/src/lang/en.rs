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
    scale_words: &[
        ("thousand", 1e3),
        ("million", 1e6),
        ("millions", 1e6),
        ("billion", 1e9),
        ("billions", 1e9),
        ("bn", 1e9),
        ("mn", 1e6),
    ],
    relative_pronouns: &["who", "which", "whose", "whom"],
    participle_endings: &["ing"],
    time_words: &["a.m", "p.m", "am", "pm", "gmt", "utc", "et", "edt", "est", "bst", "cet", "cest"],
};
