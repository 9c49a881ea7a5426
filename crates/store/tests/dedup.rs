//! The same content stored twice is stored once; every source it came from is recorded.

use crate::common::{all_articles, article, fresh_store, synthetic_batch};
use store::{PutStatus, RunId, SourceRecord, Store};

#[test]
fn putting_the_same_batch_again_changes_nothing() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let batch = synthetic_batch("r", 20);
    assert!(store.put_batch(run, &batch).unwrap().iter().all(|s| *s == PutStatus::Stored));
    let before = all_articles(&store);

    let again = store.begin_run("ingest again").unwrap();
    assert!(store.put_batch(again, &batch).unwrap().iter().all(|s| *s == PutStatus::AlreadyPresent));
    assert_eq!(all_articles(&store), before);
    assert_eq!(store.count_articles().unwrap(), 20);
    assert_eq!(store.search("harbour", 100).unwrap().len(), 20, "no duplicate index entries");
    for a in &batch {
        assert_eq!(
            store.sources_of(&a.id.0).unwrap(),
            [SourceRecord { source: a.source.clone(), url: None, first_seen: run }],
            "the source keeps the run that first saw it"
        );
    }
}

#[test]
fn the_same_content_from_another_source_records_the_source() {
    let (_dir, mut store) = fresh_store();
    let first = store.begin_run("ingest wire").unwrap();
    let original = article("c0ffee000001", "wire/feed.jsonl:3", "en", "Ferry strike ends", "Talks ended.");
    store.put_batch(first, std::slice::from_ref(&original)).unwrap();

    let second = store.begin_run("ingest syndication").unwrap();
    let mut copy = original.clone();
    copy.source = "partner/page.html".into();
    copy.url = Some("https://partner.example.net/ferry".into());
    assert_eq!(store.put_batch(second, &[copy]).unwrap(), [PutStatus::AlreadyPresent]);

    assert_eq!(store.article("c0ffee000001").unwrap(), Some(original), "the first copy is kept");
    assert_eq!(
        store.sources_of("c0ffee000001").unwrap(),
        [
            SourceRecord { source: "wire/feed.jsonl:3".into(), url: None, first_seen: first },
            SourceRecord {
                source: "partner/page.html".into(),
                url: Some("https://partner.example.net/ferry".into()),
                first_seen: second
            },
        ]
    );
    assert_eq!(store.count_articles().unwrap(), 1);
}

#[test]
fn duplicates_inside_one_batch_are_stored_once() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let a = article("dup0000001", "one.txt", "en", "Same", "Same text.");
    let mut b = a.clone();
    b.source = "two.txt".into();
    assert_eq!(
        store.put_batch(run, &[a.clone(), b, a]).unwrap(),
        [PutStatus::Stored, PutStatus::AlreadyPresent, PutStatus::AlreadyPresent]
    );
    assert_eq!(store.sources_of("dup0000001").unwrap().len(), 2);
    assert_eq!(store.count_articles().unwrap(), 1);
}

#[test]
fn a_url_learnt_later_fills_in_a_source_without_one() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let mut a = article("url0000001", "dir/a.txt", "en", "T", "Body.");
    store.put_batch(run, std::slice::from_ref(&a)).unwrap();
    a.url = Some("https://example.org/a".into());
    store.put_batch(run, std::slice::from_ref(&a)).unwrap();
    a.url = Some("https://example.org/other".into());
    store.put_batch(run, std::slice::from_ref(&a)).unwrap();
    let sources = store.sources_of("url0000001").unwrap();
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0].url.as_deref(), Some("https://example.org/a"), "a known URL is not overwritten");
    assert_eq!(sources[0].first_seen, RunId(run.0));
}
