//! The storyweave store: where cleaned articles, their sources and the history of runs are kept.
//!
//! [`Store`] is the interface every backend implements; [`SqliteStore`] is the embedded default, one
//! SQLite file `storyweave.sqlite3` inside the data directory (SQLite adds `-wal` and `-shm` files
//! beside it while it is open).
//!
//! # Schema (version 4)
//!
//! | table | holds |
//! |---|---|
//! | `schema_version(version, applied)` | one row per migration applied, in order; the highest is the schema version |
//! | `runs(id, command, started, finished, report_json)` | one row per `begin_run`; `finished` and the report stay NULL until `finish_run`, so a run that was killed shows as unfinished |
//! | `articles(seq, id UNIQUE, language, published, title, site, url, truncated, page_kind, text, json, first_run)` | one row per distinct article id (a content hash); `text` is the clean body and `json` the rest of the [`model::Article`] (every field but `text`), so the text is stored once; the other columns are copies for filtering; `seq` (the rowid) is the insertion order |
//! | `article_sources(article_id, source, url, run)` | every source an article was read from, with the run that first saw it; key `(article_id, source)` |
//! | `skipped(run, source, kind, message)` | the documents a run could not turn into articles, and why |
//! | `articles_fts(title, text)` | the FTS5 full-text index (tokenizer `unicode61 remove_diacritics 2`, BM25 with title matches weighted 2:1), an external-content index over `articles.title` and `articles.text` keyed by `seq`, written in the same transaction as the article |
//! | `site_lines(site, fingerprint, articles)` | how many stored articles of a site carry a line with this fingerprint (version 2) |
//! | `article_vectors(seq, vector)` | the document vector each article was clustered with, so a restart replays the same decisions (version 3) |
//! | `event_log(id, arrival, json)`, `event_corrections(id, after_seq, json, made)` | every clustering decision and every correction by the user (version 3) |
//! | `event_members(archive, event_id, position, article_id, score, language, title)` | the members of closed events, handed over by the clusterer under a hand-over number; rows are never updated, an event corrected later is handed over again under a new number (version 4) |
//! | `archived_events(archive, event_id, json)`, `archived_event_entities(entity, archive, event_id)` | events behind the storyline window, handed over whole with the entities they name, under the same numbering (version 4) |
//!
//! The file is marked with `PRAGMA application_id` (`SWst`), so another SQLite file is refused rather
//! than written to. Times are UTC, RFC 3339 text.
//!
//! # Crash safety
//!
//! Every [`Store::put_batch`] is one transaction holding the articles, their index entries and their
//! sources, so a process killed mid-ingest leaves each batch either whole or absent. Putting the same
//! articles again stores nothing new: existing ids are left alone and sources are upserted.

mod error;
mod schema;
mod search;
mod sqlite;

pub use error::StoreError;
pub use search::plain_query;
pub use sqlite::{SqliteStore, DB_FILE_NAME, MIN_ID_PREFIX};

use model::Article;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The id of one run of a command that wrote to the store (an ingest, a re-cluster).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RunId(pub i64);

impl fmt::Display for RunId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What [`Store::put_batch`] did with one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PutStatus {
    /// The article was new and is now stored.
    Stored,
    /// An article with the same id (the same content) was stored before; only its source was recorded.
    AlreadyPresent,
}

/// One source an article was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The path or URL, with a record locator for containers.
    pub source: String,
    /// The article's URL as this source gave it.
    pub url: Option<String>,
    /// The run that first read the article from this source.
    pub first_seen: RunId,
}

/// One past run and what it reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The run's id.
    pub id: RunId,
    /// The command line or command name given to `begin_run`.
    pub command: String,
    /// When it started (UTC, RFC 3339).
    pub started: String,
    /// When it finished; `None` for a run that is still going or was killed.
    pub finished: Option<String>,
    /// The report given to `finish_run`.
    pub report: Option<serde_json::Value>,
    /// How many articles this run stored first.
    pub stored: u64,
    /// How many documents this run recorded as skipped.
    pub skipped: u64,
}

impl fmt::Display for RunRecord {
    /// One line per run (`run 3  started …  finished …  stored 120  skipped 2  ingest …`), then the
    /// report on a second line when there is one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let finished = match &self.finished {
            Some(at) => format!("finished {at}"),
            None => "unfinished (still running, or stopped before it could finish)".to_owned(),
        };
        write!(
            f,
            "run {}  started {}  {finished}  stored {}  skipped {}  {}",
            self.id, self.started, self.stored, self.skipped, self.command
        )?;
        if let Some(report) = &self.report {
            write!(f, "\n  report: {report}")?;
        }
        Ok(())
    }
}

