//! Event dates: the days an article reports things happening on, resolved against the publication
//! date, each with the sentence it came from.
//!
//! A sentence is folded once ([`normalize_mapped`]) and read twice: the date patterns of [`scan`]
//! find full and year-less dates, and a word-level pass over the language's table finds spans,
//! months, weekdays, relative days ("gestern"), periods ("la semaine dernière") and day offsets
//! ("two days later"). Words of one language are only looked for in text of that language: "hier"
//! is "yesterday" in French and "here" in German.

use super::calendar::{date_of, day_number};
use super::lang::{self, DateLanguage, Period};
use super::scan::{find_all, month_of, normalize, normalize_mapped, Shape, When};
use model::{Block, EventDate, PartialDate};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How far (in bytes of the block) a dateline's date may start; it is the publication date, not an event.
const DATELINE_REACH: usize = 60;
/// Shortest word read as an inflected future verb ("será" is four letters; "ra" endings of short
/// words are not verbs).
const MIN_FUTURE_VERB: usize = 4;
/// How far ahead a future cue may push a year-less date; further, the sentence's "will" is about
/// something else.
const FUTURE_HORIZON_DAYS: i64 = 183;
/// The same horizon for a month.
const FUTURE_HORIZON_MONTHS: i64 = 6;
/// Most words between the two dates of a span ("um 2 Uhr bis zum").
const MAX_SPAN_GAP: usize = 6;
/// A date this many bytes or fewer after a weekday ("Mittwoch, 24. Januar") is the weekday's own date.
const WEEKDAY_DATE_GAP: usize = 5;

/// Finds the event dates of the body blocks (title, headings, paragraphs), in text order.
///
/// `published` anchors everything that has no year of its own; without it only dates that carry
/// their year are kept. Dateline and timestamp lines, times and plain numbers are never dates here.
pub fn find_event_dates(blocks: &[Block], language: &str, published: Option<PartialDate>) -> Vec<EventDate> {
    let anchor = Anchor::new(published);
    let mut found = Vec::new();
    let mut previous: Option<i64> = None;
    for (index, block) in blocks.iter().enumerate() {
        if !block.kind.is_body() || super::date_line(&block.text).is_some() {
            continue;
        }
        let code = if lang::table(&block.language).is_some() { block.language.as_str() } else { language };
        let cues = cues_for(code);
        let has_dateline = super::dateline(&block.text, published).is_some();
        for span in crate::sentences::sentence_spans(&block.text, code) {
            let skip_dateline = has_dateline && span.start == 0;
            let sentence = &block.text[span];
            let before = found.len();
            read_sentence(sentence, cues, &anchor, skip_dateline, &mut previous, &mut found);
            for date in &mut found[before..] {
                date.block = index as u32;
            }
        }
    }
    found
}

/// The year year-less dates are read against when the publication date is unknown: far from any year a
/// news text names, so a date that comes out in it (or beside it) took its year from the anchor.
const NEUTRAL_YEAR: i32 = 1001;

