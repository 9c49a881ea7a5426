//! `/api/stream`: server-sent events for new articles, new events and event updates.

use super::state::{AppState, EventSummary};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use serde::Serialize;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// A newly stored article, as the stream announces it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleNotice {
    /// The article's id.
    pub id: String,
    /// Its title (or first line).
    pub title: Option<String>,
    /// Its language.
    pub language: String,
    /// Its site.
    pub site: Option<String>,
    /// The event it is in.
    pub event: Option<u32>,
}

/// One message of the stream.
#[derive(Debug, Clone)]
pub enum StreamMessage {
    /// An article was stored (SSE event `article`).
    Article(ArticleNotice),
    /// An event was opened (SSE event `event_new`).
    EventNew(EventSummary),
    /// An event gained articles (SSE event `event_update`).
    EventUpdate(EventSummary),
}

impl StreamMessage {
    fn to_sse(&self) -> Event {
        let (name, data) = match self {
            StreamMessage::Article(a) => ("article", serde_json::to_string(a)),
            StreamMessage::EventNew(e) => ("event_new", serde_json::to_string(e)),
            StreamMessage::EventUpdate(e) => ("event_update", serde_json::to_string(e)),
        };
        Event::default().event(name).data(data.unwrap_or_else(|_| "{}".into()))
    }
}

/// The stream of one client; ends when the server stops. A client too slow to keep up is sent
/// `resync` (it should reload its lists) instead of being dropped.
pub fn sse(state: Arc<AppState>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let messages = state.stream.subscribe();
    let stopping = state.stopping.clone();
    let hello = Event::default().event("hello").data(format!("{{\"generation\":{}}}", state.generation()));
    let first = futures_util::stream::once(async move { Ok::<_, Infallible>(hello) });
    let rest =
        futures_util::stream::unfold((messages, stopping), |(mut messages, mut stopping)| async move {
            if *stopping.borrow() {
                return None;
            }
            tokio::select! {
                _ = stopping.changed() => None,
                message = messages.recv() => match message {
                    Ok(m) => Some((Ok(m.to_sse()), (messages, stopping))),
                    Err(RecvError::Lagged(n)) => {
                        let e = Event::default().event("resync").data(format!("{{\"missed\":{n}}}"));
                        Some((Ok(e), (messages, stopping)))
                    }
                    Err(RecvError::Closed) => None,
                },
            }
        });
    use futures_util::StreamExt;
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
