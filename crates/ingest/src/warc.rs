//! WARC 1.0/1.1 (plain, or gzip with one member per record as in CC-NEWS): HTML responses and
//! resources become documents; every other record is skipped and counted.

use std::io::{self, Read};
use std::path::Path;

use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};
use memchr::memmem;
use model::{Hints, RawDocument};

use crate::decode::content_type_charset;
use crate::single::decode_article;
use crate::stream::{gunzip_if_needed, trim_line_end, ByteStream, LineEnd};
use crate::{open_raw, site_from_url, stream_error, IngestError, ReadOptions, Source};

/// The start of every WARC header block.
const WARC_MAGIC: &[u8] = b"WARC/1.";
/// Longest header line accepted (WARC headers are short; a longer "line" is body bytes).
const MAX_HEADER_LINE: usize = 64 * 1024;
/// Most header lines accepted in one record.
const MAX_HEADER_LINES: usize = 1024;

/// A WARC file or stream: one [`RawDocument`] per HTML response or resource record.
pub struct WarcSource {
    name: String,
    stream: Option<ByteStream>,
    compressed: bool,
    record_number: u64,
    skipped: u64,
    saw_record: bool,
    max_record_bytes: u64,
    /// A read error met while peeking past a good record: reported on the next call, after that record.
    deferred_error: Option<(io::Error, u64)>,
    line: Vec<u8>,
    block: Vec<u8>,
}

/// The WARC header fields storyweave uses.
#[derive(Default)]
struct WarcHeader {
    warc_type: String,
    content_length: Option<u64>,
    target_uri: Option<String>,
    content_type: Option<String>,
    record_id: Option<String>,
}

/// Why a header block could not be read.
enum HeaderProblem {
    /// The stream ended inside the header.
    Eof,
    /// The bytes are not a WARC header.
    Bad(String),
    /// The underlying reader failed.
    Io(io::Error),
}

/// What one record turned into.
// Each value is moved once per document; boxing would only add an allocation per article.
#[allow(clippy::large_enum_variant)]
enum Outcome {
    Document(RawDocument),
    Skip,
    Error(IngestError),
}

impl WarcSource {
    /// Opens a `.warc` or `.warc.gz` file with the default options.
    pub fn open(path: &Path) -> Result<Self, IngestError> {
        Self::open_with(path, &ReadOptions::default())
    }

    /// Opens a `.warc` or `.warc.gz` file with the given record cap.
    pub fn open_with(path: &Path, options: &ReadOptions) -> Result<Self, IngestError> {
        let raw = open_raw(path)?;
        Ok(Self::from_reader(raw.name, raw.reader).with_options(options).compressed(raw.compressed))
    }

