//! WARC files: record selection, compression per record, charsets, and recovery from bad records.

use std::io::Write;

use crate::common::{gzip, split, write};
use flate2::write::GzEncoder;
use flate2::Compression;
use ingest::{read_paths, IngestError, Source, WarcSource};
use model::Content;

/// A WARC record with the given type, extra header lines and block; `length` overrides Content-Length.
fn record(warc_type: &str, extra: &[(&str, &str)], block: &[u8], length: Option<usize>) -> Vec<u8> {
    let mut out =
        format!("WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Date: 2025-08-24T03:00:00Z\r\n").into_bytes();
    for (name, value) in extra {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", length.unwrap_or(block.len())).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response block.
fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

/// A response record for an HTML page at `url`.
fn html_response(url: &str, id: u32, body: &str, length_delta: isize) -> Vec<u8> {
    let block = http("200 OK", &[("Content-Type", "text/html; charset=utf-8")], body.as_bytes());
    let length = (block.len() as isize + length_delta) as usize;
    let record_id = format!("<urn:uuid:00000000-0000-0000-0000-{id:012}>");
    let headers = [
        ("WARC-Target-URI", url),
        ("WARC-Record-ID", record_id.as_str()),
        ("Content-Type", "application/http; msgtype=response"),
    ];
    record("response", &headers, &block, Some(length))
}

fn page(title: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>{title}</title></head><body><p>{title} body text.</p></body></html>")
}

/// A small crawl: four article records among seven that hold no article.
fn mixed_crawl() -> Vec<Vec<u8>> {
    let http_type = ("Content-Type", "application/http; msgtype=response");
    vec![
        record("warcinfo", &[("Content-Type", "application/warc-fields")], b"software: test\r\n", None),
        record(
            "request",
            &[("WARC-Target-URI", "https://www.news.example/a")],
            b"GET /a HTTP/1.1\r\n\r\n",
            None,
        ),
        html_response("https://www.news.example/a", 1, &page("Alpha"), 0),
        record(
            "response",
            &[("WARC-Target-URI", "https://img.example/p.jpg"), http_type],
            &http("200 OK", &[("Content-Type", "image/jpeg")], b"\xff\xd8\xff\xe0 not really a jpeg"),
            None,
        ),
        record(
            "response",
            &[("WARC-Target-URI", "https://www.news.example/gone"), http_type],
            &http("404 Not Found", &[("Content-Type", "text/html")], page("Missing").as_bytes()),
            None,
        ),
        record("metadata", &[("Content-Type", "application/warc-fields")], b"fetchTimeMs: 12\r\n", None),
        html_response("https://blog.example.org/b", 2, &page("Beta"), 0),
        record(
            "resource",
            &[("WARC-Target-URI", "file:///archive/c.html"), ("Content-Type", "text/html")],
            page("Gamma").as_bytes(),
            None,
        ),
        record(
            "response",
            &[("WARC-Target-URI", "https://www.news.example/old"), http_type],
            &http("301 Moved Permanently", &[("Location", "/new")], b""),
            None,
        ),
        record("revisit", &[("WARC-Target-URI", "https://www.news.example/a")], b"", None),
        html_response("https://www.news.example/d", 3, &page("Delta"), 0),
    ]
}

fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    records.iter().flat_map(|record| gzip(record)).collect()
}

fn check_mixed_crawl(path: &std::path::Path) {
    let mut source = ingest::open_file(path).unwrap();
    let (documents, errors) = split(std::iter::from_fn(|| source.next_document()));
    assert!(errors.is_empty(), "{errors:?}");
    let name = path.display().to_string();
    let sources: Vec<String> = documents.iter().map(|d| d.source.clone()).collect();
    assert_eq!(sources, [3, 7, 8, 11].map(|n| format!("{name}#record {n}")));
    assert!(documents.iter().all(|d| matches!(d.content, Content::Html(_))));
    assert!(documents[0].content.as_str().contains("<p>Alpha body text.</p>"));
    let hints = &documents[0].hints;
    assert_eq!(hints.url.as_deref(), Some("https://www.news.example/a"));
    assert_eq!(hints.site.as_deref(), Some("news.example"));
    assert_eq!(hints.external_id.as_deref(), Some("urn:uuid:00000000-0000-0000-0000-000000000001"));
    assert_eq!(hints.published, None, "WARC-Date is the crawl date, not the publication date");
    assert_eq!(documents[1].hints.site.as_deref(), Some("blog.example.org"));
    assert_eq!(source.skipped_records(), 7);
}

#[test]
fn plain_warc_yields_html_responses_and_resources_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crawl.warc", mixed_crawl().concat());
    check_mixed_crawl(&path);
}

