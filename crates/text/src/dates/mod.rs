//! Publication dates from metadata, URLs and text.
//!
//! [`parse_date`] reads one date string in any supported language or machine format; month names
//! and the words around dates live in one file per language under `lang/`. [`find_published`]
//! picks the publication date of an article with its evidence, in order of trust: container
//! metadata, the HTML stage's finding, a date in the URL, a dateline at the head of the text, and a
//! line that holds little more than a date (often a footer). A date inside an ordinary sentence is
//! never taken: "will attend on 9 September" says nothing about when the article appeared.

mod calendar;
mod events;
pub mod lang;
mod scan;

pub use events::{find_event_dates, is_recap, main_event_date, weekday_year, yearless_recaps};
use model::{Block, BlockKind, DateSource, Hints, PartialDate, PublishedDate};
use regex::Regex;
use scan::{normalize, Found, When};
use std::sync::LazyLock;

/// The earliest publication year taken as plausible.
pub const EARLIEST_YEAR: i32 = 1990;
/// How many days past today a publication date may lie (time zones, clocks a little ahead).
const DAYS_AHEAD: i64 = 2;
/// Datelines are looked for in this many blocks at the head of the text (boilerplate not counted).
const DATELINE_BLOCKS: usize = 3;
/// Date lines are looked for in this many blocks at the head (boilerplate not counted) …
const HEAD_BLOCKS: usize = 6;
/// … but never further than this into the text, however much boilerplate leads it.
const MAX_HEAD_SCAN: usize = 20;
/// … and this many at the tail (footers).
const TAIL_BLOCKS: usize = 10;
/// A date line is at most this long …
const MAX_DATE_LINE_CHARS: usize = 140;
/// … and has at most this many words besides the date and time …
const MAX_DATE_LINE_WORDS: usize = 8;
/// … of which at most this many have three letters or more (bylines, "Published", site names).
const MAX_DATE_LINE_CONTENT_WORDS: usize = 6;
/// A dateline's date starts within this many bytes of the block's start.
const MAX_DATELINE_OFFSET: usize = 60;
/// How much of a block's text a detail quotes.
const DETAIL_CHARS: usize = 100;

/// Parses one date string in any supported language or common machine format.
///
/// Precision is kept: "August 2025" is a month, never the 1st. Numeric dates are read day first
/// (23.08.2025, 05/06/2025 = 5 June) unless only the US order makes sense (8/23/2025). Solar Hijri
/// dates (Persian month names) are converted to Gregorian; Japanese era years (令和7年) too.
pub fn parse_date(s: &str) -> Option<PartialDate> {
    let normalized = normalize(s.trim());
    machine_only(&normalized).or_else(|| scan::first_date(&normalized))
}

/// Whole-string machine forms the text patterns do not cover: `YYYY`, `YYYY-MM`, `YYYYMMDD`.
fn machine_only(s: &str) -> Option<PartialDate> {
    let digits = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
    match s.len() {
        4 => Some(PartialDate::year(digits(0..4)?.parse().ok()?)),
        7 if s.as_bytes()[4] == b'-' => {
            PartialDate::ym(digits(0..4)?.parse().ok()?, digits(5..7)?.parse().ok()?)
        }
        8 => PartialDate::ymd(
            digits(0..4)?.parse().ok()?,
            digits(4..6)?.parse().ok()?,
            digits(6..8)?.parse().ok()?,
        ),
        _ => None,
    }
}

/// Whether a date can be a publication date: not before [`EARLIEST_YEAR`], not in the future.
pub fn is_plausible(date: &PartialDate) -> bool {
    if date.year < EARLIEST_YEAR {
        return false;
    }
    let first_day = calendar::day_number(date.year, date.month.unwrap_or(1), date.day.unwrap_or(1));
    first_day <= *calendar::TODAY + DAYS_AHEAD
}

