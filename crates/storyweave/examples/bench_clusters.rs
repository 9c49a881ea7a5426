//! Scale benchmark of the online event clusterer (issue 7, "Scale"): streams a generated corpus of real
//! texts, with publication dates spread over about six months in arrival order, through
//! `Clusterer::add`, and prints articles/s, open and total events and process memory as it goes.
//!
//! `cargo run --release -p storyweave --example bench_clusters -- --count 200000`
//! (or `bash scripts/bench-clusters.sh`).
//!
//! The corpus comes from `storyweave::corpus_gen` over `../shared/corpus` (seeds + dev-events). Its
//! dates cycle through 2019–2025 with the arrival number, so they are replaced here: arrival `i` of `n`
//! is published on day `start + i · span / n`, moved a few days early or late for one article in
//! three, and the dateline and URL follow the new date.
//!
//! Work is done chunk by chunk so the input never dominates memory: a chunk is read, analyzed
//! (`text::analyze`), embedded and given the event features its text alone gives
//! (`events::text_features`), in parallel, untimed, as ingest's text stage does; then its articles go
//! through the single thread that the event stage is, where only `EntityRegistry::resolve` and
//! `Clusterer::add` are timed (setting the resolved entity fields is timed apart and reported, not
//! counted). Document vectors
//! pool sentence vectors exactly as `embed::document_vectors` does, with each distinct sentence
//! embedded once, and pass through `quantize`/`dequantize` as they do through the store.

use anyhow::Context;
use clap::Parser;
use cluster::features::{civil_from_day, day_number};
use cluster::{ArticleFeatures, ClusterConfig, Clusterer};
use embed::{Embedder, Pooling, UseMultilingual};
use ingest::{JsonlSource, Source};
use model::Article;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use store::Store;
use storyweave::corpus_gen::{self, SplitMix64};
use storyweave::events::{add_entities, quantize, text_features};

/// The allocator the `storyweave` binary runs the event stage with, with its settings (see `src/main.rs`
/// and `storyweave::allocator`): the
/// clusterer's cost is measured as ingest and `serve` pay it, not with the system allocator, whose
/// free lists slow down as big closed events are freed (glibc's `_int_malloc`, `unlink_chunk` and
/// `malloc_consolidate` rose from 9 % to 17 % of a replay's time between its first and last quarter).
/// Wrapped to count the bytes live on the heap: RSS stays at its high-water mark once freed pages are
/// kept (`keep_freed_pages`), so it shows the largest transient peak so far, not what is held.
#[global_allocator]
static ALLOCATOR: LiveBytes = LiveBytes;

/// mimalloc with a count of the bytes allocated and not yet freed.
struct LiveBytes;

static LIVE_BYTES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

// SAFETY: every call is passed on to mimalloc unchanged; only the counter is added.
unsafe impl std::alloc::GlobalAlloc for LiveBytes {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE_BYTES.fetch_add(new_size, std::sync::atomic::Ordering::Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        }
        p
    }
}

/// Command-line options.
#[derive(Parser)]
struct Args {
    /// Articles to stream through the clusterer.
    #[arg(long, default_value_t = 200_000)]
    count: usize,
    /// Seed of the corpus generator (the date jitter uses seed + 1).
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// First publication day (YYYY-MM-DD).
    #[arg(long, default_value = "2025-04-01")]
    start: String,
    /// Days the publication dates span.
    #[arg(long, default_value_t = 182)]
    span_days: i32,
    /// Articles prepared (analyzed, embedded) at a time; also the row interval of the table.
    #[arg(long, default_value_t = 10_000)]
    chunk: usize,
    /// The shared data folder (default: `../shared` beside the repository).
    #[arg(long)]
    shared: Option<PathBuf>,
    /// Stop after the chunk during which the timed loop passed this many minutes (0: no limit), so a
    /// clusterer whose cost has grown still gives its first rows in bounded time.
    #[arg(long, default_value_t = 0.0)]
    max_minutes: f64,
    /// Stop after the chunk that reaches this many articles (0: the whole corpus), e.g. to compare
    /// the first articles' decisions before and after a change without streaming all of them.
    #[arg(long, default_value_t = 0)]
    stop_after: usize,
    /// Write every assignment (article, event, score bits, new) and every logged decision to this
    /// file, one line each, so two builds can be checked to decide alike (`cmp` the files).
    #[arg(long)]
    decisions: Option<PathBuf>,
    /// After each row, print how much of each step's work the clusterer did per article in the
    /// chunk (candidates, member pairs, merge and storyline comparisons, key walks …).
    #[arg(long)]
    work: bool,
    /// Write every article's clusterer input (`ArticleFeatures`, one JSON line each) to this file, so
    /// later runs can `--replay` it without the text stage and the encoder.
    #[arg(long)]
    record: Option<PathBuf>,
    /// Stream the articles of a `--record`ed file through the clusterer instead of preparing the
    /// corpus: only `Clusterer::add` is timed (entities were resolved when recording). For quick
    /// comparisons of clusterer builds and for profiles of the clusterer alone.
    #[arg(long)]
    replay: Option<PathBuf>,
    /// After each chunk, hand the member lists of the events closed since the last chunk
    /// (`Clusterer::take_closed_members`) over to a store in a temporary directory, as the event
    /// stage of `storyweave` does: the clusterer's memory without the member records of closed
    /// events.
    #[arg(long)]
    archive: bool,
    /// Link storylines over this many days instead of `config/cluster.toml`'s `window_days`: with a
    /// window shorter than the stream, closed events fall behind it and are compacted, which shows
    /// the memory the clusterer keeps once the stream is longer than its windows (the storyline
    /// decisions then differ from the product's).
    #[arg(long)]
    storyline_window_days: Option<i32>,
    /// With `--replay`: only add the file's first articles to a fresh clusterer and print their cost
    /// (how `--replay` measures them again in a process of their own, see `FreshStartCost`).
    #[arg(long, hide = true)]
    fresh_start: bool,
}