    /// Reads a WARC stream, plain or gzipped (detected from the bytes), from any reader.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        let (reader, compressed) = gunzip_if_needed(Box::new(reader));
        WarcSource {
            name: name.into(),
            stream: Some(ByteStream::new(reader)),
            compressed,
            record_number: 0,
            skipped: 0,
            saw_record: false,
            max_record_bytes: ReadOptions::default().max_record_bytes,
            deferred_error: None,
            line: Vec::with_capacity(1024),
            block: Vec::with_capacity(256 * 1024),
        }
    }

    /// Applies the record cap from `options`.
    pub fn with_options(mut self, options: &ReadOptions) -> Self {
        self.max_record_bytes = options.max_record_bytes;
        self
    }

    /// Marks the stream as decompressed from gzip, so read failures are reported as truncated gzip.
    pub(crate) fn compressed(mut self, compressed: bool) -> Self {
        self.compressed |= compressed;
        self
    }

    /// Records passed over because they hold no article (requests, metadata, non-HTML payloads, redirects).
    pub fn skipped_records(&self) -> u64 {
        self.skipped
    }

    /// The number of records met so far, good or bad.
    pub fn records_read(&self) -> u64 {
        self.record_number
    }

    /// Ends the stream with an error about the record being read.
    fn fail(&mut self, error: io::Error, offset: u64) -> IngestError {
        self.stream = None;
        stream_error(&self.name, self.compressed, self.record_number.max(1), offset, error)
    }

    /// The stream ended inside the record starting at `offset`.
    fn truncated(&mut self, offset: u64) -> IngestError {
        self.stream = None;
        let (path, record) = (self.name.clone(), self.record_number);
        if self.compressed {
            let detail = "the stream ends inside the record".to_owned();
            IngestError::TruncatedGzip { path, record, offset, detail }
        } else {
            IngestError::TruncatedFile { path, record, offset }
        }
    }

    fn bad_record(&self, offset: u64, reason: String) -> IngestError {
        IngestError::BadWarcRecord { path: self.name.clone(), record: self.record_number, offset, reason }
    }

    fn next_record_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        loop {
            if let Some((error, offset)) = self.deferred_error.take() {
                self.record_number += 1;
                return Some(Err(self.fail(error, offset)));
            }
            let stream = self.stream.as_mut()?;
            if let Err(e) = stream.skip_while(|b| b == b'\r' || b == b'\n') {
                let offset = stream.offset();
                self.record_number += 1;
                return Some(Err(self.fail(e, offset)));
            }
            let start = stream.offset();
            match stream.peek(1) {
                Ok([]) => {
                    self.stream = None;
                    return (!self.saw_record).then(|| Err(IngestError::Empty { path: self.name.clone() }));
                }
                Ok(_) => {}
                Err(e) => {
                    self.record_number += 1;
                    return Some(Err(self.fail(e, start)));
                }
            }
            self.record_number += 1;
            self.saw_record = true;
            match self.read_record(start) {
                Outcome::Document(document) => return Some(Ok(document)),
                Outcome::Error(error) => return Some(Err(error)),
                Outcome::Skip => self.skipped += 1,
            }
        }
    }

    /// Reads the record starting at `start` (header, block, trailer) and turns it into an outcome.
    fn read_record(&mut self, start: u64) -> Outcome {
        let header = match self.read_header() {
            Ok(header) => header,
            Err(HeaderProblem::Eof) => return Outcome::Error(self.truncated(start)),
            Err(HeaderProblem::Io(e)) => return Outcome::Error(self.fail(e, start)),
            Err(HeaderProblem::Bad(reason)) => {
                self.resync_forward();
                return Outcome::Error(self.bad_record(start, reason));
            }
        };
        let Some(length) = header.content_length else {
            self.resync_forward();
            return Outcome::Error(
                self.bad_record(start, "the header has no valid Content-Length".to_owned()),
            );
        };
        let wanted = matches!(header.warc_type.as_str(), "response" | "resource");
        let Some(stream) = self.stream.as_mut() else { return Outcome::Skip };
        self.block.clear();
        let read = if length > self.max_record_bytes {
            stream.skip(length)
        } else {
            stream.read_exact_into(&mut self.block, length)
        };
        let got = match read {
            Ok(got) => got,
            Err(e) => return Outcome::Error(self.fail(e, start)),
        };
        if got < length {
            return match find_warc_line(&self.block) {
                Some(at) => {
                    self.unread_block_from(at);
                    Outcome::Error(self.bad_record(start, too_long_reason(length, at)))
                }
                None => Outcome::Error(self.truncated(start)),
            };
        }
        match self.next_record_follows() {
            true => {}
            false => {
                let reason = match find_warc_line(&self.block) {
                    Some(at) => {
                        self.unread_block_from(at);
                        too_long_reason(length, at)
                    }
                    None => {
                        self.resync_forward();
                        format!(
                            "its Content-Length ({length}) ends before the record does (no 'WARC/1.' header \
                             follows the block); reading resumed at the next record header"
                        )
                    }
                };
                return Outcome::Error(self.bad_record(start, reason));
            }
        }
        if !wanted {
            return Outcome::Skip;
        }
        if length > self.max_record_bytes {
            let path = format!("{}#record {}", self.name, self.record_number);
            return Outcome::Error(IngestError::TooLarge {
                path,
                size: Some(length),
                limit: self.max_record_bytes,
            });
        }
        self.record_to_outcome(&header, start)
    }

    /// Reads the header block; the stream must be at its first line.
    fn read_header(&mut self) -> Result<WarcHeader, HeaderProblem> {
        let stream = self.stream.as_mut().ok_or(HeaderProblem::Eof)?;
        self.line.clear();
        match stream.read_line(&mut self.line, MAX_HEADER_LINE).map_err(HeaderProblem::Io)? {
            LineEnd::Eof => return Err(HeaderProblem::Eof),
            LineEnd::TooLong | LineEnd::Complete => {}
        }
        if !self.line.starts_with(WARC_MAGIC) {
            let shown = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).trim().to_owned();
            return Err(HeaderProblem::Bad(format!(
                "expected a 'WARC/1.0' or 'WARC/1.1' line, found \"{shown}\"; reading resumed at the next record header"
            )));
        }
        let mut header = WarcHeader::default();
        for _ in 0..MAX_HEADER_LINES {
            self.line.clear();
            match stream.read_line(&mut self.line, MAX_HEADER_LINE).map_err(HeaderProblem::Io)? {
                LineEnd::Eof => return Err(HeaderProblem::Eof),
                LineEnd::TooLong => {
                    return Err(HeaderProblem::Bad("a header line is longer than 64 KiB".to_owned()));
                }
                LineEnd::Complete => {}
            }
            let line = trim_line_end(&self.line);
            if line.is_empty() {
                return Ok(header);
            }
            let Some(colon) = memchr::memchr(b':', line) else { continue };
            let field = line[..colon].trim_ascii();
            let value = String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned();
            if field.eq_ignore_ascii_case(b"WARC-Type") {
                header.warc_type = value.to_ascii_lowercase();
            } else if field.eq_ignore_ascii_case(b"Content-Length") {
                header.content_length = value.parse().ok();
            } else if field.eq_ignore_ascii_case(b"WARC-Target-URI") {
                header.target_uri = Some(value.trim_matches(['<', '>']).to_owned());
            } else if field.eq_ignore_ascii_case(b"Content-Type") {
                header.content_type = Some(value);
            } else if field.eq_ignore_ascii_case(b"WARC-Record-ID") {
                header.record_id = Some(value.trim_matches(['<', '>']).to_owned());
            }
        }
        Err(HeaderProblem::Bad(format!("more than {MAX_HEADER_LINES} header lines")))
    }

    /// Whether the bytes after a block are what they must be: line breaks, then the next header or the end.
    /// A read error here belongs to the next record, so it is kept for the next call.
    fn next_record_follows(&mut self) -> bool {
        let Some(stream) = self.stream.as_mut() else { return true };
        let peeked = stream.skip_while(|b| b == b'\r' || b == b'\n').and_then(|()| {
            let offset = stream.offset();
            stream.peek(WARC_MAGIC.len()).map(|next| (next.is_empty() || next == WARC_MAGIC, offset))
        });
        match peeked {
            Ok((follows, _)) => follows,
            Err(e) => {
                let offset = stream.offset();
                self.deferred_error = Some((e, offset));
                true
            }
        }
    }

    /// Puts the tail of the block, from a 'WARC/1.' line on, back in front of the stream.
    fn unread_block_from(&mut self, at: usize) {
        if let Some(stream) = self.stream.as_mut() {
            stream.unread(&self.block[at..]);
        }
    }

    /// Skips to the next line that starts a WARC header (or to the end).
    fn resync_forward(&mut self) {
        let Some(stream) = self.stream.as_mut() else { return };
        loop {
            self.line.clear();
            match stream.read_line(&mut self.line, 64) {
                Ok(LineEnd::Eof) | Err(_) => return,
                Ok(LineEnd::Complete) if self.line.starts_with(WARC_MAGIC) => {
                    stream.unread(&self.line);
                    return;
                }
                Ok(_) => {}
            }
        }
    }

    /// Turns a response or resource record whose block is in `self.block` into a document, if it holds HTML.
    fn record_to_outcome(&self, header: &WarcHeader, start: u64) -> Outcome {
        let locator = format!("{}#record {}", self.name, self.record_number);
        let warc_content_type = header.content_type.as_deref().unwrap_or("").to_ascii_lowercase();
        let mut warnings = Vec::new();
        let (body, content_type, language) = if header.warc_type == "response" {
            // Some writers leave the WARC Content-Type out; the HTTP status line tells just as well.
            let is_http = warc_content_type.starts_with("application/http")
                || (warc_content_type.is_empty() && self.block.starts_with(b"HTTP/"));
            if !is_http {
                return Outcome::Skip;
            }
            let response = match HttpResponse::parse(&self.block) {
                Ok(response) => response,
                Err(reason) => return Outcome::Error(self.bad_record(start, reason)),
            };
            if !(200..300).contains(&response.status) {
                return Outcome::Skip;
            }
            let is_html = match &response.content_type {
                Some(content_type) => is_html_type(content_type),
                None => looks_like_html(response.body),
            };
            if !is_html {
                return Outcome::Skip;
            }
            let body = match response.decoded_body(self.max_record_bytes, &locator, &mut warnings) {
                Ok(body) => body,
                Err(reason) => return Outcome::Error(self.bad_record(start, reason)),
            };
            (body, response.content_type, response.content_language)
        } else {
            if !is_html_type(&warc_content_type) {
                return Outcome::Skip;
            }
            (self.block.clone(), header.content_type.clone(), None)
        };
        let url = header.target_uri.clone();
        let site = url.as_deref().and_then(site_from_url);
        let tld = site.as_deref().and_then(|host| host.rsplit('.').next());
        let charset = content_type.as_deref().and_then(content_type_charset);
        match decode_article(&locator, body, true, charset, tld) {
            Ok((content, more_warnings)) => {
                warnings.extend(more_warnings);
                let hints =
                    Hints { external_id: header.record_id.clone(), url, site, language, ..Hints::default() };
                Outcome::Document(RawDocument { source: locator, content, hints, warnings })
            }
            Err(error) => Outcome::Error(error),
        }
    }
}

