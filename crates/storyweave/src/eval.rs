//! Evaluations of storyweave's stages against public benchmarks.
//!
//! [`evaluate_extraction`] runs the real per-article stage up to extraction (the HTML reader's
//! decoding, then [`text::analyze_with`] without entity mentions and event dates: typed blocks,
//! metadata, languages, publication date, truncation) over the trafilatura evaluation set and scores
//! the clean text with that benchmark's definitions ([`text::html::eval`]).

use std::path::Path;
use std::time::{Duration, Instant};

use model::{Content, Hints, RawDocument};
use serde::Serialize;
use text::html::eval::{load_dataset, Confusion, EvalError, EvalPage};
use text::AnalyzeOptions;

/// Scores for one set of pages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// `tp / (tp + fp)`.
    pub precision: f64,
    /// `tp / (tp + fn)`.
    pub recall: f64,
    /// `2tp / (2tp + fp + fn)`.
    pub f1: f64,
    /// Correct decisions over all segments.
    pub accuracy: f64,
    /// Pages scored.
    pub documents: usize,
    /// `with` segments found.
    pub true_positives: usize,
    /// `without` segments found.
    pub false_positives: usize,
    /// `with` segments missing.
    pub false_negatives: usize,
    /// `without` segments missing.
    pub true_negatives: usize,
}

impl Scores {
    fn of(counts: &Confusion, documents: usize) -> Scores {
        Scores {
            precision: counts.precision(),
            recall: counts.recall(),
            f1: counts.f1(),
            accuracy: counts.accuracy(),
            documents,
            true_positives: counts.true_positives,
            false_positives: counts.false_positives,
            false_negatives: counts.false_negatives,
            true_negatives: counts.true_negatives,
        }
    }
}

/// The result of [`evaluate_extraction`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExtractionReport {
    /// Precision of the whole set.
    pub precision: f64,
    /// Recall of the whole set.
    pub recall: f64,
    /// F1 of the whole set.
    pub f1: f64,
    /// Accuracy of the whole set.
    pub accuracy: f64,
    /// Pages in the index.
    pub documents: usize,
    /// Every page, with the raw counts.
    pub all: Scores,
    /// The even-numbered pages (in URL order), the half the extractor was developed on.
    pub even: Scores,
    /// The odd-numbered pages: the held-out check against tuning to the pages.
    pub odd: Scores,
    /// Pages listed in the index but absent from the directory.
    pub missing_files: usize,
    /// Pages that gave no article (unreadable, binary, or no text left); scored as empty text.
    pub failed: usize,
    /// Pages flagged as not an article (index, tag, paywall teaser, empty), by kind.
    pub page_kinds: std::collections::BTreeMap<String, usize>,
    /// CPU time of the thread that read, decoded and analyzed the pages once, in seconds (wall-clock
    /// time where the platform does not report thread CPU time): other load on the machine does not
    /// count.
    pub seconds: f64,
    /// Timed passes over the set; `seconds` and `wall_seconds` are the mean of one.
    pub passes: usize,
    /// Wall-clock time of the same work, in seconds.
    pub wall_seconds: f64,
    /// Pages per second on one core (`documents / seconds`).
    pub pages_per_second_per_core: f64,
}

/// One page run through the pipeline, before scoring.
struct PageOutcome {
    /// The clean text, `None` when the page gave no article.
    text: Option<String>,
    missing: bool,
    kind: Option<String>,
}

fn run_page(page: &EvalPage) -> PageOutcome {
    let Some(path) = &page.path else {
        return PageOutcome { text: None, missing: true, kind: None };
    };
    // Extraction only: entity mentions and event dates are later stages, not what the benchmark's
    // extractors return.
    let article = extract_file(path, Some(&page.url), &AnalyzeOptions::EXTRACTION_ONLY).ok();
    let kind = article.as_ref().map(|a| {
        serde_json::to_value(a.page_kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    });
    PageOutcome { text: article.map(|a| a.text), missing: false, kind }
}

/// A page written for the warm-up: an article in two languages, so that the one-off set-up of the
/// stage (language models, pattern tables) runs before the clock starts, as the Python side's
/// warm-up call does for trafilatura.
const WARM_UP_PAGE: &str = "<html lang=en><head><title>Council agrees budget</title>\
    <meta property=\"article:published_time\" content=\"2025-03-03T10:00:00Z\"></head><body>\
    <header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header><article>\
    <h1>Council agrees budget</h1><p class=byline>By A. Writer</p>\
    <p>The city council met on Monday and agreed on the budget for next year, officials said. \
    The vote was close, and the opposition said that it would appeal against the decision.</p>\
    <p>Der Stadtrat hat am Montag den Haushalt für das kommende Jahr beschlossen, wie die \
    Verwaltung mitteilte.</p><figure><figcaption>The council chamber.</figcaption></figure>\
    </article><footer>© 2025 Example News</footer></body></html>";

/// Runs the warm-up page through the stage; its result is not used.
fn warm_up() {
    let raw = RawDocument {
        source: "warm-up".into(),
        content: Content::Html(WARM_UP_PAGE.into()),
        hints: Hints { url: Some("https://news.example/2025/03/03/budget".into()), ..Hints::default() },
        warnings: Vec::new(),
    };
    let _ = text::analyze_with(&raw, &AnalyzeOptions::EXTRACTION_ONLY);
}

/// CPU time of the calling thread so far, from Linux's `/proc/thread-self/schedstat` (nanoseconds
/// on the CPU, first field); `None` elsewhere.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// Why one HTML file gave no article.
#[derive(Debug)]
pub enum ExtractError {
    /// The file could not be read or decoded (binary, empty, too large, unreadable).
    Read(ingest::IngestError),
    /// No article text was left.
    Text {
        /// The file.
        path: String,
        /// The cause.
        error: text::TextError,
    },
}

impl ExtractError {
    /// A short stable name for reports.
    pub fn kind(&self) -> &'static str {
        match self {
            ExtractError::Read(e) => e.kind(),
            ExtractError::Text { error, .. } => error.kind(),
        }
    }
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::Read(e) => write!(f, "{e}"),
            ExtractError::Text { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for ExtractError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExtractError::Read(e) => Some(e),
            ExtractError::Text { error, .. } => Some(error),
        }
    }
}