fn main() -> anyhow::Result<()> {
    storyweave::allocator::keep_freed_pages();
    let args = Args::parse();
    anyhow::ensure!(
        args.count > 0 && args.chunk > 0 && args.span_days > 0,
        "count, chunk and span must be > 0"
    );
    let shared = args
        .shared
        .clone()
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    let start_day = parse_day(&args.start).context("--start is not a YYYY-MM-DD date")?;
    if let Some(path) = &args.replay {
        if args.fresh_start {
            let cost = FreshStartCost::measure_here(path)?;
            println!("{} {}", cost.trailing_us, cost.centred_us);
            return Ok(());
        }
        return replay(&args, path);
    }

    let prep = Instant::now();
    let sources = corpus_gen::load_sources(&[
        shared.join("corpus/seeds"),
        shared.join("corpus/dev-events/articles.jsonl"),
    ])?;
    let corpus = tempfile::Builder::new().prefix("bench-clusters-").suffix(".jsonl").tempfile()?;
    {
        let spread = DateSpread::new(args.count, start_day, args.span_days, args.seed + 1);
        let mut out = RedateLines::new(BufWriter::with_capacity(1 << 20, corpus.as_file()), spread);
        corpus_gen::write_jsonl(&sources, args.count, args.seed, &mut out)?;
        out.finish()?;
    }
    let corpus_bytes = corpus.as_file().metadata()?.len();
    eprintln!(
        "corpus: {} articles from {} source articles, {:.0} MB, published {} .. {} (+ jitter), in {:.1} s",
        args.count,
        sources.len(),
        corpus_bytes as f64 / 1e6,
        format_day(start_day),
        format_day(start_day + args.span_days - 1),
        prep.elapsed().as_secs_f64()
    );

    let embedder = UseMultilingual::load_default()?;
    let Pooling::LeadWeighted { scale } = Pooling::default() else {
        anyhow::bail!("the default pooling is no longer lead-weighted: update this benchmark")
    };
    let mut source = JsonlSource::open(corpus.path())?;
    let config = cluster_config(&args);
    let mut cache = SentenceCache::default();
    let mut checked_pooling = false;
    let mut chunk_number = 0u64;
    let mut prepare = Duration::ZERO;
    let stage = EventStageLoop::new(&args, config.clone())?;
    // The event stage is one long-lived thread that owns the clusterer, as the store thread owns it
    // in ingest (`pipeline.rs`): its allocations come from that thread's own heap, not interleaved
    // with the text stage's and the sentence cache's. Chunks are handed over one at a time and the
    // preparing thread waits, so the timed loop never shares the cores with the encoder.
    // Each chunk travels with the count of articles the text stage could not use so far (for the rows).
    let (chunk_tx, chunk_rx) = std::sync::mpsc::sync_channel::<(Vec<(Article, ArticleFeatures)>, u64)>(0);
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<anyhow::Result<bool>>(0);
    let stage_thread = std::thread::Builder::new().name("event-stage".into()).spawn(move || {
        let mut stage = stage;
        for (chunk, unusable) in chunk_rx {
            let outcome = stage.run_chunk(chunk, unusable);
            let failed = outcome.is_err();
            if done_tx.send(outcome).is_err() || failed {
                break;
            }
        }
        stage
    })?;
    let mut unusable = 0u64;
    loop {
        let prepared = Instant::now();
        let mut raw = Vec::with_capacity(args.chunk);
        while raw.len() < args.chunk {
            match source.next_document() {
                Some(Ok(doc)) => raw.push(doc),
                Some(Err(e)) => anyhow::bail!("the generated corpus has a bad record: {e}"),
                None => break,
            }
        }
        if raw.is_empty() {
            break;
        }
        chunk_number += 1;
        let analyzed: Vec<Option<(Article, Vec<String>)>> = raw
            .par_iter()
            .map(|doc| {
                let article = text::analyze(doc).ok()?;
                let sentences = pooled_sentences(&article);
                Some((article, sentences))
            })
            .collect();
        drop(raw);
        let chunk_unusable = analyzed.iter().filter(|a| a.is_none()).count() as u64;
        unusable += chunk_unusable;
        let analyzed: Vec<(Article, Vec<String>)> = analyzed.into_iter().flatten().collect();
        cache.embed_missing(&embedder, analyzed.iter().flat_map(|(_, s)| s.iter()), chunk_number)?;
        let vectors: Vec<Vec<u8>> =
            analyzed.par_iter().map(|(_, sentences)| quantize(&cache.pool(sentences, scale))).collect();
        if !checked_pooling {
            check_pooling(&embedder, &analyzed, &vectors)?;
            checked_pooling = true;
        }
        cache.forget_unused(chunk_number);
        // The text stage also builds the event features the text alone gives (as ingest's
        // `prepare_event_features` does), in parallel; the event stage adds the resolved entities.
        let chunk: Vec<(Article, ArticleFeatures)> = analyzed
            .into_par_iter()
            .map(|(a, _)| a)
            .zip(vectors.par_iter())
            .map(|(a, v)| {
                let features = text_features(&a, Some(v));
                (a, features)
            })
            .collect();
        prepare += prepared.elapsed();
        if chunk_number == 1 {
            let (rss, _) = process_memory();
            println!(
                "RSS before the first add (encoder, sentence cache, one prepared chunk): {} MiB",
                rss / 1024
            );
            println!("{}", Row::header());
        }
        if chunk_tx.send((chunk, unusable)).is_err() {
            break;
        }
        match done_rx.recv() {
            Ok(Ok(true)) => {}
            Ok(Ok(false)) | Err(_) => break,
            Ok(Err(e)) => return Err(e),
        }
    }
    drop(chunk_tx);
    let stage = stage_thread.join().map_err(|_| anyhow::anyhow!("the event-stage thread panicked"))?;
    println!();
    println!(
        "prepared (read + analyze + embed + pool, parallel, untimed): {:.1} s; {} distinct sentences embedded",
        prepare.as_secs_f64(),
        cache.embedded
    );
    stage.finish(&config, unusable)
}

