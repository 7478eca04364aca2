//! The studio's routes: the shared draft, file by file with optimistic concurrency; import
//! and export; versions submitted, reviewed, published, scheduled and rolled back; diffs,
//! checks and the impact of a change on the scenarios' plans. Who may do what is in the
//! extractors of each handler ([`crate::http::auth`]) and in [`super::workflow`].

use super::store::{self, Audit, DraftFile, Fields, NewVersion, Save};
use super::workflow::{self, State as VersionState};
use super::{archive, checks, diff, files_of, under_root};
use crate::db::now;
use crate::http::auth::{Editor, Reviewer, Staff};
use crate::http::error::{
    json_object, only_fields, optional_str, plain_rejections, required_str, AppError, AppResult, BodyLimit,
};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use lifenav_core::present::{count, Counted};
use lifenav_core::source::SourceFile;
use lifenav_core::Lang;
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// The largest import accepted (a catalog of thousands of services is a few MB).
const MAX_IMPORT: usize = 16 << 20;
const MAX_MESSAGE: usize = 2000;
const FILES: Counted = Counted { ru: ["файл", "файла", "файлов"], en: ["file", "files"] };
const IMPORT_LIMIT: BodyLimit = BodyLimit {
    bytes: MAX_IMPORT,
    what: "Архив",
    advice: "оставьте в нём только папку каталога, без картинок, документов и других файлов, и загрузите снова",
};

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/studio/draft", get(get_draft))
        .route("/api/v1/studio/draft/files/{*path}", put(save_file).delete(delete_file))
        .route("/api/v1/studio/draft/check", get(check_draft))
        .route("/api/v1/studio/draft/bundle.json", get(draft_bundle))
        .route("/api/v1/studio/draft/diff", get(draft_diff))
        .route("/api/v1/studio/draft/impact", get(draft_impact))
        .route("/api/v1/studio/draft/export.zip", get(export_draft))
        .route(
            "/api/v1/studio/draft/import",
            post(import)
                .layer(DefaultBodyLimit::max(MAX_IMPORT))
                .layer(axum::middleware::from_fn_with_state(IMPORT_LIMIT, plain_rejections)),
        )
        .route("/api/v1/studio/draft/reset", post(reset_draft))
        .route("/api/v1/studio/versions", get(list_versions).post(submit))
        .route("/api/v1/studio/versions/{number}", get(get_version))
        .route("/api/v1/studio/versions/{number}/files/{*path}", get(version_file))
        .route("/api/v1/studio/versions/{number}/diff", get(version_diff))
        .route("/api/v1/studio/versions/{number}/impact", get(version_impact))
        .route("/api/v1/studio/versions/{number}/check", get(check_version))
        .route("/api/v1/studio/versions/{number}/export.zip", get(export_version))
        .route("/api/v1/studio/versions/{number}/approve", post(approve))
        .route("/api/v1/studio/versions/{number}/request-changes", post(request_changes))
        .route("/api/v1/studio/versions/{number}/withdraw", post(withdraw))
        .route("/api/v1/studio/versions/{number}/publish", post(publish))
        .route("/api/v1/studio/versions/{number}/unschedule", post(unschedule))
        .route("/api/v1/studio/versions/{number}/rollback", post(roll_back))
}

fn draft_sources(files: &[DraftFile]) -> Vec<SourceFile> {
    files.iter().map(|f| SourceFile { name: f.path.clone(), text: f.text.clone() }).collect()
}

async fn current_number(state: &AppState) -> AppResult<i64> {
    Ok(store::current_number(&state.db, now()).await?.unwrap_or(0))
}