/// The recapped dates of an article whose publication date is unknown, as (month, day) without a year:
/// "Zuvor hatte … im August Japan besucht" gives (8, None). Without a year they cannot be event dates,
/// but they still tell which happening the text looks back on.
pub fn yearless_recaps(blocks: &[Block], language: &str) -> Vec<(u8, Option<u8>)> {
    let anchor = PartialDate::ym(NEUTRAL_YEAR, 6);
    let mut out: Vec<(u8, Option<u8>)> = find_event_dates(blocks, language, anchor)
        .iter()
        .filter(|d| (d.date.year - NEUTRAL_YEAR).abs() <= 1 && is_recap(d))
        .filter_map(|d| Some((d.date.month?, d.date.day)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What the publication date allows to resolve.
struct Anchor {
    /// The publication day as a day number, when known to the day.
    day: Option<i64>,
    /// The publication year and month, when known to the month.
    month: Option<(i32, u8)>,
    /// The publication year.
    year: Option<i32>,
}

impl Anchor {
    fn new(published: Option<PartialDate>) -> Self {
        let year = published.map(|p| p.year);
        let month = published.and_then(|p| Some((p.year, p.month?)));
        let day = published.and_then(|p| Some(day_number(p.year, p.month?, p.day?)));
        Self { day, month, year }
    }

    /// The days a year-less date is measured from: the publication day, else its whole month.
    fn reference_days(&self) -> Option<(i64, i64)> {
        if let Some(day) = self.day {
            return Some((day, day));
        }
        let (y, m) = self.month?;
        Some((day_number(y, m, 1), day_number(y, m, model::days_in_month(y, m))))
    }
}

/// One language's cues, folded and split into words once.
struct Cues {
    table: &'static DateLanguage,
    weekdays: Vec<(Vec<String>, u8)>,
    weekday_suffixes: Vec<String>,
    relative_days: Vec<(Vec<String>, i32)>,
    relative_blockers: Vec<String>,
    periods: Vec<(Vec<String>, Period)>,
    next_words: Vec<Vec<String>>,
    last_words: Vec<Vec<String>>,
    future_cues: Vec<Vec<String>>,
    future_endings: Vec<String>,
    span_from: Vec<Vec<String>>,
    span_to: Vec<Vec<String>>,
    prepositions: Vec<Vec<String>>,
    after_previous: Vec<(Vec<String>, i32)>,
    numbers: HashMap<String, i32>,
    day_units: Vec<String>,
    later_words: Vec<Vec<String>>,
    earlier_words: Vec<Vec<String>>,
    /// Month names of this language that are not a shortening of a longer name of the same month.
    full_months: HashMap<String, u8>,
    /// Every month name of this language.
    months: HashMap<String, u8>,
}

/// The words of a phrase as the tokenizer cuts a folded text.
fn words_of(phrase: &str) -> Vec<String> {
    let folded = normalize(phrase);
    tokens(&folded).into_iter().map(|t| t.text.to_string()).collect()
}

/// Phrases as word lists, longest first so that "last night" wins over "last".
fn phrases(list: &[&str]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = list.iter().map(|p| words_of(p)).filter(|w| !w.is_empty()).collect();
    out.sort_by_key(|w| std::cmp::Reverse(w.len()));
    out
}

/// Phrases with a value, longest first.
fn valued<T: Copy>(list: &[(&str, T)]) -> Vec<(Vec<String>, T)> {
    let mut out: Vec<(Vec<String>, T)> =
        list.iter().map(|(p, v)| (words_of(p), *v)).filter(|(w, _)| !w.is_empty()).collect();
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
}

impl Cues {
    fn new(table: &'static DateLanguage) -> Self {
        let single = |list: &[&str]| list.iter().map(|w| normalize(w)).collect::<Vec<_>>();
        let months: HashMap<String, u8> = table.months.iter().map(|(n, m)| (normalize(n), *m)).collect();
        let full_months = months
            .iter()
            .filter(|(name, month)| {
                !months
                    .iter()
                    .any(|(other, m)| m == *month && other.len() > name.len() && other.starts_with(*name))
            })
            .map(|(n, m)| (n.clone(), *m))
            .collect();
        Self {
            table,
            weekdays: valued(table.weekdays),
            weekday_suffixes: single(table.weekday_suffixes),
            relative_days: valued(table.relative_days),
            relative_blockers: single(table.relative_blockers),
            periods: valued(table.periods),
            next_words: phrases(table.next_words),
            last_words: phrases(table.last_words),
            future_cues: phrases(table.future_cues),
            future_endings: single(table.future_endings),
            span_from: phrases(table.span_from),
            span_to: phrases(table.span_to),
            prepositions: phrases(table.prepositions),
            after_previous: valued(table.after_previous),
            numbers: table.numbers.iter().map(|(w, n)| (normalize(w), *n)).collect(),
            day_units: single(table.day_units),
            later_words: phrases(table.later_words),
            earlier_words: phrases(table.earlier_words),
            full_months,
            months,
        }
    }
}

/// The cues of every language with a table, and of none (for languages without one).
static CUES: LazyLock<HashMap<&'static str, Cues>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Cues> =
        lang::LANGUAGES.iter().map(|l| (l.code, Cues::new(l))).collect();
    map.insert("", Cues::new(&lang::EMPTY));
    map
});

/// The cues of a language, or the empty cues.
fn cues_for(code: &str) -> &'static Cues {
    CUES.get(code).unwrap_or_else(|| &CUES[""])
}

/// A word of a folded text.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    /// The word, without a possessive "'s".
    text: &'a str,
    start: usize,
    end: usize,
}

/// The words of a folded text: runs of letters and digits, with apostrophes inside a word kept
/// ("aujourd'hui") and a possessive "'s" left out of the word ("Saturday's").
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let inside = c.is_alphanumeric() || (c == '\'' && start.is_some() && next_is_letter);
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(make_token(text, s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(make_token(text, s, text.len()));
    }
    out
}

fn make_token(text: &str, start: usize, end: usize) -> Token<'_> {
    let word = &text[start..end];
    let word = word.strip_suffix("'s").unwrap_or(word);
    Token { text: word, start, end }
}

/// Whether `phrase` is written at token `at`.
fn phrase_at(tokens: &[Token], at: usize, phrase: &[String]) -> bool {
    at + phrase.len() <= tokens.len() && phrase.iter().zip(&tokens[at..]).all(|(p, t)| p == t.text)
}

/// The first phrase of `list` written at token `at`, with its length in tokens.
fn any_phrase_at<'p>(tokens: &[Token], at: usize, list: &'p [Vec<String>]) -> Option<&'p [String]> {
    list.iter().find(|p| phrase_at(tokens, at, p)).map(Vec::as_slice)
}

/// Whether one of `list` ends right before token `at`; returns the token it starts at.
fn phrase_before(tokens: &[Token], at: usize, list: &[Vec<String>]) -> Option<usize> {
    list.iter().find_map(|p| {
        let from = at.checked_sub(p.len())?;
        phrase_at(tokens, from, p).then_some(from)
    })
}

