//! Italian date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Italian month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "it",
    months: &[
        ("gennaio", 1),
        ("gen", 1),
        ("febbraio", 2),
        ("feb", 2),
        ("marzo", 3),
        ("mar", 3),
        ("aprile", 4),
        ("apr", 4),
        ("maggio", 5),
        ("mag", 5),
        ("giugno", 6),
        ("giu", 6),
        ("luglio", 7),
        ("lug", 7),
        ("agosto", 8),
        ("ago", 8),
        ("settembre", 9),
        ("set", 9),
        ("sett", 9),
        ("ottobre", 10),
        ("ott", 10),
        ("novembre", 11),
        ("nov", 11),
        ("dicembre", 12),
        ("dic", 12),
    ],
    connectors: &[],
    ordinals: &["º"],
    updated: &["aggiornato", "aggiornamento", "modificato"],
    ..EMPTY
};
