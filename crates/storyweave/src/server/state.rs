//! What every handler shares: the limits, the read connections, the event stage (written by the writer
//! thread alone), the live stream and the caches of what is expensive to build.

use super::error::ApiError;
use super::limits::{Limits, WriteBucket};
use super::stream::StreamMessage;
use super::writer::WriteJob;
use crate::events::EventStage;
use axum::body::Bytes;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use store::SqliteStore;
use tokio::sync::{broadcast, mpsc, watch};

/// One event as the lists show it: small, with the counts a reader sorts by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventSummary {
    /// The event's id.
    pub id: u32,
    /// A headline of one of its articles.
    pub title: Option<String>,
    /// Its day or month (`YYYY-MM-DD`, `YYYY-MM`).
    pub date: Option<String>,
    /// The place its articles name.
    pub place: Option<String>,
    /// Its storyline.
    pub storyline_id: u32,
    /// The languages of its articles.
    pub languages: Vec<String>,
    /// How many articles it has.
    pub articles: usize,
    /// How many independent origins (copy groups) those articles come from.
    pub independent_sources: usize,
    /// The arrival number of its latest article: what "newest" sorts by when dates tie.
    pub last_arrival: u64,
}

impl EventSummary {
    /// The summary of one event of the clusterer, with its members ([`crate::events::members_of`]).
    pub fn of(
        clusterer: &cluster::Clusterer,
        event: &cluster::Event,
        members: &[cluster::Member],
    ) -> EventSummary {
        let view = crate::events::event_view(clusterer, event, members);
        let groups = event.profile.copy_groups.values().filter(|w| **w > 0.0).count();
        EventSummary {
            id: view.id,
            title: view.title,
            date: view.date,
            place: view.place,
            storyline_id: view.storyline_id,
            languages: view.languages,
            articles: members.len(),
            independent_sources: if groups == 0 { members.len() } else { groups.min(members.len()) },
            last_arrival: event.last_arrival,
        }
    }
}

/// Read-only SQLite connections, reused across requests (opening one costs more than most queries).
pub struct ReadPool {
    data: PathBuf,
    idle: Mutex<Vec<SqliteStore>>,
}

impl ReadPool {
    /// A pool over the store in `data`.
    pub fn new(data: PathBuf) -> Self {
        ReadPool { data, idle: Mutex::new(Vec::new()) }
    }

    /// Runs `f` with a read connection (blocking: call from `spawn_blocking`).
    pub fn with<T>(&self, f: impl FnOnce(&SqliteStore) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match taken {
            Some(store) => store,
            None => SqliteStore::open_read_only(&self.data)?,
        };
        let out = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < 16 {
            idle.push(store);
        }
        out
    }
}

/// Story JSON by (event, language).
pub type StoryCache = HashMap<StoryKey, CachedStory>;

/// A story is asked for by event and summary language.
pub type StoryKey = (u32, String);

/// A value with the generation it was computed at.
pub type Versioned<T> = (u64, T);

/// A built story with what it was built from.
#[derive(Debug, Clone)]
pub struct CachedStory {
    /// The generation read before the event stage was locked for the build.
    pub generation: u64,
    /// The event's storyline at the build (the timeline spans it).
    pub storyline: u32,
    /// The story as JSON.
    pub json: Bytes,
}

/// The generation at which each event and storyline last gained an article: a story is stale when its
/// event or storyline changed after it was built, and only then.
#[derive(Debug, Default)]
pub struct Touched {
    events: HashMap<u32, u64>,
    storylines: HashMap<u32, u64>,
}

/// The state shared by the handlers and the writer thread.
pub struct AppState {
    /// The data directory.
    pub data: PathBuf,
    /// The bearer token writes need; none turns writes off.
    pub token: Option<String>,
    /// The limits enforced.
    pub limits: Limits,
    /// The write rate limiter.
    pub bucket: WriteBucket,
    /// The event stage: written by the writer thread only, read by the handlers.
    pub events: Arc<RwLock<EventStage>>,
    /// The sentence encoder, when installed (story synthesis aligns sentences with it).
    pub embedder: Option<Arc<embed::UseMultilingual>>,
    /// Read connections.
    pub readers: ReadPool,
    /// The writer thread's queue.
    pub writes: mpsc::Sender<WriteJob>,
    /// New articles and events, for `/api/stream`.
    pub stream: broadcast::Sender<StreamMessage>,
    /// Flips to true when the server shuts down, which ends the open streams.
    pub stopping: watch::Receiver<bool>,
    /// Bumped after every write that stored something: caches built before it are stale.
    pub generation: AtomicU64,
    /// The event list, as of a generation.
    pub event_list: Mutex<Option<Versioned<Arc<Vec<EventSummary>>>>>,
    /// The event list in each order (`newest`, `biggest`, `oldest`), as of a generation.
    pub sorted_events: Mutex<HashMap<String, Versioned<Arc<Vec<EventSummary>>>>>,
    /// Built stories.
    pub stories: Mutex<StoryCache>,
    /// When each event and storyline last changed.
    pub touched: Mutex<Touched>,
    /// A copy of the clusterer as of a generation: stories are built from it, so a build (seconds for a
    /// big event) does not hold the event stage and writes go on meanwhile.
    pub clusterer_copy: Mutex<Option<Versioned<Arc<cluster::Clusterer>>>>,
    /// One lock per story being built, so concurrent readers of a stale story build it once.
    pub story_builds: Mutex<HashMap<StoryKey, Arc<Mutex<()>>>>,
}

