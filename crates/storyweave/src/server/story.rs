//! The story of one event, as JSON: the synthesis of `crate::story`, cached per generation because it
//! aligns sentences across every article of the event.

use super::error::ApiError;
use super::state::{AppState, CachedStory};
use axum::body::Bytes;
use store::SqliteStore;

/// The story JSON of `event` in `language` when it is cached and unchanged; `None` also when there
/// is no such event.
pub fn cached(state: &AppState, event: u32, language: &str) -> Option<Bytes> {
    let storyline = {
        let stage = state.events.read().unwrap_or_else(|p| p.into_inner());
        stage.clusterer().has_event(event).then_some(())?;
        stage.clusterer().storyline_of(event)
    };
    state.cached_story(event, language, storyline)
}

/// The story JSON of `event` in `language` and whether it is up to date, or `None` when there is no
/// such event. A story the cache has no current version of is built; while one request builds it,
/// the others get the previous version at once (marked stale) instead of queueing behind the build,
/// so continuous writes to a big event cannot make its readers wait build after build.
pub fn story_json(
    state: &AppState,
    store: &SqliteStore,
    event: u32,
    language: &str,
) -> Result<Option<(Bytes, bool)>, ApiError> {
    if let Some(json) = cached(state, event, language) {
        return Ok(Some((json, true)));
    }
    let build_lock = state.story_build_lock(event, language);
    let _building = match build_lock.try_lock() {
        Ok(guard) => guard,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            if let Some(previous) = previous_version(state, event, language) {
                return Ok(Some((previous, false)));
            }
            build_lock.lock().unwrap_or_else(|p| p.into_inner())
        }
    };
    if let Some(json) = cached(state, event, language) {
        return Ok(Some((json, true)));
    }
    // Read before the clusterer is copied: a write that lands in between makes the story look stale,
    // never fresh.
    let generation = state.generation();
    let clusterer = state.clusterer_at(generation);
    if !clusterer.has_event(event) {
        return Ok(None);
    }
    let storyline = clusterer.storyline_of(event);
    let story = build(store, &clusterer, event, state, language)?;
    let json = Bytes::from(serde_json::to_vec(&story).map_err(|e| ApiError::Internal(e.to_string()))?);
    state.cache_story(event, language, CachedStory { generation, storyline, json: json.clone() });
    Ok(Some((json, true)))
}

/// The last built story of an event that still exists, however old.
fn previous_version(state: &AppState, event: u32, language: &str) -> Option<Bytes> {
    state.events.read().unwrap_or_else(|p| p.into_inner()).clusterer().has_event(event).then_some(())?;
    let cache = state.stories.lock().unwrap_or_else(|p| p.into_inner());
    cache.get(&(event, language.to_string())).map(|c| c.json.clone())
}

/// The synthesis of `crate::story`, with the server's encoder when it has one.
fn build(
    store: &SqliteStore,
    clusterer: &cluster::Clusterer,
    event: u32,
    state: &AppState,
    language: &str,
) -> Result<synth::Story, ApiError> {
    let embedder = state.embedder.as_deref().map(|m| m as &dyn embed::Embedder);
    crate::story::build_story(store, clusterer, event, embedder, language).map_err(ApiError::from)
}
