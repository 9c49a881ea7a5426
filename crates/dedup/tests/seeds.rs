//! The five seed articles are five different texts (two on the same event): no two may share a group.

use dedup::{CopyIndex, CopyRelation, DedupConfig};
use std::path::PathBuf;

#[test]
fn no_two_seed_articles_are_grouped() {
    let seeds = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds"));
    let articles: Vec<_> = ingest::read_paths(&[seeds])
        .map(|d| text::analyze(&d.expect("read seed")).expect("analyze"))
        .collect();
    assert_eq!(articles.len(), 5);
    let mut index = CopyIndex::new(DedupConfig::default()).unwrap();
    for a in &articles {
        let assignment = index.add(a);
        assert_eq!(assignment.relation, CopyRelation::Origin, "{} was grouped: {assignment:?}", a.source);
    }
    assert_eq!(index.group_count(), 5);
    // A second pass finds each seed again as an exact copy of itself.
    for a in &articles {
        assert_eq!(index.add(a).relation, CopyRelation::Exact);
    }
    assert_eq!(index.group_count(), 5);
}
