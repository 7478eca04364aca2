//! Citizens' feedback: ratings of services and "was this plan helpful?" in, satisfaction
//! out (the public summary, the analysts' CSV and dashboard). The API is described in
//! `docs/feedback-openapi.yaml`.
//!
//! - [`rating`]: what a request may carry, validated field by field.
//! - [`store`]: where ratings are kept, on either database.
//! - [`writer`]: group commit: a 201 means committed, at thousands of ratings a second.
//! - [`analysis`], [`dashboard`], [`export`]: the figures, their page, the CSV;
//!   [`analysts`]: their routes, for analysts' accounts and scripts with the token.

pub mod analysis;
pub mod analysts;
pub mod cases;
pub mod dashboard;
pub mod export;
pub mod indicators;
pub mod rating;
pub mod responses;
pub mod store;
pub mod writer;

use crate::catalog::current::Published;
use crate::http::client_address;
use crate::http::error::{AppError, AppResult};
use crate::ratelimit::RateLimiter;
use crate::AppState;
use analysis::{Names, Summary};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rating::{FieldError, Helpful, Known, Rating};
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use store::{Item, Outcome};
use writer::Writer;

/// How old the catalog a rating is checked against may be: a service published a moment
/// ago is known on every instance within this time (and at once when its id is unknown).
pub(crate) const CATALOG_MAX_AGE: Duration = Duration::from_secs(2);

pub struct Feedback {
    writer: Writer,
    limiter: RateLimiter,
    /// Bumped at every commit, so the summary is recomputed only when ratings change.
    generation: Arc<AtomicU64>,
    /// The summary, with when it was made, the commit generation and the catalog version.
    summary: Mutex<Option<Made>>,
    /// Held while a summary is computed, so that many requests compute it once.
    computing: tokio::sync::Mutex<()>,
    /// Wrong analyst tokens, per client: guessing one is slowed down.
    pub(crate) token_guesses: RateLimiter,
}

#[derive(Clone)]
struct Made {
    at: Instant,
    generation: u64,
    catalog: i64,
    summary: Arc<Summary>,
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
            computing: tokio::sync::Mutex::new(()),
            token_guesses: RateLimiter::new(10, 10),
        };
        (feedback, task)
    }
}

/// What citizens' widgets call (from any page of the city's sites: no session here).
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/ratings", post(post_rating))
        .route("/api/v1/helpful", post(post_helpful))
        .route("/api/v1/summary", get(get_summary))
        .merge(responses::citizen_routes())
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
        self.info.service(id).map(|s| s.title.clone()).unwrap_or_else(|| id.into())
    }
    fn department_of(&self, id: &str) -> String {
        self.info.service(id).map(|s| s.department_name.clone()).unwrap_or_else(|| "—".into())
    }
    fn all_services(&self) -> Vec<String> {
        self.info.services.iter().map(|s| s.id.clone()).collect()
    }
}

/// A citizen's submission is JSON. A form or `text/plain` post (which a page elsewhere can
/// send without asking, no CORS preflight) is refused.
pub(crate) fn json_only(headers: &HeaderMap) -> AppResult<()> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(AppError::client(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
            "Запрос не понят: данные нужно отправлять как application/json. Обновите страницу и повторите",
        ))
    }
}

pub(crate) fn rate_limited(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> AppResult<()> {
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
        Ok(Outcome::Conflict) => Err(AppError::conflict(
            "id",
            "Отзыв с этим номером уже сохранён, и он другой: обновите страницу и отправьте отзыв заново",
        )),
        Err(e) => Err(AppError::Unavailable(format!("storing a rating: {e}"))),
    }
}

async fn post_rating(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    json_only(&headers)?;
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
    json_only(&headers)?;
    rate_limited(&state, peer, &headers)?;
    let h = parse_with_catalog(&state, |known| Helpful::parse(&body, known)).await?;
    store_item(&state, &h.id.clone(), Item::Helpful(h)).await
}

fn fresh(made: &Option<Made>, generation: u64, catalog: i64, max_age: Duration) -> Option<Arc<Summary>> {
    made.as_ref()
        .filter(|m| m.generation == generation && m.catalog == catalog && m.at.elapsed() < max_age)
        .map(|m| m.summary.clone())
}

/// The figures of every rating, recomputed when this instance stores one, when the
/// catalog changes, or after a few seconds (for ratings stored by other instances).
pub(crate) async fn summary(state: &AppState) -> AppResult<(Arc<Published>, Arc<Summary>)> {
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let f = &state.feedback;
    let max_age = state.settings.summary_max_age;
    let lookup = || {
        let made = f.summary.lock().unwrap_or_else(|e| e.into_inner());
        fresh(&made, f.generation.load(Ordering::Acquire), published.number, max_age)
    };
    if let Some(s) = lookup() {
        return Ok((published, s));
    }
    let _one_at_a_time = f.computing.lock().await;
    if let Some(s) = lookup() {
        return Ok((published, s));
    }
    let generation = f.generation.load(Ordering::Acquire);
    let tallies = store::tallies(&state.db).await.map_err(AppError::Unavailable)?;
    let s = Arc::new(analysis::summarize(&tallies, &*published));
    let made = Made { at: Instant::now(), generation, catalog: published.number, summary: s.clone() };
    *f.summary.lock().unwrap_or_else(|e| e.into_inner()) = Some(made);
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
        Some(id) if !published.service(&id) => {
            return Err(AppError::not_found("service", "Такой услуги нет в справочнике: обновите страницу"))
        }
        Some(id) => {
            let found =
                s.services.iter().find(|x| x.service == id).cloned().unwrap_or_else(|| analysis::ServiceSummary {
                    title: published.service_title(&id),
                    department: published.department_of(&id),
                    service: id.clone(),
                    figures: Default::default(),
                    channels: Default::default(),
                });
            // The departments' public answers, shown with the service's score.
            let mut v = serde_json::to_value(found).unwrap_or_default();
            v["answers"] = Value::Array(responses::public_for(&state, &id).await?);
            Json(v).into_response()
        }
    };
    // Citizens' browsers may keep it for a minute: ratings move slowly.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    Ok(response)
}
