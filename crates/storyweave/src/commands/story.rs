//! `storyweave story EVENT_ID`: the story of one event.

use clap::ValueEnum;
use std::path::Path;
use std::process::ExitCode;
use store::SqliteStore;
use storyweave::events::EventStage;

/// How a story is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoryFormat {
    /// Markdown for reading.
    Markdown,
    /// JSON (facts, quotes, timeline, summary, sources).
    Json,
}

/// Prints the story of an event.
pub fn story(data: &Path, event: u32, language: &str, format: StoryFormat) -> anyhow::Result<ExitCode> {
    let mut store = SqliteStore::open(data)?;
    let stage = EventStage::open_for_reading(data, &mut store, cluster::ClusterConfig::default())?;
    let embedder = super::events::load_embedder();
    let story = storyweave::story::build_story(
        &store,
        stage.clusterer(),
        event,
        embedder.as_ref().map(|m| m as &dyn embed::Embedder),
        language,
    )?;
    match format {
        StoryFormat::Markdown => print!("{}", storyweave::story::story_markdown(&story)),
        StoryFormat::Json => println!("{}", serde_json::to_string_pretty(&story)?),
    }
    Ok(ExitCode::SUCCESS)
}