/// One document a run could not turn into an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRecord {
    /// The run.
    pub run: RunId,
    /// Where the document came from.
    pub source: String,
    /// A short machine-readable reason (`empty`, `decode`, `too_large` …), chosen by the caller.
    pub kind: String,
    /// A sentence for the user.
    pub message: String,
}

/// One article of a closed event, as the clusterer handed it over to be kept in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedMember {
    /// The article's id.
    pub article_id: String,
    /// The probability with which it joined the event.
    pub score: f32,
    /// Its language.
    pub language: String,
    /// Its headline, when the clusterer still kept one.
    pub title: Option<String>,
}

/// One event handed over whole, as the store keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedEventRecord {
    /// The event's id.
    pub event_id: u32,
    /// The event as JSON (the clusterer's record of it).
    pub json: String,
    /// The entity ids it names, for look-ups by entity.
    pub entities: Vec<String>,
}

/// One full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article's id.
    pub id: String,
    /// The article's title, when it has one.
    pub title: Option<String>,
    /// A short excerpt of the text around the matches.
    pub snippet: String,
    /// Byte ranges `[start, end)` of the matched terms inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// The relevance, higher is better (negated BM25 as SQLite computes it).
    pub score: f64,
}

/// A place where articles, their sources and the history of runs are kept.
///
/// Object-safe, so the command line can hold a `Box<dyn Store>` chosen at run time.
pub trait Store: Send {
    /// Records the start of a run and returns its id.
    fn begin_run(&mut self, command: &str) -> Result<RunId, StoreError>;

    /// Records the end of a run with its report (replacing an earlier report of the same run).
    fn finish_run(&mut self, run: RunId, report: &serde_json::Value) -> Result<(), StoreError>;

    /// Stores a batch of articles in one transaction and records each article's source; the statuses
    /// are in the order of the batch.
    fn put_batch(&mut self, run: RunId, batch: &[Article]) -> Result<Vec<PutStatus>, StoreError> {
        self.put_batch_with_site_lines(run, batch, &[])
    }

    /// [`Store::put_batch`], also counting, for each newly stored article that has a site, the line
    /// fingerprints given for it (`site_lines[i]` belongs to `batch[i]`; missing entries count
    /// nothing) in the same transaction, so the counts always match the stored articles.
    fn put_batch_with_site_lines(
        &mut self,
        run: RunId,
        batch: &[Article],
        site_lines: &[Vec<u64>],
    ) -> Result<Vec<PutStatus>, StoreError> {
        self.put_batch_with_extras(run, batch, site_lines, &[])
    }

    /// [`Store::put_batch_with_site_lines`], also keeping each newly stored article's document vector
    /// (`vectors[i]` belongs to `batch[i]`, as opaque bytes) in the same transaction, so a stored
    /// article never lacks the vector it was clustered with.
    fn put_batch_with_extras(
        &mut self,
        run: RunId,
        batch: &[Article],
        site_lines: &[Vec<u64>],
        vectors: &[Option<Vec<u8>>],
    ) -> Result<Vec<PutStatus>, StoreError>;

