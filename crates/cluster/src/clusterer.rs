//! The online clusterer: the single owner of the events. Articles arrive one at a time; each is scored
//! against the candidate events (by day window, rare entities and terms, recent activity), joins the
//! best one above the join threshold or opens a new event, and the touched event may then merge with
//! another one and be linked into a storyline. Every decision is logged with its score.
//!
//! All state is ordered maps, and nothing depends on the clock, so the same articles in the same order
//! give the same events whether they come in one batch or one at a time.

use crate::config::ClusterConfig;
use crate::error::ClusterError;
use crate::features::{civil_from_day, ArticleFeatures};
use crate::profile::{Key, Profile};
use crate::score::{
    cosine_of_dot, dot_lanes, dots_in_order, entity_overlap, pair_features, pair_features_marked_with_cosine,
    pair_features_memo, pair_features_reaching, probability, vector_norm_sq, vectors_comparable,
    ArticleMarks, DocumentFrequencies, IdfMemo, KeyCounts, KeyIds, PairFeatures, DOT_LANES_MARGIN,
    N_FEATURES,
};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// One article of an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    /// The article's id.
    pub article: String,
    /// The probability with which it joined (1 for the article that opened the event or a user move).
    pub score: f32,
    /// Its language.
    pub language: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its features while the event is open (dropped when the event closes, to bound memory; boxed so
    /// a closed event's member costs a pointer, not the features' inline size).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Box<ArticleFeatures>>,
    /// Its evidence as a profile of one and the interned ids of that profile's keys, for
    /// article-to-article scores (dropped with the features).
    #[serde(skip)]
    scored: Option<Box<(Profile, KeyIds)>>,
}

impl Member {
    /// A member as kept outside the clusterer once its event closed: no features.
    pub fn record(article: String, score: f32, language: String, title: Option<String>) -> Member {
        Member { article, score, language, title, features: None, scored: None }
    }
}

/// The member lists [`Clusterer::take_closed_members`] hands over, under one hand-over number.
#[derive(Debug, Default)]
pub struct HandedOver {
    /// The number the events record as [`Event::archive`] (unused when `events` is empty).
    pub archive: u64,
    /// Each event with its members, in the order they joined.
    pub events: Vec<(u32, Vec<Member>)>,
}

/// The events [`Clusterer::take_compacted_events`] hands over, under one hand-over number.
#[derive(Debug, Default)]
pub struct HandedOverEvents {
    /// The number the clusterer records for them (unused when `events` is empty).
    pub archive: u64,
    /// The events, whole (their members were handed over before).
    pub events: Vec<Event>,
}

/// One real-world happening: the articles that report it and their pooled evidence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (never reused; a merged event keeps the older id).
    pub id: u32,
    /// The pooled evidence.
    pub profile: Profile,
    /// The articles, in the order they joined.
    pub members: Vec<Member>,
    /// Whether the event still takes new articles (it closes when it falls out of the time window).
    pub open: bool,
    /// Arrival number of the last article that joined.
    pub last_arrival: u64,
    /// The number of the hand-over ([`Clusterer::take_closed_members`]) that took its members out to
    /// be kept elsewhere (`members` is empty then); `None` while the clusterer holds them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<u64>,
    indexed_day: Option<i32>,
    indexed_month: Option<i32>,
    #[serde(serialize_with = "crate::sorted::set")]
    indexed_keys: FxHashSet<Key>,
    storyline_checked_at: f32,
    /// Arrival at which `indexed_keys` was last brought up to date (`None`: rebuild it from the
    /// whole profile, as after loading a snapshot or closing).
    #[serde(skip)]
    keys_checked_at: Option<u64>,
    /// Profile keys left out of the index for being too common, by their document frequency when
    /// last looked at: frequencies only grow, so only those under the current ceiling can come back.
    #[serde(skip)]
    too_common: BTreeSet<(u32, Key)>,
    /// The frequency each key of `too_common` is filed under.
    #[serde(skip)]
    too_common_df: FxHashMap<Key, u32>,
    /// What storyline linking and candidate scoring read of the profile, computed once per change of
    /// the profile (`None`: not computed since the last change).
    #[serde(skip)]
    derived: Option<Box<Derived>>,
}

/// Figures of an event's profile that many later arrivals read, kept until the profile changes.
#[derive(Debug, Clone)]
struct Derived {
    /// The unit centroid (as [`Profile::centroid`] gives it).
    centroid: Option<Vec<f32>>,
    /// The reference day (as [`Profile::reference_day`] gives it).
    day: Option<i32>,
    /// The squared norm of the vector sum, summed in order as `score::profile_cosine` sums it.
    norm_sq: f32,
}

impl Event {
    /// Whether the event was shrunk to its listing record ([`Event::compact`]).
    pub fn compacted(&self) -> bool {
        !self.open && self.profile.vectors == 0.0 && self.profile.vector_sum.is_empty()
    }

    /// Drops what only joins, merges and storyline links read (the vector sum, copy groups, headlines
    /// after the first), keeping what a listing shows.
    fn compact(&mut self) {
        let p = &mut self.profile;
        p.vector_sum = Vec::new();
        p.vectors = 0.0;
        p.terms.clear();
        p.lead_terms.clear();
        p.copy_groups.clear();
        self.drop_member_evidence();
        self.indexed_keys.clear();
        self.too_common.clear();
        self.too_common_df.clear();
        self.derived = None;
    }

    /// Drops the members' features and every headline but the first (the one a listing shows).
    fn drop_member_evidence(&mut self) {
        let mut titled = false;
        for m in &mut self.members {
            if titled {
                m.title = None;
            }
            titled |= m.title.is_some();
            m.features = None;
            m.scored = None;
        }
        self.members.shrink_to_fit();
    }

    /// Forgets the derived figures: the profile changed.
    fn changed(&mut self) {
        self.derived = None;
    }

    /// The derived figures, computed if the profile changed since they last were.
    fn derive(&mut self, work: &mut WorkCounts) -> &Derived {
        self.derived.get_or_insert_with(|| {
            work.derive_rebuilds += 1;
            Box::new(Derived {
                centroid: self.profile.centroid(),
                day: self.profile.reference_day(),
                norm_sq: vector_norm_sq(&self.profile.vector_sum),
            })
        })
    }

    /// The derived figures; they must have been computed ([`Event::derive`]) since the last change.
    fn derived(&self) -> &Derived {
        self.derived.as_deref().expect("derived figures computed before they are read")
    }
}

/// How much of each step's work the clusterer did since the counts were last taken: how many times
/// each step ran and how many items it walked, so a benchmark can tell which work grows with the state.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WorkCounts {
    /// Derived figures (centroid, norm, reference day) computed anew after a profile change.
    pub derive_rebuilds: u64,
    /// Open candidate events retrieved for arriving articles.
    pub candidates: u64,
    /// Candidates whose cosine passed the floor (scored or ranked for member scoring).
    pub shortlisted: u64,
    /// Article-to-member scores computed (average linkage).
    pub member_pairs: u64,
    /// Looks for members that recap a newly dated event, and the members walked by them.
    pub recap_walks: u64,
    /// Members looked at by those walks.
    pub recap_members: u64,
    /// Merge rounds run (an event reaching 2, 4, 8 … members), and the event pairs they compared.
    pub merge_rounds: u64,
    /// Event pairs compared by merge rounds.
    pub merge_pairs: u64,
    /// Merges made, and the members the absorbed events brought.
    pub merges: u64,
    /// Members the absorbed events brought.
    pub merged_members: u64,
    /// Storyline linking calls that looked at candidates, and the candidates they read.
    pub storyline_calls: u64,
    /// Storyline candidates read.
    pub storyline_candidates: u64,
    /// Index key updates that walked the whole profile, and the keys they walked.
    pub key_rebuilds: u64,
    /// Keys walked by whole-profile updates.
    pub key_rebuild_keys: u64,
    /// Keys looked at by incremental index updates.
    pub key_incremental_keys: u64,
    /// Events looked at by the sweeps that close old events.
    pub sweep_events: u64,
}

/// What happened to one arriving article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// The event it is in now.
    pub event: u32,
    /// The join probability (1 when it opened the event).
    pub score: f32,
    /// Whether it opened a new event.
    pub new_event: bool,
}

/// One decision, kept so a user can see why an article is where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Arrival number of the article being placed (or at which a correction was made).
    pub arrival: u64,
    /// `new`, `join`, `merge`, `storyline`, `backref`, `user_move`, `user_merge` or `user_split`.
    pub action: String,
    /// The article concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// The event that took the action (the event joined, the survivor of a merge).
    pub event: u32,
    /// The other event (the best rejected one for `new`, the absorbed one for `merge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<u32>,
    /// The probability behind the decision.
    pub score: f32,
    /// The features behind it, in the order of `score::FEATURE_NAMES`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<[f32; N_FEATURES]>,
}

