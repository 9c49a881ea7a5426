//! `storyweave ingest`, `articles`, `article` and `export` over the shared corpora, as a user runs them.

use crate::common;

use crate::common::{arg, storyweave, storyweave_json};
use serde_json::Value;
use std::collections::BTreeSet;

fn ingest(data: &std::path::Path, paths: &[&str]) -> Value {
    let mut args = vec!["ingest", "--quiet", "--format", "json", "--data", arg(data)];
    args.extend_from_slice(paths);
    storyweave_json(&args)
}

fn article_ids(data: &std::path::Path) -> BTreeSet<String> {
    let list = storyweave_json(&["articles", "--data", arg(data), "--format", "json"]);
    list.as_array().expect("a JSON array").iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn ingest_reports_counts_and_a_second_run_stores_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let seeds = common::seeds_dir();
    let dev = common::dev_events();
    let first = ingest(&data, &[arg(&seeds), arg(&dev)]);
    assert_eq!(first["read"], 5 + 123, "{first}");
    assert_eq!(first["skipped"], 0, "{first}");
    let stored = first["stored"].as_u64().unwrap();
    assert_eq!(stored + first["already_present"].as_u64().unwrap(), 128, "{first}");
    assert!(stored >= 125, "only exact copies may collapse: {first}");

    let second = ingest(&data, &[arg(&seeds), arg(&dev)]);
    assert_eq!(second["stored"], 0, "{second}");
    assert_eq!(second["already_present"], 128, "{second}");
    assert_eq!(article_ids(&data).len() as u64, stored);
}

#[test]
fn article_json_has_every_field_users_rely_on() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[arg(&common::seeds_dir())]);
    let list = storyweave_json(&["articles", "--data", arg(&data), "--format", "json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5);
    for summary in list {
        let id = summary["id"].as_str().unwrap();
        // A unique prefix is enough, as with git.
        let article = storyweave_json(&["article", &id[..8], "--data", arg(&data), "--format", "json"]);
        for field in [
            "id",
            "source",
            "url",
            "language",
            "title",
            "published",
            "published_source",
            "truncated",
            "text",
            "blocks",
        ] {
            assert!(article.get(field).is_some(), "field {field} missing in {article}");
        }
        assert_eq!(article["id"], summary["id"]);
        for block in article["blocks"].as_array().unwrap() {
            for field in ["kind", "language", "line", "text"] {
                assert!(block.get(field).is_some(), "block field {field} missing in {block}");
            }
        }
        let body: Vec<&str> = article["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| ["title", "heading", "paragraph"].contains(&b["kind"].as_str().unwrap()))
            .map(|b| b["text"].as_str().unwrap())
            .collect();
        assert_eq!(article["text"].as_str().unwrap(), body.join("\n"), "text is the body blocks in order");
    }
    let text = storyweave(&["article", list[0]["id"].as_str().unwrap(), "--data", arg(&data)]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("blocks:"));
}

#[test]
fn jsonl_and_table_listings_agree() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[arg(&common::dev_events())]);
    let out = storyweave(&["articles", "--data", arg(&data), "--format", "jsonl"]);
    assert!(out.status.success());
    let jsonl = String::from_utf8(out.stdout).unwrap();
    let table = String::from_utf8(storyweave(&["articles", "--data", arg(&data)]).stdout).unwrap();
    assert_eq!(jsonl.lines().count() + 1, table.lines().count(), "the table has one header line");
    let german = storyweave(&["articles", "--data", arg(&data), "--format", "jsonl", "--language", "de"]);
    let german = String::from_utf8(german.stdout).unwrap();
    assert!(german.lines().count() >= 40, "the dev corpus has 44 German articles");
    assert!(german.lines().all(|l| l.contains("\"language\":\"de\"")));
}

#[test]
fn export_reads_back_into_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[arg(&common::seeds_dir()), arg(&common::dev_events())]);
    let export = dir.path().join("export.jsonl");
    let out = storyweave(&["export", "--data", arg(&data), "--format", "jsonl", "-o", arg(&export)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<Value> = std::fs::read_to_string(&export)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each export line is JSON"))
        .collect();
    assert_eq!(records.len(), article_ids(&data).len());
    for r in &records {
        for field in ["title", "maintext", "date_publish", "url", "source_domain", "language", "authors"] {
            assert!(r.get(field).is_some(), "news-please field {field} missing");
        }
    }
    let again = dir.path().join("again");
    let report = ingest(&again, &[arg(&export)]);
    assert_eq!(report["skipped"], 0, "{report}");
    assert_eq!(article_ids(&again), article_ids(&data), "re-ingesting the export gives the same ids");
}

#[test]
fn search_finds_articles_in_any_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ingest(&data, &[arg(&common::seeds_dir())]);
    let hits = storyweave_json(&["search", "Tokio", "--data", arg(&data), "--format", "json"]);
    assert!(!hits.as_array().unwrap().is_empty());
}

#[test]
fn commands_on_a_missing_store_say_how_to_create_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = storyweave(&["articles", "--data", arg(&dir.path().join("nothing"))]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("storyweave ingest"), "{err}");
}
