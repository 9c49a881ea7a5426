//! The `storyweave` command line: a thin layer over the library facade.

mod commands;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// HTML extraction allocates a string or a vector per token, block and attribute; mimalloc's
/// per-thread free lists serve those with a fraction of the system allocator's instructions. Its
/// settings: `storyweave::allocator`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Multilingual news into sourced stories.
#[derive(Debug, Parser)]
#[command(name = "storyweave", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How a listing is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// How a report or a single item is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ItemFormat {
    /// Text for reading in a terminal.
    Text,
    /// JSON.
    Json,
}

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One news-please record per line.
    Jsonl,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read files and directories (text, HTML, JSONL, WARC, RSS/Atom) and store their articles.
    Ingest {
        /// Files or directories, read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// How the final report is printed.
        #[arg(long, value_enum, default_value_t = ItemFormat::Text)]
        format: ItemFormat,
        /// Articles per store transaction.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Do not draw a progress bar.
        #[arg(long)]
        quiet: bool,
        /// Store articles and copies only: no document vectors, no event clustering.
        #[arg(long)]
        no_events: bool,
    },
    /// List the events (each: date, place, storyline, languages, articles with scores), or correct them.
    Events {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR, global = true)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table, global = true)]
        format: ListFormat,
        /// A correction (move, merge, split) or the decision log; without one, the events are listed.
        #[command(subcommand)]
        action: Option<commands::events::EventsAction>,
    },
    /// Print the story of an event: headline, sources, the fact table, quotes, timeline and a cited summary.
    Story {
        /// The event's id (`storyweave events` lists them).
        event: u32,
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// The language of the summary (ISO 639-1); other languages are cited as written.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = commands::story::StoryFormat::Markdown)]
        format: commands::story::StoryFormat,
    },
    /// List the storylines: events linked by shared entities and topic, or by back-references.
    Storylines {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List the stored articles.
    Articles {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Only articles in this language (ISO 639-1).
        #[arg(long)]
        language: Option<String>,
        /// Print at most this many.
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Show one article with all its blocks (the id or a unique prefix of it).
    Article {
        /// Article id or unique prefix (at least 6 characters).
        id: String,
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ItemFormat::Text)]
        format: ItemFormat,
    },
    /// Write every stored article as news-please JSONL (to stdout or a file).
    Export {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
        /// Write here instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Full-text search over stored articles (SQLite FTS5 syntax).
    Search {
        /// The query.
        query: String,
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// At most this many hits.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Write a synthetic corpus for benchmarks and crash tests by recombining real articles.
    #[command(hide = true)]
    GenerateCorpus {
        /// Corpus files or directories to draw articles from.
        #[arg(required = true)]
        from: Vec<PathBuf>,
        /// How many articles to write.
        #[arg(long, default_value_t = 50_000)]
        count: usize,
        /// The random seed.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// The JSONL file to write.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Embed texts with the multilingual sentence encoder: their vectors, or with --similarity the
    /// cosine of every pair.
    Embed {
        /// The texts, one vector each.
        #[arg(required = true)]
        texts: Vec<String>,
        /// Print the cosine matrix (rows in input order) instead of the vectors.
        #[arg(long)]
        similarity: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ItemFormat::Text)]
        format: ItemFormat,
    },
    /// Print the extracted article of HTML files (or of a page on stdin, as `-`) without storing it.
    Extract {
        /// HTML files; `-` reads one page from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format (`json`: one object per file, per line).
        #[arg(long, value_enum, default_value_t = ItemFormat::Text)]
        format: ItemFormat,
    },
    /// Measure a stage against a public benchmark.
    Eval {
        /// What to measure.
        #[command(subcommand)]
        target: commands::extract::EvalTarget,
    },
    /// List the copy groups: an origin and the articles that copy it (exact, near, contained …).
    Copies {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Also list articles that have no copy (groups of one).
        #[arg(long)]
        all: bool,
    },
    /// Serve the HTTP API, the live stream and the web page over the data directory.
    Serve(commands::serve::ServeArgs),
    /// List past ingest runs and what each skipped.
    Runs {
        /// The data directory.
        #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
        data: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ItemFormat::Text)]
        format: ItemFormat,
    },
}

fn main() -> ExitCode {
    storyweave::allocator::keep_freed_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest { paths, data, format, batch, quiet, no_events } => {
            commands::ingest(&paths, &data, format, batch, quiet, no_events)
        }
        Command::Events { data, format, action } => commands::events::events(&data, format, action),
        Command::Storylines { data, format } => commands::events::storylines(&data, format),
        Command::Story { event, data, lang, format } => commands::story::story(&data, event, &lang, format),
        Command::Articles { data, format, language, limit } => {
            commands::articles(&data, format, language.as_deref(), limit)
        }
        Command::Article { id, data, format } => commands::article(&data, &id, format),
        Command::Export { data, format, output } => commands::export(&data, format, output.as_deref()),
        Command::Search { query, data, format, limit } => commands::search(&data, &query, format, limit),
        Command::Runs { data, format } => commands::runs(&data, format),
        Command::Serve(args) => commands::serve::serve(args),
        Command::Copies { data, format, all } => commands::copies(&data, format, all),
        Command::Extract { paths, format } => commands::extract::extract(&paths, format),
        Command::Eval { target } => commands::extract::eval(target),
        Command::Embed { texts, similarity, format } => commands::embed::embed(&texts, similarity, format),
        Command::GenerateCorpus { from, count, seed, output } => {
            commands::generate_corpus(&from, count, seed, &output)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`storyweave articles | head`) is not an error worth reporting.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
