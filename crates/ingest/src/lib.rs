//! Readers: the [`Source`] trait and one reader per container format.
//!
//! Every reader streams: it yields one [`RawDocument`] or one [`IngestError`] at a time, so a bad
//! record is reported with its file and line or record number while the rest of the batch goes on.

mod error;

pub use error::IngestError;
use model::RawDocument;

/// A stream of raw documents read from one place (a file, a directory, a socket).
pub trait Source: Send {
    /// A name for progress and error messages: usually the path.
    fn name(&self) -> &str;
    /// The next document, the next per-record error, or `None` at the end.
    fn next_document(&mut self) -> Option<Result<RawDocument, IngestError>>;
}
