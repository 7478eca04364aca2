//! # lifenav-feedback
//!
//! Receives citizens' ratings of public services (overall and four criteria: waiting
//! time, politeness, comfort, information), keeps them durably without personal data,
//! and reports satisfaction to citizens (`/api/v1/summary`) and analysts (CSV and an
//! SVG dashboard). The API is described in `docs/feedback-openapi.yaml`.
//!
//! - [`rating`]: what a request may carry, validated field by field.
//! - [`store`]: SQLite or PostgreSQL, the same SQL.
//! - [`writer`]: group commit: a 201 means committed, at thousands of ratings a second.
//! - [`analysis`], [`dashboard`], [`export`]: the figures, their page, the CSV.

pub mod analysis;
pub mod dashboard;
pub mod export;
pub mod ratelimit;
pub mod rating;
pub mod store;
pub mod writer;

use analysis::{Names, Summary};
use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rating::{FieldError, Helpful, Known, Rating};
use serde::Deserialize;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use store::{Item, Outcome, Store};
use writer::Writer;

/// Largest request body accepted (a rating with a 1,000-character comment is ~4 KB).
pub const MAX_BODY: usize = 16 * 1024;

/// What the service knows of the catalog it serves.
#[derive(Debug, Clone, Default)]
pub struct CatalogInfo {
    pub city: String,
    /// Service id → (title, department name), in catalog order.
    pub services: Vec<(String, String, String)>,
    pub situations: HashSet<String>,
    index: HashMap<String, usize>,
}

impl CatalogInfo {
    pub fn from_engine(engine: &lifenav_core::Engine) -> CatalogInfo {
        let c = &engine.catalog;
        let services: Vec<(String, String, String)> = c
            .services
            .iter()
            .map(|s| {
                let dept = engine
                    .department(&s.provider)
                    .map(|d| d.short.as_ref().unwrap_or(&d.name).ru.clone())
                    .unwrap_or_else(|| s.provider.clone());
                (s.id.clone(), s.title.ru.clone(), dept)
            })
            .collect();
        let index = services.iter().enumerate().map(|(i, s)| (s.0.clone(), i)).collect();
        CatalogInfo {
            city: c.meta.city.ru.clone(),
            services,
            situations: c.situations.iter().map(|s| s.id.clone()).collect(),
            index,
        }
    }
}

/// Settings of a running service.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `None`: any well-formed id is accepted (no catalog given).
    pub catalog: Option<CatalogInfo>,
    pub analyst_token: Option<String>,
    pub allowed_origins: Vec<String>,
    pub rate_per_minute: u32,
    pub rate_burst: u32,
    /// Take the client address from `X-Forwarded-For` (behind the city's proxy).
    pub trust_forwarded_for: bool,
    /// A folder to serve at `/` (the demo page and the widget).
    pub static_dir: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            catalog: None,
            analyst_token: None,
            allowed_origins: Vec::new(),
            rate_per_minute: 120,
            rate_burst: 60,
            trust_forwarded_for: false,
            static_dir: None,
        }
    }
}

pub struct AppState {
    store: Store,
    writer: Writer,
    settings: Settings,
    limiter: ratelimit::RateLimiter,
    /// Bumped at every commit, so the summary is recomputed only when ratings change.
    generation: Arc<AtomicU64>,
    summary: Mutex<Option<(u64, Arc<Summary>)>>,
}

fn well_formed_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Known for Settings {
    fn service(&self, id: &str) -> bool {
        match &self.catalog {
            Some(c) => c.index.contains_key(id),
            None => well_formed_id(id),
        }
    }
    fn situation(&self, id: &str) -> bool {
        match &self.catalog {
            Some(c) => c.situations.contains(id),
            None => well_formed_id(id),
        }
    }
}

impl Names for Settings {
    fn service_title(&self, id: &str) -> String {
        self.catalog
            .as_ref()
            .and_then(|c| c.index.get(id).map(|&i| c.services[i].1.clone()))
            .unwrap_or_else(|| id.into())
    }
    fn department_of(&self, id: &str) -> String {
        self.catalog
            .as_ref()
            .and_then(|c| c.index.get(id).map(|&i| c.services[i].2.clone()))
            .unwrap_or_else(|| "—".into())
    }
    fn all_services(&self) -> Vec<String> {
        self.catalog.as_ref().map(|c| c.services.iter().map(|s| s.0.clone()).collect()).unwrap_or_default()
    }
}

/// A running application: its router, and the writer task to await on shutdown.
pub struct App {
    pub router: Router,
    pub writer_task: tokio::task::JoinHandle<()>,
}

pub fn app(store: Store, settings: Settings) -> App {
    let generation = Arc::new(AtomicU64::new(0));
    let bump = generation.clone();
    let (writer, writer_task) = Writer::start(store.clone(), move || {
        bump.fetch_add(1, Ordering::Release);
    });
    let state = Arc::new(AppState {
        limiter: ratelimit::RateLimiter::new(settings.rate_per_minute, settings.rate_burst),
        store,
        writer,
        generation,
        summary: Mutex::new(None),
        settings: settings.clone(),
    });
    let mut router = Router::new()
        .route("/api/v1/ratings", post(post_rating))
        .route("/api/v1/helpful", post(post_helpful))
        .route("/api/v1/summary", get(get_summary))
        .route("/api/v1/ratings.csv", get(get_csv))
        .route("/dashboard", get(get_dashboard))
        .route("/dashboard/login", post(post_login))
        .route("/healthz", get(|| async { "ok" }))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state);
    if !settings.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> =
            settings.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        router = router.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        );
    }
    if let Some(dir) = &settings.static_dir {
        router =
            router.fallback_service(tower_http::services::ServeDir::new(dir).append_index_html_on_directories(true));
    }
    App { router, writer_task }
}

