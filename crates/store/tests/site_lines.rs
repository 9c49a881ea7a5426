//! Per-site line counts: kept in the same transaction as the articles, counted once per stored article.

use crate::common::{article, fresh_store};
use store::Store;

#[test]
fn lines_are_counted_once_per_newly_stored_article_of_a_site() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let mut a = article("a1", "a.txt", "en", "A", "First body.");
    a.site = Some("daily.example".into());
    let mut b = article("b1", "b.txt", "en", "B", "Second body.");
    b.site = Some("daily.example".into());
    let mut c = article("c1", "c.txt", "en", "C", "Third body.");
    c.site = None;
    let lines = vec![vec![7, 9], vec![7], vec![7]];
    store.put_batch_with_site_lines(run, &[a.clone(), b, c], &lines).unwrap();
    let mut counts = store.site_line_counts("daily.example").unwrap();
    counts.sort();
    assert_eq!(counts, [(7, 2), (9, 1)], "an article without a site counts nowhere");

    // The same article again is already present: its lines are not counted twice.
    store.put_batch_with_site_lines(run, &[a], &[vec![7, 9]]).unwrap();
    let mut again = store.site_line_counts("daily.example").unwrap();
    again.sort();
    assert_eq!(again, counts);
    assert!(store.site_line_counts("other.example").unwrap().is_empty());
}

#[test]
fn fingerprints_keep_all_64_bits() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let mut a = article("a1", "a.txt", "en", "A", "Body.");
    a.site = Some("s".into());
    store.put_batch_with_site_lines(run, &[a], &[vec![u64::MAX, 1 << 63]]).unwrap();
    let mut counts = store.site_line_counts("s").unwrap();
    counts.sort();
    assert_eq!(counts, [(1 << 63, 1), (u64::MAX, 1)]);
}
