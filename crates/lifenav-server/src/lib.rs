//! # lifenav-server
//!
//! The city's one server for the navigator:
//!
//! - [`catalog`]: the catalog as versions in the database, the shared draft the studio
//!   edits, review and publishing, and the published bundle citizens' widgets load;
//! - [`staff`]: staff accounts (argon2id), sessions in the database, roles;
//! - [`feedback`]: citizens' ratings in, satisfaction out;
//! - [`http`]: what every route shares: one error type, extractors for who is asking,
//!   the guards of the staff's routes;
//! - [`db`]: SQLite or PostgreSQL with versioned migrations; [`audit`]: every staff action.

pub mod audit;
pub mod catalog;
pub mod db;
pub mod feedback;
pub mod http;
pub mod ratelimit;
pub mod staff;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue, Method};
use axum::routing::get;
use axum::Router;
use db::Db;
use lifenav_core::source::SourceFile;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Largest request body accepted by default (a rating with a 1,000-character comment is ~4 KB;
/// a catalog file is saved whole).
pub const MAX_BODY: usize = 1 << 20;
/// Largest rating or "helpful" answer.
pub const MAX_FEEDBACK_BODY: usize = 16 * 1024;

/// How the staff's and the citizens' limits are said when a body is over them.
const STAFF_LIMIT: http::error::BodyLimit =
    http::error::BodyLimit {
        bytes: MAX_BODY, what: "Запрос", advice: "сократите текст и сохраните снова"
    };
const FEEDBACK_LIMIT: http::error::BodyLimit = http::error::BodyLimit {
    bytes: MAX_FEEDBACK_BODY,
    what: "Отзыв",
    advice: "сократите комментарий и отправьте снова",
};

/// Settings of a running server.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The catalog that becomes version 1 on an empty database (default: the embedded Irkutsk catalog).
    pub seed: Vec<SourceFile>,
    pub analyst_token: Option<String>,
    /// Origins allowed to post ratings from the browser (a city's sites).
    pub allowed_origins: Vec<String>,
    pub rate_per_minute: u32,
    pub rate_burst: u32,
    /// Proxies whose `X-Forwarded-For` is believed (the city's load balancers).
    pub trusted_proxies: Vec<IpAddr>,
    /// A folder to serve at `/` (the demo page and the widget; `studio/` the studio).
    pub static_dir: Option<PathBuf>,
    /// The address staff reach the server at, e.g. `https://nav.admirk.ru`: the origin
    /// staff requests must come from, and `https` makes the session cookie `Secure`.
    pub public_origin: Option<String>,
    /// The city's time zone, for scheduled publishing (Irkutsk: +8).
    pub utc_offset_hours: i64,
    /// How often the scheduler looks for versions due to be published.
    pub schedule_every: Duration,
    /// A staff session ends after this long without a request.
    pub session_idle: Duration,
    /// How old the satisfaction summary may be: ratings stored by another instance show
    /// within this time (browsers keep the public summary for a minute anyway).
    pub summary_max_age: Duration,
    /// The monitoring targets and the time a low rating with a comment must be answered in.
    pub targets: feedback::indicators::Targets,
    /// The page with the widget that rating posters' QR codes open (`…#rate/<service>`).
    pub widget_page: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: catalog::embedded_files(),
            analyst_token: None,
            allowed_origins: Vec::new(),
            rate_per_minute: 120,
            rate_burst: 60,
            trusted_proxies: Vec::new(),
            static_dir: None,
            public_origin: None,
            utc_offset_hours: lifenav_core::Date::IRKUTSK_UTC_OFFSET,
            schedule_every: Duration::from_secs(5),
            session_idle: Duration::from_secs(8 * 3600),
            summary_max_age: Duration::from_secs(5),
            targets: Default::default(),
            widget_page: None,
        }
    }
}

pub struct AppState {
    pub db: Db,
    pub settings: Settings,
    pub feedback: feedback::Feedback,
    pub catalog: catalog::current::CurrentCatalog,
    pub sign_in: staff::SignInLimits,
}

/// A running application: its router, and its background tasks.
pub struct App {
    pub router: Router,
    /// Ends once every accepted rating is committed, after the router is dropped.
    pub writer_task: tokio::task::JoinHandle<()>,
    /// The scheduler and the session sweeper: stopped at shutdown.
    pub background: Vec<tokio::task::JoinHandle<()>>,
}

