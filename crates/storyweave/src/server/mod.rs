//! `storyweave serve`: the HTTP API, the live stream and the web page over one data directory.
//!
//! One writer thread owns the store's writer connection and the stateful stages (copies, events), as
//! `storyweave ingest` does; handlers reach it through a bounded queue ([`writer`]). Reads use their
//! own read-only connections and the event stage behind a read lock, so they go on while a batch is
//! analyzed. The OpenAPI file `crates/storyweave/openapi.json` documents every `/api` route of
//! [`api_route_table`], and a test holds the two together.

pub mod api;
pub mod error;
pub mod limits;
pub mod state;
pub mod story;
pub mod stream;
pub mod web;
pub mod writer;

pub use error::ApiError;
pub use limits::Limits;

use crate::copies::CopyStage;
use crate::events::EventStage;
use axum::http::{Method, Uri};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use state::{AppState, ReadPool};
use std::future::Future;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use store::SqliteStore;
use tokio::sync::{broadcast, mpsc, watch};

/// The OpenAPI description of the API, served at `/api/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../../openapi.json");

/// How a server is started.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The data directory (created when missing).
    pub data: PathBuf,
    /// The bearer token writes need; without one the server takes no writes.
    pub token: Option<String>,
    /// Body size, write rate and page limits.
    pub limits: Limits,
    /// Whether to load the sentence encoder (document vectors, story alignment) when it is installed.
    pub encoder: bool,
}

/// The API routes: method, path and handler. The router is built from this table, so the table the
/// OpenAPI test reads is the router.
fn api_routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<AppState>>)> {
    vec![
        ("POST", "/api/articles", post(api::post_articles)),
        ("GET", "/api/articles/{id}", get(api::get_article)),
        ("GET", "/api/events", get(api::list_events)),
        ("GET", "/api/events/{id}", get(api::get_event)),
        ("GET", "/api/storylines", get(api::list_storylines)),
        ("GET", "/api/entities/{id}", get(api::get_entity)),
        ("GET", "/api/search", get(api::search)),
        (
            "GET",
            "/api/stream",
            get(|axum::extract::State(s): axum::extract::State<Arc<AppState>>| async move { stream::sse(s) }),
        ),
        (
            "GET",
            "/api/openapi.json",
            get(|| async { ([(axum::http::header::CONTENT_TYPE, "application/json")], OPENAPI_JSON) }),
        ),
    ]
}

/// The method and path of every API route the router serves.
pub fn api_route_table() -> Vec<(&'static str, &'static str)> {
    api_routes().into_iter().map(|(m, p, _)| (m, p)).collect()
}

/// The router over a server's state: the API, the page and its assets, JSON errors for the rest.
pub fn router(state: Arc<AppState>) -> Router {
    let mut router = Router::new()
        .route("/", get(web::index))
        .route("/app.js", get(web::app_js))
        .route("/style.css", get(web::style_css));
    for (_, path, handler) in api_routes() {
        router = router.route(path, handler);
    }
    router
        .fallback(|method: Method, uri: Uri| async move {
            ApiError::NotFound(format!(
                "no route {method} {}; GET /api/openapi.json lists the API",
                uri.path()
            ))
        })
        .method_not_allowed_fallback(|method: Method, uri: Uri| async move {
            ApiError::MethodNotAllowed(format!("{} does not take {method}", uri.path()))
        })
        .layer(axum::extract::DefaultBodyLimit::max(state.limits.max_body_bytes))
        .layer(axum::middleware::from_fn(web::security_headers))
        .with_state(state)
}

/// A server with its stages open and its writer running, ready to be bound to a socket.
pub struct Server {
    // Held while the server runs: it owns the data directory's event stage and writes to it.
    _lock: crate::lock::WriterLock,
    state: Arc<AppState>,
    writer: std::thread::JoinHandle<()>,
    stop: watch::Sender<bool>,
}

impl Server {
    /// Opens the data directory (replaying what the snapshots do not cover), loads the encoder when
    /// asked and installed, and starts the writer thread. `label` names the run (the address).
    pub fn open(options: ServeOptions, label: &str) -> anyhow::Result<Server> {
        std::fs::create_dir_all(&options.data)?;
        let lock = crate::lock::WriterLock::acquire(&options.data, &format!("storyweave serve on {label}"))?;
        let mut store = SqliteStore::open(&options.data)?;
        let embedder = if options.encoder {
            match embed::UseMultilingual::load_default() {
                Ok(model) => Some(Arc::new(model)),
                Err(e) => {
                    eprintln!("warning: {e}; events are judged without document vectors");
                    None
                }
            }
        } else {
            None
        };
        let mut copies = CopyStage::open(&options.data, &store)?;
        copies.set_encoder(embedder.clone().map(|m| m as Arc<dyn embed::Embedder>));
        let events = EventStage::open(&options.data, &mut store, cluster::ClusterConfig::default())?;
        let writer = writer::Writer::new(options.data.clone(), store, copies, label)?;
        let (writes, jobs) = mpsc::channel(options.limits.write_queue.max(1));
        let (stream, _) = broadcast::channel(1024);
        let (stop, stopping) = watch::channel(false);
        let state = Arc::new(AppState {
            bucket: limits::WriteBucket::new(options.limits.write_rate, options.limits.write_burst),
            readers: ReadPool::new(options.data.clone()),
            data: options.data,
            token: options.token.filter(|t| !t.is_empty()),
            limits: options.limits,
            events: Arc::new(RwLock::new(events)),
            embedder,
            writes,
            stream,
            stopping,
            generation: Default::default(),
            event_list: Default::default(),
            sorted_events: Default::default(),
            stories: Default::default(),
            touched: Default::default(),
            story_builds: Default::default(),
            clusterer_copy: Default::default(),
        });
        let writer_state = state.clone();
        let writer = std::thread::Builder::new()
            .name("writer".into())
            .spawn(move || writer.run(jobs, writer_state))?;
        Ok(Server { _lock: lock, state, writer, stop })
    }

    /// The router of this server.
    pub fn router(&self) -> Router {
        router(self.state.clone())
    }

    /// Serves on `listener` until `shutdown` resolves, then ends the open streams, lets the writer
    /// finish the writes it holds, and saves the snapshots.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let stop = self.stop.clone();
        let served = axum::serve(listener, self.router())
            .with_graceful_shutdown(async move {
                shutdown.await;
                let _ = stop.send(true);
            })
            .await;
        let _ = self.state.writes.send(writer::WriteJob::Shutdown).await;
        let state = self.state;
        let writer = self.writer;
        tokio::task::spawn_blocking(move || writer.join())
            .await?
            .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
        drop(state);
        served?;
        Ok(())
    }
}
