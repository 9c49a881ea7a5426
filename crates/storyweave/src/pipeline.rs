//! The ingest pipeline: a reader thread, the stateless text stage in parallel over all cores, and the
//! single-owner store stage, joined by bounded channels (after vector) so memory stays flat and the
//! same input in the same order always gives the same store.

use crate::copies::{CopyStage, Fingerprinter};
use crate::events::{quantize, EventStage};
use crate::report::RunReport;
use crossbeam_channel::bounded;
use dedup::Fingerprint;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use model::{Article, RawDocument};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{PutStatus, Store};

/// How an ingest run behaves.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Articles per store transaction; a kill loses at most the batch in flight.
    pub batch_size: usize,
    /// Whether to draw a progress bar on stderr (it hides itself when stderr is not a terminal).
    pub progress: bool,
    /// How many skip messages to print as they happen; the rest are only counted and stored.
    pub max_printed_skips: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self { batch_size: 256, progress: true, max_printed_skips: 50 }
    }
}

/// An article's sentence vectors, title first, as the encoder gave them.
pub type SentenceVectors = Arc<Vec<Vec<f32>>>;

/// The stateful stages an ingest run feeds, and the encoder the text stage uses for document vectors.
pub struct Stages<'a> {
    /// The copy index (always on).
    pub copies: &'a mut CopyStage,
    /// The event clusterer, when the run places articles in events.
    pub events: Option<&'a mut EventStage>,
    /// The sentence encoder for document vectors; without it, events are judged without vectors.
    pub embedder: Option<&'a dyn embed::Embedder>,
}

/// The stages owned by the store thread.
struct StoreStages<'a> {
    copies: &'a mut CopyStage,
    events: Option<&'a mut EventStage>,
}

/// Computes each article's sentence vectors and document vector, in parallel, one encoder call per
/// article (so the vectors do not depend on how the input was split into chunks or runs). An encoder
/// error leaves that article without vectors; it is still stored.
fn embed_chunk(embedder: &dyn embed::Embedder, chunk: &mut [Analyzed]) {
    chunk.par_iter_mut().for_each(|item| {
        if let Analyzed::Article(article, _, _, _, vector, sentences, _) = item {
            let document = embed::document::article_document(article);
            if let Ok((pooled, rows)) = embed::embed_document(embedder, &document, embed::Pooling::default())
            {
                *vector = Some(quantize(&pooled));
                *sentences = Some(Arc::new(rows.rows().map(<[f32]>::to_vec).collect()));
            }
        }
    });
}

/// Builds each article's event features from its text (everything but the entities, which the
/// event stage resolves against earlier articles), in parallel: this work needs no state, so it
/// leaves the single-owner event stage.
fn prepare_event_features(chunk: &mut [Analyzed], busy_nanos: &AtomicU64) {
    chunk.par_iter_mut().for_each(|item| {
        if let Analyzed::Article(article, _, _, _, vector, _, prepared) = item {
            let t = Instant::now();
            *prepared = Some(Box::new(crate::events::text_features(article, vector.as_deref())));
            busy_nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        }
    });
}

