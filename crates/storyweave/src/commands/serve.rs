//! `storyweave serve`: the API and the web page over a data directory.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use storyweave::server::{Limits, ServeOptions, Server};

/// The flags of `storyweave serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The data directory.
    #[arg(long, default_value = storyweave::DEFAULT_DATA_DIR)]
    pub data: PathBuf,
    /// The address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The bearer token writes need (else the STORYWEAVE_TOKEN variable); without one, no writes.
    #[arg(long, env = "STORYWEAVE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = Limits::default().max_body_bytes)]
    pub max_body: usize,
    /// Most articles one write request may carry.
    #[arg(long, default_value_t = Limits::default().max_batch)]
    pub max_batch: usize,
    /// Articles per second writes may sustain (0: no limit).
    #[arg(long, default_value_t = Limits::default().write_rate)]
    pub write_rate: f64,
    /// Articles a burst of writes may carry above the sustained rate.
    #[arg(long, default_value_t = Limits::default().write_burst)]
    pub write_burst: f64,
    /// Largest page a list returns.
    #[arg(long, default_value_t = Limits::default().max_page)]
    pub max_page: usize,
    /// Do not load the sentence encoder (faster start; events judged without document vectors).
    #[arg(long)]
    pub no_encoder: bool,
}

/// `storyweave serve`.
pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr).await?;
        let addr = listener.local_addr()?;
        let options = ServeOptions {
            data: args.data,
            token: args.token,
            limits: Limits {
                max_body_bytes: args.max_body,
                max_batch: args.max_batch,
                write_rate: args.write_rate,
                write_burst: args.write_burst,
                max_page: args.max_page,
                ..Limits::default()
            },
            encoder: !args.no_encoder,
        };
        let writes =
            if options.token.is_some() { "writes need the bearer token" } else { "read-only (no token)" };
        let server = tokio::task::spawn_blocking(move || Server::open(options, &addr.to_string())).await??;
        // Scripts and tests read this line to learn the port.
        println!("storyweave serving on http://{addr}/ ({writes})");
        server.serve(listener, shutdown_signal()).await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
