//! The event stage: the single owner of the online clusterer (crate `cluster`) during ingest, its
//! snapshot in the data directory, and the user's corrections.
//!
//! The store is the source of truth, as for copies: it keeps every article with the document vector
//! it was clustered with, the decision log and the corrections. The clusterer is saved at the end of
//! each run with the insertion number of the last article it covers; on the next start the articles
//! stored after that (by a killed run) are placed again in insertion order, with the corrections made
//! in between applied where they were made. Placing is deterministic, so the result is the one an
//! uninterrupted run gives.
//!
//! What no decision reads again leaves the clusterer for the store, so memory follows the time
//! windows, not the stream: the members of a closed event, and later the whole record of an event
//! behind the storyline window. Each hand-over has a number, and what the snapshot refers to is
//! found by it; rows are never updated. A restart from an older snapshot deletes the hand-overs
//! made after it (they are made again), and rows that a correction superseded are deleted one save
//! later, when no snapshot on disk can refer to them.

use anyhow::Context;
use cluster::{ArticleFeatures, ClusterConfig, Clusterer, Event, Member};
use model::{Article, PartialDate};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use store::{ArchivedEventRecord, ArchivedMember, Store};

/// The snapshot's file name inside the data directory.
pub const SNAPSHOT_FILE: &str = "events.json";

/// The layout of the snapshot and of the features it holds. A snapshot of another format (an older
/// release) is not read: the events are rebuilt from the store, which holds everything they come from.
pub const SNAPSHOT_FORMAT: u32 = 2;

/// A correction by the user, as stored and replayed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// Move an article to an event (or to a new event of its own).
    Move {
        /// The article's id.
        article: String,
        /// The target event; none for a new event.
        to: Option<u32>,
    },
    /// Merge two events.
    Merge {
        /// One event.
        a: u32,
        /// The other event.
        b: u32,
    },
    /// Split articles out of an event into a new one.
    Split {
        /// The event.
        event: u32,
        /// The articles to take out.
        articles: Vec<String>,
    },
}

/// Whether opening the stage may write to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replay {
    /// The owner of the store's event tables: logs, hands over, truncates what it makes again.
    Writing,
    /// A reader: places the articles after the snapshot in memory only.
    Reading,
}

/// The clusterer with the insertion number of the last stored article and the last correction it covers.
#[derive(Serialize, Deserialize)]
pub struct EventStage {
    /// [`SNAPSHOT_FORMAT`] when written; snapshots from before the field read as 0.
    #[serde(default)]
    format: u32,
    covered_seq: u64,
    corrections_applied: u64,
    clusterer: Clusterer,
    /// Resolves names one article cannot (a bare family name) against those seen before.
    entities: text::entities::EntityRegistry,
    /// Hand-overs of members (number, event) that no event of this snapshot refers to any more (a
    /// correction took the members back): their rows are deleted at the next save, once a snapshot
    /// that does not need them is on disk.
    #[serde(default)]
    superseded: Vec<(u64, u32)>,
    /// Hand-overs superseded since the last save: the snapshot on disk may still refer to them.
    #[serde(skip)]
    superseded_since_save: Vec<(u64, u32)>,
}

/// Bytes per stored vector component: vectors are kept as signed bytes with one scale per vector.
pub fn quantize(v: &[f32]) -> Vec<u8> {
    let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut out = Vec::with_capacity(4 + v.len());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend(v.iter().map(|x| ((x / scale).round().clamp(-127.0, 127.0) as i8) as u8));
    out
}

/// The vector a stored byte string stands for (see [`quantize`]).
pub fn dequantize(bytes: &[u8]) -> Option<Vec<f32>> {
    let scale = f32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    Some(bytes[4..].iter().map(|b| (*b as i8) as f32 * scale).collect())
}

/// The date an article is mainly about, from its event dates and publication date.
pub fn main_event_date(article: &Article) -> Option<PartialDate> {
    text::dates::main_event_date(&article.event_dates, article.published)
}

/// The features the clusterer sees for a stored article and its stored vector bytes.
pub fn features_of(article: &Article, vector: Option<&[u8]>) -> ArticleFeatures {
    let mut features = text_features(article, vector);
    add_entities(&mut features, &article.entities);
    features
}

