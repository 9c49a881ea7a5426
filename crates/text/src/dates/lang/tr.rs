//! Turkish date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Turkish month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "tr",
    months: &[
        ("ocak", 1),
        ("oca", 1),
        ("şubat", 2),
        ("subat", 2),
        ("şub", 2),
        ("mart", 3),
        ("mar", 3),
        ("nisan", 4),
        ("nis", 4),
        ("mayıs", 5),
        ("mayis", 5),
        ("haziran", 6),
        ("haz", 6),
        ("temmuz", 7),
        ("tem", 7),
        ("ağustos", 8),
        ("agustos", 8),
        ("ağu", 8),
        ("agu", 8),
        ("eylül", 9),
        ("eylul", 9),
        ("eyl", 9),
        ("ekim", 10),
        ("eki", 10),
        ("kasım", 11),
        ("kasim", 11),
        ("kas", 11),
        ("aralık", 12),
        ("aralik", 12),
    ],
    connectors: &[],
    ordinals: &[],
    updated: &["güncellendi", "güncelleme", "güncellenme"],
    ..EMPTY
};
