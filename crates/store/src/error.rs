use std::path::PathBuf;

/// Everything that can go wrong in the store; each message names the data file or directory and says
/// what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The data directory could not be created or is not a directory.
    #[error(
        "cannot create the data directory {path}: {source}; check that the path is a directory you can \
         write to, or choose another data directory"
    )]
    DataDir {
        /// The data directory.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },

    /// A read-only open found no store.
    #[error(
        "no storyweave store at {path}: the file does not exist; create it with `storyweave ingest`, \
         or point to the data directory that holds it"
    )]
    Missing {
        /// The database file that was looked for.
        path: PathBuf,
    },

    /// The file exists but is not a storyweave store (another SQLite database, or not a database at all).
    #[error(
        "{path} is not a storyweave store{detail}; move it away or choose another data directory \
         (storyweave never writes to a file it did not create)"
    )]
    NotAStore {
        /// The database file.
        path: PathBuf,
        /// What was found instead, starting with ": " (may be empty).
        detail: String,
    },

    /// The store was written by a newer storyweave.
    #[error(
        "{path} has schema version {found}, newer than the {supported} this storyweave knows; \
         upgrade storyweave to read it"
    )]
    NewerSchema {
        /// The database file.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },

    /// A read-only open found a store whose schema must first be upgraded, which needs write access.
    #[error(
        "{path} has schema version {found}, older than the {supported} this storyweave uses; open it once \
         for writing (for example with `storyweave ingest`) to upgrade it"
    )]
    OlderSchema {
        /// The database file.
        path: PathBuf,
        /// The version in the file.
        found: i64,
        /// The version this build uses.
        supported: i64,
    },

    /// The database file or its directory cannot be written.
    #[error(
        "cannot write to the store {path}: {message}; check the permissions of the file and of its \
         directory (SQLite also writes `-wal` and `-shm` files beside it) and the free disk space"
    )]
    NotWritable {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        message: String,
    },

    /// The store was opened read-only and a write was asked for.
    #[error("the store {path} was opened read-only; open it for writing to change it")]
    ReadOnly {
        /// The database file.
        path: PathBuf,
    },

    /// Another process holds the write lock for longer than the busy timeout.
    #[error(
        "the store {path} is locked by another process (another `storyweave` writing to the same data \
         directory?); wait for it to finish or stop it, then try again"
    )]
    Locked {
        /// The database file.
        path: PathBuf,
    },

    /// A run id that this store never handed out.
    #[error("run {run} does not exist in the store {path}; start runs with `begin_run`")]
    UnknownRun {
        /// The database file.
        path: PathBuf,
        /// The run id given.
        run: i64,
    },

    /// An article with an empty id was given to `put_batch`.
    #[error(
        "the article from {source_name} has an empty id; ids are content hashes computed before storing"
    )]
    EmptyId {
        /// The article's source.
        source_name: String,
    },

    /// An id prefix matches more than one article.
    #[error(
        "the id prefix '{prefix}' is ambiguous: it matches {}{}; give more characters",
        candidates.join(", "),
        if *more { " and more" } else { "" }
    )]
    AmbiguousId {
        /// The prefix given.
        prefix: String,
        /// Some of the ids it matches.
        candidates: Vec<String>,
        /// Whether more ids match than are listed.
        more: bool,
    },

    /// An id prefix that matches articles but is too short to be used as a prefix.
    #[error("the id prefix '{prefix}' is too short: give at least {min} characters of the id")]
    PrefixTooShort {
        /// The prefix given.
        prefix: String,
        /// The minimum length of a prefix.
        min: usize,
    },

    /// A search query that the full-text engine cannot parse.
    #[error(
        "cannot parse the search query '{query}': {message}; put words with punctuation in double \
         quotes, or search for plain words"
    )]
    SearchSyntax {
        /// The query given.
        query: String,
        /// What the full-text engine said.
        message: String,
    },

    /// A stored article or report that cannot be decoded.
    #[error("a stored record in {path} cannot be decoded ({what}): {source}; the store may be damaged")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// Which record.
        what: String,
        /// The decoding error.
        source: serde_json::Error,
    },

    /// A value that cannot be encoded as JSON for storing.
    #[error("cannot encode {what} as JSON for the store: {source}")]
    Encode {
        /// Which value.
        what: String,
        /// The encoding error.
        source: serde_json::Error,
    },

    /// Any other SQLite error.
    #[error("SQLite error on the store {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },

    /// An error raised by a caller's callback (see `Store::for_each_article`), passed through.
    #[error(transparent)]
    Callback(Box<dyn std::error::Error + Send + Sync>),
}
