//! Citizens' feedback: ratings of services and "was this plan helpful?" in, satisfaction
//! out (the public summary, the analysts' CSV and dashboard). The API is described in
//! `docs/feedback-openapi.yaml`.
//!
//! - [`rating`]: what a request may carry, validated field by field.
//! - [`store`]: where ratings are kept, on either database.
//! - [`writer`]: group commit: a 201 means committed, at thousands of ratings a second.
//! - [`analysis`], [`dashboard`], [`export`]: the figures, their page, the CSV.

pub mod analysis;
pub mod dashboard;
pub mod export;
pub mod rating;
pub mod store;
pub mod writer;

use crate::catalog::current::Published;
use crate::http::client_address;
use crate::http::error::{AppError, AppResult};
use crate::ratelimit::RateLimiter;
use crate::AppState;
use analysis::{Names, Summary};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rating::{FieldError, Helpful, Known, Rating};
use serde::Deserialize;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use store::{Item, Outcome};
use writer::Writer;

/// How old the catalog a rating is checked against may be: a service published a moment
/// ago is known on every instance within this time (and at once when its id is unknown).
const CATALOG_MAX_AGE: Duration = Duration::from_secs(2);

pub struct Feedback {
    writer: Writer,
    limiter: RateLimiter,
    /// Bumped at every commit, so the summary is recomputed only when ratings change.
    generation: Arc<AtomicU64>,
    /// The summary, with the commit generation and catalog version it was made from.
    summary: Mutex<Option<(u64, i64, Arc<Summary>)>>,
}

impl Feedback {
    pub fn start(db: crate::db::Db, rate_per_minute: u32, rate_burst: u32) -> (Feedback, tokio::task::JoinHandle<()>) {
        let generation = Arc::new(AtomicU64::new(0));
        let bump = generation.clone();
        let (writer, task) = Writer::start(db, move || {
            bump.fetch_add(1, Ordering::Release);
        });
        let feedback = Feedback {
            writer,
            limiter: RateLimiter::new(rate_per_minute, rate_burst),
            generation,
            summary: Mutex::new(None),
        };
        (feedback, task)
    }
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/ratings", post(post_rating))
        .route("/api/v1/helpful", post(post_helpful))
        .route("/api/v1/summary", get(get_summary))
        .route("/api/v1/ratings.csv", get(get_csv))
        .route("/dashboard", get(get_dashboard))
        .route("/dashboard/login", post(post_login))
}

impl Known for Published {
    fn service(&self, id: &str) -> bool {
        self.info.index.contains_key(id)
    }
    fn situation(&self, id: &str) -> bool {
        self.info.situations.contains(id)
    }
}

impl Names for Published {
    fn service_title(&self, id: &str) -> String {
        self.info.index.get(id).map(|&i| self.info.services[i].1.clone()).unwrap_or_else(|| id.into())
    }
    fn department_of(&self, id: &str) -> String {
        self.info.index.get(id).map(|&i| self.info.services[i].2.clone()).unwrap_or_else(|| "—".into())
    }
    fn all_services(&self) -> Vec<String> {
        self.info.services.iter().map(|s| s.0.clone()).collect()
    }
}

