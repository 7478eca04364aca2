//! The ratings this browser sent, kept in the browser alone: a rating's random id is the
//! only key to a department's answer, and nobody else knows it. The widget asks the
//! server for the answers to these ids, shows them on the plan's steps and in "my
//! ratings", and remembers what the citizen said about them (did the answer help?).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most ratings kept; the oldest go first. (The server answers at most 200 ids at once.)
pub const MAX_KEPT: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The department's name, as the server gives it.
    pub department: String,
    pub text: String,
    pub public: bool,
    /// Unix seconds.
    pub answered_at: i64,
    /// What the citizen said: did it help?
    #[serde(default)]
    pub helped: Option<bool>,
    /// The citizen has seen it (opened "my ratings" or the step).
    #[serde(default)]
    pub seen: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentRating {
    pub id: String,
    pub service: String,
    pub overall: u8,
    /// The day it was sent, `YYYY-MM-DD` in the citizen's time.
    pub day: String,
    #[serde(default)]
    pub answer: Option<Answer>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MyRatings {
    /// Newest first.
    pub items: Vec<SentRating>,
}

impl MyRatings {
    /// Reads the stored list; damaged storage gives an empty list and `false`.
    pub fn restore(json: &str) -> (MyRatings, bool) {
        match serde_json::from_str::<MyRatings>(json) {
            Ok(mut r) => {
                r.items.truncate(MAX_KEPT);
                (r, true)
            }
            Err(_) => (MyRatings::default(), false),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn add(&mut self, id: &str, service: &str, overall: u8, day: &str) {
        if self.items.iter().any(|r| r.id == id) {
            return;
        }
        self.items.insert(
            0,
            SentRating {
                id: id.to_string(),
                service: service.to_string(),
                overall,
                day: day.to_string(),
                answer: None,
            },
        );
        self.items.truncate(MAX_KEPT);
    }

    /// The ids to ask the server about.
    pub fn ids(&self) -> Vec<String> {
        self.items.iter().map(|r| r.id.clone()).collect()
    }

    /// Takes the server's `{answers: [{id, department, answer, public, answered_at, helped}]}`;
    /// returns how many answers are new. What the citizen said here wins over the server's
    /// copy until the server has it too.
    pub fn apply(&mut self, reply: &Value) -> usize {
        let mut new = 0;
        for a in reply["answers"].as_array().into_iter().flatten() {
            let (Some(id), Some(text)) = (a["id"].as_str(), a["answer"].as_str()) else { continue };
            let Some(r) = self.items.iter_mut().find(|r| r.id == id) else { continue };
            let previous = r.answer.take();
            new += usize::from(previous.is_none());
            r.answer = Some(Answer {
                department: a["department"].as_str().unwrap_or("").to_string(),
                text: text.to_string(),
                public: a["public"].as_bool().unwrap_or(false),
                answered_at: a["answered_at"].as_i64().unwrap_or(0),
                helped: previous.as_ref().and_then(|p| p.helped).or(a["helped"].as_bool()),
                seen: previous.is_some_and(|p| p.seen && p.text == text),
            });
        }
        new
    }

    /// The newest answered rating of a service, for its step in the plan.
    pub fn answered(&self, service: &str) -> Option<&SentRating> {
        self.items.iter().find(|r| r.service == service && r.answer.is_some())
    }

    /// Answers the citizen has not seen yet.
    pub fn unseen(&self) -> usize {
        self.items.iter().filter(|r| r.answer.as_ref().is_some_and(|a| !a.seen)).count()
    }

    /// The citizen saw this one answer (on its step).
    pub fn mark_seen_one(&mut self, id: &str) {
        if let Some(a) = self.items.iter_mut().find(|r| r.id == id).and_then(|r| r.answer.as_mut()) {
            a.seen = true;
        }
    }

    pub fn mark_seen(&mut self) {
        for a in self.items.iter_mut().filter_map(|r| r.answer.as_mut()) {
            a.seen = true;
        }
    }

    /// Records the citizen's reply; false if that rating has no answer.
    pub fn set_helped(&mut self, id: &str, helped: bool) -> bool {
        match self.items.iter_mut().find(|r| r.id == id).and_then(|r| r.answer.as_mut()) {
            Some(a) => {
                a.helped = Some(helped);
                true
            }
            None => false,
        }
    }
}

/// A department's public answer to a rating of a service, as the summary shows it beside
/// the service's score: the part of the comment it answers and the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicAnswer {
    pub excerpt: Option<String>,
    pub answer: String,
    /// Unix seconds.
    pub answered_at: i64,
}

/// The public answers in the server's `GET /api/v1/summary?service=` reply.
pub fn public_answers(summary: &Value) -> Vec<PublicAnswer> {
    summary["answers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| {
            Some(PublicAnswer {
                excerpt: a["excerpt"].as_str().filter(|e| !e.trim().is_empty()).map(str::to_string),
                answer: a["answer"].as_str().filter(|t| !t.trim().is_empty())?.to_string(),
                answered_at: a["answered_at"].as_i64().unwrap_or(0),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn reply(id: &str, text: &str, helped: Option<bool>) -> Value {
        json!({ "answers": [{ "id": id, "service": "snils", "department": "СФР", "answer": text,
                               "public": false, "answered_at": 1_796_000_000, "helped": helped }] })
    }

    #[test]
    fn answers_reach_their_own_ratings_only() {
        let mut r = MyRatings::default();
        r.add("a", "snils", 2, "2026-11-30");
        r.add("b", "snils", 5, "2026-12-01");
        r.add("a", "snils", 2, "2026-11-30");
        assert_eq!(r.ids(), ["b", "a"], "newest first, once each");
        assert_eq!(r.apply(&reply("zzz", "Чужой", None)), 0, "an id this browser never sent is ignored");
        assert_eq!(r.apply(&reply("a", "Разобрались", None)), 1);
        assert_eq!(r.answered("snils").unwrap().id, "a");
        assert_eq!(r.unseen(), 1);
        r.mark_seen();
        assert_eq!(r.unseen(), 0);
        assert_eq!(r.apply(&reply("a", "Разобрались", None)), 0, "not new the second time");
        assert_eq!(r.unseen(), 0, "still seen");
        assert_eq!(r.apply(&reply("a", "Разобрались, дополнили ответ", None)), 0);
        assert_eq!(r.unseen(), 1, "a changed answer is shown again");
    }

    #[test]
    fn the_citizens_reply_survives_a_stale_server_copy() {
        let mut r = MyRatings::default();
        r.add("a", "snils", 2, "2026-11-30");
        assert!(!r.set_helped("a", true), "no answer yet");
        r.apply(&reply("a", "Ответ", None));
        assert!(r.set_helped("a", false));
        r.apply(&reply("a", "Ответ", None));
        assert_eq!(r.items[0].answer.as_ref().unwrap().helped, Some(false));
        let mut other = MyRatings::default();
        other.add("a", "snils", 2, "2026-11-30");
        other.apply(&reply("a", "Ответ", Some(true)));
        assert_eq!(other.items[0].answer.as_ref().unwrap().helped, Some(true), "said from another tab");
    }

    #[test]
    fn storage_round_trips_is_bounded_and_damage_is_reported() {
        let mut r = MyRatings::default();
        for n in 0..(MAX_KEPT + 10) {
            r.add(&format!("id{n}"), "snils", 4, "2026-12-01");
        }
        assert_eq!(r.items.len(), MAX_KEPT);
        assert_eq!(r.items.last().unwrap().id, "id10", "the oldest went first");
        let (back, ok) = MyRatings::restore(&r.to_json());
        assert!(ok);
        assert_eq!(back, r);
        let (empty, ok) = MyRatings::restore("{\"items\": [{\"id\": 5}]");
        assert!(!ok);
        assert!(empty.items.is_empty());
    }

    #[test]
    fn public_answers_are_read_from_the_summary_and_blank_ones_skipped() {
        let v = json!({ "answers": [
            { "answer": "Окно открыли", "excerpt": "одно окно", "answered_at": 5 },
            { "answer": "  ", "excerpt": null, "answered_at": 6 },
            { "answer": "Без цитаты", "excerpt": "", "answered_at": 7 },
        ]});
        let got = public_answers(&v);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].excerpt.as_deref(), Some("одно окно"));
        assert_eq!(got[1].excerpt, None);
        assert!(public_answers(&json!({ "count": 3 })).is_empty(), "an older server without answers");
    }

    #[test]
    fn seeing_one_answer_leaves_the_others_unseen() {
        let mut r = MyRatings::default();
        r.add("a", "snils", 2, "2026-11-30");
        r.add("b", "inn", 1, "2026-11-30");
        r.apply(&reply("a", "Ответ", None));
        r.apply(&reply("b", "Другой", None));
        assert_eq!(r.unseen(), 2);
        r.mark_seen_one("a");
        assert_eq!(r.unseen(), 1);
    }
}
