//! The loop's routes. For responders (staff tied to departments): the ratings of their
//! departments' services, what needs attention first on top, and their answers. For
//! citizens (no account): the answers to their own ratings, asked for by the random ids
//! only their browser knows, and whether an answer helped.

use super::cases::{self, Act, Case, Status};
use super::indicators::department_of;
use super::CATALOG_MAX_AGE;
use crate::catalog::current::Published;
use crate::db::now;
use crate::http::auth::Staff;
use crate::http::error::{
    json_object, not_yes_or_no, only_fields, optional_str, required, required_str, AppError, AppResult,
};
use crate::staff::roles::Role;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use lifenav_core::Date;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

/// The most ids one citizen's browser asks about at once.
pub const MAX_IDS: usize = 200;
const MAX_ANSWER: usize = 4000;

/// Under the staff's session layer.
pub fn staff_routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/responses", get(queue))
        .route("/api/v1/responses/{rating}/answer", post(answer))
        .route("/api/v1/responses/{rating}/resolve", post(resolve))
        .route("/api/v1/responses/{rating}/pass", post(pass))
}

/// For citizens' widgets, with the other feedback routes.
pub fn citizen_routes() -> Router<Arc<AppState>> {
    Router::new().route("/api/v1/answers", post(answers_for_ids)).route("/api/v1/answers/{rating}/helped", post(helped))
}

/// A rating as a responder sees it (the comment, never anything about the person).
#[derive(Debug, Serialize)]
struct Item {
    id: String,
    service: String,
    title: String,
    department: String,
    department_name: String,
    received_on: String,
    overall: i32,
    criteria: [i32; 4],
    channel: String,
    comment: Option<String>,
    waited_minutes: Option<i32>,
    visits: Option<i32>,
    must_answer: bool,
    due: Option<Date>,
    overdue: bool,
    status: Status,
    handling: Option<cases::Handling>,
}

fn item(c: &Case, p: &Published, within_days: i64, today: Date) -> Item {
    let r = &c.stored.rating;
    let department = department_of(c, &p.info);
    let due = cases::due(&c.stored, within_days);
    // Resolved without an answer still leaves the citizen untold: it stays overdue.
    let answered = c.handling.as_ref().is_some_and(|h| h.answer.is_some());
    Item {
        id: r.id.clone(),
        service: r.service.clone(),
        title: p.info.service(&r.service).map(|s| s.title.clone()).unwrap_or_else(|| r.service.clone()),
        department_name: p.info.department_name(&department),
        department,
        received_on: c.stored.received_on.clone(),
        overall: r.overall,
        criteria: r.criteria,
        channel: r.channel.clone(),
        comment: r.comment.clone(),
        waited_minutes: r.waited_minutes,
        visits: r.visits,
        must_answer: cases::must_answer(r),
        due,
        overdue: !answered && due.is_some_and(|d| d < today),
        status: c.status(),
        handling: c.handling.clone(),
    }
}

/// What needs attention first: overdue, then due soonest, then other open comments, then
/// what was dealt with.
fn attention(i: &Item) -> (u8, Option<Date>, std::cmp::Reverse<String>) {
    let rank = match (i.status, i.overdue, i.must_answer) {
        (Status::Open | Status::Passed, true, _) => 0,
        (Status::Open | Status::Passed, false, true) => 1,
        (Status::Open | Status::Passed, false, false) => 2,
        _ => 3,
    };
    (rank, i.due, std::cmp::Reverse(i.received_on.clone()))
}

fn today(state: &AppState) -> Date {
    Date::from_unix_seconds(now(), state.settings.utc_offset_hours)
}

fn may_respond(staff: &Staff) -> AppResult<()> {
    if staff.roles.has(Role::Responder) {
        Ok(())
    } else {
        Err(AppError::forbidden(Role::Responder.needed()))
    }
}

#[derive(Deserialize)]
struct QueueQuery {
    /// `overdue`: only what is late.
    only: Option<String>,
}

/// The ratings of the responder's departments, what needs attention first on top.
async fn queue(State(state): State<Arc<AppState>>, me: Staff, Query(q): Query<QueueQuery>) -> AppResult<Json<Value>> {
    may_respond(&me)?;
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let within = state.settings.targets.answer_within_days;
    let today = today(&state);
    let mut items: Vec<Item> = cases::to_look_at(&state.db)
        .await?
        .iter()
        .map(|c| item(c, &published, within, today))
        .filter(|i| me.departments.contains(&i.department))
        .filter(|i| q.only.as_deref() != Some("overdue") || i.overdue)
        .collect();
    items.sort_by_key(attention);
    let departments: Vec<Value> =
        published.info.departments.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect();
    Ok(Json(
        json!({ "items": items, "answer_within_days": within, "departments": departments, "mine": me.departments }),
    ))
}

/// The rating, if it is one of the responder's departments'.
async fn own_case(state: &AppState, me: &Staff, rating: &str) -> AppResult<(Case, Arc<Published>)> {
    may_respond(me)?;
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let case = cases::by_ids(&state.db, &[rating.to_string()])
        .await?
        .pop()
        .ok_or_else(|| AppError::not_found("rating", "Такого отзыва нет: обновите список"))?;
    if !me.departments.contains(&department_of(&case, &published.info)) {
        return Err(AppError::forbidden("Этот отзыв о другом ведомстве: на него отвечает оно"));
    }
    Ok((case, published))
}

fn text_field(m: &serde_json::Map<String, Value>, field: &str, max: usize) -> AppResult<String> {
    let t = required_str(m, field)?.trim().to_string();
    if t.is_empty() {
        Err(required(field))
    } else if t.chars().count() > max {
        Err(AppError::invalid(field, format!("Слишком длинный текст: не больше {max} знаков, сократите его")))
    } else if t.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
        Err(AppError::invalid(field, "В тексте есть управляющие символы: уберите их"))
    } else {
        Ok(t)
    }
}