/// What a date expression says before it is resolved.
#[derive(Debug, Clone, Copy)]
enum Said {
    /// A date with its year (to any precision); `alt` is the other reading of an ambiguous numeric date.
    Absolute { date: PartialDate, alt: Option<PartialDate> },
    /// Month and day without a year, and the weekday written with them ("jeudi 14 septembre").
    DayMonth(u8, u8, Option<u8>),
    /// A span of days: (year, month, day) of each end, and the weekday written with the first.
    Span { from: (Option<i32>, u8, u8), to: (Option<i32>, u8, u8), weekday: Option<u8> },
    /// A month without a day.
    Month(u8),
    /// A weekday (1 = Monday) and which one.
    Weekday(u8, Direction),
    /// Days from the publication day.
    Relative(i32),
    /// A period from the publication date.
    Period(Period),
    /// Days from another date of the text; `forward_ref` says the reference is written after it
    /// ("a day after the vote on June 30").
    Offset { days: i32, forward_ref: bool },
}

/// Which occurrence of a weekday is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    /// The latest on or before publication (the default of news prose), or the first on or after it
    /// in a sentence with a future cue.
    Past,
    /// Strictly before ("last Sunday").
    Last,
    /// On or after publication ("until Friday").
    Coming,
    /// Strictly after ("next Sunday").
    Next,
}

/// A date expression in a folded sentence.
#[derive(Debug, Clone, Copy)]
struct Mention {
    said: Said,
    start: usize,
    end: usize,
}

/// Spans written with one month: "10 to 12 January", "vom 24. bis 29. Januar", "du 10 au 12 janvier".
static DAY_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    let to = joiners();
    let month = month_alternation();
    Regex::new(&format!(
        r"\b(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:(?:{to})\s+|[-–]\s*)(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th|º)?\.?\s*(?:(?:de|del|di)\s+)?(?P<m>{month})\b\.?(?:,?\s*(?:de\s+)?(?P<y>[0-9]{{4}})\b)?"
    ))
    .expect("day span pattern compiles")
});

/// Spans written month first: "January 10 to 12", "Jan. 24-29, 2024".
static MONTH_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    let to = joiners();
    let month = month_alternation();
    Regex::new(&format!(
        r"\b(?P<m>{month})\.?\s+(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s*(?:(?:{to})\s+|[-–]\s*)(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s*(?P<y>[0-9]{{4}})\b)?"
    ))
    .expect("month span pattern compiles")
});

/// Every language's span joiners ("to", "bis", "au") as a regex alternation.
fn joiners() -> String {
    let mut words: Vec<String> = lang::LANGUAGES
        .iter()
        .flat_map(|l| l.span_to.iter())
        .map(|w| regex::escape(&normalize(w)).replace(' ', r"\s+"))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.join("|")
}

/// Every language's Gregorian month names as a regex alternation, longest first.
fn month_alternation() -> String {
    let mut words: Vec<String> = lang::LANGUAGES
        .iter()
        .flat_map(|l| l.months.iter())
        .map(|(n, _)| regex::escape(&normalize(n)))
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    words.join("|")
}

/// Whether `[start, end)` overlaps a mention already found.
fn taken(mentions: &[Mention], start: usize, end: usize) -> bool {
    mentions.iter().any(|m| start < m.end && m.start < end)
}

/// Finds and resolves the dates of one sentence, appending them to `out`.
fn read_sentence(
    sentence: &str,
    cues: &Cues,
    anchor: &Anchor,
    skip_dateline: bool,
    previous: &mut Option<i64>,
    out: &mut Vec<EventDate>,
) {
    let (folded, map) = normalize_mapped(sentence);
    let words = tokens(&folded);
    let mut mentions = find_mentions(&folded, &words, cues, skip_dateline);
    mentions.sort_by_key(|m| m.start);
    let future = (0..words.len()).any(|i| any_phrase_at(&words, i, &cues.future_cues).is_some())
        || words.iter().any(|w| {
            w.text.chars().count() >= MIN_FUTURE_VERB
                && cues.future_endings.iter().any(|e| w.text.ends_with(e.as_str()))
        });

    let mut resolved: Vec<Option<(EventDate, Option<i64>)>> = Vec::with_capacity(mentions.len());
    for m in &mentions {
        resolved.push(resolve(m.said, anchor, future).map(|(date, until, resolution)| {
            let day = day_of(&date);
            (event(sentence, &folded, &map, &words, cues, m, date, until, resolution), day)
        }));
    }
    // Offsets need the dates around them: the one they count from is in the same sentence
    // (before it, or after it for "a day after …"), else the last day-precise date before.
    for (i, m) in mentions.iter().enumerate() {
        let Said::Offset { days, forward_ref } = m.said else { continue };
        let earlier = resolved[..i].iter().rev().flatten().find_map(|(_, d)| *d);
        let later = resolved[i + 1..].iter().flatten().find_map(|(_, d)| *d);
        let reference = if forward_ref { later.or(earlier) } else { earlier.or(later) }.or(*previous);
        if let Some(base) = reference {
            let date = date_of(base + i64::from(days));
            let e = event(sentence, &folded, &map, &words, cues, m, date, None, "relative");
            resolved[i] = Some((e, Some(base + i64::from(days))));
        }
    }
    for (e, day) in resolved.into_iter().flatten() {
        if day.is_some() {
            *previous = day;
        }
        out.push(e);
    }
}

