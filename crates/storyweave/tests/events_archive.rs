//! Closed events hand their members over to the store, and events behind the storyline window their
//! whole record, so the clusterer's memory does not grow with every article ever placed: listings,
//! stories, corrections, rebuilds and restarts from an older snapshot must read them from there as if
//! the clusterer still held them.

use crate::common::{arg, dev_events, seeds_dir, storyweave, storyweave_json};
use crate::server_client::TestServer;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn events(data: &Path) -> Vec<Value> {
    storyweave_json(&["events", "--data", arg(data), "--format", "json"]).as_array().unwrap().clone()
}

fn snapshot(data: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(data.join("events.json")).unwrap()).unwrap()
}

/// Event id → the hand-over number of its members, for the events of the snapshot that handed their
/// members over (held events, and events handed over whole).
fn handed_over(snapshot: &Value) -> BTreeMap<u64, u64> {
    let held = snapshot["clusterer"]["events"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|e| Some((e["id"].as_u64()?, e.get("archive")?.as_u64()?)));
    let whole = whole(snapshot).into_iter().map(|(id, a)| (id, a["members"].as_u64().unwrap()));
    held.chain(whole).collect()
}

/// Event id → where it is kept, for the events the snapshot handed over whole.
fn whole(snapshot: &Value) -> BTreeMap<u64, Value> {
    let archived = snapshot["clusterer"].get("archived_events").and_then(|a| a.as_object());
    archived.into_iter().flatten().map(|(id, a)| (id.parse().unwrap(), a.clone())).collect()
}

fn rows(data: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(data.join("storyweave.sqlite3")).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Article id → event id, from a listing.
fn placement(list: &[Value]) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for e in list {
        for a in e["articles"].as_array().unwrap() {
            let previous = out.insert(a["id"].as_str().unwrap().to_string(), e["id"].as_u64().unwrap());
            assert!(previous.is_none(), "article {} listed twice", a["id"]);
        }
    }
    out
}

