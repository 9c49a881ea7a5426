//! A store left by a run that never finished (a crash, a kill) reopens whole and takes the same
//! input again without duplicating anything.

use crate::common::{all_articles, fresh_store, synthetic_batch};
use store::{PutStatus, SqliteStore, Store};

fn integrity_check(dir: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(dir.join(store::DB_FILE_NAME)).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// Reopens the store after an unfinished run and checks everything a restarted ingest relies on.
fn check_reopened(data: &std::path::Path, batches: &[Vec<model::Article>]) {
    assert_eq!(integrity_check(data), "ok");
    let mut store = SqliteStore::open(data).unwrap();
    assert_eq!(store.check_integrity().unwrap(), Vec::<String>::new(), "database and full-text index");

    let expected: usize = batches.iter().map(Vec::len).sum();
    assert_eq!(store.count_articles().unwrap(), expected as u64);
    assert_eq!(store.search("harbour", 10_000).unwrap().len(), expected, "every article is indexed once");

    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!((runs[0].finished.as_deref(), runs[0].stored), (None, expected as u64), "unfinished run");
    assert_eq!(runs[0].skipped, 1);

    // The restarted ingest sees the same input again.
    let before = all_articles(&store);
    let rerun = store.begin_run("ingest (again)").unwrap();
    for batch in batches {
        let statuses = store.put_batch(rerun, batch).unwrap();
        assert!(statuses.iter().all(|s| *s == PutStatus::AlreadyPresent));
    }
    store.finish_run(rerun, &serde_json::json!({"stored": 0})).unwrap();
    assert_eq!(all_articles(&store), before);
    assert_eq!(store.search("harbour", 10_000).unwrap().len(), expected);
    assert!(store.check_integrity().unwrap().is_empty());
    let runs = store.runs().unwrap();
    assert_eq!((runs[0].finished.is_none(), runs[1].finished.is_some()), (true, true));
}

#[test]
fn a_store_dropped_mid_run_reopens_whole() {
    let (dir, mut store) = fresh_store();
    let data = dir.path().join("data");
    let run = store.begin_run("ingest").unwrap();
    let batches = vec![synthetic_batch("a", 300), synthetic_batch("b", 300)];
    for batch in &batches {
        store.put_batch(run, batch).unwrap();
    }
    store.record_skipped(run, "c/empty.txt", "empty", "no text").unwrap();
    drop(store); // no finish_run
    check_reopened(&data, &batches);
}

#[test]
fn a_store_abandoned_without_closing_reopens_whole() {
    // Forgetting the store skips every destructor, as a killed process would: the connection is never
    // closed, the write-ahead log is not checkpointed, buffers are not flushed.
    let (dir, mut store) = fresh_store();
    let data = dir.path().join("data");
    let run = store.begin_run("ingest").unwrap();
    let batches = vec![synthetic_batch("a", 300), synthetic_batch("b", 300)];
    store.record_skipped(run, "c/empty.txt", "empty", "no text").unwrap();
    for batch in &batches {
        store.put_batch(run, batch).unwrap();
    }
    assert!(data.join(format!("{}-wal", store::DB_FILE_NAME)).exists());
    std::mem::forget(store);
    check_reopened(&data, &batches);
}

#[test]
fn an_uncommitted_write_leaves_nothing_behind() {
    let (dir, mut store) = fresh_store();
    let data = dir.path().join("data");
    let run = store.begin_run("ingest").unwrap();
    let batch = synthetic_batch("a", 50);
    store.put_batch(run, &batch).unwrap();
    store.record_skipped(run, "c/empty.txt", "empty", "no text").unwrap();
    store.flush().unwrap();

    // Another connection starts writing a batch the way the store does and dies before committing.
    let conn = rusqlite::Connection::open(data.join(store::DB_FILE_NAME)).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO articles (id, language, truncated, page_kind, text, json, first_run)
             VALUES ('half-written', 'en', 0, 'article', 'harbour', '{}', 1);
         INSERT INTO articles_fts (rowid, title, text) VALUES (last_insert_rowid(), 'x', 'harbour');",
    )
    .unwrap();
    drop(conn);
    drop(store);
    check_reopened(&data, &[batch]);
}

#[test]
fn a_full_text_index_out_of_step_is_reported_and_rebuilt() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    store.put_batch(run, &synthetic_batch("a", 10)).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("data").join(store::DB_FILE_NAME)).unwrap();
    conn.execute("INSERT INTO articles_fts (rowid, title, text) VALUES (9999, 'ghost', 'ghost harbour')", [])
        .unwrap();
    drop(conn);
    assert!(!store.check_integrity().unwrap().is_empty());
    store.rebuild_search_index().unwrap();
    assert_eq!(store.check_integrity().unwrap(), Vec::<String>::new());
    assert_eq!(store.search("harbour", 100).unwrap().len(), 10);
}
