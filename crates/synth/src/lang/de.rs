//! German synthesis cues.

use super::SynthCues;

/// German.
pub const CUES: SynthCues = SynthCues {
    code: "de",
    clause_openers: &[
        "und",
        "aber",
        "doch",
        "während",
        "wobei",
        "sowie",
        "nachdem",
        "weil",
        "obwohl",
        "einschließlich",
        "darunter",
    ],
    negations: &[
        "nicht",
        "kein",
        "keine",
        "keinen",
        "keiner",
        "keinem",
        "nie",
        "niemals",
        "weder",
        "dementiert",
    ],
    percent_words: &["prozent"],
    scale_words: &[
        ("tausend", 1e3),
        ("million", 1e6),
        ("millionen", 1e6),
        ("mio", 1e6),
        ("milliarde", 1e9),
        ("milliarden", 1e9),
        ("mrd", 1e9),
    ],
    relative_pronouns: &[
        "der", "die", "das", "dem", "den", "deren", "dessen", "welche", "welcher", "welches", "welchem",
        "welchen",
    ],
    participle_endings: &[],
    time_words: &["uhr", "mez", "mesz"],
};