/// The heap bytes an event holds, on average, by state: measured as what copies of them allocate
/// (each copy's maps and lists sized to their contents, so a little under what the originals hold).
fn event_heap_sizes(clusterer: &Clusterer) -> String {
    type Kind = fn(&cluster::Event) -> bool;
    let kinds: [(&str, Kind); 3] =
        [("open", |e| e.open), ("closed", |e| !e.open && !e.compacted()), ("compacted", |e| e.compacted())];
    let mut parts = Vec::new();
    for (name, kind) in kinds {
        let before = LIVE_BYTES.load(std::sync::atomic::Ordering::Relaxed);
        let copies: Vec<cluster::Event> = clusterer.events().filter(|e| kind(e)).cloned().collect();
        let bytes = LIVE_BYTES.load(std::sync::atomic::Ordering::Relaxed).saturating_sub(before);
        let (n, members) = (copies.len(), copies.iter().map(|e| e.members.len()).sum::<usize>());
        drop(copies);
        parts.push(format!(
            "{name} {n} ({members} members held): {:.0} KiB, {:.2} KiB each",
            bytes as f64 / 1024.0,
            bytes as f64 / 1024.0 / n.max(1) as f64
        ));
    }
    format!("event heap at the end: {}", parts.join("; "))
}

/// The product's clustering configuration, with the storyline window of `--storyline-window-days`.
fn cluster_config(args: &Args) -> ClusterConfig {
    let mut config = ClusterConfig::default();
    if let Some(days) = args.storyline_window_days {
        config.storyline.window_days = days;
    }
    config
}

/// The event stage of the benchmark: the clusterer and entity registry, with what the rows and the
/// summary need. It lives on its own thread (see `main`).
struct EventStageLoop {
    clusterer: Clusterer,
    registry: text::entities::EntityRegistry,
    totals: Timers,
    new_events: u64,
    actions: BTreeMap<String, u64>,
    rows: Vec<Row>,
    decisions: Option<BufWriter<std::fs::File>>,
    record: Option<BufWriter<std::fs::File>>,
    work: bool,
    max_minutes: f64,
    stop_after: u64,
    archive: ArchiveSink,
}

impl EventStageLoop {
    fn new(args: &Args, config: ClusterConfig) -> anyhow::Result<Self> {
        Ok(Self {
            clusterer: Clusterer::new(config),
            registry: text::entities::EntityRegistry::new(),
            totals: Timers::default(),
            new_events: 0,
            actions: BTreeMap::new(),
            rows: Vec::new(),
            decisions: create_optional(args.decisions.as_ref())?,
            record: create_optional(args.record.as_ref())?,
            work: args.work,
            max_minutes: args.max_minutes,
            stop_after: args.stop_after as u64,
            archive: ArchiveSink::new(args)?,
        })
    }

    /// Resolves, builds the features of and adds one chunk's articles, prints its row, and says
    /// whether to go on.
    fn run_chunk(&mut self, chunk: Vec<(Article, ArticleFeatures)>, unusable: u64) -> anyhow::Result<bool> {
        let mut interval = Timers::default();
        let cpu_before = thread_cpu_ns();
        for (mut article, mut features) in chunk {
            let t = Instant::now();
            self.registry.resolve(&mut article.entities);
            let resolved = Instant::now();
            add_entities(&mut features, &article.entities);
            drop(article);
            let article_id = if self.decisions.is_some() { features.id.clone() } else { String::new() };
            if let Some(out) = self.record.as_mut() {
                serde_json::to_writer(&mut *out, &features)?;
                out.write_all(b"\n")?;
            }
            let repeat = self.archive.repeat(&self.clusterer, &features.id)?;
            let built = Instant::now();
            let assignment = match repeat {
                Some(assignment) => assignment,
                None => self.clusterer.add(features),
            };
            let added = Instant::now();
            interval.resolve += resolved - t;
            interval.features += built - resolved;
            interval.add += added - built;
            interval.articles += 1;
            self.new_events += assignment.new_event as u64;
            if let Some(out) = self.decisions.as_mut() {
                // Score bits, not a rounded decimal: "identical" means bit for bit.
                write_assignment(out, &article_id, &assignment)?;
            }
        }
        interval.loop_cpu = Duration::from_nanos(thread_cpu_ns().saturating_sub(cpu_before));
        drain_log(&mut self.clusterer, &mut self.decisions, &mut self.actions)?;
        self.archive.take(&mut self.clusterer)?;
        self.totals.absorb(&interval);
        self.rows.push(Row::measure(&self.clusterer, &interval, &self.totals, unusable));
        println!("{}", self.rows.last().expect("just pushed").line());
        if self.work {
            println!("{}", work_line(&self.clusterer.take_work_counts(), interval.articles));
        }
        if self.max_minutes > 0.0 && self.totals.timed() > self.max_minutes * 60.0 {
            println!("stopped early: the timed loop passed --max-minutes {}", self.max_minutes);
            return Ok(false);
        }
        if self.stop_after > 0 && self.totals.articles + unusable >= self.stop_after {
            println!("stopped after {} articles (--stop-after)", self.totals.articles + unusable);
            return Ok(false);
        }
        Ok(true)
    }

