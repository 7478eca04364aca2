//! The widget's outbox: ratings and "was this helpful?" answers wait here (in the
//! browser's storage) until the feedback service confirms them, so nothing is lost to a
//! closed tab, a dead network or a service restart. Each item carries a random id; the
//! service stores an id once, so resending is always safe.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// First retry after this many milliseconds; doubled each time, up to [`MAX_BACKOFF_MS`].
pub const FIRST_BACKOFF_MS: f64 = 1_000.0;
pub const MAX_BACKOFF_MS: f64 = 60_000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The random UUID the service deduplicates by.
    pub id: String,
    /// Where it goes, relative to the feedback URL: `ratings` or `helpful`.
    pub path: String,
    /// The JSON body, as sent.
    pub body: String,
    #[serde(default)]
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    #[serde(default)]
    pub next_try: f64,
}

/// What a delivery attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 200 or 201: stored (now or before).
    Delivered,
    /// A 4xx other than 408 and 429: resending cannot help.
    Rejected,
    /// No answer, 408, 429 or 5xx: try again later.
    Failed,
}

impl Outcome {
    pub fn from_status(status: u16) -> Outcome {
        match status {
            200..=299 => Outcome::Delivered,
            408 | 429 => Outcome::Failed,
            400..=499 => Outcome::Rejected,
            _ => Outcome::Failed,
        }
    }
}

/// What one widget did to the outbox since it last merged with storage: the items it
/// queued and those that left it (delivered, or refused for good).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub added: BTreeSet<String>,
    pub finished: BTreeSet<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    pub items: Vec<Pending>,
}

