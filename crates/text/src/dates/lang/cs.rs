//! Czech date words: month names in every form the date parser accepts.

use super::{DateLanguage, EMPTY};

/// Czech month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "cs",
    months: &[
        ("leden", 1),
        ("ledna", 1),
        ("lednu", 1),
        ("únor", 2),
        ("února", 2),
        ("únoru", 2),
        ("březen", 3),
        ("března", 3),
        ("březnu", 3),
        ("duben", 4),
        ("dubna", 4),
        ("dubnu", 4),
        ("květen", 5),
        ("května", 5),
        ("květnu", 5),
        ("červen", 6),
        ("června", 6),
        ("červnu", 6),
        ("červenec", 7),
        ("července", 7),
        ("červenci", 7),
        ("srpen", 8),
        ("srpna", 8),
        ("srpnu", 8),
        ("září", 9),
        ("říjen", 10),
        ("října", 10),
        ("říjnu", 10),
        ("listopad", 11),
        ("listopadu", 11),
        ("prosinec", 12),
        ("prosince", 12),
        ("prosinci", 12),
    ],
    connectors: &[],
    ordinals: &[],
    updated: &["aktualizováno", "aktualizace", "upraveno"],
    // "After" before the date of what came before: "after the elections of 9 June".
    after_cues: &["po"],
    ..EMPTY
};
