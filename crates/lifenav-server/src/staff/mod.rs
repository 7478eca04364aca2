//! Staff accounts and their sessions: sign-in, sign-out, and the admins' management of
//! accounts. Sessions live in the database (tower-sessions), so they work on every
//! instance behind a load balancer.
//!
//! - [`roles`]: what a staff member may do;
//! - [`password`]: argon2id hashes and generated passwords;
//! - [`accounts`]: the accounts in the database.

pub mod accounts;
pub mod password;
pub mod roles;
pub mod sessions;
mod throttle;

use crate::audit;
use crate::http::auth::{Admin, SessionUser, Staff, SESSION_KEY};
use crate::http::client_address;
use crate::http::error::{
    json_object, not_yes_or_no, only_fields, optional_str, required, required_str, AppError, AppResult,
};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use roles::{Role, Roles};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use tower_sessions::Session;

pub use throttle::SignInLimits;

const DEPARTMENTS: &str = "Ведомства передаются списком их кодов из справочника: выберите их из списка";
const NO_ACCOUNT: &str = "Такой учётной записи нет: обновите список сотрудников";

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/v1/staff/login", post(sign_in))
        .route("/api/v1/staff/logout", post(sign_out))
        .route("/api/v1/staff/me", get(me))
        .route("/api/v1/staff/me/password", post(change_own_password))
        .route("/api/v1/staff/users", get(list_users).post(create_user))
        .route("/api/v1/staff/users/{login}", patch(update_user).delete(delete_user))
        .route("/api/v1/staff/users/{login}/password", post(reset_password))
        .route("/api/v1/staff/audit", get(audit_log))
}

async fn sign_in(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    session: Session,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let m = json_object(&body)?;
    only_fields(&m, &["login", "password", "remember"])?;
    let remember = match m.get("remember") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(not_yes_or_no("remember")),
    };
    let login = required_str(&m, "login")?.trim().to_lowercase();
    let password = required_str(&m, "password")?;
    let limits = &state.sign_in;
    let address = client_address(&state.settings, peer, &headers);
    let attempt = limits.attempt(&login, address).await;
    let account = accounts::by_login(&state.db, &login).await?;
    let hash = account.as_ref().map_or(password::dummy_hash(), |a| a.password_hash.as_str());
    let verified = accounts::verify_blocking(password, hash).await;
    let account = match account {
        Some(a) if verified && !a.disabled => a,
        _ => {
            limits.failed(&attempt);
            audit::record(&state.db, &login, "sign_in_failed", "session", "").await?;
            return Err(AppError::client(
                StatusCode::UNAUTHORIZED,
                "password",
                "Неверный логин или пароль: проверьте раскладку и Caps Lock и попробуйте снова",
            ));
        }
    };
    limits.succeeded(&attempt);
    drop(attempt);
    // A new session id at every sign-in: an id planted before it (session fixation) is worthless.
    session.cycle_id().await.map_err(|e| AppError::Unavailable(format!("session store: {e}")))?;
    // On an office's shared computer the session ends with the browser, unless the
    // member of staff asks to be remembered (then it lasts until they are idle too long).
    if !remember {
        session.set_expiry(Some(tower_sessions::Expiry::OnSessionEnd));
    }
    session
        .insert(SESSION_KEY, SessionUser { id: account.id, epoch: account.session_epoch })
        .await
        .map_err(|e| AppError::Unavailable(format!("session store: {e}")))?;
    audit::record(&state.db, &account.login, "sign_in", "session", "").await?;
    Ok(Json(
        json!({ "login": account.login, "name": account.name, "roles": account.roles, "departments": account.departments }),
    ))
}

async fn sign_out(State(state): State<Arc<AppState>>, session: Session) -> AppResult<StatusCode> {
    if let Ok(Some(user)) = session.get::<SessionUser>(SESSION_KEY).await {
        if let Some(a) = accounts::by_id(&state.db, user.id).await? {
            audit::record(&state.db, &a.login, "sign_out", "session", "").await?;
        }
    }
    session.flush().await.map_err(|e| AppError::Unavailable(format!("session store: {e}")))?;
    Ok(StatusCode::NO_CONTENT)
}

async fn me(staff: Staff) -> Json<Staff> {
    Json(staff)
}

