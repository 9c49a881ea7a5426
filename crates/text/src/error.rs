use thiserror::Error;

/// Why a document could not be turned into an article.
#[derive(Debug, Error)]
pub enum TextError {
    /// Nothing worth keeping was left after cleaning.
    #[error("no article text left after cleaning (every line was boilerplate, a caption or a credit)")]
    Empty,
}

impl TextError {
    /// A short stable name for run reports.
    pub fn kind(&self) -> &'static str {
        match self {
            TextError::Empty => "no_text",
        }
    }
}