/// Finds the publication date with its evidence: container metadata, then HTML, then the URL, then the text.
///
/// A URL that gives only a month is refined by a dateline or date line of the same month. `url`
/// falls back to `hints.url`. Only the head and the tail of the text are read.
pub fn find_published(
    hints: &Hints,
    html: Option<PublishedDate>,
    url: Option<&str>,
    blocks: &[Block],
) -> Option<PublishedDate> {
    if let Some(date) = hints.published.as_deref().and_then(parse_date).filter(is_plausible) {
        let detail = hints.published_field.clone().unwrap_or_else(|| "published".to_string());
        return Some(PublishedDate { date, source: DateSource::Metadata, detail });
    }
    if let Some(found) = html.filter(|h| is_plausible(&h.date)) {
        return Some(found);
    }
    let from_url = url.or(hints.url.as_deref()).and_then(date_in_url);
    if from_url.as_ref().is_some_and(|u| u.date.day.is_some()) {
        return from_url;
    }
    let from_text = date_in_text(blocks, from_url.as_ref().map(|u| u.date));
    match (from_url, from_text) {
        (Some(u), Some(mut t)) if within(&t.date, &u.date) => {
            t.detail = format!("{} (within the URL's {})", t.detail, u.detail);
            Some(t)
        }
        (Some(u), _) => Some(u),
        (None, t) => t,
    }
}

/// Whether `inner` is a more precise date inside the period `outer`.
fn within(inner: &PartialDate, outer: &PartialDate) -> bool {
    inner.year == outer.year
        && outer.day.is_none()
        && inner.day.is_some()
        && (outer.month.is_none() || inner.month == outer.month)
}

/// URL date patterns, most precise first.
static URL_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"/((?:19|20)[0-9]{2})/([01]?[0-9])/([0-3]?[0-9])(?:/|$|[^0-9])",
        r"[/_-]((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])(?:[/_.-]|$)",
        r"[/_-]((?:19|20)[0-9]{2})([01][0-9])([0-3][0-9])(?:[/_.-]|$)",
        r"/((?:19|20)[0-9]{2})/([01]?[0-9])/",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("URL date pattern compiles"))
    .collect()
});

/// A date in the path or query of a URL: `/2025/08/23/`, `-2025-08-23`, `/20250823/`, `/2025/08/`.
pub fn date_in_url(url: &str) -> Option<PublishedDate> {
    let after_host = match url.find("://") {
        Some(i) => url[i + 3..].find('/').map_or("", |j| &url[i + 3 + j..]),
        None => url,
    };
    for pattern in URL_PATTERNS.iter() {
        for caps in pattern.captures_iter(after_host) {
            let part = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(year), Some(month)) = (part(1), part(2)) else { continue };
            let (year, month) = (year as i32, month as u8);
            let date = match part(3) {
                Some(day) => PartialDate::ymd(year, month, day as u8),
                None => PartialDate::ym(year, month),
            };
            if let Some(date) = date.filter(is_plausible) {
                let matched = caps.get(0).map_or("", |m| m.as_str());
                let detail = matched.trim_end_matches(|c: char| !c.is_ascii_digit() && c != '/');
                return Some(PublishedDate { date, source: DateSource::Url, detail: detail.to_string() });
            }
        }
    }
    None
}

/// Where a block is, for a detail: its line when known, else its position.
fn locate(index: usize, block: &Block) -> String {
    match block.line {
        Some(line) => format!("line {line}"),
        None => format!("block {}", index + 1),
    }
}

/// The start of a text, for a detail.
fn quote(text: &str) -> String {
    match text.char_indices().nth(DETAIL_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// The indices of the first `count` blocks that are not boilerplate (navigation and cookie lines
/// often lead a page), with the boilerplate among them.
fn head(blocks: &[Block], count: usize) -> std::ops::Range<usize> {
    let mut seen = 0;
    for (i, block) in blocks.iter().enumerate().take(MAX_HEAD_SCAN) {
        if block.kind != BlockKind::Boilerplate {
            seen += 1;
            if seen == count {
                return 0..i + 1;
            }
        }
    }
    0..blocks.len().min(MAX_HEAD_SCAN)
}

/// A dateline or date line at the head of the text, else a date line at its tail.
fn date_in_text(blocks: &[Block], url_date: Option<PartialDate>) -> Option<PublishedDate> {
    for i in head(blocks, DATELINE_BLOCKS) {
        let block = &blocks[i];
        if let Some(date) = dateline(&block.text, url_date) {
            let detail = format!("{}: {}", locate(i, block), quote(&block.text));
            return Some(PublishedDate { date, source: DateSource::Dateline, detail });
        }
    }
    let head = head(blocks, HEAD_BLOCKS);
    let tail_start = blocks.len().saturating_sub(TAIL_BLOCKS).max(head.end);
    let candidates = head.chain(tail_start..blocks.len());
    let mut revision: Option<PublishedDate> = None;
    for i in candidates {
        let block = &blocks[i];
        if block.kind == BlockKind::Title {
            continue;
        }
        let Some((date, is_revision)) = date_line(&block.text) else { continue };
        let detail = format!("{}: {}", locate(i, block), quote(&block.text));
        let found = PublishedDate { date, source: DateSource::TextLine, detail };
        if !is_revision {
            return Some(found);
        }
        revision.get_or_insert(found);
    }
    revision
}

/// Clock times and zone offsets, which a date line may carry beside its date.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9]{1,2}[:h][0-9]{2}(?::[0-9]{2})?|[+-][0-9]{2}:?[0-9]{2}\b")
        .expect("time pattern compiles")
});

