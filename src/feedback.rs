//! Feedback from the widget: ratings and "was this plan helpful?" go through the outbox
//! (saved in the browser) to the feedback service, with retries and backoff, again after
//! a reload and when the browser comes back online. And the public summary of ratings,
//! fetched once and shown on the plan's steps.
//!
//! Its own small state ([`Feedback`], a context of its own beside the journey's `App`):
//! it knows nothing of the journey. Every widget on a page shares one outbox in storage
//! (`lifenav.outbox`); each merges its changes into what is stored, so one widget's save
//! never erases another's unsent ratings (`Outbox::merge`).

use crate::browser;
use leptos::prelude::*;
use lifenav_core::outbox::{Changes, Outbox, Outcome};
use std::collections::{BTreeMap, BTreeSet};
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

#[derive(Clone, Copy)]
pub struct Feedback {
    /// The feedback service (`data-feedback`); none: nothing is sent or shown.
    base: StoredValue<Option<String>>,
    /// The host element, for the `lifenav:feedback` event.
    host: StoredValue<web_sys::HtmlElement, LocalStorage>,
    /// Feedback waiting for the network, and what became of what was sent.
    pub outbox: RwSignal<Outbox>,
    /// What this widget queued and finished since it last merged with storage.
    changes: StoredValue<Changes>,
    pub delivered: RwSignal<BTreeSet<String>>,
    pub rejected: RwSignal<BTreeSet<String>>,
    flushing: StoredValue<bool>,
    /// Ratings of services from the feedback service's public summary.
    pub scores: RwSignal<Option<BTreeMap<String, Score>>>,
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

fn stored() -> Outbox {
    match browser::load(OUTBOX_KEY) {
        Ok(Some(saved)) => {
            let (outbox, ok) = Outbox::restore(&saved);
            if !ok {
                browser::remove(OUTBOX_KEY);
            }
            outbox
        }
        _ => Outbox::default(),
    }
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

impl Feedback {
    pub fn new(base: Option<String>, host: web_sys::HtmlElement) -> Feedback {
        Feedback {
            base: StoredValue::new(base),
            host: StoredValue::new_local(host),
            outbox: RwSignal::new(Outbox::default()),
            changes: StoredValue::new(Changes::default()),
            delivered: RwSignal::new(BTreeSet::new()),
            rejected: RwSignal::new(BTreeSet::new()),
            flushing: StoredValue::new(false),
            scores: RwSignal::new(None),
        }
    }

    pub fn enabled(&self) -> bool {
        self.base.with_value(|b| b.is_some())
    }

    fn url(&self, path: &str) -> Option<String> {
        self.base.with_value(|b| b.as_ref().map(|b| format!("{}/{path}", b.trim_end_matches('/'))))
    }

    /// Restores the outbox, sends what waits, and resends when the browser is back online.
    pub fn install(self) {
        let mut outbox = stored();
        outbox.all_due();
        self.outbox.set(outbox);
        let handle = window_event_listener(leptos::ev::online, move |_| {
            self.outbox.update(|o| o.all_due());
            self.flush();
        });
        // The listener lives as long as the page.
        std::mem::forget(handle);
        self.flush();
    }

    /// Merges this widget's changes into the stored outbox (which other widgets on the
    /// page may have changed meanwhile) and takes the result as its own.
    fn save(&self) {
        let merged = self.outbox.with_untracked(|mine| self.changes.with_value(|c| mine.merge(&stored(), c)));
        self.changes.set_value(Changes::default());
        match merged.items.is_empty() {
            true => browser::remove(OUTBOX_KEY),
            false => {
                let _ = browser::save(OUTBOX_KEY, &merged.to_json());
            }
        }
        self.outbox.set(merged);
    }

    /// Queues a body for `path` (`ratings` or `helpful`); returns its id.
    pub fn send(self, path: &str, mut body: serde_json::Value) -> Option<String> {
        let id = uuid()?;
        body["id"] = serde_json::Value::String(id.clone());
        self.outbox.update(|o| o.push(id.clone(), path, body.to_string()));
        self.changes.update_value(|c| {
            c.added.insert(id.clone());
        });
        self.save();
        self.flush();
        Some(id)
    }

    /// What became of a sent item, as the citizen reads it.
    pub fn status(&self, id: &str) -> Status {
        if self.delivered.with(|d| d.contains(id)) {
            Status::Sent
        } else if self.rejected.with(|d| d.contains(id)) {
            Status::Rejected
        } else if self.outbox.with(|o| o.attempts(id).is_some_and(|n| n > 0)) {
            Status::Queued
        } else {
            Status::Sending
        }
    }

    /// Sends everything that is due; schedules the next attempt for what failed.
    pub fn flush(self) {
        if self.flushing.get_value() {
            return;
        }
        self.flushing.set_value(true);
        leptos::task::spawn_local(async move {
            let due = self.outbox.with_untracked(|o| o.due(js_sys::Date::now()));
            for item in due {
                let Some(target) = self.url(&item.path) else { break };
                let outcome = Outcome::from_status(post(&target, &item.body).await);
                self.outbox.update(|o| o.record(&item.id, outcome, js_sys::Date::now()));
                match outcome {
                    Outcome::Delivered => {
                        self.delivered.update(|d| {
                            d.insert(item.id.clone());
                        });
                        // For the host's analytics: what was sent, never its content.
                        self.host.with_value(|h| {
                            browser::dispatch(h, "lifenav:feedback", &serde_json::json!({ "kind": item.path }))
                        });
                    }
                    Outcome::Rejected => self.rejected.update(|d| {
                        d.insert(item.id.clone());
                    }),
                    Outcome::Failed => {}
                }
                if outcome != Outcome::Failed {
                    self.changes.update_value(|c| {
                        c.finished.insert(item.id.clone());
                    });
                }
                self.save();
            }
            self.flushing.set_value(false);
            if let Some(wake) = self.outbox.with_untracked(|o| o.next_wake()) {
                let wait = (wake - js_sys::Date::now()).max(0.0) as u64;
                set_timeout(move || self.flush(), Duration::from_millis(wait));
            }
        });
    }

    /// Fetches the public summary once; on any failure nothing is shown.
    pub fn load_scores(self) {
        if self.scores.with_untracked(|s| s.is_some()) {
            return;
        }
        let Some(target) = self.url("summary") else { return };
        self.scores.set(Some(BTreeMap::new()));
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
            self.scores.set(Some(scores));
        });
    }

    /// A service's score from the summary, once it has loaded.
    pub fn score(&self, service: &str) -> Option<Score> {
        self.scores.with(|s| s.as_ref().and_then(|s| s.get(service).copied()))
    }
}

/// What became of a rating or a "helpful" answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Sending,
    Queued,
    Sent,
    Rejected,
}