#[test]
fn gzip_member_per_record_warc_is_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "CC-NEWS-test.warc.gz", gzip_members(&mixed_crawl()));
    check_mixed_crawl(&path);
}

#[test]
fn a_gzipped_stream_is_recognised_by_from_reader() {
    let bytes = gzip_members(&mixed_crawl());
    let mut source = WarcSource::from_reader("upload", std::io::Cursor::new(bytes));
    let (documents, errors) = split(std::iter::from_fn(|| source.next_document()));
    assert_eq!((documents.len(), errors.len(), source.skipped_records()), (4, 0, 7));
}

#[test]
fn the_path_reader_adds_up_skipped_records() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "one.warc", mixed_crawl().concat());
    write(dir.path(), "two.warc.gz", gzip_members(&mixed_crawl()));
    let mut reader = read_paths(&[dir.path().to_path_buf()]);
    let (documents, errors) = split(reader.by_ref());
    assert_eq!((documents.len(), errors.len()), (8, 0));
    assert_eq!(reader.skipped_records(), 14);
}

#[test]
fn a_truncated_warc_gz_yields_the_records_before_the_cut_then_names_record_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let long_page = page(&"A long article paragraph with varied words number ".repeat(400));
    let records: Vec<Vec<u8>> = (1..=4u32)
        .map(|i| {
            html_response(
                &format!("https://news.example/{i}"),
                i,
                if i == 4 { &long_page } else { "<html>x</html>" },
                0,
            )
        })
        .collect();
    let offset_of_fourth: usize = records[..3].iter().map(Vec::len).sum();
    let mut zipped = gzip_members(&records[..3]);
    let fourth = gzip(&records[3]);
    zipped.extend_from_slice(&fourth[..fourth.len() / 2]);
    let path = write(dir.path(), "cut.warc.gz", zipped);
    let (documents, errors) = split(read_paths(std::slice::from_ref(&path)));
    assert_eq!(documents.len(), 3);
    match &errors[..] {
        [IngestError::TruncatedGzip { path: p, record, offset, .. }] => {
            assert_eq!(p, &path.display().to_string());
            assert_eq!(*record, 4);
            assert_eq!(*offset, offset_of_fourth as u64);
        }
        other => panic!("expected one TruncatedGzip, got {other:?}"),
    }
    let message = errors[0].to_string();
    assert!(
        message.contains("cut.warc.gz record 4") && message.contains(&offset_of_fourth.to_string()),
        "{message}"
    );
    assert_eq!(errors[0].kind(), "truncated_gzip");
}

#[test]
fn a_truncated_plain_warc_is_a_truncated_file_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = html_response("https://news.example/1", 1, &page("One"), 0);
    let second = html_response("https://news.example/2", 2, &page("Two"), 0);
    bytes.extend_from_slice(&second[..second.len() - 40]);
    let path = write(dir.path(), "cut.warc", bytes);
    let (documents, errors) = split(read_paths(&[path]));
    assert_eq!(documents.len(), 1);
    assert!(matches!(errors[..], [IngestError::TruncatedFile { record: 2, .. }]), "{errors:?}");
    assert_eq!(errors[0].kind(), "truncated_file");
}

fn check_wrong_length(delta: isize, compressed: bool) {
    let dir = tempfile::tempdir().unwrap();
    let records = vec![
        html_response("https://news.example/1", 1, &page("One"), 0),
        html_response("https://news.example/2", 2, &page("Two"), delta),
        html_response("https://news.example/3", 3, &page("Three"), 0),
        html_response("https://news.example/4", 4, &page("Four"), 0),
    ];
    let (name, bytes) =
        if compressed { ("w.warc.gz", gzip_members(&records)) } else { ("w.warc", records.concat()) };
    let path = write(dir.path(), name, bytes);
    let (documents, errors) = split(read_paths(&[path]));
    let urls: Vec<&str> = documents.iter().filter_map(|d| d.hints.url.as_deref()).collect();
    assert_eq!(
        urls,
        ["https://news.example/1", "https://news.example/3", "https://news.example/4"],
        "delta {delta}"
    );
    match &errors[..] {
        [IngestError::BadWarcRecord { record: 2, offset, reason, .. }] => {
            assert_eq!(*offset, records[0].len() as u64);
            assert!(reason.contains("Content-Length"), "{reason}");
        }
        other => panic!("delta {delta}: expected one BadWarcRecord for record 2, got {other:?}"),
    }
    assert!(errors[0].to_string().contains("record 2"));
    assert_eq!(errors[0].kind(), "bad_warc_record");
}

