use thiserror::Error;

/// Why a file or a record in it was skipped. Each message names the file and, where it applies, the record.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file could not be read at all.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The path names nothing on disk.
    #[error("{path} does not exist; check the path (relative paths start from the working directory)")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The file or record holds no text (0 bytes, or only whitespace).
    #[error("{path} is empty (no text after decoding); it was skipped")]
    Empty {
        /// The file, or the file with a record locator.
        path: String,
    },
    /// The file looks like binary data, not text.
    #[error("{path} looks binary ({reason}), not text; it was skipped")]
    Binary {
        /// The file.
        path: String,
        /// What gave it away (NUL bytes, control characters).
        reason: String,
    },
    /// A single-article file, a record or a line is bigger than the configured limit.
    #[error("{path} {}, over the {limit}-byte limit; it was skipped (raise the limit to read it)", size_phrase(*size))]
    TooLarge {
        /// The file, or the file with a record locator.
        path: String,
        /// Its size in bytes, when known (a stream is refused after `limit + 1` bytes, its size unknown).
        size: Option<u64>,
        /// The limit in bytes.
        limit: u64,
    },
    /// A JSONL line longer than the line limit.
    #[error("{path} line {line}: longer than the {limit}-byte line limit; the line was skipped")]
    LineTooLong {
        /// The file.
        path: String,
        /// The 1-based line number.
        line: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is none of the formats this crate reads.
    #[error("{path}: unsupported format ({reason}); expected text, HTML, JSONL, WARC or RSS/Atom")]
    UnsupportedFormat {
        /// The file.
        path: String,
        /// What the file looked like instead.
        reason: String,
    },
    /// A JSONL line that is not a JSON object, or an object without any text.
    #[error("{path} line {line}: {reason}; the line was skipped")]
    MalformedRecord {
        /// The file.
        path: String,
        /// The 1-based line number.
        line: u64,
        /// What is wrong with the line.
        reason: String,
    },
    /// A WARC record that cannot be trusted (wrong Content-Length, broken header, undecodable payload).
    #[error("{path} record {record} (at byte {offset}): {reason}; the record was skipped")]
    BadWarcRecord {
        /// The file.
        path: String,
        /// The 1-based record number.
        record: u64,
        /// Where the record starts in the (decompressed) WARC stream.
        offset: u64,
        /// What is wrong with the record.
        reason: String,
    },
    /// A gzip stream that ends (or breaks) in the middle of a record.
    #[error(
        "{path} record {record} (at byte {offset} of the decompressed stream): the gzip data is truncated \
         or corrupt ({detail}); the records before it were read, nothing after it can be"
    )]
    TruncatedGzip {
        /// The file.
        path: String,
        /// The 1-based number of the record being read.
        record: u64,
        /// Where that record starts in the decompressed stream.
        offset: u64,
        /// The decompressor's message.
        detail: String,
    },
    /// An uncompressed file that ends in the middle of a record.
    #[error(
        "{path} record {record} (at byte {offset}): the file ends inside the record (cut short?); \
         the records before it were read"
    )]
    TruncatedFile {
        /// The file.
        path: String,
        /// The 1-based number of the record being read.
        record: u64,
        /// Where that record starts.
        offset: u64,
    },
    /// An RSS/Atom feed that is not well-formed XML, or an unusable item in it.
    #[error("{path} item {item}: {reason}")]
    MalformedFeed {
        /// The file.
        path: String,
        /// The 1-based number of the item or entry being read.
        item: u64,
        /// What is wrong, and what was done about it.
        reason: String,
    },
}

/// "is 52428800 bytes", or "is larger" when the size of a stream is unknown.
fn size_phrase(size: Option<u64>) -> String {
    match size {
        Some(size) => format!("is {size} bytes"),
        None => "is larger".to_owned(),
    }
}

impl IngestError {
    /// The file (or file with record locator) the error is about, as the reader was given it.
    pub fn path(&self) -> &str {
        match self {
            IngestError::Io { path, .. }
            | IngestError::NotFound { path }
            | IngestError::Empty { path }
            | IngestError::Binary { path, .. }
            | IngestError::TooLarge { path, .. }
            | IngestError::LineTooLong { path, .. }
            | IngestError::UnsupportedFormat { path, .. }
            | IngestError::MalformedRecord { path, .. }
            | IngestError::BadWarcRecord { path, .. }
            | IngestError::TruncatedGzip { path, .. }
            | IngestError::TruncatedFile { path, .. }
            | IngestError::MalformedFeed { path, .. } => path,
        }
    }

    /// A short stable name for the run report's error counts.
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io { .. } => "io",
            IngestError::NotFound { .. } => "not_found",
            IngestError::Empty { .. } => "empty",
            IngestError::Binary { .. } => "binary",
            IngestError::TooLarge { .. } | IngestError::LineTooLong { .. } => "too_large",
            IngestError::UnsupportedFormat { .. } => "unsupported_format",
            IngestError::MalformedRecord { .. } => "malformed_json",
            IngestError::BadWarcRecord { .. } => "bad_warc_record",
            IngestError::TruncatedGzip { .. } => "truncated_gzip",
            IngestError::TruncatedFile { .. } => "truncated_file",
            IngestError::MalformedFeed { .. } => "malformed_feed",
        }
    }

    /// Wraps an I/O error, turning "not found" into [`IngestError::NotFound`].
    pub(crate) fn io(path: &str, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::NotFound {
            IngestError::NotFound { path: path.to_owned() }
        } else {
            IngestError::Io { path: path.to_owned(), source }
        }
    }
}
