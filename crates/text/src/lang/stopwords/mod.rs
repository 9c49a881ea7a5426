//! Function-word tables, one file per language (copy `_template.rs` to add one).
//!
//! A vote over these words decides the language of most news text in microseconds; lingua is asked
//! only when the vote is close or too thin.

#[cfg(test)]
mod _template;
mod ar;
mod cs;
mod de;
mod en;
mod es;
mod fa;
mod fr;
mod it;
mod nl;
mod pl;
mod pt;
mod ru;
mod tl;
mod tr;
mod uk;
mod ur;
mod vi;

/// Every language with a function-word table: ISO 639-1 code and its words.
pub const TABLES: &[(&str, &[&str])] = &[
    ("ar", ar::WORDS),
    ("cs", cs::WORDS),
    ("de", de::WORDS),
    ("en", en::WORDS),
    ("es", es::WORDS),
    ("fa", fa::WORDS),
    ("fr", fr::WORDS),
    ("it", it::WORDS),
    ("nl", nl::WORDS),
    ("pl", pl::WORDS),
    ("pt", pt::WORDS),
    ("ru", ru::WORDS),
    ("tl", tl::WORDS),
    ("tr", tr::WORDS),
    ("uk", uk::WORDS),
    ("ur", ur::WORDS),
    ("vi", vi::WORDS),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_lower_case_and_unique_per_language() {
        assert!(_template::WORDS.is_empty());
        for (code, words) in TABLES {
            let mut seen = std::collections::HashSet::new();
            for w in *words {
                assert_eq!(*w, w.to_lowercase(), "{code}: {w} is not lower-case");
                assert!(seen.insert(*w), "{code}: {w} twice");
            }
        }
    }
}
