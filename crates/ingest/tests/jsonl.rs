//! JSON Lines: field names of several crawlers, bad lines, encodings, limits, compression.

use std::io::Cursor;

use crate::common::{gzip, split, write};
use ingest::{read_paths, read_paths_with, IngestError, JsonlSource, ReadOptions, Source};
use model::Content;

#[test]
fn a_malformed_line_is_an_error_naming_it_and_the_good_lines_still_come() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"text": "first"}"#,
        "",
        "Not JSON at all",
        r#"{"text": "fourth"}"#,
        r#"[1, 2, 3]"#,
        r#"{"title": "a title but no text", "text": "  "}"#,
        r#"{"text": "cut short"#,
        "   ",
        r#"{"text": "ninth"}"#,
    ];
    let path = write(dir.path(), "articles.jsonl", lines.join("\n"));
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    let name = path.display().to_string();
    let sources: Vec<&str> = documents.iter().map(|d| d.source.as_str()).collect();
    assert_eq!(sources, [format!("{name}:1"), format!("{name}:4"), format!("{name}:9")]);
    let lines: Vec<u64> = errors
        .iter()
        .map(|e| match e {
            IngestError::MalformedRecord { line, .. } => *line,
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(lines, [3, 5, 6, 7]);
    assert_eq!(
        errors[0].to_string(),
        format!("{name} line 3: not a JSON object (expected value at column 1); the line was skipped")
    );
    assert!(errors[1].to_string().contains("not a JSON object (found an array)"));
    assert!(errors[2].to_string().contains("has no text"));
    assert!(errors[3].to_string().contains("invalid JSON (EOF while parsing a string"), "{}", errors[3]);
    assert!(errors.iter().all(|e| e.kind() == "malformed_json" && e.path() == name));
}

#[test]
fn news_please_fields_fill_the_hints() {
    let record = serde_json::json!({
        "authors": ["Anna Beispiel", "Bert Muster"],
        "date_download": "2025-08-24 06:00:00",
        "date_modify": "2025-08-23 18:00:00",
        "date_publish": "2025-08-23 10:15:00",
        "description": "A teaser.",
        "language": "de",
        "maintext": "Der Haupttext.\nZweiter Absatz.",
        "source_domain": "www.zeitung.example",
        "title": "Schlagzeile",
        "url": "https://www.zeitung.example/politik/artikel-1.html"
    });
    let document = only_document(&record.to_string());
    assert_eq!(document.content, Content::Text("Der Haupttext.\nZweiter Absatz.".to_owned()));
    let hints = document.hints;
    assert_eq!(hints.title.as_deref(), Some("Schlagzeile"));
    assert_eq!(hints.published.as_deref(), Some("2025-08-23 10:15:00"));
    assert_eq!(hints.published_field.as_deref(), Some("date_publish"));
    assert_eq!(hints.site.as_deref(), Some("www.zeitung.example"));
    assert_eq!(hints.author.as_deref(), Some("Anna Beispiel, Bert Muster"));
    assert_eq!(hints.language.as_deref(), Some("de"));
    assert_eq!(hints.url.as_deref(), Some("https://www.zeitung.example/politik/artikel-1.html"));
}

#[test]
fn trafilatura_fields_fill_the_hints() {
    let record = serde_json::json!({
        "title": "Headline",
        "author": "Jane Doe; John Roe",
        "hostname": "news.example.com",
        "date": "2024-09-27",
        "id": 42,
        "raw_text": "Body text.",
        "source": "https://news.example.com/a/b",
        "language": "en"
    });
    let document = only_document(&record.to_string());
    assert_eq!(document.content.as_str(), "Body text.");
    let hints = document.hints;
    assert_eq!(hints.external_id.as_deref(), Some("42"));
    assert_eq!(hints.published_field.as_deref(), Some("date"));
    assert_eq!(hints.site.as_deref(), Some("news.example.com"));
    assert_eq!(hints.url.as_deref(), Some("https://news.example.com/a/b"));
    assert_eq!(hints.author.as_deref(), Some("Jane Doe; John Roe"));
}

#[test]
fn the_site_falls_back_to_the_url_host_and_the_date_to_date_modify() {
    let document = only_document(
        r#"{"content": "x", "url": "https://www.example.org/x", "date_modify": "2024-01-02", "truncated": true}"#,
    );
    assert_eq!(document.hints.site.as_deref(), Some("example.org"));
    assert_eq!(document.hints.published_field.as_deref(), Some("date_modify"));
    assert_eq!(document.hints.truncated, Some(true));
}

#[test]
fn a_record_with_only_html_is_html() {
    let document = only_document(r#"{"raw_html": "<html><body><p>Hi</p></body></html>", "text": null}"#);
    assert!(matches!(document.content, Content::Html(ref html) if html.contains("<p>Hi</p>")));
}

#[test]
fn invalid_utf8_in_a_line_is_replaced_with_a_warning_and_latin1_is_decoded() {
    let mut bytes =
        b"{\"text\": \"Stra\xc3\x9fe, \xc3\xbcber, Gr\xc3\xbc\xc3\x9fe, f\xc3\xbcr \xe2\x82\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"text\": \"Herr M\xfcller sagte gestern etwas \xfcber die Stra\xdfe.\"}\n");
    let mut source = JsonlSource::from_reader("posted.jsonl", Cursor::new(bytes));
    let first = source.next_document().unwrap().unwrap();
    assert!(first.content.as_str().ends_with("für \u{fffd}"));
    assert_eq!(first.warnings, ["posted.jsonl line 1: 1 invalid UTF-8 sequence replaced with U+FFFD"]);
    let second = source.next_document().unwrap().unwrap();
    assert_eq!(second.content.as_str(), "Herr Müller sagte gestern etwas über die Straße.");
    assert_eq!(second.warnings, ["posted.jsonl line 2: decoded as windows-1252 (guessed: not valid UTF-8)"]);
    assert!(source.next_document().is_none());
}

#[test]
fn an_over_long_line_is_skipped_without_losing_the_next_one() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(5000));
    let path = write(dir.path(), "long.jsonl", format!("{long}\n{{\"text\": \"short\"}}\n"));
    let options = ReadOptions { max_line_bytes: 1000, ..ReadOptions::default() };
    let (documents, errors) = split(read_paths_with(&[path], options));
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].content.as_str(), "short");
    assert!(matches!(errors[..], [IngestError::LineTooLong { line: 1, limit: 1000, .. }]), "{errors:?}");
    assert_eq!(errors[0].kind(), "too_large");
}