impl Outbox {
    /// Reads the stored outbox; damaged storage gives an empty outbox and `false`.
    pub fn restore(json: &str) -> (Outbox, bool) {
        match serde_json::from_str(json) {
            Ok(o) => (o, true),
            Err(_) => (Outbox::default(), false),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn push(&mut self, id: String, path: &str, body: String) {
        if !self.items.iter().any(|p| p.id == id) {
            self.items.push(Pending { id, path: path.to_string(), body, attempts: 0, next_try: 0.0 });
        }
    }

    /// Items whose time has come.
    pub fn due(&self, now: f64) -> Vec<Pending> {
        self.items.iter().filter(|p| p.next_try <= now).cloned().collect()
    }

    /// Everything, now (the browser came back online, the page was reloaded).
    pub fn all_due(&mut self) {
        for p in &mut self.items {
            p.next_try = 0.0;
        }
    }

    pub fn record(&mut self, id: &str, outcome: Outcome, now: f64) {
        match outcome {
            Outcome::Delivered | Outcome::Rejected => self.items.retain(|p| p.id != id),
            Outcome::Failed => {
                if let Some(p) = self.items.iter_mut().find(|p| p.id == id) {
                    p.attempts += 1;
                    let backoff = (FIRST_BACKOFF_MS * 2f64.powi(p.attempts.min(16) as i32 - 1)).min(MAX_BACKOFF_MS);
                    p.next_try = now + backoff;
                }
            }
        }
    }

    /// When the next attempt is due, if anything waits.
    pub fn next_wake(&self) -> Option<f64> {
        self.items.iter().map(|p| p.next_try).reduce(f64::min)
    }

    /// The outbox to store when several widgets (on one page, or in several tabs) share
    /// it: `stored` is what storage holds now, `self` this widget's copy and `changes`
    /// what it did since it last merged. What is stored stays, unless this widget
    /// finished it (with the attempts of whichever copy tried more); what it queued
    /// since is added. Another widget's unsent item is never dropped, and an item another
    /// widget finished (gone from storage) is not brought back.
    pub fn merge(&self, stored: &Outbox, changes: &Changes) -> Outbox {
        let mut items: Vec<Pending> = stored
            .items
            .iter()
            .filter(|p| !changes.finished.contains(&p.id))
            // The copy that has seen more attempts knows better when to try again.
            .map(|p| self.items.iter().find(|m| m.id == p.id && m.attempts > p.attempts).unwrap_or(p).clone())
            .collect();
        for p in &self.items {
            if changes.added.contains(&p.id) && !items.iter().any(|i| i.id == p.id) {
                items.push(p.clone());
            }
        }
        Outbox { items }
    }

    /// How many attempts failed for an item still waiting; `None` once it has left.
    pub fn attempts(&self, id: &str) -> Option<u32> {
        self.items.iter().find(|p| p.id == id).map(|p| p.attempts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_and_successes_leave() {
        let mut o = Outbox::default();
        o.push("a".into(), "ratings", "{}".into());
        o.push("a".into(), "ratings", "{}".into());
        assert_eq!(o.items.len(), 1, "the same id is queued once");
        assert_eq!(o.due(0.0).len(), 1);
        assert_eq!(o.attempts("a"), Some(0));
        o.record("a", Outcome::Failed, 10_000.0);
        assert_eq!(o.attempts("a"), Some(1));
        assert!(o.due(10_500.0).is_empty());
        assert_eq!(o.due(11_000.0).len(), 1);
        o.record("a", Outcome::Failed, 11_000.0);
        assert_eq!(o.next_wake(), Some(13_000.0), "doubled");
        for _ in 0..20 {
            o.record("a", Outcome::Failed, 0.0);
        }
        assert_eq!(o.next_wake(), Some(MAX_BACKOFF_MS), "capped");
        o.all_due();
        assert_eq!(o.due(0.0).len(), 1);
        o.record("a", Outcome::Delivered, 0.0);
        assert!(o.items.is_empty());
        assert_eq!(o.attempts("a"), None);
    }

    /// Two widgets on one page share `lifenav.outbox`: each saved its own copy over the
    /// other's, so one widget's save erased the other's unsent ratings.
    #[test]
    fn widgets_sharing_the_outbox_never_erase_each_other() {
        let mut storage = Outbox::default();
        let (mut a, mut b) = (Outbox::default(), Outbox::default());
        let (mut ca, mut cb) = (Changes::default(), Changes::default());
        // A queues a rating and saves.
        a.push("a1".into(), "ratings", "{}".into());
        ca.added.insert("a1".into());
        storage = a.merge(&storage, &ca);
        (a, ca) = (storage.clone(), Changes::default());
        // B, which loaded before A's rating, queues its own and saves.
        b.push("b1".into(), "ratings", "{}".into());
        cb.added.insert("b1".into());
        storage = b.merge(&storage, &cb);
        (b, cb) = (storage.clone(), Changes::default());
        let ids = |o: &Outbox| o.items.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&storage), ["a1", "b1"], "B's save kept A's unsent rating");
        // A fails to send a1 (its attempts are kept), B delivers b1.
        a.record("a1", Outcome::Failed, 5_000.0);
        storage = a.merge(&storage, &ca);
        a = storage.clone();
        b.record("b1", Outcome::Delivered, 6_000.0);
        cb.finished.insert("b1".into());
        storage = b.merge(&storage, &cb);
        assert_eq!(ids(&storage), ["a1"]);
        assert_eq!(storage.attempts("a1"), Some(1));
        // A still holds b1 from an earlier merge: it does not bring it back.
        assert_eq!(ids(&a), ["a1", "b1"]);
        storage = a.merge(&storage, &Changes::default());
        assert_eq!(ids(&storage), ["a1"]);
    }

    #[test]
    fn statuses() {
        assert_eq!(Outcome::from_status(201), Outcome::Delivered);
        assert_eq!(Outcome::from_status(200), Outcome::Delivered);
        assert_eq!(Outcome::from_status(422), Outcome::Rejected);
        assert_eq!(Outcome::from_status(409), Outcome::Rejected);
        assert_eq!(Outcome::from_status(429), Outcome::Failed);
        assert_eq!(Outcome::from_status(503), Outcome::Failed);
        assert_eq!(Outcome::from_status(0), Outcome::Failed, "no answer at all");
    }

    #[test]
    fn damaged_storage_is_an_empty_outbox() {
        assert_eq!(Outbox::restore("[1,2"), (Outbox::default(), false));
        let mut o = Outbox::default();
        o.push("b".into(), "helpful", r#"{"x":1}"#.into());
        assert_eq!(Outbox::restore(&o.to_json()), (o, true));
    }
}
