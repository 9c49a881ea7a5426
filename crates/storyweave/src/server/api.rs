//! The JSON API's handlers. Reads run on the blocking pool with a read connection; writes go to the
//! writer thread's queue.

use super::error::ApiError;
use super::limits::{Page, PageQuery};
use super::state::{AppState, EventSummary};
use super::writer::{WriteJob, WriteResult};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use model::{Block, BlockKind, Content, Hints, RawDocument};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use store::Store;

type Shared = State<Arc<AppState>>;

/// Marks a story answered from its previous version while the current one is being built.
pub const STALE_HEADER: &str = "x-storyweave-stale";

/// Longest search query accepted, in characters.
const MAX_QUERY_CHARS: usize = 500;

/// Runs blocking work (SQLite, synthesis) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ApiError::Internal(format!("a worker failed: {e}")))?
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(q)| q).map_err(|e| ApiError::BadRequest(format!("bad query string: {}", e.body_text())))
}

fn path<T>(p: Result<Path<T>, PathRejection>, what: &str) -> Result<T, ApiError> {
    p.map(|Path(p)| p).map_err(|e| ApiError::BadRequest(format!("bad {what} in the path: {}", e.body_text())))
}

fn json_bytes(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// Query of `GET /api/events`.
#[derive(Debug, Deserialize)]
pub struct EventsQuery {
    limit: Option<usize>,
    offset: Option<usize>,
    /// `newest` (default), `biggest` or `oldest`.
    sort: Option<String>,
    /// Only events with an article in this language.
    language: Option<String>,
}

/// Orders event summaries: `newest` by date then latest arrival, `biggest` by independent sources.
pub fn sort_events(events: &mut [EventSummary], sort: &str) -> Result<(), ApiError> {
    let newest = |a: &EventSummary, b: &EventSummary| {
        b.date
            .cmp(&a.date)
            .then(b.independent_sources.cmp(&a.independent_sources))
            .then(b.last_arrival.cmp(&a.last_arrival))
    };
    match sort {
        "newest" => events.sort_by(newest),
        "biggest" => events.sort_by(|a, b| {
            (b.independent_sources, b.articles)
                .cmp(&(a.independent_sources, a.articles))
                .then_with(|| newest(a, b))
        }),
        "oldest" => events.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id))),
        other => {
            return Err(ApiError::BadRequest(format!(
                "`sort` must be newest, biggest or oldest, not {other:?}"
            )))
        }
    }
    Ok(())
}

/// `GET /api/events`.
pub async fn list_events(
    State(state): Shared,
    q: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let page = Page::from_query(&PageQuery { limit: q.limit, offset: q.offset }, state.limits.max_page)?;
    blocking(move || {
        let sorted = state.sorted_event_summaries(q.sort.as_deref().unwrap_or("newest"))?;
        let body = match &q.language {
            Some(l) => {
                let events: Vec<&EventSummary> =
                    sorted.iter().filter(|e| e.languages.iter().any(|x| x == l)).collect();
                page.slice(&events)
            }
            None => page.slice(&sorted),
        };
        Ok(Json(body).into_response())
    })
    .await
}

/// Query of `GET /api/events/{id}`.
#[derive(Debug, Deserialize)]
pub struct StoryQuery {
    /// The language the summary is written for (default `en`).
    lang: Option<String>,
}

/// `GET /api/events/{id}`: the event's full story.
pub async fn get_event(
    State(state): Shared,
    id: Result<Path<u32>, PathRejection>,
    q: Result<Query<StoryQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let id = path(id, "event id")?;
    let lang = query(q)?.lang.unwrap_or_else(|| "en".into());
    if lang.len() > 8 || !lang.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        return Err(ApiError::BadRequest(format!("`lang` must be a language code such as en, not {lang:?}")));
    }
    // A cached story is answered without a read connection or a blocking thread.
    if let Some(json) = super::story::cached(&state, id, &lang) {
        return Ok(json_bytes(json));
    }
    blocking(move || {
        let story = state.readers.with(|store| super::story::story_json(&state, store, id, &lang))?;
        match story {
            Some((json, true)) => Ok(json_bytes(json)),
            Some((json, false)) => {
                let mut response = json_bytes(json);
                response.headers_mut().insert(STALE_HEADER, axum::http::HeaderValue::from_static("true"));
                Ok(response)
            }
            None => Err(ApiError::NotFound(format!("no event {id}; GET /api/events lists them"))),
        }
    })
    .await
}

