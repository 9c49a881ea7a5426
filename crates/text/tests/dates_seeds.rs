//! Publication dates of the five seed articles (read in place), with blocks built simply: one
//! paragraph block per non-blank line, `line` set, so this test does not depend on the clean stage.

use crate::common::seed_blocks;
use model::{DateSource, Hints, PartialDate};

#[test]
fn urdu_footer_date_of_seed_003() {
    let found = text::dates::find_published(&Hints::default(), None, None, &seed_blocks("003"))
        .expect("seed 003 has a footer date");
    assert_eq!(found.date, PartialDate::ymd(2025, 8, 23).unwrap());
    assert_eq!(found.source, DateSource::TextLine);
    assert!(found.detail.starts_with("line 29: "), "{}", found.detail);
    println!("seed 003: {} from {:?} ({})", found.date, found.source, found.detail);
}

#[test]
fn other_seeds_have_no_publication_date() {
    for seed in ["000", "001", "002", "004"] {
        let found = text::dates::find_published(&Hints::default(), None, None, &seed_blocks(seed));
        assert_eq!(found, None, "seed {seed}");
    }
}

#[test]
fn a_source_link_url_is_not_a_date() {
    // Seed 001 names its source URL, which holds only an article number.
    let blocks = seed_blocks("001");
    let url = blocks.iter().find_map(|b| b.text.split_whitespace().find(|w| w.starts_with("http")));
    let url = url.expect("seed 001 names its source");
    assert_eq!(text::dates::find_published(&Hints::default(), None, Some(url), &blocks), None);
}
