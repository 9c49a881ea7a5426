//! One function per subcommand: open the store, call the library, print.

pub mod embed;
pub mod events;
pub mod extract;
pub mod serve;
pub mod story;
use crate::{ExportFormat, ItemFormat, ListFormat};
use anyhow::Context;
use model::Article;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use store::{SqliteStore, Store};
use storyweave::copies::CopyStage;
use storyweave::{export, IngestOptions};

/// `storyweave ingest`.
pub fn ingest(
    paths: &[PathBuf],
    data: &Path,
    format: ItemFormat,
    batch: usize,
    quiet: bool,
    no_events: bool,
) -> anyhow::Result<ExitCode> {
    let _lock = storyweave::lock::WriterLock::acquire(data, "storyweave ingest")?;
    let mut store = SqliteStore::open(data)?;
    let options = IngestOptions { batch_size: batch, progress: !quiet, ..IngestOptions::default() };
    let report = events::ingest_with_stages(paths, data, &mut store, &options, no_events)?;
    let mut out = std::io::stdout().lock();
    match format {
        ItemFormat::Text => write!(out, "{}", report.to_text())?,
        ItemFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
    }
    // Exit non-zero only when nothing at all could be read, so scripts notice a wrong path.
    let nothing_read = report.stored + report.already_present == 0 && report.skipped > 0;
    Ok(if nothing_read { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// `storyweave articles`.
pub fn articles(
    data: &Path,
    format: ListFormat,
    language: Option<&str>,
    limit: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_read_only(data)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut shown = 0usize;
    let mut first = true;
    if format == ListFormat::Table {
        writeln!(
            out,
            "{:<12}  {:<4} {:<10}  {:<5} {:<22}  title",
            "id", "lang", "published", "trunc", "site"
        )?;
    } else if format == ListFormat::Json {
        write!(out, "[")?;
    }
    let mut write_error = None;
    store.for_each_article(&mut |article: Article| {
        if language.is_some_and(|l| l != article.language) || limit.is_some_and(|n| shown >= n) {
            return Ok(());
        }
        shown += 1;
        let result = match format {
            ListFormat::Table => writeln!(out, "{}", table_row(&article)),
            ListFormat::Jsonl => serde_json::to_writer(&mut out, &article)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out)),
            ListFormat::Json => {
                let sep = if first { "\n" } else { ",\n" };
                first = false;
                write!(out, "{sep}").and_then(|_| {
                    serde_json::to_writer_pretty(&mut out, &article).map_err(std::io::Error::from)
                })
            }
        };
        if let Err(e) = result {
            write_error.get_or_insert(e);
        }
        Ok(())
    })?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if format == ListFormat::Json {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn table_row(a: &Article) -> String {
    let published = a.published.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let site = a.site.as_deref().unwrap_or("-");
    let title = a.title.as_deref().or_else(|| a.text.lines().next()).unwrap_or("");
    format!(
        "{:<12}  {:<4} {:<10}  {:<5} {:<22}  {}",
        &a.id.0[..12.min(a.id.0.len())],
        a.language,
        published,
        if a.truncated { "yes" } else { "" },
        clip(site, 22),
        clip(title, 70)
    )
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// `storyweave article ID`.
pub fn article(data: &Path, id: &str, format: ItemFormat) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_read_only(data)?;
    let Some(article) = store.article(id)? else {
        anyhow::bail!("no article with id {id} in {}; `storyweave articles` lists the ids", data.display());
    };
    let mut out = std::io::stdout().lock();
    match format {
        ItemFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&article)?)?,
        ItemFormat::Text => {
            let sources = store.sources_of(&article.id.0)?;
            write!(out, "{}", article_text(&article, &sources))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn article_text(a: &Article, sources: &[store::SourceRecord]) -> String {
    let mut s = String::new();
    let field = |s: &mut String, name: &str, value: &str| s.push_str(&format!("{name:<17}{value}\n"));
    field(&mut s, "id", &a.id.0);
    field(&mut s, "source", &a.source);
    for other in sources.iter().filter(|r| r.source != a.source) {
        field(&mut s, "also from", &other.source);
    }
    field(&mut s, "url", a.url.as_deref().unwrap_or("-"));
    field(&mut s, "site", a.site.as_deref().unwrap_or("-"));
    field(&mut s, "language", &a.language);
    field(&mut s, "title", a.title.as_deref().unwrap_or("-"));
    let published = match (&a.published, &a.published_source) {
        (Some(d), Some(e)) => format!(
            "{d} (from {}: {})",
            serde_json::to_value(e.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
            e.detail
        ),
        (Some(d), None) => d.to_string(),
        _ => "-".into(),
    };
    field(&mut s, "published", &published);
    field(&mut s, "truncated", if a.truncated { "yes" } else { "no" });
    field(
        &mut s,
        "page kind",
        serde_json::to_value(a.page_kind)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .as_deref()
            .unwrap_or("-"),
    );
    s.push_str("blocks:\n");
    for b in &a.blocks {
        let line = b.line.map(|l| format!("L{l}")).unwrap_or_default();
        let reason = b.reason.as_deref().map(|r| format!("  [{r}]")).unwrap_or_default();
        s.push_str(&format!(
            "  {line:<5} {:<12} {:<4} {}{reason}\n",
            b.kind.as_str(),
            b.language,
            clip(&b.text, 90)
        ));
    }
    s
}

/// `storyweave export`.
pub fn export(data: &Path, format: ExportFormat, output: Option<&Path>) -> anyhow::Result<ExitCode> {
    let ExportFormat::Jsonl = format;
    let store = SqliteStore::open_read_only(data)?;
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create the export file {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let mut write_error = None;
    store.for_each_article(&mut |article: Article| {
        let record = export::news_please_record(&article);
        if let Err(e) =
            serde_json::to_writer(&mut out, &record).map_err(std::io::Error::from).and_then(|_| writeln!(out))
        {
            write_error.get_or_insert(e);
        }
        Ok(())
    })?;
    if let Some(e) = write_error {
        return Err(e.into());
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `storyweave search`.
pub fn search(data: &Path, query: &str, format: ListFormat, limit: usize) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_read_only(data)?;
    // FTS5 syntax (OR, "phrases", prefix*) works; text that is not valid syntax (`Ishiba-Lee`) is
    // searched as plain words instead of failing.
    let hits = match store.search(query, limit) {
        Err(store::StoreError::SearchSyntax { .. }) => store.search(&store::plain_query(query), limit)?,
        other => other?,
    };
    let mut out = std::io::stdout().lock();
    match format {
        ListFormat::Table => {
            for hit in &hits {
                writeln!(
                    out,
                    "{:<12}  {}\n              {}",
                    &hit.id[..12.min(hit.id.len())],
                    clip(hit.title.as_deref().unwrap_or("-"), 80),
                    hit.snippet
                )?;
            }
            if hits.is_empty() {
                writeln!(out, "no article matches {query:?}")?;
            }
        }
        ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        ListFormat::Jsonl => {
            for hit in &hits {
                writeln!(out, "{}", serde_json::to_string(hit)?)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `storyweave runs`.
pub fn runs(data: &Path, format: ItemFormat) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_read_only(data)?;
    let runs = store.runs()?;
    let mut out = std::io::stdout().lock();
    match format {
        ItemFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&runs)?)?,
        ItemFormat::Text => {
            for run in &runs {
                writeln!(out, "{run}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `storyweave generate-corpus` (hidden: for benchmarks and tests).
pub fn generate_corpus(from: &[PathBuf], count: usize, seed: u64, output: &Path) -> anyhow::Result<ExitCode> {
    let sources = storyweave::corpus_gen::load_sources(from)?;
    let file =
        std::fs::File::create(output).with_context(|| format!("cannot create {}", output.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    storyweave::corpus_gen::write_jsonl(&sources, count, seed, &mut out)?;
    out.flush()?;
    eprintln!("wrote {count} articles drawn from {} source articles to {}", sources.len(), output.display());
    Ok(ExitCode::SUCCESS)
}

/// `storyweave copies`.
pub fn copies(data: &Path, format: ListFormat, all: bool) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_read_only(data)?;
    let copies = CopyStage::open(data, &store)?;
    let groups: Vec<dedup::CopyGroup> =
        copies.groups().into_iter().filter(|g| all || g.members.len() > 1).collect();
    let mut out = BufWriter::new(std::io::stdout().lock());
    match format {
        ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&groups)?)?,
        ListFormat::Jsonl => {
            for g in &groups {
                writeln!(out, "{}", serde_json::to_string(g)?)?;
            }
        }
        ListFormat::Table => {
            for g in &groups {
                let wire = g.wire.as_deref().map(|w| format!("  wire {w}")).unwrap_or_default();
                writeln!(out, "group {}  {} members{wire}", g.id, g.members.len())?;
                for m in &g.members {
                    let article = store.article(&m.article.0)?;
                    let (site, title) = article
                        .as_ref()
                        .map(|a| {
                            let title = a.title.clone().or_else(|| a.text.lines().next().map(str::to_string));
                            (a.site.clone().unwrap_or_else(|| "-".into()), title.unwrap_or_default())
                        })
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "  {:<10} {:>5.2}  {:<12}  {:<22}  {}",
                        m.relation.as_str(),
                        m.similarity,
                        &m.article.0[..12.min(m.article.0.len())],
                        clip(&site, 22),
                        clip(&title, 60)
                    )?;
                }
            }
            if groups.is_empty() {
                writeln!(out, "no copies found among {} articles", store.count_articles()?)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