/// The features the article's text gives without state across articles (dates, recaps, key terms,
/// vector; no entities): what the parallel text stage builds, so the single owner of the clusterer
/// only resolves names and adds them ([`EventStage::assign_prepared`]).
pub fn text_features(article: &Article, vector: Option<&[u8]>) -> ArticleFeatures {
    let mut features =
        ArticleFeatures::from_text(article, main_event_date(article), vector.and_then(dequantize));
    let mut days: Vec<i32> = article
        .event_dates
        .iter()
        .filter(|d| text::dates::is_recap(d))
        .filter_map(|d| cluster::features::day_or_month(Some(&d.date)).0)
        .collect();
    days.sort_unstable();
    days.dedup();
    features.recap_days = days;
    if article.published.is_none() {
        features.yearless_recaps = text::dates::yearless_recaps(&article.blocks, &article.language);
    }
    features
}

/// Sets the entity fields of [`text_features`] from (resolved) mentions, with what contains the
/// first place.
pub fn add_entities(features: &mut ArticleFeatures, mentions: &[model::EntityMention]) {
    features.set_entities(mentions);
    if let Some(place) = features.places.first() {
        features.place_scope = text::entities::Gazetteer::global().place_scope(place);
    }
}

/// [`features_of`] after resolving the article's names against those seen before (the registry
/// learns from this article too): what the event stage gives the clusterer.
pub fn resolved_features(
    registry: &mut text::entities::EntityRegistry,
    article: &Article,
    vector: Option<&[u8]>,
) -> ArticleFeatures {
    resolve_into(registry, article, text_features(article, vector))
}

/// Adds the article's resolved names to its [`text_features`] (the registry learns from it too).
fn resolve_into(
    registry: &mut text::entities::EntityRegistry,
    article: &Article,
    mut features: ArticleFeatures,
) -> ArticleFeatures {
    let mut mentions = article.entities.clone();
    registry.resolve(&mut mentions);
    add_entities(&mut features, &mentions);
    // The copy stage places the article after its text features were built.
    features.copy_group = article.copy_group;
    features
}

impl EventStage {
    /// Loads the snapshot of `data_dir` (or starts empty with `config`) and places the articles stored
    /// after it, applying the corrections made in between.
    pub fn open(data_dir: &Path, store: &mut dyn Store, config: ClusterConfig) -> anyhow::Result<Self> {
        Self::open_with(data_dir, store, config, Replay::Writing)
    }

    /// [`EventStage::open`] for a command that only reads (a listing, a story): the articles stored
    /// after the snapshot are placed in memory, but nothing is written to the store — no decision
    /// log, no hand-over, no truncation of what a writer made after the snapshot, which may be
    /// running (`serve`) and refer to it. Only a snapshot of an older format is rebuilt and saved,
    /// once, as by `open`.
    pub fn open_for_reading(
        data_dir: &Path,
        store: &mut dyn Store,
        config: ClusterConfig,
    ) -> anyhow::Result<Self> {
        Self::open_with(data_dir, store, config, Replay::Reading)
    }