    /// Flushes the output files and prints the summary.
    fn finish(self, config: &ClusterConfig, unusable: u64) -> anyhow::Result<()> {
        let Self { clusterer, totals, new_events, actions, rows, decisions, record, archive, .. } = self;
        for out in [decisions, record].into_iter().flatten() {
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        archive.report();
        println!("{}", event_heap_sizes(&clusterer));
        println!(
            "timed single thread: add {:.2} s, resolve {:.2} s; entity fields (not counted) {:.2} s; \
             thread CPU time of the loop {:.2} s",
            totals.add.as_secs_f64(),
            totals.resolve.as_secs_f64(),
            totals.features.as_secs_f64(),
            totals.loop_cpu.as_secs_f64()
        );
        println!(
            "arrivals {}, unusable {}, opened {} events, decisions {:?}",
            clusterer.arrivals(),
            unusable,
            new_events,
            actions
        );
        println!(
            "window: join_days {}, close_after_days {}, recent_events {}",
            config.window.join_days, config.window.close_after_days, config.window.recent_events
        );
        let largest = clusterer.events().map(|e| e.members.len()).max().unwrap_or(0);
        println!("largest event: {largest} articles");
        let compacted = clusterer.events().filter(|e| e.compacted()).count();
        println!(
            "state kept: {} events ({} open, {} compacted to their listing record), {} distinct entities \
             and terms counted",
            clusterer.events().count(),
            clusterer.open_events(),
            compacted,
            clusterer.counted_keys()
        );
        if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
            println!(
                "per-article cost, last interval vs first: wall {:.1} µs vs {:.1} µs = {:.2}x, thread CPU \
                 {:.1} µs vs {:.1} µs = {:.2}x",
                last.interval_us,
                first.interval_us,
                last.interval_us / first.interval_us,
                last.cpu_us,
                first.cpu_us,
                last.cpu_us / first.cpu_us.max(1e-9)
            );
        }
        print_points(&rows);
        Ok(())
    }
}

/// A buffered file when a path is given.
/// One line of the decisions file for an assignment; the score as bits, so files compare exactly.
fn write_assignment(
    out: &mut impl Write,
    article_id: &str,
    assignment: &cluster::Assignment,
) -> std::io::Result<()> {
    let bits = assignment.score.to_bits();
    writeln!(out, "assign {article_id} {} {bits:08x} {}", assignment.event, assignment.new_event)
}

/// Takes the clusterer's log into the decisions file (when there is one) and counts its actions.
fn drain_log(
    clusterer: &mut Clusterer,
    decisions: &mut Option<BufWriter<std::fs::File>>,
    actions: &mut BTreeMap<String, u64>,
) -> anyhow::Result<()> {
    for entry in clusterer.take_log() {
        if let Some(out) = decisions.as_mut() {
            writeln!(out, "log {}", serde_json::to_string(&entry)?)?;
        }
        *actions.entry(entry.action).or_default() += 1;
    }
    Ok(())
}

fn create_optional(path: Option<&PathBuf>) -> anyhow::Result<Option<BufWriter<std::fs::File>>> {
    path.map(|p| {
        let file = std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?;
        Ok(BufWriter::new(file))
    })
    .transpose()
}

/// With `--archive`, where the member lists and the compacted events the clusterer hands over go: a
/// real store in a temporary directory, written by the event stage's own `events::hand_over`. A repeat of a handed-over article is answered from there, as `events::event_of`
/// finds it; in the product the store's unique article id turns a repeat away before it reaches the
/// clusterer, so these lookups are timed apart and not counted in `add`.
struct ArchiveSink {
    store: Option<(tempfile::TempDir, store::SqliteStore)>,
    events: u64,
    articles: u64,
    whole_events: u64,
    writes: Duration,
    lookups: Duration,
}

impl ArchiveSink {
    fn new(args: &Args) -> anyhow::Result<ArchiveSink> {
        let store = if args.archive {
            let dir = tempfile::Builder::new().prefix("bench-clusters-store-").tempdir()?;
            let store = store::SqliteStore::open(dir.path())?;
            Some((dir, store))
        } else {
            None
        };
        Ok(ArchiveSink {
            store,
            events: 0,
            articles: 0,
            whole_events: 0,
            writes: Duration::ZERO,
            lookups: Duration::ZERO,
        })
    }

    /// The assignment of an article that repeats one of a handed-over event.
    fn repeat(&mut self, clusterer: &Clusterer, id: &str) -> anyhow::Result<Option<cluster::Assignment>> {
        let Some((_, store)) = &self.store else { return Ok(None) };
        let t = Instant::now();
        let mut found = None;
        for (archive, event) in store.archived_events_of(id)? {
            if clusterer.members_archive(event) == Some(archive) {
                let members = store.archived_members(archive, event)?;
                let score = members.iter().find(|m| m.article_id == id).map_or(1.0, |m| m.score);
                found = Some(cluster::Assignment { event, score, new_event: false });
            }
        }
        self.lookups += t.elapsed();
        Ok(found)
    }

    /// Says how much was handed over, when anything could be.
    fn report(&self) {
        if let Some((_, store)) = &self.store {
            let size: u64 = store.disk_usage().map(|u| u.iter().map(|(_, b)| b).sum()).unwrap_or(0);
            println!(
                "--archive: the member lists of {} closed events ({} articles) and {} events behind the \
                 storyline window, whole, handed over to a store ({:.1} MB on disk); writing them took \
                 {:.2} s, answering repeats from it {:.2} s (neither counted in add)",
                self.events,
                self.articles,
                self.whole_events,
                size as f64 / 1e6,
                self.writes.as_secs_f64(),
                self.lookups.as_secs_f64()
            );
        }
    }

    /// Takes the member lists of the events closed since the last call into the store.
    fn take(&mut self, clusterer: &mut Clusterer) -> anyhow::Result<()> {
        let Some((_, store)) = &mut self.store else { return Ok(()) };
        let t = Instant::now();
        let counts = storyweave::events::hand_over(clusterer, store)?;
        self.events += counts.member_lists as u64;
        self.articles += counts.members as u64;
        self.whole_events += counts.events as u64;
        self.writes += t.elapsed();
        Ok(())
    }
}