fn problem(status: StatusCode, field: &str, error: &str) -> Response {
    (status, Json(json!({ "error": error, "field": field }))).into_response()
}

fn client_address(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    if state.settings.trust_forwarded_for {
        if let Some(ip) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok())
        {
            return ip;
        }
    }
    peer.ip()
}

fn rate_limited(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Option<Response> {
    let wait = state.limiter.check(client_address(state, peer, headers)).err()?;
    let mut r = problem(StatusCode::TOO_MANY_REQUESTS, "", "too many requests from this client; try again later");
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait));
    Some(r)
}

async fn store_item(state: &AppState, id: &str, item: Item) -> Response {
    match state.writer.submit(item).await {
        Ok(Outcome::Created) => (StatusCode::CREATED, Json(json!({ "id": id, "status": "created" }))).into_response(),
        Ok(Outcome::Duplicate) => {
            (StatusCode::OK, Json(json!({ "id": id, "status": "already stored" }))).into_response()
        }
        Ok(Outcome::Conflict) => {
            problem(StatusCode::CONFLICT, "id", "a different submission with this id is already stored")
        }
        Err(e) => {
            eprintln!("lifenav-feedback: storing failed: {e}");
            problem(StatusCode::SERVICE_UNAVAILABLE, "", "the rating could not be stored; please retry")
        }
    }
}

fn invalid(e: FieldError) -> Response {
    problem(StatusCode::UNPROCESSABLE_ENTITY, &e.field, &e.error)
}

async fn post_rating(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(r) = rate_limited(&state, peer, &headers) {
        return r;
    }
    match Rating::parse(&body, &state.settings) {
        Ok(r) => {
            let id = r.id.clone();
            store_item(&state, &id, Item::Rating(r)).await
        }
        Err(e) => invalid(e),
    }
}

async fn post_helpful(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Some(r) = rate_limited(&state, peer, &headers) {
        return r;
    }
    match Helpful::parse(&body, &state.settings) {
        Ok(h) => {
            let id = h.id.clone();
            store_item(&state, &id, Item::Helpful(h)).await
        }
        Err(e) => invalid(e),
    }
}

async fn summary(state: &AppState) -> Result<Arc<Summary>, String> {
    let generation = state.generation.load(Ordering::Acquire);
    if let Some((g, s)) = state.summary.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        if *g == generation {
            return Ok(s.clone());
        }
    }
    let s = Arc::new(analysis::summarize(&state.store.tallies().await?, &state.settings));
    *state.summary.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, s.clone()));
    Ok(s)
}

#[derive(Deserialize)]
struct SummaryQuery {
    service: Option<String>,
}

async fn get_summary(State(state): State<Arc<AppState>>, Query(q): Query<SummaryQuery>) -> Response {
    let s = match summary(&state).await {
        Ok(s) => s,
        Err(e) => return problem(StatusCode::SERVICE_UNAVAILABLE, "", &e),
    };
    let mut response = match q.service {
        None => Json(&*s).into_response(),
        Some(id) if !state.settings.service(&id) => problem(StatusCode::NOT_FOUND, "service", "not in the catalog"),
        Some(id) => match s.services.iter().find(|x| x.service == id) {
            Some(found) => Json(found).into_response(),
            None => Json(analysis::ServiceSummary {
                title: state.settings.service_title(&id),
                department: state.settings.department_of(&id),
                service: id,
                figures: Default::default(),
                channels: Default::default(),
            })
            .into_response(),
        },
    };
    // Citizens' browsers may keep it for a minute: ratings move slowly.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
    response
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
    let mut r = problem(StatusCode::UNAUTHORIZED, "Authorization", "analysts only: send Authorization: Bearer <token>");
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    r
}

#[derive(Deserialize)]
struct CsvQuery {
    sep: Option<String>,
}

async fn get_csv(State(state): State<Arc<AppState>>, headers: HeaderMap, Query(q): Query<CsvQuery>) -> Response {
    if !is_analyst(&state, &headers) {
        return unauthorized();
    }
    let sep = match q.sep.as_deref() {
        None | Some("comma") | Some(",") => ',',
        Some("semicolon") | Some(";") => ';',
        Some(_) => return problem(StatusCode::UNPROCESSABLE_ENTITY, "sep", "use comma or semicolon"),
    };
    match state.store.all().await {
        Ok(rows) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"ratings.csv\""),
                (header::CACHE_CONTROL, "no-store"),
            ],
            export::csv(&rows, sep, &|s| state.settings.department_of(s)),
        )
            .into_response(),
        Err(e) => problem(StatusCode::SERVICE_UNAVAILABLE, "", &e),
    }
}

async fn get_dashboard(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if !is_analyst(&state, &headers) {
        let mut r = Html(dashboard::login_page("Введите ключ доступа аналитика.")).into_response();
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return r;
    }
    let figures = async {
        let s = summary(&state).await?;
        let weeks = analysis::weekly(&state.store.days().await?);
        let helpful = state.store.helpful_counts().await?;
        Ok::<_, String>((s, weeks, helpful))
    };
    match figures.await {
        Ok((s, weeks, helpful)) => {
            let city = state.settings.catalog.as_ref().map(|c| c.city.clone()).unwrap_or_default();
            ([(header::CACHE_CONTROL, "no-store")], Html(dashboard::page(&s, &weeks, &helpful, &city))).into_response()
        }
        Err(e) => problem(StatusCode::SERVICE_UNAVAILABLE, "", &e),
    }
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