    fn open_with(
        data_dir: &Path,
        store: &mut dyn Store,
        config: ClusterConfig,
        mode: Replay,
    ) -> anyhow::Result<Self> {
        let path = snapshot_path(data_dir);
        let fresh = |config: ClusterConfig| EventStage {
            format: SNAPSHOT_FORMAT,
            covered_seq: 0,
            corrections_applied: 0,
            clusterer: Clusterer::new(config),
            entities: Default::default(),
            superseded: Vec::new(),
            superseded_since_save: Vec::new(),
        };
        let mut stage = match std::fs::File::open(&path) {
            Ok(file) => {
                let damaged = || {
                    format!(
                        "the event snapshot {} is damaged; delete it and it is rebuilt from the store",
                        path.display()
                    )
                };
                let value: serde_json::Value =
                    serde_json::from_reader(std::io::BufReader::new(file)).with_context(damaged)?;
                let format = value.get("format").and_then(|f| f.as_u64()).unwrap_or(0);
                if format != u64::from(SNAPSHOT_FORMAT) {
                    eprintln!(
                        "note: the event snapshot {} is of an older format ({format}, now {SNAPSHOT_FORMAT}); \
                         the events are rebuilt from the store",
                        path.display()
                    );
                    // Saved at once, so read-only commands do not rebuild again each time.
                    let mut stage = Self::replay(fresh(config), store, Replay::Writing)?;
                    stage.save(data_dir, store)?;
                    return Ok(stage);
                }
                let stage: EventStage = serde_json::from_value(value).with_context(damaged)?;
                if stage.clusterer.config() == &config {
                    stage
                } else {
                    // New weights: the events are rebuilt with them, from the store.
                    fresh(config)
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => fresh(config),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        if stage.covered_seq > store.last_seq()? {
            stage = fresh(stage.clusterer.config().clone());
        }
        Self::replay(stage, store, mode)
    }

    /// Places the articles stored after the stage's last covered one, with the corrections made in
    /// between applied where they were made.
    fn replay(mut stage: EventStage, store: &mut dyn Store, mode: Replay) -> anyhow::Result<Self> {
        if mode == Replay::Writing {
            store.truncate_event_log(stage.clusterer.arrivals())?;
            // Hand-overs after the snapshot's last were made by a run that did not save (killed):
            // the articles they came from are placed again below.
            store.truncate_archives(stage.clusterer.archives())?;
        }
        let corrections = store.corrections()?;
        let mut pending: Vec<(u64, u64, Correction)> = Vec::new();
        for (id, after, json) in corrections {
            if id > stage.corrections_applied {
                let c: Correction = serde_json::from_str(&json)
                    .with_context(|| format!("correction {id} in the store cannot be read"))?;
                pending.push((id, after, c));
            }
        }
        let mut pending = pending.into_iter().peekable();
        // Replayed one article at a time as the store hands them out, so a replay of the whole store
        // (no snapshot) holds one article in memory, not all of them.
        let mut failed: Option<anyhow::Error> = None;
        let reader: &dyn Store = store;
        reader.for_each_article_after(stage.covered_seq, &mut |seq, article| {
            if failed.is_some() {
                return Ok(());
            }
            while let Some((id, _, c)) = pending.next_if(|(_, after, _)| *after < seq) {
                if let Err(e) = stage.apply(reader, &c) {
                    failed = Some(e);
                    return Ok(());
                }
                stage.corrections_applied = id;
            }
            let vector = reader.vector(&article.id.0)?;
            stage.assign(&article, vector.as_deref());
            stage.covered_seq = seq;
            Ok(())
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        for (id, _, c) in pending {
            stage.apply(store, &c)?;
            stage.corrections_applied = id;
        }
        match mode {
            Replay::Writing => stage.flush_log(store)?,
            Replay::Reading => drop(stage.clusterer.take_log()),
        }
        Ok(stage)
    }

    /// The clusterer, for listings.
    pub fn clusterer(&self) -> &Clusterer {
        &self.clusterer
    }

    /// Places a newly stored article; `vector` is the stored bytes of its vector.
    pub fn assign(&mut self, article: &Article, vector: Option<&[u8]>) -> cluster::Assignment {
        self.assign_prepared(article, text_features(article, vector))
    }

    /// [`EventStage::assign`] with the article's [`text_features`] already built (by the parallel
    /// text stage, from the article as stored and its stored vector): only its names are resolved
    /// here. The same decision as `assign`.
    pub fn assign_prepared(&mut self, article: &Article, prepared: ArticleFeatures) -> cluster::Assignment {
        let features = resolve_into(&mut self.entities, article, prepared);
        self.clusterer.add(features)
    }

    /// Records that every article up to insertion number `seq` has been placed.
    pub fn mark_covered(&mut self, seq: u64) {
        self.covered_seq = self.covered_seq.max(seq);
    }

    /// Writes the decisions logged since the last call into the store, and hands it the members of
    /// the events closed since: the clusterer then holds the members of the time window's events
    /// only, and its memory does not grow with every article ever placed.
    pub fn flush_log(&mut self, store: &mut dyn Store) -> anyhow::Result<()> {
        self.hand_over_closed(store)?;
        let entries: Vec<(u64, String)> = self
            .clusterer
            .take_log()
            .into_iter()
            .map(|e| Ok((e.arrival, serde_json::to_string(&e)?)))
            .collect::<Result<_, serde_json::Error>>()?;
        if !entries.is_empty() {
            store.append_event_log(&entries)?;
        }
        Ok(())
    }

    /// Records a correction in the store, applies it, and logs it.
    pub fn correct(&mut self, store: &mut dyn Store, correction: Correction) -> anyhow::Result<u32> {
        let event = self.apply(store, &correction)?;
        let id = store.add_correction(self.covered_seq, &serde_json::to_string(&correction)?)?;
        self.corrections_applied = id;
        self.flush_log(store)?;
        Ok(event)
    }

    /// Moves what the clusterer handed over since the last call into the store ([`hand_over`]).
    fn hand_over_closed(&mut self, store: &mut dyn Store) -> anyhow::Result<()> {
        hand_over(&mut self.clusterer, store).map(|_| ())
    }

    /// Gives a handed-over event back to the clusterer from the store, record and members, so a
    /// correction can change it.
    fn bring_back(&mut self, store: &dyn Store, event: u32) -> anyhow::Result<()> {
        let lost = |what: &str, archive: u64| {
            format!(
                "the store has lost the {what} of event {event} (hand-over {archive}); delete {SNAPSHOT_FILE} \
                 in the data directory and the events are rebuilt from the articles"
            )
        };
        if let Some(archived) = self.clusterer.archived_event(event) {
            let json = store
                .archived_event(archived.event, event)?
                .with_context(|| lost("record", archived.event))?;
            let record: Event =
                serde_json::from_str(&json).with_context(|| lost("record", archived.event))?;
            let superseded = self.clusterer.restore_event(record)?;
            self.superseded_since_save.push((superseded, event));
        }
        let Some(archive) = self.clusterer.event(event).and_then(|e| e.archive) else { return Ok(()) };
        let members = store.archived_members(archive, event)?;
        anyhow::ensure!(!members.is_empty(), lost("members", archive));
        let members = members.into_iter().map(cluster_member).collect();
        let superseded = self.clusterer.restore_members(event, members)?;
        self.superseded_since_save.push((superseded, event));
        Ok(())
    }

    fn apply(&mut self, store: &dyn Store, correction: &Correction) -> anyhow::Result<u32> {
        let involved = match correction {
            Correction::Move { article, to } => {
                let from = event_of(&self.clusterer, store, article)?;
                from.into_iter().chain(*to).collect()
            }
            Correction::Merge { a, b } => vec![*a, *b],
            Correction::Split { event, .. } => vec![*event],
        };
        for event in involved {
            self.bring_back(store, event)?;
        }
        let mut lookup = |id: &str| -> Option<ArticleFeatures> {
            let article = store.article(id).ok()??;
            let vector = store.vector(&article.id.0).ok()?;
            Some(features_of(&article, vector.as_deref()))
        };
        let event = match correction {
            Correction::Move { article, to } => self.clusterer.move_article(article, *to, &mut lookup)?,
            Correction::Merge { a, b } => self.clusterer.merge_events(*a, *b)?,
            Correction::Split { event, articles } => {
                self.clusterer.split_event(*event, articles, &mut lookup)?
            }
        };
        Ok(event)
    }

    /// Writes the snapshot (call after the run's last batch). Written to a temporary file and renamed,
    /// so a kill leaves the old snapshot or the new one.
    pub fn save(&mut self, data_dir: &Path, store: &mut dyn Store) -> anyhow::Result<()> {
        self.flush_log(store)?;
        // Superseded before the snapshot on disk was written: neither it nor this one needs them.
        if !self.superseded.is_empty() {
            store.delete_archives(&self.superseded)?;
        }
        self.superseded = std::mem::take(&mut self.superseded_since_save);
        crate::snapshot::write_json_atomically(&snapshot_path(data_dir), self)
    }
}

fn snapshot_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SNAPSHOT_FILE)
}

fn archived_member(m: &Member) -> ArchivedMember {
    ArchivedMember {
        article_id: m.article.clone(),
        score: m.score,
        language: m.language.clone(),
        title: m.title.clone(),
    }
}

fn cluster_member(m: ArchivedMember) -> Member {
    Member::record(m.article_id, m.score, m.language, m.title)
}

/// What one [`hand_over`] moved into the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HandOverCounts {
    /// Closed events whose members went.
    pub member_lists: usize,
    /// Their members.
    pub members: usize,
    /// Events behind the storyline window that went whole.
    pub events: usize,
}

/// Moves the members of the events closed since the last call into the store, then the events that
/// fell behind the storyline window since, whole: what the event stage does at every flush. A write
/// that fails leaves them in the clusterer, to be handed over next time.
pub fn hand_over(clusterer: &mut Clusterer, store: &mut dyn Store) -> anyhow::Result<HandOverCounts> {
    let mut counts = HandOverCounts::default();
    let handed = clusterer.take_closed_members();
    if !handed.events.is_empty() {
        let rows: Vec<(u32, Vec<ArchivedMember>)> = handed
            .events
            .iter()
            .map(|(event, members)| (*event, members.iter().map(archived_member).collect()))
            .collect();
        if let Err(e) = store.put_archived_members(handed.archive, &rows) {
            for (event, members) in handed.events {
                clusterer.restore_members(event, members)?;
            }
            return Err(e).context("cannot keep the members of closed events in the store");
        }
        counts.member_lists = rows.len();
        counts.members = rows.iter().map(|(_, m)| m.len()).sum();
    }
    let handed = clusterer.take_compacted_events();
    if !handed.events.is_empty() {
        let records = handed
            .events
            .iter()
            .map(|event| {
                Ok(ArchivedEventRecord {
                    event_id: event.id,
                    json: serde_json::to_string(event)?,
                    entities: event
                        .profile
                        .entities
                        .iter()
                        .filter(|(_, n)| **n > 0.0)
                        .map(|(id, _)| id.to_string())
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, serde_json::Error>>();
        let written = records.map_err(anyhow::Error::from).and_then(|records| {
            store.put_archived_events(handed.archive, &records).map_err(anyhow::Error::from)
        });
        if let Err(e) = written {
            for event in handed.events {
                clusterer.restore_event(event)?;
            }
            return Err(e).context("cannot keep the events behind the storyline window in the store");
        }
        counts.events = handed.events.len();
    }
    Ok(counts)
}

/// The members of an event, in the order they joined: the clusterer's while it holds them, else
/// those it handed over to the store when the event closed.
pub fn members_of<'a>(event: &'a Event, store: &dyn Store) -> anyhow::Result<Cow<'a, [Member]>> {
    match event.archive {
        None => Ok(Cow::Borrowed(&event.members)),
        Some(archive) => {
            let members = store.archived_members(archive, event.id)?;
            Ok(Cow::Owned(members.into_iter().map(cluster_member).collect()))
        }
    }
}

/// The event that holds an article now: the clusterer's, else the one whose handed-over members in
/// the store it is among (an article handed over with an event a correction changed since has older
/// rows too; the event's own hand-over number tells which rows are current).
pub fn event_of(clusterer: &Clusterer, store: &dyn Store, article: &str) -> anyhow::Result<Option<u32>> {
    if let Some(event) = clusterer.event_of(article) {
        return Ok(Some(event));
    }
    let rows = store.archived_events_of(article)?;
    Ok(rows
        .into_iter()
        .rev()
        .find(|(archive, event)| clusterer.members_archive(*event) == Some(*archive))
        .map(|(_, event)| event))
}

/// An event by id: the clusterer's, or the record it handed over whole to the store once the event
/// fell behind the storyline window.
pub fn find_event<'a>(
    clusterer: &'a Clusterer,
    store: &dyn Store,
    id: u32,
) -> anyhow::Result<Option<Cow<'a, Event>>> {
    if let Some(event) = clusterer.event(id) {
        return Ok(Some(Cow::Borrowed(event)));
    }
    let Some(archived) = clusterer.archived_event(id) else { return Ok(None) };
    let json = store.archived_event(archived.event, id)?.with_context(|| {
        format!("the store has lost the record of event {id} (hand-over {})", archived.event)
    })?;
    Ok(Some(Cow::Owned(
        serde_json::from_str(&json).with_context(|| format!("event {id} in the store cannot be read"))?,
    )))
}

/// Every event, oldest first: the clusterer's and those it handed over whole (read from the store
/// in one pass).
pub fn all_events<'a>(clusterer: &'a Clusterer, store: &dyn Store) -> anyhow::Result<Vec<Cow<'a, Event>>> {
    let mut out: Vec<Cow<'a, Event>> = clusterer.events().map(Cow::Borrowed).collect();
    if !clusterer.archived_events().is_empty() {
        let mut bad = None;
        store.for_each_archived_event(&mut |archive, event, json| {
            if clusterer.archived_event(event).is_some_and(|a| a.event == archive) {
                match serde_json::from_str::<Event>(&json) {
                    Ok(e) => out.push(Cow::Owned(e)),
                    Err(e) => bad = Some((event, e)),
                }
            }
            Ok(())
        })?;
        if let Some((event, e)) = bad {
            return Err(e).with_context(|| format!("event {event} in the store cannot be read"));
        }
        out.sort_by_key(|e| e.id);
    }
    Ok(out)
}

