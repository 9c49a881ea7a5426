//! Single-article files: a `.txt` or `.html` file is one document, read whole under a size cap.

use std::io::Read;
use std::path::Path;

use model::{Content, Hints, RawDocument};

use crate::decode::{binary_reason, decode_to_string, html_meta_charset, Context, Declared};
use crate::{open_raw, IngestError, ReadOptions, Source};

/// The kind of single-article file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

/// The shared machinery of the two single-article readers: one read, one document (or one error).
struct SingleFile {
    name: String,
    reader: Option<Box<dyn Read + Send>>,
    /// The size on disk, when known, so an oversized file is refused before it is read.
    known_size: Option<u64>,
    limit: u64,
    kind: Kind,
}

impl SingleFile {
    fn read(&mut self) -> Option<Result<RawDocument, IngestError>> {
        let reader = self.reader.take()?;
        Some(self.read_whole(reader))
    }

    fn read_whole(&self, reader: Box<dyn Read + Send>) -> Result<RawDocument, IngestError> {
        let name = &self.name;
        if let Some(size) = self.known_size.filter(|&size| size > self.limit) {
            return Err(IngestError::TooLarge { path: name.clone(), size: Some(size), limit: self.limit });
        }
        let capacity = self.known_size.unwrap_or(64 * 1024).min(self.limit) as usize;
        let mut bytes = Vec::with_capacity(capacity + 1);
        // One byte past the limit is enough to know the stream is too large.
        reader.take(self.limit + 1).read_to_end(&mut bytes).map_err(|e| IngestError::io(name, e))?;
        if bytes.len() as u64 > self.limit {
            return Err(IngestError::TooLarge { path: name.clone(), size: None, limit: self.limit });
        }
        document_from_bytes(name, bytes, self.kind == Kind::Html)
    }
}

/// Turns the bytes of one article into a document.
fn document_from_bytes(name: &str, bytes: Vec<u8>, html: bool) -> Result<RawDocument, IngestError> {
    let (content, warnings) = decode_article(name, bytes, html, None, None)?;
    Ok(RawDocument { source: name.to_owned(), content, hints: Hints::default(), warnings })
}

/// Checks and decodes the bytes of one article (a file, a WARC payload): empty and binary checks,
/// then the charset from the BOM, `http_charset`, `<meta charset>` (HTML), UTF-8 or a guess.
pub(crate) fn decode_article(
    name: &str,
    bytes: Vec<u8>,
    html: bool,
    http_charset: Option<&str>,
    tld: Option<&str>,
) -> Result<(Content, Vec<String>), IngestError> {
    if bytes.trim_ascii().is_empty() {
        return Err(IngestError::Empty { path: name.to_owned() });
    }
    if let Some(reason) = binary_reason(&bytes) {
        return Err(IngestError::Binary { path: name.to_owned(), reason });
    }
    let mut warnings = Vec::new();
    let meta_charset = if html && http_charset.is_none() { html_meta_charset(&bytes) } else { None };
    let declared = match (http_charset, meta_charset.as_deref()) {
        (Some(label), _) => Some(Declared { label, origin: "the HTTP Content-Type header" }),
        (None, Some(label)) => Some(Declared { label, origin: "<meta charset>" }),
        (None, None) => None,
    };
    let context = Context { declared, tld, name_lines: true };
    let text = decode_to_string(bytes, context, name, &mut warnings);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { path: name.to_owned() });
    }
    let content = if html { Content::Html(text) } else { Content::Text(text) };
    Ok((content, warnings))
}

macro_rules! single_file_source {
    ($(#[$doc:meta])* $name:ident, $kind:expr) => {
        $(#[$doc])*
        pub struct $name(SingleFile);

        impl $name {
            /// Opens a file (gzip-compressed or not) with the default options.
            pub fn open(path: &Path) -> Result<Self, IngestError> {
                Self::open_with(path, &ReadOptions::default())
            }

            /// Opens a file (gzip-compressed or not) with the given size cap.
            pub fn open_with(path: &Path, options: &ReadOptions) -> Result<Self, IngestError> {
                let raw = open_raw(path)?;
                let mut source = Self::from_reader(raw.name, raw.reader).with_options(options);
                source.set_known_size(raw.size_on_disk);
                Ok(source)
            }

            /// Lets an oversized file be refused from its size on disk, before reading it.
            pub(crate) fn set_known_size(&mut self, size: Option<u64>) {
                self.0.known_size = size;
            }

            /// Reads one document from any reader (an HTTP body, a decompressed stream); `name` is its source.
            pub fn from_reader(name: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
                $name(SingleFile {
                    name: name.into(),
                    reader: Some(Box::new(reader)),
                    known_size: None,
                    limit: ReadOptions::default().max_article_bytes,
                    kind: $kind,
                })
            }

            /// Applies the size cap from `options`.
            pub fn with_options(mut self, options: &ReadOptions) -> Self {
                self.0.limit = options.max_article_bytes;
                self
            }
        }

        impl Source for $name {
            fn name(&self) -> &str {
                &self.0.name
            }

            fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>> {
                self.0.read()
            }
        }

        impl Iterator for $name {
            type Item = Result<RawDocument, IngestError>;

            fn next(&mut self) -> Option<Self::Item> {
                self.next_document()
            }
        }
    };
}

single_file_source!(
    /// A plain-text file holding one article ([`Content::Text`]).
    TextFileSource,
    Kind::Text
);

single_file_source!(
    /// An HTML file holding one page ([`Content::Html`]); its `<meta charset>` is honoured.
    HtmlFileSource,
    Kind::Html
);
