//! Guards of the staff's routes.
//!
//! - **Cross-site requests are refused.** Every state-changing request must come from
//!   this server's own pages: its `Origin` (or, where a browser sends none,
//!   `Sec-Fetch-Site: same-origin`) must match. Together with the session cookie's
//!   `SameSite=Strict`, a page elsewhere can neither use a staff member's session nor
//!   sign them in to another account.
//! - **Security headers** on the staff's pages and answers: a Content-Security-Policy
//!   that allows only this server's scripts (and WebAssembly), no framing by other
//!   sites, no content sniffing, and nothing cached.

use super::error::AppError;
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The origin the request should come from: the configured public address, or the one
/// the request itself was sent to.
fn own_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    if let Some(public) = &state.settings.public_origin {
        return Some(public.clone());
    }
    let host = headers.get(header::HOST)?.to_str().ok()?;
    Some(format!("http://{host}"))
}

pub fn same_origin(state: &AppState, headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => own_origin(state, headers).is_some_and(|own| own.eq_ignore_ascii_case(origin)),
        None => headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("same-origin"),
    }
}

pub async fn same_origin_only(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_origin(&state, request.headers()) {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        let refusal = "Запрос отклонён: действия сотрудников принимаются только со страниц самой студии. Откройте студию по её адресу и повторите";
        return AppError::client(axum::http::StatusCode::FORBIDDEN, "Origin", refusal).into_response();
    }
    next.run(request).await
}

/// Scripts and WebAssembly from this server only; styles may be inline (Leptos sets
/// `style` attributes); framed only by this server (the studio's preview of the widget).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob:; \
     frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'";

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Files whose path has a part starting with a dot (`.git`, `.env`) are not served.
pub async fn no_dotfiles(request: Request, next: Next) -> Response {
    if request.uri().path().split('/').any(|seg| seg.starts_with('.')) {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    }
    next.run(request).await
}
