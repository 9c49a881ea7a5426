//! Synthesis cues for LANGUAGE. Copy this file to `xx.rs`, fill the tables, and add it to `LANGUAGES`
//! in `mod.rs`.
#![allow(dead_code)]

use super::SynthCues;

/// LANGUAGE.
pub const CUES: SynthCues = SynthCues {
    code: "xx",
    // Words that open a clause after a comma: "and", "but", "while", "which", "who", "including".
    clause_openers: &[],
    // Negation words: "not", "never", "no".
    negations: &[],
    // Beginnings of the words after a number that make it a percentage: "percent", "per cent".
    percent_words: &[],
    // Words after a number that multiply it, with the factor: ("million", 1e6).
    scale_words: &[],
    // Relative pronouns that open a comma-enclosed clause about the word before: "who", "which".
    relative_pronouns: &[],
    // Endings of a participle or gerund that opens a comma-enclosed apposition: "ing" ("Ishiba, facing …,").
    participle_endings: &[],
    // Words after a number that make it a time of day: "a.m.", "Uhr".
    time_words: &[],
};
