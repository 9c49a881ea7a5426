//! The writer thread: the single owner of the store's writer connection, the copy index and (for
//! writing) the event stage. Handlers send it jobs through a bounded queue; it takes every job waiting
//! at once (group commit), runs them through the ingest pipeline's stages as one transaction, answers
//! each job with its own articles, and tells the stream what changed.

use super::error::ApiError;
use super::state::{AppState, EventSummary};
use super::stream::{ArticleNotice, StreamMessage};
use crate::copies::CopyStage;
use crate::pipeline::{prepare_documents, store_prepared, DocumentOutcome};
use crate::{IngestOptions, RunReport};
use model::RawDocument;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{SqliteStore, Store};
use tokio::sync::{mpsc, oneshot};

/// Documents a single group commit holds at most, so one transaction stays short.
const MAX_GROUP_DOCUMENTS: usize = 2000;
/// How often the copy and event snapshots are written while writes come in. Writing them takes
/// seconds on a large store and stops writes meanwhile; what they miss is replayed from the store.
const SNAPSHOT_EVERY: Duration = Duration::from_secs(300);

/// Where the writer sends a job's answer.
pub type Reply = oneshot::Sender<Result<WriteResult, ApiError>>;

/// A request to the writer thread.
pub enum WriteJob {
    /// Store these documents and answer with what became of them.
    Ingest {
        /// The documents, in request order.
        docs: Vec<RawDocument>,
        /// Where the answer goes.
        reply: Reply,
    },
    /// Save the snapshots, finish the run and stop.
    Shutdown,
}

/// One posted document's fate, with the event its article is in.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleResult {
    /// What the pipeline made of it.
    #[serde(flatten)]
    pub outcome: DocumentOutcome,
    /// The event the article is in (for a new article, the one it joined or opened).
    pub event: Option<u32>,
    /// Whether this write opened that event.
    pub new_event: bool,
}

/// The answer to a write.
#[derive(Debug, Clone, Serialize)]
pub struct WriteResult {
    /// One entry per posted document, in order.
    pub articles: Vec<ArticleResult>,
    /// The events the posted articles are in, ascending.
    pub events: Vec<u32>,
}

/// The writer's own state: what it alone touches.
pub struct Writer {
    data: PathBuf,
    store: SqliteStore,
    copies: CopyStage,
    run: store::RunId,
    total: RunReport,
    dirty: bool,
    last_snapshot: Instant,
}

impl Writer {
    /// Takes the opened store and copy stage; begins the server's run.
    pub fn new(data: PathBuf, mut store: SqliteStore, copies: CopyStage, addr: &str) -> anyhow::Result<Self> {
        let run = store.begin_run(&format!("serve {addr}"))?;
        Ok(Writer {
            data,
            store,
            copies,
            run,
            total: RunReport::default(),
            dirty: false,
            last_snapshot: Instant::now(),
        })
    }

    /// Serves jobs until a `Shutdown` job or until every sender is gone.
    pub fn run(mut self, mut jobs: mpsc::Receiver<WriteJob>, state: Arc<AppState>) {
        while let Some(job) = jobs.blocking_recv() {
            let mut batch = Vec::new();
            let mut stop = false;
            let mut queued = 0usize;
            let mut next = Some(job);
            while let Some(job) = next.take() {
                match job {
                    WriteJob::Ingest { docs, reply } => {
                        queued += docs.len();
                        batch.push((docs, reply));
                    }
                    WriteJob::Shutdown => stop = true,
                }
                if !stop && queued < MAX_GROUP_DOCUMENTS {
                    next = jobs.try_recv().ok();
                }
            }
            if !batch.is_empty() {
                self.commit(batch, &state);
            }
            if stop {
                break;
            }
            if self.dirty && self.last_snapshot.elapsed() >= SNAPSHOT_EVERY {
                self.snapshot(&state);
            }
        }
        self.snapshot(&state);
        self.total.seconds = None;
        if let Ok(report) = serde_json::to_value(&self.total) {
            if let Err(e) = self.store.finish_run(self.run, &report) {
                eprintln!("serve: cannot record the end of the run: {e}");
            }
        }
    }

    fn snapshot(&mut self, state: &AppState) {
        if !self.dirty {
            return;
        }
        let saved = self.copies.save(&self.data, &self.store).and_then(|_| {
            let mut events = state.events.write().unwrap_or_else(|p| p.into_inner());
            events.save(&self.data, &mut self.store)
        });
        match saved {
            Ok(()) => {
                self.dirty = false;
                self.last_snapshot = Instant::now();
            }
            Err(e) => eprintln!("serve: cannot write the snapshots: {e:#}"),
        }
    }