/// The single-owner state of event clustering.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Clusterer {
    config: ClusterConfig,
    events: BTreeMap<u32, Event>,
    next_event: u32,
    #[serde(serialize_with = "crate::sorted::map")]
    article_event: FxHashMap<String, u32>,
    df: DocumentFrequencies,
    day_index: BTreeMap<i32, BTreeSet<u32>>,
    month_index: BTreeMap<i32, BTreeSet<u32>>,
    #[serde(serialize_with = "crate::sorted::map")]
    key_index: FxHashMap<Key, VecDeque<u32>>,
    recent: VecDeque<u32>,
    storyline_parent: BTreeMap<u32, u32>,
    #[serde(serialize_with = "crate::sorted::map")]
    storyline_index: FxHashMap<Key, VecDeque<u32>>,
    cannot_link: BTreeSet<(u32, u32)>,
    /// Articles a user moved, with the event they were moved to: later articles like them follow them.
    pins: BTreeMap<String, u32>,
    #[serde(serialize_with = "crate::sorted::map")]
    names: FxHashMap<String, String>,
    newest_day: Option<i32>,
    arrivals: u64,
    /// Hand-overs made so far, of closed events' members and of compacted events (the last one's
    /// number).
    #[serde(default)]
    archives: u64,
    /// Events handed over whole ([`Clusterer::take_compacted_events`]), with the hand-over number of
    /// the event and that of its members: all the clusterer keeps of them besides their storyline.
    #[serde(default)]
    archived_events: BTreeMap<u32, ArchivedEvent>,
    #[serde(skip)]
    log: Vec<LogEntry>,
    /// The retrieval keys of each recent arrival, whose document frequencies changed then: an event's
    /// index keys are brought up to date from these rather than from all its keys.
    #[serde(skip)]
    df_changes: VecDeque<(u64, Vec<Key>)>,
    /// `df` by interned key id, rebuilt from it when out of step (after a snapshot is read).
    #[serde(skip)]
    counts: KeyCounts,
    /// The arriving article's keys marked by id (scratch space kept between arrivals).
    #[serde(skip)]
    marks: ArticleMarks,
    /// Idfs by document count, kept between arrivals (scratch space).
    #[serde(skip)]
    memo: IdfMemo,
    /// The storyline index keys each event is posted under (or was: a key may have dropped it since),
    /// so a merge or removal edits only those lists. `None` after a snapshot is read: rebuilt then.
    #[serde(skip)]
    storyline_keys: Option<FxHashMap<u32, Vec<Key>>>,
    /// Closed events not yet compacted, by reference day: those that fall behind the storyline window
    /// are shrunk. `None` after a snapshot is read: rebuilt then.
    #[serde(skip)]
    compact_queue: Option<BTreeSet<(i32, u32)>>,
    /// The events that may still be open (closed and merged ones leave it when the sweep meets them),
    /// so the closing sweep walks the window's events, not every event kept. `None` after a snapshot
    /// is read: rebuilt then.
    #[serde(skip)]
    open_ids: Option<BTreeSet<u32>>,
    /// Work done since the counts were last taken (for benchmarks).
    #[serde(skip)]
    work: WorkCounts,
    /// Events closed since [`Clusterer::take_closed_members`] was last called; `None` until it is
    /// first called, so a clusterer whose owner keeps every member list does not collect them.
    #[serde(skip)]
    closed_unclaimed: Option<Vec<u32>>,
    /// Events compacted since [`Clusterer::take_compacted_events`] was last called; `None` until
    /// it is first called.
    #[serde(skip)]
    compacted_unclaimed: Option<Vec<u32>>,
}

/// Where an event handed over whole is kept: the hand-over numbers of its record and its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedEvent {
    /// The hand-over that took the event.
    pub event: u64,
    /// The hand-over that took its members (before the event: members go when it closes).
    pub members: u64,
}

/// Posting lists of the retrieval indexes keep this many most recent events per key.
const MAX_POSTINGS: usize = 64;
/// Closed events sweep: every this many arrivals.
const SWEEP_EVERY: u64 = 512;
/// An event with no day at all closes after this many arrivals without a new member.
const UNDATED_CLOSE_ARRIVALS: u64 = 20_000;
/// Events whose centroid is further than this from an article's vector are not scored against it.
const MIN_CANDIDATE_COSINE: f32 = crate::train::HARD_PAIR_COSINE - 0.1;
/// Average linkage compares an article with at most this many members of an event.
const MAX_LINKED_MEMBERS: usize = 24;
/// Most candidate events an arrival is scored against member by member, nearest centroids first.
const MAX_SCORED_EVENTS: usize = 12;
/// Document cosine above which a new article counts as a repeat of an article a user moved.
const PIN_COSINE: f32 = 0.95;
/// Entities used to look up storyline candidates: the few of an event that are rarest and most held.
const STORYLINE_KEYS: usize = 6;
/// Arrivals whose changed keys are kept; an event not reindexed for longer is rebuilt in full.
const DF_CHANGES_KEPT: u64 = 2048;

/// Where a profile key stands for the retrieval index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyState {
    /// Rare enough to retrieve the event by.
    Indexed,
    /// In the profile, but in more documents than the index takes (this many).
    TooCommon(u32),
    /// Not in the profile, or a term seen only once.
    Out,
}

/// The index key of an entity id.
fn entity_key(e: &str) -> Key {
    prefixed("e:", e)
}

/// The index key of a term.
fn term_key(t: &str) -> Key {
    prefixed("t:", t)
}

/// `prefix` followed by `key`, built without the formatting machinery: a few hundred keys are made
/// per arrival, and `format!` costs several times a sized copy.
fn prefixed(prefix: &str, key: &str) -> Key {
    let mut out = Key::with_capacity(prefix.len() + key.len());
    out.push_str(prefix);
    out.push_str(key);
    out
}

/// Whether a key (`e:` or `t:` and the entity or term) of a profile goes into the retrieval index.
fn key_state(profile: &Profile, df: &DocumentFrequencies, max_df: f32, key: &str) -> KeyState {
    let in_profile = match key.split_at(2) {
        ("e:", e) => profile.entities.contains_key(e),
        (_, t) => profile.terms.contains_key(t),
    };
    key_state_in(in_profile, df, max_df, key)
}

/// [`key_state`] when the caller knows whether the key is in the profile: a big event's profile
/// holds thousands of string keys, and each lookup walks them.
fn key_state_in(in_profile: bool, df: &DocumentFrequencies, max_df: f32, key: &str) -> KeyState {
    let (freq, min_df) = match key.split_at(2) {
        ("e:", e) => (df.entities.get(e), 0),
        (_, t) => (df.terms.get(t), 2),
    };
    match freq {
        Some(_) if !in_profile => KeyState::Out,
        Some(&d) if d as f32 > max_df => KeyState::TooCommon(d),
        Some(&d) if d >= min_df => KeyState::Indexed,
        _ => KeyState::Out,
    }
}

impl Clusterer {
    /// An empty clusterer.
    pub fn new(config: ClusterConfig) -> Clusterer {
        Clusterer {
            config,
            events: BTreeMap::new(),
            next_event: 1,
            article_event: FxHashMap::default(),
            df: DocumentFrequencies::default(),
            day_index: BTreeMap::new(),
            month_index: BTreeMap::new(),
            key_index: FxHashMap::default(),
            recent: VecDeque::new(),
            storyline_parent: BTreeMap::new(),
            storyline_index: FxHashMap::default(),
            cannot_link: BTreeSet::new(),
            pins: BTreeMap::new(),
            names: FxHashMap::default(),
            newest_day: None,
            arrivals: 0,
            log: Vec::new(),
            df_changes: VecDeque::new(),
            counts: KeyCounts::default(),
            marks: ArticleMarks::default(),
            memo: IdfMemo::default(),
            storyline_keys: Some(FxHashMap::default()),
            compact_queue: Some(BTreeSet::new()),
            open_ids: Some(BTreeSet::new()),
            work: WorkCounts::default(),
            closed_unclaimed: None,
            compacted_unclaimed: None,
            archives: 0,
            archived_events: BTreeMap::new(),
        }
    }

    /// The configuration in use.
    pub fn config(&self) -> &ClusterConfig {
        &self.config
    }

    /// How many articles have arrived.
    pub fn arrivals(&self) -> u64 {
        self.arrivals
    }

    /// Takes the work counts accumulated since the last call.
    pub fn take_work_counts(&mut self) -> WorkCounts {
        std::mem::take(&mut self.work)
    }

    /// Takes the decisions logged since the last call.
    pub fn take_log(&mut self) -> Vec<LogEntry> {
        std::mem::take(&mut self.log)
    }

    /// The event that holds an article.
    pub fn event_of(&self, article: &str) -> Option<u32> {
        self.article_event.get(article).copied()
    }

    /// Every event, oldest first.
    pub fn events(&self) -> impl DoubleEndedIterator<Item = &Event> {
        self.events.values()
    }

    /// One event.
    pub fn event(&self, id: u32) -> Option<&Event> {
        self.events.get(&id)
    }

