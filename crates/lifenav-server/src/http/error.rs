//! One error type for every route. A client mistake is a 4xx whose JSON names the field
//! (`{"error": "…", "field": "…"}`, sometimes with more, such as the current text of a
//! file on a 409). A failure of ours is logged in full and answered with a short 5xx
//! that never carries database text.
//!
//! Messages are in Russian, for the staff and citizens who read them, and say what to do;
//! `field` stays the member's id, for programs. What axum and tower-http answer on their
//! own in plain English text (a body over the limit, a wrong method, a path or query that
//! does not parse, no such route) is put in the same words by [`plain_rejections`].

use crate::db::DbError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use lifenav_core::present::{count, Counted};
use lifenav_core::Lang;
use serde_json::{json, Map, Value};

#[derive(Debug)]
pub enum AppError {
    /// A request the client can fix: its status, the field, the message, and more JSON.
    Client { status: StatusCode, field: String, error: String, extra: Map<String, Value> },
    /// Too many attempts: try again after this many seconds.
    TooMany { retry_after: u64 },
    /// Ours: the detail goes to the log, the client hears only that it may retry.
    Unavailable(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn client(status: StatusCode, field: &str, error: impl Into<String>) -> AppError {
        AppError::Client { status, field: field.to_string(), error: error.into(), extra: Map::new() }
    }
    /// 422: a field is missing or wrong.
    pub fn invalid(field: &str, error: impl Into<String>) -> AppError {
        AppError::client(StatusCode::UNPROCESSABLE_ENTITY, field, error)
    }
    pub fn not_found(field: &str, error: impl Into<String>) -> AppError {
        AppError::client(StatusCode::NOT_FOUND, field, error)
    }
    /// 409: the request is sound but the state it was based on has changed.
    pub fn conflict(field: &str, error: impl Into<String>) -> AppError {
        AppError::client(StatusCode::CONFLICT, field, error)
    }
    pub fn unauthorized() -> AppError {
        AppError::client(StatusCode::UNAUTHORIZED, "session", "Войдите в студию: вход не выполнен или сеанс закончился")
    }
    pub fn forbidden(error: impl Into<String>) -> AppError {
        AppError::client(StatusCode::FORBIDDEN, "role", error)
    }
    /// Adds a JSON member to a client error (ignored on other kinds).
    pub fn with(mut self, key: &str, value: Value) -> AppError {
        if let AppError::Client { extra, .. } = &mut self {
            extra.insert(key.to_string(), value);
        }
        self
    }
}

impl From<DbError> for AppError {
    fn from(e: DbError) -> AppError {
        AppError::Unavailable(format!("database: {e}"))
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        AppError::Unavailable(format!("database: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Client { status, field, error, mut extra } => {
                extra.insert("error".into(), Value::String(error));
                extra.insert("field".into(), Value::String(field));
                (status, Json(Value::Object(extra))).into_response()
            }
            AppError::TooMany { retry_after } => {
                let body = json!({ "error": too_many(retry_after), "field": "" });
                let mut r = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                r
            }
            AppError::Unavailable(detail) => {
                tracing::error!(%detail, "request failed");
                let body = json!({ "error": UNAVAILABLE, "field": "" });
                (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
            }
        }
    }
}

/// Reads a JSON object from a body, so that a malformed body is a 422 naming no field,
/// the same as a wrong field is a 422 naming it.
pub fn json_object(body: &[u8]) -> AppResult<Map<String, Value>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(AppError::invalid("", "Запрос не понят: сервер ждёт объект JSON. Обновите страницу и повторите")),
        Err(e) => Err(AppError::invalid(
            "",
            format!(
                "Запрос не понят: данные повреждены (не JSON; строка {}, позиция {}). Обновите страницу и повторите",
                e.line(),
                e.column()
            ),
        )),
    }
}

/// A required string member of a JSON object.
pub fn required_str<'a>(m: &'a Map<String, Value>, field: &str) -> AppResult<&'a str> {
    match m.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(not_text(field)),
        None => Err(required(field)),
    }
}

/// An optional string member of a JSON object (`null` counts as absent).
pub fn optional_str<'a>(m: &'a Map<String, Value>, field: &str) -> AppResult<Option<&'a str>> {
    match m.get(field) {
        Some(Value::String(s)) => Ok(Some(s)),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(not_text(field)),
    }
}

/// Refuses members a route does not know, so a typo is a 422 and not silently ignored.
pub fn only_fields(m: &Map<String, Value>, allowed: &[&str]) -> AppResult<()> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(AppError::invalid(
            k,
            format!("Неизвестное поле «{k}»: запрос может содержать только {}", allowed.join(", ")),
        )),
        None => Ok(()),
    }
}

/// A member that must be there: «Заполните поле «логин»».
pub fn required(field: &str) -> AppError {
    AppError::invalid(field, format!("Заполните поле «{}»", label(field)))
}

/// A member that must be text.
pub fn not_text(field: &str) -> AppError {
    AppError::invalid(field, format!("Поле «{}» должно быть текстом", label(field)))
}

/// A member that must be `true` or `false`.
pub fn not_yes_or_no(field: &str) -> AppError {
    AppError::invalid(field, format!("Поле «{}» — да или нет (true или false)", label(field)))
}

