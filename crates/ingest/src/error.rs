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
}
