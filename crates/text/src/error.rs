use thiserror::Error;

/// Why a document could not be turned into an article.
#[derive(Debug, Error)]
pub enum TextError {
    /// Nothing worth keeping was left after cleaning.
    #[error("no text left after cleaning")]
    Empty,
}
