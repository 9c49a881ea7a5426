//! Main event dates on the dev-events corpus (read in place): the labelled event date is the date at
//! the end of each `event_id`. Blocks come from the clean stage, the publication date from the
//! record's `published` field (often month-only or missing). Run with `-- --nocapture` for the table.

use crate::common;

use model::{EventDate, PartialDate};
use std::collections::BTreeMap;
use std::time::Instant;

/// One dev-events record as the measurement needs it.
struct Record {
    id: String,
    language: String,
    published: Option<PartialDate>,
    gold: PartialDate,
    text: String,
}

fn records() -> Vec<Record> {
    common::dev_events()
        .into_iter()
        .map(|v| {
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let event = field("event_id");
            let gold = event[event.len() - 10..].parse::<PartialDate>().expect("event id ends with a date");
            Record {
                id: field("id"),
                language: field("language"),
                published: v["published"].as_str().map(|p| p.parse().expect("published date")),
                gold,
                text: field("text"),
            }
        })
        .collect()
}

/// The event dates of one record.
fn event_dates(r: &Record) -> Vec<EventDate> {
    let blocks = text::clean::clean_text(&r.text).blocks;
    text::dates::find_event_dates(&blocks, &r.language, r.published)
}

/// Days from `a` to `b`, both known to the day.
fn days_apart(a: &PartialDate, b: &PartialDate) -> Option<i64> {
    let n = |d: &PartialDate| -> Option<i64> {
        let (y, m, day) = (d.year, d.month?, d.day?);
        // Days since a fixed origin, enough to compare dates a few years apart.
        let before: i64 = (1..m).map(|mm| i64::from(model::days_in_month(y, mm))).sum();
        let years: i64 = (2000..y).map(|yy| if model::days_in_month(yy, 2) == 29 { 366 } else { 365 }).sum();
        Some(years + before + i64::from(day))
    };
    Some(n(b)? - n(a)?)
}

/// How a main event date compares with the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    /// Within one day.
    Day1,
    /// Within three days (but not one).
    Day3,
    /// Only a month is given, and it is the labelled month.
    RightMonth,
    /// Anything else.
    Wrong,
    /// No date.
    None,
}

fn verdict(found: Option<PartialDate>, gold: &PartialDate) -> Verdict {
    let Some(found) = found else { return Verdict::None };
    match days_apart(&found, gold) {
        Some(d) if d.abs() <= 1 => Verdict::Day1,
        Some(d) if d.abs() <= 3 => Verdict::Day3,
        Some(_) => Verdict::Wrong,
        None if found.year == gold.year && found.month == gold.month => Verdict::RightMonth,
        None => Verdict::Wrong,
    }
}

#[test]
fn main_event_dates_on_dev_events() {
    let records = records();
    let mut table: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut total = [0usize; 5];
    let mut found_dates = 0;
    let (mut dated, mut dated_day1) = (0, 0);
    // "none" answers where the publication day itself would have been within a day of the label.
    let (mut none_with_day, mut none_rescued_by_publication) = (0, 0);
    for r in &records {
        let dates = event_dates(r);
        found_dates += dates.len();
        let main = text::dates::main_event_date(&dates, r.published);
        let v = verdict(main, &r.gold);
        let column = v as usize;
        table.entry(r.language.clone()).or_default()[column] += 1;
        total[column] += 1;
        if r.published.is_some_and(|p| p.day.is_some()) {
            dated += 1;
            dated_day1 += usize::from(v == Verdict::Day1);
            if v == Verdict::None {
                none_with_day += 1;
                none_rescued_by_publication += usize::from(verdict(r.published, &r.gold) == Verdict::Day1);
            }
        }
        if std::env::var_os("EVENT_DATES_DUMP").is_some() {
            for d in &dates {
                println!(
                    "  {} {} {:?} [{}] until {:?} | {}",
                    r.id,
                    d.date,
                    d.surface,
                    d.resolution,
                    d.until.map(|u| u.to_string()),
                    d.sentence
                );
            }
        }
        if v != Verdict::Day1 {
            let listed: Vec<String> =
                dates.iter().map(|d| format!("{} {:?} [{}]", d.date, d.surface, d.resolution)).collect();
            println!(
                "{} {} published {:?} gold {}: {:?} -> {}; dates: {}",
                r.id,
                r.language,
                r.published.map(|p| p.to_string()),
                r.gold,
                v,
                main.map_or("none".into(), |m| m.to_string()),
                listed.join("; ")
            );
        }
    }
    println!(
        "\n{:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "lang", "±1d", "±3d", "month", "wrong", "none", "n"
    );
    for (language, row) in table.iter().chain(std::iter::once((&"all".to_string(), &total))) {
        let n: usize = row.iter().sum();
        println!(
            "{language:<6} {:>6} {:>6} {:>6} {:>6} {:>6} {n:>6}",
            row[0], row[1], row[2], row[3], row[4]
        );
    }
    println!("{found_dates} event dates in {} articles", records.len());
    let n = records.len();
    let day1 = total[0];
    let wrong = total[3];
    println!("within ±1 day: {day1}/{n}; wrong: {wrong}/{n}");
    println!("published known to the day: {dated_day1}/{dated} within ±1 day");
    println!(
        "of the {none_with_day} 'none' answers with a publication day, that day is within ±1 of the label in \
         {none_rescued_by_publication}"
    );
    // Measured: 34/123 within a day (26 of the 35 articles with a publication day), 4 wrong. Most
    // misses are articles without a publication day, where weekdays and "gestern" cannot be
    // resolved. The floors leave room for a different but equally honest rule set.
    assert!(day1 >= 28, "within ±1 day fell to {day1}/{n}");
    assert!(dated_day1 >= 21, "with a publication day, within ±1 day fell to {dated_day1}/{dated}");
    assert!(wrong <= 8, "wrong rose to {wrong}/{n}");
}

#[test]
#[ignore]
fn event_date_cost() {
    let records = records();
    let blocks: Vec<_> = records.iter().map(|r| text::clean::clean_text(&r.text).blocks).collect();
    let run = || {
        for (r, b) in records.iter().zip(&blocks) {
            let dates = text::dates::find_event_dates(b, &r.language, r.published);
            let _ = text::dates::main_event_date(&dates, r.published);
        }
    };
    run();
    let rounds = 20;
    let t = Instant::now();
    for _ in 0..rounds {
        run();
    }
    let per = t.elapsed().as_secs_f64() * 1e6 / (rounds * records.len()) as f64;
    println!("find_event_dates + main_event_date: {per:.1} µs per article");
}
