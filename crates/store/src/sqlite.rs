//! The embedded SQLite backend.

use crate::schema::{APPLICATION_ID, LATEST_VERSION, MIGRATIONS};
use crate::search::{split_snippet, MATCH_CLOSE, MATCH_OPEN};
use crate::{
    ArchivedEventRecord, ArchivedMember, PutStatus, RunId, RunRecord, SearchHit, SkippedRecord, SourceRecord,
    Store, StoreError,
};
use model::Article;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The name of the database file inside the data directory.
pub const DB_FILE_NAME: &str = "storyweave.sqlite3";

/// The shortest id prefix [`Store::article`] accepts in place of a whole id.
pub const MIN_ID_PREFIX: usize = 6;

/// How long a writer waits for another process's transaction before reporting the store as locked.
/// A batch commits in well under a second, so this only expires when another writer is stuck.
const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Skipped records buffered before they are written on their own.
const SKIPPED_BUFFER: usize = 256;

/// Page cache per connection, in KiB (negative `cache_size`): the full-text index merges segments in
/// memory, and a larger cache keeps the id index's pages resident.
const CACHE_KIB: i64 = 32 * 1024;

/// The current time as SQLite writes it, UTC, RFC 3339 with milliseconds.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

/// A store in one SQLite file inside a data directory.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    pending_skipped: Vec<SkippedRecord>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

/// Maps a SQLite error to the store error that tells the user what to do.
fn classify(path: &Path, err: rusqlite::Error) -> StoreError {
    let path = path.to_path_buf();
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::NotADatabase) => {
            StoreError::NotAStore { path, detail: ": the file is not an SQLite database".into() }
        }
        Some(
            ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::DiskFull,
        ) => StoreError::NotWritable { path, message: err.to_string() },
        _ => StoreError::Sqlite { path, source: err },
    }
}

/// The exclusive upper bound of the ids that start with `prefix`, in SQLite's byte order.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