/// `GET /api/storylines`.
pub async fn list_storylines(
    State(state): Shared,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let page = Page::from_query(&query(q)?, state.limits.max_page)?;
    blocking(move || {
        let mut views = {
            let stage = state.events.read().unwrap_or_else(|p| p.into_inner());
            state.readers.with(|store| Ok(crate::events::storyline_views(stage.clusterer(), store)?))?
        };
        views.sort_by(|a, b| b.last_date.cmp(&a.last_date).then(b.articles.cmp(&a.articles)));
        Ok(Json(page.slice(&views)).into_response())
    })
    .await
}

/// An entity found in a query or named by a page.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRef {
    /// Its canonical id (`country:KR`).
    pub id: String,
    /// Its canonical name.
    pub name: String,
}

/// The canonical name of an entity: the clusterer's, else the first article mention's, else the id.
fn entity_name(
    store: &dyn Store,
    clusterer: &cluster::Clusterer,
    entity: &str,
    events: &[std::borrow::Cow<'_, cluster::Event>],
) -> String {
    if let Some(name) = clusterer.name_of(entity) {
        return name.to_string();
    }
    for e in events.iter().take(3) {
        let Ok(members) = crate::events::members_of(e, store) else { continue };
        for m in members.iter().take(3) {
            if let Ok(Some(a)) = store.article(&m.article) {
                if let Some(found) = a.entities.iter().find(|x| x.entity == entity) {
                    return found.name.clone();
                }
            }
        }
    }
    entity.to_string()
}

/// `GET /api/entities/{id}`: the entity's events over time.
pub async fn get_entity(
    State(state): Shared,
    id: Result<Path<String>, PathRejection>,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let id = path(id, "entity id")?;
    let page = Page::from_query(&query(q)?, state.limits.max_page)?;
    blocking(move || {
        let stage = state.events.read().unwrap_or_else(|p| p.into_inner());
        let clusterer = stage.clusterer();
        let (name, mut summaries) = state.readers.with(|store| {
            let events = crate::events::events_with_entity(clusterer, store, &id)?;
            if events.is_empty() {
                return Err(ApiError::NotFound(format!("no event mentions the entity {id:?}")));
            }
            let name = entity_name(store, clusterer, &id, &events);
            let mut summaries = Vec::with_capacity(events.len());
            for e in &events {
                summaries.push(EventSummary::of(clusterer, e, &crate::events::members_of(e, store)?));
            }
            Ok((name, summaries))
        })?;
        drop(stage);
        sort_events(&mut summaries, "oldest")?;
        let mut body = page.slice(&summaries);
        body["entity"] = serde_json::to_value(EntityRef { id, name }).unwrap_or_default();
        Ok(Json(body).into_response())
    })
    .await
}

/// Query of `GET /api/search`.
#[derive(Debug, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// A piece of a snippet: matched text is marked, so a page can highlight it without parsing HTML.
#[derive(Debug, Clone, Serialize)]
pub struct SnippetPart {
    /// The text.
    pub text: String,
    /// Whether it matched the query.
    pub hit: bool,
}

/// One article found by a search.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleHit {
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// The text around the match, in parts.
    pub snippet: Vec<SnippetPart>,
    /// The event it is in.
    pub event: Option<u32>,
    /// How it was found: `text` (full text) or `entity` (it mentions an entity the query names).
    pub matched: &'static str,
}

fn snippet_parts(snippet: &str, highlights: &[(usize, usize)]) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut at = 0;
    for &(start, end) in highlights {
        if start < at
            || end > snippet.len()
            || !snippet.is_char_boundary(start)
            || !snippet.is_char_boundary(end)
        {
            continue;
        }
        if start > at {
            parts.push(SnippetPart { text: snippet[at..start].to_string(), hit: false });
        }
        parts.push(SnippetPart { text: snippet[start..end].to_string(), hit: true });
        at = end;
    }
    if at < snippet.len() {
        parts.push(SnippetPart { text: snippet[at..].to_string(), hit: false });
    }
    parts
}

