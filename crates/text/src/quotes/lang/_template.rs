//! <Language> quote-attribution cues. To add a language: copy this file to `<iso 639-1 code>.rs`,
//! fill in the lists (lower-case, every inflected form written out), and add `<code>::TABLE` to
//! `LANGUAGES` in `mod.rs`. Write word classes that generalize, never strings of one corpus.

use super::QuoteLanguage;

/// <Language> verbs of saying, pronouns and collective words.
pub const TABLE: QuoteLanguage = QuoteLanguage {
    code: "xx",
    // Verbs and phrases of saying: "said", "says", "according to".
    verbs: &[],
    // (finite form, particle) of verbs split around their subject: ("gab", "bekannt").
    separable_verbs: &[],
    // Cues that count only right after the closing mark: German "so".
    right_after_cues: &[],
    // Prepositions of source: "according to".
    source_cues: &[],
    // Participles of saying whose subject is the main clause's: "saying", "adding".
    participles: &[],
    // Words that may stand between a quote and an inverted verb: French "a" in "a déclaré X".
    auxiliaries: &[],
    // Pronouns for organizations: "it".
    neuter_pronouns: &[],
    // "the".
    definite_articles: &[],
    // "he", "she".
    pronouns: &[],
    // "they".
    plural_pronouns: &[],
    // "both", "two".
    collectives: &[],
    // "joint statement", "jointly".
    joint_cues: &[],
    // "and".
    and_words: &[],
    // "who", "which".
    relatives: &[],
    // "a", "an".
    indefinite_articles: &[],
    // Whether "—said." without a subject means "he said".
    pro_drop: false,
    // Whether the subject follows the verb after a fronted phrase: German "Dabei betonte Ishiba".
    inverts_subject: false,
};
