//! `lifenav-feedback`: the feedback service, one binary.

use clap::Parser;
use lifenav_feedback::{app, store::Store, CatalogInfo, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lifenav-feedback", version, about = "Receives and analyses citizens' ratings of public services")]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "LIFENAV_LISTEN", default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// sqlite://FILE (created on first start) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://lifenav-feedback.db")]
    database: String,
    /// The catalog bundle (bundle.json): ratings for services it does not know are rejected.
    #[arg(long, env = "LIFENAV_CATALOG")]
    catalog: Option<PathBuf>,
    /// An origin allowed to post ratings from the browser (repeatable), e.g. https://admirk.ru
    #[arg(long = "allowed-origin", env = "LIFENAV_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Vec<String>,
    /// The analysts' token for the CSV export and the dashboard.
    #[arg(long, env = "LIFENAV_ANALYST_TOKEN", hide_env_values = true)]
    analyst_token: Option<String>,
    /// Requests a minute allowed per client address (the address itself is never stored).
    #[arg(long, env = "LIFENAV_RATE_LIMIT", default_value_t = 120)]
    rate_limit: u32,
    /// Burst allowed per client above the steady rate.
    #[arg(long, env = "LIFENAV_RATE_BURST", default_value_t = 60)]
    rate_burst: u32,
    /// Read the client address from X-Forwarded-For (only behind a trusted proxy).
    #[arg(long, env = "LIFENAV_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// Serve this folder at / (the demo city page with the widget).
    #[arg(long, env = "LIFENAV_STATIC_DIR")]
    static_dir: Option<PathBuf>,
}

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
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    eprintln!("lifenav-feedback: stopping: no new connections; finishing the requests in flight");
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let catalog = match &args.catalog {
        None => {
            eprintln!("lifenav-feedback: no --catalog given: any well-formed service id is accepted");
            None
        }
        Some(path) => {
            let loaded = std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|json| lifenav_core::Engine::from_json(&json));
            match loaded {
                Ok(engine) => Some(CatalogInfo::from_engine(&engine)),
                Err(e) => {
                    eprintln!("lifenav-feedback: --catalog {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let store = match Store::connect(&args.database).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("lifenav-feedback: {e}");
            return ExitCode::from(2);
        }
    };
    if args.analyst_token.as_deref().is_none_or(str::is_empty) {
        eprintln!("lifenav-feedback: no --analyst-token: the CSV export and the dashboard are closed");
    }
    let settings = Settings {
        catalog,
        analyst_token: args.analyst_token.filter(|t| !t.is_empty()),
        allowed_origins: args.allowed_origins.into_iter().filter(|o| !o.is_empty()).collect(),
        rate_per_minute: args.rate_limit,
        rate_burst: args.rate_burst,
        trust_forwarded_for: args.trust_forwarded_for,
        static_dir: args.static_dir,
    };
    let listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("lifenav-feedback: cannot listen on {}: {e}", args.listen);
            return ExitCode::from(2);
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let app = app(store.clone(), settings);
    println!("lifenav-feedback: listening on http://{address}");
    let served = axum::serve(listener, app.router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await;
    // The router is gone: the writer drains what was accepted, then the pool closes.
    let _ = app.writer_task.await;
    store.close().await;
    match served {
        Ok(()) => {
            eprintln!("lifenav-feedback: stopped cleanly");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lifenav-feedback: {e}");
            ExitCode::FAILURE
        }
    }
}