/// The day number of a date known to the day.
fn day_of(date: &PartialDate) -> Option<i64> {
    Some(day_number(date.year, date.month?, date.day?))
}

/// Every date expression of a folded sentence, unresolved.
fn find_mentions(folded: &str, words: &[Token], cues: &Cues, skip_dateline: bool) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    let has_digit = folded.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        spans(folded, &mut mentions);
        numbered_dates(folded, words, cues, &mut mentions);
        if skip_dateline {
            if let Some(first) = mentions.iter().position(|m| m.start <= DATELINE_REACH) {
                mentions.remove(first);
            }
        }
    }
    let mut i = 0;
    while i < words.len() {
        let consumed = word_mention(folded, words, i, cues, &mut mentions);
        i += consumed.max(1);
    }
    mentions
}

/// Spans of days, from the two span patterns.
fn spans(folded: &str, mentions: &mut Vec<Mention>) {
    for regex in [&*DAY_SPAN, &*MONTH_SPAN] {
        for caps in regex.captures_iter(folded) {
            let whole = caps.get(0).expect("group 0");
            if taken(mentions, whole.start(), whole.end()) {
                continue;
            }
            let num = |n: &str| caps.name(n).and_then(|m| m.as_str().parse::<u32>().ok());
            let (Some(d1), Some(d2)) = (num("d1"), num("d2")) else { continue };
            let Some(month) = caps.name("m").and_then(|m| month_of(m.as_str())) else { continue };
            let year = num("y").map(|y| y as i32);
            let valid = |d: u32| (1..=u32::from(model::days_in_month(2024, month))).contains(&d);
            if !valid(d1) || !valid(d2) || d2 <= d1 {
                continue;
            }
            let said =
                Said::Span { from: (year, month, d1 as u8), to: (year, month, d2 as u8), weekday: None };
            mentions.push(Mention { said, start: whole.start(), end: whole.end() });
        }
    }
}

/// Full and year-less dates from the shared date patterns; two dates joined as a span become one.
fn numbered_dates(folded: &str, words: &[Token], cues: &Cues, mentions: &mut Vec<Mention>) {
    let mut found: Vec<Mention> = Vec::new();
    for f in find_all(folded, true) {
        if taken(mentions, f.start, f.end) {
            continue;
        }
        let said = match f.when {
            When::Date(date) if date.month.is_none() => continue,
            When::Date(date) => {
                let alt = if f.shape == Shape::DayFirstNumeric {
                    other_reading(&folded[f.start..f.end])
                } else {
                    None
                };
                // Without a publication date to decide, the language's own order reads "05/06/2025".
                match alt {
                    Some(alt) if cues.table.numeric_month_first => {
                        Said::Absolute { date: alt, alt: Some(date) }
                    }
                    _ => Said::Absolute { date, alt },
                }
            }
            When::MonthDay(month, day) => {
                // A year-less date must use a month name of the sentence's language ("set 3" is not
                // Italian September in English).
                let text = &folded[f.start..f.end];
                let mut words = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
                let name = if f.shape == Shape::MonthDay { words.next() } else { words.next_back() };
                if !cues.months.is_empty() && !name.is_some_and(|n| cues.months.contains_key(n)) {
                    continue;
                }
                Said::DayMonth(month, day, None)
            }
        };
        found.push(Mention { said, start: f.start, end: f.end });
    }
    // "von Mittwoch, 24. Januar, bis Montag, 29. Januar": two dates joined by a span word, the
    // first opened by a "from" word.
    let mut i = 0;
    while i < found.len() {
        if i + 1 < found.len() {
            if let Some(span) = join_span(folded, words, cues, &found[i], &found[i + 1]) {
                mentions.push(span);
                i += 2;
                continue;
            }
        }
        mentions.push(found[i]);
        i += 1;
    }
}

/// The month-first reading of an ambiguous day-first numeric date ("05/06/2025").
fn other_reading(text: &str) -> Option<PartialDate> {
    let parts: Vec<u32> = text.split(['.', '/', '-']).filter_map(|p| p.trim().parse().ok()).collect();
    let [a, b, y] = parts[..] else { return None };
    if a > 12 || b > 12 || a == b || y < 1000 {
        return None;
    }
    PartialDate::ymd(y as i32, a as u8, b as u8)
}

/// Index of the token that starts at or after byte `at`.
fn token_at(words: &[Token], at: usize) -> usize {
    words.iter().position(|t| t.start >= at).unwrap_or(words.len())
}