    /// Stores the documents of several jobs as one transaction and answers each job.
    fn commit(&mut self, batch: Vec<(Vec<RawDocument>, Reply)>, state: &AppState) {
        let sizes: Vec<usize> = batch.iter().map(|(docs, _)| docs.len()).collect();
        let (docs, replies): (Vec<Vec<RawDocument>>, Vec<_>) = batch.into_iter().unzip();
        let docs: Vec<RawDocument> = docs.into_iter().flatten().collect();
        // The text stage and the encoder hold no lock: readers go on while the batch is analyzed.
        let embedder = state.embedder.as_deref().map(|m| m as &dyn embed::Embedder);
        let prepared = prepare_documents(docs, &self.copies.fingerprinter(), embedder);
        let options =
            IngestOptions { batch_size: prepared.len().max(1), progress: false, max_printed_skips: 0 };
        let stored = {
            let mut events = state.events.write().unwrap_or_else(|p| p.into_inner());
            let clusterer = events.clusterer();
            // An event handed over whole may be newer than every held one (dated long ago, it fell
            // behind the storyline window at once).
            let newest_held = clusterer.events().next_back().map(|e| e.id);
            let newest_before =
                newest_held.max(clusterer.archived_events().keys().next_back().copied()).unwrap_or(0);
            store_prepared(prepared, &mut self.store, &mut self.copies, Some(&mut events), self.run, &options)
                .and_then(|(report, outcomes)| {
                    let clusterer = events.clusterer();
                    let store: &dyn store::Store = &self.store;
                    let mut results: Vec<ArticleResult> = Vec::with_capacity(outcomes.len());
                    for outcome in outcomes {
                        let event = match outcome.article_id.as_deref() {
                            Some(id) => crate::events::event_of(clusterer, store, id)?,
                            None => None,
                        };
                        let new_event =
                            outcome.status == "stored" && event.is_some_and(|e| e > newest_before);
                        results.push(ArticleResult { outcome, event, new_event });
                    }
                    let touched: BTreeSet<u32> = results
                        .iter()
                        .filter(|r| r.outcome.status == "stored")
                        .filter_map(|r| r.event)
                        .collect();
                    let mut summaries: Vec<(bool, EventSummary)> = Vec::with_capacity(touched.len());
                    for id in &touched {
                        let Some(e) = crate::events::find_event(clusterer, store, *id)? else { continue };
                        let members = crate::events::members_of(&e, store)?;
                        summaries.push((e.id > newest_before, EventSummary::of(clusterer, &e, &members)));
                    }
                    Ok((report, results, summaries))
                })
        };
        match stored {
            Ok((report, results, summaries)) => {
                if report.stored > 0 {
                    self.dirty = true;
                    let generation = state.generation.fetch_add(1, Ordering::AcqRel) + 1;
                    let events: Vec<u32> = summaries.iter().map(|(_, s)| s.id).collect();
                    let storylines: Vec<u32> = summaries.iter().map(|(_, s)| s.storyline_id).collect();
                    state.mark_touched(&events, &storylines, generation);
                }
                self.total.read += report.read;
                self.total.stored += report.stored;
                self.total.already_present += report.already_present;
                self.total.skipped += report.skipped;
                self.total.events_opened += report.events_opened;
                self.notify(&results, summaries, state);
                let mut rest = results.into_iter();
                for (size, reply) in sizes.into_iter().zip(replies) {
                    let articles: Vec<ArticleResult> = rest.by_ref().take(size).collect();
                    let events: BTreeSet<u32> = articles.iter().filter_map(|a| a.event).collect();
                    let _ = reply.send(Ok(WriteResult { articles, events: events.into_iter().collect() }));
                }
            }
            Err(e) => {
                let message = format!("{e:#}");
                eprintln!("serve: a write failed: {message}");
                for reply in replies {
                    let _ = reply
                        .send(Err(ApiError::Internal(format!("the store refused the write: {message}"))));
                }
            }
        }
    }

    /// Tells the stream about the stored articles and the events they opened or changed.
    fn notify(&self, results: &[ArticleResult], summaries: Vec<(bool, EventSummary)>, state: &AppState) {
        if state.stream.receiver_count() == 0 {
            return;
        }
        for r in results.iter().filter(|r| r.outcome.status == "stored") {
            let Some(id) = &r.outcome.article_id else { continue };
            let article = match self.store.article(id) {
                Ok(Some(a)) => a,
                _ => continue,
            };
            let _ = state.stream.send(StreamMessage::Article(ArticleNotice {
                id: id.clone(),
                title: article.title.clone().or_else(|| article.text.lines().next().map(|l| clip(l, 160))),
                language: article.language.clone(),
                site: article.site.clone(),
                event: r.event,
            }));
        }
        for (new, summary) in summaries {
            let _ = state.stream.send(if new {
                StreamMessage::EventNew(summary)
            } else {
                StreamMessage::EventUpdate(summary)
            });
        }
    }
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}