/// The ids of the events whose articles name an entity, oldest first, wherever they are kept (no
/// record is read from the store: its entity index answers for the events handed over whole).
pub fn event_ids_with_entity(
    clusterer: &Clusterer,
    store: &dyn Store,
    entity: &str,
) -> anyhow::Result<Vec<u32>> {
    let mut ids: Vec<u32> = clusterer
        .events()
        .filter(|e| e.profile.entities.get(entity).is_some_and(|w| *w > 0.0))
        .map(|e| e.id)
        .collect();
    for (archive, event) in store.archived_events_with_entity(entity)? {
        if clusterer.archived_event(event).is_some_and(|a| a.event == archive) {
            ids.push(event);
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// The events whose articles name an entity, oldest first, wherever they are kept.
pub fn events_with_entity<'a>(
    clusterer: &'a Clusterer,
    store: &dyn Store,
    entity: &str,
) -> anyhow::Result<Vec<Cow<'a, Event>>> {
    let mut out = Vec::new();
    for id in event_ids_with_entity(clusterer, store, entity)? {
        out.extend(find_event(clusterer, store, id)?);
    }
    Ok(out)
}

/// The members of the event with this id, wherever they are kept ([`members_of`] without reading the
/// record of an event handed over whole).
pub fn members_of_id<'a>(
    clusterer: &'a Clusterer,
    store: &dyn Store,
    id: u32,
) -> anyhow::Result<Cow<'a, [Member]>> {
    if let Some(event) = clusterer.event(id) {
        return members_of(event, store);
    }
    let Some(archive) = clusterer.members_archive(id) else { return Ok(Cow::Borrowed(&[])) };
    let members = store.archived_members(archive, id)?;
    Ok(Cow::Owned(members.into_iter().map(cluster_member).collect()))
}