/// The two dates as one span, when a "from" word opens the first and a span word stands between
/// them among a few other words ("vom 10. Januar um 2 Uhr bis zum 12. Januar").
fn join_span(folded: &str, words: &[Token], cues: &Cues, a: &Mention, b: &Mention) -> Option<Mention> {
    let gap = &folded[a.end..b.start];
    if gap.contains(['.', ';', '!', '?']) && gap.trim() != "." {
        return None;
    }
    let (first, last) = (token_at(words, a.end), token_at(words, b.start));
    if last - first > MAX_SPAN_GAP {
        return None;
    }
    let joined = (first..last).any(|i| any_phrase_at(words, i, &cues.span_to).is_some());
    let start_token = token_at(words, a.start);
    let mut from = start_token;
    let mut weekday = None;
    if let Some((w, (_, day))) = from.checked_sub(1).and_then(|w| Some((w, weekday_at(words, w, cues)?))) {
        from = w;
        weekday = Some(day);
    }
    let opened = phrase_before(words, from, &cues.span_from).is_some();
    if !joined || !opened {
        return None;
    }
    let end_of = |m: &Mention| match m.said {
        Said::Absolute { date, .. } => Some((Some(date.year), date.month?, date.day?)),
        Said::DayMonth(month, day, _) => Some((None, month, day)),
        _ => None,
    };
    let (mut from_end, mut to_end) = (end_of(a)?, end_of(b)?);
    // "vom 24. Januar bis 29. Januar 2024": the year written once serves both ends.
    from_end.0 = from_end.0.or(to_end.0);
    to_end.0 = to_end.0.or(from_end.0);
    Some(Mention { said: Said::Span { from: from_end, to: to_end, weekday }, start: a.start, end: b.end })
}

/// A weekday written at token `i`: its length in tokens and its number. German writes the part of
/// the day in the same word ("Donnerstagabend").
fn weekday_at(words: &[Token], i: usize, cues: &Cues) -> Option<(usize, u8)> {
    if let Some((p, day)) = cues.weekdays.iter().find(|(p, _)| phrase_at(words, i, p)) {
        return Some((p.len(), *day));
    }
    let word = words[i].text;
    cues.weekdays.iter().filter(|(p, _)| p.len() == 1).find_map(|(p, day)| {
        let rest = word.strip_prefix(p[0].as_str())?;
        cues.weekday_suffixes.iter().any(|s| s == rest).then_some((1, *day))
    })
}

/// A date expression made of words at token `i` (weekday, relative day, period, offset, month); the
/// number of tokens it takes, or 0.
fn word_mention(folded: &str, words: &[Token], i: usize, cues: &Cues, mentions: &mut Vec<Mention>) -> usize {
    let here = words[i];
    if taken(mentions, here.start, here.end) {
        return 0;
    }
    let push = |mentions: &mut Vec<Mention>, said: Said, len: usize| {
        let end = words[i + len - 1].end;
        if taken(mentions, here.start, end) {
            return 0;
        }
        mentions.push(Mention { said, start: here.start, end });
        len
    };
    if let Some((p, period)) = cues.periods.iter().find(|(p, _)| phrase_at(words, i, p)) {
        return push(mentions, Said::Period(*period), p.len());
    }
    if let Some((p, days)) = cues.after_previous.iter().find(|(p, _)| phrase_at(words, i, p)) {
        return push(mentions, Said::Offset { days: *days, forward_ref: false }, p.len());
    }
    if let Some((len, days, forward_ref)) = counted_days(words, i, cues) {
        return push(mentions, Said::Offset { days, forward_ref }, len);
    }
    if let Some((p, days)) = cues.relative_days.iter().find(|(p, _)| phrase_at(words, i, p)) {
        let blocked = i > 0 && cues.relative_blockers.iter().any(|b| b == words[i - 1].text);
        if !blocked {
            return push(mentions, Said::Relative(*days), p.len());
        }
        return p.len();
    }
    if let Some((len, day)) = weekday_at(words, i, cues) {
        // "Mittwoch, 24. Januar": the date that follows says which Wednesday.
        let after = &folded[words[i + len - 1].end..];
        let gap = after.len() - after.trim_start_matches([' ', ',']).len();
        let end = words[i + len - 1].end;
        let dated =
            mentions.iter_mut().find(|m| m.start >= end && m.start <= end + gap.max(WEEKDAY_DATE_GAP));
        if let Some(m) = dated {
            if let Said::DayMonth(month, date_day, None) = m.said {
                m.said = Said::DayMonth(month, date_day, Some(day));
            }
            return len;
        }
        let direction = if phrase_before(words, i, &cues.next_words).is_some()
            || any_phrase_at(words, i + len, &cues.next_words).is_some()
        {
            Direction::Next
        } else if phrase_before(words, i, &cues.last_words).is_some()
            || any_phrase_at(words, i + len, &cues.last_words).is_some()
        {
            Direction::Last
        } else if phrase_before(words, i, &cues.span_to).is_some()
            && !(0..i).any(|j| any_phrase_at(words, j, &cues.span_from).is_some())
        {
            // "lasts until Friday": the end of something under way lies ahead.
            Direction::Coming
        } else {
            Direction::Past
        };
        return push(mentions, Said::Weekday(day, direction), len);
    }
    if let Some(&month) = cues.full_months.get(here.text) {
        // A bare month needs a preposition ("im August", "en juin"): "may" and "mars" are words too.
        if phrase_before(words, i, &cues.prepositions).is_some() {
            return push(mentions, Said::Month(month), 1);
        }
    }
    0
}

