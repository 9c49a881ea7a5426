//! Finding date expressions in a string: textual dates built from the per-language month tables,
//! numeric dates, and CJK dates with year/month/day markers.
//!
//! Everything is matched on a normalized copy of the text (lower case, ASCII digits, Arabic-script
//! letter variants folded), so the tables need one spelling per form.

use super::calendar::from_solar_hijri;
use super::lang::{Calendar, LANGUAGES};
use model::PartialDate;
use regex::{Captures, Regex};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Folds a text for matching: lower case, every kind of decimal digit to ASCII, Arabic-script letter
/// variants to one form, invisible marks and diacritics dropped, exotic spaces to a plain space,
/// typographic apostrophes to `'`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// [`normalize`] with, for every byte of the result and one past its end, the byte offset in `text`
/// of the character it came from, so that a match can be quoted as written.
pub fn normalize_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        fold_char(c, &mut out);
        map.resize(out.len(), at);
    }
    map.push(text.len());
    (out, map)
}

/// Appends the folded form of one character (possibly nothing) to `out`.
fn fold_char(c: char, out: &mut String) {
    let cp = c as u32;
    let folded = match cp {
        0x660..=0x669 => char::from(b'0' + (cp - 0x660) as u8),
        0x6F0..=0x6F9 => char::from(b'0' + (cp - 0x6F0) as u8),
        0xFF10..=0xFF19 => char::from(b'0' + (cp - 0xFF10) as u8),
        // Hamza and madda forms of alef, and alef wasla, are written as plain alef in the tables.
        0x622 | 0x623 | 0x625 | 0x671 => 'ا',
        // Arabic yeh and alef maksura vs Persian/Urdu yeh; Arabic vs Persian/Urdu kaf.
        0x64A | 0x649 => 'ی',
        0x643 => 'ک',
        0x60C => ',',
        // Tatweel, harakat, superscript alef, zero-width and direction marks.
        0x640 | 0x64B..=0x65F | 0x670 | 0x200B..=0x200F | 0x61C | 0xFEFF => return,
        0xA0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ' ',
        // The tables write "aujourd'hui" with a plain apostrophe.
        0x2019 | 0x2BC => '\'',
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// A month name's meaning.
#[derive(Debug, Clone, Copy)]
struct MonthName {
    month: u8,
    calendar: Calendar,
}

/// Every month name of every language, normalized.
static MONTH_NAMES: LazyLock<HashMap<String, MonthName>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for lang in LANGUAGES {
        for (name, month) in lang.months {
            map.insert(normalize(name), MonthName { month: *month, calendar: Calendar::Gregorian });
        }
        for (name, month) in lang.solar_hijri_months {
            map.insert(normalize(name), MonthName { month: *month, calendar: Calendar::SolarHijri });
        }
    }
    map
});

/// A regex alternation of `words`, longest first so that "sept" wins over "sep".
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<String> = words.map(|w| regex::escape(&normalize(w))).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words.join("|")
}

/// The kinds of date expression, each with its own pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Day, month name, year: "23 August 2025", "23 de agosto de 2025", "23. August 2025".
    DayMonthYear,
    /// Month name, day, year: "August 23, 2025", "اگست 23, 2025".
    MonthDayYear,
    /// Month name and year: "August 2025".
    MonthYear,
    /// Year first, numeric: "2025-08-23", "2025/08/23", "2025. 8. 23.".
    YearFirstNumeric,
    /// Day (or US month) first, numeric: "23.08.2025", "23/08/2025", "8/23/2025".
    DayFirstNumeric,
    /// CJK markers: "2025年8月23日", "2025년 8월 23일", "令和7年8月23日".
    Cjk,
    /// Day and month name without a year ("Aug. 23"), only for datelines.
    DayMonth,
    /// Month name and day without a year ("23 August"), only for datelines.
    MonthDay,
}

