//! Publication dates on the dev-events corpus (read in place). Its `published` field is metadata, so
//! with hints it is trivial; without hints, how many dates do the URL and the text give back, and do
//! they agree with the field (to the precision both give)?

use crate::common;

use crate::common::paragraph_blocks;
use model::{DateSource, Hints, PartialDate};

/// One dev-events record: id, url, gold published (may be absent), text.
struct Record {
    id: String,
    url: String,
    published: Option<String>,
    text: String,
}

fn records() -> Vec<Record> {
    common::dev_events()
        .into_iter()
        .map(|v| {
            let field = |k: &str| v[k].as_str().map(str::to_string);
            Record {
                id: field("id").unwrap_or_default(),
                url: field("url").unwrap_or_default(),
                published: field("published"),
                text: field("text").unwrap_or_default(),
            }
        })
        .collect()
}

/// Whether two dates agree to the precision both give.
fn agree(a: &PartialDate, b: &PartialDate) -> bool {
    a.year == b.year
        && (a.month.is_none() || b.month.is_none() || a.month == b.month)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

#[test]
fn metadata_is_taken_as_is() {
    for r in records() {
        let Some(published) = r.published.clone() else { continue };
        let hints = Hints {
            published: Some(published.clone()),
            published_field: Some("published".into()),
            url: Some(r.url.clone()),
            ..Hints::default()
        };
        let found = text::dates::find_published(&hints, None, None, &paragraph_blocks(&r.text))
            .expect("metadata date");
        assert_eq!(found.source, DateSource::Metadata);
        assert_eq!(found.date.to_string(), published, "{}", r.id);
    }
}

#[test]
fn dates_from_url_and_text_agree_with_the_field() {
    let records = records();
    let (mut recovered, mut with_gold, mut agreeing, mut exact) = (0, 0, 0, 0);
    let mut by_source = std::collections::BTreeMap::new();
    for r in &records {
        let hints = Hints { url: Some(r.url.clone()), ..Hints::default() };
        let Some(found) = text::dates::find_published(&hints, None, Some(&r.url), &paragraph_blocks(&r.text))
        else {
            continue;
        };
        recovered += 1;
        *by_source.entry(format!("{:?}", found.source)).or_insert(0) += 1;
        let gold = r.published.as_deref().map(|g| g.parse::<PartialDate>().expect("gold date"));
        let verdict = match gold {
            Some(g) => {
                with_gold += 1;
                if agree(&g, &found.date) {
                    agreeing += 1;
                    if g == found.date {
                        exact += 1;
                    }
                    "agrees"
                } else {
                    "DISAGREES"
                }
            }
            None => "no gold",
        };
        println!(
            "{}: {} via {:?} [{}] gold {:?}: {verdict}",
            r.id, found.date, found.source, found.detail, r.published
        );
    }
    println!(
        "recovered {recovered}/{} ({by_source:?}); {with_gold} have a gold date: {agreeing} agree, {exact} exactly",
        records.len()
    );
    assert!(recovered >= 10);
    assert_eq!(agreeing, with_gold, "every recovered date agrees with the field");
}
