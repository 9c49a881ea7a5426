//! Main event dates of the five seed articles (read in place), through the clean stage and the
//! publication date the text gives (only seed 003 has one, in its footer).

use crate::common;

use model::{Hints, PartialDate};

/// (event dates, main event date) of a seed, with its gold language.
fn main_date(prefix: &str, language: &str) -> (Vec<model::EventDate>, Option<PartialDate>) {
    let blocks = text::clean::clean_text(&common::seed_text(prefix)).blocks;
    let published = text::dates::find_published(&Hints::default(), None, None, &blocks).map(|p| p.date);
    let dates = text::dates::find_event_dates(&blocks, language, published);
    let main = text::dates::main_event_date(&dates, published);
    println!("seed {prefix} published {published:?}: main {main:?}");
    for d in &dates {
        println!("  {} {:?} [{}] block {}", d.date, d.surface, d.resolution, d.block);
    }
    (dates, main)
}

#[test]
fn the_summit_is_dated_where_the_text_allows() {
    let summit = PartialDate::ymd(2025, 8, 23);
    // Seed 003 carries its publication date and says "agreed Saturday".
    let (_, main) = main_date("003", "en");
    assert_eq!(main, summit);
    // The others carry neither a publication date nor a date with its year: nothing to resolve, and
    // nothing wrong.
    for (seed, language) in [("000", "de"), ("002", "en"), ("004", "en")] {
        let (_, main) = main_date(seed, language);
        assert!(main.is_none() || main == summit, "seed {seed}: {main:?}");
    }
}

#[test]
fn the_defence_meeting_is_never_dated_on_the_summit() {
    let (_, main) = main_date("001", "de");
    let early_september =
        |d: &PartialDate| d.year == 2025 && d.month == Some(9) && d.day.is_none_or(|d| d <= 10);
    assert!(main.is_none() || main.as_ref().is_some_and(early_september), "{main:?}");
    assert_ne!(main, PartialDate::ymd(2025, 8, 23));
}
