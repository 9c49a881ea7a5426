//! Full-text search across languages, with accents folded, snippets and clear errors.

use crate::common::{article, fresh_store};
use store::{plain_query, SqliteStore, Store, StoreError};

/// A small multilingual store written for these tests.
fn multilingual_store() -> (tempfile::TempDir, SqliteStore) {
    let (dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let batch = vec![
        article(
            "de00000001",
            "de/1.txt",
            "de",
            "Bürgermeisterin Müller eröffnet die Brücke",
            "Die Straße über den Fluss ist ab Montag für Fußgänger geöffnet, sagte Frau Müller.",
        ),
        article(
            "fr00000001",
            "fr/1.txt",
            "fr",
            "Élection municipale à Besançon",
            "Les électeurs se sont rendus aux urnes dès l'aube ; la participation a été forte.",
        ),
        article(
            "en00000001",
            "en/1.txt",
            "en",
            "Harbour bridge opens to cyclists",
            "The mayor said the bridge would carry cyclists and pedestrians from Monday.",
        ),
        article(
            "es00000001",
            "es/1.txt",
            "es",
            "La alcaldesa inaugura el puente",
            "El puente peatonal abrirá el lunes, según la alcaldía de Logroño.",
        ),
    ];
    store.put_batch(run, &batch).unwrap();
    (dir, store)
}

fn ids(hits: &[store::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn fts5_is_compiled_into_the_bundled_sqlite() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let options: Vec<String> = conn
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
}

#[test]
fn german_umlauts_and_sharp_s_are_found_with_and_without_diacritics() {
    let (_dir, store) = multilingual_store();
    for query in ["Müller", "muller", "MÜLLER", "Brücke", "brucke", "geöffnet", "Straße", "strasse"] {
        let hits = store.search(query, 10).unwrap();
        if query == "strasse" {
            // unicode61 folds diacritics, not the German ß → ss spelling.
            assert!(hits.is_empty(), "{query}: {hits:?}");
        } else {
            assert_eq!(ids(&hits), ["de00000001"], "{query}");
        }
    }
}

#[test]
fn french_and_spanish_accents_are_folded() {
    let (_dir, store) = multilingual_store();
    for (query, expected) in [
        ("élection", "fr00000001"),
        ("election", "fr00000001"),
        ("Besancon", "fr00000001"),
        ("été", "fr00000001"),
        ("Logrono", "es00000001"),
        ("alcaldía", "es00000001"),
    ] {
        assert_eq!(ids(&store.search(query, 10).unwrap()), [expected], "{query}");
    }
}

#[test]
fn fts5_query_syntax_works() {
    let (_dir, store) = multilingual_store();
    assert_eq!(ids(&store.search("bridge AND cyclists", 10).unwrap()), ["en00000001"]);
    assert_eq!(ids(&store.search("title:brücke", 10).unwrap()), ["de00000001"]);
    assert_eq!(ids(&store.search("elect*", 10).unwrap()), ["fr00000001"]);
    assert_eq!(store.search("puente OR bridge", 10).unwrap().len(), 2);
    assert!(store.search("bridge NOT cyclists", 10).unwrap().is_empty());
    assert_eq!(store.search("bridge OR puente OR brücke", 2).unwrap().len(), 2, "the limit is kept");

    let hits = store.search("bridge OR pedestrians", 10).unwrap();
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score), "best first");
}

#[test]
fn snippets_mark_the_matched_words() {
    let (_dir, store) = multilingual_store();
    let hit = store.search("muller", 10).unwrap().remove(0);
    assert_eq!(hit.title.as_deref(), Some("Bürgermeisterin Müller eröffnet die Brücke"));
    let marked: Vec<&str> = hit.highlights.iter().map(|&(s, e)| &hit.snippet[s..e]).collect();
    assert!(!marked.is_empty() && marked.iter().all(|m| *m == "Müller"), "{hit:?}");
    assert!(!hit.snippet.contains('\u{2}') && !hit.snippet.contains('\u{3}'));
}

#[test]
fn a_malformed_query_is_a_clear_error() {
    let (_dir, store) = multilingual_store();
    for query in ["\"unclosed", "bridge AND", "(bridge", "nosuchcolumn:bridge", "Ishiba-Lee"] {
        match store.search(query, 10) {
            Err(err @ StoreError::SearchSyntax { .. }) => {
                assert!(err.to_string().contains(query), "{err}");
            }
            other => panic!("{query}: expected a syntax error, got {other:?}"),
        }
    }
}

#[test]
fn plain_queries_accept_any_text() {
    let (_dir, store) = multilingual_store();
    assert_eq!(ids(&store.search(&plain_query("bridge-cyclists"), 10).unwrap()), [] as [&str; 0]);
    assert_eq!(ids(&store.search(&plain_query("l'aube (participation)"), 10).unwrap()), ["fr00000001"]);
    assert_eq!(ids(&store.search(&plain_query("Mayor said: \"bridge\""), 10).unwrap()), ["en00000001"]);
    assert!(store.search(&plain_query("  --  "), 10).unwrap().is_empty());
    assert!(store.search("", 10).unwrap().is_empty());
}

#[test]
fn a_match_in_the_title_ranks_above_one_in_the_body() {
    let (_dir, mut store) = fresh_store();
    let run = store.begin_run("ingest").unwrap();
    let body = "Fishing boats stayed in port while the wind kept rising along the coast";
    let in_body =
        article("body000001", "a.txt", "en", "Storm closes the port", &format!("{body} lighthouse."));
    let in_title =
        article("title00001", "b.txt", "en", "Storm closes the lighthouse", &format!("{body} port."));
    store.put_batch(run, &[in_body, in_title]).unwrap();
    assert_eq!(ids(&store.search("lighthouse", 10).unwrap()), ["title00001", "body000001"]);
}
