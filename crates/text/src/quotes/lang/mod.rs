//! Quote-attribution cues per language, one file per language (copy `_template.rs` to add one): verbs
//! of saying, the pronouns and collective words that stand for a speaker, and the small function
//! words the subject search needs. Role nouns ("the president") are not listed here: they are the
//! titles of the entity tables (`entities::lang`), kept in one place.
//!
//! Every entry is lower-case and is matched word by word against the text's words (runs of letters
//! and digits), so "according to" matches two consecutive words and "d'après" matches "d" + "après".

#[cfg(test)]
mod _template;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod pt;

/// The attribution cues of one language.
#[derive(Debug, Clone, Copy)]
pub struct QuoteLanguage {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Verbs and phrases of saying, every inflected form written out ("said", "according to").
    pub verbs: &'static [&'static str],
    /// Separable verbs: a finite form that is a verb of saying only when its particle follows later
    /// in the clause ("gaben" … "bekannt", "fügte" … "hinzu").
    pub separable_verbs: &'static [(&'static str, &'static str)],
    /// Cues that attribute a quote only as the first word after its closing mark, with the speaker
    /// after them ("„…“, so Ishiba").
    pub right_after_cues: &'static [&'static str],
    /// Prepositions of source, with the speaker after them ("according to", "selon", "laut").
    pub source_cues: &'static [&'static str],
    /// Participles of saying, whose subject is the one of the sentence's main clause ("…, adding
    /// that", "asegurando que").
    pub participles: &'static [&'static str],
    /// Auxiliaries and adverbs that may stand between a quote and an inverted verb ("», a déclaré X").
    pub auxiliaries: &'static [&'static str],
    /// Pronouns that stand for an organization ("it said").
    pub neuter_pronouns: &'static [&'static str],
    /// Definite articles: "the bank said" names no entity but is a speaker as written.
    pub definite_articles: &'static [&'static str],
    /// Third-person singular subject pronouns ("he", "she").
    pub pronouns: &'static [&'static str],
    /// Third-person plural subject pronouns, which make the speaker joint ("they").
    pub plural_pronouns: &'static [&'static str],
    /// Words that make a subject collective ("both", "the two" → "two", "beide").
    pub collectives: &'static [&'static str],
    /// Phrases that make a statement joint ("joint statement"); each word matches as a prefix of the
    /// text's word, so inflected forms match ("gemeinsam erklärung" matches "gemeinsamen Erklärung").
    pub joint_cues: &'static [&'static str],
    /// Words that join two names into one subject ("and").
    pub and_words: &'static [&'static str],
    /// Words that open a relative clause after a comma ("who"), whose names are not the subject.
    pub relatives: &'static [&'static str],
    /// Indefinite articles: "a government official said" is someone unnamed, not an earlier person.
    pub indefinite_articles: &'static [&'static str],
    /// Whether the subject pronoun is usually dropped ("—dijo." means "he said").
    pub pro_drop: bool,
    /// Whether the subject follows the verb after any fronted phrase ("Dabei betonte Ishiba"), so a
    /// name right after a verb of saying is its subject rather than its object.
    pub inverts_subject: bool,
}

/// A language's table with no entries, to start a new one from.
pub const EMPTY: QuoteLanguage = QuoteLanguage {
    code: "",
    verbs: &[],
    separable_verbs: &[],
    right_after_cues: &[],
    source_cues: &[],
    participles: &[],
    auxiliaries: &[],
    neuter_pronouns: &[],
    definite_articles: &[],
    pronouns: &[],
    plural_pronouns: &[],
    collectives: &[],
    joint_cues: &[],
    and_words: &[],
    relatives: &[],
    indefinite_articles: &[],
    pro_drop: false,
    inverts_subject: false,
};

/// Every language with attribution cues.
pub const LANGUAGES: &[QuoteLanguage] = &[de::TABLE, en::TABLE, es::TABLE, fr::TABLE, it::TABLE, pt::TABLE];

/// The cues of a language; languages without a file get the English cues, which also serve the many
/// texts that quote in English.
pub fn for_language(code: &str) -> &'static QuoteLanguage {
    LANGUAGES.iter().find(|l| l.code == code).unwrap_or(&en::TABLE)
}

/// Whether a language has its own file.
pub fn has_language(code: &str) -> bool {
    LANGUAGES.iter().any(|l| l.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_lower_case_and_codes_unique() {
        let mut codes = std::collections::HashSet::new();
        for lang in LANGUAGES.iter().chain([&_template::TABLE]) {
            assert!(codes.insert(lang.code), "{} twice", lang.code);
            let lists = [
                lang.verbs,
                lang.right_after_cues,
                lang.source_cues,
                lang.participles,
                lang.auxiliaries,
                lang.neuter_pronouns,
                lang.definite_articles,
                lang.pronouns,
                lang.plural_pronouns,
                lang.collectives,
                lang.joint_cues,
                lang.and_words,
                lang.relatives,
                lang.indefinite_articles,
            ];
            let pairs = lang.separable_verbs.iter().flat_map(|(a, b)| [*a, *b]);
            for word in lists.iter().flat_map(|l| l.iter().copied()).chain(pairs) {
                assert_eq!(word, word.to_lowercase(), "{}: {word}", lang.code);
                assert!(!word.trim().is_empty(), "{}: empty entry", lang.code);
            }
        }
        assert!(_template::TABLE.verbs.is_empty());
    }
}
