//! Reading the shared corpus in place.

use crate::common::{shared, split};
use ingest::read_paths;
use model::Content;

#[test]
fn dev_events_jsonl_yields_every_article_with_hints() {
    let path = shared("corpus/dev-events/articles.jsonl");
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 123);
    let name = path.display().to_string();
    for (index, document) in documents.iter().enumerate() {
        assert_eq!(document.source, format!("{name}:{}", index + 1));
        assert!(matches!(document.content, Content::Text(ref text) if !text.trim().is_empty()));
        let hints = &document.hints;
        assert!(hints.external_id.as_deref().is_some_and(|id| id.starts_with("dev-")));
        assert!(hints.url.as_deref().is_some_and(|url| url.starts_with("http")));
        assert!(hints.site.is_some() && hints.language.is_some() && hints.truncated.is_some());
        if hints.published.is_some() {
            assert_eq!(hints.published_field.as_deref(), Some("published"));
        }
        assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    }
    // Every non-null `published` in the file must arrive as a hint, checked against a plain JSON parse.
    let expected: Vec<Option<String>> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["published"].as_str().map(str::to_owned)
        })
        .collect();
    let found: Vec<Option<String>> = documents.iter().map(|d| d.hints.published.clone()).collect();
    assert_eq!(found, expected);
}

#[test]
fn seeds_directory_yields_five_text_documents_in_name_order() {
    let (documents, errors) = split(read_paths(&[shared("corpus/seeds")]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents.len(), 5);
    let mut sources: Vec<&str> = documents.iter().map(|d| d.source.as_str()).collect();
    assert!(sources.iter().all(|s| s.ends_with(".txt")));
    let in_order = sources.clone();
    sources.sort();
    assert_eq!(sources, in_order);
    assert!(documents.iter().all(|d| matches!(d.content, Content::Text(_)) && d.warnings.is_empty()));
}