impl SqliteStore {
    /// Opens the store in `dir` for reading and writing, creating the directory and the database when
    /// they do not exist, and upgrading an older schema.
    pub fn open(dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|source| StoreError::DataDir { path: dir.to_path_buf(), source })?;
        let path = dir.join(DB_FILE_NAME);
        let conn = Connection::open(&path).map_err(|e| classify(&path, e))?;
        let store = SqliteStore { conn, path, read_only: false, pending_skipped: Vec::new() };
        store.configure()?;
        store.check_identity()?;
        store.migrate()?;
        Ok(store)
    }

    /// Opens an existing store in `dir` for reading only; fails with a message naming
    /// `storyweave ingest` when there is none.
    pub fn open_read_only(dir: &Path) -> Result<SqliteStore, StoreError> {
        let path = dir.join(DB_FILE_NAME);
        if !path.is_file() {
            return Err(StoreError::Missing { path });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| classify(&path, e))?;
        let store = SqliteStore { conn, path, read_only: true, pending_skipped: Vec::new() };
        store.configure()?;
        store.check_identity()?;
        match store.schema_version()? {
            v if v > LATEST_VERSION => Err(store.newer_schema(v)),
            v if v < LATEST_VERSION => {
                Err(StoreError::OlderSchema { path: store.path.clone(), found: v, supported: LATEST_VERSION })
            }
            _ => Ok(store),
        }
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Changes how long a write waits for another process before failing with [`StoreError::Locked`].
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), StoreError> {
        self.conn.busy_timeout(timeout).map_err(|e| self.err(e))
    }

    /// Checks the database file and the full-text index; returns the problems found (empty when the
    /// store is sound).
    pub fn check_integrity(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0)).map_err(|e| self.err(e))?;
        for row in rows {
            let line = row.map_err(|e| self.err(e))?;
            if line != "ok" {
                problems.push(line);
            }
        }
        // The FTS5 check compares the index with the content it was built from; FTS5 runs it as an
        // INSERT, which a read-only connection refuses.
        if !self.read_only {
            let check = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)";
            if let Err(e) = self.conn.execute(check, []) {
                match e.sqlite_error_code() {
                    Some(ErrorCode::DatabaseCorrupt) => problems.push(format!("full-text index: {e}")),
                    _ => return Err(self.err(e)),
                }
            }
        }
        Ok(problems)
    }

    /// Rebuilds the full-text index from the articles (after a damaged index was reported).
    pub fn rebuild_search_index(&mut self) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn
            .execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')", [])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Bytes used on disk per table and index (the full-text index is `articles_fts_*`), largest first.
    pub fn disk_usage(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let sql = "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC";
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(&self.path, e)
    }

    fn newer_schema(&self, found: i64) -> StoreError {
        StoreError::NewerSchema { path: self.path.clone(), found, supported: LATEST_VERSION }
    }

    fn ensure_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        Ok(())
    }

    fn configure(&self) -> Result<(), StoreError> {
        let conn = &self.conn;
        let e = |e| self.err(e);
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT).map_err(e)?;
        conn.set_prepared_statement_cache_capacity(32);
        conn.pragma_update(None, "cache_size", -CACHE_KIB).map_err(e)?;
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(e)?;
        Ok(())
    }

    /// Refuses any SQLite file that storyweave did not create, before anything is written to it.
    fn check_identity(&self) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let app_id: i32 = self.conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(e)?;
        if app_id == APPLICATION_ID {
            return Ok(());
        }
        let objects: i64 =
            self.conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(e)?;
        if app_id == 0 && objects == 0 {
            // An empty database: a new store (or a file left by a crash before the first commit).
            return if self.read_only {
                Err(StoreError::Missing { path: self.path.clone() })
            } else {
                Ok(())
            };
        }
        let detail = if app_id != 0 {
            format!(": it is an SQLite database of another application (application_id {app_id:#010x})")
        } else {
            format!(": it is an SQLite database with {objects} tables, indexes or views of its own")
        };
        Err(StoreError::NotAStore { path: self.path.clone(), detail })
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        let exists: bool = self
            .conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version')",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        if !exists {
            return Ok(0);
        }
        self.conn
            .query_row("SELECT coalesce(max(version), 0) FROM schema_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Switches to WAL and brings the schema to the latest version, all migrations in one transaction.
    fn migrate(&self) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let mode: String =
            self.conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).map_err(e)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::NotWritable {
                path: self.path.clone(),
                message: format!("SQLite could not switch to WAL journaling (journal_mode is {mode})"),
            });
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL").map_err(e)?;
        self.conn.pragma_update(None, "foreign_keys", true).map_err(e)?;

        // Another process may be creating the same store: the IMMEDIATE transaction serializes
        // the two, and the second finds the migrations applied.
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(e)?;
        let result = self.apply_migrations();
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end).map_err(e);
        result.and(ended)
    }

    fn apply_migrations(&self) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        self.conn
            .execute_batch(
                "CREATE TABLE IF NOT EXISTS schema_version (
                     version INTEGER PRIMARY KEY,
                     applied TEXT NOT NULL
                 );",
            )
            .map_err(e)?;
        let current = self.schema_version()?;
        if current > LATEST_VERSION {
            return Err(self.newer_schema(current));
        }
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            self.conn.execute_batch(migration).map_err(e)?;
            self.conn
                .execute(
                    &format!("INSERT INTO schema_version (version, applied) VALUES (?1, {NOW})"),
                    [index as i64 + 1],
                )
                .map_err(e)?;
        }
        self.conn.pragma_update(None, "application_id", APPLICATION_ID).map_err(e)?;
        Ok(())
    }

    fn ensure_run(&self, run: RunId) -> Result<(), StoreError> {
        let exists = self
            .conn
            .prepare_cached("SELECT 1 FROM runs WHERE id = ?1")
            .and_then(|mut stmt| stmt.exists([run.0]))
            .map_err(|e| self.err(e))?;
        if !exists {
            return Err(StoreError::UnknownRun { path: self.path.clone(), run: run.0 });
        }
        Ok(())
    }

    fn write_skipped(conn: &Connection, records: &[SkippedRecord]) -> rusqlite::Result<()> {
        let mut stmt =
            conn.prepare_cached("INSERT INTO skipped (run, source, kind, message) VALUES (?1, ?2, ?3, ?4)")?;
        for r in records {
            stmt.execute((r.run.0, &r.source, &r.kind, &r.message))?;
        }
        Ok(())
    }

    fn decode_article(&self, id: &str, json: &str, text: &str) -> Result<Article, StoreError> {
        json_with_text(json, text).and_then(|full| serde_json::from_str(&full)).map_err(|source| {
            StoreError::Corrupt { path: self.path.clone(), what: format!("article {id}"), source }
        })
    }

    fn article_by_id(&self, id: &str) -> Result<Option<Article>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT json, text FROM articles WHERE id = ?1")
            .and_then(|mut stmt| stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional())
            .map_err(|e| self.err(e))?;
        row.map(|(json, text)| self.decode_article(id, &json, &text)).transpose()
    }

    /// Up to `limit` ids that start with `prefix`, in id order.
    /// Runs `write` in one immediate transaction of a writable store, committed if it succeeds.
    fn in_write_transaction(
        &mut self,
        write: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let Self { conn, path, .. } = self;
        let e = |e| classify(path, e);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        write(&tx).map_err(e)?;
        tx.commit().map_err(e)
    }

    /// The (hand-over number, event) pairs a query selects for one key.
    fn archive_pairs(&self, sql: &str, key: &str) -> Result<Vec<(u64, u32)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self.conn.prepare_cached(sql).map_err(e)?;
        let rows = stmt
            .query_map([key], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u32)))
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3")
            .map_err(e)?;
        let rows = stmt.query_map((prefix, prefix_end(prefix), limit as i64), |r| r.get(0)).map_err(e)?;
        rows.collect::<Result<Vec<String>, _>>().map_err(e)
    }
}