/// Languages whose entity tables a query is read with: a name is looked up whatever language it is in.
const QUERY_LANGUAGES: &[&str] = &["en", "de", "fr", "es", "it", "pt", "nl", "pl", "tr", "ru"];

/// The canonical entities a query names, in any language of the gazetteer (`Südkorea` → `country:KR`).
pub fn entities_in_query(q: &str) -> Vec<EntityRef> {
    // Entity finding expects names written as in running text: capitalize each word of a lowercase query.
    let capitalized: String = q
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for lang in QUERY_LANGUAGES {
        let block = Block {
            kind: BlockKind::Paragraph,
            text: capitalized.clone(),
            language: lang.to_string(),
            line: None,
            url: None,
            reason: None,
        };
        for m in text::entities::find_entities(&[block], lang) {
            found.entry(m.entity).or_insert(m.name);
        }
    }
    found.into_iter().map(|(id, name)| EntityRef { id, name }).collect()
}

/// `GET /api/search?q=`: full text over the articles, and the articles of the events that mention the
/// entities the query names in any language.
pub async fn search(
    State(state): Shared,
    q: Result<Query<SearchQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let page = Page::from_query(&PageQuery { limit: q.limit, offset: q.offset }, state.limits.max_page)?;
    let text = q.q.unwrap_or_default().trim().to_string();
    if text.is_empty() {
        return Err(ApiError::BadRequest("`q` is required: the words or the name to search for".into()));
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::BadRequest(format!("`q` is longer than {MAX_QUERY_CHARS} characters")));
    }
    blocking(move || {
        let wanted = page.offset + page.limit + 1;
        let entities = entities_in_query(&text);
        let fts = store::plain_query(&text);
        let (hits, entity_hits) = state.readers.with(|store| {
            let hits = if fts.is_empty() { Vec::new() } else { store.search(&fts, wanted)? };
            let stage = state.events.read().unwrap_or_else(|p| p.into_inner());
            let clusterer = stage.clusterer();
            let mut articles: Vec<ArticleHit> = Vec::with_capacity(hits.len());
            for h in hits {
                articles.push(ArticleHit {
                    event: crate::events::event_of(clusterer, store, &h.id)?,
                    snippet: snippet_parts(&h.snippet, &h.highlights),
                    language: store.article(&h.id)?.map(|a| a.language),
                    id: h.id,
                    title: h.title,
                    matched: "text",
                });
            }
            let mut seen: BTreeSet<String> = articles.iter().map(|a| a.id.clone()).collect();
            let mut entity_events = Vec::new();
            for entity in &entities {
                for event in crate::events::event_ids_with_entity(clusterer, store, &entity.id)? {
                    entity_events.push(event);
                    if articles.len() >= wanted {
                        continue;
                    }
                    for m in crate::events::members_of_id(clusterer, store, event)?.iter() {
                        if articles.len() >= wanted {
                            break;
                        }
                        if seen.contains(&m.article) {
                            continue;
                        }
                        let Some(a) = store.article(&m.article)? else { continue };
                        let Some(mention) = a.entities.iter().find(|x| x.entity == entity.id) else {
                            continue;
                        };
                        seen.insert(m.article.clone());
                        articles.push(ArticleHit {
                            id: a.id.0.clone(),
                            title: a.title.clone(),
                            language: Some(a.language.clone()),
                            snippet: mention_snippet(&a, mention),
                            event: Some(event),
                            matched: "entity",
                        });
                    }
                }
            }
            Ok((articles, entity_events))
        })?;
        // The events of this page's hits, then the biggest events of the named entities: at most a page.
        let shown = &hits[page.offset.min(hits.len())..(page.offset + page.limit).min(hits.len())];
        let mut chosen: Vec<u32> = Vec::new();
        for id in shown.iter().filter_map(|h| h.event) {
            if !chosen.contains(&id) {
                chosen.push(id);
            }
        }
        let entity_events: BTreeSet<u32> = entity_hits.into_iter().collect();
        if !entity_events.is_empty() {
            for e in state.sorted_event_summaries("biggest")?.iter() {
                if chosen.len() >= page.limit {
                    break;
                }
                if entity_events.contains(&e.id) && !chosen.contains(&e.id) {
                    chosen.push(e.id);
                }
            }
        }
        let summaries = state.event_summaries()?;
        let events: Vec<&EventSummary> = chosen
            .iter()
            .filter_map(|id| summaries.binary_search_by_key(id, |e| e.id).ok().map(|i| &summaries[i]))
            .collect();
        let mut body = page.slice(&hits[..hits.len().min(page.offset + page.limit)]);
        if hits.len() > page.offset + page.limit {
            body["next_offset"] = serde_json::json!(page.offset + page.limit);
        }
        body.as_object_mut().map(|o| o.remove("total"));
        body["query"] = serde_json::json!(text);
        body["entities"] = serde_json::to_value(&entities).unwrap_or_default();
        body["events"] = serde_json::to_value(&events).unwrap_or_default();
        Ok(Json(body).into_response())
    })
    .await
}

