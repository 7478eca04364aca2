//! The catalog as the city keeps it: versions of the whole TOML folder in the database,
//! one shared draft, review and publishing, and the published bundle citizens' widgets load.
//!
//! - [`store`]: the draft, the versions and their files in the database;
//! - [`workflow`]: who may move a version from which state to which;
//! - [`checks`]: `lifenav check` and `lifenav test` on a version;
//! - [`current`]: the version in force, compiled once per version per instance;
//! - [`studio`]: the routes of the studio (the staff's editor);
//! - [`archive`], [`diff`]: folders in and out as .zip/.tar.gz, file diffs.

pub mod archive;
pub mod checks;
pub mod current;
pub mod diff;
pub mod store;
pub mod studio;
pub mod workflow;

use crate::db::{now, Db, DbError};
use crate::http::error::{AppError, AppResult};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use lifenav_core::source::SourceFile;
use std::sync::Arc;
use std::time::Duration;

/// The folder name files are checked under, so that messages read `catalog/services/x.toml:12`
/// exactly as `lifenav check catalog` prints them on an exported folder.
pub const ROOT: &str = "catalog";

/// The catalog built into the server: version 1 on an empty database.
static EMBEDDED: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/../../catalog/irkutsk");

/// The embedded Irkutsk catalog's files, by path in the folder.
pub fn embedded_files() -> Vec<SourceFile> {
    fn walk(dir: &include_dir::Dir<'_>, out: &mut Vec<SourceFile>) {
        for f in dir.files() {
            let name = f.path().to_string_lossy().replace('\\', "/");
            if let (true, Some(text)) = (name.ends_with(".toml"), f.contents_utf8()) {
                out.push(SourceFile { name, text: text.to_string() });
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&EMBEDDED, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Files as the core reads them: under [`ROOT`].
pub fn under_root(files: Vec<SourceFile>) -> Vec<SourceFile> {
    files.into_iter().map(|f| SourceFile { name: format!("{ROOT}/{}", f.name), text: f.text }).collect()
}

/// On an empty database, `files` become version 1, published, and the draft.
pub async fn seed_if_empty(db: &Db, files: &[SourceFile]) -> Result<(), String> {
    if store::has_versions(db).await.map_err(|e| e.to_string())? {
        return Ok(());
    }
    let outcome = checks::run(under_root(files.to_vec()));
    if outcome.errors > 0 {
        return Err(format!("the catalog to start with has errors:\n{}", outcome.refusals().join("\n")));
    }
    if store::seed(db, files).await.map_err(|e| e.to_string())? {
        tracing::info!(files = files.len(), "the database was empty: the catalog became version 1, published");
    }
    Ok(())
}

/// Publishes scheduled versions when their time comes, on whichever instances run: the
/// store's conditional update lets exactly one of them do it.
pub async fn scheduler(db: Db, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match store::publish_due(&db, now()).await {
            Ok(published) => {
                for number in published {
                    tracing::info!(number, "a scheduled version was published");
                    if let Err(e) = rebase_after_schedule(&db, number).await {
                        tracing::warn!(number, error = %e, "the draft could not be moved onto the published version");
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "the scheduler could not look for due versions"),
        }
    }
}

/// The draft follows a version published at its time, from the version it was based on.
async fn rebase_after_schedule(db: &Db, number: i64) -> Result<(), DbError> {
    let Some(version) = store::version(db, number).await? else { return Ok(()) };
    let old = match version.based_on {
        Some(b) => store::version_files(db, b).await?,
        None => return Ok(()),
    };
    store::rebase_draft(db, &old, &store::version_files(db, number).await?, "scheduler").await?;
    Ok(())
}

/// What citizens' widgets read: the published bundle and its situation index.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/catalog/bundle.json", get(bundle)).route("/api/v1/catalog/index.txt", get(index))
}

fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
}

/// A published file for citizens' browsers: revalidated at every page load (`no-cache`),
/// so a publish reaches them on the next one, and 304 while nothing changed.
fn published(headers: &HeaderMap, etag: &str, content_type: &'static str, body: impl IntoResponse) -> Response {
    let mut response = if not_modified(headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    response
}

async fn bundle(State(state): State<Arc<AppState>>, headers: HeaderMap) -> AppResult<Response> {
    let p = state.catalog.get(&state.db, Duration::ZERO).await?;
    Ok(published(&headers, &p.etag, "application/json", p.bundle.clone()))
}

/// The situations of the published version, for the widget's first screen.
async fn index(State(state): State<Arc<AppState>>, headers: HeaderMap) -> AppResult<Response> {
    let p = state.catalog.get(&state.db, Duration::ZERO).await?;
    Ok(published(&headers, &p.etag, "text/plain; charset=utf-8", p.index.clone()))
}

/// A version's files, or a 404 naming the version.
pub async fn files_of(db: &Db, number: i64) -> AppResult<Vec<SourceFile>> {
    let files = store::version_files(db, number).await?;
    if files.is_empty() && store::version(db, number).await?.is_none() {
        return Err(AppError::not_found("number", format!("Версии {number} нет: обновите список версий")));
    }
    Ok(files)
}