/// "two days later", "einen Tag nach", "un día después": (tokens, signed days, reference written after).
fn counted_days(words: &[Token], i: usize, cues: &Cues) -> Option<(usize, i32, bool)> {
    let count = match words[i].text.parse::<i32>() {
        Ok(n) if (1..=31).contains(&n) => n,
        _ => *cues.numbers.get(words[i].text)?,
    };
    let unit = words.get(i + 1)?;
    if !cues.day_units.iter().any(|u| u == unit.text) {
        return None;
    }
    if let Some(p) = any_phrase_at(words, i + 2, &cues.later_words) {
        return Some((2 + p.len(), count, true));
    }
    if let Some(p) = any_phrase_at(words, i + 2, &cues.earlier_words) {
        return Some((2 + p.len(), -count, true));
    }
    None
}

/// Resolves what a mention says against the publication date: the date, the end of a span and the
/// resolution name; `None` when it cannot be resolved.
fn resolve(
    said: Said,
    anchor: &Anchor,
    future: bool,
) -> Option<(PartialDate, Option<PartialDate>, &'static str)> {
    match said {
        Said::Absolute { date, alt } => {
            let date = match (alt, anchor.day) {
                (Some(alt), Some(day)) => {
                    let distance = |d: &PartialDate| day_of(d).map_or(i64::MAX, |n| (n - day).abs());
                    if distance(&alt) < distance(&date) {
                        alt
                    } else {
                        date
                    }
                }
                _ => date,
            };
            let resolution = if date.day.is_some() { "absolute" } else { "month" };
            Some((date, None, resolution))
        }
        Said::DayMonth(month, day, weekday) => match year_for(anchor, month, day, future) {
            Some(date) => Some((date, None, "day_month")),
            // Without a publication date, the weekday written with the date still says the year.
            None if anchor.year.is_none() => {
                Some((weekday_year(month, day, weekday?, date_of(today()))?, None, "weekday_date"))
            }
            None => None,
        },
        Said::Span { from, to, weekday } => {
            let mut resolution = if from.0.is_some() { "absolute" } else { "day_month" };
            let first = match from.0 {
                Some(y) => PartialDate::ymd(y, from.1, from.2)?,
                None => match year_for(anchor, from.1, from.2, future) {
                    Some(date) => date,
                    None if anchor.year.is_none() => {
                        resolution = "weekday_date";
                        weekday_year(from.1, from.2, weekday?, date_of(today()))?
                    }
                    None => return None,
                },
            };
            let last = match to.0 {
                Some(y) => PartialDate::ymd(y, to.1, to.2)?,
                None => {
                    let same_year = PartialDate::ymd(first.year, to.1, to.2)?;
                    if day_of(&same_year)? < day_of(&first)? {
                        PartialDate::ymd(first.year + 1, to.1, to.2)?
                    } else {
                        same_year
                    }
                }
            };
            Some((first, Some(last), resolution))
        }
        Said::Month(month) => {
            let (year, pub_month) = anchor.month.or(anchor.year.map(|y| (y, 6)))?;
            let pub_index = i64::from(year) * 12 + i64::from(pub_month) - 1;
            let best = nearest(
                (year - 1..=year + 1).map(|y| i64::from(y) * 12 + i64::from(month) - 1),
                (pub_index, pub_index),
                future,
                FUTURE_HORIZON_MONTHS,
            )?;
            Some((
                PartialDate::ym(best.div_euclid(12) as i32, (best.rem_euclid(12) + 1) as u8)?,
                None,
                "month",
            ))
        }
        Said::Weekday(weekday, direction) => {
            let today = anchor.day?;
            let pub_weekday = iso_weekday(today);
            let back = i64::from((pub_weekday + 7 - weekday) % 7);
            let ahead = i64::from((weekday + 7 - pub_weekday) % 7);
            let day = match direction {
                Direction::Past if future => today + ahead,
                Direction::Past => today - back,
                Direction::Coming => today + ahead,
                Direction::Last => today - if back == 0 { 7 } else { back },
                Direction::Next => today + if ahead == 0 { 7 } else { ahead },
            };
            Some((date_of(day), None, "weekday"))
        }
        Said::Relative(days) => Some((date_of(anchor.day? + i64::from(days)), None, "relative")),
        Said::Period(Period::Weeks(weeks)) => {
            let today = anchor.day?;
            let monday = today - i64::from(iso_weekday(today) - 1) + 7 * i64::from(weeks);
            Some((date_of(monday), Some(date_of(monday + 6)), "relative"))
        }
        Said::Period(Period::Months(months)) => {
            let (year, month) = anchor.month?;
            let index = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(months);
            Some((
                PartialDate::ym(index.div_euclid(12) as i32, (index.rem_euclid(12) + 1) as u8)?,
                None,
                "relative",
            ))
        }
        Said::Period(Period::Years(years)) => {
            Some((PartialDate::year(anchor.year? + years), None, "relative"))
        }
        Said::Offset { .. } => None,
    }
}

/// ISO weekday (1 = Monday) of a day number; day 0, 1970-01-01, was a Thursday.
fn iso_weekday(day: i64) -> u8 {
    ((day + 3).rem_euclid(7) + 1) as u8
}

