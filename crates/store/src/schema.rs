//! The SQLite schema and its migrations.

/// Written into the SQLite header (`PRAGMA application_id`) so that a storyweave store can be told from
/// any other SQLite file without reading its tables: the ASCII bytes `SWst`.
pub(crate) const APPLICATION_ID: i32 = 0x5357_7374;

/// The migrations, in order: entry `i` brings the schema from version `i` to version `i + 1`.
///
/// A migration is never edited once released; a change to the schema is a new entry.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this build writes.
pub(crate) const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// The first schema. The article text is kept in its own column rather than inside `json`, so it is
/// stored once and the full-text index reads it from `articles` (an external-content index).
const V1: &str = r#"
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    command     TEXT NOT NULL,
    started     TEXT NOT NULL,
    finished    TEXT,
    report_json TEXT
);

CREATE TABLE articles (
    seq       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    language  TEXT NOT NULL,
    published TEXT,
    title     TEXT,
    site      TEXT,
    url       TEXT,
    truncated INTEGER NOT NULL,
    page_kind TEXT NOT NULL,
    text      TEXT NOT NULL,
    json      TEXT NOT NULL,
    first_run INTEGER NOT NULL REFERENCES runs(id)
);
CREATE INDEX articles_first_run ON articles(first_run);

CREATE TABLE article_sources (
    article_id TEXT NOT NULL REFERENCES articles(id),
    source     TEXT NOT NULL,
    url        TEXT,
    run        INTEGER NOT NULL REFERENCES runs(id),
    PRIMARY KEY (article_id, source)
) WITHOUT ROWID;

CREATE TABLE skipped (
    run     INTEGER NOT NULL REFERENCES runs(id),
    source  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX skipped_run ON skipped(run);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- A match in the title counts twice as much as one in the text.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');

-- Rows are added to the index by the writer in the same transaction as the article; a deletion
-- (none happens today) must take the row out of the index with the values it was indexed with.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
"#;

/// Counts of short lines per site: how many stored articles of a site carry a line with this
/// fingerprint. A line repeated across many articles of one site is that site's boilerplate (a promo,
/// a copyright notice) even when no cue table knows its wording.
const V2: &str = r#"
CREATE TABLE site_lines (
    site        TEXT NOT NULL,
    fingerprint INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    PRIMARY KEY (site, fingerprint)
) WITHOUT ROWID;
"#;

/// Event clustering: the document vector each article was clustered with (so a restart replays the
/// same decisions without the encoder), the decision log, and the user's corrections.
const V3: &str = r#"
CREATE TABLE article_vectors (
    seq    INTEGER PRIMARY KEY REFERENCES articles(seq),
    vector BLOB NOT NULL
);

CREATE TABLE event_log (
    id      INTEGER PRIMARY KEY,
    arrival INTEGER NOT NULL,
    json    TEXT NOT NULL
);
CREATE INDEX event_log_arrival ON event_log(arrival);

CREATE TABLE event_corrections (
    id        INTEGER PRIMARY KEY,
    after_seq INTEGER NOT NULL,
    json      TEXT NOT NULL,
    made      TEXT NOT NULL
);
"#;

/// The members of closed events, and later the events themselves once they fall behind the
/// storyline window, handed over by the clusterer so that its memory does not grow with every
/// article ever placed. Rows are written once per hand-over (`archive`, the clusterer's number
/// for it) and never updated: an event corrected after its hand-over is handed over again under a new
/// number, and the event records which number holds its members, so an older snapshot still finds
/// the rows it refers to.
const V4: &str = r#"
CREATE TABLE event_members (
    archive    INTEGER NOT NULL,
    event_id   INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    score      REAL NOT NULL,
    language   TEXT NOT NULL,
    title      TEXT,
    PRIMARY KEY (archive, event_id, position)
) WITHOUT ROWID;
CREATE INDEX event_members_article ON event_members(article_id);

-- Events that fell behind the storyline window, handed over whole (JSON) under their own hand-over
-- number, with the entities they name, for the pages that look events up by entity.
CREATE TABLE archived_events (
    archive  INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    json     TEXT NOT NULL,
    PRIMARY KEY (archive, event_id)
) WITHOUT ROWID;

CREATE TABLE archived_event_entities (
    entity   TEXT NOT NULL,
    archive  INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (entity, archive, event_id)
) WITHOUT ROWID;
CREATE INDEX archived_event_entities_event ON archived_event_entities(archive, event_id);
"#;