/// The sentence-sized text around an entity mention, the mention marked.
fn mention_snippet(article: &model::Article, mention: &model::EntityMention) -> Vec<SnippetPart> {
    let Some(block) = article.blocks.get(mention.block as usize) else { return Vec::new() };
    let text = &block.text;
    let start = mention.offset as usize;
    let end = start + mention.surface.len();
    if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return vec![SnippetPart { text: mention.surface.clone(), hit: true }];
    }
    let mut from = start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 80).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < text.len() { "…" } else { "" };
    vec![
        SnippetPart { text: format!("{lead}{}", &text[from..start]), hit: false },
        SnippetPart { text: text[start..end].to_string(), hit: true },
        SnippetPart { text: format!("{}{tail}", &text[end..to]), hit: false },
    ]
}

/// `GET /api/articles/{id}`: one article with its blocks, entities, sources and event.
pub async fn get_article(
    State(state): Shared,
    id: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path(id, "article id")?;
    if id.len() < store::MIN_ID_PREFIX || id.len() > 128 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ApiError::BadRequest(format!(
            "an article id is hexadecimal, at least {} characters; got {id:?}",
            store::MIN_ID_PREFIX
        )));
    }
    blocking(move || {
        let (article, sources, event) = state.readers.with(|store| {
            let Some(article) = store.article(&id)? else {
                return Err(ApiError::NotFound(format!("no article {id}")));
            };
            let sources = store.sources_of(&article.id.0)?;
            let stage = state.events.read().unwrap_or_else(|p| p.into_inner());
            let event = crate::events::event_of(stage.clusterer(), store, &article.id.0)?;
            Ok((article, sources, event))
        })?;
        let mut body = serde_json::to_value(&article).map_err(|e| ApiError::Internal(e.to_string()))?;
        body["event"] = serde_json::json!(event);
        body["sources"] = serde_json::to_value(&sources).unwrap_or_default();
        Ok(Json(body).into_response())
    })
    .await
}

/// Query of `POST /api/articles`.
#[derive(Debug, Deserialize)]
pub struct PostQuery {
    /// The page's URL, for an HTML or plain-text body.
    url: Option<String>,
}

static POSTS: AtomicU64 = AtomicU64::new(0);

