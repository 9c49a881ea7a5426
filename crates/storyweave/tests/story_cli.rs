//! `storyweave story` over the seeds: every field the issue names is in the JSON, every cited sentence
//! exists in its article, the gold quotes come out with their speakers, and the Markdown has its parts.

use crate::common::{arg, seeds_dir, storyweave, storyweave_json};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const GOLD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds.gold.json");

fn summit_story(data: &Path) -> (Value, BTreeMap<String, Value>) {
    storyweave_json(&["ingest", "--quiet", "--format", "json", "--data", arg(data), arg(&seeds_dir())]);
    let events = storyweave_json(&["events", "--data", arg(data), "--format", "json"]);
    let biggest =
        events.as_array().unwrap().iter().max_by_key(|e| e["articles"].as_array().unwrap().len()).unwrap();
    let id = biggest["id"].to_string();
    let story = storyweave_json(&["story", &id, "--data", arg(data), "--format", "json"]);
    let out = storyweave(&["articles", "--data", arg(data), "--format", "jsonl"]);
    let articles = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|a| (a["id"].as_str().unwrap().to_string(), a))
        .collect();
    (story, articles)
}

fn block_text<'a>(articles: &'a BTreeMap<String, Value>, id: &str, block: &Value) -> &'a str {
    articles[id]["blocks"][block.as_u64().unwrap() as usize]["text"].as_str().unwrap()
}

#[test]
fn the_story_json_has_every_part_and_every_citation_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (story, articles) = summit_story(&dir.path().join("data"));
    for key in ["headline", "date", "place", "sources", "facts", "quotes", "timeline", "summary"] {
        assert!(story.get(key).is_some(), "story lacks `{key}`");
    }
    let facts = story["facts"].as_array().unwrap();
    assert!(!facts.is_empty());
    for f in facts {
        for key in ["text", "status", "independent_sources", "statements"] {
            assert!(f.get(key).is_some(), "fact lacks `{key}`: {f}");
        }
        assert!(["corroborated", "single_source", "contradicted"].contains(&f["status"].as_str().unwrap()));
        for s in f["statements"].as_array().unwrap() {
            let id = s["article_id"].as_str().unwrap();
            assert!(s["language"].is_string());
            let text = block_text(&articles, id, &s["block"]);
            assert!(text.contains(s["text"].as_str().unwrap()), "cited sentence not in its block: {s}");
        }
    }
    assert!(facts
        .iter()
        .any(|f| f["status"] == "corroborated" && f["statements"].as_array().unwrap().len() >= 2));
    let summary = &story["summary"];
    assert!(summary["text"].as_str().is_some_and(|t| t.contains("[1]")), "{summary}");
    for c in summary["citations"].as_array().unwrap() {
        let text = block_text(&articles, c["article_id"].as_str().unwrap(), &c["block"]);
        assert!(
            text.contains(c["sentence"].as_str().unwrap()),
            "summary cites a sentence not in its block: {c}"
        );
    }
    for q in story["quotes"].as_array().unwrap() {
        for key in ["text", "speaker", "speaker_entity", "article_ids"] {
            assert!(q.get(key).is_some(), "quote lacks `{key}`: {q}");
        }
    }
    for t in story["timeline"].as_array().unwrap() {
        let id = t["article_id"].as_str().unwrap();
        let body = articles[id]["text"].as_str().unwrap();
        let first_words: String = t["text"].as_str().unwrap().chars().take(40).collect();
        assert!(body.contains(&first_words), "timeline sentence not in its article: {t}");
    }
    assert_eq!(story["date"], "2025-08-23");
    assert_eq!(story["place"], "Tokyo");
}

#[test]
fn the_gold_quotes_of_the_summit_come_out_with_their_speakers() {
    let dir = tempfile::tempdir().unwrap();
    let (story, articles) = summit_story(&dir.path().join("data"));
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(GOLD).unwrap()).unwrap();
    // A speaker is right when the quote names the gold person in any spelling the gold's entity list gives.
    let spellings = |name: &str| -> Vec<String> {
        let mut out = vec![name.to_lowercase()];
        for e in gold["entities"].as_array().unwrap() {
            if e["canonical"] == name {
                out.extend(
                    e["variants"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_lowercase()),
                );
            }
        }
        out
    };
    let doc_of = |id: &str| -> String {
        let source = articles[id]["source"].as_str().unwrap();
        Path::new(source).file_name().unwrap().to_string_lossy()[..3].to_string()
    };
    let quotes = story["quotes"].as_array().unwrap();
    let story_docs: Vec<String> = story["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| doc_of(s["article_id"].as_str().unwrap()))
        .collect();
    let (mut expected, mut right) = (0, 0);
    for g in gold["quotes"].as_array().unwrap() {
        let doc = g["document"].as_str().unwrap();
        if !story_docs.iter().any(|d| d == doc) {
            continue; // the quote's article is in another event
        }
        expected += 1;
        let starts = g["starts"].as_str().unwrap().to_lowercase();
        let names: Vec<Vec<String>> = g["speaker"]
            .as_str()
            .unwrap()
            .split(" (")
            .next()
            .unwrap()
            .split(" and ")
            .map(spellings)
            .collect();
        let found = quotes.iter().any(|q| {
            let versions = q["versions"].as_array().unwrap();
            let here = versions.iter().any(|v| {
                doc_of(v["article_id"].as_str().unwrap()) == doc
                    && v["text"].as_str().unwrap().to_lowercase().starts_with(&starts)
            });
            let speaker = q["speaker"].as_str().unwrap_or("").to_lowercase();
            here && names.iter().all(|alts| alts.iter().any(|n| speaker.contains(n.as_str())))
        });
        if found {
            right += 1;
        } else {
            println!("missed: {doc} {starts} ({})", g["speaker"]);
        }
    }
    println!("gold quotes of the story's articles with the right speaker: {right}/{expected}");
    assert!(expected >= 6, "the summit's articles carry most gold quotes");
    assert!(right + 1 >= expected, "only {right} of {expected} gold quotes came out with the right speaker");
}

#[test]
fn the_markdown_story_has_its_sections() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let _ = summit_story(&data);
    let out = storyweave(&["story", "1", "--data", arg(&data), "--lang", "de"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for section in ["## Summary", "## Sources", "## Facts", "## Quotes", "## Timeline", "[1]"] {
        assert!(text.contains(section), "markdown lacks {section}:\n{text}");
    }
    let missing = storyweave(&["story", "999", "--data", arg(&data)]);
    assert!(!missing.status.success());
    let err = String::from_utf8(missing.stderr).unwrap();
    assert!(err.contains("no event 999"), "{err}");
}
