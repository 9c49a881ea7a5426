//! Date words per language, one file per language (copy `_template.rs` to add one): month names in
//! every form a news site prints them (full, abbreviated, inflected), the small words that sit
//! between the parts of a date, ordinal suffixes, "updated" cues, and for CJK the year/month/day
//! markers and era names.

#[cfg(test)]
mod _template;
mod ar;
mod cs;
mod de;
mod en;
mod es;
mod fa;
mod fr;
mod it;
mod ja;
mod ko;
mod nl;
mod pl;
mod pt;
mod ru;
mod tl;
mod tr;
mod uk;
mod ur;
mod zh;

/// The calendar a month name belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Calendar {
    /// The Gregorian calendar.
    Gregorian,
    /// The Solar Hijri (Jalali) calendar of Iran and Afghanistan.
    SolarHijri,
}

/// The date words of one language.
#[derive(Debug, Clone, Copy)]
pub struct DateLanguage {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Gregorian month names in every accepted form, lower-case, with the month number.
    pub months: &'static [(&'static str, u8)],
    /// Solar Hijri month names, lower-case, with the month number (1 = Farvardin).
    pub solar_hijri_months: &'static [(&'static str, u8)],
    /// Words allowed between day, month and year ("de" in "23 de agosto de 2025").
    pub connectors: &'static [&'static str],
    /// Suffixes glued to a day number ("23rd", "1er").
    pub ordinals: &'static [&'static str],
    /// Words that mark a date as a revision, not the first publication ("updated", "aktualisiert").
    pub updated: &'static [&'static str],
    /// Year, month and day markers of CJK-style dates ("2025年8月23日").
    pub markers: Option<CjkMarkers>,
    /// Era names with the Gregorian year before the era's first year (令和 1 = 2019, so 2018).
    pub eras: &'static [(&'static str, i32)],
    /// Whether an ambiguous numeric date (05/06/2025) is read month first when nothing else decides.
    pub numeric_month_first: bool,
    /// Weekday names, lower-case, with the ISO weekday number (1 = Monday … 7 = Sunday).
    pub weekdays: &'static [(&'static str, u8)],
    /// Parts of the day glued to a weekday in one word ("Donnerstag|abend").
    pub weekday_suffixes: &'static [&'static str],
    /// Words and phrases for a day counted from the publication day ("yesterday" = -1).
    pub relative_days: &'static [(&'static str, i32)],
    /// Words that, right before a relative-day word, make it a noun ("am Morgen", "la mañana").
    pub relative_blockers: &'static [&'static str],
    /// Phrases for a week, month or year counted from the publication date ("last week").
    pub periods: &'static [(&'static str, Period)],
    /// Words next to a weekday that put it after the publication day ("next", "kommenden").
    pub next_words: &'static [&'static str],
    /// Words next to a weekday that put it before the publication day ("last", "vergangenen").
    pub last_words: &'static [&'static str],
    /// Cheap future-tense cues: a bare weekday in such a sentence is the coming one ("will", "wird").
    pub future_cues: &'static [&'static str],
    /// Endings of future-tense verbs, for languages that inflect the future ("-rá" in "será").
    pub future_endings: &'static [&'static str],
    /// Cues that a sentence recaps something earlier ("earlier", "zuvor"), for the main event date.
    pub recap_cues: &'static [&'static str],
    /// Words for "after" that, a few words before a date, make it the date of what came before the
    /// happening ("après les élections européennes du 9 juin"), never its own.
    pub after_cues: &'static [&'static str],
    /// Words that open a span of days ("from", "vom", "du").
    pub span_from: &'static [&'static str],
    /// Words that join the two ends of a span ("to", "bis", "au").
    pub span_to: &'static [&'static str],
    /// Prepositions before a date ("on", "am", "le"); a month without day or year needs one.
    pub prepositions: &'static [&'static str],
    /// Phrases for a day counted from the previous date of the text ("the next day" = +1).
    pub after_previous: &'static [(&'static str, i32)],
    /// Number words for counted days ("two" days later), with "a"/"einen" as one.
    pub numbers: &'static [(&'static str, i32)],
    /// Words for "day" and "days".
    pub day_units: &'static [&'static str],
    /// Words after a count of days that count forward ("later", "after", "später", "nach").
    pub later_words: &'static [&'static str],
    /// Words after a count of days that count backward ("earlier", "before", "zuvor", "vor").
    pub earlier_words: &'static [&'static str],
}

