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
};
