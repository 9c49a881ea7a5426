//! Events and storylines through the CLI: the listing's JSON, the evaluation on dev-events, the
//! seeds, corrections that persist and are followed, and split runs that agree with one run.

use crate::common::{arg, dev_events, seeds_dir, storyweave, storyweave_json};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn ingest(data: &Path, paths: &[&Path]) -> Value {
    let mut args = vec!["ingest", "--quiet", "--format", "json", "--data", arg(data)];
    args.extend(paths.iter().map(|p| arg(p)));
    storyweave_json(&args)
}

fn events(data: &Path) -> Vec<Value> {
    storyweave_json(&["events", "--data", arg(data), "--format", "json"]).as_array().unwrap().clone()
}

/// Article id → seed file number ("000" …).
fn seed_names(data: &Path) -> BTreeMap<String, String> {
    let out = storyweave(&["articles", "--data", arg(data), "--format", "jsonl"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| {
            let file =
                Path::new(a["source"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned();
            (a["id"].as_str().unwrap().to_string(), file[..3].to_string())
        })
        .collect()
}

/// The events as sets of names, independent of event numbering.
fn partition(data: &Path, names: &BTreeMap<String, String>) -> BTreeSet<BTreeSet<String>> {
    events(data)
        .iter()
        .map(|e| {
            e["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| names[a["id"].as_str().unwrap()].clone())
                .collect()
        })
        .collect()
}

#[test]
fn the_event_listing_has_every_field_and_places_every_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let list = events(&data);
    let mut seen = BTreeSet::new();
    for e in &list {
        for key in ["id", "title", "date", "place", "storyline_id", "languages", "articles"] {
            assert!(e.get(key).is_some(), "event lacks `{key}`: {e}");
        }
        for a in e["articles"].as_array().unwrap() {
            assert!(a["score"].as_f64().unwrap() > 0.0);
            assert!(seen.insert(a["id"].as_str().unwrap().to_string()), "an article is in two events");
        }
    }
    assert_eq!(seen.len(), 5, "every seed article is in an event");
    let storylines = storyweave_json(&["storylines", "--data", arg(&data), "--format", "json"]);
    assert!(!storylines.as_array().unwrap().is_empty());
    let table = storyweave(&["events", "--data", arg(&data)]);
    assert!(table.status.success());
    assert!(String::from_utf8_lossy(&table.stdout).contains("storyline"));
}

#[test]
fn seeds_form_one_storyline_with_the_summit_dated_and_placed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let names = seed_names(&data);
    let list = events(&data);
    let storylines: BTreeSet<u64> = list.iter().map(|e| e["storyline_id"].as_u64().unwrap()).collect();
    assert_eq!(storylines.len(), 1, "the five seeds are one storyline: {list:?}");
    let summit = list
        .iter()
        .find(|e| e["articles"].as_array().unwrap().iter().any(|a| names[a["id"].as_str().unwrap()] == "000"))
        .unwrap();
    assert_eq!(summit["date"], "2025-08-23");
    assert_eq!(summit["place"], "Tokyo");
}

/// Acceptance of issue 7: the defence ministers' meeting (001) is its own event. 001 has no publication
/// date and its dates carry no year; it arrives before the summit is dated and first joins it, then
/// leaves once the summit is dated to August, the month it recaps ("Zuvor … im August").
#[test]
fn seeds_form_exactly_the_two_gold_events() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let names = seed_names(&data);
    let want: BTreeSet<BTreeSet<String>> = [vec!["000", "002", "003", "004"], vec!["001"]]
        .iter()
        .map(|s| s.iter().map(|x| x.to_string()).collect())
        .collect();
    assert_eq!(partition(&data, &names), want);
}

#[test]
fn eval_clusters_reports_both_levels_on_dev_events() {
    let out = storyweave_json(&["eval", "clusters", "--gold", arg(&dev_events()), "--format", "json"]);
    for level in ["events", "storylines"] {
        for metric in ["bcubed", "pairwise"] {
            for key in ["precision", "recall", "f1"] {
                let v = out[level][metric][key].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&v), "{level}.{metric}.{key} = {v}");
            }
        }
        assert!(out[level]["clusters_found"].as_u64().unwrap() > 0);
    }
    assert_eq!(out["events"]["clusters_gold"], 17);
    assert_eq!(out["storylines"]["clusters_gold"], 6);
    assert_eq!(out["documents"], 123);
    // Issue 7's acceptance: event BCubed F1 >= 0.90 and storyline BCubed F1 >= 0.85 (measured on
    // 2026-11-27: 0.9004 and 0.940; the event figure is at the bar, so any change that loses one
    // article's placement shows here).
    let f1 = |level: &str| out[level]["bcubed"]["f1"].as_f64().unwrap();
    assert!(f1("events") >= 0.90, "event BCubed F1 {}", f1("events"));
    assert!(f1("storylines") >= 0.85, "storyline BCubed F1 {}", f1("storylines"));
}

