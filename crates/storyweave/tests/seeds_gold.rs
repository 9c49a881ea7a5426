//! The seed articles, cleaned end to end (reader → text stage), compared with the hand-made gold
//! annotation in `../shared/corpus/seeds.gold.json`.

use crate::common;

use model::{Article, BlockKind, DateSource};
use serde_json::Value;
use std::collections::BTreeMap;

fn gold() -> Value {
    let path = common::shared().join("corpus/seeds.gold.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("the gold file is readable"))
        .expect("gold is JSON")
}

/// Every seed article keyed by its file name.
fn seed_articles() -> BTreeMap<String, Article> {
    let mut out = BTreeMap::new();
    for doc in ingest::read_paths(&[common::seeds_dir()]) {
        let doc = doc.expect("every seed file reads");
        let name = std::path::Path::new(&doc.source).file_name().unwrap().to_string_lossy().into_owned();
        out.insert(name, text::analyze(&doc).expect("every seed has text"));
    }
    out
}

fn lines(v: &Value, key: &str) -> Vec<u32> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).map(|n| n as u32).collect())
        .unwrap_or_default()
}

fn kind_of_line(article: &Article, line: u32) -> Option<BlockKind> {
    article.blocks.iter().find(|b| b.line == Some(line)).map(|b| b.kind)
}

#[test]
fn five_seeds_are_read() {
    assert_eq!(seed_articles().len(), 5);
}

#[test]
fn language_of_every_seed_matches_gold() {
    let gold = gold();
    for (name, article) in seed_articles() {
        assert_eq!(article.language, gold["documents"][&name]["language"].as_str().unwrap(), "{name}");
    }
}

#[test]
fn non_body_lines_get_their_kind_and_no_body_line_is_dropped() {
    let gold = gold();
    for (name, article) in seed_articles() {
        let doc = &gold["documents"][&name];
        let expect = |key: &str, kind: BlockKind| -> Vec<(u32, BlockKind)> {
            lines(doc, key).into_iter().map(|l| (l, kind)).collect()
        };
        let mut non_body: BTreeMap<u32, Vec<BlockKind>> = BTreeMap::new();
        for (line, kind) in expect("boilerplate_lines", BlockKind::Boilerplate)
            .into_iter()
            .chain(expect("caption_lines", BlockKind::Caption))
            .chain(expect("attribution_lines", BlockKind::Credit))
            .chain(expect("source_link_lines", BlockKind::SourceLink))
        {
            non_body.entry(line).or_default().push(kind);
        }
        for block in &article.blocks {
            let line = block.line.expect("text input keeps line numbers");
            match non_body.get(&line) {
                Some(kinds) => assert!(
                    kinds.contains(&block.kind) || block.kind == BlockKind::Boilerplate,
                    "{name} line {line}: expected one of {kinds:?} (or boilerplate), got {:?}: {}",
                    block.kind,
                    block.text
                ),
                None => assert!(
                    block.kind.is_body(),
                    "{name} line {line}: a body line was dropped as {:?} ({:?}): {}",
                    block.kind,
                    block.reason,
                    block.text
                ),
            }
        }
        for line in non_body.keys() {
            assert!(kind_of_line(&article, *line).is_some(), "{name} line {line} is missing from the blocks");
        }
    }
}

#[test]
fn titles_and_headings_are_found() {
    let gold = gold();
    for (name, article) in seed_articles() {
        let doc = &gold["documents"][&name];
        for line in lines(doc, "heading_lines") {
            assert_eq!(kind_of_line(&article, line), Some(BlockKind::Heading), "{name} line {line}");
        }
        match doc["title_line"].as_u64() {
            Some(line) => {
                assert_eq!(kind_of_line(&article, line as u32), Some(BlockKind::Title), "{name} line {line}");
                assert!(article.title.is_some(), "{name} has a title");
            }
            None => assert!(
                article.blocks.iter().all(|b| b.kind != BlockKind::Title),
                "{name} has no headline, yet a title was found"
            ),
        }
    }
}

#[test]
fn only_the_cut_off_seed_is_truncated() {
    let gold = gold();
    for (name, article) in seed_articles() {
        assert_eq!(article.truncated, gold["documents"][&name]["truncated"].as_bool().unwrap(), "{name}");
    }
}

#[test]
fn publication_dates_match_gold_with_evidence() {
    let gold = gold();
    for (name, article) in seed_articles() {
        let want = gold["documents"][&name]["published"].as_str().map(str::to_string);
        assert_eq!(article.published.map(|d| d.to_string()), want, "{name}");
        if want.is_some() {
            let evidence = article.published_source.as_ref().expect("a date comes with its evidence");
            assert_eq!(evidence.kind, DateSource::TextLine, "{name}: {evidence:?}");
            assert!(evidence.detail.contains("line"), "{name}: the evidence names the line: {evidence:?}");
        }
    }
}

#[test]
fn source_url_is_kept_as_provenance() {
    let gold = gold();
    for (name, article) in seed_articles() {
        let want = gold["documents"][&name]["source_url"].as_str();
        if let Some(url) = want {
            assert_eq!(article.url.as_deref(), Some(url), "{name}");
            let link =
                article.blocks.iter().find(|b| b.kind == BlockKind::SourceLink).expect("a source-link block");
            assert_eq!(link.url.as_deref(), Some(url));
        } else {
            assert_eq!(article.url, None, "{name}: no URL was in the text");
        }
    }
}

#[test]
fn blocks_in_another_script_get_their_own_language() {
    // An English article whose footer comment widget is in Urdu: the Arabic-script lines of more than a
    // couple of words must not be labelled with the article's language.
    let mut checked = 0;
    for (name, article) in seed_articles() {
        for block in &article.blocks {
            let arabic_script = block.text.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).count();
            let letters = block.text.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 8 && arabic_script * 2 > letters {
                checked += 1;
                assert_ne!(block.language, article.language, "{name}: {}", block.text);
                assert!(
                    ["ur", "ar", "fa"].contains(&block.language.as_str()),
                    "{name}: {} → {}",
                    block.text,
                    block.language
                );
            }
        }
    }
    assert!(checked >= 2, "the seeds hold an Urdu footer under an English article");
}
