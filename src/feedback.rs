//! Feedback from the widget: ratings and "was this plan helpful?" go through the outbox
//! (saved in the browser) to the feedback service, with retries and backoff, again after
//! a reload and when the browser comes back online. And the public summary of ratings,
//! fetched once and shown on the plan's steps.

use crate::browser;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::outbox::{Outbox, Outcome};
use std::collections::BTreeMap;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub const OUTBOX_KEY: &str = "lifenav.outbox";

/// A service's ratings as citizens see them: mean overall and count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub mean: f64,
    pub count: i64,
}

fn url(app: &App, path: &str) -> Option<String> {
    let base = app.config.with_value(|c| c.feedback_url.clone())?;
    Some(format!("{}/{path}", base.trim_end_matches('/')))
}

pub fn enabled(app: &App) -> bool {
    app.config.with_value(|c| c.feedback_url.is_some())
}

/// A random UUID (v4) from the browser's cryptographic generator. `getRandomValues`,
/// unlike `randomUUID`, also works on a city site still served over plain http.
fn uuid() -> Option<String> {
    let mut b = [0u8; 16];
    browser::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut b).ok()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Some(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
}

/// Restores the outbox, sends what waits, and resends when the browser is back online.
pub fn install(app: App) {
    if let Ok(Some(saved)) = browser::load(OUTBOX_KEY) {
        let (mut outbox, ok) = Outbox::restore(&saved);
        if !ok {
            browser::remove(OUTBOX_KEY);
        }
        outbox.all_due();
        app.outbox.set(outbox);
    }
    let handle = window_event_listener(leptos::ev::online, move |_| {
        app.outbox.update(|o| o.all_due());
        flush(app);
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
    flush(app);
}

fn save(app: &App) {
    let json = app.outbox.with_untracked(|o| (!o.items.is_empty()).then(|| o.to_json()));
    match json {
        Some(json) => {
            let _ = browser::save(OUTBOX_KEY, &json);
        }
        None => browser::remove(OUTBOX_KEY),
    }
}

/// Queues a body for `path` (`ratings` or `helpful`); returns its id.
pub fn send(app: App, path: &str, mut body: serde_json::Value) -> Option<String> {
    let id = uuid()?;
    body["id"] = serde_json::Value::String(id.clone());
    app.outbox.update(|o| o.push(id.clone(), path, body.to_string()));
    save(&app);
    flush(app);
    Some(id)
}

async fn post(url: &str, body: &str) -> u16 {
    let attempt = async {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&JsValue::from_str(body));
        let headers = web_sys::Headers::new()?;
        headers.set("content-type", "application/json")?;
        init.set_headers(&headers);
        let request = web_sys::Request::new_with_str_and_init(url, &init)?;
        let window = browser::window().ok_or(JsValue::NULL)?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request)).await?.dyn_into()?;
        Ok::<u16, JsValue>(response.status())
    };
    attempt.await.unwrap_or(0)
}

/// Sends everything that is due; schedules the next attempt for what failed.
pub fn flush(app: App) {
    if app.flushing.get_value() {
        return;
    }
    app.flushing.set_value(true);
    leptos::task::spawn_local(async move {
        let due = app.outbox.with_untracked(|o| o.due(js_sys::Date::now()));
        for item in due {
            let Some(target) = url(&app, &item.path) else { break };
            let outcome = Outcome::from_status(post(&target, &item.body).await);
            app.outbox.update(|o| o.record(&item.id, outcome, js_sys::Date::now()));
            match outcome {
                Outcome::Delivered => {
                    app.delivered.update(|d| {
                        d.insert(item.id.clone());
                    });
                    // For the host's analytics: what was sent, never its content.
                    app.event("lifenav:feedback", serde_json::json!({ "kind": item.path }));
                }
                Outcome::Rejected => app.rejected.update(|d| {
                    d.insert(item.id.clone());
                }),
                Outcome::Failed => {}
            }
            save(&app);
        }
        app.flushing.set_value(false);
        if let Some(wake) = app.outbox.with_untracked(|o| o.next_wake()) {
            let wait = (wake - js_sys::Date::now()).max(0.0) as u64;
            set_timeout(move || flush(app), Duration::from_millis(wait));
        }
    });
}

/// Fetches the public summary once; on any failure nothing is shown.
pub fn load_scores(app: App) {
    if app.scores.with_untracked(|s| s.is_some()) {
        return;
    }
    let Some(target) = url(&app, "summary") else { return };
    app.scores.set(Some(BTreeMap::new()));
    leptos::task::spawn_local(async move {
        let Ok(text) = browser::fetch_text(&target).await else { return };
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else { return };
        let mut scores = BTreeMap::new();
        for s in v.get("services").and_then(|s| s.as_array()).into_iter().flatten() {
            let (Some(id), Some(count), Some(mean)) = (
                s.get("service").and_then(|x| x.as_str()),
                s.get("count").and_then(|x| x.as_i64()),
                s.get("mean_overall").and_then(|x| x.as_f64()),
            ) else {
                continue;
            };
            if count > 0 {
                scores.insert(id.to_string(), Score { mean, count });
            }
        }
        app.scores.set(Some(scores));
    });
}