#[test]
fn split_runs_and_one_run_give_the_same_events() {
    let dir = tempfile::tempdir().unwrap();
    let (one, split) = (dir.path().join("one"), dir.path().join("split"));
    ingest(&one, &[&seeds_dir()]);
    let mut files: Vec<_> = std::fs::read_dir(seeds_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    for f in &files {
        ingest(&split, &[f]);
    }
    let (a, b) = (seed_names(&one), seed_names(&split));
    assert_eq!(partition(&one, &a), partition(&split, &b));
    // A deleted snapshot is rebuilt from the store to the same events.
    std::fs::remove_file(split.join("events.json")).unwrap();
    assert_eq!(partition(&one, &a), partition(&split, &b));
}

/// Ingest builds the text part of each article's event features in the parallel text stage; a
/// rebuild from the store builds them in the event stage. Both must decide alike, to the score.
#[test]
fn features_built_in_the_text_stage_decide_as_a_rebuild_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir(), &dev_events()]);
    let ingested = events(&data);
    assert!(ingested.len() > 10, "{} events", ingested.len());
    std::fs::remove_file(data.join("events.json")).unwrap();
    let rebuilt = events(&data);
    assert_eq!(ingested, rebuilt, "the rebuilt events (ids, members, scores) differ from the ingested ones");
}

#[test]
fn a_move_persists_is_logged_and_a_later_copy_follows_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let names = seed_names(&data);
    let id_of = |n: &str| names.iter().find(|(_, v)| v.as_str() == n).unwrap().0.clone();
    let moved = id_of("001");
    let out = storyweave(&["events", "--data", arg(&data), "move", &moved[..12]]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let alone = |data: &Path| {
        events(data).iter().any(|e| {
            let a = e["articles"].as_array().unwrap();
            a.len() == 1 && a[0]["id"] == moved.as_str()
        })
    };
    assert!(alone(&data), "the moved article has an event of its own");
    // Read back by a new process: the correction was stored.
    assert!(alone(&data));
    let log = storyweave(&["events", "--data", arg(&data), "--format", "jsonl", "log"]);
    assert!(String::from_utf8_lossy(&log.stdout).contains("user_move"));

    // A shortened reprint of the moved article (its first lines) arrives later: it follows the move.
    let seed = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001"))
        .unwrap();
    let original = std::fs::read_to_string(seed).unwrap();
    let lines: Vec<&str> = original.lines().filter(|l| !l.trim().is_empty()).collect();
    let reprint = dir.path().join("reprint.txt");
    std::fs::write(&reprint, lines[..lines.len() * 3 / 5].join("\n")).unwrap();
    ingest(&data, &[&reprint]);
    let list = events(&data);
    let with_moved = list
        .iter()
        .find(|e| e["articles"].as_array().unwrap().iter().any(|a| a["id"] == moved.as_str()))
        .unwrap();
    assert_eq!(
        with_moved["articles"].as_array().unwrap().len(),
        2,
        "the reprint joins the moved article: {list:?}"
    );

    // The snapshot rebuilt from the store replays the correction at the point it was made.
    std::fs::remove_file(data.join("events.json")).unwrap();
    assert_eq!(events(&data), list);
}

#[test]
fn merge_and_split_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let list = events(&data);
    let event = list.iter().max_by_key(|e| e["articles"].as_array().unwrap().len()).unwrap();
    let id = event["id"].as_u64().unwrap().to_string();
    let first = event["articles"][0]["id"].as_str().unwrap().to_string();
    let out = storyweave(&["events", "--data", arg(&data), "split", &id, &first]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = events(&data);
    assert_eq!(after.len(), list.len() + 1);
    let new_id = after.iter().map(|e| e["id"].as_u64().unwrap()).max().unwrap().to_string();
    let out = storyweave(&["events", "--data", arg(&data), "merge", &id, &new_id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(events(&data).len(), list.len());
    let bad = storyweave(&["events", "--data", arg(&data), "merge", &id, "9999"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no event 9999"));
}

/// A snapshot written by an older release (no `format` field, weights of fewer features) is not an
/// error: the events are rebuilt from the store, said in a note, and the rebuilt snapshot is saved.
#[test]
fn a_snapshot_of_an_older_format_is_rebuilt_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&seeds_dir()]);
    let names = seed_names(&data);
    let before = partition(&data, &names);
    let path = data.join("events.json");
    let mut snapshot: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    snapshot.as_object_mut().unwrap().remove("format");
    std::fs::write(&path, serde_json::to_string(&snapshot).unwrap()).unwrap();

    let out = storyweave(&["events", "--data", arg(&data), "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains("older format") && note.contains("rebuilt"), "{note}");
    assert_eq!(partition(&data, &names), before);
    // Saved once rebuilt: the next command reads it without a note.
    let again = storyweave(&["events", "--data", arg(&data), "--format", "json"]);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("older format"));
}
