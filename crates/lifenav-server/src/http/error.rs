//! One error type for every route. A client mistake is a 4xx whose JSON names the field
//! (`{"error": "…", "field": "…"}`, sometimes with more, such as the current text of a
//! file on a 409). A failure of ours is logged in full and answered with a short 5xx
//! that never carries database text.

use crate::db::DbError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
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
        AppError::client(StatusCode::UNAUTHORIZED, "session", "sign in first")
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
                let body = json!({ "error": "too many attempts from this client; try again later", "field": "" });
                let mut r = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
                r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
                r
            }
            AppError::Unavailable(detail) => {
                tracing::error!(%detail, "request failed");
                let body = json!({ "error": "the service could not do this just now; please retry", "field": "" });
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
        Ok(_) => Err(AppError::invalid("", "the body must be a JSON object")),
        Err(e) => Err(AppError::invalid("", format!("the body is not valid JSON: {e}"))),
    }
}

/// A required string member of a JSON object.
pub fn required_str<'a>(m: &'a Map<String, Value>, field: &str) -> AppResult<&'a str> {
    match m.get(field) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(AppError::invalid(field, "must be a string")),
        None => Err(AppError::invalid(field, "is required")),
    }
}

/// An optional string member of a JSON object (`null` counts as absent).
pub fn optional_str<'a>(m: &'a Map<String, Value>, field: &str) -> AppResult<Option<&'a str>> {
    match m.get(field) {
        Some(Value::String(s)) => Ok(Some(s)),
        None | Some(Value::Null) => Ok(None),
        Some(_) => Err(AppError::invalid(field, "must be a string")),
    }
}

/// Refuses members a route does not know, so a typo is a 422 and not silently ignored.
pub fn only_fields(m: &Map<String, Value>, allowed: &[&str]) -> AppResult<()> {
    match m.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(AppError::invalid(k, format!("unknown field; allowed: {}", allowed.join(", ")))),
        None => Ok(()),
    }
}
