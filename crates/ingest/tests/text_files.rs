//! Single-article files (text and HTML), encodings, and the directory walk.

use std::path::PathBuf;

use crate::common::{gzip, split, write};
use ingest::{open_file, read_paths, HtmlFileSource, IngestError, Source, TextFileSource};
use model::Content;

#[test]
fn a_text_file_is_one_text_document_named_by_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "report.txt", "Headline\n\nFirst paragraph.\n");
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    assert!(errors.is_empty());
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].source, path.display().to_string());
    assert_eq!(documents[0].content, Content::Text("Headline\n\nFirst paragraph.\n".to_owned()));
    assert!(documents[0].warnings.is_empty());
}

#[test]
fn latin1_text_is_decoded_and_the_guess_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "alt.txt",
        b"Herr M\xfcller \xfcbernahm am Montag die Gesch\xe4fte der Beh\xf6rde.\n",
    );
    let (documents, _) = split(read_paths(&[path]));
    assert_eq!(documents[0].content.as_str(), "Herr Müller übernahm am Montag die Geschäfte der Behörde.\n");
    assert_eq!(documents[0].warnings.len(), 1);
    assert!(documents[0].warnings[0].contains("decoded as windows-1252 (guessed: not valid UTF-8)"));
}

#[test]
fn a_few_invalid_bytes_in_utf8_are_replaced_and_their_lines_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "Grüße aus Köln.\nÜberschrift: Straßenbahn fährt wieder.\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Line three is cut \xe2\x82 here.\n");
    let path = write(dir.path(), "broken.txt", bytes);
    let (documents, _) = split(read_paths(std::slice::from_ref(&path)));
    let text = documents[0].content.as_str();
    assert!(text.contains("Straßenbahn") && text.contains("cut \u{fffd} here"));
    assert_eq!(
        documents[0].warnings,
        vec![format!("{}: 1 invalid UTF-8 sequence replaced with U+FFFD on line 3", path.display())]
    );
}

#[test]
fn utf16_with_a_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFE, 0xFF];
    for unit in "Übergabe in Zürich\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    let path = write(dir.path(), "wide.txt", bytes);
    let (documents, errors) = split(read_paths(&[path]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents[0].content.as_str(), "Übergabe in Zürich\n");
}

#[test]
fn html_files_become_html_and_honour_meta_charset() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = b"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        .to_vec();
    page.extend_from_slice(b"<title>x</title></head><body><p>Caf\xe9 cr\xe8me</p></body></html>");
    let path = write(dir.path(), "page.htm", page);
    let (documents, errors) = split(read_paths(&[path]));
    assert!(errors.is_empty());
    match &documents[0].content {
        Content::Html(html) => assert!(html.contains("<p>Café crème</p>")),
        other => panic!("expected HTML, got {other:?}"),
    }
    assert!(documents[0].warnings.is_empty(), "a declared charset is not a guess");
}

#[test]
fn a_directory_is_walked_recursively_in_sorted_order_without_hidden_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b.txt", "bee");
    write(dir.path(), "a/z.txt", "zed");
    write(dir.path(), "a/c.html", "<html><body>sea</body></html>");
    write(dir.path(), ".hidden.txt", "secret");
    write(dir.path(), ".git/objects.txt", "secret");
    write(dir.path(), "notes", "A plain note without an extension.\n");
    let (documents, errors) = split(read_paths(&[dir.path().to_path_buf()]));
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = documents
        .iter()
        .map(|d| PathBuf::from(&d.source).strip_prefix(dir.path()).unwrap().display().to_string())
        .collect();
    assert_eq!(names, ["a/c.html", "a/z.txt", "b.txt", "notes"]);
    assert!(matches!(documents[0].content, Content::Html(_)));
    assert!(matches!(documents[3].content, Content::Text(_)));
}

#[test]
fn unknown_extensions_are_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(dir.path(), "dump.data", "{\"text\": \"from a JSON line\"}\n");
    let html = write(dir.path(), "page.php", "\n<!doctype html>\n<html><body><p>hi</p></body></html>");
    let feed = write(
        dir.path(),
        "feed.cgi",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>",
    );
    assert_eq!(
        open_file(&jsonl).unwrap().next_document().unwrap().unwrap().content.as_str(),
        "from a JSON line"
    );
    assert!(matches!(open_file(&html).unwrap().next_document().unwrap().unwrap().content, Content::Html(_)));
    assert!(open_file(&feed).unwrap().next_document().is_none(), "an empty feed has no items");
}

#[test]
fn gzipped_single_articles_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "story.txt.gz", gzip("Zipped story.\n".as_bytes()));
    let (documents, errors) = split(read_paths(&[path]));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(documents[0].content.as_str(), "Zipped story.\n");
}

#[test]
fn readers_work_over_any_reader() {
    let mut html = HtmlFileSource::from_reader("request body", &b"<html><body>posted</body></html>"[..]);
    assert_eq!(html.name(), "request body");
    let document = html.next_document().unwrap().unwrap();
    assert_eq!(document.source, "request body");
    assert!(matches!(document.content, Content::Html(_)));
    assert!(html.next_document().is_none());

    let mut text = TextFileSource::from_reader("posted", &b"   "[..]);
    assert!(matches!(text.next_document(), Some(Err(IngestError::Empty { .. }))));
}