    /// Hands over the member lists of the events closed since the last call, for the owner to keep
    /// elsewhere (a store), under a new hand-over number that each such event records as its
    /// [`Event::archive`]. A closed event has left the join indexes: no arrival is scored against
    /// its members again, and storyline links read only its profile, which stays. The members'
    /// articles leave the article map, so the owner must also keep an article that repeats one of
    /// theirs from `add` (a store does, by id). Without this the clusterer keeps every article's
    /// member record and map entry, about 0.2 KB each, for as long as it keeps the event.
    pub fn take_closed_members(&mut self) -> HandedOver {
        let events = &self.events;
        let ids = self.closed_unclaimed.get_or_insert_with(|| {
            events.values().filter(|e| !e.open && !e.members.is_empty()).map(|e| e.id).collect()
        });
        let mut ids = std::mem::take(ids);
        ids.sort_unstable();
        ids.dedup();
        let archive = self.archives + 1;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            // A correction may have reopened it or merged it away since it closed.
            let Some(event) = self.events.get_mut(&id).filter(|e| !e.open && !e.members.is_empty()) else {
                continue;
            };
            let members = std::mem::take(&mut event.members);
            event.archive = Some(archive);
            for m in &members {
                self.article_event.remove(m.article.as_str());
            }
            out.push((id, members));
        }
        if !out.is_empty() {
            self.archives = archive;
        }
        HandedOver { archive, events: out }
    }

    /// The number of the last hand-over, of members or of whole events (0 before the first).
    pub fn archives(&self) -> u64 {
        self.archives
    }

    /// Gives a handed-over event its members back (before a correction changes it), returning the
    /// hand-over they came from, which no event refers to any more. The event is handed over again
    /// at the next [`Clusterer::take_closed_members`] if it is still closed then.
    pub fn restore_members(&mut self, event: u32, members: Vec<Member>) -> Result<u64, ClusterError> {
        let e = self.events.get_mut(&event).ok_or(ClusterError::UnknownEvent(event))?;
        let Some(archive) = e.archive.take() else {
            return Err(ClusterError::Correction(format!("event {event} holds its members already")));
        };
        for m in &members {
            self.article_event.insert(m.article.clone(), event);
        }
        e.members = members;
        self.closed_unclaimed.get_or_insert_with(Vec::new).push(event);
        Ok(archive)
    }

    /// Hands over the events compacted since the last call (they fell behind the storyline window:
    /// no decision reads them again, only listings and corrections), whole, for the owner to keep
    /// elsewhere, under a new hand-over number; the clusterer keeps their hand-over numbers and
    /// their place in the storylines. Only events whose members were handed over before
    /// ([`Clusterer::take_closed_members`]: call it first) go. Without this the clusterer keeps each
    /// compacted event's record, a few KiB, for ever.
    pub fn take_compacted_events(&mut self) -> HandedOverEvents {
        let cutoff = self.newest_day.map(|d| d - self.config.storyline.window_days);
        // Compacted as `compact_old_events` compacts: closed, and dated before the storyline window
        // (an event without vectors looks compacted as soon as it closes, but is still linked to).
        let behind = move |e: &Event| {
            e.compacted() && e.profile.reference_day().zip(cutoff).is_some_and(|(d, c)| d < c)
        };
        let events = &self.events;
        let ids = self
            .compacted_unclaimed
            .get_or_insert_with(|| events.values().filter(|e| behind(e)).map(|e| e.id).collect());
        let mut ids = std::mem::take(ids);
        ids.sort_unstable();
        ids.dedup();
        let archive = self.archives + 1;
        let mut out = Vec::new();
        let mut later = Vec::new();
        for id in ids {
            // Reopened, merged away or moved in time by a correction since: not handed over.
            let Some(event) = self.events.get(&id).filter(|e| behind(e)) else { continue };
            let Some(members) = event.archive else {
                later.push(id);
                continue;
            };
            let event = self.events.remove(&id).expect("just found");
            // Compaction took it out of the storyline index; an event without vectors never had a
            // centroid to compact, so it may still be posted there.
            self.unpost_storyline(id);
            self.archived_events.insert(id, ArchivedEvent { event: archive, members });
            out.push(event);
        }
        self.compacted_unclaimed.get_or_insert_with(Vec::new).extend(later);
        if !out.is_empty() {
            self.archives = archive;
        }
        HandedOverEvents { archive, events: out }
    }

    /// Where an event handed over whole is kept (`None` for an event the clusterer holds).
    pub fn archived_event(&self, id: u32) -> Option<ArchivedEvent> {
        self.archived_events.get(&id).copied()
    }

    /// The events handed over whole, by id.
    pub fn archived_events(&self) -> &BTreeMap<u32, ArchivedEvent> {
        &self.archived_events
    }

    /// The hand-over number under which an event's members are kept outside (`None` while the
    /// clusterer holds them, or for no such event).
    pub fn members_archive(&self, id: u32) -> Option<u64> {
        match self.events.get(&id) {
            Some(e) => e.archive,
            None => self.archived_events.get(&id).map(|a| a.members),
        }
    }

    /// Whether the event exists, held or handed over whole.
    pub fn has_event(&self, id: u32) -> bool {
        self.events.contains_key(&id) || self.archived_events.contains_key(&id)
    }

    /// Takes back an event handed over whole (before a correction changes it), returning the
    /// hand-over it came from, which no event refers to any more. It is handed over again at the
    /// next [`Clusterer::take_compacted_events`] if it is still compacted then.
    pub fn restore_event(&mut self, event: Event) -> Result<u64, ClusterError> {
        let id = event.id;
        let Some(archived) = self.archived_events.remove(&id) else {
            return Err(ClusterError::Correction(format!("event {id} was not handed over")));
        };
        self.events.insert(id, event);
        self.compacted_unclaimed.get_or_insert_with(Vec::new).push(id);
        Ok(archived.event)
    }

    /// How many distinct entities and terms the document frequencies count (state that grows with
    /// the vocabulary, not with the window).
    pub fn counted_keys(&self) -> usize {
        self.df.entities.len() + self.df.terms.len()
    }

    /// How many events are open (still in the time window).
    pub fn open_events(&self) -> usize {
        self.events.values().filter(|e| e.open).count()
    }

    /// The storyline an event belongs to: the id of its oldest event.
    pub fn storyline_of(&self, event: u32) -> u32 {
        let mut at = event;
        while let Some(&parent) = self.storyline_parent.get(&at) {
            if parent == at {
                break;
            }
            at = parent;
        }
        at
    }

    /// The canonical name of a place or country id, when an article gave one.
    pub fn name_of(&self, entity: &str) -> Option<&str> {
        self.names.get(entity).map(String::as_str)
    }

    /// Places one arriving article: joins the best candidate event or opens a new one.
    pub fn add(&mut self, features: ArticleFeatures) -> Assignment {
        if let Some(&event) = self.article_event.get(&features.id) {
            let score = self.events[&event]
                .members
                .iter()
                .find(|m| m.article == features.id)
                .map_or(1.0, |m| m.score);
            return Assignment { event, score, new_event: false };
        }
        self.arrivals += 1;
        self.sync_counts();
        self.df.add(&features.entities, &features.terms);
        self.counts.add(&features.entities, &features.terms);
        let changed = features.entities.iter().map(|e| entity_key(e));
        let changed = changed.chain(features.terms.iter().map(|t| term_key(t))).collect();
        self.df_changes.push_back((self.arrivals, changed));
        while self.df_changes.front().is_some_and(|(at, _)| at + DF_CHANGES_KEPT < self.arrivals) {
            self.df_changes.pop_front();
        }
        for (id, name) in &features.names {
            // Looked up before inserting: most names are known, and `entry` would copy the id each time.
            if !self.names.contains_key(id) {
                self.names.insert(id.clone(), name.clone());
            }
        }
        if let Some(day) = features.reference_day() {
            if self.newest_day.is_none_or(|n| day > n) {
                self.newest_day = Some(day);
            }
        }
        if self.arrivals.is_multiple_of(SWEEP_EVERY) {
            self.close_old_events();
        }

        let profile = Profile::of(&features);
        let article_ids = self.counts.ids_of(&profile);
        let candidates = self.candidates(&profile, None, None);
        self.work.candidates += candidates.len() as u64;
        let mut best: Option<(u32, f32, PairFeatures)> = None;
        let mut memo = std::mem::take(&mut self.memo);
        let mut marks = std::mem::take(&mut self.marks);
        marks.mark(&profile, &article_ids, &self.counts, &mut memo);
        let article_norm_sq = vector_norm_sq(&profile.vector_sum);
        let mut near: Vec<(u32, f32)> = Vec::new();
        for id in candidates {
            let event = self.events.get_mut(&id).expect("candidates exist");
            // An article that looks back on the event's day reports a later happening: at most a
            // storyline link, never a member.
            if features.recaps(&event.profile) {
                continue;
            }
            // Below this the model never joins (its weights were fitted on pairs above it): skip the
            // member-by-member scoring.
            let event_norm_sq = event.derive(&mut self.work).norm_sq;
            // Most candidates are far below the floor: a vectorized dot rules them out, and the
            // in-order cosine is computed for the others only.
            let comparable = profile.vectors > 0.0
                && event.profile.vectors > 0.0
                && profile.vector_sum.len() == event.profile.vector_sum.len();
            if comparable && article_norm_sq > 0.0 && event_norm_sq > 0.0 {
                let scale = article_norm_sq.sqrt() * event_norm_sq.sqrt();
                let rough = dot_lanes(&profile.vector_sum, &event.profile.vector_sum) / scale;
                if rough < MIN_CANDIDATE_COSINE - DOT_LANES_MARGIN {
                    continue;
                }
            }
            near.push((id, event_norm_sq));
        }
        // The in-order cosines of the events left, summed side by side.
        let comparable: Vec<&[f32]> = near
            .iter()
            .map(|(id, _)| &self.events[id].profile)
            .filter(|p| vectors_comparable(&profile, p))
            .map(|p| p.vector_sum.as_slice())
            .collect();
        let mut dots = dots_in_order(&profile.vector_sum, &comparable).into_iter();
        let mut shortlist: Vec<(f32, u32)> = Vec::new();
        for (id, event_norm_sq) in near {
            let cosine = if vectors_comparable(&profile, &self.events[&id].profile) {
                let dot = dots.next().expect("a dot per comparable event");
                cosine_of_dot((article_norm_sq, event_norm_sq), dot)
            } else {
                0.0
            };
            if profile.vectors > 0.0 && cosine < MIN_CANDIDATE_COSINE {
                continue;
            }
            shortlist.push((cosine, id));
        }
        self.work.shortlisted += shortlist.len() as u64;
        // Only the nearest events are scored member by member, so an arrival costs the same however
        // many events the window holds.
        shortlist.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        shortlist.truncate(MAX_SCORED_EVENTS);
        for (_, id) in shortlist {
            let event = &self.events[&id];
            self.work.member_pairs += event.members.len().min(MAX_LINKED_MEMBERS) as u64;
            let (p, pf) = self.article_event_score(&profile, &marks, event, &mut memo);
            if best.as_ref().is_none_or(|(_, bp, _)| p > *bp) {
                best = Some((id, p, pf));
            }
        }
        self.marks = marks;
        self.memo = memo;
        if let Some(pinned) = self.follow_pin(&profile, &features) {
            best = Some(pinned);
        }
        let arrival = self.arrivals;
        let article = features.id.clone();
        // What a back-reference needs, kept before the features move into the event.
        let recalled = match (&features.vector, features.other_days.is_empty()) {
            (Some(v), false) => Some((features.other_days.clone(), v.clone())),
            _ => None,
        };
        let dated_before = best.as_ref().and_then(|(id, _, _)| self.events.get(id)).map(placed_at);
        let (event, score, new_event) = match best {
            Some((id, p, pf)) if p >= self.config.score.join_threshold => {
                self.log.push(LogEntry {
                    arrival,
                    action: "join".into(),
                    article: Some(article.clone()),
                    event: id,
                    other: None,
                    score: p,
                    features: Some(pf.values),
                });
                self.add_member(id, features, p, Some((profile, article_ids)));
                (id, p, false)
            }
            rejected => {
                let id = self.open_event_scored(features, Some((profile, article_ids)));
                self.log.push(LogEntry {
                    arrival,
                    action: "new".into(),
                    article: Some(article.clone()),
                    event: id,
                    other: rejected.as_ref().map(|r| r.0),
                    score: rejected.as_ref().map_or(0.0, |r| r.1),
                    features: rejected.map(|r| r.2.values),
                });
                (id, 1.0, true)
            }
        };
        let survivor = self.try_merges(event);
        if !new_event && self.events.get(&survivor).map(placed_at) != dated_before {
            self.evict_recappers(survivor);
        }
        self.link_storylines(survivor);
        if let Some((days, vector)) = recalled {
            self.backreferences(survivor, &article, &days, &vector);
        }
        Assignment { event: survivor, score, new_event }
    }

    /// How likely an article reports an event: the mean of its article-to-article probabilities with
    /// the event's members (average linkage), so one stray member cannot pull in a whole topic, and a
    /// big event does not win by size. The features returned are those against the event's profile.
    fn article_event_score(
        &self,
        profile: &Profile,
        marks: &ArticleMarks,
        event: &Event,
        memo: &mut IdfMemo,
    ) -> (f32, PairFeatures) {
        if self.config.score.linkage == crate::config::Linkage::Profile {
            let pf = pair_features_memo(profile, &event.profile, &self.df, memo);
            return (probability(&self.config.score, &pf), pf);
        }
        let (mut sum, mut n) = (0.0f32, 0usize);
        let mut closest: Option<(f32, PairFeatures)> = None;
        // The first member and the most recent ones: the cost of a comparison stays bounded however
        // big the event grows.
        let members = &event.members;
        let recent = members.len().saturating_sub(MAX_LINKED_MEMBERS - 1).max(1);
        let linked = || members.iter().take(1).chain(members.iter().skip(recent));
        // The cosines with the members' vectors, all summed in one pass (each in order, as alone).
        let vectors: Vec<&[f32]> = linked()
            .filter_map(|m| m.scored.as_deref())
            .filter(|(p, _)| vectors_comparable(profile, p))
            .map(|(p, _)| p.vector_sum.as_slice())
            .collect();
        let mut dots = dots_in_order(&profile.vector_sum, &vectors).into_iter();
        for m in linked() {
            // The cached profile is not saved in snapshots; it is rebuilt from the features alike.
            let rebuilt;
            let pf = match (&m.scored, &m.features) {
                (Some(scored), _) => {
                    let (p, ids) = &**scored;
                    let cosine = if vectors_comparable(profile, p) {
                        let dot = dots.next().expect("a dot per comparable member");
                        cosine_of_dot((marks.norm_sq(), ids.norm_sq()), dot)
                    } else {
                        0.0
                    };
                    pair_features_marked_with_cosine(profile, marks, (p, ids), &self.counts, memo, cosine)
                }
                (None, Some(f)) => {
                    rebuilt = Profile::of(f);
                    pair_features_memo(profile, &rebuilt, &self.df, memo)
                }
                (None, None) => continue,
            };
            let p = probability(&self.config.score, &pf);
            if closest.as_ref().is_none_or(|(bp, _)| p > *bp) {
                closest = Some((p, pf));
            }
            sum += p;
            n += 1;
        }
        match closest {
            // The features logged are those of the closest member.
            Some((_, pf)) => (sum / n as f32, pf),
            None => {
                let pf = pair_features_memo(profile, &event.profile, &self.df, memo);
                (probability(&self.config.score, &pf), pf)
            }
        }
    }

    /// An article that copies, or nearly repeats, an article the user moved goes where the user put
    /// that article, whatever the other evidence says.
    fn follow_pin(&self, profile: &Profile, features: &ArticleFeatures) -> Option<(u32, f32, PairFeatures)> {
        let mut best: Option<(u32, f32, PairFeatures)> = None;
        for (article, &event) in &self.pins {
            let Some(e) = self.events.get(&event).filter(|e| e.open) else { continue };
            let Some(m) = e.members.iter().find(|m| &m.article == article) else { continue };
            let Some(mf) = m.features.as_deref() else { continue };
            let pf = pair_features(profile, &Profile::of(mf), &self.df);
            let same_copy = features.copy_group.is_some() && features.copy_group == mf.copy_group;
            let near = pf.value("cosine") >= PIN_COSINE;
            if (same_copy || near) && best.as_ref().is_none_or(|(_, s, _)| pf.value("cosine") > *s) {
                best = Some((event, pf.value("cosine"), pf));
            }
        }
        best.map(|(event, _, pf)| (event, 1.0, pf))
    }

    /// Once an event is dated (or dated anew), members that recap its day as an earlier happening
    /// leave it for events of their own: an undated first report can take in a later one that looks
    /// back on it before either is dated. They stay linked to its storyline and never merge back.
    fn evict_recappers(&mut self, id: u32) {
        let Some(event) = self.events.get(&id) else { return };
        self.work.recap_walks += 1;
        self.work.recap_members += event.members.len() as u64;
        let leaving: Vec<String> = event
            .members
            .iter()
            .filter(|m| m.features.as_ref().is_some_and(|f| f.recaps(&event.profile)))
            .map(|m| m.article.clone())
            .collect();
        // An event is never emptied: a lone member is placed by its own evidence.
        if leaving.len() >= event.members.len() {
            return;
        }
        for article in leaving {
            let Ok(features) = self.take_member(id, &article, &mut |_| None) else { continue };
            let new_id = self.open_event(features);
            self.cannot_link.insert((id.min(new_id), id.max(new_id)));
            self.log.push(LogEntry {
                arrival: self.arrivals,
                action: "recap_out".into(),
                article: Some(article),
                event: new_id,
                other: Some(id),
                score: 1.0,
                features: None,
            });
            self.link_storylines(new_id);
        }
    }

    fn open_event(&mut self, features: ArticleFeatures) -> u32 {
        self.open_event_scored(features, None)
    }

    /// [`Clusterer::open_event`] with the article's profile and key ids when the caller has them.
    fn open_event_scored(&mut self, features: ArticleFeatures, scored: Option<(Profile, KeyIds)>) -> u32 {
        let id = self.next_event;
        self.next_event += 1;
        self.events.insert(
            id,
            Event {
                id,
                profile: Profile::default(),
                members: Vec::new(),
                open: true,
                last_arrival: self.arrivals,
                archive: None,
                indexed_day: None,
                indexed_month: None,
                indexed_keys: FxHashSet::default(),
                storyline_checked_at: 0.0,
                keys_checked_at: None,
                too_common: BTreeSet::new(),
                too_common_df: FxHashMap::default(),
                derived: None,
            },
        );
        if let Some(open) = self.open_ids.as_mut() {
            open.insert(id);
        }
        self.add_member(id, features, 1.0, scored);
        id
    }

    /// Adds an article to an event. `scored` is the article's profile of one with its key ids when
    /// the caller has them (an arrival was scored with them), else they are built here.
    fn add_member(
        &mut self,
        id: u32,
        features: ArticleFeatures,
        score: f32,
        scored: Option<(Profile, KeyIds)>,
    ) {
        self.article_event.insert(features.id.clone(), id);
        let arrivals = self.arrivals;
        let dirty = profile_keys_of(&features);
        self.sync_counts();
        let (mut profile, ids) = scored.unwrap_or_else(|| {
            let profile = Profile::of(&features);
            let ids = self.counts.ids_of(&profile);
            (profile, ids)
        });
        // Article-to-member scores read the member's keys by id: its key maps (and their strings)
        // would only be held, and freed when the event closes.
        profile.entities = BTreeMap::new();
        profile.terms = BTreeMap::new();
        profile.lead_terms = BTreeMap::new();
        profile.languages = BTreeMap::new();
        let event = self.events.get_mut(&id).expect("the event exists");
        event.profile.add(&features, 1.0);
        event.changed();
        event.last_arrival = arrivals;
        event.members.push(Member {
            article: features.id.clone(),
            score,
            language: features.language.clone(),
            title: features.title.clone(),
            scored: Some(Box::new((profile, ids))),
            features: Some(Box::new(features)),
        });
        self.touch(id);
        self.reindex(id, &dirty);
    }

    /// Brings the counts by key id in step with the document frequencies (they are not saved).
    fn sync_counts(&mut self) {
        if !self.counts.in_step_with(&self.df) {
            self.counts = KeyCounts::of(&self.df);
        }
    }

    fn touch(&mut self, id: u32) {
        self.recent.retain(|e| *e != id);
        self.recent.push_back(id);
        while self.recent.len() > self.config.window.recent_events {
            self.recent.pop_front();
        }
    }

    /// The document frequency above which a key is too common to retrieve events by.
    fn max_index_df(&self) -> f32 {
        (self.df.documents as f32 * self.config.window.max_index_share).max(2.0)
    }

    /// The keys a profile is retrieved by: its entities and terms that are rare in the corpus.
    fn retrieval_keys(&self, profile: &Profile) -> FxHashSet<Key> {
        let max_df = self.max_index_df();
        let mut keys = FxHashSet::default();
        for e in profile.entities.keys() {
            if self.df.entities.get(e).is_some_and(|&d| d as f32 <= max_df) {
                keys.insert(entity_key(e));
            }
        }
        for t in profile.terms.keys() {
            if self.df.terms.get(t).is_some_and(|&d| d >= 2 && d as f32 <= max_df) {
                keys.insert(term_key(t));
            }
        }
        keys
    }

    /// Brings an event's day, month and retrieval keys in the indexes up to date. `dirty` names the
    /// keys (as [`entity_key`] and [`term_key`] make them) its profile gained or lost since the last
    /// call; with the keys whose document frequency changed since and those the rising ceiling lets
    /// back in, they are the only ones whose standing can have changed.
    fn reindex(&mut self, id: u32, dirty: &[Key]) {
        let event = &self.events[&id];
        let (old_day, old_month) = (event.indexed_day, event.indexed_month);
        let (day, month) = if event.open {
            let day = event.profile.reference_day();
            (day, if day.is_none() { event.profile.reference_month() } else { None })
        } else {
            (None, None)
        };
        if old_day != day {
            if let Some(d) = old_day {
                remove_from(&mut self.day_index, &d, id);
            }
            if let Some(d) = day {
                self.day_index.entry(d).or_default().insert(id);
            }
        }
        if old_month != month {
            if let Some(m) = old_month {
                remove_from(&mut self.month_index, &m, id);
            }
            if let Some(m) = month {
                self.month_index.entry(m).or_default().insert(id);
            }
        }
        let max_df = self.max_index_df();
        let event = self.events.get_mut(&id).expect("exists");
        event.indexed_day = day;
        event.indexed_month = month;
        let (added, removed) =
            update_keys(event, &self.df, &self.df_changes, max_df, self.arrivals, dirty, &mut self.work);
        #[cfg(debug_assertions)]
        {
            let event = &self.events[&id];
            let whole = if event.open { self.retrieval_keys(&event.profile) } else { FxHashSet::default() };
            debug_assert_eq!(event.indexed_keys, whole, "incremental keys of event {id} drifted");
        }
        for k in &removed {
            if let Some(list) = self.key_index.get_mut(k) {
                list.retain(|e| *e != id);
                if list.is_empty() {
                    self.key_index.remove(k);
                }
            }
        }
        for k in added {
            let list = self.key_index.entry(k).or_default();
            list.push_back(id);
            if list.len() > MAX_POSTINGS {
                list.pop_front();
            }
        }
    }

    /// The open events a profile could belong to: same days (± the join window), same month when only
    /// the month is known, shared rare entities or terms, and the most recently active events.
    /// `keys` are the profile's retrieval keys when the caller has them up to date.
    fn candidates(
        &self,
        profile: &Profile,
        exclude: Option<u32>,
        keys: Option<&FxHashSet<Key>>,
    ) -> BTreeSet<u32> {
        let j = self.config.window.join_days;
        let mut out = BTreeSet::new();
        let month_of = |d: i32| {
            let (y, m, _) = civil_from_day(d);
            y * 12 + m as i32 - 1
        };
        let day = profile.reference_day();
        let months: Vec<i32> = match (day, profile.reference_month()) {
            (Some(d), _) => vec![month_of(d - j), month_of(d + j)],
            (None, Some(m)) => vec![m],
            _ => Vec::new(),
        };
        if let Some(d) = day {
            for (_, ids) in self.day_index.range(d - j..=d + j) {
                out.extend(ids.iter().copied());
            }
        } else if let Some(m) = profile.reference_month() {
            let (y, mo) = (m.div_euclid(12), (m.rem_euclid(12) + 1) as u8);
            let first = crate::features::day_number(y, mo, 1);
            for (_, ids) in self.day_index.range(first..first + 31) {
                out.extend(ids.iter().copied());
            }
        }
        for m in months {
            if let Some(ids) = self.month_index.get(&m) {
                out.extend(ids.iter().copied());
            }
        }
        let computed;
        let keys = match keys {
            Some(k) => k,
            None => {
                computed = self.retrieval_keys(profile);
                &computed
            }
        };
        for key in keys {
            if let Some(ids) = self.key_index.get(key) {
                out.extend(ids.iter().copied());
            }
        }
        out.extend(self.recent.iter().copied());
        if let Some(x) = exclude {
            out.remove(&x);
        }
        out.retain(|id| self.events.get(id).is_some_and(|e| e.open));
        out
    }

    fn linked(&self, a: u32, b: u32) -> bool {
        self.cannot_link.contains(&(a.min(b), a.max(b)))
    }

    /// After an event changed, merges it with the best other open event the model is sure of.
    fn try_merges(&mut self, id: u32) -> u32 {
        // Checked when the event reaches 2, 4, 8 … members: its evidence has changed enough to matter,
        // and the cost stays logarithmic in its size.
        if !self.events[&id].members.len().is_power_of_two() || self.events[&id].members.len() < 2 {
            return id;
        }
        let mut current = id;
        loop {
            let event = &self.events[&current];
            let profile = &event.profile;
            // The event was reindexed during this arrival: its index keys are its retrieval keys.
            let keys =
                (event.open && event.keys_checked_at == Some(self.arrivals)).then_some(&event.indexed_keys);
            let mut best: Option<(u32, f32, PairFeatures)> = None;
            let mut memo = std::mem::take(&mut self.memo);
            let others = self.candidates(profile, Some(current), keys);
            self.work.merge_rounds += 1;
            self.work.merge_pairs += others.len() as u64;
            for other in others {
                if self.linked(current, other) {
                    continue;
                }
                let threshold = self.config.score.merge_threshold;
                let other_profile = &self.events[&other].profile;
                let Some(pf) = pair_features_reaching(
                    profile,
                    other_profile,
                    &self.df,
                    &mut memo,
                    &self.config.score,
                    threshold,
                ) else {
                    continue;
                };
                let p = probability(&self.config.score, &pf);
                if p >= self.config.score.merge_threshold && best.as_ref().is_none_or(|(_, bp, _)| p > *bp) {
                    best = Some((other, p, pf));
                }
            }
            self.memo = memo;
            let Some((other, p, pf)) = best else { return current };
            let survivor = self.merge(current, other);
            self.log.push(LogEntry {
                arrival: self.arrivals,
                action: "merge".into(),
                article: None,
                event: survivor,
                other: Some(if survivor == current { other } else { current }),
                score: p,
                features: Some(pf.values),
            });
            current = survivor;
        }
    }

    /// Merges two events into the older one; returns the survivor's id.
    fn merge(&mut self, a: u32, b: u32) -> u32 {
        let (keep, gone) = (a.min(b), a.max(b));
        let absorbed = self.events.remove(&gone).expect("the event exists");
        self.work.merges += 1;
        self.work.merged_members += absorbed.members.len() as u64;
        if let Some(d) = absorbed.indexed_day {
            remove_from(&mut self.day_index, &d, gone);
        }
        if let Some(m) = absorbed.indexed_month {
            remove_from(&mut self.month_index, &m, gone);
        }
        for k in &absorbed.indexed_keys {
            if let Some(list) = self.key_index.get_mut(k) {
                list.retain(|e| *e != gone);
            }
        }
        self.recent.retain(|e| *e != gone);
        for m in &absorbed.members {
            self.article_event.insert(m.article.clone(), keep);
        }
        // Constraints and storyline links of the absorbed event pass to the survivor.
        let constraints: Vec<(u32, u32)> =
            self.cannot_link.iter().copied().filter(|(x, y)| *x == gone || *y == gone).collect();
        for (x, y) in constraints {
            self.cannot_link.remove(&(x, y));
            let other = if x == gone { y } else { x };
            if other != keep {
                self.cannot_link.insert((other.min(keep), other.max(keep)));
            }
        }
        self.union_storylines(keep, gone);
        for e in self.pins.values_mut() {
            if *e == gone {
                *e = keep;
            }
        }
        // Only the lists the absorbed event was posted to can hold it; the survivor takes them over.
        let posted = self.storyline_postings().remove(&gone).unwrap_or_default();
        for k in &posted {
            if let Some(list) = self.storyline_index.get_mut(k) {
                for e in list.iter_mut() {
                    if *e == gone {
                        *e = keep;
                    }
                }
            }
        }
        let kept = self.storyline_postings().entry(keep).or_default();
        for k in posted {
            if !kept.contains(&k) {
                kept.push(k);
            }
        }
        let mut dirty: Vec<Key> = absorbed.profile.entities.keys().map(|e| entity_key(e)).collect();
        dirty.extend(absorbed.profile.terms.keys().map(|t| term_key(t)));
        let event = self.events.get_mut(&keep).expect("the event exists");
        event.profile.absorb(&absorbed.profile);
        event.changed();
        event.members.extend(absorbed.members);
        event.last_arrival = event.last_arrival.max(absorbed.last_arrival);
        event.open = event.open || absorbed.open;
        if let (true, Some(open)) = (event.open, self.open_ids.as_mut()) {
            open.insert(keep);
        }
        self.touch(keep);
        self.reindex(keep, &dirty);
        keep
    }

    /// Takes an event out of the storyline index: no later event links to it.
    fn unpost_storyline(&mut self, id: u32) {
        for k in self.storyline_postings().remove(&id).unwrap_or_default() {
            if let Some(list) = self.storyline_index.get_mut(&k) {
                list.retain(|e| *e != id);
                if list.is_empty() {
                    self.storyline_index.remove(&k);
                }
            }
        }
    }

    /// The storyline index keys of each event, rebuilt from the index when not known (after a
    /// snapshot is read).
    fn storyline_postings(&mut self) -> &mut FxHashMap<u32, Vec<Key>> {
        let index = &self.storyline_index;
        self.storyline_keys.get_or_insert_with(|| {
            let mut postings: FxHashMap<u32, Vec<Key>> = FxHashMap::default();
            for (k, list) in index {
                for e in list {
                    let keys = postings.entry(*e).or_default();
                    if !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
            }
            postings
        })
    }

    fn union_storylines(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.storyline_of(a), self.storyline_of(b));
        if ra == rb {
            return false;
        }
        let (root, child) = (ra.min(rb), ra.max(rb));
        self.storyline_parent.insert(child, root);
        true
    }

    /// Links an event into a storyline with earlier or later events that share its rare entities and
    /// topic within the storyline window. Checked when the event opens and each time it doubles.
    fn link_storylines(&mut self, id: u32) {
        let event = self.events.get_mut(&id).expect("the event exists");
        let members = event.profile.members;
        if members < 2.0 * event.storyline_checked_at.max(0.5) {
            return;
        }
        let derived = event.derive(&mut self.work);
        let Some(centroid) = derived.centroid.clone() else { return };
        let day = derived.day;
        let event = &self.events[&id];
        // Rare and held by many of the members: an entity one article names in passing is no key to
        // the storyline, however rare.
        let mut keys: Vec<(&Key, f32)> = event
            .profile
            .entities
            .iter()
            .map(|(e, n)| (e, self.df.entity_idf(e) * (n / members).min(1.0)))
            .collect();
        keys.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let keys: Vec<Key> = keys.into_iter().take(STORYLINE_KEYS).map(|(e, _)| e.clone()).collect();
        let mut candidates = BTreeSet::new();
        for k in &keys {
            if let Some(list) = self.storyline_index.get(k) {
                candidates.extend(list.iter().copied());
            }
        }
        candidates.remove(&id);
        self.work.storyline_calls += 1;
        self.work.storyline_candidates += candidates.len() as u64;
        // Centroids and days of the candidates, kept from one call to the next until they change.
        for other in &candidates {
            if let Some(o) = self.events.get_mut(other) {
                o.derive(&mut self.work);
            }
        }
        let event = &self.events[&id];
        let cfg = &self.config.storyline;
        let mut links = Vec::new();
        let mut memo = std::mem::take(&mut self.memo);
        // A candidate already in the event's storyline, or in one this call links, could only be
        // joined again: the union below would do nothing and log nothing, so it is not scored.
        let mut joined = vec![self.storyline_of(id)];
        let mut close: Vec<(f32, u32)> = Vec::new();
        for other in candidates {
            if joined[0] == self.storyline_of(other) {
                continue;
            }
            let Some(o) = self.events.get(&other) else { continue };
            let derived = o.derived();
            if let (Some(d), Some(od)) = (day, derived.day) {
                if (d - od).abs() > cfg.window_days {
                    continue;
                }
            }
            let Some(oc) = &derived.centroid else { continue };
            // Unit centroids: a vectorized dot rules out the pairs far below the floor.
            if dot_lanes(&centroid, oc) < cfg.min_cosine - DOT_LANES_MARGIN {
                continue;
            }
            let cosine: f32 = centroid.iter().zip(oc).map(|(x, y)| x * y).sum();
            // The entity overlap (a walk over both profiles) only for the pairs close enough in topic.
            if cosine < cfg.min_cosine {
                continue;
            }
            close.push((cosine, other));
        }
        // The entity walk for the nearest candidates only, nearest first, so a call costs the same
        // however many events the storyline index holds.
        close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        close.truncate(cfg.scored_candidates);
        for (cosine, other) in close {
            let storyline = self.storyline_of(other);
            if joined.contains(&storyline) {
                continue;
            }
            let o = &self.events[&other];
            // The other features are read only to log a link.
            if entity_overlap(&event.profile, &o.profile, &self.df, &mut memo) >= cfg.min_entities {
                links.push((
                    other,
                    cosine,
                    pair_features_memo(&event.profile, &o.profile, &self.df, &mut memo),
                ));
                joined.push(storyline);
            }
        }
        self.memo = memo;
        self.events.get_mut(&id).expect("exists").storyline_checked_at = members;
        for k in keys {
            let list = self.storyline_index.entry(k.clone()).or_default();
            if list.contains(&id) {
                continue;
            }
            list.push_back(id);
            let dropped = if list.len() > MAX_POSTINGS { list.pop_front() } else { None };
            let dropped = dropped.filter(|d| !list.contains(d));
            let postings = self.storyline_postings();
            if let Some(d) = dropped {
                if let Some(keys) = postings.get_mut(&d) {
                    keys.retain(|x| *x != k);
                    if keys.is_empty() {
                        postings.remove(&d);
                    }
                }
            }
            let own = postings.entry(id).or_default();
            if !own.contains(&k) {
                own.push(k);
            }
        }
        for (other, cosine, pf) in links {
            if self.union_storylines(id, other) {
                self.log.push(LogEntry {
                    arrival: self.arrivals,
                    action: "storyline".into(),
                    article: None,
                    event: id,
                    other: Some(other),
                    score: cosine,
                    features: Some(pf.values),
                });
            }
        }
    }

    /// An article that names the day of another event on the same topic ("in August, …", "two weeks
    /// after the first round") links the two events' storylines.
    fn backreferences(&mut self, id: u32, article: &str, other_days: &[i32], vector: &[f32]) {
        let mut others = Vec::new();
        for day in other_days {
            for (_, ids) in self.day_index.range(day - 1..=day + 1) {
                for &other in ids {
                    if other == id || self.storyline_of(other) == self.storyline_of(id) {
                        continue;
                    }
                    others.push(other);
                }
            }
        }
        let mut links = Vec::new();
        for other in others {
            let o = self.events.get_mut(&other).expect("indexed events exist");
            let Some(oc) = &o.derive(&mut self.work).centroid else { continue };
            let cosine: f32 = vector.iter().zip(oc).map(|(x, y)| x * y).sum();
            if cosine >= self.config.storyline.backref_min_cosine {
                links.push((other, cosine));
            }
        }
        for (other, cosine) in links {
            if self.union_storylines(id, other) {
                self.log.push(LogEntry {
                    arrival: self.arrivals,
                    action: "backref".into(),
                    article: Some(article.to_string()),
                    event: id,
                    other: Some(other),
                    score: cosine,
                    features: None,
                });
            }
        }
    }

    /// Closes the events that fell out of the time window: they leave the join indexes and drop their
    /// members' features, keeping only what storylines and listings need.
    fn close_old_events(&mut self) {
        let cutoff = self.newest_day.map(|d| d - self.config.window.close_after_days);
        let arrivals = self.arrivals;
        let events = &self.events;
        let open =
            self.open_ids.get_or_insert_with(|| events.values().filter(|e| e.open).map(|e| e.id).collect());
        open.retain(|id| events.get(id).is_some_and(|e| e.open));
        self.work.sweep_events += open.len() as u64;
        let stale: Vec<u32> = open
            .iter()
            .map(|id| &events[id])
            .filter(|e| match e.profile.reference_day() {
                Some(d) => cutoff.is_some_and(|c| d < c),
                None => e.last_arrival + UNDATED_CLOSE_ARRIVALS < arrivals,
            })
            .map(|e| e.id)
            .collect();
        for id in stale {
            let event = self.events.get_mut(&id).expect("exists");
            event.open = false;
            if let Some(closed) = self.closed_unclaimed.as_mut() {
                closed.push(id);
            }
            if let (Some(queue), Some(day)) = (self.compact_queue.as_mut(), event.profile.reference_day()) {
                queue.insert((day, id));
            }
            event.profile.terms.clear();
            event.profile.lead_terms.clear();
            event.drop_member_evidence();
            self.recent.retain(|e| *e != id);
            self.reindex(id, &[]);
        }
        self.compact_old_events();
    }

    /// Shrinks the closed events that fell out of the storyline window too to what listings,
    /// explanations and corrections read: members (ids, scores, languages, the first headline), dates,
    /// places, entities and languages. They leave the storyline index, so no later event links to them
    /// (an article reporting a happening older than the storyline window starts a storyline of its
    /// own). Closed events are visited oldest first and only until the first one still in the window,
    /// so the cost does not grow with the events kept.
    fn compact_old_events(&mut self) {
        let Some(newest) = self.newest_day else { return };
        let cutoff = newest - self.config.storyline.window_days;
        if self.compact_queue.is_none() {
            let mut queue = BTreeSet::new();
            for e in self.events.values().filter(|e| !e.open && !e.compacted()) {
                if let Some(day) = e.profile.reference_day() {
                    queue.insert((day, e.id));
                }
            }
            self.compact_queue = Some(queue);
        }
        let mut old = Vec::new();
        let queue = self.compact_queue.as_mut().expect("just built");
        while let Some(&(day, id)) = queue.first() {
            if day >= cutoff {
                break;
            }
            queue.pop_first();
            old.push(id);
        }
        for id in old {
            // Merged away, reopened by a correction, or moved in time since it was queued.
            let Some(event) = self.events.get_mut(&id).filter(|e| !e.open && !e.compacted()) else {
                continue;
            };
            match event.profile.reference_day() {
                Some(day) if day < cutoff => {}
                Some(day) => {
                    self.compact_queue.as_mut().expect("built").insert((day, id));
                    continue;
                }
                None => continue,
            }
            event.compact();
            if let Some(compacted) = self.compacted_unclaimed.as_mut() {
                compacted.push(id);
            }
            self.unpost_storyline(id);
        }
    }

    // ----- corrections by the user -----

    /// Moves an article to another event (or to a new event of its own when `to` is `None`).
    /// `lookup` gives the features of an article whose event is closed (and so no longer holds them).
    pub fn move_article(
        &mut self,
        article: &str,
        to: Option<u32>,
        lookup: &mut dyn FnMut(&str) -> Option<ArticleFeatures>,
    ) -> Result<u32, ClusterError> {
        let from = self.event_of(article).ok_or_else(|| ClusterError::UnknownArticle(article.into()))?;
        if let Some(t) = to {
            self.holding(t)?;
            if t == from {
                return Ok(t);
            }
        }
        let features = self.take_member(from, article, lookup)?;
        let target = match to {
            Some(t) => {
                self.add_member(t, features, 1.0, None);
                t
            }
            None => self.open_event(features),
        };
        // The user said the article is not of `from`: the two events must not merge back.
        if self.events.contains_key(&from) {
            self.cannot_link.insert((from.min(target), from.max(target)));
        }
        self.pins.insert(article.to_string(), target);
        self.log.push(LogEntry {
            arrival: self.arrivals,
            action: "user_move".into(),
            article: Some(article.into()),
            event: target,
            other: Some(from),
            score: 1.0,
            features: None,
        });
        self.link_storylines(target);
        Ok(target)
    }

    /// The event, which a correction may change: it must exist and hold its members (a handed-over
    /// event gets them back first, [`Clusterer::restore_members`]).
    fn holding(&self, id: u32) -> Result<&Event, ClusterError> {
        if self.archived_events.contains_key(&id) {
            return Err(ClusterError::Correction(format!(
                "event {id} was handed over whole; give it back before correcting it"
            )));
        }
        let event = self.events.get(&id).ok_or(ClusterError::UnknownEvent(id))?;
        if event.archive.is_some() {
            return Err(ClusterError::Correction(format!(
                "event {id} handed its members over; give them back before correcting it"
            )));
        }
        Ok(event)
    }

    fn take_member(
        &mut self,
        from: u32,
        article: &str,
        lookup: &mut dyn FnMut(&str) -> Option<ArticleFeatures>,
    ) -> Result<ArticleFeatures, ClusterError> {
        let event = self.events.get_mut(&from).ok_or(ClusterError::UnknownEvent(from))?;
        let pos = event
            .members
            .iter()
            .position(|m| m.article == article)
            .ok_or_else(|| ClusterError::UnknownArticle(article.into()))?;
        let features = match event.members[pos].features.clone() {
            Some(f) => *f,
            None => lookup(article).ok_or_else(|| {
                ClusterError::Correction(format!("the features of article {article} cannot be read back"))
            })?,
        };
        event.members.remove(pos);
        event.profile.add(&features, -1.0);
        event.changed();
        let dirty = profile_keys_of(&features);
        self.article_event.remove(article);
        if self.events[&from].members.is_empty() {
            self.remove_event(from);
        } else {
            self.reindex(from, &dirty);
        }
        Ok(features)
    }

    fn remove_event(&mut self, id: u32) {
        let mut event = self.events.remove(&id).expect("exists");
        event.open = false;
        if let Some(d) = event.indexed_day {
            remove_from(&mut self.day_index, &d, id);
        }
        if let Some(m) = event.indexed_month {
            remove_from(&mut self.month_index, &m, id);
        }
        for k in &event.indexed_keys {
            if let Some(list) = self.key_index.get_mut(k) {
                list.retain(|e| *e != id);
            }
        }
        for k in self.storyline_postings().remove(&id).unwrap_or_default() {
            if let Some(list) = self.storyline_index.get_mut(&k) {
                list.retain(|e| *e != id);
            }
        }
        self.recent.retain(|e| *e != id);
        // Keep the storyline joined through the removed event.
        let children: Vec<u32> =
            self.storyline_parent.iter().filter(|(_, p)| **p == id).map(|(c, _)| *c).collect();
        let parent = self.storyline_parent.remove(&id);
        let new_root = parent.or_else(|| children.iter().min().copied());
        for c in children {
            if Some(c) == new_root {
                self.storyline_parent.remove(&c);
            } else if let Some(r) = new_root {
                self.storyline_parent.insert(c, r);
            }
        }
    }

    /// Merges two events as the user asks, whatever the scores say; returns the survivor.
    pub fn merge_events(&mut self, a: u32, b: u32) -> Result<u32, ClusterError> {
        for id in [a, b] {
            self.holding(id)?;
        }
        if a == b {
            return Ok(a);
        }
        self.cannot_link.remove(&(a.min(b), a.max(b)));
        let survivor = self.merge(a, b);
        self.log.push(LogEntry {
            arrival: self.arrivals,
            action: "user_merge".into(),
            article: None,
            event: survivor,
            other: Some(a.max(b)),
            score: 1.0,
            features: None,
        });
        Ok(survivor)
    }

    /// Splits the given articles out of an event into a new event; the two never merge again.
    pub fn split_event(
        &mut self,
        event: u32,
        articles: &[String],
        lookup: &mut dyn FnMut(&str) -> Option<ArticleFeatures>,
    ) -> Result<u32, ClusterError> {
        let e = self.holding(event)?;
        if articles.is_empty() {
            return Err(ClusterError::Correction("name at least one article to split out".into()));
        }
        for a in articles {
            if !e.members.iter().any(|m| &m.article == a) {
                return Err(ClusterError::Correction(format!("article {a} is not in event {event}")));
            }
        }
        if articles.len() >= e.members.len() {
            return Err(ClusterError::Correction(
                "a split must leave at least one article in the event".into(),
            ));
        }
        let mut new_id = None;
        for a in articles {
            let features = self.take_member(event, a, lookup)?;
            match new_id {
                None => new_id = Some(self.open_event(features)),
                Some(id) => self.add_member(id, features, 1.0, None),
            }
        }
        let new_id = new_id.expect("at least one article");
        self.cannot_link.insert((event.min(new_id), event.max(new_id)));
        // Split events stay in their storyline.
        self.union_storylines(event, new_id);
        self.log.push(LogEntry {
            arrival: self.arrivals,
            action: "user_split".into(),
            article: None,
            event: new_id,
            other: Some(event),
            score: 1.0,
            features: None,
        });
        Ok(new_id)
    }

    /// Scores an article against an event without changing anything (for explanations and training).
    pub fn explain(&self, features: &ArticleFeatures, event: u32) -> Option<(f32, PairFeatures)> {
        let e = self.events.get(&event)?;
        let pf = pair_features(&Profile::of(features), &e.profile, &self.df);
        Some((probability(&self.config.score, &pf), pf))
    }
}

