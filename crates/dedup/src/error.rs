use thiserror::Error;

/// What can go wrong in the dedup crate.
#[derive(Debug, Error)]
pub enum DedupError {
    /// The configuration is inconsistent (for example bands × rows ≠ permutations).
    #[error("invalid dedup configuration: {0}")]
    Config(String),
    /// A corpus file for the generator could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A JSON record or a saved index could not be parsed or written.
    #[error("JSON error in {context}: {source}")]
    Json {
        /// Where: a file and line, or `index state`.
        context: String,
        /// The cause.
        source: serde_json::Error,
    },
}
