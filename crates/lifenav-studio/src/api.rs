//! The server's API as the studio calls it (`/api/v1/staff/…`, `/api/v1/studio/…`): JSON in
//! and out, the session cookie sent by the browser, and every failure a value that names
//! what went wrong, never a panic.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A failed call: the HTTP status (0: the server could not be reached), the field the
/// server names, its message, and the whole JSON answer (a 409 carries the other text).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub field: String,
    pub message: String,
    pub body: Value,
}

impl ApiError {
    fn network(e: impl std::fmt::Display) -> ApiError {
        ApiError {
            status: 0,
            field: String::new(),
            message: format!("сервер недоступен ({e}); проверьте связь и повторите"),
            body: Value::Null,
        }
    }

    pub fn is_unauthorized(&self) -> bool {
        self.status == 401
    }

    /// The reasons the server lists (a refused publish, a draft with errors).
    pub fn problems(&self) -> Vec<String> {
        self.body["problems"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

async fn answer(response: Result<Response, gloo_net::Error>) -> ApiResult<Value> {
    let response = response.map_err(ApiError::network)?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    let body: Value =
        if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    if (200..300).contains(&status) {
        return Ok(body);
    }
    let message = body["error"].as_str().map(str::to_string).unwrap_or_else(|| match status {
        401 => "войдите в студию".to_string(),
        403 => "у вас нет прав на это действие".to_string(),
        _ => format!("сервер ответил {status}"),
    });
    Err(ApiError { status, field: body["field"].as_str().unwrap_or("").to_string(), message, body })
}

fn url(path: &str) -> String {
    format!("/api/v1/{path}")
}

pub async fn get(path: &str) -> ApiResult<Value> {
    answer(Request::get(&url(path)).send().await).await
}

pub async fn get_as<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let v = get(path).await?;
    serde_json::from_value(v).map_err(|e| ApiError {
        status: 200,
        field: String::new(),
        message: format!("непонятный ответ сервера: {e}"),
        body: Value::Null,
    })
}

async fn send(builder: RequestBuilder, body: &Value) -> ApiResult<Value> {
    match builder.json(body) {
        Ok(request) => answer(request.send().await).await,
        Err(e) => Err(ApiError::network(e)),
    }
}

pub async fn post(path: &str, body: &Value) -> ApiResult<Value> {
    send(Request::post(&url(path)), body).await
}

pub async fn put(path: &str, body: &Value) -> ApiResult<Value> {
    send(Request::put(&url(path)), body).await
}

pub async fn patch(path: &str, body: &Value) -> ApiResult<Value> {
    send(Request::patch(&url(path)), body).await
}

pub async fn delete(path: &str) -> ApiResult<Value> {
    answer(Request::delete(&url(path)).send().await).await
}

/// Uploads bytes (an archive of the catalog folder).
pub async fn upload(path: &str, bytes: js_sys::Uint8Array, content_type: &str) -> ApiResult<Value> {
    match Request::post(&url(path)).header("Content-Type", content_type).body(bytes) {
        Ok(request) => answer(request.send().await).await,
        Err(e) => Err(ApiError::network(e)),
    }
}

/// A path segment or file path in a URL: every part percent-encoded, `/` kept.
pub fn encode_path(path: &str) -> String {
    path.split('/').map(|p| String::from(js_sys::encode_uri_component(p))).collect::<Vec<_>>().join("/")
}