impl Source for WarcSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        self.next_record_document()
    }

    fn skipped_records(&self) -> u64 {
        self.skipped
    }
}

impl Iterator for WarcSource {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document()
    }
}

/// Where a line starting with 'WARC/1.' begins inside a block (the next record, when a
/// Content-Length claimed too much).
fn find_warc_line(block: &[u8]) -> Option<usize> {
    if block.starts_with(WARC_MAGIC) {
        return Some(0);
    }
    memmem::find(block, b"\nWARC/1.").map(|at| at + 1)
}

fn too_long_reason(length: u64, at: usize) -> String {
    format!(
        "its Content-Length ({length}) is longer than the record: the next record header starts {at} bytes \
         into the block; reading resumed there"
    )
}

/// Whether a MIME type is an HTML page.
fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// Whether an untyped body starts like an HTML page.
fn looks_like_html(body: &[u8]) -> bool {
    let head = body[..body.len().min(1024)].trim_ascii_start().to_ascii_lowercase();
    head.starts_with(b"<!doctype html")
        || head.starts_with(b"<html")
        || memmem::find(&head, b"<html").is_some()
}

/// An HTTP response inside a WARC response record.
struct HttpResponse<'a> {
    status: u16,
    content_type: Option<String>,
    content_language: Option<String>,
    transfer_encoding: Option<String>,
    content_encoding: Option<String>,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    fn parse(block: &'a [u8]) -> Result<Self, String> {
        if !block.starts_with(b"HTTP/") {
            return Err("the response record does not start with an HTTP status line".to_owned());
        }
        let (head, body) = match memmem::find(block, b"\r\n\r\n") {
            Some(at) => (&block[..at], &block[at + 4..]),
            None => match memmem::find(block, b"\n\n") {
                Some(at) => (&block[..at], &block[at + 2..]),
                None => (block, &block[block.len()..]),
            },
        };
        let mut lines = head.split(|&b| b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line));
        let status_line = lines.next().unwrap_or_default();
        let status = status_line
            .split(|&b| b == b' ')
            .nth(1)
            .and_then(|code| std::str::from_utf8(code).ok())
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| {
                format!("unreadable HTTP status line \"{}\"", String::from_utf8_lossy(status_line))
            })?;
        let mut response = HttpResponse {
            status,
            content_type: None,
            content_language: None,
            transfer_encoding: None,
            content_encoding: None,
            body,
        };
        for line in lines {
            let Some(colon) = memchr::memchr(b':', line) else { continue };
            let field = line[..colon].trim_ascii();
            let value = || Some(String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned());
            if field.eq_ignore_ascii_case(b"Content-Type") {
                response.content_type = value();
            } else if field.eq_ignore_ascii_case(b"Content-Language") {
                response.content_language = value()
                    .and_then(|v| v.split(',').next().map(|l| l.trim().to_owned()))
                    .filter(|l| !l.is_empty());
            } else if field.eq_ignore_ascii_case(b"Transfer-Encoding") {
                response.transfer_encoding = value().map(|v| v.to_ascii_lowercase());
            } else if field.eq_ignore_ascii_case(b"Content-Encoding") {
                response.content_encoding = value().map(|v| v.to_ascii_lowercase());
            }
        }
        Ok(response)
    }

    /// The body with chunked transfer coding and gzip/deflate content coding undone.
    fn decoded_body(&self, limit: u64, locator: &str, warnings: &mut Vec<String>) -> Result<Vec<u8>, String> {
        let chunked = self.transfer_encoding.as_deref().is_some_and(|te| te.contains("chunked"));
        let body = if chunked {
            match dechunk(self.body) {
                Some(body) => body,
                None => {
                    // Crawlers often store the payload already de-chunked but keep the header.
                    warnings.push(format!(
                        "{locator}: Transfer-Encoding says chunked but the body is not; read as is"
                    ));
                    self.body.to_vec()
                }
            }
        } else {
            self.body.to_vec()
        };
        let coding = self.content_encoding.as_deref().unwrap_or("identity").trim();
        let is_gzip = body.starts_with(&[0x1f, 0x8b]);
        let decoded = {
            let decoder: Box<dyn Read + '_> = match coding {
                "" | "identity" | "none" => return Ok(body),
                "gzip" | "x-gzip" if is_gzip => Box::new(GzDecoder::new(&body[..])),
                "gzip" | "x-gzip" => {
                    warnings.push(format!(
                        "{locator}: Content-Encoding says gzip but the body is not; read as is"
                    ));
                    return Ok(body);
                }
                "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => {
                    Box::new(ZlibDecoder::new(&body[..]))
                }
                "deflate" => Box::new(DeflateDecoder::new(&body[..])),
                other => return Err(format!("Content-Encoding \"{other}\" is not supported")),
            };
            let mut decoded = Vec::with_capacity(body.len() * 4);
            decoder
                .take(limit + 1)
                .read_to_end(&mut decoded)
                .map_err(|e| format!("the {coding}-compressed body cannot be decompressed ({e})"))?;
            decoded
        };
        if decoded.len() as u64 > limit {
            return Err(format!("the decompressed body is over the {limit}-byte limit"));
        }
        Ok(decoded)
    }
}

/// Undoes HTTP/1.1 chunked transfer coding; `None` if the body is not chunked.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_field = trim_line_end(&body[..=line_end]);
        let size_field = size_field.split(|&b| b == b';').next().unwrap_or_default().trim_ascii();
        let size = usize::from_str_radix(std::str::from_utf8(size_field).ok()?, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        if body.len() < size {
            // A body cut inside a chunk: keep what is there.
            out.extend_from_slice(body);
            return Some(out);
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
        if body.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(dechunk(b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(), b"Hello, world");
        assert!(dechunk(b"<html>").is_none());
    }
}
