//! Readers: the [`Source`] trait and one reader per container format.
//!
//! Every reader streams: it yields one [`RawDocument`] or one [`IngestError`] at a time, so a bad
//! record is reported with its file and line or record number while the rest of the batch goes on.
//!
//! Formats (picked by extension, else by the first bytes; gzip is detected from the bytes):
//! - plain text (`.txt`, `.text`): one article per file, [`Content::Text`](model::Content::Text);
//! - HTML (`.html`, `.htm`, `.xhtml`): one page per file, [`Content::Html`](model::Content::Html);
//! - JSON Lines (`.jsonl`, `.ndjson`, also gzipped): one article per line, with the field names of
//!   news-please (`maintext`, `date_publish`, `source_domain`, `authors`), trafilatura (`text`,
//!   `raw_text`, `hostname`, `date`) and the dev-events corpus;
//! - WARC 1.0/1.1 (`.warc`, `.warc.gz` with a gzip member per record as in CC-NEWS): HTML
//!   `response` and `resource` records;
//! - feeds (`.rss`, `.atom`, `.xml` with an `<rss>`, `<feed>` or `<rdf:RDF>` root): RSS 2.0,
//!   RSS 1.0 (RDF) and Atom, one document per item or entry.
//!
//! Text is decoded from a BOM, a declared charset (HTTP header, `<meta charset>`, XML declaration),
//! UTF-8, or a `chardetng` guess; guesses and repairs are recorded in [`RawDocument::warnings`].

mod decode;
mod error;
mod feed;
mod jsonl;
mod paths;
mod single;
mod sniff;
mod stream;
mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

pub use error::IngestError;
pub use feed::FeedSource;
pub use jsonl::JsonlSource;
use model::RawDocument;
pub use paths::{open_file, open_file_with, read_paths, read_paths_with, PathReader};
pub use single::{HtmlFileSource, TextFileSource};
pub use warc::WarcSource;

/// A stream of raw documents read from one place (a file, a directory, a socket).
pub trait Source: Send {
    /// A name for progress and error messages: usually the path.
    fn name(&self) -> &str;
    /// The next document, the next per-record error, or `None` at the end.
    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>>;
    /// Records passed over so far because they hold no article (WARC requests, metadata, images …).
    fn skipped_records(&self) -> u64 {
        0
    }
}

/// Limits that keep one bad input from exhausting memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest single-article file (`.txt`, `.html`) read, in bytes (default 10 MiB).
    pub max_article_bytes: u64,
    /// Longest JSONL line read, in bytes (default 64 MiB); a longer line is an error for that line.
    pub max_line_bytes: u64,
    /// Largest WARC record block read, in bytes (default 64 MiB); larger article records are errors.
    pub max_record_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_article_bytes: 10 << 20, max_line_bytes: 64 << 20, max_record_bytes: 64 << 20 }
    }
}

/// A file opened for reading, decompressed if its bytes are gzip.
pub(crate) struct RawFile {
    /// The path as a display string.
    pub name: String,
    /// The (decompressed) bytes.
    pub reader: Box<dyn Read + Send>,
    /// The size on disk, for uncompressed files.
    pub size_on_disk: Option<u64>,
    /// Whether the bytes are gzip-compressed.
    pub compressed: bool,
}

/// Opens a file, detecting gzip from its magic bytes rather than trusting its name.
pub(crate) fn open_raw(path: &Path) -> Result<RawFile, IngestError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| IngestError::io(&name, e))?;
    let metadata = file.metadata().map_err(|e| IngestError::io(&name, e))?;
    if metadata.is_dir() {
        return Err(IngestError::UnsupportedFormat {
            path: name,
            reason: "a directory (read directories with read_paths)".to_owned(),
        });
    }
    let mut reader = BufReader::with_capacity(stream::CHUNK, file);
    let compressed = reader.fill_buf().map_err(|e| IngestError::io(&name, e))?.starts_with(&[0x1f, 0x8b]);
    let (reader, size_on_disk): (Box<dyn Read + Send>, _) = if compressed {
        (Box::new(flate2::read::MultiGzDecoder::new(reader)), None)
    } else {
        (Box::new(reader), Some(metadata.len()))
    };
    Ok(RawFile { name, reader, size_on_disk, compressed })
}

/// The host of an http(s) URL, lower-cased and without a leading `www.`.
pub(crate) fn site_from_url(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = match host.strip_prefix('[') {
        Some(ipv6) => ipv6.split(']').next()?,
        None => host.split(':').next()?,
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").map(str::to_owned).unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// A read failure in the middle of a container: for gzip input it means truncated or corrupt data.
pub(crate) fn stream_error(
    name: &str,
    compressed: bool,
    record: u64,
    offset: u64,
    error: io::Error,
) -> IngestError {
    if compressed {
        IngestError::TruncatedGzip { path: name.to_owned(), record, offset, detail: error.to_string() }
    } else {
        IngestError::io(name, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_come_from_url_hosts() {
        assert_eq!(site_from_url("https://www.Example.com:8080/a?b").as_deref(), Some("example.com"));
        assert_eq!(site_from_url("http://user@news.example.org#x").as_deref(), Some("news.example.org"));
        assert_eq!(site_from_url("not a url"), None);
    }
}