#[test]
fn a_content_length_too_short_is_named_and_the_later_records_are_read() {
    check_wrong_length(-25, false);
    check_wrong_length(-25, true);
}

#[test]
fn a_content_length_too_long_is_named_and_the_later_records_are_read() {
    check_wrong_length(40, false);
    check_wrong_length(40, true);
}

#[test]
fn garbage_before_the_first_record_is_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"this is not a WARC header\nnor is this\n".to_vec();
    bytes.extend(html_response("https://news.example/1", 1, &page("One"), 0));
    let path = write(dir.path(), "junk.warc", bytes);
    let (documents, errors) = split(read_paths(&[path]));
    assert_eq!(documents.len(), 1);
    assert!(matches!(errors[..], [IngestError::BadWarcRecord { record: 1, offset: 0, .. }]), "{errors:?}");
}

#[test]
fn http_charset_chunking_and_gzip_content_encoding_are_undone() {
    let latin1_page = b"<html><body><p>Gr\xfc\xdfe aus M\xfcnchen</p></body></html>";
    let mut zipped = GzEncoder::new(Vec::new(), Compression::default());
    zipped.write_all(latin1_page).unwrap();
    let zipped = zipped.finish().unwrap();
    let mut chunked = Vec::new();
    for part in zipped.chunks(10) {
        chunked.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let block = http(
        "200 OK",
        &[
            ("Content-Type", "text/html; charset=ISO-8859-1"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
            ("Content-Language", "de, en"),
        ],
        &chunked,
    );
    let headers = [
        ("WARC-Target-URI", "https://www.zeitung.de/x"),
        ("Content-Type", "application/http; msgtype=response"),
    ];
    let bytes = record("response", &headers, &block, None);
    let mut source = WarcSource::from_reader("posted.warc", std::io::Cursor::new(bytes));
    let document = source.next_document().unwrap().unwrap();
    assert_eq!(document.content.as_str(), "<html><body><p>Grüße aus München</p></body></html>");
    assert!(document.warnings.is_empty(), "{:?}", document.warnings);
    assert_eq!(document.hints.language.as_deref(), Some("de"));
    assert_eq!(document.source, "posted.warc#record 1");
    assert!(source.next_document().is_none());
}

#[test]
fn without_an_http_charset_the_meta_charset_or_a_guess_decides() {
    let meta_page = b"<html><head><meta charset=\"windows-1252\"></head><body>Caf\xe9</body></html>".to_vec();
    let plain_page =
        b"<html><body>Der B\xfcrgermeister er\xf6ffnete die Br\xfccke \xfcber den Flu\xdf.</body></html>"
            .to_vec();
    let mut bytes = Vec::new();
    for (i, body) in [meta_page, plain_page].iter().enumerate() {
        let block = http("200 OK", &[("Content-Type", "text/html")], body);
        let url = format!("https://www.example.de/{i}");
        bytes.extend(record(
            "response",
            &[("WARC-Target-URI", &url), ("Content-Type", "application/http; msgtype=response")],
            &block,
            None,
        ));
    }
    let (documents, errors) = split(WarcSource::from_reader("w.warc", std::io::Cursor::new(bytes)));
    assert!(errors.is_empty(), "{errors:?}");
    assert!(documents[0].content.as_str().contains("Café"));
    assert!(documents[0].warnings.is_empty());
    assert!(documents[1].content.as_str().contains("Bürgermeister eröffnete die Brücke über den Fluß"));
    assert_eq!(
        documents[1].warnings,
        ["w.warc#record 2: decoded as windows-1252 (guessed: not valid UTF-8)"]
    );
}
