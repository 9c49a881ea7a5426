//! A kill -9 in the middle of an ingest leaves a consistent store, and re-running completes it; a second
//! writer on a data directory in use is refused before it touches anything.

use crate::common;

use crate::common::{arg, storyweave, storyweave_json};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn count_articles(data: &std::path::Path) -> Option<usize> {
    let db = data.join("storyweave.sqlite3");
    let conn = rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.busy_timeout(Duration::from_secs(5)).ok()?;
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0)).ok().map(|n| n as usize)
}

#[test]
fn killed_ingest_leaves_a_consistent_store_that_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let out = storyweave(&[
        "generate-corpus",
        arg(&common::seeds_dir()),
        arg(&common::dev_events()),
        "--count",
        "2000",
        "--output",
        arg(&corpus),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // The whole corpus ingested in one go, for reference.
    let reference = dir.path().join("reference");
    let full =
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&reference), arg(&corpus)]);
    let expected = full["stored"].as_u64().unwrap() as usize;
    assert!(expected > 1700, "{full}");

    let data = dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_storyweave"))
        .args(["ingest", "--quiet", "--batch", "64", "--data", arg(&data), arg(&corpus)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let at_kill = loop {
        if let Some(n) = count_articles(&data).filter(|n| *n > 0) {
            child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback hook runs.
            break n;
        }
        assert!(Instant::now() < deadline, "the ingest never committed a batch");
        assert!(child.try_wait().unwrap().is_none(), "the ingest ended before it could be killed");
        std::thread::sleep(Duration::from_millis(5));
    };
    child.wait().unwrap();
    assert!(at_kill < expected, "the kill must land mid-way ({at_kill} of {expected})");

    let db = rusqlite::Connection::open(data.join("storyweave.sqlite3")).unwrap();
    let check: String = db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(db);
    let after_kill = count_articles(&data).unwrap();
    // Every article that is there reads back whole.
    let listed = storyweave(&["articles", "--data", arg(&data), "--format", "jsonl"]);
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    for line in listed.lines() {
        let article: model::Article = serde_json::from_str(line).expect("a stored article parses");
        assert!(!article.text.is_empty() && !article.blocks.is_empty());
    }
    assert_eq!(listed.lines().count(), after_kill);

    let rerun =
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&data), arg(&corpus)]);
    assert_eq!(rerun["skipped"], 0, "{rerun}");
    assert_eq!(count_articles(&data), Some(expected), "{rerun}");
    assert_eq!(rerun["stored"].as_u64().unwrap() as usize, expected - after_kill, "{rerun}");

    let again =
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&data), arg(&corpus)]);
    assert_eq!(again["stored"], 0, "a third run is a no-op: {again}");

    // The copy groups after kill + re-run are the ones a single run makes.
    let copies =
        |d: &std::path::Path| storyweave_json(&["copies", "--data", arg(d), "--format", "json", "--all"]);
    assert_eq!(copies(&data), copies(&reference));

    // So are the events: the clusterer's snapshot plus the replay of what the killed run stored gives
    // the decisions of an uninterrupted run.
    let events = |d: &std::path::Path| storyweave_json(&["events", "--data", arg(d), "--format", "json"]);
    assert_eq!(events(&data), events(&reference));
}

#[test]
fn a_second_writer_is_refused_while_a_server_owns_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seeds = common::seeds_dir();
    let first = storyweave(&["ingest", "--quiet", "--data", arg(&data), arg(&seeds)]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let snapshot = std::fs::read(data.join("events.json")).ok();

    let server = crate::server_client::TestServer::start_in(&data, Default::default());
    for args in [
        vec!["ingest", "--quiet", "--data", arg(&data), arg(&seeds)],
        vec!["events", "--data", arg(&data), "merge", "1", "2"],
    ] {
        let out = storyweave(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} ran beside the server");
        assert!(stderr.contains("is in use by another storyweave process"), "{stderr}");
        assert!(stderr.contains("storyweave serve"), "the holder is named: {stderr}");
    }
    // Reading needs no lock, and the refused writers changed nothing.
    let listed = storyweave(&["events", "--data", arg(&data), "--format", "json"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert_eq!(std::fs::read(data.join("events.json")).ok(), snapshot);
    server.stop();

    // Once the server is gone, the directory is free again.
    let again = storyweave(&["ingest", "--quiet", "--data", arg(&data), arg(&seeds)]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
}
