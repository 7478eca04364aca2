//! The few things the widget asks of the browser, each wrapped so that a failure is a
//! value, never a panic: storage, fetch, events for the host page, downloads, the clock.

use lifenav_core::Date;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Now, as an iCalendar UTC time stamp: `20261125T104500Z`.
pub fn utc_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date(),
        now.get_utc_hours(),
        now.get_utc_minutes(),
        now.get_utc_seconds()
    )
}

/// Today in the citizen's own time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(now.get_full_year() as i32, now.get_month() as u8 + 1, now.get_date() as u8)
        .unwrap_or_else(|| Date::from_unix_seconds((js_sys::Date::now() / 1000.0) as i64, Date::IRKUTSK_UTC_OFFSET))
}

/// Whether the page may use localStorage at all: gloo's storage panics where reading
/// `window.localStorage` itself throws (storage disabled by the citizen's settings), and
/// a failure must be a value here.
fn storage_allowed() -> bool {
    window().is_some_and(|w| w.local_storage().ok().flatten().is_some())
}

/// `Ok(None)`: nothing saved; `Err`: storage is unavailable (private mode, disabled).
pub fn load(key: &str) -> Result<Option<String>, ()> {
    use gloo_storage::Storage;
    if !storage_allowed() {
        return Err(());
    }
    gloo_storage::LocalStorage::raw().get_item(key).map_err(|_| ())
}

pub fn save(key: &str, value: &str) -> Result<(), ()> {
    use gloo_storage::Storage;
    if !storage_allowed() {
        return Err(());
    }
    gloo_storage::LocalStorage::raw().set_item(key, value).map_err(|_| ())
}

pub fn remove(key: &str) {
    use gloo_storage::Storage;
    if storage_allowed() {
        gloo_storage::LocalStorage::delete(key);
    }
}

/// GET a text resource; `Err` says why in plain words for the console.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| e.to_string())
}

/// POSTs a JSON body; the response, or `Err` when none came (network down, refused by CORS).
pub async fn post_json(url: &str, body: &str) -> Result<gloo_net::http::Response, ()> {
    let request = gloo_net::http::Request::post(url).header("content-type", "application/json").body(body);
    request.map_err(|_| ())?.send().await.map_err(|_| ())
}

/// A `CustomEvent` on the host element, for the city's own analytics.
pub fn dispatch(host: &web_sys::HtmlElement, name: &str, detail: &serde_json::Value) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let detail = js_sys::JSON::parse(&detail.to_string()).unwrap_or(JsValue::NULL);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Offers a file for download.
pub fn download(name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Ok(a) = doc.create_element("a") {
            let a: web_sys::HtmlAnchorElement = a.unchecked_into();
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Opens an HTML document in a new tab (the print view).
pub fn open_html(html: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(html));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    if let (Some(w), Ok(url)) = (window(), web_sys::Url::create_object_url_with_blob(&blob)) {
        let _ = w.open_with_url_and_target(&url, "_blank");
    }
}

/// The page's URL fragment, with `#`.
pub fn fragment() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The page's address with another fragment.
pub fn url_with_fragment(fragment: &str) -> String {
    let href = window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Removes the fragment from the address bar without reloading, so a reload resumes
/// from saved state instead of reopening the link.
pub fn clear_fragment() {
    if let Some(w) = window() {
        let href = w.location().href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default().to_string();
        if let Ok(history) = w.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&base));
        }
    }
}

/// Copies `text`; `true` once the browser says it did. `false` when it refuses, and on a
/// site served over plain http, which has no `navigator.clipboard` at all: the citizen
/// then copies the link by hand.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let clipboard = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
    if clipboard.is_undefined() || clipboard.is_null() {
        return false;
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}

pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// An event between the widget's two modules, on the slot (`handoff`): it neither bubbles
/// nor leaves the shadow root, so the host page never sees it.
pub fn signal(target: &web_sys::HtmlElement, name: &str, detail: Option<&str>) {
    let init = web_sys::CustomEventInit::new();
    if let Some(detail) = detail {
        init.set_detail(&JsValue::from_str(detail));
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&event);
    }
}