fn members(list: &[Value], event: u64) -> Vec<String> {
    let e = list.iter().find(|e| e["id"] == event).unwrap_or_else(|| panic!("no event {event}"));
    e["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
}

fn run_ok(args: &[&str]) {
    let out = storyweave(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn closed_events_live_in_the_store_and_read_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    // Dated over about three years, more than the 512 arrivals between two closing sweeps.
    run_ok(&[
        "generate-corpus",
        arg(&seeds_dir()),
        arg(&dev_events()),
        "--count",
        "1200",
        "--output",
        arg(&corpus),
    ]);
    let data = dir.path().join("data");
    let report =
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&data), arg(&corpus)]);
    let stored = report["stored"].as_u64().unwrap() as usize;

    // The clusterer handed most members over: the snapshot holds the open events' only.
    let snap = snapshot(&data);
    let archived = handed_over(&snap);
    assert!(archived.len() > 5, "{} events handed over", archived.len());
    let whole_events = whole(&snap);
    assert!(whole_events.len() > 5, "{} events handed over whole", whole_events.len());
    let kept = snap["clusterer"]["events"].as_object().unwrap().len();
    let held: usize = snap["clusterer"]["events"]
        .as_object()
        .unwrap()
        .values()
        .map(|e| e["members"].as_array().unwrap().len())
        .sum();
    let in_store = rows(&data, "SELECT count(*) FROM event_members") as usize;
    assert!(held < stored / 2, "the snapshot still holds {held} of {stored} members");
    assert_eq!(held + in_store, stored, "every article is held by the clusterer or by the store, once");
    assert_eq!(snap["clusterer"]["article_event"].as_object().unwrap().len(), held);

    // Every article is listed exactly once, and handed-over events list their members.
    let list = events(&data);
    assert_eq!(placement(&list).len(), stored);
    assert_eq!(list.len(), kept + whole_events.len(), "held and whole-handed events are all listed");
    let (&old, _) =
        whole_events.iter().find(|(e, _)| members(&list, **e).len() >= 2).expect("an old event of 2");
    let old_event = list.iter().find(|e| e["id"] == old).unwrap();
    assert!(
        old_event["date"].is_string() && old_event["languages"].as_array().is_some_and(|l| !l.is_empty())
    );
    let story = storyweave_json(&["story", &old.to_string(), "--data", arg(&data), "--format", "json"]);
    assert!(!story["facts"].as_array().unwrap().is_empty(), "the story of an event handed over whole");
    let storylines = storyweave_json(&["storylines", "--data", arg(&data), "--format", "json"]);
    let in_storylines: usize =
        storylines.as_array().unwrap().iter().map(|s| s["events"].as_array().unwrap().len()).sum();
    assert_eq!(in_storylines, list.len());
    let (&closed, _) =
        archived.iter().find(|(e, _)| members(&list, **e).len() >= 3).expect("a closed event of 3");
    let closed_members = members(&list, closed);

    // The story of a handed-over event reads its articles from the store.
    let story = storyweave_json(&["story", &closed.to_string(), "--data", arg(&data), "--format", "json"]);
    let cited: std::collections::BTreeSet<&str> = story["facts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["statements"].as_array().unwrap())
        .map(|s| s["article_id"].as_str().unwrap())
        .collect();
    assert!(!cited.is_empty() && cited.iter().all(|id| closed_members.iter().any(|m| m == id)), "{cited:?}");

    // A rebuild from the store (no snapshot) gives the same events, members and scores. Done on a
    // copy: a rebuild hands members over anew, and the snapshot kept for the restart below must
    // find the rows it refers to, as it would after a crash.
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for f in std::fs::read_dir(&data).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, copy.join(f.file_name().unwrap())).unwrap();
    }
    std::fs::remove_file(copy.join("events.json")).unwrap();
    assert_eq!(events(&copy), list, "rebuilt from the store");
    let before_move = std::fs::read(data.join("events.json")).unwrap();

    // A correction on a handed-over event: its members come back from the store first.
    let moved = closed_members[1].clone();
    run_ok(&["events", "--data", arg(&data), "move", &moved]);
    let after_move = events(&data);
    let placed = placement(&after_move);
    assert_eq!(placed.len(), stored, "no article lost or doubled by the move");
    assert_ne!(placed[&moved], closed);
    let mut expected = closed_members.clone();
    expected.retain(|m| *m != moved);
    assert_eq!(members(&after_move, closed), expected, "the rest of the event stays, in order");
    let new_archive = handed_over(&snapshot(&data))[&closed];
    assert!(new_archive > archived[&closed], "the corrected event is handed over again");

    // Killed after the correction was stored but before the snapshot was written: the older
    // snapshot, whose hand-overs the store still holds, replays the correction to the same events.
    let newest_hand_over = |d: &Path| rows(d, "SELECT max(archive) FROM event_members");
    let written_by_move = newest_hand_over(&data);
    std::fs::write(data.join("events.json"), &before_move).unwrap();
    assert_eq!(events(&data), after_move, "restart from the snapshot before the move");
    // A listing only reads: it neither saves nor deletes what a writer (here, the move) made after
    // the snapshot it started from.
    assert_eq!(std::fs::read(data.join("events.json")).unwrap(), before_move);
    assert_eq!(newest_hand_over(&data), written_by_move);
    let older: Value = serde_json::from_slice(&before_move).unwrap();
    assert!(written_by_move > older["clusterer"]["archives"].as_i64().unwrap());

    // Merging two events handed over whole lists the union; the events before stay readable to the
    // end.
    let snap = snapshot(&data);
    let others: Vec<u64> = whole(&snap).into_keys().filter(|e| *e != closed).take(2).collect();
    let (a, b) = (others[0], others[1]);
    let union = members(&after_move, a).len() + members(&after_move, b).len();
    run_ok(&["events", "--data", arg(&data), "merge", &a.to_string(), &b.to_string()]);
    let merged = events(&data);
    assert_eq!(members(&merged, a.min(b)).len(), union);
    assert_eq!(placement(&merged).len(), stored);

    // Rows no snapshot refers to any more are deleted once a snapshot that does not need them is
    // on disk (one save later): the store keeps one current copy of each member, plus the old ones
    // of the last save's corrections.
    run_ok(&["events", "--data", arg(&data), "move", &moved, "--to", &closed.to_string()]);
    run_ok(&["events", "--data", arg(&data), "split", &closed.to_string(), &closed_members[0]]);
    let stale = rows(
        &data,
        &format!(
            "SELECT count(*) FROM event_members WHERE event_id = {closed} AND archive = {}",
            archived[&closed]
        ),
    );
    assert_eq!(stale, 0, "the event's first hand-over is gone");
    std::fs::remove_file(data.join("events.json")).unwrap();
    let final_list = events(&data);
    let rebuilt = events(&data);
    assert_eq!(final_list, rebuilt);
    assert_eq!(placement(&final_list).len(), stored);

    // The server reads the same: lists, an old event's story, its entity's page, its articles.
    let server = TestServer::start_in(&data, storyweave::server::Limits::default());
    let listed = server.get("/api/events?limit=1").json();
    assert_eq!(listed["total"].as_u64(), Some(final_list.len() as u64));
    // After the rebuild every row is current; an entity named by one event handed over whole.
    let (entity, event): (String, i64) = {
        let conn = rusqlite::Connection::open(data.join("storyweave.sqlite3")).unwrap();
        conn.query_row(
            "SELECT entity, min(event_id) FROM archived_event_entities GROUP BY entity HAVING count(*) = 1 \
             ORDER BY entity LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    };
    let page = server.get(&format!("/api/entities/{entity}?limit=500")).json();
    let ids: Vec<i64> = page["items"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&event), "{entity}: {ids:?}");
    let story = server.get(&format!("/api/events/{event}"));
    assert_eq!(story.status, 200);
    assert!(story.json()["facts"].as_array().is_some());
    // Search by a country's name in another language finds, by entity, articles of events handed
    // over whole (after the full-text hits, which name it in that language).
    let handed_with_korea: Vec<i64> = {
        let conn = rusqlite::Connection::open(data.join("storyweave.sqlite3")).unwrap();
        let mut stmt =
            conn.prepare("SELECT event_id FROM archived_event_entities WHERE entity = 'country:KR'").unwrap();
        let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        ids
    };
    assert!(!handed_with_korea.is_empty(), "events naming South Korea were handed over whole");
    let found = server.get("/api/search?q=S%C3%BCdkorea&limit=500").json();
    let by_entity: Vec<i64> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["matched"] == "entity")
        .filter_map(|h| h["event"].as_i64())
        .collect();
    assert!(by_entity.iter().any(|e| handed_with_korea.contains(e)), "{by_entity:?}");
    let member = &members(&final_list, event as u64)[0];
    let article = server.get(&format!("/api/articles/{member}")).json();
    assert_eq!(article["event"].as_i64(), Some(event));
    server.stop();
}