/// A calendar period counted from the publication date, for "last week", "le mois dernier".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Weeks from the publication week (-1 = last week).
    Weeks(i32),
    /// Months from the publication month.
    Months(i32),
    /// Years from the publication year.
    Years(i32),
}

/// The characters that follow the year, month and day numbers in CJK-style dates.
#[derive(Debug, Clone, Copy)]
pub struct CjkMarkers {
    /// After the year.
    pub year: &'static str,
    /// After the month.
    pub month: &'static str,
    /// After the day.
    pub day: &'static str,
}

/// A language's table with no entries, to start a new one from.
pub const EMPTY: DateLanguage = DateLanguage {
    code: "",
    months: &[],
    solar_hijri_months: &[],
    connectors: &[],
    ordinals: &[],
    updated: &[],
    markers: None,
    eras: &[],
    numeric_month_first: false,
    weekdays: &[],
    weekday_suffixes: &[],
    relative_days: &[],
    relative_blockers: &[],
    periods: &[],
    next_words: &[],
    last_words: &[],
    future_cues: &[],
    future_endings: &[],
    recap_cues: &[],
    after_cues: &[],
    span_from: &[],
    span_to: &[],
    prepositions: &[],
    after_previous: &[],
    numbers: &[],
    day_units: &[],
    later_words: &[],
    earlier_words: &[],
};

/// The table of an ISO 639-1 code, if the language has one.
pub fn table(code: &str) -> Option<&'static DateLanguage> {
    LANGUAGES.iter().find(|l| l.code == code)
}

/// Every language with date words.
pub const LANGUAGES: &[DateLanguage] = &[
    ar::TABLE,
    cs::TABLE,
    de::TABLE,
    en::TABLE,
    es::TABLE,
    fa::TABLE,
    fr::TABLE,
    it::TABLE,
    ja::TABLE,
    ko::TABLE,
    nl::TABLE,
    pl::TABLE,
    pt::TABLE,
    ru::TABLE,
    tl::TABLE,
    tr::TABLE,
    uk::TABLE,
    ur::TABLE,
    zh::TABLE,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::scan::normalize;
    use std::collections::HashMap;

    #[test]
    fn month_names_are_lower_case_and_never_mean_two_months() {
        assert_eq!(_template::TABLE.months.len(), 0);
        let mut seen: HashMap<String, (Calendar, u8, &str)> = HashMap::new();
        for lang in LANGUAGES {
            let all = lang.months.iter().map(|m| (Calendar::Gregorian, m));
            let all = all.chain(lang.solar_hijri_months.iter().map(|m| (Calendar::SolarHijri, m)));
            for (calendar, (name, month)) in all {
                assert_eq!(*name, name.to_lowercase(), "{}: {name}", lang.code);
                assert!((1..=12).contains(month), "{}: {name}", lang.code);
                let key = normalize(name);
                if let Some((c, m, other)) = seen.insert(key.clone(), (calendar, *month, lang.code)) {
                    assert_eq!((c, m), (calendar, *month), "{key}: {} and {other} disagree", lang.code);
                }
            }
        }
    }

    #[test]
    fn every_gregorian_month_is_named_in_every_alphabetic_language() {
        for lang in LANGUAGES.iter().filter(|l| l.markers.is_none()) {
            for month in 1..=12u8 {
                assert!(lang.months.iter().any(|(_, m)| *m == month), "{} lacks month {month}", lang.code);
            }
        }
    }
}
