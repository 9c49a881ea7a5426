//! Polish date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Polish month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "pl",
    months: &[
        ("styczeń", 1), ("stycznia", 1), ("styczniu", 1), ("sty", 1), ("luty", 2), ("lutego", 2),
        ("lutym", 2), ("lut", 2), ("marzec", 3), ("marca", 3), ("marcu", 3), ("mar", 3), ("kwiecień", 4),
        ("kwietnia", 4), ("kwietniu", 4), ("kwi", 4), ("maj", 5), ("maja", 5), ("maju", 5),
        ("czerwiec", 6), ("czerwca", 6), ("czerwcu", 6), ("cze", 6), ("lipiec", 7), ("lipca", 7),
        ("lipcu", 7), ("lip", 7), ("sierpień", 8), ("sierpnia", 8), ("sierpniu", 8),
        ("wrzesień", 9), ("września", 9), ("wrześniu", 9), ("wrz", 9), ("październik", 10),
        ("października", 10), ("październiku", 10), ("paź", 10), ("listopad", 11), ("listopada", 11),
        ("listopadzie", 11), ("lis", 11), ("grudzień", 12), ("grudnia", 12), ("grudniu", 12),
        ("gru", 12),
    ],
    connectors: &[],
    ordinals: &[],
    updated: &["aktualizacja", "zaktualizowano", "zmieniono"],
    ..EMPTY
};
