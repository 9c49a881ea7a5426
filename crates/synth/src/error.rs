use thiserror::Error;

/// What can go wrong while writing a story.
#[derive(Debug, Error)]
pub enum SynthError {
    /// The sentence encoder failed on the event's statements.
    #[error("the sentence encoder failed on the event's statements: {0}")]
    Encoder(#[from] embed::EmbedError),
    /// The event has no articles to write a story from.
    #[error("event {0} has no articles to write a story from")]
    NoArticles(String),
}