fn rate_limited(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> AppResult<()> {
    match state.feedback.limiter.check(client_address(&state.settings, peer, headers)) {
        Ok(()) => Ok(()),
        Err(retry_after) => Err(AppError::TooMany { retry_after }),
    }
}

/// Validates against the published catalog; an id it does not know is looked up once more
/// in the newest published version before it is refused.
async fn parse_with_catalog<T>(state: &AppState, parse: impl Fn(&Published) -> Result<T, FieldError>) -> AppResult<T> {
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    match parse(&published) {
        Ok(v) => Ok(v),
        Err(e) if e.field == "service" || e.field == "situation" => {
            let newest = state.catalog.get_after_miss(&state.db).await?;
            parse(&newest).map_err(invalid)
        }
        Err(e) => Err(invalid(e)),
    }
}

fn invalid(e: FieldError) -> AppError {
    AppError::invalid(&e.field, e.error)
}

async fn store_item(state: &AppState, id: &str, item: Item) -> AppResult<Response> {
    match state.feedback.writer.submit(item).await {
        Ok(Outcome::Created) => {
            Ok((StatusCode::CREATED, Json(json!({ "id": id, "status": "created" }))).into_response())
        }
        Ok(Outcome::Duplicate) => {
            Ok((StatusCode::OK, Json(json!({ "id": id, "status": "already stored" }))).into_response())
        }
        Ok(Outcome::Conflict) => Err(AppError::conflict("id", "a different submission with this id is already stored")),
        Err(e) => Err(AppError::Unavailable(format!("storing a rating: {e}"))),
    }
}

async fn post_rating(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    rate_limited(&state, peer, &headers)?;
    let r = parse_with_catalog(&state, |known| Rating::parse(&body, known)).await?;
    store_item(&state, &r.id.clone(), Item::Rating(r)).await
}

async fn post_helpful(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    rate_limited(&state, peer, &headers)?;
    let h = parse_with_catalog(&state, |known| Helpful::parse(&body, known)).await?;
    store_item(&state, &h.id.clone(), Item::Helpful(h)).await
}

async fn summary(state: &AppState) -> AppResult<(Arc<Published>, Arc<Summary>)> {
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let generation = state.feedback.generation.load(Ordering::Acquire);
    if let Some((g, n, s)) = state.feedback.summary.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if *g == generation && *n == published.number {
            return Ok((published.clone(), s.clone()));
        }
    }
    let tallies = store::tallies(&state.db).await.map_err(AppError::Unavailable)?;
    let s = Arc::new(analysis::summarize(&tallies, &*published));
    *state.feedback.summary.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, published.number, s.clone()));
    Ok((published, s))
}

#[derive(Deserialize)]
struct SummaryQuery {
    service: Option<String>,
}

async fn get_summary(State(state): State<Arc<AppState>>, Query(q): Query<SummaryQuery>) -> AppResult<Response> {
    let (published, s) = summary(&state).await?;
    let mut response = match q.service {
        None => Json(&*s).into_response(),
        Some(id) if !published.service(&id) => return Err(AppError::not_found("service", "not in the catalog")),
        Some(id) => match s.services.iter().find(|x| x.service == id) {
            Some(found) => Json(found).into_response(),
            None => Json(analysis::ServiceSummary {
                title: published.service_title(&id),
                department: published.department_of(&id),
                service: id,
                figures: Default::default(),
                channels: Default::default(),
            })
            .into_response(),
        },
    };
    // Citizens' browsers may keep it for a minute: ratings move slowly.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    Ok(response)
}

const COOKIE: &str = "lifenav_analyst";

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn is_analyst(state: &AppState, headers: &HeaderMap) -> bool {
    let Some(token) = state.settings.analyst_token.as_deref().filter(|t| !t.is_empty()) else { return false };
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().strip_prefix(COOKIE).and_then(|r| r.strip_prefix('=')))
        .next();
    [bearer, cookie].into_iter().flatten().any(|given| constant_time_eq(given.as_bytes(), token.as_bytes()))
}

fn unauthorized() -> Response {
    let mut r = AppError::client(
        StatusCode::UNAUTHORIZED,
        "Authorization",
        "analysts only: send Authorization: Bearer <token>",
    )
    .into_response();
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    r
}

#[derive(Deserialize)]
struct CsvQuery {
    sep: Option<String>,
}

async fn get_csv(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<CsvQuery>,
) -> AppResult<Response> {
    if !is_analyst(&state, &headers) {
        return Ok(unauthorized());
    }
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
        export::csv(&rows, sep, &|s| published.department_of(s)),
    )
        .into_response())
}

async fn get_dashboard(State(state): State<Arc<AppState>>, headers: HeaderMap) -> AppResult<Response> {
    if !is_analyst(&state, &headers) {
        let mut r = Html(dashboard::login_page("Введите ключ доступа аналитика.")).into_response();
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(r);
    }
    let (published, s) = summary(&state).await?;
    let weeks = analysis::weekly(&store::days(&state.db).await.map_err(AppError::Unavailable)?);
    let helpful = store::helpful_counts(&state.db).await.map_err(AppError::Unavailable)?;
    let page = dashboard::page(&s, &weeks, &helpful, &published.info.city);
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}

#[derive(Deserialize)]
struct Login {
    token: String,
}

async fn post_login(State(state): State<Arc<AppState>>, Form(login): Form<Login>) -> Response {
    let ok = state
        .settings
        .analyst_token
        .as_deref()
        .is_some_and(|t| !t.is_empty() && constant_time_eq(t.as_bytes(), login.token.as_bytes()));
    if !ok {
        let mut r = Html(dashboard::login_page("Неверный ключ.")).into_response();
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return r;
    }
    let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/", login.token);
    let mut r = Redirect::to("/dashboard").into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}