/// A member's name in the staff's words, for messages; its id when it has none.
pub fn label(field: &str) -> &str {
    match field {
        "login" => "логин",
        "password" => "пароль",
        "remember" => "запомнить меня",
        "current" => "текущий пароль",
        "new" => "новый пароль",
        "name" => "имя",
        "roles" => "роли",
        "departments" => "ведомства",
        "disabled" => "отключена",
        "text" => "текст",
        "base" => "исходный текст",
        "message" => "что изменилось и почему",
        "note" => "примечание",
        "at" => "время публикации",
        "version" => "версия",
        "department" => "ведомство",
        "public" => "опубликовать ответ",
        "excerpt" => "цитата из отзыва",
        "helped" => "ответ помог",
        "ids" => "номера отзывов",
        "id" => "номер отзыва",
        "service" => "услуга",
        "situation" => "жизненная ситуация",
        "overall" => "общая оценка",
        "waiting" => "ожидание",
        "politeness" => "вежливость",
        "comfort" => "удобство",
        "information" => "информация",
        "channel" => "способ обращения",
        "term_met" => "срок соблюдён",
        "comment" => "комментарий",
        "waited_minutes" => "минуты в очереди",
        "visits" => "число визитов",
        "helpful" => "план помог",
        other => other,
    }
}

const SECONDS: Counted =
    Counted { ru: ["секунду", "секунды", "секунд"], en: ["second", "seconds"] };
const MINUTES: Counted = Counted { ru: ["минуту", "минуты", "минут"], en: ["minute", "minutes"] };

/// «Слишком много запросов: подождите 30 секунд и повторите» (minutes past two of them).
pub fn too_many(retry_after: u64) -> String {
    let wait = if retry_after >= 120 {
        count(retry_after.div_ceil(60), MINUTES, Lang::Ru)
    } else {
        count(retry_after.max(1), SECONDS, Lang::Ru)
    };
    format!("Слишком много запросов: подождите {wait} и повторите")
}

const UNAVAILABLE: &str =
    "Сервер сейчас не смог это сделать: повторите через минуту. Если не получится и тогда, сообщите администратору";

/// The most a group of routes accepts in one request, and how to say so when it is more.
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit {
    pub bytes: usize,
    /// What is too large: «Архив», «Запрос», «Отзыв».
    pub what: &'static str,
    /// What to do instead.
    pub advice: &'static str,
}

/// «16 МБ», «16 КБ».
fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} МБ", bytes >> 20)
    } else {
        format!("{} КБ", bytes.div_ceil(1 << 10))
    }
}

impl BodyLimit {
    /// «Архив слишком большой: не больше 16 МБ; оставьте в нём …».
    pub fn message(&self) -> String {
        format!("{} слишком большой: не больше {}; {}", self.what, size(self.bytes), self.advice)
    }
}

/// What an answer of axum or tower-http in plain text (never one of ours, which are JSON)
/// means, in the staff's words: `None` to leave it as it is.
fn plain_meaning(status: StatusCode, text: &str, limit: &BodyLimit) -> Option<String> {
    let said = match status {
        StatusCode::PAYLOAD_TOO_LARGE => limit.message(),
        StatusCode::METHOD_NOT_ALLOWED => {
            "Этот адрес не принимает такой запрос: обновите страницу и повторите действие".to_string()
        }
        StatusCode::NOT_FOUND => "Такого адреса нет: проверьте ссылку или откройте студию заново".to_string(),
        StatusCode::BAD_REQUEST if text.starts_with("Failed to buffer the request body") => {
            "Запрос дошёл не целиком: проверьте связь и повторите".to_string()
        }
        StatusCode::BAD_REQUEST if text.starts_with("Failed to deserialize query string") => {
            "В адресе запроса неверные параметры: проверьте ссылку или обновите страницу".to_string()
        }
        StatusCode::BAD_REQUEST => "Неверный адрес запроса: проверьте ссылку или обновите страницу".to_string(),
        _ => return None,
    };
    Some(said)
}

/// Puts axum's and tower-http's own plain-text refusals of an API request (`/api/…`,
/// `/dashboard…`) into JSON in Russian, with the same status and headers (`Allow` of a
/// 405 stays). Answers that are JSON already, and the static files, pass untouched.
pub async fn plain_rejections(State(limit): State<BodyLimit>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let ours = path.starts_with("/api/") || path == "/dashboard" || path.starts_with("/dashboard/");
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !ours || is_json || !response.status().is_client_error() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let Some(error) = plain_meaning(parts.status, &String::from_utf8_lossy(&text), &limit) else {
        return Response::from_parts(parts, Body::from(text));
    };
    let body = json!({ "error": error, "field": "" }).to_string();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_said_with_its_noun() {
        assert_eq!(too_many(1), "Слишком много запросов: подождите 1 секунду и повторите");
        assert_eq!(too_many(3), "Слишком много запросов: подождите 3 секунды и повторите");
        assert_eq!(too_many(30), "Слишком много запросов: подождите 30 секунд и повторите");
        assert_eq!(too_many(0), "Слишком много запросов: подождите 1 секунду и повторите");
        assert_eq!(too_many(150), "Слишком много запросов: подождите 3 минуты и повторите");
    }

    #[test]
    fn sizes_are_in_megabytes_or_kilobytes() {
        assert_eq!(size(16 << 20), "16 МБ");
        assert_eq!(size(1 << 20), "1 МБ");
        assert_eq!(size(16 * 1024), "16 КБ");
    }
}