/// Stories kept in the cache at most; it is emptied when full (a bound keeps memory flat).
const MAX_CACHED_STORIES: usize = 512;

impl AppState {
    /// The current generation.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Every event's summary, built once per generation.
    pub fn event_summaries(&self) -> Result<Arc<Vec<EventSummary>>, ApiError> {
        let generation = self.generation();
        if let Some((g, list)) = &*self.event_list.lock().unwrap_or_else(|p| p.into_inner()) {
            if *g == generation {
                return Ok(list.clone());
            }
        }
        let stage = self.events.read().unwrap_or_else(|p| p.into_inner());
        let clusterer = stage.clusterer();
        let list = self.readers.with(|store| {
            let archived = crate::events::ArchivedMembers::load(clusterer, store)?;
            let events = crate::events::all_events(clusterer, store)?;
            Ok(events.iter().map(|e| EventSummary::of(clusterer, e, archived.of(e))).collect::<Vec<_>>())
        })?;
        let list: Arc<Vec<EventSummary>> = Arc::new(list);
        drop(stage);
        *self.event_list.lock().unwrap_or_else(|p| p.into_inner()) = Some((generation, list.clone()));
        Ok(list)
    }

    /// Every event's summary in the order `sort` names, sorted once per generation.
    pub fn sorted_event_summaries(&self, sort: &str) -> Result<Arc<Vec<EventSummary>>, ApiError> {
        let generation = self.generation();
        if let Some((g, list)) = self.sorted_events.lock().unwrap_or_else(|p| p.into_inner()).get(sort) {
            if *g == generation {
                return Ok(list.clone());
            }
        }
        let mut list = self.event_summaries()?.as_ref().clone();
        super::api::sort_events(&mut list, sort)?;
        let list = Arc::new(list);
        let mut cache = self.sorted_events.lock().unwrap_or_else(|p| p.into_inner());
        cache.insert(sort.to_string(), (generation, list.clone()));
        Ok(list)
    }

    /// A cached story of `event` (now in `storyline`) that nothing has changed since it was built.
    pub fn cached_story(&self, event: u32, language: &str, storyline: u32) -> Option<Bytes> {
        let cache = self.stories.lock().unwrap_or_else(|p| p.into_inner());
        let entry = cache.get(&(event, language.to_string()))?;
        if entry.storyline != storyline {
            return None;
        }
        let touched = self.touched.lock().unwrap_or_else(|p| p.into_inner());
        let changed_after = |at: Option<&u64>| at.is_some_and(|g| *g > entry.generation);
        if changed_after(touched.events.get(&event)) || changed_after(touched.storylines.get(&storyline)) {
            return None;
        }
        Some(entry.json.clone())
    }

    /// Keeps a built story.
    pub fn cache_story(&self, event: u32, language: &str, story: CachedStory) {
        let mut cache = self.stories.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() >= MAX_CACHED_STORIES {
            cache.clear();
        }
        cache.insert((event, language.to_string()), story);
    }

    /// Records that these events and storylines changed at `generation`.
    pub fn mark_touched(&self, events: &[u32], storylines: &[u32], generation: u64) {
        let mut touched = self.touched.lock().unwrap_or_else(|p| p.into_inner());
        for e in events {
            touched.events.insert(*e, generation);
        }
        for s in storylines {
            touched.storylines.insert(*s, generation);
        }
    }

    /// The clusterer as of `generation` or later, copied once per generation when a story needs it.
    pub fn clusterer_at(&self, generation: u64) -> Arc<cluster::Clusterer> {
        let mut copy = self.clusterer_copy.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, clusterer)) = &*copy {
            if *g == generation {
                return clusterer.clone();
            }
        }
        let clusterer = Arc::new(self.events.read().unwrap_or_else(|p| p.into_inner()).clusterer().clone());
        *copy = Some((generation, clusterer.clone()));
        clusterer
    }

    /// The lock that serializes builds of one story.
    pub fn story_build_lock(&self, event: u32, language: &str) -> Arc<Mutex<()>> {
        let mut builds = self.story_builds.lock().unwrap_or_else(|p| p.into_inner());
        if builds.len() >= MAX_CACHED_STORIES {
            builds.retain(|_, lock| Arc::strong_count(lock) > 1);
        }
        builds.entry((event, language.to_string())).or_default().clone()
    }

    /// Checks a write's `Authorization` header against the token.
    pub fn authorize(&self, header: Option<&str>) -> Result<(), ApiError> {
        let Some(token) = &self.token else {
            return Err(ApiError::Unauthorized(
                "this server was started without a token, so it takes no writes; restart it with --token \
                 or STORYWEAVE_TOKEN"
                    .into(),
            ));
        };
        let Some(header) = header else {
            return Err(ApiError::Unauthorized(
                "writes need the header `Authorization: Bearer TOKEN`; none was sent".into(),
            ));
        };
        let Some(given) = header.strip_prefix("Bearer ").map(str::trim) else {
            return Err(ApiError::Unauthorized("the Authorization header must read `Bearer TOKEN`".into()));
        };
        if constant_time_eq(given.as_bytes(), token.as_bytes()) {
            Ok(())
        } else {
            Err(ApiError::Unauthorized("the bearer token is wrong".into()))
        }
    }
}

/// Compares without stopping at the first difference, so timing does not reveal the token's prefix.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        diff |= (a.get(i).copied().unwrap_or(0) ^ b.get(i).copied().unwrap_or(0)) as usize;
    }
    diff == 0
}