#[test]
fn gzipped_jsonl_and_a_bom_and_crlf_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let body = "\u{feff}{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n";
    let path = write(dir.path(), "crawl.ndjson.gz", gzip(body.as_bytes()));
    let (documents, errors) = split(read_paths(&[path]));
    assert!(errors.is_empty(), "{errors:?}");
    let texts: Vec<&str> = documents.iter().map(|d| d.content.as_str()).collect();
    assert_eq!(texts, ["one", "two"]);
}

#[test]
fn a_truncated_gzipped_jsonl_reports_the_cut_after_the_lines_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String =
        (0..2000).map(|i| format!("{{\"text\": \"article number {i} with some words\"}}\n")).collect();
    let zipped = gzip(lines.as_bytes());
    let path = write(dir.path(), "cut.jsonl.gz", &zipped[..zipped.len() / 2]);
    let (documents, errors) = split(read_paths(&[path]));
    assert!(documents.len() > 100, "only {} lines before the cut", documents.len());
    assert!(matches!(errors[..], [IngestError::TruncatedGzip { .. }]), "{errors:?}");
}

#[test]
fn an_empty_jsonl_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "nothing.jsonl", "\n\n");
    let (_, errors) = split(read_paths(&[path]));
    assert!(matches!(errors[..], [IngestError::Empty { .. }]), "{errors:?}");
}

fn only_document(line: &str) -> model::RawDocument {
    let mut source = JsonlSource::from_reader("t.jsonl", Cursor::new(format!("{line}\n").into_bytes()));
    let document = source.next_document().expect("a document").expect("no error");
    assert!(source.next_document().is_none());
    document
}