impl From<ingest::IngestError> for ExtractError {
    fn from(e: ingest::IngestError) -> Self {
        ExtractError::Read(e)
    }
}

/// Reads one HTML page (decoded as the HTML reader decodes it) and runs the article stage on it.
pub fn extract_file(
    path: &Path,
    url: Option<&str>,
    options: &AnalyzeOptions,
) -> Result<model::Article, ExtractError> {
    let source = ingest::HtmlFileSource::open(path)?;
    extract_from(source, url, options)
}

/// Runs the article stage on the page an HTML reader yields (a file, stdin).
pub fn extract_from(
    mut source: ingest::HtmlFileSource,
    url: Option<&str>,
    options: &AnalyzeOptions,
) -> Result<model::Article, ExtractError> {
    let name = ingest::Source::name(&source).to_owned();
    let mut raw = match ingest::Source::next_document(&mut source) {
        Some(result) => result?,
        None => RawDocument {
            source: name.clone(),
            content: Content::Html(String::new()),
            hints: Hints::default(),
            warnings: Vec::new(),
        },
    };
    // The reader knows only bytes; a page read as text is still a page.
    if let Content::Text(page) = raw.content {
        raw.content = Content::Html(page);
    }
    if raw.hints.url.is_none() {
        raw.hints.url = url.map(str::to_owned);
    }
    text::analyze_with(&raw, options).map_err(|error| ExtractError::Text { path: name, error })
}

/// Runs the pipeline over an evaluation set in the trafilatura format (a directory with
/// `evaldata.json` and the pages in `cache/` or `eval/`) and scores it. Pages run one after another
/// on one thread, so the time is the time of one core.
///
/// With `passes` above one the set is extracted that many times and the time is the mean of a pass:
/// one pass takes about two seconds, short enough for another process's burst on the shared core to
/// move it by a fifth. Every pass gives the same articles; the last one is scored.
pub fn evaluate_extraction(dataset: &Path, passes: usize) -> Result<ExtractionReport, EvalError> {
    let pages = load_dataset(dataset)?;
    let passes = passes.max(1);
    warm_up();
    // Only reading and extraction are timed; scoring comes after, as on the Python side.
    let (cpu_before, wall_before) = (thread_cpu_time(), Instant::now());
    let mut outcomes: Vec<PageOutcome> = Vec::new();
    for _ in 0..passes {
        outcomes = pages.iter().map(run_page).collect();
    }
    let wall = wall_before.elapsed() / passes as u32;
    let cpu =
        thread_cpu_time().zip(cpu_before).map(|(after, before)| after.saturating_sub(before) / passes as u32);
    let (mut all, mut even, mut odd) = (Confusion::default(), Confusion::default(), Confusion::default());
    let mut page_kinds = std::collections::BTreeMap::new();
    let (mut failed, mut missing) = (0usize, 0usize);
    for (index, (page, outcome)) in pages.iter().zip(&outcomes).enumerate() {
        let counts = Confusion::of_page(page, outcome.text.as_deref());
        all.add(counts);
        if index % 2 == 0 {
            even.add(counts);
        } else {
            odd.add(counts);
        }
        failed += usize::from(outcome.text.is_none());
        missing += usize::from(outcome.missing);
        let kind = outcome.kind.clone().unwrap_or_else(|| "failed".into());
        *page_kinds.entry(kind).or_insert(0usize) += 1;
    }
    let documents = pages.len();
    let seconds = cpu.unwrap_or(wall).as_secs_f64();
    Ok(ExtractionReport {
        precision: all.precision(),
        recall: all.recall(),
        f1: all.f1(),
        accuracy: all.accuracy(),
        documents,
        all: Scores::of(&all, documents),
        even: Scores::of(&even, documents.div_ceil(2)),
        odd: Scores::of(&odd, documents / 2),
        missing_files: missing,
        failed,
        page_kinds,
        seconds,
        passes,
        wall_seconds: wall.as_secs_f64(),
        pages_per_second_per_core: if seconds > 0.0 { documents as f64 / seconds } else { 0.0 },
    })
}

impl ExtractionReport {
    /// The report as an aligned table.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "{:<6} {:>9} {:>9} {:>9} {:>9} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
            "pages", "precision", "recall", "f1", "accuracy", "docs", "tp", "fp", "fn", "tn"
        ));
        for (name, s) in [("all", &self.all), ("even", &self.even), ("odd", &self.odd)] {
            out.push_str(&format!(
                "{name:<6} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>6} {:>6} {:>6} {:>6} {:>6}\n",
                s.precision,
                s.recall,
                s.f1,
                s.accuracy,
                s.documents,
                s.true_positives,
                s.false_positives,
                s.false_negatives,
                s.true_negatives
            ));
        }
        let kinds: Vec<String> = self.page_kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        out.push_str(&format!("page kinds: {}\n", kinds.join(", ")));
        out.push_str(&format!(
            "failed pages: {} (missing files: {}); {:.1} s CPU ({:.1} s wall) per pass, {} pass(es), on one \
             thread: {:.0} pages/s per core\n",
            self.failed,
            self.missing_files,
            self.seconds,
            self.wall_seconds,
            self.passes,
            self.pages_per_second_per_core
        ));
        out
    }
}
