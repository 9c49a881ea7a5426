//! The storyweave library facade: the ingest pipeline that wires readers, the per-article text stage
//! and the store together, the run report, and the news-please export.
//!
//! The `storyweave` binary (`main.rs`) is a thin command-line layer over this crate.

pub mod allocator;
pub mod copies;
pub mod corpus_gen;
pub mod eval;
pub mod events;
pub mod export;
pub mod lock;
pub mod pipeline;
pub mod report;
pub mod server;
pub mod snapshot;
pub mod story;

pub use pipeline::{ingest_paths, IngestOptions, Stages};
pub use report::RunReport;

/// The data directory used when `--data` is not given.
pub const DEFAULT_DATA_DIR: &str = "storyweave-data";
