//! <Language> date words. To add a language: copy this file to `<iso 639-1 code>.rs`, fill in the
//! lists (lower-case; every form a news site prints: full, abbreviated without the dot, inflected),
//! and add `<code>::TABLE` to `LANGUAGES` in `mod.rs`.

use super::{DateLanguage, EMPTY};

/// <Language> month names and the words around dates.
pub const TABLE: DateLanguage = DateLanguage {
    code: "xx",
    // ("january", 1), ("jan", 1), …
    months: &[],
    // Words that may stand between day, month and year.
    connectors: &[],
    // Suffixes glued to a day number.
    ordinals: &[],
    // Words that mark a revision date.
    updated: &[],
    // Whether 05/06/2025 means May 6 when the publication date does not decide.
    numeric_month_first: false,
    // ("monday", 1) … ("sunday", 7), every form a text prints (inflected too).
    weekdays: &[],
    // Parts of the day written in one word with a weekday ("abend" in "Donnerstagabend").
    weekday_suffixes: &[],
    // ("yesterday", -1), ("today", 0), ("tomorrow", 1), phrases like ("last night", -1).
    relative_days: &[],
    // Words before a relative-day word that make it a noun ("am" Morgen).
    relative_blockers: &[],
    // ("last week", super::Period::Weeks(-1)), ("last month", Period::Months(-1)), …
    periods: &[],
    // "next" and "last" next to a weekday.
    next_words: &[],
    last_words: &[],
    // Cheap future-tense cues ("will").
    future_cues: &[],
    // Endings of inflected future verbs ("rá" in Spanish "será").
    future_endings: &[],
    // Cues that a sentence recaps an earlier event ("earlier", "previously").
    recap_cues: &[],
    // "After", a few words before the date of what came before ("after the vote of 9 June").
    after_cues: &[],
    // "from" … "to" around a span of days.
    span_from: &[],
    span_to: &[],
    // Prepositions before a date ("on", "in").
    prepositions: &[],
    // ("the next day", 1), ("the day before", -1).
    after_previous: &[],
    // ("a", 1), ("two", 2), … for "two days later".
    numbers: &[],
    // "day", "days".
    day_units: &[],
    // "later", "after" / "earlier", "before".
    later_words: &[],
    earlier_words: &[],
    ..EMPTY
};
