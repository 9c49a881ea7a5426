//! Tagalog date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Tagalog month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "tl",
    months: &[
        ("enero", 1),
        ("pebrero", 2),
        ("marso", 3),
        ("abril", 4),
        ("mayo", 5),
        ("hunyo", 6),
        ("hulyo", 7),
        ("agosto", 8),
        ("setyembre", 9),
        ("oktubre", 10),
        ("nobyembre", 11),
        ("disyembre", 12),
    ],
    connectors: &["ng"],
    ordinals: &[],
    updated: &["na-update", "binago"],
    ..EMPTY
};
