//! The analysts' routes: the CSV of every rating and the dashboard. An analyst is a staff
//! member with the `analyst` role, signed in as in the studio, or a script with the
//! analysts' token (`Authorization: Bearer …`; wrong tokens are counted per client and
//! slowed down like passwords).

use super::{analysis, dashboard, export, store, CATALOG_MAX_AGE};
use crate::http::auth::Staff;
use crate::http::client_address;
use crate::http::error::{AppError, AppResult};
use crate::staff::roles::Role;
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use std::net::SocketAddr;
use std::sync::Arc;

/// Under the staff's session layer and security headers.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/ratings.csv", get(get_csv)).route("/dashboard", get(get_dashboard))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Who may read the figures: an analyst's account, or the token of scripts.
pub struct Analyst;

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

fn unauthorized() -> AppError {
    AppError::client(
        StatusCode::UNAUTHORIZED,
        "Authorization",
        "analysts only: sign in with an analyst's account, or send Authorization: Bearer <token>",
    )
}

impl FromRequestParts<Arc<AppState>> for Analyst {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Analyst, AppError> {
        if let Some(given) = bearer(parts) {
            let peer = parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0)
                .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)));
            let client = client_address(&state.settings, peer, &parts.headers);
            let guesses = &state.feedback.token_guesses;
            let expected = state.settings.analyst_token.as_deref().filter(|t| !t.is_empty());
            if expected.is_some_and(|t| constant_time_eq(given.as_bytes(), t.as_bytes())) {
                return Ok(Analyst);
            }
            return Err(match guesses.check(client) {
                Ok(()) => unauthorized(),
                Err(retry_after) => AppError::TooMany { retry_after },
            });
        }
        match Staff::from_request_parts(parts, state).await {
            Ok(staff) if staff.roles.has(Role::Analyst) => Ok(Analyst),
            Ok(_) => Err(AppError::forbidden("the figures are for analysts")),
            Err(_) => Err(unauthorized()),
        }
    }
}

#[derive(Deserialize)]
struct CsvQuery {
    sep: Option<String>,
}

async fn get_csv(
    State(state): State<Arc<AppState>>,
    _analyst: Analyst,
    Query(q): Query<CsvQuery>,
) -> AppResult<Response> {
    let sep = match q.sep.as_deref() {
        None | Some("comma") | Some(",") => ',',
        Some("semicolon") | Some(";") => ';',
        Some(_) => return Err(AppError::invalid("sep", "use comma or semicolon")),
    };
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let rows = store::all(&state.db).await.map_err(AppError::Unavailable)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"ratings.csv\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        export::csv(&rows, sep, &|s| analysis::Names::department_of(&*published, s)),
    )
        .into_response())
}

async fn get_dashboard(State(state): State<Arc<AppState>>, analyst: Result<Analyst, AppError>) -> AppResult<Response> {
    if let Err(e) = analyst {
        // A person who is not signed in is sent to sign in, in the studio.
        let mut r = match e {
            AppError::Client { status, .. } => (status, Html(dashboard::sign_in_page())).into_response(),
            other => return Err(other),
        };
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(r);
    }
    let (published, s) = super::summary(&state).await?;
    let weeks = analysis::weekly(&store::days(&state.db).await.map_err(AppError::Unavailable)?);
    let helpful = store::helpful_counts(&state.db).await.map_err(AppError::Unavailable)?;
    let page = dashboard::page(&s, &weeks, &helpful, &published.info.city);
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}