/// Streams `--record`ed clusterer inputs through a fresh clusterer, chunk by chunk as the main loop
/// does, timing `Clusterer::add` alone.
fn replay(args: &Args, path: &PathBuf) -> anyhow::Result<()> {
    use std::io::BufRead;
    let input = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut lines = std::io::BufReader::with_capacity(1 << 20, input).lines();
    let mut clusterer = Clusterer::new(cluster_config(args));
    let mut decisions = create_optional(args.decisions.as_ref())?;
    let (mut totals, mut rows) = (Timers::default(), Vec::new());
    let mut paired: Vec<(u64, FreshStartCost)> = Vec::new();
    let mut archive = ArchiveSink::new(args)?;
    println!("{}", Row::header());
    loop {
        let mut chunk = Vec::with_capacity(args.chunk);
        for line in lines.by_ref().take(args.chunk) {
            chunk.push(serde_json::from_str::<cluster::ArticleFeatures>(&line?)?);
        }
        if chunk.is_empty() {
            break;
        }
        let mut interval = Timers::default();
        let cpu_before = thread_cpu_ns();
        for features in chunk {
            let article_id = if decisions.is_some() { features.id.clone() } else { String::new() };
            let repeat = archive.repeat(&clusterer, &features.id)?;
            let t = Instant::now();
            let assignment = match repeat {
                Some(assignment) => assignment,
                None => clusterer.add(features),
            };
            interval.add += t.elapsed();
            interval.articles += 1;
            if let Some(out) = decisions.as_mut() {
                write_assignment(out, &article_id, &assignment)?;
            }
        }
        interval.loop_cpu = Duration::from_nanos(thread_cpu_ns().saturating_sub(cpu_before));
        drain_log(&mut clusterer, &mut decisions, &mut BTreeMap::new())?;
        archive.take(&mut clusterer)?;
        totals.absorb(&interval);
        rows.push(Row::measure(&clusterer, &interval, &totals, 0));
        println!("{}", rows.last().expect("just pushed").line());
        // A point's centred window is complete half a window after it: its first articles are
        // measured again then.
        measure_passed_points(&mut paired, totals.articles.saturating_sub(POINT_WINDOW / 2), path)?;
        if args.work {
            println!("{}", work_line(&clusterer.take_work_counts(), interval.articles));
        }
        if args.stop_after > 0 && totals.articles >= args.stop_after as u64 {
            break;
        }
    }
    if let Some(out) = decisions {
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    archive.report();
    println!("{}", event_heap_sizes(&clusterer));
    // The last point, when the stream ends before its centred window would.
    measure_passed_points(&mut paired, totals.articles, path)?;
    println!(
        "replayed {} articles: add {:.2} s, thread CPU {:.2} s",
        totals.articles,
        totals.add.as_secs_f64(),
        totals.loop_cpu.as_secs_f64()
    );
    print_points(&rows);
    print_paired(&rows, &paired);
    Ok(())
}

/// Measures the first articles again for each point up to `reached` that has no measurement yet.
fn measure_passed_points(
    paired: &mut Vec<(u64, FreshStartCost)>,
    reached: u64,
    path: &PathBuf,
) -> anyhow::Result<()> {
    for &point in POINTS.iter().filter(|&&p| p <= reached) {
        if !paired.iter().any(|(p, _)| *p == point) {
            paired.push((point, FreshStartCost::measure(path)?));
        }
    }
    Ok(())
}

/// The cost of the stream's first articles, added again to a fresh clusterer: over the first
/// [`POINT_WINDOW`] articles (the trailing window at 10,000) and over the centred window at 10,000.
struct FreshStartCost {
    trailing_us: f64,
    centred_us: f64,
}

impl FreshStartCost {
    /// Measures the first articles' cost in a child process, while this one waits: a fresh process
    /// with its own allocator and memory, on the machine as fast as it is now.
    fn measure(path: &PathBuf) -> anyhow::Result<FreshStartCost> {
        let output = std::process::Command::new(std::env::current_exe()?)
            .arg("--replay")
            .arg(path)
            .arg("--fresh-start")
            .stderr(std::process::Stdio::inherit())
            .output()
            .context("cannot run the fresh-start measurement")?;
        anyhow::ensure!(output.status.success(), "the fresh-start measurement failed");
        let text = String::from_utf8_lossy(&output.stdout);
        let figures: Vec<f64> = text.split_whitespace().filter_map(|w| w.parse().ok()).collect();
        anyhow::ensure!(figures.len() == 2, "the fresh-start measurement printed {text:?}");
        Ok(FreshStartCost { trailing_us: figures[0], centred_us: figures[1] })
    }

    /// Reads the first articles of a recorded stream (untimed) and times each `add` of them into a
    /// fresh clusterer.
    fn measure_here(path: &PathBuf) -> anyhow::Result<FreshStartCost> {
        use std::io::BufRead;
        let input = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let end = (POINTS[0] + POINT_WINDOW / 2) as usize;
        let mut articles = Vec::with_capacity(end);
        for line in std::io::BufReader::with_capacity(1 << 20, input).lines().take(end) {
            articles.push(serde_json::from_str::<cluster::ArticleFeatures>(&line?)?);
        }
        let mut clusterer = Clusterer::new(ClusterConfig::default());
        let mut costs = Vec::with_capacity(articles.len());
        for features in articles {
            let t = Instant::now();
            clusterer.add(features);
            costs.push(t.elapsed().as_secs_f64() * 1e6);
        }
        let mean = |from: u64, to: u64| {
            let part = &costs[from.min(costs.len() as u64) as usize..to.min(costs.len() as u64) as usize];
            part.iter().sum::<f64>() / part.len().max(1) as f64
        };
        let at = |window: Window| {
            let start = window.start(POINTS[0], u64::MAX);
            mean(start, start + POINT_WINDOW)
        };
        Ok(FreshStartCost { trailing_us: at(Window::Trailing), centred_us: at(Window::Centred) })
    }
}

/// Prints, for each point, the stream's cost there over the cost of its first articles measured again
/// in a fresh process right after the stream passed the point. Both are measured within seconds of
/// each other, so the ratio is the growth of the cost with the clusterer's state, without the drift
/// of the machine's speed over a run of minutes (on a shared virtual machine ±20 %, see BENCHMARKS.md).
fn print_paired(rows: &[Row], paired: &[(u64, FreshStartCost)]) {
    let Some(last) = rows.last().map(|r| r.articles) else { return };
    for window in [Window::Trailing, Window::Centred] {
        let figures: Vec<String> = paired
            .iter()
            .filter_map(|(n, fresh)| {
                let start = window.start(*n, last);
                let reference = match window {
                    Window::Trailing => fresh.trailing_us,
                    Window::Centred => fresh.centred_us,
                };
                let cost = mean_cost(rows, start, start + POINT_WINDOW)?;
                Some(format!("{}k {cost:.0}/{reference:.0} µs ({:.2}x)", n / 1000, cost / reference))
            })
            .collect();
        println!(
            "paired, {} {}k window (cost at the point / the first articles again, in a fresh process right \
             after it): {}",
            window.name(),
            POINT_WINDOW / 1000,
            figures.join(", ")
        );
    }
}

/// The sentences `embed::document_vectors` pools for an article (the empty text when it has none).
fn pooled_sentences(article: &Article) -> Vec<String> {
    let sentences = embed::document::article_document(article).sentences();
    if sentences.is_empty() {
        vec![String::new()]
    } else {
        sentences.into_iter().map(str::to_string).collect()
    }
}

/// Compares the cached pooling with `embed::document_vectors` on the first articles: the benchmark's
/// vectors must be the ones ingest stores.
fn check_pooling(
    embedder: &UseMultilingual,
    analyzed: &[(Article, Vec<String>)],
    vectors: &[Vec<u8>],
) -> anyhow::Result<()> {
    let n = analyzed.len().min(16);
    let documents: Vec<embed::Document<'_>> =
        analyzed[..n].iter().map(|(a, _)| embed::document::article_document(a)).collect();
    let direct = embed::document_vectors(embedder, &documents, Pooling::default())?;
    for (i, row) in direct.rows().enumerate() {
        let ours = storyweave::events::dequantize(&vectors[i]).context("a vector did not round-trip")?;
        let cosine = embed::cosine(&ours, &quantized(row));
        anyhow::ensure!(cosine > 0.9999, "cached pooling differs from document_vectors: cosine {cosine}");
    }
    Ok(())
}

fn quantized(v: &[f32]) -> Vec<f32> {
    storyweave::events::dequantize(&quantize(v)).unwrap_or_default()
}

/// Sentence vectors by text, each sentence embedded once. Datelines make most first sentences
/// unique, so entries unused for two chunks are dropped to keep the cache the size of the reused text.
#[derive(Default)]
struct SentenceCache {
    vectors: HashMap<String, (Vec<f32>, u64)>,
    embedded: u64,
}

/// Sentences per encoder call: large enough for the encoder's own parallel micro-batches.
const EMBED_BATCH: usize = 2048;

impl SentenceCache {
    fn embed_missing<'a>(
        &mut self,
        embedder: &UseMultilingual,
        sentences: impl Iterator<Item = &'a String>,
        chunk: u64,
    ) -> anyhow::Result<()> {
        let mut missing: Vec<&str> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for s in sentences {
            match self.vectors.get_mut(s) {
                Some(entry) => entry.1 = chunk,
                None => {
                    if seen.insert(s.as_str()) {
                        missing.push(s);
                    }
                }
            }
        }
        for batch in missing.chunks(EMBED_BATCH) {
            let vectors = embedder.embed(batch)?;
            for (s, v) in batch.iter().zip(vectors.rows()) {
                self.vectors.insert(s.to_string(), (v.to_vec(), chunk));
            }
        }
        self.embedded += missing.len() as u64;
        Ok(())
    }

    /// Lead-weighted pooling as in `embed::document_vectors`: sentence `i` weighs `1 / (1 + i / scale)`,
    /// then the sum is scaled to unit length.
    fn pool(&self, sentences: &[String], scale: f32) -> Vec<f32> {
        let mut acc = vec![0f32; embed::DIM];
        for (i, s) in sentences.iter().enumerate() {
            let weight = 1.0 / (1.0 + i as f32 / scale.max(1e-3));
            let (v, _) = &self.vectors[s];
            acc.iter_mut().zip(v).for_each(|(a, x)| *a += weight * x);
        }
        let norm = acc.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            acc.iter_mut().for_each(|v| *v /= norm);
        }
        acc
    }

    fn forget_unused(&mut self, chunk: u64) {
        self.vectors.retain(|_, (_, used)| *used + 1 >= chunk);
    }
}

