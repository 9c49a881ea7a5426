//! `storyweave events`, `storyweave storylines`, the corrections and `storyweave eval clusters`.

use crate::{ItemFormat, ListFormat};
use anyhow::Context;
use clap::Subcommand;
use cluster::metrics::ClusterScores;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use store::{SqliteStore, Store};
use storyweave::copies::CopyStage;
use storyweave::events::{event_of, event_views, storyline_views, Correction, EventStage};
use storyweave::{IngestOptions, Stages};

/// What `storyweave events` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum EventsAction {
    /// Move an article to another event (or, without --to, into a new event of its own).
    Move {
        /// The article's id (or a unique prefix).
        article: String,
        /// The target event.
        #[arg(long)]
        to: Option<u32>,
    },
    /// Merge two events into one.
    Merge {
        /// One event.
        a: u32,
        /// The other event.
        b: u32,
    },
    /// Split articles out of an event into a new event; the two are never merged again.
    Split {
        /// The event.
        event: u32,
        /// The articles to take out (ids or unique prefixes).
        #[arg(required = true)]
        articles: Vec<String>,
    },
    /// Show the decisions behind an event (or every decision): joins, new events, merges, corrections.
    Log {
        /// Only the decisions that concern this event.
        event: Option<u32>,
    },
}

/// Loads the encoder when its files are installed; says once why events are judged without vectors
/// otherwise.
pub fn load_embedder() -> Option<embed::UseMultilingual> {
    match embed::UseMultilingual::load_default() {
        Ok(model) => Some(model),
        Err(e) => {
            eprintln!("warning: {e}; events are judged without document vectors");
            None
        }
    }
}

/// Ingests paths into the store with copies and, unless `no_events`, event clustering.
pub fn ingest_with_stages(
    paths: &[PathBuf],
    data: &Path,
    store: &mut SqliteStore,
    options: &IngestOptions,
    no_events: bool,
) -> anyhow::Result<storyweave::RunReport> {
    let mut copies = CopyStage::open(data, store)?;
    let (mut events, embedder) = if no_events {
        (None, None)
    } else {
        (Some(EventStage::open(data, store, cluster::ClusterConfig::default())?), load_embedder())
    };
    // One encoder for document vectors and for verifying translated copies.
    let embedder = embedder.map(std::sync::Arc::new);
    copies.set_encoder(embedder.clone().map(|m| m as std::sync::Arc<dyn embed::Embedder>));
    let stages = Stages {
        copies: &mut copies,
        events: events.as_mut(),
        embedder: embedder.as_deref().map(|m| m as &dyn embed::Embedder),
    };
    let report = storyweave::ingest_paths(paths, store, stages, options)?;
    copies.save(data, store)?;
    if let Some(events) = events.as_mut() {
        events.save(data, store)?;
    }
    Ok(report)
}

/// The store and the event stage; `writing` for a correction (under the data directory's writer lock,
/// returned with them), else nothing is written.
fn open_events(
    data: &Path,
    writing: bool,
) -> anyhow::Result<(SqliteStore, EventStage, Option<storyweave::lock::WriterLock>)> {
    let lock =
        if writing { Some(storyweave::lock::WriterLock::acquire(data, "storyweave events")?) } else { None };
    let mut store = SqliteStore::open(data)?;
    let config = cluster::ClusterConfig::default();
    let stage = if writing {
        EventStage::open(data, &mut store, config)?
    } else {
        EventStage::open_for_reading(data, &mut store, config)?
    };
    Ok((store, stage, lock))
}

