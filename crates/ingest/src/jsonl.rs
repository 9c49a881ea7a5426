//! JSON Lines: one article per line, with the field names of news-please, trafilatura and the
//! dev-events corpus.

use std::io::Read;
use std::path::Path;

use model::{Content, Hints, RawDocument};
use serde::Deserialize;
use serde_json::Value;

use crate::decode::{decode_to_string, stream_encoding, Context, TranscodingReader};
use crate::stream::{gunzip_if_needed, read_head, trim_line_end, ByteStream, LineEnd};
use crate::{open_raw, site_from_url, stream_error, IngestError, ReadOptions, Source};

/// A JSONL file or stream: one [`RawDocument`] per line; a bad line is an error for that line only.
pub struct JsonlSource {
    name: String,
    stream: Option<ByteStream>,
    compressed: bool,
    line_number: u64,
    line: Vec<u8>,
    max_line_bytes: u64,
    saw_content: bool,
}

impl JsonlSource {
    /// Opens a file (gzip-compressed or not) with the default options.
    pub fn open(path: &Path) -> Result<Self, IngestError> {
        Self::open_with(path, &ReadOptions::default())
    }

    /// Opens a file (gzip-compressed or not) with the given line cap.
    pub fn open_with(path: &Path, options: &ReadOptions) -> Result<Self, IngestError> {
        let raw = open_raw(path)?;
        Ok(Self::from_reader(raw.name, raw.reader).with_options(options).compressed(raw.compressed))
    }

    /// Reads JSONL (gzipped or not) from any reader, such as an HTTP body; `name` prefixes each `source`.
    pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        let name = name.into();
        let (reader, compressed) = gunzip_if_needed(Box::new(reader));
        let (head, reader) = read_head(reader, 4);
        // JSON is UTF-8 by definition; only a UTF-16 BOM asks for transcoding.
        let reader: Box<dyn Read + Send> = match stream_encoding(&head, None) {
            Some(encoding) => Box::new(TranscodingReader::new(reader, encoding)),
            None => reader,
        };
        JsonlSource {
            name,
            stream: Some(ByteStream::new(reader)),
            compressed,
            line_number: 0,
            line: Vec::with_capacity(64 * 1024),
            max_line_bytes: ReadOptions::default().max_line_bytes,
            saw_content: false,
        }
    }

    /// Applies the line cap from `options`.
    pub fn with_options(mut self, options: &ReadOptions) -> Self {
        self.max_line_bytes = options.max_line_bytes;
        self
    }

    /// Marks the stream as decompressed from gzip, so read failures are reported as truncated gzip.
    pub(crate) fn compressed(mut self, compressed: bool) -> Self {
        self.compressed |= compressed;
        self
    }

    /// The number of lines read so far.
    pub fn lines_read(&self) -> u64 {
        self.line_number
    }

    fn next_line_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        loop {
            let stream = self.stream.as_mut()?;
            self.line.clear();
            let limit = usize::try_from(self.max_line_bytes).unwrap_or(usize::MAX);
            let end = match stream.read_line(&mut self.line, limit) {
                Ok(end) => end,
                Err(e) => {
                    let error =
                        stream_error(&self.name, self.compressed, self.line_number + 1, stream.offset(), e);
                    self.stream = None;
                    return Some(Err(error));
                }
            };
            match end {
                LineEnd::Eof => {
                    self.stream = None;
                    return (!self.saw_content).then(|| Err(IngestError::Empty { path: self.name.clone() }));
                }
                LineEnd::TooLong => {
                    self.line_number += 1;
                    self.saw_content = true;
                    return Some(Err(IngestError::LineTooLong {
                        path: self.name.clone(),
                        line: self.line_number,
                        limit: self.max_line_bytes,
                    }));
                }
                LineEnd::Complete => {
                    self.line_number += 1;
                    let mut line = trim_line_end(&self.line);
                    if self.line_number == 1 {
                        line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
                    }
                    let line = line.trim_ascii();
                    if line.is_empty() {
                        continue;
                    }
                    self.saw_content = true;
                    return Some(parse_line(&self.name, self.line_number, line));
                }
            }
        }
    }
}

impl Source for JsonlSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
        self.next_line_document()
    }
}

impl Iterator for JsonlSource {
    type Item = Result<RawDocument, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_document()
    }
}