/// The events of a storyline, oldest first, wherever they are kept.
pub fn storyline_events<'a>(
    clusterer: &'a Clusterer,
    store: &dyn Store,
    storyline: u32,
) -> anyhow::Result<Vec<Cow<'a, Event>>> {
    let mut out: Vec<Cow<'a, Event>> =
        clusterer.events().filter(|e| clusterer.storyline_of(e.id) == storyline).map(Cow::Borrowed).collect();
    for &id in clusterer.archived_events().keys() {
        if clusterer.storyline_of(id) == storyline {
            out.extend(find_event(clusterer, store, id)?);
        }
    }
    out.sort_by_key(|e| e.id);
    Ok(out)
}

/// The handed-over members of every event, read from the store in one pass: what listings of all
/// events use instead of one query per event.
#[derive(Debug, Default)]
pub struct ArchivedMembers {
    by_event: HashMap<u32, Vec<Member>>,
}

impl ArchivedMembers {
    /// Reads the rows the clusterer's events refer to (older hand-overs of corrected events are
    /// passed over).
    pub fn load(clusterer: &Clusterer, store: &dyn Store) -> anyhow::Result<Self> {
        let mut by_event: HashMap<u32, Vec<Member>> = HashMap::new();
        store.for_each_archived_member(&mut |archive, event, member| {
            if clusterer.members_archive(event) == Some(archive) {
                by_event.entry(event).or_default().push(cluster_member(member));
            }
            Ok(())
        })?;
        Ok(ArchivedMembers { by_event })
    }