/// Time spent on the single thread, per part.
#[derive(Default, Clone)]
struct Timers {
    articles: u64,
    add: Duration,
    resolve: Duration,
    features: Duration,
    /// CPU time of this thread over the whole loop (add, resolve and entity fields), which other
    /// processes' load does not inflate.
    loop_cpu: Duration,
}

impl Timers {
    fn absorb(&mut self, other: &Timers) {
        self.articles += other.articles;
        self.add += other.add;
        self.resolve += other.resolve;
        self.features += other.features;
        self.loop_cpu += other.loop_cpu;
    }

    /// The timed cost: `Clusterer::add` plus `EntityRegistry::resolve`.
    fn timed(&self) -> f64 {
        (self.add + self.resolve).as_secs_f64()
    }
}

/// The points of the stream the issue names, in articles.
const POINTS: [u64; 5] = [10_000, 50_000, 100_000, 150_000, 200_000];
/// Articles over which the per-article cost at a point is averaged (one row is noisy).
const POINT_WINDOW: u64 = 10_000;

/// The mean wall µs per article of the rows whose interval ends in `(start, end]`.
fn mean_cost(rows: &[Row], start: u64, end: u64) -> Option<f64> {
    let costs: Vec<f64> =
        rows.iter().filter(|r| r.articles > start && r.articles <= end).map(|r| r.interval_us).collect();
    (!costs.is_empty()).then(|| costs.iter().sum::<f64>() / costs.len() as f64)
}