/// Today as a day number, from the system clock.
fn today() -> i64 {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    secs.div_euclid(86_400)
}

/// How many years back a written weekday is matched: the same date falls on the same weekday again
/// after 5, 6 or 11 years, so this window holds at least one reading of any date but 29 February.
const WEEKDAY_YEARS_BACK: i32 = 11;

/// The latest reading of a year-less date on or before `today` (a full date) that falls on the written
/// weekday (1 = Monday): "jeudi 14 septembre" in a text without a publication date. News reports what
/// has happened, and the same date falls on the same weekday only every 5 to 11 years.
pub fn weekday_year(month: u8, day: u8, weekday: u8, today: PartialDate) -> Option<PartialDate> {
    let this_year = today.year;
    let today = day_of(&today)?;
    (this_year - WEEKDAY_YEARS_BACK..=this_year).rev().find_map(|y| {
        let date = PartialDate::ymd(y, month, day)?;
        let n = day_of(&date)?;
        (n <= today && iso_weekday(n) == weekday).then_some(date)
    })
}

/// The year of a year-less date: the reading nearest the publication date (its month when only the
/// month is known), where a reading after it counts double (news mostly reports what has
/// happened), or the first one not before it in a sentence with a future cue.
fn year_for(anchor: &Anchor, month: u8, day: u8, future: bool) -> Option<PartialDate> {
    let (first, last) = anchor.reference_days()?;
    let year = date_of(first).year;
    let readings: Vec<PartialDate> =
        (year - 1..=year + 1).filter_map(|y| PartialDate::ymd(y, month, day)).collect();
    let best = nearest(readings.iter().filter_map(day_of), (first, last), future, FUTURE_HORIZON_DAYS)?;
    readings.into_iter().find(|r| day_of(r) == Some(best))
}

/// The candidate nearest the range `[first, last]` on a line of days or months (later ones count
/// double), or with `future` the first one not before `first` and at most `horizon` after it.
fn nearest(
    candidates: impl Iterator<Item = i64> + Clone,
    (first, last): (i64, i64),
    future: bool,
    horizon: i64,
) -> Option<i64> {
    if future {
        if let Some(next) = candidates.clone().filter(|c| *c >= first && *c - first <= horizon).min() {
            return Some(next);
        }
    }
    candidates.min_by_key(|c| {
        if *c < first {
            first - c
        } else if *c > last {
            2 * (c - last)
        } else {
            0
        }
    })
}

/// Builds the event date of a mention: the surface as written (with a preposition or "next"/"last"
/// word just before it) and the sentence.
#[allow(clippy::too_many_arguments)]
fn event(
    sentence: &str,
    folded: &str,
    map: &[usize],
    words: &[Token],
    cues: &Cues,
    m: &Mention,
    date: PartialDate,
    until: Option<PartialDate>,
    resolution: &str,
) -> EventDate {
    let mut start = m.start;
    let first = token_at(words, m.start);
    if first < words.len() && words[first].start == m.start {
        let mut from = first;
        if let Some(w) =
            phrase_before(words, from, &cues.next_words).or(phrase_before(words, from, &cues.last_words))
        {
            from = w;
        }
        if let Some(p) = phrase_before(words, from, &cues.prepositions) {
            from = p;
        }
        start = words[from].start;
    }
    let mut end = m.end;
    // The patterns take the dot after a day or month, which may end the sentence instead; only an
    // abbreviated month ("Aug.") keeps it.
    if folded[start..end].ends_with('.') {
        let last_word = folded[start..end - 1].rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if cues.full_months.contains_key(last_word) || !cues.months.contains_key(last_word) {
            end -= 1;
        }
    }
    let surface = sentence[map[start]..map[end]].trim().to_string();
    EventDate {
        date,
        until,
        resolution: resolution.to_string(),
        surface,
        sentence: sentence.trim().to_string(),
        block: 0,
    }
}

/// Every language's recap cues: an event date reads the sentence it came from, not its language.
static RECAP_CUES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let all: Vec<&str> = lang::LANGUAGES.iter().flat_map(|l| l.recap_cues.iter().copied()).collect();
    phrases(&all)
});

/// Every language's "after" words, read in any sentence like the recap cues.
static AFTER_CUES: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let all: Vec<&str> = lang::LANGUAGES.iter().flat_map(|l| l.after_cues.iter().copied()).collect();
    phrases(&all)
});

/// How many words before a date an "after" word reaches ("après les élections européennes du 9 juin").
const AFTER_BEFORE: usize = 5;

/// Whether an "after" word stands a few words before the date: then the date is that of what came
/// before the happening the sentence reports.
fn is_after(date: &EventDate) -> bool {
    let folded = normalize(&date.sentence);
    let words = tokens(&folded);
    let surface = normalize(&date.surface);
    let Some(at) = folded.find(&surface) else { return false };
    let first = token_at(&words, at);
    (first.saturating_sub(AFTER_BEFORE)..first).any(|i| any_phrase_at(&words, i, &AFTER_CUES).is_some())
}