async fn change_own_password(
    State(state): State<Arc<AppState>>,
    me: Staff,
    session: Session,
    body: Bytes,
) -> AppResult<StatusCode> {
    let m = json_object(&body)?;
    only_fields(&m, &["current", "new"])?;
    let current = required_str(&m, "current")?;
    let new = required_str(&m, "new")?;
    let account = accounts::by_id(&state.db, me.id).await?.ok_or_else(AppError::unauthorized)?;
    if !accounts::verify_blocking(current, &account.password_hash).await {
        return Err(AppError::invalid("current", "Текущий пароль введён неверно: проверьте его и повторите"));
    }
    if let Some(problem) = password::weakness(new) {
        return Err(AppError::invalid("new", format!("Новый пароль не подходит: {problem}")));
    }
    accounts::set_password(&state.db, &me.login, new).await?;
    audit::record(&state.db, &me.login, "password_changed", &format!("user {}", me.login), "").await?;
    // The other sessions ended with the old password; this one goes on under the new epoch.
    session
        .insert(SESSION_KEY, SessionUser { id: me.id, epoch: account.session_epoch + 1 })
        .await
        .map_err(|e| AppError::Unavailable(format!("session store: {e}")))?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_users(State(state): State<Arc<AppState>>, _admin: Admin) -> AppResult<Json<Value>> {
    Ok(Json(json!({ "users": accounts::list(&state.db).await?, "roles": Role::ALL })))
}

fn roles_field(m: &Map<String, Value>) -> AppResult<Option<Roles>> {
    match m.get("roles") {
        None => Ok(None),
        Some(Value::Array(items)) => {
            let mut roles = Vec::new();
            for item in items {
                match item.as_str().and_then(Role::parse) {
                    Some(r) => roles.push(r),
                    None => {
                        let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                        return Err(AppError::invalid(
                            "roles",
                            format!("Неизвестная роль {item}: допустимы {}", known.join(", ")),
                        ));
                    }
                }
            }
            Ok(Some(Roles::new(roles)))
        }
        Some(_) => Err(AppError::invalid("roles", "Роли передаются списком")),
    }
}

fn departments_field(m: &Map<String, Value>) -> AppResult<Option<Vec<String>>> {
    match m.get("departments") {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|d| match d.as_str() {
                Some(s)
                    if !s.is_empty()
                        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_') =>
                {
                    Ok(s.to_string())
                }
                _ => Err(AppError::invalid("departments", DEPARTMENTS)),
            })
            .collect::<AppResult<Vec<String>>>()
            .map(Some),
        Some(_) => Err(AppError::invalid("departments", DEPARTMENTS)),
    }
}

async fn create_user(State(state): State<Arc<AppState>>, Admin(admin): Admin, body: Bytes) -> AppResult<Response> {
    let m = json_object(&body)?;
    only_fields(&m, &["login", "name", "roles", "departments"])?;
    let login = required_str(&m, "login")?.trim().to_string();
    if let Some(problem) = accounts::login_problem(&login) {
        return Err(AppError::invalid("login", format!("Логин не подходит: {problem}")));
    }
    let name = required_str(&m, "name")?;
    if let Some(problem) = accounts::name_problem(name) {
        return Err(AppError::invalid("name", format!("Имя не подходит: {problem}")));
    }
    let roles = roles_field(&m)?.ok_or_else(|| required("roles"))?;
    let departments = departments_field(&m)?.unwrap_or_default();
    let generated = password::generate();
    match accounts::create(&state.db, &login, name, &roles, &departments, &generated).await {
        Ok(()) => {}
        Err(accounts::CreateError::Exists) => {
            return Err(AppError::conflict("login", "Учётная запись с таким логином уже есть: выберите другой логин"))
        }
        Err(accounts::CreateError::Db(e)) => return Err(e.into()),
    }
    let detail = account_detail(&state, None, Some(&roles), Some(&departments), None).await;
    audit::record(&state.db, &admin.login, "user_created", &format!("user {login}"), &detail).await?;
    // The password is shown once, to the admin who hands it over; it is kept only as a hash.
    Ok((StatusCode::CREATED, Json(json!({ "login": login, "password": generated }))).into_response())
}