/// Prints the per-article cost at each point reached and its ratio to the cost at 10,000, over two
/// windows of [`POINT_WINDOW`] articles. The trailing window ends at the point. At 10,000 it is every
/// article so far, so it averages in the first rows, placed against an almost empty state (the cost
/// at 2,000 is about two thirds of the cost at 10,000). The centred window has the point in its middle,
/// or ends with the stream when the point is its last article.
fn print_points(rows: &[Row]) {
    let Some(last) = rows.last().map(|r| r.articles) else { return };
    for window in [Window::Trailing, Window::Centred] {
        let cost = |n: u64| {
            let start = window.start(n, last);
            mean_cost(rows, start, start + POINT_WINDOW)
        };
        let Some(base) = cost(POINTS[0]) else { return };
        let figures: Vec<String> = POINTS
            .iter()
            .filter(|&&n| n <= last)
            .filter_map(|&n| cost(n).map(|c| format!("{}k {c:.0} µs ({:.2}x)", n / 1000, c / base)))
            .collect();
        println!(
            "cost at the points, {} {}k window: {}",
            window.name(),
            POINT_WINDOW / 1000,
            figures.join(", ")
        );
    }
}

/// Where the [`POINT_WINDOW`] articles a point's cost is averaged over lie.
#[derive(Clone, Copy)]
enum Window {
    /// Ending at the point.
    Trailing,
    /// With the point in its middle, or ending with the stream when the point is its last article.
    Centred,
}

impl Window {
    fn name(self) -> &'static str {
        match self {
            Window::Trailing => "trailing",
            Window::Centred => "centred",
        }
    }

    /// The article count after which the window at point `n` starts, in a stream of `last` articles.
    fn start(self, n: u64, last: u64) -> u64 {
        match self {
            Window::Trailing => n.saturating_sub(POINT_WINDOW),
            Window::Centred => n.saturating_sub(POINT_WINDOW / 2).min(last.saturating_sub(POINT_WINDOW)),
        }
    }
}

/// One line of the table.
struct Row {
    articles: u64,
    interval_rate: f64,
    cumulative_rate: f64,
    interval_us: f64,
    add_us: f64,
    resolve_us: f64,
    cpu_us: f64,
    open_events: usize,
    total_events: usize,
    features_held: usize,
    largest_open: usize,
    open_terms: usize,
    rss_kib: u64,
    hwm_kib: u64,
    /// SQLite's heap in use (the `--archive` store's page cache and statements; 0 without one): part
    /// of RSS, bounded by the store's `cache_size`.
    sqlite_kib: u64,
    /// The Rust heap live now (the clusterer, the registry, buffers; not SQLite's, which has its own).
    live_kib: u64,
}

impl Row {
    fn measure(clusterer: &Clusterer, interval: &Timers, totals: &Timers, unusable: u64) -> Row {
        let (rss_kib, hwm_kib) = process_memory();
        let per = |d: Duration| d.as_secs_f64() * 1e6 / interval.articles.max(1) as f64;
        Row {
            articles: totals.articles + unusable,
            interval_rate: interval.articles as f64 / interval.timed().max(1e-9),
            cumulative_rate: totals.articles as f64 / totals.timed().max(1e-9),
            interval_us: interval.timed() * 1e6 / interval.articles.max(1) as f64,
            add_us: per(interval.add),
            resolve_us: per(interval.resolve),
            cpu_us: per(interval.loop_cpu),
            open_events: clusterer.open_events(),
            total_events: clusterer.events().count(),
            features_held: clusterer
                .events()
                .filter(|e| e.open)
                .map(|e| e.members.iter().filter(|m| m.features.is_some()).count())
                .sum(),
            largest_open: clusterer.events().filter(|e| e.open).map(|e| e.members.len()).max().unwrap_or(0),
            open_terms: clusterer.events().filter(|e| e.open).map(|e| e.profile.terms.len()).sum(),
            rss_kib,
            hwm_kib,
            // SAFETY: a plain read of SQLite's global memory counter; it takes no pointer.
            sqlite_kib: unsafe { rusqlite::ffi::sqlite3_memory_used() }.max(0) as u64 / 1024,
            live_kib: LIVE_BYTES.load(std::sync::atomic::Ordering::Relaxed) as u64 / 1024,
        }
    }

    fn header() -> String {
        format!(
            "{:>8} {:>10} {:>10} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7} {:>9} {:>8} {:>9} {:>8} {:>8} {:>7} {:>8}",
            "articles",
            "art/s int",
            "art/s cum",
            "µs/art",
            "add µs",
            "resolve",
            "cpu µs",
            "open ev",
            "events",
            "feat held",
            "max open",
            "open terms",
            "RSS MiB",
            "HWM MiB",
            "SQL MiB",
            "heap MiB"
        )
    }

