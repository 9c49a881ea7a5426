//! Article language on the dev-events corpus (read in place), against its `language` field.

use crate::common;

use crate::common::paragraph_blocks;

/// (id, gold language, text) of every dev-events article.
fn dev_articles() -> Vec<(String, String, String)> {
    common::dev_events()
        .into_iter()
        .map(|v| {
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (field("id"), field("language"), field("text"))
        })
        .collect()
}

#[test]
fn article_language_matches_gold() {
    let articles = dev_articles();
    assert_eq!(articles.len(), 123);
    let mut right = 0;
    for (id, gold, text) in &articles {
        let mut blocks = paragraph_blocks(text);
        let found = text::lang::label_blocks(&mut blocks, None);
        if &found == gold {
            right += 1;
        } else {
            println!("{id}: gold {gold}, found {found}");
        }
        assert!(blocks.iter().all(|b| !b.language.is_empty()), "{id}: a block without a language");
    }
    let accuracy = right as f64 / articles.len() as f64;
    println!("dev-events article language: {right}/{} = {accuracy:.3}", articles.len());
    assert!(accuracy >= 0.97, "accuracy {accuracy:.3}");
}

#[test]
fn identify_matches_gold_on_whole_texts() {
    let articles = dev_articles();
    let right = articles.iter().filter(|(_, gold, text)| text::lang::identify(text).code == gold).count();
    let accuracy = right as f64 / articles.len() as f64;
    println!("dev-events identify(text): {right}/{} = {accuracy:.3}", articles.len());
    assert!(accuracy >= 0.97, "accuracy {accuracy:.3}");
}

/// How many blocks get a language other than their article's, per language pair, so a reviewer can
/// see that per-block labels are sparing (printed, not asserted: the corpus has no block gold).
#[test]
fn block_labels_mostly_follow_the_article() {
    let mut differing = std::collections::BTreeMap::new();
    let mut total = 0;
    for (_, _, text) in dev_articles() {
        let mut blocks = paragraph_blocks(&text);
        let article = text::lang::label_blocks(&mut blocks, None);
        for b in &blocks {
            total += 1;
            if b.language != article {
                *differing.entry(format!("{article}->{}", b.language)).or_insert(0) += 1;
                println!("  [{article}->{}] {}", b.language, b.text.chars().take(90).collect::<String>());
            }
        }
    }
    let n: usize = differing.values().sum();
    println!("{n} of {total} blocks differ from their article: {differing:?}");
    assert!(n * 5 < total);
}
