//! A short line that several articles of one site carry becomes boilerplate of that site, in a batch
//! run and in one-by-one runs alike, without touching other sites or the article ids.

use crate::common::{arg, storyweave, storyweave_json};
use serde_json::{json, Value};
use std::path::Path;

const PROMO: &str = "Example Daily brings you the stories that matter";
const TOWNS: &[&str] = &["Aberdeen", "Bergen", "Cork", "Dundee", "Esbjerg", "Faro"];

fn record(site: &str, town: &str, n: usize) -> String {
    json!({
        "url": format!("https://{site}/news/{n}"),
        "source_domain": site,
        "maintext": format!(
            "The city council of {town} approved a budget for {n} new schools on Tuesday after a long debate.\n\
             Teachers in {town} welcomed the decision but said the money would not last beyond {}.\n{PROMO}",
            2030 + n
        ),
    })
    .to_string()
}

fn promo_kinds(data: &Path) -> Vec<(String, String)> {
    let out = storyweave(&["articles", "--data", arg(data), "--format", "jsonl"]);
    let mut kinds: Vec<(String, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| {
            let promo = a["blocks"].as_array().unwrap().iter().find(|b| b["text"] == PROMO).unwrap().clone();
            (a["url"].as_str().unwrap().to_string(), promo["kind"].as_str().unwrap().to_string())
        })
        .collect();
    kinds.sort();
    kinds
}

#[test]
fn a_line_repeated_across_a_site_becomes_its_boilerplate() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> =
        TOWNS.iter().enumerate().map(|(n, t)| record("daily.example", t, n)).collect();
    lines.push(record("other.example", "Galway", 9));
    let file = dir.path().join("crawl.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();

    let batch = dir.path().join("batch");
    storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&batch), arg(&file)]);
    let kinds = promo_kinds(&batch);
    let boilerplate: Vec<&str> =
        kinds.iter().filter(|(_, k)| k == "boilerplate").map(|(u, _)| u.as_str()).collect();
    // The fourth, fifth and sixth articles of the site follow three that carry the line.
    assert_eq!(
        boilerplate,
        ["https://daily.example/news/3", "https://daily.example/news/4", "https://daily.example/news/5"]
    );

    // The same articles ingested one at a time give the same labels.
    let one_by_one = dir.path().join("one-by-one");
    for (i, line) in lines.iter().enumerate() {
        let single = dir.path().join(format!("single-{i}.jsonl"));
        std::fs::write(&single, line).unwrap();
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&one_by_one), arg(&single)]);
    }
    assert_eq!(promo_kinds(&one_by_one), kinds);

    // Re-ingesting is still recognised: the ids do not depend on the relabelling.
    let again =
        storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(&batch), arg(&file)]);
    assert_eq!(again["already_present"], 7, "{again}");
    assert_eq!(again["stored"], 0, "{again}");
}
