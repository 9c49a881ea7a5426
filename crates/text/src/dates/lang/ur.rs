//! Urdu date words: Gregorian month names as Pakistani and Indian Urdu sites print them.

use super::{DateLanguage, EMPTY};

/// Urdu month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "ur",
    months: &[
        ("جنوری", 1),
        ("فروری", 2),
        ("مارچ", 3),
        ("اپریل", 4),
        ("مئی", 5),
        ("جون", 6),
        ("جولائی", 7),
        ("اگست", 8),
        ("ستمبر", 9),
        ("اکتوبر", 10),
        ("نومبر", 11),
        ("دسمبر", 12),
    ],
    updated: &["اپ ڈیٹ", "تازہ کاری"],
    ..EMPTY
};
