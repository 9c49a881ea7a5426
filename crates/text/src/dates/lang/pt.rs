//! Portuguese date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Portuguese month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "pt",
    months: &[
        ("janeiro", 1),
        ("jan", 1),
        ("fevereiro", 2),
        ("fev", 2),
        ("março", 3),
        ("marco", 3),
        ("mar", 3),
        ("abril", 4),
        ("abr", 4),
        ("maio", 5),
        ("mai", 5),
        ("junho", 6),
        ("jun", 6),
        ("julho", 7),
        ("jul", 7),
        ("agosto", 8),
        ("ago", 8),
        ("setembro", 9),
        ("set", 9),
        ("outubro", 10),
        ("out", 10),
        ("novembro", 11),
        ("nov", 11),
        ("dezembro", 12),
        ("dez", 12),
    ],
    connectors: &["de", "do"],
    ordinals: &["º", "ª", "o"],
    updated: &["atualizado", "atualização", "actualizado", "modificado"],
    ..EMPTY
};
