//! Plain-text cleaning against the hand-made annotation of the five seed articles, read in place.

use crate::common::{SEEDS, SEEDS_GOLD};
use model::BlockKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use text::clean::clean_text;

fn line_set(doc: &Value, field: &str) -> BTreeSet<u32> {
    doc.get(field)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).map(|n| n as u32).collect())
        .unwrap_or_default()
}

#[test]
fn seeds_match_the_gold_annotation() {
    let gold: Value =
        serde_json::from_str(&fs::read_to_string(SEEDS_GOLD).expect("seeds.gold.json")).expect("gold JSON");
    let documents = gold["documents"].as_object().expect("documents");
    assert_eq!(documents.len(), 5);
    let mut failures = Vec::new();
    for (name, doc) in documents {
        let text = fs::read_to_string(format!("{SEEDS}/{name}")).expect("seed file");
        let cleaned = clean_text(&text);
        let kinds: BTreeMap<u32, BlockKind> = cleaned
            .blocks
            .iter()
            .map(|b| (b.line.expect("text blocks carry line numbers"), b.kind))
            .collect();

        // Nothing dropped: every non-blank line is a block, with its 1-based number.
        let non_blank: BTreeSet<u32> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i as u32 + 1)
            .collect();
        assert_eq!(
            kinds.keys().copied().collect::<BTreeSet<_>>(),
            non_blank,
            "{name}: blocks vs non-blank lines"
        );
        for block in &cleaned.blocks {
            assert_eq!(block.language, "und");
            assert_eq!(block.text, block.text.split_whitespace().collect::<Vec<_>>().join(" "));
            if !matches!(block.kind, BlockKind::Paragraph) {
                assert!(
                    block.reason.is_some(),
                    "{name} line {:?}: {:?} without a reason",
                    block.line,
                    block.kind
                );
            }
        }

        let boilerplate = line_set(doc, "boilerplate_lines");
        let captions = line_set(doc, "caption_lines");
        let credits = line_set(doc, "attribution_lines");
        let sources = line_set(doc, "source_link_lines");
        let headings = line_set(doc, "heading_lines");
        let title = doc["title_line"].as_u64().map(|n| n as u32);
        let non_body: BTreeSet<u32> =
            boilerplate.iter().chain(&captions).chain(&credits).chain(&sources).copied().collect();

        for (&line, &kind) in &kinds {
            let ok = if non_body.contains(&line) {
                kind == BlockKind::Boilerplate
                    || captions.contains(&line) && kind == BlockKind::Caption
                    || credits.contains(&line) && kind == BlockKind::Credit
                    || sources.contains(&line) && kind == BlockKind::SourceLink
            } else if headings.contains(&line) {
                kind == BlockKind::Heading
            } else if title == Some(line) {
                kind == BlockKind::Title
            } else {
                kind == BlockKind::Paragraph
            };
            if !ok {
                let block = cleaned.blocks.iter().find(|b| b.line == Some(line)).expect("block");
                failures
                    .push(format!("{name} line {line}: got {kind:?} ({:?}): {}", block.reason, block.text));
            }
        }

        let truncated = doc["truncated"].as_bool().expect("truncated");
        if cleaned.truncated != truncated {
            failures.push(format!("{name}: truncated {} (gold {truncated})", cleaned.truncated));
        }
        let gold_url = doc.get("source_url").and_then(Value::as_str);
        if cleaned.source_url.as_deref() != gold_url {
            failures.push(format!("{name}: source_url {:?} (gold {gold_url:?})", cleaned.source_url));
        }
        if let Some(url) = gold_url {
            let block =
                cleaned.blocks.iter().find(|b| b.kind == BlockKind::SourceLink).expect("source link block");
            assert_eq!(block.url.as_deref(), Some(url));
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