/// Builds the application on a connected database, putting the seed catalog in first if
/// the database holds none.
pub async fn app(db: Db, settings: Settings) -> Result<App, String> {
    catalog::seed_if_empty(&db, &settings.seed).await?;
    let (feedback, writer_task) = feedback::Feedback::start(db.clone(), settings.rate_per_minute, settings.rate_burst);
    let state = Arc::new(AppState {
        db: db.clone(),
        settings: settings.clone(),
        feedback,
        catalog: Default::default(),
        sign_in: Default::default(),
    });
    let (sessions, sweeper) = session_layer(&db, &settings);
    let staff_routes = Router::new()
        .merge(staff::routes())
        .merge(catalog::studio::routes())
        .merge(feedback::analysts::routes())
        .merge(feedback::responses::staff_routes())
        .layer(axum::middleware::from_fn_with_state(STAFF_LIMIT, http::error::plain_rejections))
        .layer(axum::middleware::from_fn_with_state(state.clone(), http::guard::same_origin_only))
        .layer(axum::middleware::from_fn(http::guard::security_headers))
        .layer(sessions);
    // A declared length over the limit is answered at once, before any body arrives.
    let mut public_routes = Router::new()
        .merge(feedback::routes())
        .merge(catalog::routes())
        .layer(DefaultBodyLimit::max(MAX_FEEDBACK_BODY))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_FEEDBACK_BODY))
        .layer(axum::middleware::from_fn_with_state(FEEDBACK_LIMIT, http::error::plain_rejections));
    if !settings.allowed_origins.is_empty() {
        let origins: Vec<HeaderValue> =
            settings.allowed_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
        public_routes = public_routes.layer(
            tower_http::cors::CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        );
    }
    let mut router = Router::new()
        .merge(staff_routes.layer(DefaultBodyLimit::max(MAX_BODY)))
        .merge(public_routes)
        .route("/healthz", get(|| async { "ok" }))
        .with_state(state);
    if let Some(dir) = &settings.static_dir {
        router = static_files(router, dir);
    }
    // An API address that no route has (a 404 of the fallback) is said in words too.
    let router = router.layer(axum::middleware::from_fn_with_state(STAFF_LIMIT, http::error::plain_rejections));
    let scheduler = tokio::spawn(catalog::scheduler(db, settings.schedule_every));
    Ok(App { router, writer_task, background: vec![scheduler, sweeper] })
}

/// Sessions in the database, in a cookie that is `HttpOnly`, `SameSite=Strict`, and
/// `Secure` when staff reach the server over https.
fn session_layer(
    db: &Db,
    settings: &Settings,
) -> (SessionManagerLayer<staff::sessions::Sessions>, tokio::task::JoinHandle<()>) {
    let store = staff::sessions::Sessions::new(db);
    let sweeper = tokio::spawn(staff::sessions::sweep(store.clone()));
    let secure = settings.public_origin.as_deref().is_some_and(|o| o.starts_with("https://"));
    let idle = tower_sessions::cookie::time::Duration::seconds(settings.session_idle.as_secs() as i64);
    let layer = SessionManagerLayer::new(store)
        .with_name("lifenav_staff")
        .with_http_only(true)
        .with_same_site(SameSite::Strict)
        .with_secure(secure)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));
    (layer, sweeper)
}

/// The demo page and the widget at `/`, the studio at `/studio/` (its own pages for any
/// path under it). Files whose names start with a dot are never served.
fn static_files(router: Router, dir: &std::path::Path) -> Router {
    use tower_http::services::{ServeDir, ServeFile};
    let studio = dir.join("studio");
    let studio_service = ServeDir::new(&studio).fallback(ServeFile::new(studio.join("index.html")));
    let studio_routes = Router::new()
        .nest_service("/studio", studio_service)
        .layer(axum::middleware::from_fn(http::guard::security_headers))
        .layer(tower_http::set_header::SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    router
        .merge(studio_routes)
        .fallback_service(ServeDir::new(dir).append_index_html_on_directories(true))
        .layer(axum::middleware::from_fn(http::guard::no_dotfiles))
}
