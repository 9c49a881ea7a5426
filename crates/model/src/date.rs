use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day (`2025`, `2025-08`, `2025-08-23`).
///
/// Many sources give only a month; inventing a day would mislead, so the precision is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year, e.g. 2025.
    pub year: i32,
    /// The month, 1–12, when known.
    pub month: Option<u8>,
    /// The day of the month, 1–31, when known (only with a month).
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date known to the day; `None` when the day does not exist in that month.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month: Some(month), day: Some(day) })
    }

    /// A date known to the month.
    pub fn ym(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self { year, month: Some(month), day: None })
    }

    /// A date known to the year only.
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }
}

/// Days in `month` of `year`, Gregorian.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = String;

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (anything after the day, such as a time, is ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{s}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        let s = s.trim();
        let head: String = s.chars().take(10).collect();
        let mut parts = head.splitn(3, '-');
        let year: i32 = parts.next().filter(|y| y.len() == 4).and_then(|y| y.parse().ok()).ok_or_else(bad)?;
        let Some(m) = parts.next() else { return Ok(Self::year(year)) };
        let month: u8 = m.get(..2).and_then(|m| m.parse().ok()).ok_or_else(bad)?;
        let Some(d) = parts.next() else { return Self::ym(year, month).ok_or_else(bad) };
        let day: u8 = d.get(..2).and_then(|d| d.parse().ok()).ok_or_else(bad)?;
        Self::ymd(year, month, day).ok_or_else(bad)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Where a publication date was found, so a user can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A metadata field of the container (JSONL, WARC, RSS); the field name is in [`PublishedDate::detail`].
    Metadata,
    /// An HTML `<meta>` tag.
    HtmlMeta,
    /// JSON-LD (`datePublished` of a `NewsArticle`).
    JsonLd,
    /// An HTML `<time>` element.
    TimeElement,
    /// A date pattern in the URL (`/2025/08/23/`).
    Url,
    /// A dateline at the head of the text (`TOKYO, Aug. 23 (Kyodo) -`).
    Dateline,
    /// A line of the text that holds only a date, or a date with a few words, such as a footer.
    TextLine,
}

/// A publication date with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDate {
    /// The date, to the precision the evidence gives.
    pub date: PartialDate,
    /// The kind of place it was found.
    pub source: DateSource,
    /// What exactly: the field name, the meta tag, or `line 29` with the text of that line.
    pub detail: String,
}