/// What an account was given, for the audit log: «роли: редактор; ведомства: ЗАГС, МФЦ».
async fn account_detail(
    state: &AppState,
    name: Option<&str>,
    roles: Option<&Roles>,
    departments: Option<&[String]>,
    disabled: Option<bool>,
) -> String {
    let mut parts = Vec::new();
    if let Some(n) = name {
        parts.push(format!("имя: {}", n.trim()));
    }
    if let Some(r) = roles {
        parts.push(format!("роли: {}", r.titles()));
    }
    match departments {
        Some([]) => parts.push("ведомства: нет".to_string()),
        Some(ds) => {
            let published = state.catalog.get(&state.db, crate::feedback::CATALOG_MAX_AGE).await.ok();
            let names: Vec<String> = ds
                .iter()
                .map(|d| published.as_ref().map_or_else(|| d.clone(), |p| p.info.department_name(d)))
                .collect();
            parts.push(format!("ведомства: {}", names.join(", ")));
        }
        None => {}
    }
    match disabled {
        Some(true) => parts.push("отключена".to_string()),
        Some(false) => parts.push("включена".to_string()),
        None => {}
    }
    parts.join("; ")
}

async fn update_user(
    State(state): State<Arc<AppState>>,
    Admin(admin): Admin,
    Path(login): Path<String>,
    body: Bytes,
) -> AppResult<StatusCode> {
    let m = json_object(&body)?;
    only_fields(&m, &["name", "roles", "departments", "disabled"])?;
    let name = optional_str(&m, "name")?;
    if let Some(problem) = name.and_then(accounts::name_problem) {
        return Err(AppError::invalid("name", format!("Имя не подходит: {problem}")));
    }
    let roles = roles_field(&m)?;
    let departments = departments_field(&m)?;
    let disabled = match m.get("disabled") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(not_yes_or_no("disabled")),
    };
    let target =
        accounts::by_login(&state.db, &login).await?.ok_or_else(|| AppError::not_found("login", NO_ACCOUNT))?;
    let loses_admin = target.roles.has(Role::Admin)
        && (roles.as_ref().is_some_and(|r| !r.has(Role::Admin)) || disabled == Some(true));
    if loses_admin && accounts::count_with_role(&state.db, Role::Admin).await? <= 1 {
        return Err(AppError::conflict(
            "roles",
            "Это последний администратор: сначала назначьте администратором кого-то ещё",
        ));
    }
    accounts::update(&state.db, &login, name, roles.as_ref(), departments.as_deref(), disabled).await?;
    let detail = account_detail(&state, name, roles.as_ref(), departments.as_deref(), disabled).await;
    audit::record(&state.db, &admin.login, "user_updated", &format!("user {login}"), &detail).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn reset_password(
    State(state): State<Arc<AppState>>,
    Admin(admin): Admin,
    Path(login): Path<String>,
) -> AppResult<Json<Value>> {
    let generated = password::generate();
    if !accounts::set_password(&state.db, &login, &generated).await? {
        return Err(AppError::not_found("login", NO_ACCOUNT));
    }
    audit::record(&state.db, &admin.login, "password_reset", &format!("user {login}"), "").await?;
    Ok(Json(json!({ "login": login, "password": generated })))
}

async fn delete_user(
    State(state): State<Arc<AppState>>,
    Admin(admin): Admin,
    Path(login): Path<String>,
) -> AppResult<StatusCode> {
    let target =
        accounts::by_login(&state.db, &login).await?.ok_or_else(|| AppError::not_found("login", NO_ACCOUNT))?;
    if target.login == admin.login {
        return Err(AppError::conflict(
            "login",
            "Свою учётную запись удалить нельзя: попросите другого администратора",
        ));
    }
    if target.roles.has(Role::Admin) && accounts::count_with_role(&state.db, Role::Admin).await? <= 1 {
        return Err(AppError::conflict(
            "login",
            "Это последний администратор: сначала назначьте администратором кого-то ещё",
        ));
    }
    accounts::delete(&state.db, &login).await?;
    audit::record(&state.db, &admin.login, "user_deleted", &format!("user {login}"), "").await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<i64>,
    limit: Option<i64>,
}

/// The audit log, for admins and reviewers.
async fn audit_log(
    State(state): State<Arc<AppState>>,
    staff: Staff,
    Query(q): Query<AuditQuery>,
) -> AppResult<Json<Value>> {
    if !staff.roles.has(Role::Admin) && !staff.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("Журнал действий открыт только администраторам и проверяющим"));
    }
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    Ok(Json(json!({ "entries": audit::entries(&state.db, limit, q.before).await? })))
}
