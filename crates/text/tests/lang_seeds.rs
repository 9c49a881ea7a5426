//! Article and block languages on the five seed articles (read in place), with blocks built simply:
//! one paragraph block per non-blank line, so this test does not depend on the clean stage.

use crate::common::seed_blocks;

#[test]
fn seed_articles_have_their_language() {
    for (seed, gold) in [("000", "de"), ("001", "de"), ("002", "en"), ("003", "en"), ("004", "en")] {
        let mut blocks = seed_blocks(seed);
        assert_eq!(text::lang::label_blocks(&mut blocks, None), gold, "seed {seed}");
        // The declared language is only a tie-breaker: a wrong one does not flip a clear article.
        let mut blocks = seed_blocks(seed);
        assert_eq!(text::lang::label_blocks(&mut blocks, Some("fr")), gold, "seed {seed} declared fr");
    }
}

#[test]
fn urdu_footer_is_urdu_under_an_english_article() {
    let mut blocks = seed_blocks("003");
    assert_eq!(text::lang::label_blocks(&mut blocks, None), "en");
    let n = blocks.len();
    for b in &blocks[n - 2..] {
        assert_eq!(b.language, "ur", "line {:?}: {}", b.line, b.text);
    }
    // Every body paragraph of the wire story stays English.
    for b in blocks.iter().filter(|b| b.text.split_whitespace().count() > 8) {
        assert_eq!(b.language, "en", "line {:?}", b.line);
    }
}

#[test]
fn german_caption_is_german() {
    let mut blocks = seed_blocks("001");
    text::lang::label_blocks(&mut blocks, None);
    assert_eq!(blocks[0].line, Some(1));
    assert_eq!(blocks[0].language, "de");
    let german = blocks.iter().filter(|b| b.language == "de").count();
    println!(
        "seed 001: {german} of {} blocks de: {:?}",
        blocks.len(),
        blocks.iter().map(|b| &b.language).collect::<Vec<_>>()
    );
    assert!(german + 2 >= blocks.len());
}

#[test]
fn every_seed_block_gets_a_label() {
    for seed in ["000", "001", "002", "003", "004"] {
        let mut blocks = seed_blocks(seed);
        let article = text::lang::label_blocks(&mut blocks, None);
        for b in &blocks {
            assert!(!b.language.is_empty());
            if b.language != article {
                println!("seed {seed} line {:?} [{}]: {}", b.line, b.language, b.text);
            }
        }
    }
}
