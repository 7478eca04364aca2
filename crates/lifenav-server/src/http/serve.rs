//! Serving HTTP/1.1 with limits that protect citizens from slow or idle clients: a
//! connection must send its headers within a time, a body within another, at most so
//! many connections are open at once, and stopping (SIGTERM) waits for the requests in
//! flight only so long. Without these, connections holding half-sent headers stayed open
//! for ever, a thousand of them kept a normal client out, and a drain never ended.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From a connection's first byte (or its previous request) to the end of its headers.
    pub header_timeout: Duration,
    /// To receive a request's whole body.
    pub body_timeout: Duration,
    pub max_connections: usize,
    /// How long stopping waits for the requests in flight.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 1024,
            drain_timeout: Duration::from_secs(10),
        }
    }
}

/// Serves `router` until `shutdown` resolves, then lets the requests in flight finish
/// (no longer than `drain_timeout`). Each request knows its peer (`ConnectInfo`).
pub async fn serve(listener: TcpListener, router: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let router = router.layer(tower_http::timeout::RequestBodyTimeoutLayer::new(limits.body_timeout));
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
    // The connections' tasks, so that those still open after the drain time are ended
    // (each holds the router, and with it what must close before the process exits).
    let mut connections = tokio::task::JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while connections.try_join_next().is_some() {}
        // At the cap, new connections wait in the kernel's queue until one closes.
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment, never spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = router.clone().map_request(move |req: hyper::Request<hyper::body::Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            req
        });
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let watched = graceful.watch(connection);
        connections.spawn(async move {
            let _ = watched.await;
            drop(permit);
        });
    }
    tracing::info!("stopping: no new connections; finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(limits.drain_timeout) => {
            tracing::warn!(seconds = limits.drain_timeout.as_secs_f64(), "requests still in flight after the drain time: closing them");
        }
    }
    connections.shutdown().await;
}