/// The column values of an article row, computed before the write transaction starts so the write
/// lock is held only for the inserts.
struct ArticleRow {
    /// The article as JSON without its `text`, which has a column of its own.
    json: String,
    published: Option<String>,
    page_kind: String,
}

impl ArticleRow {
    fn new(article: &Article) -> Result<ArticleRow, StoreError> {
        let encode = |source| StoreError::Encode { what: format!("article {}", article.id), source };
        let mut value = serde_json::to_value(article).map_err(encode)?;
        if let Some(fields) = value.as_object_mut() {
            fields.remove("text");
        }
        let json = serde_json::to_string(&value).map_err(encode)?;
        let page_kind = match serde_json::to_value(article.page_kind) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{:?}", article.page_kind),
        };
        Ok(ArticleRow { json, published: article.published.map(|d| d.to_string()), page_kind })
    }
}

/// Puts the `text` column back into the JSON object stored without it.
/// The tables that keep what the clusterer handed over, each keyed by (hand-over number, event).
const ARCHIVE_TABLES: [&str; 3] = ["event_members", "archived_events", "archived_event_entities"];

fn archived_member(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArchivedMember> {
    Ok(ArchivedMember {
        article_id: r.get(0)?,
        score: r.get::<_, f64>(1)? as f32,
        language: r.get(2)?,
        title: r.get(3)?,
    })
}

fn json_with_text(json: &str, text: &str) -> Result<String, serde_json::Error> {
    let encoded_text = serde_json::to_string(text)?;
    let rest = json.trim_start().strip_prefix('{').unwrap_or(json);
    let separator = if rest.trim_start().starts_with('}') { "" } else { "," };
    Ok(format!("{{\"text\":{encoded_text}{separator}{rest}"))
}

impl Store for SqliteStore {
    fn begin_run(&mut self, command: &str) -> Result<RunId, StoreError> {
        self.ensure_writable()?;
        let sql = format!("INSERT INTO runs (command, started) VALUES (?1, {NOW})");
        self.conn.execute(&sql, [command]).map_err(|e| self.err(e))?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    fn finish_run(&mut self, run: RunId, report: &serde_json::Value) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.flush()?;
        let sql = format!("UPDATE runs SET finished = {NOW}, report_json = ?2 WHERE id = ?1");
        let changed = self.conn.execute(&sql, (run.0, report.to_string())).map_err(|e| self.err(e))?;
        if changed == 0 {
            return Err(StoreError::UnknownRun { path: self.path.clone(), run: run.0 });
        }
        // Cheap, and keeps the planner's statistics current for the next reader.
        self.conn.execute_batch("PRAGMA optimize").map_err(|e| self.err(e))
    }

    fn put_batch_with_extras(
        &mut self,
        run: RunId,
        batch: &[Article],
        site_lines: &[Vec<u64>],
        vectors: &[Option<Vec<u8>>],
    ) -> Result<Vec<PutStatus>, StoreError> {
        self.ensure_writable()?;
        let rows = batch
            .iter()
            .map(|a| {
                if a.id.0.is_empty() {
                    return Err(StoreError::EmptyId { source_name: a.source.clone() });
                }
                ArticleRow::new(a)
            })
            .collect::<Result<Vec<_>, _>>()?;

        let Self { conn, path, pending_skipped, .. } = self;
        let e = |e| classify(path, e);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        if !tx
            .prepare_cached("SELECT 1 FROM runs WHERE id = ?1")
            .and_then(|mut s| s.exists([run.0]))
            .map_err(e)?
        {
            return Err(StoreError::UnknownRun { path: path.clone(), run: run.0 });
        }
        Self::write_skipped(&tx, pending_skipped).map_err(e)?;
        let mut statuses = Vec::with_capacity(batch.len());
        {
            let mut insert_article = tx
                .prepare_cached(
                    "INSERT INTO articles
                         (id, language, published, title, site, url, truncated, page_kind, text, json, first_run)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (id) DO NOTHING",
                )
                .map_err(e)?;
            let mut index_article = tx
                .prepare_cached("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
                .map_err(e)?;
            // A source seen again keeps the run that first saw it; a URL it lacked is filled in.
            let mut upsert_source = tx
                .prepare_cached(
                    "INSERT INTO article_sources (article_id, source, url, run) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (article_id, source) DO UPDATE SET url = excluded.url
                     WHERE article_sources.url IS NULL AND excluded.url IS NOT NULL",
                )
                .map_err(e)?;
            let mut insert_vector =
                tx.prepare_cached("INSERT INTO article_vectors (seq, vector) VALUES (?1, ?2)").map_err(e)?;
            let mut count_line = tx
                .prepare_cached(
                    "INSERT INTO site_lines (site, fingerprint, articles) VALUES (?1, ?2, 1)
                     ON CONFLICT (site, fingerprint) DO UPDATE SET articles = articles + 1",
                )
                .map_err(e)?;
            for (i, (article, row)) in batch.iter().zip(&rows).enumerate() {
                let inserted = insert_article
                    .execute(rusqlite::params![
                        article.id.0,
                        article.language,
                        row.published,
                        article.title,
                        article.site,
                        article.url,
                        article.truncated,
                        row.page_kind,
                        article.text,
                        row.json,
                        run.0,
                    ])
                    .map_err(e)?;
                if inserted == 1 {
                    let seq = tx.last_insert_rowid();
                    index_article.execute((seq, &article.title, &article.text)).map_err(e)?;
                    if let Some(Some(vector)) = vectors.get(i) {
                        insert_vector.execute((seq, vector)).map_err(e)?;
                    }
                    if let (Some(site), Some(lines)) = (&article.site, site_lines.get(i)) {
                        for fingerprint in lines {
                            // SQLite integers are signed: the bits are stored as they are.
                            count_line.execute((site, *fingerprint as i64)).map_err(e)?;
                        }
                    }
                    statuses.push(PutStatus::Stored);
                } else {
                    statuses.push(PutStatus::AlreadyPresent);
                }
                upsert_source.execute((&article.id.0, &article.source, &article.url, run.0)).map_err(e)?;
            }
        }
        tx.commit().map_err(e)?;
        pending_skipped.clear();
        Ok(statuses)
    }

    fn record_skipped(
        &mut self,
        run: RunId,
        source: &str,
        kind: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.ensure_run(run)?;
        self.pending_skipped.push(SkippedRecord {
            run,
            source: source.to_owned(),
            kind: kind.to_owned(),
            message: message.to_owned(),
        });
        if self.pending_skipped.len() >= SKIPPED_BUFFER {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), StoreError> {
        if self.pending_skipped.is_empty() {
            return Ok(());
        }
        let Self { conn, path, pending_skipped, .. } = self;
        let e = |e| classify(path, e);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        Self::write_skipped(&tx, pending_skipped).map_err(e)?;
        tx.commit().map_err(e)?;
        pending_skipped.clear();
        Ok(())
    }

    fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        if let Some(article) = self.article_by_id(id)? {
            return Ok(Some(article));
        }
        if id.chars().count() < MIN_ID_PREFIX {
            if !id.is_empty() && !self.ids_with_prefix(id, 1)?.is_empty() {
                return Err(StoreError::PrefixTooShort { prefix: id.to_owned(), min: MIN_ID_PREFIX });
            }
            return Ok(None);
        }
        const SHOWN: usize = 5;
        let mut ids = self.ids_with_prefix(id, SHOWN + 1)?;
        match ids.len() {
            0 => Ok(None),
            1 => self.article_by_id(&ids[0]),
            n => {
                ids.truncate(SHOWN);
                Err(StoreError::AmbiguousId { prefix: id.to_owned(), candidates: ids, more: n > SHOWN })
            }
        }
    }

    fn for_each_article(
        &self,
        f: &mut dyn FnMut(Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let mut stmt =
            self.conn.prepare_cached("SELECT id, json, text FROM articles ORDER BY seq").map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(row) = rows.next().map_err(e)? {
            let column = |i| row.get_ref(i).and_then(|v| v.as_str().map_err(Into::into)).map_err(e);
            f(self.decode_article(column(0)?, column(1)?, column(2)?)?)?;
        }
        Ok(())
    }

    fn for_each_article_after(
        &self,
        after: u64,
        f: &mut dyn FnMut(u64, Article) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id, json, text FROM articles WHERE seq > ?1 ORDER BY seq")
            .map_err(e)?;
        let mut rows = stmt.query([after as i64]).map_err(e)?;
        while let Some(row) = rows.next().map_err(e)? {
            let seq: i64 = row.get(0).map_err(e)?;
            let column = |i| row.get_ref(i).and_then(|v| v.as_str().map_err(Into::into)).map_err(e);
            f(seq as u64, self.decode_article(column(1)?, column(2)?, column(3)?)?)?;
        }
        Ok(())
    }

    fn vector(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        self.conn
            .prepare_cached(
                "SELECT v.vector FROM article_vectors v JOIN articles a ON a.seq = v.seq WHERE a.id = ?1",
            )
            .and_then(|mut s| s.query_row([id], |r| r.get::<_, Vec<u8>>(0)).optional())
            .map_err(|e| self.err(e))
    }

    fn append_event_log(&mut self, entries: &[(u64, String)]) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let Self { conn, path, .. } = self;
        let e = |e| classify(path, e);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(e)?;
        {
            let mut insert =
                tx.prepare_cached("INSERT INTO event_log (arrival, json) VALUES (?1, ?2)").map_err(e)?;
            for (arrival, json) in entries {
                insert.execute((*arrival as i64, json)).map_err(e)?;
            }
        }
        tx.commit().map_err(e)
    }

    fn truncate_event_log(&mut self, after_arrival: u64) -> Result<(), StoreError> {
        self.ensure_writable()?;
        self.conn
            .execute("DELETE FROM event_log WHERE arrival > ?1", [after_arrival as i64])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn event_log(&self) -> Result<Vec<(u64, String)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt =
            self.conn.prepare_cached("SELECT arrival, json FROM event_log ORDER BY id").map_err(e)?;
        let rows =
            stmt.query_map([], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))).map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn put_archived_members(
        &mut self,
        archive: u64,
        events: &[(u32, Vec<ArchivedMember>)],
    ) -> Result<(), StoreError> {
        self.in_write_transaction(|tx| {
            // OR REPLACE: a hand-over number is written once, but a run killed after writing it and
            // restarted from an older snapshot writes the same rows again.
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO event_members \
                 (archive, event_id, position, article_id, score, language, title) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (event, members) in events {
                for (position, m) in members.iter().enumerate() {
                    let score = f64::from(m.score);
                    let row = (
                        archive as i64,
                        *event as i64,
                        position as i64,
                        &m.article_id,
                        score,
                        &m.language,
                        &m.title,
                    );
                    insert.execute(row)?;
                }
            }
            Ok(())
        })
    }
    fn archived_members(&self, archive: u64, event: u32) -> Result<Vec<ArchivedMember>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT article_id, score, language, title FROM event_members \
                 WHERE archive = ?1 AND event_id = ?2 ORDER BY position",
            )
            .map_err(e)?;
        let rows = stmt.query_map((archive as i64, event as i64), archived_member).map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn archived_events_of(&self, article: &str) -> Result<Vec<(u64, u32)>, StoreError> {
        self.archive_pairs(
            "SELECT archive, event_id FROM event_members WHERE article_id = ?1 ORDER BY archive",
            article,
        )
    }

    fn for_each_archived_member(
        &self,
        f: &mut dyn FnMut(u64, u32, ArchivedMember) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT archive, event_id, article_id, score, language, title FROM event_members \
                 ORDER BY archive, event_id, position",
            )
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(row) = rows.next().map_err(e)? {
            let archive = row.get::<_, i64>(0).map_err(e)? as u64;
            let event = row.get::<_, i64>(1).map_err(e)? as u32;
            let member = ArchivedMember {
                article_id: row.get(2).map_err(e)?,
                score: row.get::<_, f64>(3).map_err(e)? as f32,
                language: row.get(4).map_err(e)?,
                title: row.get(5).map_err(e)?,
            };
            f(archive, event, member)?;
        }
        Ok(())
    }

    fn put_archived_events(
        &mut self,
        archive: u64,
        events: &[ArchivedEventRecord],
    ) -> Result<(), StoreError> {
        self.in_write_transaction(|tx| {
            let mut insert =
                tx.prepare_cached("INSERT OR REPLACE INTO archived_events (archive, event_id, json) VALUES (?1, ?2, ?3)")?;
            let mut entity = tx.prepare_cached(
                "INSERT OR IGNORE INTO archived_event_entities (entity, archive, event_id) VALUES (?1, ?2, ?3)",
            )?;
            for event in events {
                insert.execute((archive as i64, event.event_id as i64, &event.json))?;
                for id in &event.entities {
                    entity.execute((id, archive as i64, event.event_id as i64))?;
                }
            }
            Ok(())
        })
    }
    fn archived_event(&self, archive: u64, event: u32) -> Result<Option<String>, StoreError> {
        self.conn
            .prepare_cached("SELECT json FROM archived_events WHERE archive = ?1 AND event_id = ?2")
            .and_then(|mut stmt| stmt.query_row((archive as i64, event as i64), |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    fn for_each_archived_event(
        &self,
        f: &mut dyn FnMut(u64, u32, String) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT archive, event_id, json FROM archived_events ORDER BY archive, event_id")
            .map_err(e)?;
        let mut rows = stmt.query([]).map_err(e)?;
        while let Some(row) = rows.next().map_err(e)? {
            let archive = row.get::<_, i64>(0).map_err(e)? as u64;
            let event = row.get::<_, i64>(1).map_err(e)? as u32;
            f(archive, event, row.get(2).map_err(e)?)?;
        }
        Ok(())
    }

    fn archived_events_with_entity(&self, entity: &str) -> Result<Vec<(u64, u32)>, StoreError> {
        self.archive_pairs(
            "SELECT archive, event_id FROM archived_event_entities WHERE entity = ?1 ORDER BY archive, event_id",
            entity,
        )
    }

    fn truncate_archives(&mut self, after_archive: u64) -> Result<(), StoreError> {
        self.in_write_transaction(|tx| {
            for table in ARCHIVE_TABLES {
                tx.execute(&format!("DELETE FROM {table} WHERE archive > ?1"), [after_archive as i64])?;
            }
            Ok(())
        })
    }
    fn delete_archives(&mut self, which: &[(u64, u32)]) -> Result<(), StoreError> {
        self.in_write_transaction(|tx| {
            for table in ARCHIVE_TABLES {
                let mut delete =
                    tx.prepare_cached(&format!("DELETE FROM {table} WHERE archive = ?1 AND event_id = ?2"))?;
                for (archive, event) in which {
                    delete.execute((*archive as i64, *event as i64))?;
                }
            }
            Ok(())
        })
    }
    fn add_correction(&mut self, after_seq: u64, json: &str) -> Result<u64, StoreError> {
        self.ensure_writable()?;
        let sql = format!("INSERT INTO event_corrections (after_seq, json, made) VALUES (?1, ?2, {NOW})");
        self.conn.execute(&sql, (after_seq as i64, json)).map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid() as u64)
    }

    fn corrections(&self) -> Result<Vec<(u64, u64, String)>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, after_seq, json FROM event_corrections ORDER BY id")
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64, r.get::<_, String>(2)?))
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn last_seq(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")
            .and_then(|mut s| s.exists([id]))
            .map_err(|e| self.err(e))
    }

    fn site_line_counts(&self, site: &str) -> Result<Vec<(u64, u32)>, StoreError> {
        let e = |err| classify(&self.path, err);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT fingerprint, articles FROM site_lines WHERE site = ?1")
            .map_err(e)?;
        let rows = stmt
            .query_map([site], |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u32)))
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn count_articles(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    fn sources_of(&self, id: &str) -> Result<Vec<SourceRecord>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT source, url, run FROM article_sources WHERE article_id = ?1 ORDER BY run, source",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(SourceRecord { source: r.get(0)?, url: r.get(1)?, first_seen: RunId(r.get(2)?) })
            })
            .map_err(e)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(e)
    }

    fn runs(&self) -> Result<Vec<RunRecord>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.id, r.command, r.started, r.finished, r.report_json,
                        (SELECT count(*) FROM articles WHERE first_run = r.id),
                        (SELECT count(*) FROM skipped WHERE run = r.id)
                 FROM runs AS r ORDER BY r.id",
            )
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    RunId(r.get(0)?),
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })
            .map_err(e)?;
        let mut runs = Vec::new();
        for row in rows {
            let (id, command, started, finished, report_json, stored, skipped) = row.map_err(e)?;
            let report =
                report_json.map(|json| serde_json::from_str(&json)).transpose().map_err(|source| {
                    StoreError::Corrupt {
                        path: self.path.clone(),
                        what: format!("report of run {id}"),
                        source,
                    }
                })?;
            runs.push(RunRecord {
                id,
                command,
                started,
                finished,
                report,
                stored: stored as u64,
                skipped: skipped as u64,
            });
        }
        Ok(runs)
    }

    fn skipped(&self, run: RunId) -> Result<Vec<SkippedRecord>, StoreError> {
        let e = |e| self.err(e);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT source, kind, message FROM skipped WHERE run = ?1 ORDER BY rowid")
            .map_err(e)?;
        let rows = stmt
            .query_map([run.0], |r| {
                Ok(SkippedRecord { run, source: r.get(0)?, kind: r.get(1)?, message: r.get(2)? })
            })
            .map_err(e)?;
        let mut records = rows.collect::<Result<Vec<_>, _>>().map_err(e)?;
        records.extend(self.pending_skipped.iter().filter(|r| r.run == run).cloned());
        Ok(records)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        if query.trim().is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // The query text is the only variable part of these statements, so an SQL error while they
        // run is the full-text engine refusing the query.
        let syntax = |err: rusqlite::Error| match err.sqlite_error_code() {
            Some(ErrorCode::Unknown) => StoreError::SearchSyntax {
                query: query.to_owned(),
                message: match &err {
                    rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
                    other => other.to_string(),
                },
            },
            _ => self.err(err),
        };
        // Ranking first and making snippets only for the hits kept: a snippet costs a pass over the
        // article's text, and a common word can match most of the store.
        let top: Vec<(i64, f64)> = {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2",
                )
                .map_err(|e| self.err(e))?;
            let rows =
                stmt.query_map((query, limit as i64), |r| Ok((r.get(0)?, r.get(1)?))).map_err(syntax)?;
            rows.collect::<Result<_, _>>().map_err(syntax)?
        };
        let snippet_sql = format!(
            "SELECT snippet(articles_fts, 1, '{MATCH_OPEN}', '{MATCH_CLOSE}', '…', 24)
             FROM articles_fts WHERE articles_fts MATCH ?1 AND rowid = ?2"
        );
        let mut snippet_stmt = self.conn.prepare_cached(&snippet_sql).map_err(|e| self.err(e))?;
        let mut article_stmt = self
            .conn
            .prepare_cached("SELECT id, title FROM articles WHERE seq = ?1")
            .map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (seq, rank) in top {
            let marked: String = snippet_stmt
                .query_row((query, seq), |r| r.get(0))
                .optional()
                .map_err(syntax)?
                .unwrap_or_default();
            let (id, title): (String, Option<String>) =
                article_stmt.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?))).map_err(|e| self.err(e))?;
            let (snippet, highlights) = split_snippet(&marked);
            hits.push(SearchHit { id, title, snippet, highlights, score: -rank });
        }
        Ok(hits)
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // Best effort: an error here has nowhere to go, and the records are only diagnostics.
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::json_with_text;

    #[test]
    fn text_is_spliced_back_as_a_json_string() {
        let text = "Zitat: \"Wir bleiben\" \\ Ende\nzweite Zeile 🙂";
        let full = json_with_text(r#"{"id":"x","language":"de"}"#, text).unwrap();
        let value: serde_json::Value = serde_json::from_str(&full).unwrap();
        assert_eq!(value["text"], text);
        assert_eq!(value["id"], "x");
        let empty: serde_json::Value = serde_json::from_str(&json_with_text("{ }", text).unwrap()).unwrap();
        assert_eq!(empty["text"], text);
    }
}