/// Answers a rating: `{text, public, excerpt?}`. A public answer may publish an excerpt of
/// the comment, which must be part of the comment as the citizen wrote it.
async fn answer(
    State(state): State<Arc<AppState>>,
    me: Staff,
    Path(rating): Path<String>,
    body: Bytes,
) -> AppResult<StatusCode> {
    let m = json_object(&body)?;
    only_fields(&m, &["text", "public", "excerpt"])?;
    let text = text_field(&m, "text", MAX_ANSWER)?;
    let public = match m.get("public") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(not_yes_or_no("public")),
    };
    let excerpt = optional_str(&m, "excerpt")?.map(str::trim).filter(|e| !e.is_empty()).map(str::to_string);
    let (case, _) = own_case(&state, &me, &rating).await?;
    if let Some(e) = &excerpt {
        if !public {
            return Err(AppError::invalid("excerpt", "Цитата из отзыва публикуется только с публичным ответом: отметьте «опубликовать ответ» или уберите цитату"));
        }
        if !case.stored.rating.comment.as_deref().is_some_and(|c| c.contains(e.as_str())) {
            return Err(AppError::invalid(
                "excerpt",
                "Цитата должна быть частью комментария, слово в слово, как его написал гражданин",
            ));
        }
    }
    let act = Act {
        answer: Some(&text),
        public,
        excerpt: excerpt.as_deref(),
        ..Act::new(&rating, Status::Answered, &me.login, now())
    };
    cases::act(&state.db, &act).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn resolve(State(state): State<Arc<AppState>>, me: Staff, Path(rating): Path<String>) -> AppResult<StatusCode> {
    own_case(&state, &me, &rating).await?;
    let act = Act::new(&rating, Status::Resolved, &me.login, now());
    cases::act(&state.db, &act).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Not a matter for this department: `{department}` it concerns instead.
async fn pass(
    State(state): State<Arc<AppState>>,
    me: Staff,
    Path(rating): Path<String>,
    body: Bytes,
) -> AppResult<StatusCode> {
    let m = json_object(&body)?;
    only_fields(&m, &["department"])?;
    let to = required_str(&m, "department")?.to_string();
    let (case, published) = own_case(&state, &me, &rating).await?;
    if !published.info.departments.iter().any(|(id, _)| *id == to) {
        return Err(AppError::invalid("department", "Такого ведомства нет в справочнике: выберите его из списка"));
    }
    if to == department_of(&case, &published.info) {
        return Err(AppError::invalid("department", "Отзыв и так относится к этому ведомству: выберите другое"));
    }
    let name = published.info.department_name(&to);
    let act = Act {
        department: Some(&to),
        department_name: Some(&name),
        ..Act::new(&rating, Status::Passed, &me.login, now())
    };
    cases::act(&state.db, &act).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `{ids: [...]}` → the answers to those ratings (only those that have one). A browser
/// asks about its own ratings' ids; nobody can list everyone's.
async fn answers_for_ids(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Json<Value>> {
    super::json_only(&headers)?;
    super::rate_limited(&state, peer, &headers)?;
    let m = json_object(&body)?;
    only_fields(&m, &["ids"])?;
    let ids: Vec<String> = match m.get("ids") {
        Some(Value::Array(a)) if a.len() <= MAX_IDS => a
            .iter()
            .map(|v| v.as_str().and_then(|s| uuid::Uuid::try_parse(s).ok()).map(|u| u.hyphenated().to_string()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| AppError::invalid("ids", "Номера отзывов должны быть UUID: обновите страницу"))?,
        Some(Value::Array(_)) => {
            return Err(AppError::invalid("ids", format!("Не больше {MAX_IDS} отзывов за один запрос")))
        }
        _ => return Err(AppError::invalid("ids", "Номера отзывов передаются списком")),
    };
    let published = state.catalog.get(&state.db, CATALOG_MAX_AGE).await?;
    let answers: Vec<Value> = cases::by_ids(&state.db, &ids)
        .await?
        .into_iter()
        .filter_map(|c| {
            let h = c.handling.as_ref()?;
            let text = h.answer.clone()?;
            let department = department_of(&c, &published.info);
            Some(json!({
                "id": c.stored.rating.id,
                "service": c.stored.rating.service,
                "department": published.info.department_name(&department),
                "answer": text,
                "public": h.public,
                "answered_at": h.answered_at,
                "helped": h.helped,
            }))
        })
        .collect();
    Ok(Json(json!({ "answers": answers })))
}

async fn helped(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(rating): Path<String>,
    body: Bytes,
) -> AppResult<StatusCode> {
    super::json_only(&headers)?;
    super::rate_limited(&state, peer, &headers)?;
    let m = json_object(&body)?;
    only_fields(&m, &["helped"])?;
    let helped = match m.get("helped") {
        Some(Value::Bool(b)) => *b,
        _ => return Err(not_yes_or_no("helped")),
    };
    if cases::set_helped(&state.db, &rating, helped).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::not_found("rating", "На этот отзыв ещё не ответили"))
    }
}

/// The public answers to a service's ratings, for the widget beside its score.
pub async fn public_for(state: &AppState, service: &str) -> AppResult<Vec<Value>> {
    Ok(cases::public_answers(&state.db, service, 5)
        .await?
        .into_iter()
        .filter_map(|c| {
            let h = c.handling?;
            Some(json!({ "answer": h.answer?, "excerpt": h.excerpt, "answered_at": h.answered_at }))
        })
        .collect())
}