/// `POST /api/articles`: one article or a batch (JSON object or array in the JSONL fields, JSON Lines,
/// or one HTML page or plain text with `?url=`), stored through the ingest pipeline.
pub async fn post_articles(
    State(state): Shared,
    headers: HeaderMap,
    q: Result<Query<PostQuery>, QueryRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    state.authorize(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()))?;
    let q = query(q)?;
    let body = body.map_err(|e| match e {
        BytesRejection::FailedToBufferBody(_) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::PayloadTooLarge(format!(
                "the body is larger than {} bytes",
                state.limits.max_body_bytes
            ))
        }
        other => ApiError::BadRequest(format!("cannot read the body: {}", other.body_text())),
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    let n = POSTS.fetch_add(1, Ordering::Relaxed);
    let docs = parse_body(&content_type, &body, q.url, n)?;
    if docs.is_empty() {
        return Err(ApiError::BadRequest("the body holds no article".into()));
    }
    if docs.len() > state.limits.max_batch {
        return Err(ApiError::PayloadTooLarge(format!(
            "{} articles in one request; at most {} are accepted",
            docs.len(),
            state.limits.max_batch
        )));
    }
    state.bucket.take(docs.len())?;
    let (reply, answer) = tokio::sync::oneshot::channel();
    state.writes.try_send(WriteJob::Ingest { docs, reply }).map_err(|e| match e {
        tokio::sync::mpsc::error::TrySendError::Full(_) => ApiError::TooManyRequests {
            message: "the write queue is full; retry shortly".into(),
            retry_after: 1,
        },
        tokio::sync::mpsc::error::TrySendError::Closed(_) => {
            ApiError::Unavailable("the writer has stopped (the server is shutting down)".into())
        }
    })?;
    let result: WriteResult =
        answer.await.map_err(|_| ApiError::Unavailable("the writer stopped before answering".into()))??;
    let created = result.articles.iter().any(|a| a.outcome.status == "stored");
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(result)).into_response())
}

/// Turns a request body into raw documents, each checked the way the file readers check them.
pub fn parse_body(
    content_type: &str,
    body: &[u8],
    url: Option<String>,
    request: u64,
) -> Result<Vec<RawDocument>, ApiError> {
    let name = format!("api/{request}");
    match content_type {
        "application/json" | "" => {
            let value: serde_json::Value = serde_json::from_slice(body)
                .map_err(|e| ApiError::BadRequest(format!("the body is not JSON: {e}")))?;
            let records = match value {
                serde_json::Value::Array(items) => items,
                object @ serde_json::Value::Object(_) => vec![object],
                other => {
                    return Err(ApiError::Unprocessable(format!(
                        "the body must be one article object or an array of them, not {}",
                        json_kind(&other)
                    )))
                }
            };
            let mut lines = Vec::with_capacity(body.len() + records.len());
            for (i, record) in records.iter().enumerate() {
                if !record.is_object() {
                    return Err(ApiError::Unprocessable(format!(
                        "record {} is {}, not an object",
                        i + 1,
                        json_kind(record)
                    )));
                }
                serde_json::to_writer(&mut lines, record).map_err(|e| ApiError::Internal(e.to_string()))?;
                lines.push(b'\n');
            }
            read_jsonl(&name, lines)
        }
        "application/x-ndjson" | "application/jsonl" | "application/x-jsonlines" => {
            read_jsonl(&name, body.to_vec())
        }
        "text/html" | "application/xhtml+xml" | "text/plain" => {
            let text = std::str::from_utf8(body)
                .map_err(|e| ApiError::BadRequest(format!("the body is not UTF-8: {e}")))?
                .to_string();
            let Some(url) = url.filter(|u| u.starts_with("http://") || u.starts_with("https://")) else {
                return Err(ApiError::BadRequest(
                    "an HTML or text body needs `?url=` with the page's http(s) URL".into(),
                ));
            };
            let site = url
                .split("://")
                .nth(1)
                .and_then(|rest| rest.split(['/', '?', '#']).next())
                .map(|h| h.trim_start_matches("www.").to_ascii_lowercase());
            let content =
                if content_type == "text/plain" { Content::Text(text) } else { Content::Html(text) };
            Ok(vec![RawDocument {
                source: url.clone(),
                content,
                hints: Hints { url: Some(url), site, ..Hints::default() },
                warnings: Vec::new(),
            }])
        }
        other => Err(ApiError::UnsupportedMediaType(format!(
            "cannot read a {other} body; send application/json, application/x-ndjson, text/html or text/plain"
        ))),
    }
}

fn read_jsonl(name: &str, bytes: Vec<u8>) -> Result<Vec<RawDocument>, ApiError> {
    let source = ingest::JsonlSource::from_reader(name.to_string(), std::io::Cursor::new(bytes));
    let mut docs = Vec::new();
    for (i, doc) in source.enumerate() {
        match doc {
            Ok(doc) => docs.push(doc),
            Err(ingest::IngestError::Empty { .. }) => {}
            Err(e) => return Err(ApiError::Unprocessable(format!("record {}: {e}", i + 1))),
        }
    }
    Ok(docs)
}

fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}
