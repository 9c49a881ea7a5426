use thiserror::Error;

/// What can go wrong in the cluster crate.
#[derive(Debug, Error)]
pub enum ClusterError {
    /// The configuration file could not be parsed or holds impossible values.
    #[error("invalid clustering configuration: {0}")]
    Config(String),
    /// A correction names an event that does not exist (or no longer exists after a merge).
    #[error("there is no event {0}; `storyweave events` lists the current ones")]
    UnknownEvent(u32),
    /// A correction names an article that no event holds.
    #[error("no event holds article {0}; `storyweave articles` lists the stored ones")]
    UnknownArticle(String),
    /// A correction that cannot be carried out as asked.
    #[error("{0}")]
    Correction(String),
}
