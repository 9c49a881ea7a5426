//! Per-language tables of the synthesis stage: the words that open a new clause after a comma, and the
//! negation words. One file per language; copy `_template.rs` to add one and list it in `LANGUAGES`.

mod de;
mod en;
mod es;
mod fr;
mod it;
mod pt;

/// The synthesis cues of one language.
#[derive(Debug, Clone, Copy)]
pub struct SynthCues {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Lower-case words that, right after a comma, open a clause that can state a fact of its own:
    /// conjunctions and "including". Relative pronouns are not among them: a relative clause alone has no
    /// subject ("who interpret it as a gesture") and aligns with anything; see `relative_pronouns`.
    pub clause_openers: &'static [&'static str],
    /// Lower-case words that negate a statement.
    pub negations: &'static [&'static str],
    /// Lower-case beginnings of the word after a number that make it a percentage ("percent",
    /// "Prozentpunkte", "pour cent").
    pub percent_words: &'static [&'static str],
    /// Lower-case words after a number that multiply it ("million", "Tausend", "mil").
    pub scale_words: &'static [(&'static str, f64)],
    /// Lower-case relative pronouns: after a comma they open a clause about the words before the comma,
    /// which becomes a statement together with them when the clause is closed by a comma ("Lee, who
    /// became president in June, …").
    pub relative_pronouns: &'static [&'static str],
    /// Lower-case endings of participles and gerunds that open a comma-enclosed apposition about the
    /// words before ("Ishiba, facing pressure in his party, …"): read like a relative clause.
    pub participle_endings: &'static [&'static str],
    /// Lower-case words after a number that make it a time of day ("Uhr", "p.m."): not a figure.
    pub time_words: &'static [&'static str],
}

/// Cues of a language without its own file: clauses split only at semicolons and dashes.
pub const DEFAULT_CUES: SynthCues = SynthCues {
    code: "",
    clause_openers: &[],
    negations: &[],
    percent_words: &[],
    scale_words: &[],
    relative_pronouns: &[],
    participle_endings: &[],
    time_words: &[],
};

const LANGUAGES: &[&SynthCues] = &[&de::CUES, &en::CUES, &es::CUES, &fr::CUES, &it::CUES, &pt::CUES];

/// The cues for an ISO 639-1 code (empty tables for a language without a file).
pub fn cues_for(language: &str) -> &'static SynthCues {
    LANGUAGES.iter().copied().find(|c| c.code == language).unwrap_or(&DEFAULT_CUES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_lower_case_and_known_languages_resolve() {
        for cues in LANGUAGES {
            let scales = cues.scale_words.iter().map(|(w, _)| w);
            for w in cues
                .clause_openers
                .iter()
                .chain(cues.negations)
                .chain(cues.percent_words)
                .chain(scales)
                .chain(cues.relative_pronouns)
                .chain(cues.participle_endings)
            {
                assert_eq!(*w, w.to_lowercase(), "{}: {w}", cues.code);
            }
            assert_eq!(cues_for(cues.code).code, cues.code);
        }
        assert!(cues_for("xx").clause_openers.is_empty());
    }
}
