//! Bad input never loses data: each broken file or record is skipped with a message naming it, the good
//! articles around it are stored, and the run's report counts what was skipped.

use crate::common::{arg, storyweave};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// A paragraph of German prose with a distinctive word, so each good article can be found again.
fn prose(marker: &str) -> String {
    format!(
        "Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, die Brücke über den Fluss zu erneuern. \
         Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern, sagte die Bürgermeisterin {marker}.\n\
         Anwohner hatten sich seit Jahren über den Zustand der alten Brücke beschwert, die für Lastwagen gesperrt ist."
    )
}

fn html_page(marker: &str) -> String {
    format!(
        "<!doctype html><html lang=\"de\"><head><title>Brücke {marker}</title></head><body><article>\
         <h1>Neue Brücke für {marker}</h1><p>{}</p></article></body></html>",
        prose(marker).replace('\n', "</p><p>")
    )
}

fn warc_record(uri: &str, html: &str, declared_len: Option<usize>) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let len = declared_len.unwrap_or(http.len());
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-08-23T10:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {len}\r\n\r\n",
        uri.len()
    )
    .into_bytes();
    rec.extend_from_slice(http.as_bytes());
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn ingest_json(data: &Path, input: &Path) -> (Value, String) {
    let out = storyweave(&["ingest", "--quiet", "--format", "json", "--data", arg(data), arg(input)]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON report ({e}); stderr: {stderr}"));
    (report, stderr)
}

fn skip_with<'a>(report: &'a Value, kind: &str) -> Vec<&'a Value> {
    report["skips"].as_array().unwrap().iter().filter(|s| s["kind"] == kind).collect()
}

fn stored_texts(data: &Path) -> String {
    let out = storyweave(&["articles", "--data", arg(data), "--format", "jsonl"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_kind_of_bad_file_is_skipped_by_name_and_the_good_ones_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::write(input.join("good.txt"), prose("Alpha")).unwrap();
    std::fs::write(input.join("empty.txt"), "").unwrap();
    let mut binary = vec![0u8, 159, 146, 150, 0, 1, 2, 3];
    binary.extend((0..4096u32).map(|i| (i * 7919 % 256) as u8));
    std::fs::write(input.join("binary.txt"), binary).unwrap();
    let big_line = prose("Gross") + "\n";
    let big: String = big_line.repeat(50 * 1024 * 1024 / big_line.len() + 1);
    assert!(big.len() >= 50 * 1024 * 1024);
    std::fs::write(input.join("huge.txt"), big).unwrap();
    // Latin-1: decoded by detection, stored with a warning.
    let latin_text = prose("Latin");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&latin_text);
    std::fs::write(input.join("latin1.txt"), &latin1).unwrap();
    // Valid UTF-8 but for one stray byte: decoded, the bad byte replaced, a warning given.
    let mut broken = prose("Kaputt").into_bytes();
    broken.splice(10..10, [0xFFu8]);
    std::fs::write(input.join("invalid-utf8.txt"), broken).unwrap();

    let (report, stderr) = ingest_json(&dir.path().join("data"), &input);
    for (kind, file) in [("empty", "empty.txt"), ("binary", "binary.txt"), ("too_large", "huge.txt")] {
        let skips = skip_with(&report, kind);
        assert_eq!(skips.len(), 1, "one {kind} skip expected in {report}");
        assert!(
            skips[0]["message"].as_str().unwrap().contains(file),
            "the message names {file}: {}",
            skips[0]
        );
        assert!(stderr.contains(file), "stderr names {file}: {stderr}");
    }
    assert_eq!(report["skipped"], 3, "{report}");
    assert_eq!(report["stored"], 3, "good, Latin-1 and invalid UTF-8 files are stored: {report}");
    assert!(report["warnings"].as_u64().unwrap() >= 2, "guessed encodings are reported: {report}");
    let texts = stored_texts(&dir.path().join("data"));
    assert!(texts.contains("Bürgermeisterin Latin"), "Latin-1 decoded right: umlauts intact");
    assert!(texts.contains("Alpha") && texts.contains("Kaputt"));
}

#[test]
fn a_malformed_jsonl_line_is_skipped_by_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crawl.jsonl");
    let good = |m: &str| {
        serde_json::json!({"title": format!("Brücke {m}"), "maintext": prose(m), "date_publish": "2025-08-23 10:00:00"}).to_string()
    };
    let lines = [
        good("Eins"),
        "{\"title\": \"cut off".to_string(),
        good("Zwei"),
        "[1, 2, 3]".to_string(),
        good("Drei"),
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    let data = dir.path().join("data");
    let (report, _) = ingest_json(&data, &file);
    assert_eq!(report["stored"], 3, "{report}");
    assert_eq!(report["skipped"], 2, "{report}");
    let messages: Vec<&str> =
        report["skips"].as_array().unwrap().iter().map(|s| s["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("crawl.jsonl") && m.contains("line 2")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("crawl.jsonl") && m.contains("line 4")), "{messages:?}");
}

#[test]
fn a_truncated_warc_gz_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.warc.gz");
    let mut bytes = Vec::new();
    for (i, m) in ["Nord", "Sued", "West"].iter().enumerate() {
        let member = gzip(&warc_record(&format!("https://example.org/{i}"), &html_page(m), None));
        if i == 2 {
            bytes.extend_from_slice(&member[..member.len() / 2]);
        } else {
            bytes.extend_from_slice(&member);
        }
    }
    std::fs::write(&file, bytes).unwrap();
    let data = dir.path().join("data");
    let (report, _) = ingest_json(&data, &file);
    assert_eq!(report["stored"], 2, "{report}");
    assert_eq!(report["skipped"], 1, "{report}");
    let message = report["skips"][0]["message"].as_str().unwrap();
    assert!(message.contains("news.warc.gz") && message.contains("record 3"), "{message}");
    let texts = stored_texts(&data);
    assert!(texts.contains("Nord") && texts.contains("Sued") && !texts.contains("West"));
}

#[test]
fn a_warc_record_with_a_wrong_length_is_skipped_and_later_records_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.warc");
    let mut bytes = warc_record("https://example.org/1", &html_page("Erster"), None);
    let second = warc_record("https://example.org/2", &html_page("Zweiter"), Some(120));
    bytes.extend_from_slice(&second);
    bytes.extend_from_slice(&warc_record("https://example.org/3", &html_page("Dritter"), None));
    std::fs::write(&file, bytes).unwrap();
    let data = dir.path().join("data");
    let (report, _) = ingest_json(&data, &file);
    let bad = skip_with(&report, "bad_warc_record");
    assert!(!bad.is_empty(), "{report}");
    assert!(bad.iter().any(|s| s["message"].as_str().unwrap().contains("record 2")), "{report}");
    let texts = stored_texts(&data);
    assert!(
        texts.contains("Erster") && texts.contains("Dritter"),
        "the records around the bad one are stored"
    );
}
