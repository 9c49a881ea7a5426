//! The languages with their own sentence rules.

#[cfg(test)]
mod _template;
mod cs;
mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pl;
mod pt;
mod ru;
mod tl;
mod tr;

use crate::sentences::SentenceRules;

/// Every language with its own rules.
pub(super) const LANGUAGES: &[&SentenceRules] = &[
    &cs::RULES,
    &de::RULES,
    &en::RULES,
    &es::RULES,
    &fr::RULES,
    &it::RULES,
    &nl::RULES,
    &pl::RULES,
    &pt::RULES,
    &ru::RULES,
    &tl::RULES,
    &tr::RULES,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_lower_case_without_final_dots_and_codes_are_unique() {
        let mut codes = std::collections::HashSet::new();
        for rules in LANGUAGES.iter().copied().chain([&_template::RULES]) {
            assert!(codes.insert(rules.code), "{} twice", rules.code);
            for a in rules.abbreviations {
                assert_eq!(*a, a.to_lowercase(), "{}: {a}", rules.code);
                assert!(!a.ends_with('.') && !a.is_empty(), "{}: {a:?}", rules.code);
            }
        }
    }
}
