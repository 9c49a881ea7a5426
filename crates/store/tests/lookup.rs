//! Articles are found by their whole id or, like git objects, by a unique prefix.

use crate::common::{article, fresh_store};
use store::{Store, StoreError, MIN_ID_PREFIX};

fn store_with_ids(ids: &[&str]) -> (tempfile::TempDir, store::SqliteStore) {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let batch: Vec<_> = ids.iter().map(|id| article(id, &format!("{id}.txt"), "en", id, "Body.")).collect();
    store.put_batch(run, &batch).unwrap();
    (dir, store)
}

#[test]
fn a_unique_prefix_finds_the_article() {
    let (_dir, store) = store_with_ids(&["a1b2c3d4e5f6", "a1b2c3ffffff", "0123456789ab"]);
    assert_eq!(MIN_ID_PREFIX, 6);
    assert_eq!(store.article("a1b2c3d4e5f6").unwrap().unwrap().id.0, "a1b2c3d4e5f6");
    assert_eq!(store.article("a1b2c3d").unwrap().unwrap().id.0, "a1b2c3d4e5f6");
    assert_eq!(store.article("012345").unwrap().unwrap().id.0, "0123456789ab");
}

#[test]
fn an_ambiguous_prefix_names_the_candidates() {
    let (_dir, store) = store_with_ids(&["a1b2c3d4e5f6", "a1b2c3ffffff", "0123456789ab"]);
    let err = store.article("a1b2c3").unwrap_err();
    match &err {
        StoreError::AmbiguousId { candidates, more, .. } => {
            assert_eq!(candidates, &["a1b2c3d4e5f6", "a1b2c3ffffff"]);
            assert!(!more);
        }
        other => panic!("expected an ambiguity, got {other}"),
    }
    let message = err.to_string();
    assert!(message.contains("a1b2c3d4e5f6") && message.contains("more characters"), "{message}");
}

#[test]
fn many_candidates_are_cut_short() {
    let ids: Vec<String> = (0..20).map(|i| format!("beef00{i:04}")).collect();
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (_dir, store) = store_with_ids(&id_refs);
    match store.article("beef00").unwrap_err() {
        StoreError::AmbiguousId { candidates, more, .. } => assert!(candidates.len() < 20 && more),
        other => panic!("expected an ambiguity, got {other}"),
    }
}

#[test]
fn a_short_prefix_is_refused_and_unknown_ids_are_none() {
    let (_dir, store) = store_with_ids(&["a1b2c3d4e5f6"]);
    assert!(matches!(store.article("a1b2"), Err(StoreError::PrefixTooShort { min: 6, .. })));
    assert_eq!(store.article("ffff").unwrap(), None, "a short string that matches nothing is just absent");
    assert_eq!(store.article("a1b2c3d4e5f6ff").unwrap(), None, "longer than the id");
    assert_eq!(store.article("b1b2c3").unwrap(), None);
    assert_eq!(store.article("").unwrap(), None);
}

#[test]
fn prefix_characters_are_not_wildcards() {
    let (_dir, store) = store_with_ids(&["abc%de_fgh", "abcXdeYfgh"]);
    assert_eq!(store.article("abc%de").unwrap().unwrap().id.0, "abc%de_fgh");
    assert_eq!(store.article("abc*de").unwrap(), None);
}
