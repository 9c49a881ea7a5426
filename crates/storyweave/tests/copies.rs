//! Copy groups through the CLI: the syndicated pairs of the dev corpus are grouped, the seeds are not,
//! and split runs, one run and a rebuilt index all give the same groups.

use crate::common;

use crate::common::{arg, storyweave, storyweave_json};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn ingest(data: &Path, paths: &[&Path]) -> Value {
    let mut args = vec!["ingest", "--quiet", "--format", "json", "--data", arg(data)];
    args.extend(paths.iter().map(|p| arg(p)));
    storyweave_json(&args)
}

/// Article id → the record's own id (`dev-0013`) or the seed file name.
fn names(data: &Path) -> BTreeMap<String, String> {
    let out = storyweave(&["articles", "--data", arg(data), "--format", "jsonl"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| {
            let name = a["external_id"].as_str().map(str::to_string).unwrap_or_else(|| {
                Path::new(a["source"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned()
            });
            (a["id"].as_str().unwrap().to_string(), name)
        })
        .collect()
}

/// Every group as (origin name, member names), in a form independent of group numbering.
fn groups(data: &Path) -> BTreeSet<(String, BTreeSet<String>)> {
    let names = names(data);
    let list = storyweave_json(&["copies", "--data", arg(data), "--format", "json", "--all"]);
    list.as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let members = g["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| names[m["article"].as_str().unwrap()].clone());
            (names[g["origin"].as_str().unwrap()].clone(), members.collect())
        })
        .collect()
}

#[test]
fn syndicated_pairs_are_grouped_and_the_seeds_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[&common::seeds_dir(), &common::dev_events()]);
    let groups = groups(&data);
    let together = |a: &str, b: &str| groups.iter().any(|(_, m)| m.contains(a) && m.contains(b));
    // Two pairs the corpus README documents as near-identical wire copies.
    assert!(together("dev-0013", "dev-0014"), "{groups:?}");
    assert!(together("dev-0097", "dev-0098"), "{groups:?}");
    for (_, members) in &groups {
        let seeds = members.iter().filter(|m| m.ends_with(".txt")).count();
        assert!(seeds <= 1, "different seed articles grouped: {members:?}");
    }
    assert_eq!(groups.iter().map(|(_, m)| m.len()).sum::<usize>(), 128, "every article is in one group");

    let table = storyweave(&["copies", "--data", arg(&data)]);
    assert!(table.status.success());
    let table = String::from_utf8(table.stdout).unwrap();
    let multi = groups.iter().filter(|(_, m)| m.len() > 1).count();
    assert_eq!(table.lines().filter(|l| l.starts_with("group ")).count(), multi, "{table}");
    assert!(table.lines().any(|l| l.trim_start().starts_with("origin ")), "{table}");

    let copy = storyweave_json(&["articles", "--data", arg(&data), "--format", "json"]);
    for a in copy.as_array().unwrap() {
        assert!(a["copy_group"].is_u64() && a["copy_relation"].is_string(), "{}", a["id"]);
        if a["copy_relation"] != "origin" {
            assert!(a["copy_of"]["article"].is_string(), "a copy names what it copies: {}", a["id"]);
        }
    }
}

#[test]
fn split_runs_one_run_and_a_rebuilt_index_agree() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = std::fs::read_to_string(common::dev_events()).unwrap();
    let lines: Vec<&str> = corpus.lines().collect();
    let (first, second) = (dir.path().join("first.jsonl"), dir.path().join("second.jsonl"));
    std::fs::write(&first, lines[..60].join("\n")).unwrap();
    std::fs::write(&second, lines[60..].join("\n")).unwrap();

    let one = dir.path().join("one");
    ingest(&one, &[&first, &second]);
    let split = dir.path().join("split");
    ingest(&split, &[&first]);
    ingest(&split, &[&second]);
    assert_eq!(groups(&split), groups(&one));

    // Without its snapshot the index is rebuilt from the store, in insertion order.
    std::fs::remove_file(split.join("copy-index.json")).unwrap();
    assert_eq!(groups(&split), groups(&one));
    let again = ingest(&split, &[&first, &second]);
    assert_eq!(again["stored"], 0);
    assert_eq!(groups(&split), groups(&one), "re-ingesting adds nobody twice");
}
