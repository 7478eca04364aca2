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
use lifenav_core::my_ratings::{public_answers, MyRatings, PublicAnswer};
use lifenav_core::outbox::{Changes, Outbox, Outcome};
use std::collections::{BTreeMap, BTreeSet};

pub const OUTBOX_KEY: &str = "lifenav.outbox";
/// The ratings this browser sent, with the departments' answers (`MyRatings`): shared by
/// every widget on the page, like the outbox, and changed by reading what is stored first.
pub const RATINGS_KEY: &str = "lifenav.ratings";

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
    /// The ratings sent from this browser and the answers to them.
    pub mine: RwSignal<MyRatings>,
    /// «Мои оценки» is open.
    pub mine_open: RwSignal<bool>,
    /// Departments' public answers by service, fetched when a step opens.
    pub public: RwSignal<BTreeMap<String, Vec<PublicAnswer>>>,
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

/// The stored ratings; `None` when storage cannot be read, `Some((_, false))` when what it
/// holds is damaged.
fn stored_mine() -> Option<(MyRatings, bool)> {
    match browser::load(RATINGS_KEY) {
        Ok(Some(saved)) => Some(MyRatings::restore(&saved)),
        Ok(None) => Some((MyRatings::default(), true)),
        Err(()) => None,
    }
}

/// POSTs JSON and reads the reply; `Err` when there is none or it is not a success.
async fn post_for_text(url: &str, body: &str) -> Result<String, ()> {
    let response = browser::post_json(url, body).await?;
    if !response.ok() {
        return Err(());
    }
    response.text().await.map_err(|_| ())
}

/// The HTTP status of a POST; 0 when no answer came.
async fn post(url: &str, body: &str) -> u16 {
    browser::post_json(url, body).await.map(|r| r.status()).unwrap_or(0)
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
            mine: RwSignal::new(MyRatings::default()),
            mine_open: RwSignal::new(false),
            public: RwSignal::new(BTreeMap::new()),
        }
    }

    pub fn enabled(&self) -> bool {
        self.base.with_value(|b| b.is_some())
    }

    fn url(&self, path: &str) -> Option<String> {
        self.base.with_value(|b| b.as_ref().map(|b| format!("{}/{path}", b.trim_end_matches('/'))))
    }

    /// Restores the outbox and the ratings sent, sends what waits, resends when the
    /// browser is back online, and asks for the answers to the ratings sent. `false` when
    /// the stored ratings were damaged and have been reset.
    pub fn install(self) -> bool {
        let ratings_ok = match stored_mine() {
            Some((mine, ok)) => {
                if !ok {
                    browser::remove(RATINGS_KEY);
                }
                self.mine.set(mine);
                ok
            }
            None => true,
        };
        self.fetch_answers();
        let mut outbox = stored();
        outbox.all_due();
        self.outbox.set(outbox);
        if let Some(window) = browser::window() {
            let listener = gloo_events::EventListener::new(&window, "online", move |_| {
                self.outbox.update(|o| o.all_due());
                self.flush();
            });
            // It lives as long as the page.
            listener.forget();
        }
        self.flush();
        ratings_ok
    }

    /// Changes the ratings sent: on what storage holds now (another widget on the page may
    /// have added to it), or on this widget's copy when storage is unavailable.
    fn update_mine(&self, change: impl FnOnce(&mut MyRatings)) {
        let mut mine = match stored_mine() {
            Some((stored, true)) => stored,
            _ => self.mine.get_untracked(),
        };
        change(&mut mine);
        let _ = browser::save(RATINGS_KEY, &mine.to_json());
        self.mine.set(mine);
    }

    /// Forgets the ratings sent ("delete all my data"): their answers can no longer be read.
    pub fn forget_mine(&self) {
        browser::remove(RATINGS_KEY);
        self.mine.set(MyRatings::default());
        self.mine_open.set(false);
    }

    /// Asks the server for the answers to the ratings this browser sent (by their ids
    /// alone: nobody can list everyone's).
    pub fn fetch_answers(self) {
        let ids = self.mine.with_untracked(|m| m.ids());
        let Some(target) = self.url("answers").filter(|_| !ids.is_empty()) else { return };
        leptos::task::spawn_local(async move {
            let body = serde_json::json!({ "ids": ids }).to_string();
            let Ok(text) = post_for_text(&target, &body).await else { return };
            let Ok(reply) = serde_json::from_str::<serde_json::Value>(&text) else { return };
            self.update_mine(|m| {
                m.apply(&reply);
            });
        });
    }

    /// A rating went into the outbox: keep its id to read the answer later.
    pub fn remember(&self, id: &str, service: &str, overall: u8) {
        let day = browser::today().to_string();
        self.update_mine(|m| m.add(id, service, overall, &day));
    }

    pub fn seen(&self, id: &str) {
        if self
            .mine
            .with_untracked(|m| m.items.iter().any(|r| r.id == id && r.answer.as_ref().is_some_and(|a| !a.seen)))
        {
            self.update_mine(|m| m.mark_seen_one(id));
        }
    }

    pub fn all_seen(&self) {
        if self.mine.with_untracked(|m| m.unseen() > 0) {
            self.update_mine(|m| m.mark_seen());
        }
    }

    /// The citizen says whether the department's answer helped; sent through the outbox.
    pub fn helped(self, rating: &str, helped: bool) {
        let mut known = false;
        self.update_mine(|m| known = m.set_helped(rating, helped));
        if known {
            self.queue(&format!("answers/{rating}/helped"), serde_json::json!({ "helped": helped }));
        }
    }

    /// The public answers to a service's ratings, fetched once per service.
    pub fn load_public(self, service: &str) {
        if self.public.with_untracked(|p| p.contains_key(service)) {
            return;
        }
        let Some(target) = self.url(&format!("summary?service={service}")) else { return };
        let service = service.to_string();
        self.public.update(|p| {
            p.insert(service.clone(), Vec::new());
        });
        leptos::task::spawn_local(async move {
            let Ok(text) = browser::fetch_text(&target).await else { return };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) else { return };
            let answers = public_answers(&v);
            if !answers.is_empty() {
                self.public.update(|p| {
                    p.insert(service, answers);
                });
            }
        });
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

    /// Queues a body for `path` (`ratings` or `helpful`), carrying the id the service
    /// stores it under; returns the id.
    pub fn send(self, path: &str, mut body: serde_json::Value) -> Option<String> {
        let id = uuid()?;
        body["id"] = serde_json::Value::String(id.clone());
        self.push(id.clone(), path, body);
        Some(id)
    }

    /// Queues a body that names what it is about in its path (a reply to an answer), so
    /// the outbox's id stays out of it: the service takes no other field.
    fn queue(self, path: &str, body: serde_json::Value) -> Option<String> {
        let id = uuid()?;
        self.push(id.clone(), path, body);
        Some(id)
    }

    fn push(self, id: String, path: &str, body: serde_json::Value) {
        self.outbox.update(|o| o.push(id.clone(), path, body.to_string()));
        self.changes.update_value(|c| {
            c.added.insert(id);
        });
        self.save();
        self.flush();
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
                            browser::dispatch(
                                h,
                                "lifenav:feedback",
                                &serde_json::json!({ "kind": kind_of(&item.path) }),
                            )
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
                gloo_timers::callback::Timeout::new(wait.min(u32::MAX as u64) as u32, move || self.flush()).forget();
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

/// What the host's `lifenav:feedback` event says was sent: a reply to an answer is named
/// without the rating's id, the key to its answer.
fn kind_of(path: &str) -> &str {
    if path.starts_with("answers/") {
        "answer_helped"
    } else {
        path
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
