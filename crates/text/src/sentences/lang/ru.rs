//! Russian sentence rules.

use crate::sentences::SentenceRules;

/// Russian abbreviations.
pub const RULES: SentenceRules = SentenceRules {
    code: "ru",
    abbreviations: &[
        "г", "гг", "т.е", "т.д", "т.п", "др", "пр", "см", "ср", "стр", "тыс", "млн", "млрд", "руб", "коп",
        "ул", "д", "им", "проф", "акад", "ген", "янв", "фев", "апр", "авг", "сент", "окт", "нояб", "дек",
        "мин",
    ],
    ordinal_dot: false,
};