/// The compiled patterns, one per [`Shape`], in the order they are tried.
static PATTERNS: LazyLock<Vec<(Shape, Regex)>> = LazyLock::new(|| {
    let month = alternation(
        LANGUAGES.iter().flat_map(|l| l.months.iter().chain(l.solar_hijri_months).map(|(n, _)| *n)),
    );
    let ordinal = alternation(LANGUAGES.iter().flat_map(|l| l.ordinals.iter().copied()));
    let connector = alternation(LANGUAGES.iter().flat_map(|l| l.connectors.iter().copied()));
    let markers = |pick: fn(&super::lang::CjkMarkers) -> &'static str| {
        alternation(LANGUAGES.iter().filter_map(|l| l.markers.as_ref()).map(pick))
    };
    let (year_mark, month_mark, day_mark) = (markers(|m| m.year), markers(|m| m.month), markers(|m| m.day));
    let era = alternation(LANGUAGES.iter().flat_map(|l| l.eras.iter().map(|(e, _)| *e)));
    // A month may be given twice, as in Levantine Arabic "آب/أغسطس".
    let m = format!(r"(?P<m>{month})\.?(?:\s*/\s*(?:{month})\.?)?");
    let d = format!(r"(?P<d>[0-9]{{1,2}})(?:-?(?:{ordinal}))?\.?");
    let conn = format!(r"(?:(?:{connector})\s+)?");
    let sep = r"[\s,/\-]*";
    let y = r"(?P<y>[0-9]{4})";
    let specs = [
        (Shape::DayMonthYear, format!(r"{d}{sep}{conn}{m}{sep}{conn}{y}")),
        (Shape::MonthDayYear, format!(r"{m}\s*{d}(?:\s*,\s*|\s+){y}")),
        (
            Shape::YearFirstNumeric,
            format!(r"{y}(?P<s1>[-./])\s?(?P<m>[0-9]{{1,2}})(?P<s2>[-./])\s?(?P<d>[0-9]{{1,2}})"),
        ),
        (
            Shape::DayFirstNumeric,
            r"(?P<d>[0-9]{1,2})(?P<s1>[-./])(?P<m>[0-9]{1,2})(?P<s2>[-./])(?P<y>[0-9]{4}|[0-9]{2})"
                .to_string(),
        ),
        (
            Shape::Cjk,
            format!(
                r"(?P<era>{era})?\s*(?P<y>[0-9]{{1,4}}|元)\s*(?:{year_mark})\s*(?P<m>[0-9]{{1,2}})\s*(?:{month_mark})(?:\s*(?P<d>[0-9]{{1,2}})\s*(?:{day_mark}))?"
            ),
        ),
        (Shape::MonthYear, format!(r"{m},?\s+{conn}{y}")),
        (Shape::DayMonth, format!(r"{d}\s*{conn}{m}")),
        (Shape::MonthDay, format!(r"{m}\s*{d}")),
    ];
    specs
        .into_iter()
        .map(|(shape, pattern)| (shape, Regex::new(&pattern).expect("date pattern compiles")))
        .collect()
});

/// What a date expression says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A date with a year, to the precision written.
    Date(PartialDate),
    /// Month and day without a year ("Aug. 23"), from the dateline-only shapes.
    MonthDay(u8, u8),
}

/// One date expression found in a normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// What it says.
    pub when: When,
    /// Which pattern matched.
    pub shape: Shape,
    /// Byte range in the normalized text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// Whether the match does not start or end inside a number or a word.
fn well_bounded(text: &str, start: usize, end: usize, shape: Shape) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let month_first = matches!(shape, Shape::MonthDayYear | Shape::MonthYear | Shape::MonthDay);
    if before.is_some_and(|c| c.is_ascii_digit() || (month_first && c.is_alphabetic())) {
        return false;
    }
    // "1.23.08.2025" or "23.08.2025.5" are version numbers or ids, not dates.
    let digit_run_before = text[..start].ends_with(|c: char| ".-/".contains(c))
        && text[..start].trim_end_matches(['.', '-', '/']).ends_with(|c: char| c.is_ascii_digit());
    let numeric = matches!(shape, Shape::DayFirstNumeric | Shape::YearFirstNumeric);
    if numeric && digit_run_before {
        return false;
    }
    match next {
        Some(c) if c.is_ascii_digit() => false,
        Some(c) if numeric && ".-/".contains(c) => !after.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) if matches!(shape, Shape::DayMonth | Shape::MonthDay | Shape::MonthYear) => {
            !(c.is_alphabetic() && shape == Shape::DayMonth)
        }
        _ => true,
    }
}

/// A year written with two digits, read as 20xx (only day-first dotted dates use them).
fn full_year(y: &str) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    match y.len() {
        4 => Some(n),
        2 => Some(2000 + n),
        _ => None,
    }
}