/// `storyweave events [ACTION]`.
pub fn events(data: &Path, format: ListFormat, action: Option<EventsAction>) -> anyhow::Result<ExitCode> {
    let correcting = matches!(
        action,
        Some(EventsAction::Move { .. } | EventsAction::Merge { .. } | EventsAction::Split { .. })
    );
    let (mut store, mut stage, _lock) = open_events(data, correcting)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let full_id = |store: &SqliteStore, id: &str| -> anyhow::Result<String> {
        Ok(store
            .article(id)?
            .with_context(|| format!("no stored article has the id or unique prefix {id}"))?
            .id
            .0)
    };
    match action {
        None => {
            let views = event_views(stage.clusterer(), &store)?;
            match format {
                ListFormat::Json | ListFormat::Jsonl => write_json_list(&mut out, &views, format)?,
                ListFormat::Table => {
                    writeln!(
                        out,
                        "{:>5}  {:>9}  {:<10}  {:<16}  {:>4}  {:<14}  title",
                        "event", "storyline", "date", "place", "arts", "languages"
                    )?;
                    for v in &views {
                        writeln!(
                            out,
                            "{:>5}  {:>9}  {:<10}  {:<16}  {:>4}  {:<14}  {}",
                            v.id,
                            v.storyline_id,
                            v.date.as_deref().unwrap_or("-"),
                            super::clip(v.place.as_deref().unwrap_or("-"), 16),
                            v.articles.len(),
                            super::clip(&v.languages.join(","), 14),
                            super::clip(v.title.as_deref().unwrap_or("-"), 60)
                        )?;
                        for m in &v.articles {
                            let article = store.article(&m.id)?;
                            let (lang, first) = article
                                .map(|a| {
                                    let first =
                                        a.title.clone().or_else(|| a.text.lines().next().map(str::to_string));
                                    (a.language, first.unwrap_or_default())
                                })
                                .unwrap_or_default();
                            writeln!(
                                out,
                                "       {:.3}  {:<12}  {:<3} {}",
                                m.score,
                                &m.id[..12.min(m.id.len())],
                                lang,
                                super::clip(&first, 70)
                            )?;
                        }
                    }
                }
            }
        }
        Some(EventsAction::Log { event }) => {
            for (_, json) in store.event_log()? {
                let entry: cluster::LogEntry = serde_json::from_str(&json)?;
                if event.is_some_and(|e| entry.event != e && entry.other != Some(e)) {
                    continue;
                }
                match format {
                    ListFormat::Table => {
                        let article = entry.article.as_deref().map(|a| &a[..12.min(a.len())]).unwrap_or("-");
                        let other = entry.other.map(|o| o.to_string()).unwrap_or_else(|| "-".into());
                        let features = entry
                            .features
                            .map(|f| {
                                cluster::score::FEATURE_NAMES
                                    .iter()
                                    .zip(f)
                                    .filter(|(_, v)| *v != 0.0)
                                    .map(|(n, v)| format!("{n}={v:.2}"))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .unwrap_or_default();
                        writeln!(
                            out,
                            "#{:<6} {:<10} article {:<12} event {:>5} other {:>5} score {:.3}  {}",
                            entry.arrival, entry.action, article, entry.event, other, entry.score, features
                        )?;
                    }
                    _ => writeln!(out, "{json}")?,
                }
            }
        }
        Some(action) => {
            let correction = match action {
                EventsAction::Move { article, to } => {
                    Correction::Move { article: full_id(&store, &article)?, to }
                }
                EventsAction::Merge { a, b } => Correction::Merge { a, b },
                EventsAction::Split { event, articles } => Correction::Split {
                    event,
                    articles: articles.iter().map(|a| full_id(&store, a)).collect::<anyhow::Result<_>>()?,
                },
                EventsAction::Log { .. } => unreachable!("handled above"),
            };
            let event = stage.correct(&mut store, correction.clone())?;
            stage.save(data, &mut store)?;
            let what = match &correction {
                Correction::Move { article, .. } => {
                    format!("moved article {} to event {event}", &article[..12])
                }
                Correction::Merge { a, b } => format!("merged events {a} and {b} into event {event}"),
                Correction::Split { event: from, articles } => {
                    format!("split {} article(s) out of event {from} into event {event}", articles.len())
                }
            };
            writeln!(out, "{what}; the correction is stored and later arrivals respect it")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `storyweave storylines`.
pub fn storylines(data: &Path, format: ListFormat) -> anyhow::Result<ExitCode> {
    let (store, stage, _) = open_events(data, false)?;
    let views = storyline_views(stage.clusterer(), &store)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Json | ListFormat::Jsonl => write_json_list(&mut out, &views, format)?,
        ListFormat::Table => {
            writeln!(
                out,
                "{:>9}  {:<10}  {:<10}  {:>4}  {:<20}  title / events",
                "storyline", "from", "to", "arts", "languages"
            )?;
            for v in &views {
                writeln!(
                    out,
                    "{:>9}  {:<10}  {:<10}  {:>4}  {:<20}  {}",
                    v.id,
                    v.first_date.as_deref().unwrap_or("-"),
                    v.last_date.as_deref().unwrap_or("-"),
                    v.articles,
                    super::clip(&v.languages.join(","), 20),
                    super::clip(v.title.as_deref().unwrap_or("-"), 60)
                )?;
                let events: Vec<String> = v.events.iter().map(|e| e.to_string()).collect();
                writeln!(out, "{:>9}  events {}", "", events.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints a list as one JSON array (`json`) or one object per line (`jsonl`).
fn write_json_list<T: Serialize>(
    out: &mut impl Write,
    items: &[T],
    format: ListFormat,
) -> anyhow::Result<()> {
    if format == ListFormat::Jsonl {
        for item in items {
            writeln!(out, "{}", serde_json::to_string(item)?)?;
        }
    } else {
        writeln!(out, "{}", serde_json::to_string_pretty(items)?)?;
    }
    Ok(())
}

/// The figures of `storyweave eval clusters`.
#[derive(Debug, Serialize)]
pub struct ClusterEval {
    /// Events against `event_id`.
    pub events: ClusterScores,
    /// Storylines against `storyline_id`.
    pub storylines: ClusterScores,
    /// Labelled records that were scored (records whose text could not be stored are left out).
    pub documents: usize,
}

/// Ingests a labelled JSONL into a fresh temporary store and scores its events and storylines.
pub fn evaluate_clusters(gold: &Path) -> anyhow::Result<ClusterEval> {
    let mut labels: HashMap<String, (String, String)> = HashMap::new();
    let file = std::fs::File::open(gold).with_context(|| format!("cannot read {}", gold.display()))?;
    for (i, line) in std::io::BufRead::lines(std::io::BufReader::new(file)).enumerate() {
        let line = line.with_context(|| format!("{} line {}", gold.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&line)
            .with_context(|| format!("{} line {} is not JSON", gold.display(), i + 1))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let (Some(id), Some(event)) = (field("id"), field("event_id")) else {
            anyhow::bail!("{} line {} lacks `id` or `event_id`", gold.display(), i + 1);
        };
        let storyline = field("storyline_id").unwrap_or_else(|| event.clone());
        labels.insert(id, (event, storyline));
    }
    let dir = tempdir_for_eval()?;
    let result = (|| {
        let mut store = SqliteStore::open(&dir)?;
        let options = IngestOptions { progress: false, max_printed_skips: 0, ..IngestOptions::default() };
        ingest_with_stages(&[gold.to_path_buf()], &dir, &mut store, &options, false)?;
        let stage = EventStage::open(&dir, &mut store, cluster::ClusterConfig::default())?;
        let clusterer = stage.clusterer();
        let (mut pred_events, mut pred_storylines) = (HashMap::new(), HashMap::new());
        let (mut gold_events, mut gold_storylines) = (HashMap::new(), HashMap::new());
        let mut labelled: Vec<(String, String)> = Vec::new();
        store.for_each_article(&mut |article| {
            if let Some(external) = article.external_id.filter(|x| labels.contains_key(x)) {
                labelled.push((external, article.id.0));
            }
            Ok(())
        })?;
        for (external, id) in labelled {
            let (Some((ge, gs)), Some(event)) = (labels.get(&external), event_of(clusterer, &store, &id)?)
            else {
                continue;
            };
            pred_events.insert(external.clone(), event);
            pred_storylines.insert(external.clone(), clusterer.storyline_of(event));
            gold_events.insert(external.clone(), ge.clone());
            gold_storylines.insert(external, gs.clone());
        }
        Ok::<_, anyhow::Error>(ClusterEval {
            events: cluster::metrics::score(&pred_events, &gold_events),
            storylines: cluster::metrics::score(&pred_storylines, &gold_storylines),
            documents: gold_events.len(),
        })
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn tempdir_for_eval() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("storyweave-eval-{}-{}", std::process::id(), nanos()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

fn nanos() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

/// `storyweave eval clusters`.
pub fn eval_clusters(gold: &Path, format: ItemFormat) -> anyhow::Result<ExitCode> {
    let eval = evaluate_clusters(gold)?;
    let mut out = std::io::stdout().lock();
    match format {
        ItemFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&eval)?)?,
        ItemFormat::Text => {
            writeln!(out, "{} labelled documents scored\n", eval.documents)?;
            writeln!(out, "{:<11} {:<9} {:>9} {:>7} {:>6}", "level", "metric", "precision", "recall", "F1")?;
            for (level, s) in [("events", &eval.events), ("storylines", &eval.storylines)] {
                for (metric, prf) in [("BCubed", &s.bcubed), ("pairwise", &s.pairwise)] {
                    writeln!(
                        out,
                        "{level:<11} {metric:<9} {:>9.3} {:>7.3} {:>6.3}",
                        prf.precision, prf.recall, prf.f1
                    )?;
                }
            }
            writeln!(out)?;
            writeln!(
                out,
                "events:     {} found, {} labelled",
                eval.events.clusters_found, eval.events.clusters_gold
            )?;
            writeln!(
                out,
                "storylines: {} found, {} labelled",
                eval.storylines.clusters_found, eval.storylines.clusters_gold
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