/// The draft's files, which of them differ from the version in force, and that version.
async fn get_draft(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Json<Value>> {
    let files = store::draft(&state.db).await?;
    let current = current_number(&state).await?;
    let published: std::collections::BTreeMap<String, String> =
        store::version_hashes(&state.db, current).await?.into_iter().collect();
    let mut changed: Vec<&str> =
        files.iter().filter(|f| published.get(&f.path) != Some(&f.hash)).map(|f| f.path.as_str()).collect();
    let removed = published.keys().filter(|p| !files.iter().any(|f| &f.path == *p)).map(String::as_str);
    changed.extend(removed);
    changed.sort_unstable();
    Ok(Json(json!({ "published": current, "files": files, "changed": changed, "published_files": published })))
}

fn valid_path(path: &str) -> AppResult<()> {
    match archive::path_problem(path) {
        Some(problem) => Err(AppError::invalid("path", format!("Неподходящее имя файла: {problem}"))),
        None => Ok(()),
    }
}

fn stale(current: Option<DraftFile>) -> AppError {
    let message = match &current {
        Some(f) if f.updated_by == "system" || f.updated_by == "scheduler" => {
            "Пока вы редактировали, черновик обновился по опубликованной версии: сравните оба текста и выберите нужное"
                .to_string()
        }
        Some(f) => format!(
            "Пока вы редактировали, {} сохранил(а) здесь свои изменения: сравните оба текста и выберите нужное",
            f.updated_by
        ),
        None => "Пока вы редактировали, этот файл удалили: решите, нужен ли он, и сохраните снова".to_string(),
    };
    AppError::conflict("base", message).with("current", json!(current))
}

/// Saves one file of the draft. `base` is the hash of the text the editor started from
/// (`null` for a new file): if the file has changed since, nothing is written and the 409
/// carries the other text, so the editor's own work is never lost.
async fn save_file(
    State(state): State<Arc<AppState>>,
    Editor(me): Editor,
    Path(path): Path<String>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    valid_path(&path)?;
    let m = json_object(&body)?;
    only_fields(&m, &["text", "base"])?;
    let text = required_str(&m, "text")?;
    if let Some(problem) = archive::text_problem(text) {
        return Err(AppError::invalid("text", format!("Текст не сохранён: {problem}")));
    }
    let base = optional_str(&m, "base")?;
    match store::save_draft_file(&state.db, &path, text, base, &me.login).await? {
        Save::Saved { hash } => Ok(Json(json!({ "path": path, "hash": hash }))),
        Save::Stale { current } => Err(stale(current)),
    }
}

#[derive(Deserialize)]
struct BaseQuery {
    base: Option<String>,
}

async fn delete_file(
    State(state): State<Arc<AppState>>,
    Editor(me): Editor,
    Path(path): Path<String>,
    Query(q): Query<BaseQuery>,
) -> AppResult<StatusCode> {
    valid_path(&path)?;
    if path == "catalog.toml" {
        return Err(AppError::invalid("path", "Главный файл каталога удалить нельзя: без него каталог не работает"));
    }
    let base = q
        .base
        .ok_or_else(|| AppError::invalid("base", "Не указано, какой текст удаляется: обновите страницу и повторите"))?;
    match store::delete_draft_file(&state.db, &path, &base, &me.login).await? {
        Save::Saved { .. } => Ok(StatusCode::NO_CONTENT),
        Save::Stale { current } => Err(stale(current)),
    }
}

async fn check_files(files: Vec<SourceFile>) -> AppResult<checks::Outcome> {
    tokio::task::spawn_blocking(move || checks::run(under_root(files)))
        .await
        .map_err(|e| AppError::Unavailable(format!("check: {e}")))
}

async fn check_draft(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Json<checks::Outcome>> {
    let files = draft_sources(&store::draft(&state.db).await?);
    Ok(Json(check_files(files).await?))
}

/// The draft compiled, for the studio's preview of the widget.
async fn draft_bundle(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Response> {
    let files = draft_sources(&store::draft(&state.db).await?);
    let compiled = tokio::task::spawn_blocking(move || super::current::Published::compile(0, files))
        .await
        .map_err(|e| AppError::Unavailable(format!("compile: {e}")))?;
    match compiled {
        Ok(p) => Ok(([(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], p.bundle)
            .into_response()),
        Err(e) => Err(AppError::invalid("draft", format!("В черновике есть ошибки, предпросмотр недоступен: {e}"))),
    }
}

async fn draft_diff(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Json<Value>> {
    let current = current_number(&state).await?;
    let old = files_of(&state.db, current).await?;
    let new = draft_sources(&store::draft(&state.db).await?);
    let changes = lifenav_core::edit::changes(&old, &new);
    Ok(Json(json!({ "against": current, "files": diff::diff(&old, &new), "changes": changes })))
}

async fn impact_of(old: Vec<SourceFile>, new: Vec<SourceFile>) -> AppResult<Value> {
    let computed = tokio::task::spawn_blocking(move || checks::impact(under_root(old), under_root(new)))
        .await
        .map_err(|e| AppError::Unavailable(format!("impact: {e}")))?;
    match computed {
        Ok(scenarios) => Ok(json!(scenarios)),
        Err(why) => Err(AppError::invalid("number", format!("Не удалось посчитать, как изменятся планы: {why}"))),
    }
}

/// How the draft changes the scenarios' plans against the version in force.
async fn draft_impact(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Json<Value>> {
    let current = current_number(&state).await?;
    let old = files_of(&state.db, current).await?;
    let new = draft_sources(&store::draft(&state.db).await?);
    Ok(Json(json!({ "against": current, "scenarios": impact_of(old, new).await? })))
}

fn zip_response(files: &[SourceFile], name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        archive::pack(files),
    )
        .into_response()
}

async fn export_draft(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Response> {
    let files = draft_sources(&store::draft(&state.db).await?);
    Ok(zip_response(&files, "catalog-draft.zip"))
}

async fn export_version(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path(number): Path<i64>,
) -> AppResult<Response> {
    let files = files_of(&state.db, number).await?;
    Ok(zip_response(&files, &format!("catalog-v{number}.zip")))
}

/// Replaces the draft with an uploaded folder (.zip or .tar.gz) and says what the check
/// finds in it.
async fn import(State(state): State<Arc<AppState>>, Editor(me): Editor, body: Bytes) -> AppResult<Json<Value>> {
    let (files, skipped) = archive::unpack(&body).map_err(|e| {
        AppError::invalid(
            "file",
            format!("{}{}", if e.file.is_empty() { String::new() } else { format!("{}: ", e.file) }, e.message),
        )
        .with("path", json!(e.file))
    })?;
    let detail = format!("загружено: {}", count(files.len() as u64, FILES, Lang::Ru));
    store::replace_draft(&state.db, &files, &me.login, "draft_imported", &detail).await?;
    let outcome = check_files(files.clone()).await?;
    Ok(Json(json!({ "files": files.len(), "skipped": skipped, "check": outcome })))
}

/// Takes an earlier version's files back into the draft (discarding the draft's changes).
async fn reset_draft(State(state): State<Arc<AppState>>, Editor(me): Editor, body: Bytes) -> AppResult<Json<Value>> {
    let m = json_object(&body)?;
    only_fields(&m, &["version"])?;
    let number =
        m.get("version").and_then(Value::as_i64).ok_or_else(|| AppError::invalid("version", "Укажите номер версии"))?;
    let files = files_of(&state.db, number).await?;
    store::replace_draft(&state.db, &files, &me.login, "draft_reset", &format!("к версии {number}")).await?;
    Ok(Json(json!({ "files": files.len(), "version": number })))
}

async fn list_versions(State(state): State<Arc<AppState>>, _staff: Staff) -> AppResult<Json<Value>> {
    let current = current_number(&state).await?;
    Ok(Json(json!({ "current": current, "versions": store::versions(&state.db).await? })))
}

fn message_field(m: &serde_json::Map<String, Value>, field: &str, required: bool) -> AppResult<Option<String>> {
    let text = optional_str(m, field)?.map(str::trim).filter(|s| !s.is_empty());
    match text {
        None if required && field == "note" => {
            Err(AppError::invalid(field, "Напишите, что нужно исправить: автор увидит это примечание"))
        }
        None if required => Err(AppError::invalid(field, "Напишите, что изменилось и почему")),
        Some(t) if t.chars().count() > MAX_MESSAGE => Err(AppError::invalid(
            field,
            format!("Слишком длинный текст: не больше {MAX_MESSAGE} знаков, сократите его"),
        )),
        Some(t) if t.contains('\0') => {
            Err(AppError::invalid(field, "В тексте есть недопустимый символ (NUL): уберите его"))
        }
        other => Ok(other.map(str::to_string)),
    }
}

/// Submits the draft for review: its files become a new, immutable version. A draft with
/// errors is refused (the editor sees them in the studio); one that equals the version in
/// force has nothing to review.
async fn submit(State(state): State<Arc<AppState>>, Editor(me): Editor, body: Bytes) -> AppResult<Response> {
    let m = json_object(&body)?;
    only_fields(&m, &["message"])?;
    let message = message_field(&m, "message", true)?.unwrap_or_default();
    let files = draft_sources(&store::draft(&state.db).await?);
    let current = current_number(&state).await?;
    let published = files_of(&state.db, current).await?;
    if diff::diff(&published, &files).is_empty() {
        return Err(AppError::invalid(
            "draft",
            "Черновик не отличается от действующей версии: отправлять на проверку нечего",
        ));
    }
    let outcome = check_files(files.clone()).await?;
    // A version that could not be published is not worth a reviewer's time: the
    // scenarios are checked here too, not only at publishing.
    if !outcome.publishable() {
        return Err(AppError::invalid(
            "draft",
            "Черновик пока нельзя отправить: исправьте ошибки и обновите сценарии, которые не проходят (список ниже), и отправьте снова",
        )
        .with("problems", json!(outcome.refusals())));
    }
    let version = NewVersion {
        state: VersionState::Submitted,
        message: &message,
        author: &me.login,
        based_on: Some(current),
        restores: None,
        published_by: None,
        audit_action: "version_submitted",
    };
    let number = store::create_version(&state.db, &version, &files).await?;
    Ok((StatusCode::CREATED, Json(json!({ "number": number, "check": outcome }))).into_response())
}

async fn version_or_404(state: &AppState, number: i64) -> AppResult<store::Version> {
    store::version(&state.db, number)
        .await?
        .ok_or_else(|| AppError::not_found("number", format!("Версии {number} нет: обновите список версий")))
}

async fn get_version(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path(number): Path<i64>,
) -> AppResult<Json<Value>> {
    let version = version_or_404(&state, number).await?;
    let files = store::version_hashes(&state.db, number).await?;
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    Ok(Json(json!({ "version": version, "files": paths, "current": current_number(&state).await? })))
}

async fn version_file(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path((number, path)): Path<(i64, String)>,
) -> AppResult<Json<Value>> {
    let files = files_of(&state.db, number).await?;
    let file = files
        .into_iter()
        .find(|f| f.name == path)
        .ok_or_else(|| AppError::not_found("path", "В этой версии нет такого файла"))?;
    Ok(Json(json!({ "path": file.name, "text": file.text })))
}

#[derive(Deserialize)]
struct AgainstQuery {
    against: Option<i64>,
}

/// What a version changes against another (by default, the version it was based on).
async fn version_diff(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path(number): Path<i64>,
    Query(q): Query<AgainstQuery>,
) -> AppResult<Json<Value>> {
    let version = version_or_404(&state, number).await?;
    let against = q.against.or(version.based_on).or(version.restores).unwrap_or(number - 1);
    let old = if against > 0 { files_of(&state.db, against).await? } else { Vec::new() };
    let new = files_of(&state.db, number).await?;
    let changes = lifenav_core::edit::changes(&old, &new);
    Ok(Json(json!({ "number": number, "against": against, "files": diff::diff(&old, &new), "changes": changes })))
}

/// How a version changes the scenarios' plans against another (by default, the one it was based on).
async fn version_impact(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path(number): Path<i64>,
    Query(q): Query<AgainstQuery>,
) -> AppResult<Json<Value>> {
    let version = version_or_404(&state, number).await?;
    let against = q.against.or(version.based_on).unwrap_or(number - 1).max(1);
    let old = files_of(&state.db, against).await?;
    let new = files_of(&state.db, number).await?;
    Ok(Json(json!({ "number": number, "against": against, "scenarios": impact_of(old, new).await? })))
}

async fn check_version(
    State(state): State<Arc<AppState>>,
    _staff: Staff,
    Path(number): Path<i64>,
) -> AppResult<Json<checks::Outcome>> {
    let files = files_of(&state.db, number).await?;
    Ok(Json(check_files(files).await?))
}

fn note_body(body: &Bytes, required: bool) -> AppResult<Option<String>> {
    if body.is_empty() && !required {
        return Ok(None);
    }
    let m = json_object(body)?;
    only_fields(&m, &["note"])?;
    message_field(&m, "note", required)
}

async fn approve(
    State(state): State<Arc<AppState>>,
    Reviewer(me): Reviewer,
    Path(number): Path<i64>,
    body: Bytes,
) -> AppResult<StatusCode> {
    let note = note_body(&body, false)?;
    let version = version_or_404(&state, number).await?;
    workflow::may_approve(&me.actor(), &version.author, version.state)?;
    let fields = Fields { reviewer: Some(&me.login), review_note: note.as_deref(), ..Fields::default() };
    let audit = Audit { actor: &me.login, action: "version_approved", detail: note.as_deref().unwrap_or("") };
    moved(
        store::transition(&state.db, number, &[VersionState::Submitted], VersionState::Approved, &fields, &audit)
            .await?,
    )
}

/// A transition that lost a race: someone else moved the version first.
fn moved(done: bool) -> AppResult<StatusCode> {
    if done {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::conflict("state", "С этой версией только что уже поработал кто-то другой: обновите страницу"))
    }
}

async fn request_changes(
    State(state): State<Arc<AppState>>,
    Reviewer(me): Reviewer,
    Path(number): Path<i64>,
    body: Bytes,
) -> AppResult<StatusCode> {
    let note = note_body(&body, true)?.unwrap_or_default();
    let version = version_or_404(&state, number).await?;
    workflow::may_request_changes(&me.actor(), &version.author, version.state)?;
    let fields = Fields { reviewer: Some(&me.login), review_note: Some(&note), ..Fields::default() };
    let audit = Audit { actor: &me.login, action: "changes_requested", detail: &note };
    moved(
        store::transition(
            &state.db,
            number,
            &[VersionState::Submitted, VersionState::Approved],
            VersionState::ChangesRequested,
            &fields,
            &audit,
        )
        .await?,
    )
}

async fn withdraw(State(state): State<Arc<AppState>>, me: Staff, Path(number): Path<i64>) -> AppResult<StatusCode> {
    let version = version_or_404(&state, number).await?;
    workflow::may_withdraw(&me.actor(), &version.author, version.state)?;
    let from = [VersionState::Submitted, VersionState::ChangesRequested, VersionState::Approved];
    let audit = Audit { actor: &me.login, action: "version_withdrawn", detail: "" };
    moved(store::transition(&state.db, number, &from, VersionState::Withdrawn, &Fields::default(), &audit).await?)
}

/// `2027-02-01T09:00` in the city's time (or unix seconds) → unix seconds.
pub fn parse_local_time(raw: &str, utc_offset_hours: i64) -> Option<i64> {
    if let Ok(seconds) = raw.parse::<i64>() {
        return Some(seconds);
    }
    let (date, time) = raw.split_once('T').or_else(|| raw.split_once(' '))?;
    let date = lifenav_core::Date::parse(date).ok()?;
    let mut hm = time.split(':');
    let (h, m): (i64, i64) = (hm.next()?.parse().ok()?, hm.next().unwrap_or("0").parse().ok()?);
    if !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    Some(date.to_days() * 86_400 + h * 3600 + m * 60 - utc_offset_hours * 3600)
}

/// Unix seconds as the city's clock shows them: `01.02.2027 09:00`.
pub fn local_time(seconds: i64, utc_offset_hours: i64) -> String {
    let date = lifenav_core::Date::from_unix_seconds(seconds, utc_offset_hours);
    let minutes = (seconds + utc_offset_hours * 3600).rem_euclid(86_400) / 60;
    format!("{:02}.{:02}.{} {:02}:{:02}", date.day, date.month, date.year, minutes / 60, minutes % 60)
}

/// Refuses a version that does not pass the check or whose scenarios fail, saying which.
async fn must_be_publishable(files: Vec<SourceFile>) -> AppResult<()> {
    let outcome = check_files(files).await?;
    if outcome.publishable() {
        Ok(())
    } else {
        Err(AppError::invalid(
            "number",
            "Эту версию нельзя опубликовать: исправьте в черновике то, что перечислено, и отправьте на проверку заново",
        )
        .with("problems", json!(outcome.refusals())))
    }
}

/// Publishes an approved version now, or schedules it (`at`: a time in the city's zone).
async fn publish(
    State(state): State<Arc<AppState>>,
    me: Staff,
    Path(number): Path<i64>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let at = if body.is_empty() {
        None
    } else {
        let m = json_object(&body)?;
        only_fields(&m, &["at"])?;
        match optional_str(&m, "at")? {
            None => None,
            Some(raw) => Some(parse_local_time(raw, state.settings.utc_offset_hours).ok_or_else(|| {
                AppError::invalid(
                    "at",
                    "Не понятны дата и время публикации: укажите их по времени города, например 2027-02-01T09:00",
                )
            })?),
        }
    };
    let version = version_or_404(&state, number).await?;
    let before = current_number(&state).await?;
    workflow::may_publish(&me.actor(), &version.author, version.state, number, before)?;
    let files = files_of(&state.db, number).await?;
    must_be_publishable(files.clone()).await?;
    let from = [VersionState::Approved, VersionState::Scheduled];
    let later = at.filter(|t| *t > now());
    let (to, action) = match later {
        Some(_) => (VersionState::Scheduled, "version_scheduled"),
        None => (VersionState::Published, "version_published"),
    };
    let fields = Fields { publish_at: later, published_by: Some(&me.login), ..Fields::default() };
    let detail = later
        .map(|t| format!("на {} по времени города", local_time(t, state.settings.utc_offset_hours)))
        .unwrap_or_default();
    let audit = Audit { actor: &me.login, action, detail: &detail };
    moved(store::transition(&state.db, number, &from, to, &fields, &audit).await?)?;
    if to == VersionState::Published {
        store::rebase_draft(&state.db, &files_of(&state.db, before).await?, &files, "system").await?;
    }
    Ok(Json(json!({ "number": number, "state": to, "publish_at": later })))
}

async fn unschedule(State(state): State<Arc<AppState>>, me: Staff, Path(number): Path<i64>) -> AppResult<StatusCode> {
    let version = version_or_404(&state, number).await?;
    workflow::may_unschedule(&me.actor(), &version.author, version.state)?;
    let audit = Audit { actor: &me.login, action: "schedule_cancelled", detail: "" };
    moved(
        store::transition(
            &state.db,
            number,
            &[VersionState::Scheduled],
            VersionState::Approved,
            &Fields::default(),
            &audit,
        )
        .await?,
    )
}

/// Publishes an earlier published version's files again, as a new version.
async fn roll_back(
    State(state): State<Arc<AppState>>,
    Reviewer(me): Reviewer,
    Path(number): Path<i64>,
    body: Bytes,
) -> AppResult<Response> {
    let note = note_body(&body, false)?;
    let target = version_or_404(&state, number).await?;
    let current = current_number(&state).await?;
    workflow::may_roll_back(&me.actor(), target.state, number, current)?;
    let Some(note) = note else {
        return Err(AppError::invalid("note", "назовите причину возврата: она войдёт в журнал и в историю версий"));
    };
    let files = files_of(&state.db, number).await?;
    must_be_publishable(files.clone()).await?;
    let message = format!("Возврат к версии {number}: {note}");
    let version = NewVersion {
        state: VersionState::Published,
        message: &message,
        author: &me.login,
        based_on: Some(current),
        restores: Some(number),
        published_by: Some(&me.login),
        audit_action: "version_rolled_back",
    };
    let new = store::create_version(&state.db, &version, &files).await?;
    store::rebase_draft(&state.db, &files_of(&state.db, current).await?, &files, "system").await?;
    Ok((StatusCode::CREATED, Json(json!({ "number": new, "restores": number }))).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_time_in_irkutsk_is_eight_hours_ahead_of_utc() {
        // 2027-02-01 09:00 in Irkutsk is 01:00 UTC.
        assert_eq!(parse_local_time("2027-02-01T09:00", 8), Some(1_801_443_600));
        assert_eq!(parse_local_time("1801443600", 8), Some(1_801_443_600));
        assert_eq!(parse_local_time("2027-02-01T25:00", 8), None);
        assert_eq!(parse_local_time("tomorrow", 8), None);
        assert_eq!(local_time(1_801_443_600, 8), "01.02.2027 09:00");
    }
}