/// How many words before a date a recap cue reaches ("Zuvor hatte die EZB im Juni …") …
const RECAP_BEFORE: usize = 8;
/// … and after it ("two weeks ago", "le 9 juin dernier").
const RECAP_AFTER: usize = 2;

/// Whether a recap cue stands near the date's surface in its sentence ("Zuvor hatte … im August").
pub fn is_recap(date: &EventDate) -> bool {
    let folded = normalize(&date.sentence);
    let words = tokens(&folded);
    let surface = normalize(&date.surface);
    let Some(at) = folded.find(&surface) else { return false };
    let (first, last) = (token_at(&words, at), token_at(&words, at + surface.len()));
    let from = first.saturating_sub(RECAP_BEFORE);
    let to = (last + RECAP_AFTER).min(words.len());
    (from..to).any(|i| (i < first || i >= last) && any_phrase_at(&words, i, &RECAP_CUES).is_some())
}

/// Score of a date's place in the text: the first dated sentence counts most.
const LEAD_WEIGHTS: [f64; 3] = [3.0, 2.0, 1.0];
/// Score of a later sentence.
const LATER_WEIGHT: f64 = 0.5;
/// Score per other mention of the same day (±1), up to [`MAX_SUPPORT`].
const SUPPORT_WEIGHT: f64 = 1.0;
/// Most mentions counted as support.
const MAX_SUPPORT: f64 = 3.0;
/// Penalty of a date near a recap cue.
const RECAP_PENALTY: f64 = 2.0;
/// Bonus of a date in the few days before publication, when news is written.
const FRESH_BONUS: f64 = 1.0;
/// Days before publication that still count as fresh.
const FRESH_DAYS: i64 = 3;
/// Penalty of a date more than [`STALE_DAYS`] before publication: most likely a recap.
const STALE_PENALTY: f64 = 2.0;
/// Days before publication after which a date is a recap.
const STALE_DAYS: i64 = 10;
/// Days after publication beyond which a date is a plan the article mentions, never its happening
/// (announcements come a few days ahead).
const PLAN_DAYS: i64 = 7;

/// The date an article is mainly about, from its event dates.
///
/// Dates known to the day compete on: their place (the first dated sentences count most, as news
/// puts the happening in the lead), how many other mentions name the same day (±1), closeness to
/// the publication date (news is written within days of the happening; a date long before it is
/// likely a recap), and recap cues near them ("zuvor", "earlier", "had"). A date more than a week
/// after publication (or after the publication month, when only the month is known) is a plan and
/// never wins, nor does a period ("last week"). Ties go to the earlier mention. Without any day, the
/// publication month is given when the text names it outside a recap.
pub fn main_event_date(dates: &[EventDate], published: Option<PartialDate>) -> Option<PartialDate> {
    let anchor = Anchor::new(published);
    let latest = match (anchor.day, anchor.reference_days()) {
        (Some(day), _) => Some(day + PLAN_DAYS),
        (None, Some((_, last))) => Some(last),
        _ => None,
    };
    let mut sentences: Vec<(u32, &str)> = Vec::new();
    let mut ranks: Vec<usize> = Vec::with_capacity(dates.len());
    for d in dates {
        let key = (d.block, d.sentence.as_str());
        let rank = sentences.iter().position(|s| *s == key).unwrap_or_else(|| {
            sentences.push(key);
            sentences.len() - 1
        });
        ranks.push(rank);
    }
    let days: Vec<Option<i64>> = dates.iter().map(|d| day_of(&d.date)).collect();
    let recap: Vec<bool> = dates.iter().map(is_recap).collect();
    let after: Vec<bool> = dates.iter().map(is_after).collect();
    let mut best: Option<(f64, PartialDate)> = None;
    for (i, date) in dates.iter().enumerate() {
        let Some(day) = days[i] else { continue };
        // A period ("last week") is no day, and a plan is not the happening.
        let is_period = date.resolution == "relative" && date.until.is_some();
        if is_period || after[i] || latest.is_some_and(|latest| day > latest) {
            continue;
        }
        let mut score = LEAD_WEIGHTS.get(ranks[i]).copied().unwrap_or(LATER_WEIGHT);
        let support =
            days.iter().enumerate().filter(|(j, d)| *j != i && d.is_some_and(|d| (d - day).abs() <= 1));
        score += SUPPORT_WEIGHT * (support.count() as f64).min(MAX_SUPPORT);
        if recap[i] {
            score -= RECAP_PENALTY;
        }
        if let Some(today) = anchor.day {
            let age = today - day;
            if (-1..=FRESH_DAYS).contains(&age) {
                score += FRESH_BONUS;
            } else if age > STALE_DAYS {
                score -= STALE_PENALTY;
            }
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, date.date));
        }
    }
    if let Some((_, date)) = best {
        return Some(date);
    }
    let (year, month) = anchor.month?;
    let named = dates.iter().zip(&recap).any(|(d, recap)| {
        !*recap && d.date.day.is_none() && d.date.year == year && d.date.month == Some(month)
    });
    named.then_some(PartialDate { year, month: Some(month), day: None })
}