/// The date a match stands for, or `None` when its parts do not make a real date.
fn interpret(shape: Shape, caps: &Captures) -> Option<When> {
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let month_name = || caps.name("m").and_then(|m| MONTH_NAMES.get(m.as_str()).copied());
    let day = num("d").map(|d| u8::try_from(d).unwrap_or(0));
    match shape {
        Shape::DayMonthYear | Shape::MonthDayYear | Shape::MonthYear => {
            let name = month_name()?;
            let year = i32::try_from(num("y")?).ok()?;
            let date = match name.calendar {
                Calendar::SolarHijri => from_solar_hijri(year, name.month, day)?,
                Calendar::Gregorian => match day {
                    Some(day) => PartialDate::ymd(year, name.month, day)?,
                    None => PartialDate::ym(year, name.month)?,
                },
            };
            Some(When::Date(date))
        }
        Shape::DayMonth | Shape::MonthDay => {
            let name = month_name()?;
            let day = day?;
            let valid = name.calendar == Calendar::Gregorian
                && (1..=super::calendar::days_in_month(2024, name.month)).contains(&day);
            valid.then_some(When::MonthDay(name.month, day))
        }
        Shape::YearFirstNumeric | Shape::DayFirstNumeric => {
            let (s1, s2) = (caps.name("s1")?.as_str(), caps.name("s2")?.as_str());
            if s1 != s2 {
                return None;
            }
            let y = caps.name("y")?.as_str();
            if y.len() == 2 && s1 != "." {
                return None;
            }
            let year = full_year(y)?;
            let (a, b) = (u8::try_from(num("d")?).ok()?, u8::try_from(num("m")?).ok()?);
            let date = if shape == Shape::YearFirstNumeric {
                PartialDate::ymd(year, b, a)
            } else if b > 12 && a <= 12 {
                // Unambiguously US order (8/23/2025); otherwise day first, as most of the world writes.
                PartialDate::ymd(year, a, b)
            } else {
                PartialDate::ymd(year, b, a)
            };
            Some(When::Date(date?))
        }
        Shape::Cjk => {
            let y = caps.name("y")?.as_str();
            let year = match caps.name("era") {
                Some(era) => {
                    let base = LANGUAGES.iter().flat_map(|l| l.eras).find(|(e, _)| *e == era.as_str())?.1;
                    base + if y == "元" { 1 } else { y.parse::<i32>().ok()? }
                }
                None if y.len() == 4 => y.parse().ok()?,
                None => return None,
            };
            let month = u8::try_from(num("m")?).ok()?;
            let date = match day {
                Some(day) => PartialDate::ymd(year, month, day)?,
                None => PartialDate::ym(year, month)?,
            };
            Some(When::Date(date))
        }
    }
}

/// Every date expression in a normalized text, each span reported once: at a given start, the
/// first pattern in [`PATTERNS`] order that matches wins. `with_yearless` adds day-month matches.
pub fn find_all(normalized: &str, with_yearless: bool) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    if !normalized.bytes().any(|b| b.is_ascii_digit()) {
        return found;
    }
    for (shape, regex) in PATTERNS.iter() {
        if !with_yearless && matches!(shape, Shape::DayMonth | Shape::MonthDay) {
            continue;
        }
        for caps in regex.captures_iter(normalized) {
            let whole = caps.get(0).expect("group 0");
            let (start, end) = (whole.start(), whole.end());
            // A later pattern never overrides a span an earlier one already explains.
            if found.iter().any(|f| start < f.end && f.start < end) {
                continue;
            }
            if !well_bounded(normalized, start, end, *shape) {
                continue;
            }
            if let Some(when) = interpret(*shape, &caps) {
                found.push(Found { when, shape: *shape, start, end });
            }
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The Gregorian month a normalized month name stands for, in any language.
pub fn month_of(name: &str) -> Option<u8> {
    MONTH_NAMES.get(name).filter(|m| m.calendar == Calendar::Gregorian).map(|m| m.month)
}

/// The first date with a year in a text (not normalized yet).
pub fn first_date(text: &str) -> Option<PartialDate> {
    find_all(&normalize(text), false).iter().find_map(|f| match f.when {
        When::Date(date) => Some(date),
        When::MonthDay(..) => None,
    })
}