/// One unit of the reader's output: a document or a per-file/per-record error.
enum ReadItem {
    Document(Box<RawDocument>),
    Failed { source: String, kind: &'static str, message: String },
}

/// What the text stage made of one read item.
enum Analyzed {
    /// The article, the reader's warnings, the fingerprints of its short lines, its copy fingerprint,
    /// its document vector (stored bytes), its sentence vectors (for translated copies) and its
    /// event features from the text alone (when the run places articles in events).
    Article(
        Box<Article>,
        Vec<String>,
        Vec<u64>,
        Box<Fingerprint>,
        Option<Vec<u8>>,
        Option<SentenceVectors>,
        Option<Box<cluster::ArticleFeatures>>,
    ),
    Failed {
        source: String,
        kind: &'static str,
        message: String,
    },
}

/// Reads every path (files and directories, recursively), cleans each document and stores the articles.
///
/// Bad inputs are skipped with a message naming the file and record and counted in the report; the
/// rest of the batch goes on. Each batch is one transaction, so a killed run can simply be re-run.
pub fn ingest_paths(
    paths: &[PathBuf],
    store: &mut dyn Store,
    stages: Stages<'_>,
    options: &IngestOptions,
) -> anyhow::Result<RunReport> {
    let Stages { copies, events, embedder } = stages;
    let places_events = events.is_some();
    let started = Instant::now();
    let run = store.begin_run(&format!("ingest {}", display_paths(paths)))?;
    let batch_size = options.batch_size.max(1);

    let progress = if options.progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents read · {rate} · {elapsed} {msg}")
                .expect("the progress template is valid")
                .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} documents/s", state.per_sec());
                }),
        );
        bar.enable_steady_tick(Duration::from_millis(250));
        bar
    } else {
        ProgressBar::hidden()
    };

    let (read_tx, read_rx) = bounded::<Vec<ReadItem>>(4);
    let paths_owned = paths.to_vec();
    let reader = std::thread::Builder::new().name("reader".into()).spawn(move || {
        let mut chunk = Vec::with_capacity(batch_size);
        let mut busy = Duration::ZERO;
        let mut items = ingest::read_paths(&paths_owned);
        loop {
            let t = Instant::now();
            let Some(item) = items.next() else { break };
            busy += t.elapsed();
            chunk.push(match item {
                Ok(doc) => ReadItem::Document(Box::new(doc)),
                Err(e) => {
                    ReadItem::Failed { source: e.path().to_string(), kind: e.kind(), message: e.to_string() }
                }
            });
            if chunk.len() == batch_size && read_tx.send(std::mem::take(&mut chunk)).is_err() {
                return busy;
            }
        }
        if !chunk.is_empty() {
            let _ = read_tx.send(chunk);
        }
        busy
    })?;

    // The store stage has one owner: its own thread, fed analyzed chunks through a bounded channel, so
    // storing one chunk overlaps with analyzing the next.
    let (analyzed_tx, analyzed_rx) = bounded::<Vec<Analyzed>>(2);
    let analyze_nanos = AtomicU64::new(0);
    let embed_nanos = AtomicU64::new(0);
    let fingerprinter = copies.fingerprinter();
    let (report, unprinted, store_result) = std::thread::scope(|scope| {
        let (progress, store_owner) = (&progress, &mut *store);
        let store_stage = scope.spawn(move || {
            store_chunks(analyzed_rx, store_owner, StoreStages { copies, events }, run, options, progress)
        });
        for chunk in read_rx {
            // The text stage is stateless: analyze the chunk in parallel, keeping input order.
            let analyzed: Vec<Analyzed> = chunk
                .into_par_iter()
                .map(|item| {
                    let t = Instant::now();
                    let out = analyze_item(item, &fingerprinter);
                    analyze_nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
                    out
                })
                .collect();
            let mut analyzed = analyzed;
            if let Some(embedder) = embedder {
                let t = Instant::now();
                embed_chunk(embedder, &mut analyzed);
                embed_nanos.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
            }
            if places_events {
                prepare_event_features(&mut analyzed, &analyze_nanos);
            }
            if analyzed_tx.send(analyzed).is_err() {
                break; // the store stage stopped on an error; it reports it below
            }
        }
        drop(analyzed_tx);
        store_stage.join().expect("the store stage does not panic")
    });
    progress.finish_and_clear();
    // On a store error the loops ended early; the reader then stops at its next send.
    let read_busy = reader.join().unwrap_or_default();
    let mut report = report;
    store_result?;
    report.busy_seconds.insert("read".into(), read_busy.as_secs_f64());
    report.busy_seconds.insert("analyze".into(), analyze_nanos.into_inner() as f64 / 1e9);
    if embedder.is_some() {
        report.busy_seconds.insert("embed".into(), embed_nanos.into_inner() as f64 / 1e9);
    }
    if unprinted > 0 {
        eprintln!(
            "… and {unprinted} more skips and warnings not printed (`storyweave runs` lists every skip)"
        );
    }
    report.seconds = Some(started.elapsed().as_secs_f64());
    store.finish_run(run, &serde_json::to_value(&report)?)?;
    Ok(report)
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(" ")
}

/// Prints a line above the progress bar, or plainly on stderr when there is no bar (not a terminal,
/// `--quiet`): skips must always be seen.
fn say(progress: &ProgressBar, line: String) {
    if progress.is_hidden() {
        eprintln!("{line}");
    } else {
        progress.println(line);
    }
}

fn analyze_item(item: ReadItem, fingerprinter: &Fingerprinter) -> Analyzed {
    match item {
        ReadItem::Document(doc) => match text::analyze(&doc) {
            Ok(article) => {
                let lines = text::site_repetition::candidate_fingerprints(&article);
                let copy_fingerprint = Box::new(fingerprinter.fingerprint(&article.text));
                Analyzed::Article(Box::new(article), doc.warnings, lines, copy_fingerprint, None, None, None)
            }
            Err(e) => Analyzed::Failed {
                message: format!("{}: {e}; it was skipped", doc.source),
                source: doc.source,
                kind: e.kind(),
            },
        },
        ReadItem::Failed { source, kind, message } => Analyzed::Failed { source, kind, message },
    }
}

