//! Opening a store: creation, WAL, read-only access and the errors that tell the user what to do.

use crate::common::{fresh_store, synthetic_batch};
use std::time::Duration;
use store::{SqliteStore, Store, StoreError, DB_FILE_NAME};

#[test]
fn open_creates_the_directory_and_a_wal_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("storyweave-data");
    let store = SqliteStore::open(&data).unwrap();
    assert_eq!(store.path(), data.join(DB_FILE_NAME));
    drop(store);
    let conn = rusqlite::Connection::open(data.join(DB_FILE_NAME)).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 4, "every migration is applied to a new store");
}

#[test]
fn reopening_keeps_the_data_and_applies_no_migration_twice() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    store.put_batch(run, &synthetic_batch("k", 5)).unwrap();
    drop(store);
    let store = SqliteStore::open(&dir.path().join("data")).unwrap();
    assert_eq!(store.count_articles().unwrap(), 5);
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let rows: i64 = conn.query_row("SELECT count(*) FROM schema_version", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 4, "one row per migration, none applied twice");
}

#[test]
fn read_only_open_of_a_missing_store_says_how_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("storyweave-data");
    let err = SqliteStore::open_read_only(&data).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }));
    let message = err.to_string();
    assert!(message.contains(&data.join(DB_FILE_NAME).display().to_string()), "{message}");
    assert!(message.contains("storyweave ingest"), "{message}");
    assert!(!data.exists(), "a read-only open creates nothing");
}

#[test]
fn a_read_only_store_reads_and_refuses_writes() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    store.put_batch(run, &synthetic_batch("r", 3)).unwrap();
    let mut reader = SqliteStore::open_read_only(&dir.path().join("data")).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.count_articles().unwrap(), 3, "sees what the writer committed");
    assert_eq!(reader.search("harbour", 10).unwrap().len(), 3);
    assert!(reader.check_integrity().unwrap().is_empty());
    assert!(matches!(reader.begin_run("x"), Err(StoreError::ReadOnly { .. })));
    assert!(matches!(reader.put_batch(run, &synthetic_batch("s", 1)), Err(StoreError::ReadOnly { .. })));
    store.put_batch(run, &synthetic_batch("t", 2)).unwrap();
    assert_eq!(reader.count_articles().unwrap(), 5, "a reader beside a writer sees new batches");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DB_FILE_NAME);
    let content = "these are notes, not a database\n".repeat(200);
    std::fs::write(&file, &content).unwrap();
    for err in
        [SqliteStore::open(dir.path()).unwrap_err(), SqliteStore::open_read_only(dir.path()).unwrap_err()]
    {
        assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
        assert!(err.to_string().contains(&file.display().to_string()), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), content);
}

#[test]
fn another_applications_sqlite_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(DB_FILE_NAME);
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');").unwrap();
    drop(conn);
    let err = SqliteStore::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err}");
    assert!(err.to_string().contains("not a storyweave store"), "{err}");
    let conn = rusqlite::Connection::open(&file).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete", "the foreign file was not switched to WAL");
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn a_newer_schema_is_refused() {
    let (dir, store) = fresh_store();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    conn.execute("INSERT INTO schema_version (version, applied) VALUES (99, 'later')", []).unwrap();
    drop(conn);
    drop(store);
    let data = dir.path().join("data");
    for err in [SqliteStore::open(&data).unwrap_err(), SqliteStore::open_read_only(&data).unwrap_err()] {
        assert!(matches!(err, StoreError::NewerSchema { found: 99, supported: 4, .. }), "{err}");
        assert!(err.to_string().contains("upgrade storyweave"), "{err}");
    }
}

#[test]
fn a_data_directory_that_is_a_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_dir = dir.path().join("plain-file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let err = SqliteStore::open(&not_a_dir.join("data")).unwrap_err();
    assert!(matches!(err, StoreError::DataDir { .. }), "{err}");
    assert!(err.to_string().contains("plain-file"), "{err}");
}

#[test]
fn a_store_locked_by_another_writer_is_reported_as_locked() {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let other = rusqlite::Connection::open(dir.path().join("data").join(DB_FILE_NAME)).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    store.set_busy_timeout(Duration::from_millis(50)).unwrap();
    let err = store.put_batch(run, &synthetic_batch("l", 2)).unwrap_err();
    assert!(matches!(err, StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked by another process"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!(store.put_batch(run, &synthetic_batch("l", 2)).unwrap().len(), 2);
}

#[test]
fn stores_are_usable_as_trait_objects_across_threads() {
    let (_dir, store) = fresh_store();
    let mut boxed: Box<dyn Store> = Box::new(store);
    let handle = std::thread::spawn(move || {
        let run = boxed.begin_run("ingest").unwrap();
        boxed.put_batch(run, &synthetic_batch("t", 3)).unwrap();
        boxed.count_articles().unwrap()
    });
    assert_eq!(handle.join().unwrap(), 3);
}