/// The day (else the month) an event is placed at.
fn placed_at(event: &Event) -> (Option<i32>, Option<i32>) {
    (event.profile.reference_day(), event.profile.reference_month())
}

fn remove_from<K: Ord>(index: &mut BTreeMap<K, BTreeSet<u32>>, key: &K, id: u32) {
    if let Some(set) = index.get_mut(key) {
        set.remove(&id);
        if set.is_empty() {
            index.remove(key);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// How many key updates took the incremental path on this thread (tests check it is taken).
    static INCREMENTAL_UPDATES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn incremental_updates() -> u64 {
    INCREMENTAL_UPDATES.with(|n| n.get())
}

#[cfg(test)]
fn thread_local_reset() {
    INCREMENTAL_UPDATES.with(|n| n.set(0));
}

/// The index keys one article adds to (or takes from) an event's profile.
fn profile_keys_of(features: &ArticleFeatures) -> Vec<Key> {
    let keys = features.entities.iter().map(|e| entity_key(e));
    keys.chain(features.terms.iter().map(|t| term_key(t))).collect()
}

/// Updates an event's retrieval keys; returns the keys added and removed. Looks at the dirty keys,
/// the keys of the arrivals since the last update (their frequencies changed) and the too-common keys
/// the ceiling has risen to, or at the whole profile when that is less work or the changes since are
/// no longer kept. Either way the keys are exactly those a look at the whole profile gives.
fn update_keys(
    event: &mut Event,
    df: &DocumentFrequencies,
    changes: &VecDeque<(u64, Vec<Key>)>,
    max_df: f32,
    now: u64,
    dirty: &[Key],
    work: &mut WorkCounts,
) -> (Vec<Key>, Vec<Key>) {
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    if !event.open {
        removed.extend(std::mem::take(&mut event.indexed_keys));
        event.keys_checked_at = None;
        event.too_common.clear();
        event.too_common_df.clear();
        return (added, removed);
    }
    let profile_keys = event.profile.entities.len() + event.profile.terms.len();
    let since = event.keys_checked_at.and_then(|at| {
        let start = changes.partition_point(|(a, _)| *a <= at);
        let covered = at >= now || changes.front().is_some_and(|(first, _)| *first <= at + 1);
        let pending: usize = changes.range(start..).map(|(_, keys)| keys.len()).sum();
        (covered && pending + dirty.len() < profile_keys).then_some(start)
    });
    event.keys_checked_at = Some(now);
    let Some(start) = since else {
        work.key_rebuilds += 1;
        work.key_rebuild_keys += profile_keys as u64;
        let mut keys = FxHashSet::default();
        event.too_common.clear();
        event.too_common_df.clear();
        let all = event.profile.entities.keys().map(|e| entity_key(e));
        for key in all.chain(event.profile.terms.keys().map(|t| term_key(t))) {
            // Every key walked here is the profile's own.
            match key_state_in(true, df, max_df, &key) {
                KeyState::Indexed => {
                    keys.insert(key);
                }
                KeyState::TooCommon(d) => {
                    event.too_common.insert((d, key.clone()));
                    event.too_common_df.insert(key, d);
                }
                KeyState::Out => {}
            }
        }
        removed.extend(event.indexed_keys.difference(&keys).cloned());
        added.extend(keys.difference(&event.indexed_keys).cloned());
        event.indexed_keys = keys;
        return (added, removed);
    };
    #[cfg(test)]
    INCREMENTAL_UPDATES.with(|n| n.set(n.get() + 1));
    let mut popped: Vec<Key> = Vec::new();
    while let Some((d, _)) = event.too_common.first() {
        if *d as f32 > max_df {
            break;
        }
        let (_, key) = event.too_common.pop_first().expect("just seen");
        event.too_common_df.remove(&key);
        popped.push(key);
    }
    // Each key is looked at once: the arrivals since the last update share many keys, and the
    // outcome for a key depends only on the profile and the frequencies, not on the other keys.
    let mut queued: FxHashSet<&str> = FxHashSet::default();
    let mut not_in_profile: FxHashSet<&str> = FxHashSet::default();
    // Each key to look at, with whether it is known to be in the profile.
    let mut check: Vec<(&str, bool)> = Vec::new();
    for key in dirty.iter().map(Key::as_str) {
        if queued.insert(key) {
            check.push((key, false));
        }
    }
    for (_, keys) in changes.range(start..) {
        for key in keys.iter().map(Key::as_str) {
            if queued.contains(key) || not_in_profile.contains(key) {
                continue;
            }
            let known = match key.split_at(2) {
                ("e:", e) => event.profile.entities.contains_key(e),
                (_, t) => event.profile.terms.contains_key(t),
            };
            if known {
                queued.insert(key);
                check.push((key, true));
            } else {
                not_in_profile.insert(key);
            }
        }
    }
    for key in popped.iter().map(Key::as_str) {
        if queued.insert(key) {
            check.push((key, false));
        }
    }
    work.key_incremental_keys += check.len() as u64;
    for (key, known) in check {
        let state = if known {
            key_state_in(true, df, max_df, key)
        } else {
            key_state(&event.profile, df, max_df, key)
        };
        if let Some(old) = event.too_common_df.remove(key) {
            event.too_common.remove(&(old, Key::from(key)));
        }
        if let KeyState::TooCommon(d) = state {
            event.too_common.insert((d, Key::from(key)));
            event.too_common_df.insert(Key::from(key), d);
        }
        if state == KeyState::Indexed {
            if !event.indexed_keys.contains(key) {
                event.indexed_keys.insert(Key::from(key));
                added.push(Key::from(key));
            }
        } else if event.indexed_keys.remove(key) {
            removed.push(Key::from(key));
        }
    }
    (added, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up article: `topic` picks the vector axis and entity; the terms mix a few topic words,
    /// burst words that are common for a while and then rare, and numbers seen once or twice.
    fn article(i: u64, topic: usize, day: i32, seed: &mut u64) -> ArticleFeatures {
        let mut next = || {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (*seed >> 33) as usize
        };
        let mut vector = vec![0.0f32; 8];
        vector[topic] = 1.0;
        vector[(topic + 1) % 8] = (next() % 100) as f32 / 400.0;
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        vector.iter_mut().for_each(|x| *x /= norm);
        let mut terms = vec![format!("topic{topic}-{}", next() % 6), format!("burst{}", i / 60)];
        terms.push(format!("n{}", next() % 400));
        if next() % 3 == 0 {
            terms.push(format!("shared{}", next() % 12));
        }
        ArticleFeatures {
            id: format!("a{i}"),
            language: "en".into(),
            event_day: Some(day),
            published_day: Some(day),
            vector: Some(vector),
            entities: vec![format!("org:t{topic}"), format!("person:p{}", next() % 30)],
            terms,
            ..Default::default()
        }
    }

    #[test]
    fn only_articles_naming_earlier_days_recap() {
        // `recaps` answers at once for an article with neither recap days nor yearless recaps: that
        // shortcut holds only while such an article never recaps an event.
        let mut seed = 5u64;
        let first = crate::features::day_number(2024, 3, 1);
        let mut recapped = 0;
        for i in 0..400u64 {
            let mut f = article(i, (i % 5) as usize, first + (i % 9) as i32, &mut seed);
            let mut event = Profile::default();
            for d in [first + (i % 13) as i32, first + (i % 3) as i32 * 20] {
                event.add(&article(1000 + i, 0, d, &mut seed), 1.0);
            }
            match i % 4 {
                0 => f.event_day = None,
                1 => (f.event_day, f.published_day) = (None, None),
                _ => {}
            }
            f.recap_days = vec![first + (i % 13) as i32];
            f.yearless_recaps = vec![(3, Some((1 + i % 13) as u8))];
            recapped += usize::from(f.recaps(&event));
            f.recap_days.clear();
            f.yearless_recaps.clear();
            assert!(!f.recaps(&event), "article {i} recaps without naming an earlier day");
        }
        assert!(recapped > 50, "the same articles with recap days must recap often: {recapped}");
    }

    #[test]
    fn incremental_index_keys_equal_a_look_at_the_whole_profile() {
        thread_local_reset();
        let mut c = Clusterer::new(ClusterConfig::default());
        let mut seed = 7u64;
        let first = crate::features::day_number(2024, 3, 1);
        for i in 0..1500u64 {
            let a = article(i, (i % 5) as usize, first + (i / 20) as i32, &mut seed);
            c.add(a);
            // Events are reindexed when they change; those reindexed now must hold exactly the keys a
            // look at their whole profile gives (the others keep the keys of their last change).
            for e in c.events.values() {
                if !e.open {
                    assert!(e.indexed_keys.is_empty(), "closed event {} still indexed", e.id);
                } else if e.keys_checked_at == Some(c.arrivals) {
                    assert_eq!(e.indexed_keys, c.retrieval_keys(&e.profile), "event {} at arrival {i}", e.id);
                }
            }
        }
        assert!(c.events.values().any(|e| !e.open), "the stream is long enough for events to close");
        // The point of the test is the incremental path: it must have been taken, and often.
        assert!(incremental_updates() > 500, "incremental updates: {}", incremental_updates());
    }

    #[test]
    fn handing_over_compacted_events_changes_no_decision() {
        let mut config = ClusterConfig::default();
        // A storyline window shorter than the stream, so events fall behind it and are compacted.
        config.storyline.window_days = 20;
        let (mut kept, mut handing) = (Clusterer::new(config.clone()), Clusterer::new(config));
        let mut handed: BTreeMap<u32, Event> = BTreeMap::new();
        let mut seed = 3u64;
        let first = crate::features::day_number(2024, 3, 1);
        for i in 0..2400u64 {
            let a = article(i, (i % 5) as usize, first + (i / 20) as i32, &mut seed);
            let want = kept.add(a.clone());
            let got = handing.add(a);
            assert_eq!(
                (got.event, got.score.to_bits(), got.new_event),
                (want.event, want.score.to_bits(), want.new_event),
                "arrival {i}"
            );
            if i % 50 == 49 {
                handing.take_closed_members();
                let batch = handing.take_compacted_events();
                for e in batch.events {
                    assert_eq!(handing.archived_event(e.id).map(|a| a.event), Some(batch.archive));
                    assert!(!handing.events.contains_key(&e.id) && handing.has_event(e.id));
                    assert!(handed.insert(e.id, e).is_none(), "handed over twice");
                }
            }
        }
        assert!(handed.len() > 10, "{} events handed over", handed.len());
        for (id, e) in &handed {
            let k = &kept.events[id];
            assert!(k.compacted());
            assert_eq!(serde_json::to_value(&e.profile).unwrap(), serde_json::to_value(&k.profile).unwrap());
            assert_eq!(handing.members_archive(*id), e.archive);
        }
        for e in kept.events.values() {
            assert_eq!(handing.storyline_of(e.id), kept.storyline_of(e.id), "storyline of event {}", e.id);
        }
        assert_eq!(handing.events.len() + handed.len(), kept.events.len());

        // A correction needs the event back; once back and still compacted, it is handed over again.
        let (&id, _) = handed.iter().next().unwrap();
        assert!(matches!(handing.merge_events(id, id), Err(ClusterError::Correction(_))));
        let number = handing.archived_event(id).unwrap().event;
        assert_eq!(handing.restore_event(handed.remove(&id).unwrap()).unwrap(), number);
        assert!(handing.archived_event(id).is_none() && handing.events.contains_key(&id));
        let again = handing.take_compacted_events();
        assert_eq!(again.events.iter().map(|e| e.id).collect::<Vec<_>>(), [id]);
        assert!(again.archive > number);
    }

    #[test]
    fn a_handed_over_event_is_corrected_only_with_its_members_back() {
        let mut c = Clusterer::new(ClusterConfig::default());
        let mut seed = 5u64;
        let first = crate::features::day_number(2024, 3, 1);
        let mut kept: BTreeMap<u32, Vec<Member>> = BTreeMap::new();
        for i in 0..1200u64 {
            c.add(article(i, (i % 5) as usize, first + (i / 20) as i32, &mut seed));
            if i % 100 == 99 {
                let handed_over = c.take_closed_members();
                kept.extend(handed_over.events);
            }
        }
        let mut closed = kept.iter().filter(|(_, m)| m.len() >= 2).map(|(id, _)| *id);
        let (a, b) = (closed.next().expect("closed events"), closed.next().expect("two closed events"));
        let (archive_a, archive_b) = (c.events[&a].archive.expect("handed"), c.events[&b].archive.unwrap());
        assert!(matches!(c.merge_events(a, b), Err(ClusterError::Correction(_))), "members not back yet");
        let size = kept[&a].len() + kept[&b].len();
        assert_eq!(c.restore_members(a, kept.remove(&a).unwrap()).unwrap(), archive_a);
        assert_eq!(c.restore_members(b, kept.remove(&b).unwrap()).unwrap(), archive_b);
        assert!(c.restore_members(a, Vec::new()).is_err(), "a held event cannot be restored twice");
        let survivor = c.merge_events(a, b).unwrap();
        assert_eq!(c.events[&survivor].members.len(), size);
        assert!(c.events[&survivor].members.iter().all(|m| c.event_of(&m.article) == Some(survivor)));
        // The corrected event, still closed, is handed over again under a new number; the absorbed
        // one is gone.
        let again = c.take_closed_members();
        assert!(again.archive > archive_a.max(archive_b));
        let lists: BTreeMap<u32, usize> = again.events.iter().map(|(id, m)| (*id, m.len())).collect();
        assert_eq!(lists.get(&survivor), Some(&size), "{lists:?}");
        assert!(!c.events.contains_key(&a.max(b)));
        assert_eq!(c.events[&survivor].archive, Some(again.archive));
    }

    #[test]
    fn handing_over_closed_members_changes_no_decision() {
        let (mut kept, mut handing) =
            (Clusterer::new(ClusterConfig::default()), Clusterer::new(ClusterConfig::default()));
        let mut handed: BTreeMap<String, (u32, f32)> = BTreeMap::new();
        let mut handed_lists: BTreeMap<u32, Vec<String>> = BTreeMap::new();
        let mut seed = 11u64;
        let first = crate::features::day_number(2024, 3, 1);
        let mut repeats_answered = 0;
        for i in 0..1500u64 {
            // Every 97th arrival repeats an article seen long before.
            let a = if i % 97 == 96 {
                let mut again = 1u64;
                article(i / 3, ((i / 3) % 5) as usize, first + (i / 60) as i32, &mut again)
            } else {
                article(i, (i % 5) as usize, first + (i / 20) as i32, &mut seed)
            };
            let want = kept.add(a.clone());
            let got = match handed.get(&a.id) {
                Some(&(event, score)) => {
                    repeats_answered += 1;
                    Assignment { event, score, new_event: false }
                }
                None => handing.add(a),
            };
            assert_eq!(
                (got.event, got.score.to_bits(), got.new_event),
                (want.event, want.score.to_bits(), want.new_event),
                "arrival {i}"
            );
            if i % 50 == 49 {
                let handed_over = handing.take_closed_members();
                for (event, members) in handed_over.events {
                    assert!(!handing.events[&event].open);
                    assert_eq!(handing.events[&event].archive, Some(handed_over.archive));
                    for m in &members {
                        assert!(
                            handed.insert(m.article.clone(), (event, m.score)).is_none(),
                            "{} handed twice",
                            m.article
                        );
                    }
                    handed_lists.insert(event, members.into_iter().map(|m| m.article).collect());
                }
            }
        }
        assert!(!handed_lists.is_empty(), "the stream is long enough for events to close");
        assert!(repeats_answered > 0, "some repeats were of handed-over articles");
        for (event, articles) in &handed_lists {
            let members: Vec<&String> = kept.events[event].members.iter().map(|m| &m.article).collect();
            assert_eq!(members, articles.iter().collect::<Vec<_>>(), "members of event {event}");
        }
        for e in kept.events.values() {
            assert_eq!(handing.storyline_of(e.id), kept.storyline_of(e.id), "storyline of event {}", e.id);
        }
        // What the handing clusterer still maps is exactly the members it still holds.
        let held: usize = handing.events.values().map(|e| e.members.len()).sum();
        assert_eq!(handing.article_event.len(), held);
    }
}