/// The store stage: writes each analyzed chunk as one transaction and counts what happened.
/// Returns the report, how many messages were not printed, and the first store error.
fn store_chunks(
    chunks: crossbeam_channel::Receiver<Vec<Analyzed>>,
    store: &mut dyn Store,
    stages: StoreStages<'_>,
    run: store::RunId,
    options: &IngestOptions,
    progress: &ProgressBar,
) -> (RunReport, usize, anyhow::Result<()>) {
    let mut report = RunReport::default();
    let mut store_busy = Duration::ZERO;
    let mut copies_busy = Duration::ZERO;
    let mut events_busy = Duration::ZERO;
    let StoreStages { copies, mut events } = stages;
    let fingerprinter = copies.fingerprinter();
    let mut site_counts = SiteLineCounts::default();
    let (mut printed, mut unprinted) = (0usize, 0usize);
    let mut tell = |line: String| {
        if printed < options.max_printed_skips {
            say(progress, line);
            printed += 1;
        } else {
            unprinted += 1;
        }
    };
    for chunk in chunks {
        let chunk_len = chunk.len() as u64;
        let mut new_in_chunk = HashSet::new();
        let mut batch = Vec::with_capacity(chunk.len());
        let mut batch_lines = Vec::with_capacity(chunk.len());
        let mut batch_vectors = Vec::with_capacity(chunk.len());
        let mut batch_prepared = Vec::with_capacity(chunk.len());
        for item in chunk {
            match item {
                Analyzed::Article(
                    mut article,
                    warnings,
                    lines,
                    mut copy_fingerprint,
                    vector,
                    sentences,
                    mut prepared,
                ) => {
                    if let Some(site) = article.site.clone() {
                        match site_counts.get_or_load(store, &site) {
                            Ok(counts) => {
                                let count = |fp: u64| counts.get(&fp).copied().unwrap_or(0);
                                // Most articles have no repeated line: look at the blocks only if one is.
                                let any_repeated = lines
                                    .iter()
                                    .any(|fp| count(*fp) >= text::site_repetition::MIN_OTHER_ARTICLES);
                                let relabelled = if any_repeated {
                                    text::site_repetition::relabel_repeated(&mut article, &count)
                                } else {
                                    0
                                };
                                if relabelled > 0 {
                                    // The index must see the text the store keeps, as a rebuild will;
                                    // so must the event features.
                                    *copy_fingerprint = fingerprinter.fingerprint(&article.text);
                                    prepared = None;
                                }
                            }
                            Err(e) => return (report, unprinted, Err(e.into())),
                        }
                    }
                    // Only content the store does not hold yet joins the copy index, once.
                    match store.contains(&article.id.0) {
                        Ok(false) if new_in_chunk.insert(article.id.clone()) => {
                            let t = Instant::now();
                            copies.assign(&mut article, *copy_fingerprint, &*store, sentences);
                            copies_busy += t.elapsed();
                        }
                        Ok(_) => {}
                        Err(e) => return (report, unprinted, Err(e.into())),
                    }
                    report.read += 1;
                    if !warnings.is_empty() {
                        report.warnings += 1;
                        for w in warnings {
                            tell(format!("warning: {}: {w}", article.source));
                        }
                    }
                    // Counted at once, so later articles of the same chunk see this one; taken back
                    // below if the store already had the article.
                    site_counts.add(article.site.as_deref(), &lines, 1);
                    batch.push(*article);
                    batch_lines.push(lines);
                    batch_vectors.push(vector);
                    batch_prepared.push(prepared);
                }
                Analyzed::Failed { source, kind, message } => {
                    if kind == "no_text" {
                        report.read += 1;
                    }
                    tell(format!("skipped: {message}"));
                    if let Err(e) = store.record_skipped(run, &source, kind, &message) {
                        return (report, unprinted, Err(e.into()));
                    }
                    report.skip(source, kind, message);
                }
            }
        }
        let t = Instant::now();
        let put = store.put_batch_with_extras(run, &batch, &batch_lines, &batch_vectors);
        store_busy += t.elapsed();
        let t_events = Instant::now();
        match put {
            Ok(statuses) => {
                for ((((status, article), lines), vector), prepared) in statuses
                    .into_iter()
                    .zip(&batch)
                    .zip(&batch_lines)
                    .zip(&batch_vectors)
                    .zip(batch_prepared.drain(..))
                {
                    match status {
                        PutStatus::Stored => {
                            report.stored += 1;
                            if let Some(events) = events.as_deref_mut() {
                                let assignment = match prepared {
                                    Some(features) => events.assign_prepared(article, *features),
                                    None => events.assign(article, vector.as_deref()),
                                };
                                if assignment.new_event {
                                    report.events_opened += 1;
                                }
                            }
                        }
                        PutStatus::AlreadyPresent => {
                            report.already_present += 1;
                            site_counts.add(article.site.as_deref(), lines, -1);
                        }
                    }
                }
            }
            Err(e) => return (report, unprinted, Err(e.into())),
        }
        if let Some(events) = events.as_deref_mut() {
            let covered = store.last_seq().map_err(anyhow::Error::from).and_then(|seq| {
                events.mark_covered(seq);
                events.flush_log(store)
            });
            if let Err(e) = covered {
                return (report, unprinted, Err(e));
            }
            events_busy += t_events.elapsed();
        }
        progress.inc(chunk_len);
    }
    let flushed = store.flush();
    report.busy_seconds.insert("store".into(), store_busy.as_secs_f64());
    report.busy_seconds.insert("copies".into(), copies_busy.as_secs_f64());
    if events.is_some() {
        report.busy_seconds.insert("events".into(), events_busy.as_secs_f64());
    }
    (report, unprinted, flushed.map_err(Into::into))
}