    fn line(&self) -> String {
        format!(
            "{:>8} {:>10.0} {:>10.0} {:>8.1} {:>8.1} {:>8.2} {:>8.1} {:>7} {:>7} {:>9} {:>8} {:>9} {:>8.0} {:>8.0} {:>7.1} {:>8.1}",
            self.articles,
            self.interval_rate,
            self.cumulative_rate,
            self.interval_us,
            self.add_us,
            self.resolve_us,
            self.cpu_us,
            self.open_events,
            self.total_events,
            self.features_held,
            self.largest_open,
            self.open_terms,
            self.rss_kib as f64 / 1024.0,
            self.hwm_kib as f64 / 1024.0,
            self.sqlite_kib as f64 / 1024.0,
            self.live_kib as f64 / 1024.0
        )
    }
}

/// The clusterer's work counts of one chunk, per article (`×1000` for the rare steps).
fn work_line(w: &cluster::WorkCounts, articles: u64) -> String {
    let per = |n: u64| n as f64 / articles.max(1) as f64;
    format!(
        "    work/article: cand {:.1} short {:.1} pairs {:.1} derive {:.2} | recap walks {:.3} members {:.1} \
         | merge rounds {:.3} pairs {:.1} merges {:.3} moved {:.1} | storyline calls {:.3} cand {:.1} \
         | key rebuilds {:.3} keys {:.1} incr keys {:.1} | sweep {:.1}",
        per(w.candidates),
        per(w.shortlisted),
        per(w.member_pairs),
        per(w.derive_rebuilds),
        per(w.recap_walks),
        per(w.recap_members),
        per(w.merge_rounds),
        per(w.merge_pairs),
        per(w.merges),
        per(w.merged_members),
        per(w.storyline_calls),
        per(w.storyline_candidates),
        per(w.key_rebuilds),
        per(w.key_rebuild_keys),
        per(w.key_incremental_keys),
        per(w.sweep_events),
    )
}

/// CPU time this thread has run, in nanoseconds (0 where /proc is not available).
fn thread_cpu_ns() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

/// VmRSS and VmHWM of this process, in KiB (0 where /proc is not available).
fn process_memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn parse_day(text: &str) -> Option<i32> {
    let mut parts = text.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some(day_number(year, month, day))
}

fn format_day(day: i32) -> String {
    let (y, m, d) = civil_from_day(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Publication days in arrival order: a steady walk over the span, with one article in three
/// published a few days before or after its neighbours (late wires, early scheduled pieces).
struct DateSpread {
    count: usize,
    start_day: i32,
    span_days: i32,
    rng: SplitMix64,
}

impl DateSpread {
    fn new(count: usize, start_day: i32, span_days: i32, seed: u64) -> Self {
        DateSpread { count, start_day, span_days, rng: SplitMix64::new(seed) }
    }

    /// The publication day and minute of the day of arrival `i`.
    fn date_of(&mut self, i: usize) -> (i32, u32) {
        let steady = self.start_day + (i as u64 * self.span_days as u64 / self.count as u64) as i32;
        let roll = self.rng.below(100);
        let shift = match roll {
            0..=66 => 0,
            67..=86 => 1,
            87..=96 => 2 + self.rng.below(2) as i32,
            _ => 4 + self.rng.below(3) as i32,
        };
        let shift = if self.rng.below(2) == 0 { -shift } else { shift };
        let minute = 6 * 60 + self.rng.below(16 * 60) as u32;
        (steady + shift, minute)
    }
}

/// A writer between `corpus_gen::write_jsonl` and the file: gives each record its date from the
/// spread, in `date_publish`, the URL and the dateline ("CITY, dd.mm.yyyy – ").
struct RedateLines<W: Write> {
    inner: W,
    pending: Vec<u8>,
    index: usize,
    spread: DateSpread,
}

impl<W: Write> RedateLines<W> {
    fn new(inner: W, spread: DateSpread) -> Self {
        RedateLines { inner, pending: Vec::with_capacity(8192), index: 0, spread }
    }

    fn finish(mut self) -> anyhow::Result<()> {
        anyhow::ensure!(self.pending.is_empty(), "the generator's last record has no line end");
        self.inner.flush()?;
        Ok(())
    }

    fn redate(&mut self) -> std::io::Result<()> {
        let mut record: serde_json::Value = serde_json::from_slice(&self.pending)?;
        let (day, minute) = self.spread.date_of(self.index);
        let (y, m, d) = civil_from_day(day);
        let site = record["source_domain"].as_str().unwrap_or("site.example").to_string();
        record["date_publish"] =
            format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:00", minute / 60, minute % 60).into();
        record["url"] = format!("https://{site}/news/{y:04}/{m:02}/{d:02}/story-{}", self.index).into();
        if let Some(text) = record["maintext"].as_str() {
            let redated = redate_dateline(text, &format!("{d:02}.{m:02}.{y:04}"));
            record["maintext"] = redated.into();
        }
        serde_json::to_writer(&mut self.inner, &record)?;
        self.inner.write_all(b"\n")?;
        self.index += 1;
        Ok(())
    }
}

/// Replaces the date of a leading "CITY, dd.mm.yyyy – " dateline; other texts are kept as they are.
fn redate_dateline(text: &str, date: &str) -> String {
    if let Some((head, rest)) = text.split_once(" – ") {
        if let Some((city, old)) = head.split_once(", ") {
            if old.len() == 10 && old.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return format!("{city}, {date} – {rest}");
            }
        }
    }
    text.to_string()
}

impl<W: Write> Write for RedateLines<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        // JSON escapes line breaks inside strings, so a raw newline ends a record.
        match data.iter().position(|b| *b == b'\n') {
            Some(end) => {
                self.pending.extend_from_slice(&data[..end]);
                self.redate()?;
                self.pending.clear();
                Ok(end + 1)
            }
            None => {
                self.pending.extend_from_slice(data);
                Ok(data.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
