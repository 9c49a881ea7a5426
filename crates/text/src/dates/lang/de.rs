//! German date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// German month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "de",
    months: &[
        ("januar", 1),
        ("jänner", 1),
        ("jan", 1),
        ("jän", 1),
        ("februar", 2),
        ("feber", 2),
        ("feb", 2),
        ("märz", 3),
        ("maerz", 3),
        ("mär", 3),
        ("mrz", 3),
        ("april", 4),
        ("apr", 4),
        ("mai", 5),
        ("juni", 6),
        ("jun", 6),
        ("juli", 7),
        ("jul", 7),
        ("august", 8),
        ("aug", 8),
        ("september", 9),
        ("sep", 9),
        ("sept", 9),
        ("oktober", 10),
        ("okt", 10),
        ("november", 11),
        ("nov", 11),
        ("dezember", 12),
        ("dez", 12),
    ],
    connectors: &[],
    ordinals: &[],
    updated: &["aktualisiert", "aktualisierung", "geändert", "update"],
    ..EMPTY
};
