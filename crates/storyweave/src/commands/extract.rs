//! `storyweave extract` (one page's article, not stored) and `storyweave eval extraction`.

use crate::ItemFormat;
use clap::{Subcommand, ValueEnum};
use model::Article;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storyweave::eval::{evaluate_extraction, extract_file, extract_from, ExtractError};
use text::AnalyzeOptions;

/// What `storyweave eval` measures.
#[derive(Debug, Subcommand)]
pub enum EvalTarget {
    /// HTML main-content extraction on a trafilatura-format evaluation set: precision, recall, F1.
    Extraction {
        /// The set: a directory with `evaldata.json` and the pages in `cache/` or `eval/`.
        #[arg(long)]
        dataset: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
        /// Extract the set this many times and report the mean time of one pass (steadier speed
        /// figures on a shared machine).
        #[arg(long, default_value_t = 1)]
        passes: usize,
    },
    /// Event and storyline clustering on a labelled JSONL (`id`, `text`, …, `event_id`,
    /// `storyline_id`): ingested into a fresh temporary store, then BCubed and pairwise figures.
    Clusters {
        /// The labelled JSONL file.
        #[arg(long)]
        gold: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
        format: EvalFormat,
    },
}

/// How an evaluation is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Aligned columns.
    Table,
    /// One JSON object.
    Json,
}

/// `storyweave eval …`.
pub fn eval(target: EvalTarget) -> anyhow::Result<ExitCode> {
    let (dataset, format, passes) = match target {
        EvalTarget::Extraction { dataset, format, passes } => (dataset, format, passes),
        EvalTarget::Clusters { gold, format } => {
            let item = match format {
                EvalFormat::Table => ItemFormat::Text,
                EvalFormat::Json => ItemFormat::Json,
            };
            return super::events::eval_clusters(&gold, item);
        }
    };
    let report = evaluate_extraction(&dataset, passes)?;
    let mut out = std::io::stdout().lock();
    match format {
        EvalFormat::Table => write!(out, "{}", report.to_table())?,
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `storyweave extract PATH...`: prints each page's article; `-` reads a page from stdin. A file that
/// gives no article gets a per-file error and the exit code is 1, but the other files still print.
pub fn extract(paths: &[PathBuf], format: ItemFormat) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut failures = 0usize;
    // The whole article stage: the JSON output shows entity mentions and event dates too.
    let options = AnalyzeOptions::default();
    for path in paths {
        let shown = path.display().to_string();
        let result = if path == Path::new("-") {
            extract_from(ingest::HtmlFileSource::from_reader("-", std::io::stdin()), None, &options)
        } else {
            extract_file(path, None, &options)
        };
        if result.is_err() {
            failures += 1;
        }
        match format {
            ItemFormat::Json => {
                let value = match &result {
                    Ok(article) => serde_json::json!({ "source": shown, "article": article }),
                    Err(e) => error_json(&shown, e),
                };
                writeln!(out, "{}", serde_json::to_string(&value)?)?;
            }
            ItemFormat::Text => match &result {
                Ok(article) => write!(out, "{}", article_text(&shown, article))?,
                Err(e) => {
                    writeln!(out, "== {shown}\nerror: {} ({})\n", e, e.kind())?;
                    eprintln!("error: {shown}: {e}");
                }
            },
        }
    }
    Ok(if failures > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// A failed page in JSON: an error, and the empty-article flag when the page had no text.
fn error_json(source: &str, e: &ExtractError) -> serde_json::Value {
    let page_kind = matches!(e, ExtractError::Text { .. }).then_some("empty");
    serde_json::json!({ "source": source, "error": e.to_string(), "error_kind": e.kind(), "page_kind": page_kind })
}

fn enum_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

fn article_text(source: &str, a: &Article) -> String {
    let mut s = format!("== {source}\n");
    let mut field = |name: &str, value: &str| s.push_str(&format!("{name:<11}{value}\n"));
    field("title", a.title.as_deref().unwrap_or("-"));
    let published = match (&a.published, &a.published_source) {
        (Some(d), Some(e)) => format!("{d} (from {}: {})", enum_name(&e.kind), e.detail),
        (Some(d), None) => d.to_string(),
        _ => "-".into(),
    };
    field("published", &published);
    field("language", &a.language);
    field("page kind", &enum_name(&a.page_kind));
    field("truncated", if a.truncated { "yes" } else { "no" });
    field("url", a.url.as_deref().unwrap_or("-"));
    field("site", a.site.as_deref().unwrap_or("-"));
    field("author", a.author.as_deref().unwrap_or("-"));
    s.push_str("blocks:\n");
    for b in &a.blocks {
        let reason = b.reason.as_deref().map(|r| format!("  [{r}]")).unwrap_or_default();
        let text: String = b.text.chars().take(100).collect();
        let more = if b.text.chars().count() > 100 { "…" } else { "" };
        s.push_str(&format!("  {:<12} {:<4} {text}{more}{reason}\n", b.kind.as_str(), b.language));
    }
    s.push_str("text:\n");
    s.push_str(&a.text);
    s.push_str("\n\n");
    s
}
