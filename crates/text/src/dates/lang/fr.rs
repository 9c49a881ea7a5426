//! French date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// French month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "fr",
    months: &[
        ("janvier", 1),
        ("janv", 1),
        ("février", 2),
        ("fevrier", 2),
        ("févr", 2),
        ("fevr", 2),
        ("mars", 3),
        ("avril", 4),
        ("avr", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("juil", 7),
        ("août", 8),
        ("aout", 8),
        ("septembre", 9),
        ("sept", 9),
        ("octobre", 10),
        ("oct", 10),
        ("novembre", 11),
        ("nov", 11),
        ("décembre", 12),
        ("decembre", 12),
        ("déc", 12),
        ("dec", 12),
    ],
    connectors: &[],
    ordinals: &["er"],
    updated: &["mis à jour", "mise à jour", "modifié", "actualisé"],
    ..EMPTY
};