/// The per-site line counts of the store, loaded once per site and kept in step with what the store
/// stage writes, so judging repetition costs no query per article.
#[derive(Default)]
struct SiteLineCounts {
    by_site: HashMap<String, HashMap<u64, u32>>,
}

impl SiteLineCounts {
    fn get_or_load(
        &mut self,
        store: &dyn Store,
        site: &str,
    ) -> Result<&HashMap<u64, u32>, store::StoreError> {
        if !self.by_site.contains_key(site) {
            let counts = store.site_line_counts(site)?.into_iter().collect();
            self.by_site.insert(site.to_string(), counts);
        }
        Ok(&self.by_site[site])
    }

    fn add(&mut self, site: Option<&str>, lines: &[u64], delta: i32) {
        let Some(counts) = site.and_then(|s| self.by_site.get_mut(s)) else { return };
        for fp in lines {
            let n = counts.entry(*fp).or_default();
            *n = n.saturating_add_signed(delta);
        }
    }
}

/// What became of one document handed to [`store_prepared`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentOutcome {
    /// Where the document came from (its `source`).
    pub source: String,
    /// The article's id, when the document held an article.
    pub article_id: Option<String>,
    /// `stored`, `already_present` or `skipped`.
    pub status: &'static str,
    /// Why the document was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Documents that went through the stateless text stage (and the encoder) and wait for the store stage.
pub struct PreparedDocuments {
    items: Vec<Analyzed>,
}

impl PreparedDocuments {
    /// How many documents it holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The stateless half of ingesting documents already in memory (posted over HTTP): the same text
/// stage and document vectors as [`ingest_paths`], in parallel, in input order. It touches no state,
/// so a server runs it without holding the event stage.
pub fn prepare_documents(
    docs: Vec<RawDocument>,
    fingerprinter: &Fingerprinter,
    embedder: Option<&dyn embed::Embedder>,
) -> PreparedDocuments {
    let mut items: Vec<Analyzed> = docs
        .into_par_iter()
        .map(|doc| analyze_item(ReadItem::Document(Box::new(doc)), fingerprinter))
        .collect();
    if let Some(embedder) = embedder {
        embed_chunk(embedder, &mut items);
    }
    PreparedDocuments { items }
}

/// The stateful half: stores prepared documents as one transaction of run `run` through the same store
/// stage as [`ingest_paths`] (site lines, copies, events) and says what became of each document.
pub fn store_prepared(
    prepared: PreparedDocuments,
    store: &mut dyn Store,
    copies: &mut CopyStage,
    events: Option<&mut EventStage>,
    run: store::RunId,
    options: &IngestOptions,
) -> anyhow::Result<(RunReport, Vec<DocumentOutcome>)> {
    let mut outcomes = Vec::with_capacity(prepared.items.len());
    let mut seen = HashSet::new();
    for item in &prepared.items {
        outcomes.push(match item {
            Analyzed::Article(article, ..) => {
                let fresh = !store.contains(&article.id.0)? && seen.insert(article.id.0.clone());
                DocumentOutcome {
                    source: article.source.clone(),
                    article_id: Some(article.id.0.clone()),
                    status: if fresh { "stored" } else { "already_present" },
                    message: None,
                }
            }
            Analyzed::Failed { source, message, .. } => DocumentOutcome {
                source: source.clone(),
                article_id: None,
                status: "skipped",
                message: Some(message.clone()),
            },
        });
    }
    let (tx, rx) = bounded::<Vec<Analyzed>>(1);
    tx.send(prepared.items).expect("the channel has room for the one chunk");
    drop(tx);
    let progress = ProgressBar::hidden();
    let (report, _, result) =
        store_chunks(rx, store, StoreStages { copies, events }, run, options, &progress);
    result?;
    Ok((report, outcomes))
}
