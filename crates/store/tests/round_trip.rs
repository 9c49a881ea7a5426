//! Articles, runs and skipped records come back exactly as they were stored.

use crate::common::{all_articles, article, fresh_store, full_article, synthetic_batch};
use serde_json::json;
use store::{PutStatus, RunId, SqliteStore, Store, StoreError};

#[test]
fn every_field_and_block_survives_a_round_trip() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest crawl").unwrap();
    let original = full_article();
    assert_eq!(store.put_batch(run, std::slice::from_ref(&original)).unwrap(), [PutStatus::Stored]);
    assert_eq!(store.article(&original.id.0).unwrap().as_ref(), Some(&original));

    // And again through a new connection, read-only.
    drop(store);
    let reader = SqliteStore::open_read_only(&dir.path().join("data")).unwrap();
    assert_eq!(reader.article(&original.id.0).unwrap(), Some(original));
}

#[test]
fn text_with_quotes_escapes_and_other_scripts_survives() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let mut tricky =
        article("7e57000001", "t.txt", "ja", "「首脳会談」", "He said \"no\" \\ then {left}.\n\tتم");
    tricky.text.push_str("\u{0}\u{1F600}");
    store.put_batch(run, std::slice::from_ref(&tricky)).unwrap();
    assert_eq!(all_articles(&store), [tricky]);
}

#[test]
fn for_each_article_streams_in_insertion_order() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    // Ids deliberately not in sorted order, so id order and insertion order differ.
    let batch = vec![article("zzz000001", "a", "en", "Z", "z"), article("aaa000001", "b", "en", "A", "a")];
    store.put_batch(run, &batch).unwrap();
    store.put_batch(run, &[article("mmm000001", "c", "en", "M", "m")]).unwrap();
    let ids: Vec<String> = all_articles(&store).into_iter().map(|a| a.id.0).collect();
    assert_eq!(ids, ["zzz000001", "aaa000001", "mmm000001"]);
    assert_eq!(store.count_articles().unwrap(), 3);
}

#[test]
fn for_each_article_stops_at_the_callbacks_error() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    store.put_batch(run, &synthetic_batch("s", 10)).unwrap();
    let mut seen = 0;
    let result = store.for_each_article(&mut |_| {
        seen += 1;
        if seen == 3 {
            return Err(StoreError::Callback("enough".into()));
        }
        Ok(())
    });
    assert!(matches!(result, Err(StoreError::Callback(_))));
    assert_eq!(seen, 3);
}

#[test]
fn runs_keep_their_reports_and_counts() {
    let (_dir, mut store) = fresh_store();
    let first = store.begin_run("ingest a").unwrap();
    store.put_batch(first, &synthetic_batch("a", 4)).unwrap();
    store.record_skipped(first, "a/broken.html", "decode", "not UTF-8 and no charset declared").unwrap();
    store.finish_run(first, &json!({"stored": 4, "skipped": 1})).unwrap();
    let second = store.begin_run("ingest b").unwrap();
    store.put_batch(second, &synthetic_batch("a", 2)).unwrap();

    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!((runs[0].id, runs[0].command.as_str()), (first, "ingest a"));
    assert_eq!(runs[0].report, Some(json!({"stored": 4, "skipped": 1})));
    assert!(runs[0].finished.is_some());
    assert!(runs[0].started.ends_with('Z') && runs[0].started.len() == "2025-08-23T10:00:00.000Z".len());
    assert_eq!((runs[0].stored, runs[0].skipped), (4, 1));
    assert_eq!((runs[1].finished.as_deref(), runs[1].report.as_ref()), (None, None));
    assert_eq!(runs[1].stored, 0, "the second run only saw articles the first one stored");

    let shown = runs[0].to_string();
    assert!(shown.starts_with(&format!("run {first}  started ")), "{shown}");
    assert!(shown.contains("stored 4  skipped 1  ingest a\n  report: {"), "{shown}");
    assert!(runs[1].to_string().contains("unfinished"));

    let skipped = store.skipped(first).unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!((skipped[0].source.as_str(), skipped[0].kind.as_str()), ("a/broken.html", "decode"));
}

#[test]
fn skipped_records_are_written_when_the_store_is_dropped() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    for i in 0..300 {
        store.record_skipped(run, &format!("x/{i}"), "empty", "no text").unwrap();
    }
    drop(store);
    let store = SqliteStore::open_read_only(&dir.path().join("data")).unwrap();
    assert_eq!(store.skipped(run).unwrap().len(), 300);
    assert_eq!(store.runs().unwrap()[0].skipped, 300);
}

#[test]
fn unknown_runs_are_refused() {
    let (_dir, mut store) = fresh_store();
    let ghost = RunId(42);
    let err = store.put_batch(ghost, &synthetic_batch("g", 1)).unwrap_err();
    assert!(matches!(err, StoreError::UnknownRun { run: 42, .. }), "{err}");
    assert!(matches!(store.finish_run(ghost, &json!({})), Err(StoreError::UnknownRun { .. })));
    assert!(matches!(store.record_skipped(ghost, "s", "k", "m"), Err(StoreError::UnknownRun { .. })));
    assert_eq!(store.count_articles().unwrap(), 0);
}

#[test]
fn an_empty_id_is_refused_before_anything_is_written() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let mut batch = synthetic_batch("e", 3);
    batch[2].id.0.clear();
    let err = store.put_batch(run, &batch).unwrap_err();
    assert!(err.to_string().contains("synthetic/e/2.txt"), "{err}");
    assert_eq!(store.count_articles().unwrap(), 0);
}