    /// The members of an event (see [`members_of`]).
    pub fn of<'a>(&'a self, event: &'a Event) -> &'a [Member] {
        match event.archive {
            None => &event.members,
            Some(_) => self.by_event.get(&event.id).map_or(&[], Vec::as_slice),
        }
    }
}

/// One event as listed by `storyweave events` and the API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    /// The event's id.
    pub id: u32,
    /// A headline of one of its articles (the first that has one).
    pub title: Option<String>,
    /// The day (or month) its articles place it on.
    pub date: Option<String>,
    /// The place most of its articles name first (a city; else the most named country).
    pub place: Option<String>,
    /// The storyline it belongs to (the id of the storyline's oldest event).
    pub storyline_id: u32,
    /// The languages of its articles.
    pub languages: Vec<String>,
    /// Its articles with the score each joined with.
    pub articles: Vec<EventMemberView>,
}

/// One article of a listed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMemberView {
    /// The article's id.
    pub id: String,
    /// The probability it joined with (1 for the article that opened the event or a user's move).
    pub score: f32,
}

/// One storyline as listed by `storyweave storylines`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorylineView {
    /// The storyline's id (its oldest event).
    pub id: u32,
    /// The title of its biggest event.
    pub title: Option<String>,
    /// Its events in date order.
    pub events: Vec<u32>,
    /// Articles over all its events.
    pub articles: usize,
    /// The earliest and latest event dates.
    pub first_date: Option<String>,
    /// The latest event date.
    pub last_date: Option<String>,
    /// The languages of its articles.
    pub languages: Vec<String>,
}

