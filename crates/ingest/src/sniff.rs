//! Which reader a file needs: by extension first, else by its first bytes.

use encoding_rs::{Encoding, UTF_8};

use crate::decode::binary_reason;

/// The container formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One plain-text article per file.
    Text,
    /// One HTML page per file.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// WARC 1.0/1.1 records.
    Warc,
    /// RSS 2.0, RSS 1.0 (RDF) or Atom.
    Feed,
}

/// What the file name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameSays {
    /// The extension settles the format.
    Format(Format),
    /// `.xml`: only a feed root makes it readable.
    Xml,
    /// Nothing: sniff the content.
    Unknown,
}

/// The format a file name implies, ignoring a trailing `.gz` (compression is detected from the bytes).
pub(crate) fn format_from_name(file_name: &str) -> NameSays {
    let lower = file_name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    let Some((_, extension)) = stem.rsplit_once('.') else { return NameSays::Unknown };
    match extension {
        "txt" | "text" => NameSays::Format(Format::Text),
        "html" | "htm" | "xhtml" => NameSays::Format(Format::Html),
        "jsonl" | "ndjson" => NameSays::Format(Format::Jsonl),
        "warc" => NameSays::Format(Format::Warc),
        "rss" | "atom" => NameSays::Format(Format::Feed),
        "xml" => NameSays::Xml,
        _ => NameSays::Unknown,
    }
}

/// The format the first bytes of a file suggest, or why none fits.
pub(crate) fn sniff(head: &[u8]) -> Result<Format, String> {
    let utf8 = head_as_utf8(head);
    let start = utf8.trim_ascii_start();
    if start.is_empty() {
        // Whitespace only: the text reader reports it as empty.
        return Ok(Format::Text);
    }
    if start.starts_with(b"WARC/1.") {
        return Ok(Format::Warc);
    }
    if start.starts_with(b"{") {
        return jsonl_or_json(start);
    }
    if start.starts_with(b"<") {
        match markup_root(start) {
            Root::Feed => return Ok(Format::Feed),
            Root::Html => return Ok(Format::Html),
            Root::Other(name) => return Err(format!("XML whose root element is <{name}>")),
            Root::None => {}
        }
    }
    if let Some(reason) = binary_reason(head) {
        return Err(format!("binary data: {reason}"));
    }
    Ok(Format::Text)
}

/// JSON Lines when the first line is a whole JSON value; a pretty-printed JSON document (a `{` alone
/// on its line) would otherwise turn into one error per line.
fn jsonl_or_json(start: &[u8]) -> Result<Format, String> {
    let Some(end) = memchr::memchr(b'\n', start) else {
        // The first line is longer than the sniffed head: only a JSONL record is that long.
        return Ok(Format::Jsonl);
    };
    match serde_json::from_slice::<serde::de::IgnoredAny>(&start[..end]) {
        Ok(_) => Ok(Format::Jsonl),
        Err(_) => {
            Err("a JSON document spread over several lines, not JSON Lines (one object per line)".to_owned())
        }
    }
}

/// For an `.xml` file: a feed, or the reason it is not one.
pub(crate) fn sniff_xml(head: &[u8]) -> Result<Format, String> {
    match markup_root(head_as_utf8(head).trim_ascii_start()) {
        Root::Feed => Ok(Format::Feed),
        Root::Other(name) => {
            Err(format!("XML whose root element is <{name}>, not <rss>, <feed> or <rdf:RDF>"))
        }
        Root::Html => Err("an HTML page with an .xml name".to_owned()),
        Root::None => Err("no XML root element in the first bytes".to_owned()),
    }
}

/// The head as UTF-8 bytes: UTF-16 (with a BOM) is transcoded so the checks below see ASCII markup.
fn head_as_utf8(head: &[u8]) -> Vec<u8> {
    match Encoding::for_bom(head) {
        Some((encoding, bom)) if encoding != UTF_8 => {
            encoding.decode_without_bom_handling(&head[bom..]).0.into_owned().into_bytes()
        }
        Some((_, bom)) => head[bom..].to_vec(),
        None => head.to_vec(),
    }
}

/// The kind of the first element in markup.
enum Root {
    Feed,
    Html,
    Other(String),
    None,
}

/// Element names that mark a page (or fragment) as HTML rather than some XML vocabulary.
const HTML_ELEMENTS: &[&str] = &[
    "html", "head", "body", "meta", "title", "link", "script", "style", "div", "p", "article", "section",
    "main", "header", "span", "a", "table", "h1", "h2", "h3", "br", "img", "ul", "ol",
];

/// Skips the prolog (declaration, comments, doctype) and classifies the first element.
fn markup_root(mut text: &[u8]) -> Root {
    let mut doctype_html = false;
    loop {
        text = text.trim_ascii_start();
        if text.starts_with(b"<?") {
            let Some(end) = memchr::memmem::find(text, b"?>") else { return Root::None };
            text = &text[end + 2..];
        } else if text.starts_with(b"<!--") {
            let Some(end) = memchr::memmem::find(text, b"-->") else { return Root::None };
            text = &text[end + 3..];
        } else if text.len() >= 9 && text[..9].eq_ignore_ascii_case(b"<!doctype") {
            let end = memchr::memchr(b'>', text).unwrap_or(text.len());
            doctype_html |=
                text[9..end].trim_ascii_start().get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"html"));
            text = &text[(end + 1).min(text.len())..];
        } else {
            break;
        }
    }
    let Some(rest) = text.strip_prefix(b"<") else {
        return if doctype_html { Root::Html } else { Root::None };
    };
    let name_len =
        rest.iter().position(|&b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/')).unwrap_or(rest.len());
    let name = String::from_utf8_lossy(&rest[..name_len]).into_owned();
    let local = name.rsplit(':').next().unwrap_or(&name).to_ascii_lowercase();
    if matches!(local.as_str(), "rss" | "feed" | "rdf") {
        Root::Feed
    } else if doctype_html || HTML_ELEMENTS.contains(&local.as_str()) {
        Root::Html
    } else if name.is_empty() {
        Root::None
    } else {
        Root::Other(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_pick_formats() {
        assert_eq!(format_from_name("a.TXT"), NameSays::Format(Format::Text));
        assert_eq!(format_from_name("crawl.jsonl.gz"), NameSays::Format(Format::Jsonl));
        assert_eq!(format_from_name("CC-NEWS-1.warc.gz"), NameSays::Format(Format::Warc));
        assert_eq!(format_from_name("feed.xml"), NameSays::Xml);
        assert_eq!(format_from_name("README"), NameSays::Unknown);
    }

    #[test]
    fn first_bytes_pick_formats() {
        assert_eq!(sniff(b"  {\"text\": 1}"), Ok(Format::Jsonl));
        assert_eq!(sniff(b"{\"text\": 1}\r\n{\"text\": 2}"), Ok(Format::Jsonl));
        assert!(sniff(b"{\n  \"seeds\": []\n}\n").is_err());
        assert_eq!(sniff(b"WARC/1.1\r\n"), Ok(Format::Warc));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">"), Ok(Format::Feed));
        assert_eq!(sniff(b"<rdf:RDF xmlns:rdf=\"x\">"), Ok(Format::Feed));
        assert_eq!(sniff(b"<!DOCTYPE html>\n<html>"), Ok(Format::Html));
        assert_eq!(sniff("Ein Text über nichts.\n".as_bytes()), Ok(Format::Text));
        assert!(sniff(b"<urlset xmlns=\"x\">").is_err());
        assert!(sniff(b"\x7fELF\x02\x01\x01\0\0\0").is_err());
    }
}