/// The fields storyweave reads from a JSONL record; every other field is skipped unparsed.
/// Values stay loosely typed because crawlers disagree (ids as numbers, authors as lists, nulls).
#[derive(Deserialize, Default)]
#[serde(default)]
struct Record {
    maintext: Option<Value>,
    text: Option<Value>,
    content: Option<Value>,
    raw_text: Option<Value>,
    html: Option<Value>,
    raw_html: Option<Value>,
    title: Option<Value>,
    date_publish: Option<Value>,
    date: Option<Value>,
    published: Option<Value>,
    #[serde(rename = "pubDate")]
    pub_date: Option<Value>,
    date_modify: Option<Value>,
    url: Option<Value>,
    /// trafilatura puts the URL in `source`.
    source: Option<Value>,
    language: Option<Value>,
    lang: Option<Value>,
    source_domain: Option<Value>,
    hostname: Option<Value>,
    domain: Option<Value>,
    sitename: Option<Value>,
    authors: Option<Value>,
    author: Option<Value>,
    id: Option<Value>,
    truncated: Option<Value>,
}

/// Parses one non-blank line into a document, or says why it cannot be one.
fn parse_line(name: &str, line_number: u64, line: &[u8]) -> Result<RawDocument, IngestError> {
    let malformed =
        |reason: String| IngestError::MalformedRecord { path: name.to_owned(), line: line_number, reason };
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(line) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        // One bad byte (usually a multi-byte character cut by a scraper) should not cost the whole
        // article: decode with replacement (or a guessed legacy encoding) and say so.
        Err(_) => {
            let place = format!("{name} line {line_number}");
            std::borrow::Cow::Owned(decode_to_string(
                line.to_vec(),
                Context::default(),
                &place,
                &mut warnings,
            ))
        }
    };
    if !text.starts_with('{') {
        let reason = match serde_json::from_str::<serde::de::IgnoredAny>(&text) {
            Ok(_) => format!("not a JSON object (found {})", json_kind(text.as_bytes()[0])),
            Err(e) => format!("not a JSON object ({})", json_error(&e)),
        };
        return Err(malformed(reason));
    }
    let record: Record =
        serde_json::from_str(&text).map_err(|e| malformed(format!("invalid JSON ({})", json_error(&e))))?;
    record_to_document(record, name, line_number, warnings).map_err(malformed)
}

/// A serde_json message without its "at line 1" (the line is named by the caller).
fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => format!("{} at column {}", &message[..at], error.column()),
        None => message,
    }
}

/// What kind of JSON value starts with this byte.
fn json_kind(first: u8) -> &'static str {
    match first {
        b'[' => "an array",
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'n' => "null",
        _ => "a number",
    }
}

/// The value as a non-blank string: strings as they are, numbers and booleans printed,
/// arrays of strings joined with `separator`.
fn string_of(value: Option<Value>, separator: &str) -> Option<String> {
    let text = match value? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            let parts: Vec<String> =
                items.into_iter().filter_map(|item| string_of(Some(item), separator)).collect();
            parts.join(separator)
        }
        Value::Null | Value::Object(_) => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// The first field with a value, and its name.
fn first_named<const N: usize>(fields: [(&'static str, Option<Value>); N]) -> Option<(String, &'static str)> {
    fields.into_iter().find_map(|(name, value)| string_of(value, " ").map(|s| (s, name)))
}

fn record_to_document(
    record: Record,
    name: &str,
    line_number: u64,
    warnings: Vec<String>,
) -> Result<RawDocument, String> {
    let text = [record.maintext, record.text, record.content, record.raw_text]
        .into_iter()
        .find_map(|value| string_of(value, "\n"));
    let content = match text {
        Some(text) => Content::Text(text),
        None => match [record.html, record.raw_html].into_iter().find_map(|value| string_of(value, "\n")) {
            Some(html) => Content::Html(html),
            None => {
                return Err(
                    "the object has no text (none of maintext, text, content, raw_text, html, raw_html \
                            is a non-empty string)"
                        .to_owned(),
                )
            }
        },
    };
    let published = first_named([
        ("date_publish", record.date_publish),
        ("date", record.date),
        ("published", record.published),
        ("pubDate", record.pub_date),
        ("date_modify", record.date_modify),
    ]);
    let url = string_of(record.url, " ")
        .or_else(|| {
            string_of(record.source, " ").filter(|s| s.starts_with("http://") || s.starts_with("https://"))
        })
        .map(|url| url.trim().to_owned());
    let site = [record.source_domain, record.hostname, record.domain, record.sitename]
        .into_iter()
        .find_map(|value| string_of(value, " "))
        .or_else(|| url.as_deref().and_then(site_from_url));
    let hints = Hints {
        external_id: string_of(record.id, " "),
        url,
        title: string_of(record.title, " "),
        published_field: published.as_ref().map(|(_, field)| (*field).to_owned()),
        published: published.map(|(value, _)| value),
        language: string_of(record.language, " ").or_else(|| string_of(record.lang, " ")),
        site,
        author: string_of(record.authors, ", ").or_else(|| string_of(record.author, ", ")),
        truncated: match record.truncated {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        },
    };
    Ok(RawDocument { source: format!("{name}:{line_number}"), content, hints, warnings })
}