fn format_day(day: i32) -> String {
    let (y, m, d) = cluster::features::civil_from_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The listing view of one event with its members ([`members_of`]).
pub fn event_view(clusterer: &Clusterer, event: &Event, members: &[Member]) -> EventView {
    let profile = &event.profile;
    let date = profile.reference_day().map(format_day).or_else(|| {
        profile.reference_month().map(|m| format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1))
    });
    let place = profile.main_place().map(str::to_string).or_else(|| {
        let mut best: Option<(&str, f32)> = None;
        for (id, &n) in profile.entities.iter().filter(|(id, _)| id.starts_with("country:")) {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((id.as_str(), n));
            }
        }
        best.map(|(id, _)| id.to_string())
    });
    let place = place.map(|id| clusterer.name_of(&id).map(str::to_string).unwrap_or(id));
    EventView {
        id: event.id,
        title: members.iter().find_map(|m| m.title.clone()),
        date,
        place,
        storyline_id: clusterer.storyline_of(event.id),
        languages: profile.languages.keys().map(|l| l.to_string()).collect(),
        articles: members
            .iter()
            .map(|m| EventMemberView { id: m.article.clone(), score: (m.score * 1000.0).round() / 1000.0 })
            .collect(),
    }
}

/// Every event's view, oldest first.
pub fn event_views(clusterer: &Clusterer, store: &dyn Store) -> anyhow::Result<Vec<EventView>> {
    let archived = ArchivedMembers::load(clusterer, store)?;
    Ok(all_events(clusterer, store)?.iter().map(|e| event_view(clusterer, e, archived.of(e))).collect())
}

/// Every storyline's view, oldest first.
pub fn storyline_views(clusterer: &Clusterer, store: &dyn Store) -> anyhow::Result<Vec<StorylineView>> {
    let mut by_storyline: std::collections::BTreeMap<u32, Vec<EventView>> = Default::default();
    for view in event_views(clusterer, store)? {
        by_storyline.entry(view.storyline_id).or_default().push(view);
    }
    Ok(by_storyline
        .into_iter()
        .map(|(id, mut events)| {
            events.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
            let biggest = events.iter().max_by_key(|e| (e.articles.len(), std::cmp::Reverse(e.id)));
            let mut languages: Vec<String> = events.iter().flat_map(|e| e.languages.clone()).collect();
            languages.sort();
            languages.dedup();
            let dates: Vec<&String> = events.iter().filter_map(|e| e.date.as_ref()).collect();
            StorylineView {
                id,
                title: biggest.and_then(|e| e.title.clone()),
                first_date: dates.iter().min().map(|d| d.to_string()),
                last_date: dates.iter().max().map(|d| d.to_string()),
                articles: events.iter().map(|e| e.articles.len()).sum(),
                events: events.iter().map(|e| e.id).collect(),
                languages,
            }
        })
        .collect())
}