    /// The document vector stored with an article (exact id), if one was.
    fn vector(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError>;

    /// Appends entries (arrival number, JSON) to the clustering decision log.
    fn append_event_log(&mut self, entries: &[(u64, String)]) -> Result<(), StoreError>;

    /// Deletes the decision-log entries of arrivals after `arrival` (they are logged again on replay).
    fn truncate_event_log(&mut self, after_arrival: u64) -> Result<(), StoreError>;

    /// Every decision-log entry (arrival number, JSON), oldest first.
    fn event_log(&self) -> Result<Vec<(u64, String)>, StoreError>;

    /// Keeps the members of closed events handed over under hand-over number `archive`, each event's
    /// in the order they joined, in one transaction.
    fn put_archived_members(
        &mut self,
        archive: u64,
        events: &[(u32, Vec<ArchivedMember>)],
    ) -> Result<(), StoreError>;

    /// The members event `event` handed over under number `archive`, in the order they joined.
    fn archived_members(&self, archive: u64, event: u32) -> Result<Vec<ArchivedMember>, StoreError>;

    /// Every (hand-over number, event) under which the article was handed over, oldest first: the
    /// caller knows which of them its events still refer to.
    fn archived_events_of(&self, article: &str) -> Result<Vec<(u64, u32)>, StoreError>;

    /// Calls `f` with every handed-over member (hand-over number, event, member), each event's in
    /// the order they joined; stops at the first error.
    fn for_each_archived_member(
        &self,
        f: &mut dyn FnMut(u64, u32, ArchivedMember) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Keeps events handed over whole under hand-over number `archive`, each with the entities it
    /// names, in one transaction.
    fn put_archived_events(&mut self, archive: u64, events: &[ArchivedEventRecord])
        -> Result<(), StoreError>;

    /// The JSON of event `event` as handed over under number `archive`.
    fn archived_event(&self, archive: u64, event: u32) -> Result<Option<String>, StoreError>;

    /// Calls `f` with every event handed over whole (hand-over number, event, JSON), by number and
    /// event; stops at the first error.
    fn for_each_archived_event(
        &self,
        f: &mut dyn FnMut(u64, u32, String) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Every (hand-over number, event) of an event handed over whole that names the entity.
    fn archived_events_with_entity(&self, entity: &str) -> Result<Vec<(u64, u32)>, StoreError>;

    /// Deletes what was handed over after hand-over number `archive`, members and events (a restart
    /// from an older snapshot hands them over again).
    fn truncate_archives(&mut self, after_archive: u64) -> Result<(), StoreError>;

    /// Deletes what these (hand-over number, event) pairs hold, members or events, which no event
    /// refers to any more.
    fn delete_archives(&mut self, which: &[(u64, u32)]) -> Result<(), StoreError>;

    /// Records a user's correction to the events (JSON), made when the clusterer covered articles up to
    /// insertion number `after_seq`; returns its number.
    fn add_correction(&mut self, after_seq: u64, json: &str) -> Result<u64, StoreError>;

    /// Every correction (number, after_seq, JSON), oldest first.
    fn corrections(&self) -> Result<Vec<(u64, u64, String)>, StoreError>;

    /// Every line fingerprint counted for `site`, with the number of stored articles of the site that
    /// carry it: the state behind site-repetition boilerplate.
    fn site_line_counts(&self, site: &str) -> Result<Vec<(u64, u32)>, StoreError>;

    /// Records a document the run could not turn into an article. May be buffered until the next
    /// `put_batch`, `finish_run` or `flush`.
    fn record_skipped(
        &mut self,
        run: RunId,
        source: &str,
        kind: &str,
        message: &str,
    ) -> Result<(), StoreError>;

    /// Writes out anything buffered.
    fn flush(&mut self) -> Result<(), StoreError>;

    /// The article with this id, or with a unique id prefix of at least [`MIN_ID_PREFIX`] characters.
    fn article(&self, id: &str) -> Result<Option<Article>, StoreError>;

    /// Calls `f` with every article in insertion order, one at a time; stops at the first error.
    fn for_each_article(
        &self,
        f: &mut dyn FnMut(Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// Calls `f` with the insertion number and the article of every article stored after insertion
    /// number `after`, in insertion order: how stateful stages catch up with the store after a restart.
    fn for_each_article_after(
        &self,
        after: u64,
        f: &mut dyn FnMut(u64, Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;

    /// The insertion number of the newest article (0 for an empty store).
    fn last_seq(&self) -> Result<u64, StoreError>;

    /// Whether an article with exactly this id is stored.
    fn contains(&self, id: &str) -> Result<bool, StoreError>;

    /// The number of articles stored.
    fn count_articles(&self) -> Result<u64, StoreError>;

    /// Every source the article with this exact id was read from, in the order they were first seen.
    fn sources_of(&self, id: &str) -> Result<Vec<SourceRecord>, StoreError>;

    /// Every run, oldest first.
    fn runs(&self) -> Result<Vec<RunRecord>, StoreError>;

    /// The documents a run skipped, in the order they were recorded.
    fn skipped(&self, run: RunId) -> Result<Vec<SkippedRecord>, StoreError>;

    /// Full-text search over titles and texts, best first. `query` uses the FTS5 query syntax
    /// (words, `"phrases"`, `AND`/`OR`/`NOT`, `prefix*`, `title:word`); use [`plain_query`] to search
    /// for free text typed by a user.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;
}