/// Normalized "updated" cues of every language.
static REVISION_CUES: LazyLock<Vec<String>> =
    LazyLock::new(|| lang::LANGUAGES.iter().flat_map(|l| l.updated.iter().map(|w| normalize(w))).collect());

/// The date of a line that holds a date and only a few other words, and whether the line marks it as
/// a revision ("Updated …"). A sentence that mentions a date is not a date line.
fn date_line(text: &str) -> Option<(PartialDate, bool)> {
    if text.chars().count() > MAX_DATE_LINE_CHARS || is_embed_signature(text) {
        return None;
    }
    let normalized = normalize(text);
    let found = scan::find_all(&normalized, false);
    let date = found.iter().find_map(|f| match f.when {
        When::Date(d) if d.month.is_some() && is_plausible(&d) => Some(d),
        _ => None,
    })?;
    let mut rest = String::with_capacity(normalized.len());
    let mut at = 0;
    for f in &found {
        rest.push_str(&normalized[at..f.start]);
        rest.push(' ');
        at = f.end;
    }
    rest.push_str(&normalized[at..]);
    let rest = TIME.replace_all(&rest, " ");
    // A line that ends a sentence after its date is prose, not a stamp.
    if rest.trim_end().ends_with(['.', '!', '?']) && rest.split_whitespace().count() > 2 {
        return None;
    }
    let words: Vec<&str> = rest.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let content = words.iter().filter(|w| w.chars().count() >= 3).count();
    if words.len() > MAX_DATE_LINE_WORDS || content > MAX_DATE_LINE_CONTENT_WORDS {
        return None;
    }
    let is_revision = REVISION_CUES.iter().any(|cue| contains_phrase(&rest, cue));
    Some((date, is_revision))
}

/// Whether a line signs an embedded social-media post ("— Name (@handle) June 6, 2024"): its date is
/// the post's, not the article's.
fn is_embed_signature(text: &str) -> bool {
    text.contains("(@")
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// The date of a dateline: a place name, a date, an optional agency in parentheses and a dash
/// ("TOKYO, Aug. 23 (Kyodo) -", "BERLIN, 23.08.2025 (dpa) –"). A dateline without a year takes it from
/// the URL when the URL gives one (and the same month, if it gives a month); otherwise it is not used.
fn dateline(text: &str, url_date: Option<PartialDate>) -> Option<PartialDate> {
    let text = text.trim_start();
    if !text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let head_end = text.char_indices().nth(MAX_DATELINE_OFFSET + 40).map_or(text.len(), |(i, _)| i);
    let normalized = normalize(&text[..head_end]);
    let found: Found = *scan::find_all(&normalized, true).first()?;
    if found.start > MAX_DATELINE_OFFSET || !is_place(&normalized[..found.start]) {
        return None;
    }
    let after = normalized[found.end..].trim_start();
    let (agency, after) = match after.strip_prefix('(') {
        Some(inside) => match inside.find(')') {
            Some(close) if close <= 40 => (true, inside[close + 1..].trim_start()),
            _ => (false, after),
        },
        None => (false, after),
    };
    if !agency && !after.starts_with(['-', '–', '—', ':', '|']) {
        return None;
    }
    let date = match found.when {
        When::Date(date) => date,
        When::MonthDay(month, day) => {
            let hint = url_date?;
            if hint.month.is_some_and(|m| m != month) {
                return None;
            }
            PartialDate::ymd(hint.year, month, day)?
        }
    };
    is_plausible(&date).then_some(date)
}

/// Whether the text before a dateline's date is a place name: one to five words of letters (a region
/// in brackets allowed: "Berlin [Germany]"), then a comma or a space.
fn is_place(prefix: &str) -> bool {
    let trimmed = prefix.trim_end();
    let name = trimmed.strip_suffix(',').unwrap_or(trimmed).trim_end();
    let words = name.split_whitespace().count();
    (1..=5).contains(&words)
        && name.chars().any(char::is_alphabetic)
        && name.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || ".'’-/[]()".contains(c))
}

#[cfg(test)]
mod tests;
