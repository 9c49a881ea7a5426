//! The ingest pipeline: a reader thread, the stateless text stage in parallel over all cores, and the
//! single-owner store stage, joined by bounded channels (after vector) so memory stays flat and the
//! same input in the same order always gives the same store.

use crate::report::RunReport;
use crossbeam_channel::bounded;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use model::{Article, RawDocument};
use rayon::prelude::*;
use std::path::PathBuf;
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

/// One unit of the reader's output: a document or a per-file/per-record error.
enum ReadItem {
    Document(RawDocument),
    Failed { source: String, kind: &'static str, message: String },
}

/// What the text stage made of one read item.
enum Analyzed {
    Article(Box<Article>, Vec<String>),
    Failed { source: String, kind: &'static str, message: String },
}

/// Reads every path (files and directories, recursively), cleans each document and stores the articles.
///
/// Bad inputs are skipped with a message naming the file and record and counted in the report; the
/// rest of the batch goes on. Each batch is one transaction, so a killed run can simply be re-run.
pub fn ingest_paths(
    paths: &[PathBuf],
    store: &mut dyn Store,
    options: &IngestOptions,
) -> anyhow::Result<RunReport> {
    let started = Instant::now();
    let run = store.begin_run(&format!("ingest {}", display_paths(paths)))?;
    let batch_size = options.batch_size.max(1);

    let progress = if options.progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents read · {per_sec} · {elapsed} {msg}")
                .expect("the progress template is valid"),
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
        for item in ingest::read_paths(&paths_owned) {
            chunk.push(match item {
                Ok(doc) => ReadItem::Document(doc),
                Err(e) => {
                    ReadItem::Failed { source: e.path().to_string(), kind: e.kind(), message: e.to_string() }
                }
            });
            if chunk.len() == batch_size && read_tx.send(std::mem::take(&mut chunk)).is_err() {
                return;
            }
        }
        if !chunk.is_empty() {
            let _ = read_tx.send(chunk);
        }
    })?;

    let mut report = RunReport::default();
    let (mut printed, mut unprinted) = (0usize, 0usize);
    let mut store_error = None;
    let mut processed = 0u64;
    for chunk in read_rx {
        let chunk_len = chunk.len();
        // The text stage is stateless: analyze the chunk in parallel, keeping input order.
        let analyzed: Vec<Analyzed> = chunk
            .into_par_iter()
            .map(|item| match item {
                ReadItem::Document(doc) => match text::analyze(&doc) {
                    Ok(article) => Analyzed::Article(Box::new(article), doc.warnings.clone()),
                    Err(e) => Analyzed::Failed {
                        source: doc.source.clone(),
                        kind: e.kind(),
                        message: format!("{}: {e}; it was skipped", doc.source),
                    },
                },
                ReadItem::Failed { source, kind, message } => Analyzed::Failed { source, kind, message },
            })
            .collect();

        let mut batch = Vec::with_capacity(analyzed.len());
        for item in analyzed {
            match item {
                Analyzed::Article(article, warnings) => {
                    report.read += 1;
                    if !warnings.is_empty() {
                        report.warnings += 1;
                        for w in warnings {
                            if printed < options.max_printed_skips {
                                say(&progress, format!("warning: {}: {w}", article.source));
                                printed += 1;
                            } else {
                                unprinted += 1;
                            }
                        }
                    }
                    batch.push(*article);
                }
                Analyzed::Failed { source, kind, message } => {
                    if kind == "no_text" {
                        report.read += 1;
                    }
                    if printed < options.max_printed_skips {
                        say(&progress, format!("skipped: {message}"));
                        printed += 1;
                    } else {
                        unprinted += 1;
                    }
                    if let Err(e) = store.record_skipped(run, &source, kind, &message) {
                        store_error = Some(e);
                        break;
                    }
                    report.skip(source, kind, message);
                }
            }
        }
        if store_error.is_some() {
            break;
        }
        match store.put_batch(run, &batch) {
            Ok(statuses) => {
                for status in statuses {
                    match status {
                        PutStatus::Stored => report.stored += 1,
                        PutStatus::AlreadyPresent => report.already_present += 1,
                    }
                }
            }
            Err(e) => {
                store_error = Some(e);
                break;
            }
        }
        processed += chunk_len as u64;
        progress.set_position(processed);
    }
    progress.finish_and_clear();
    // On a store error the loop ended early; the reader then stops at its next send.
    let _ = reader.join();
    if let Some(e) = store_error {
        return Err(e.into());
    }
    if unprinted > 0 {
        eprintln!(
            "… and {unprinted} more skips and warnings not printed (`storyweave runs` lists every skip)"
        );
    }
    report.seconds = Some(started.elapsed().as_secs_f64());
    store.flush()?;
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
