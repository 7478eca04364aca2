//! The citizen's journey as the widget keeps it in the browser: the situation, the
//! answers given in each situation, the event dates, ticks on checklists, steps done,
//! and the consent to reuse answers across situations. It never leaves the browser.
//!
//! Saved state can be damaged (an old version, an edited value, a catalog that changed
//! since): [`Journey::restore`] keeps what still makes sense and says what it dropped.

use crate::share::SharedJourney;
use crate::value::Answers;
use crate::{Date, Engine, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version of the saved form; another version is reset, not guessed at.
pub const JOURNEY_VERSION: u32 = 1;

/// Where the citizen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Start,
    Questions,
    Review,
    Plan,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Journey {
    pub situation: Option<String>,
    pub stage: Stage,
    /// Answers by situation, as given there.
    pub answers: BTreeMap<String, Answers>,
    pub event_dates: BTreeMap<String, Date>,
    /// Reuse answers across situations: `None` until the citizen is asked.
    pub reuse: Option<bool>,
    /// Checklist documents ticked, by situation.
    pub ticked: BTreeMap<String, BTreeSet<String>>,
    /// Services marked done, by situation.
    pub done: BTreeMap<String, BTreeSet<String>>,
    /// The earlier question being changed, if any (not saved: a reload goes on from the
    /// next question).
    pub editing: Option<String>,
}

/// At most how many questions a situation's questionnaire would still ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionsLeft {
    /// With the answers that carry over as the citizen decided (or would, if they
    /// agree to reuse their answers).
    pub count: usize,
    /// The citizen has not decided on reuse yet, and without it this many instead.
    pub without_reuse: Option<usize>,
}

#[derive(Serialize, Deserialize)]
struct Saved {
    v: u32,
    #[serde(default)]
    situation: Option<String>,
    #[serde(default)]
    stage: Stage,
    #[serde(default)]
    answers: BTreeMap<String, BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    event_dates: BTreeMap<String, String>,
    #[serde(default)]
    reuse: Option<bool>,
    #[serde(default)]
    ticked: BTreeMap<String, BTreeSet<String>>,
    #[serde(default)]
    done: BTreeMap<String, BTreeSet<String>>,
}

fn marked(by_situation: &BTreeMap<String, BTreeSet<String>>, situation: &Option<String>, item: &str) -> bool {
    situation.as_ref().and_then(|s| by_situation.get(s)).is_some_and(|set| set.contains(item))
}

fn toggle(by_situation: &mut BTreeMap<String, BTreeSet<String>>, situation: &Option<String>, item: &str) {
    let Some(situation) = situation else { return };
    let set = by_situation.entry(situation.clone()).or_default();
    if !set.remove(item) {
        set.insert(item.to_string());
    }
    if set.is_empty() {
        by_situation.remove(situation);
    }
}

/// The moves of a journey, as the widget makes them: pure, so that each is tested node
/// by node (`tests/journey_nodes.rs`), as the questionnaire is.
impl Journey {
    /// The citizen picks a situation: its questions, from the first not yet answered.
    pub fn choose(&mut self, situation: &str) {
        self.situation = Some(situation.to_string());
        self.stage = Stage::Questions;
        self.editing = None;
    }

    /// An answer to `question` in the current situation.
    pub fn answer(&mut self, question: &str, value: Value) {
        let Some(situation) = self.situation.clone() else { return };
        self.answers.entry(situation).or_default().insert(question.to_string(), value);
        self.editing = None;
    }

    /// Back to an earlier question to change its answer.
    pub fn change(&mut self, question: &str) {
        self.editing = Some(question.to_string());
        self.stage = Stage::Questions;
    }

    /// When the questionnaire is `done` (and no earlier answer is being changed), on to
    /// the review. Says whether it moved.
    pub fn settle(&mut self, done: bool) -> bool {
        let moves = done && self.editing.is_none() && self.stage == Stage::Questions;
        if moves {
            self.stage = Stage::Review;
        }
        moves
    }

    /// One step back, `asked` being the questions asked so far, in order: the plan → the
    /// review → the last question asked → the one before it … → the start.
    pub fn back(&mut self, asked: &[String]) {
        match (self.stage, self.editing.clone()) {
            (Stage::Start, _) => {}
            (Stage::Plan, _) => self.stage = Stage::Review,
            (Stage::Review, _) => match asked.last() {
                Some(q) => self.change(q),
                None => self.go_start(),
            },
            (Stage::Questions, Some(q)) => match asked.iter().position(|a| *a == q) {
                Some(i) if i > 0 => self.editing = Some(asked[i - 1].clone()),
                _ => self.go_start(),
            },
            (Stage::Questions, None) => match asked.last() {
                Some(q) => self.editing = Some(q.clone()),
                None => self.go_start(),
            },
        }
    }

    /// Back to the list of situations, keeping everything.
    pub fn go_start(&mut self) {
        self.stage = Stage::Start;
        self.editing = None;
    }

    pub fn show_plan(&mut self) {
        self.stage = Stage::Plan;
    }

    /// Forgets the current situation's answers, date, ticks and done steps, and goes back
    /// to the list. Other situations' answers stay.
    pub fn start_over(&mut self) {
        let Some(situation) = self.situation.take() else { return };
        self.answers.remove(&situation);
        self.event_dates.remove(&situation);
        self.ticked.remove(&situation);
        self.done.remove(&situation);
        self.go_start();
    }

    /// The current situation's event date (`None` clears it).
    pub fn set_event_date(&mut self, date: Option<Date>) {
        let Some(situation) = self.situation.clone() else { return };
        match date {
            Some(d) => self.event_dates.insert(situation, d),
            None => self.event_dates.remove(&situation),
        };
    }

    /// Opens a shared journey at its review: its situation, answers and date in place of
    /// any given before in that situation; other situations stay as they were.
    pub fn apply_shared(&mut self, shared: &SharedJourney) {
        self.situation = Some(shared.situation.clone());
        self.stage = Stage::Review;
        self.editing = None;
        self.answers.insert(shared.situation.clone(), shared.answers.clone());
        self.set_event_date(shared.event_date);
        self.answers.retain(|_, a| !a.is_empty());
    }

    /// A multiple-choice answer as it is being given (its options joined by commas, as
    /// the question form holds it): `option` added when absent, removed when present.
    pub fn toggle_option(draft: &str, option: &str) -> String {
        let mut set: Vec<&str> = draft.split(',').filter(|p| !p.is_empty()).collect();
        match set.iter().position(|p| *p == option) {
            Some(i) => {
                set.remove(i);
            }
            None => set.push(option),
        }
        set.join(",")
    }

    /// The answers that count in `situation`: its own, and with consent the others'
    /// (its own win where both answered).
    pub fn effective_answers(&self, situation: &str) -> Answers {
        self.answers_in(situation, self.reuse == Some(true))
    }

    /// The answers that would count in `situation` with reuse or without.
    fn answers_in(&self, situation: &str, reuse: bool) -> Answers {
        let mut out = Answers::new();
        if reuse {
            for (s, answers) in &self.answers {
                if s != situation {
                    for (q, v) in answers {
                        out.entry(q.clone()).or_insert_with(|| v.clone());
                    }
                }
            }
        }
        if let Some(own) = self.answers.get(situation) {
            for (q, v) in own {
                out.insert(q.clone(), v.clone());
            }
        }
        out
    }

    /// At most how many questions the questionnaire of `next` (a situation that may
    /// come next) would still ask in this journey: with the answers given anywhere when
    /// the citizen agreed to reuse them, with its own only when they refused. Before
    /// they decide, the count with reuse, and the count without when it differs (the
    /// questionnaire asks for consent first).
    pub fn next_questions(&self, engine: &Engine, next: &str) -> QuestionsLeft {
        let Some(sit) = engine.situation_index(next) else {
            return QuestionsLeft { count: 0, without_reuse: None };
        };
        let with_reuse = |reuse: bool| engine.questions_left(sit, &self.answers_in(next, reuse));
        match self.reuse {
            Some(reuse) => QuestionsLeft { count: with_reuse(reuse), without_reuse: None },
            None => {
                let (with, without) = (with_reuse(true), with_reuse(false));
                QuestionsLeft { count: with, without_reuse: (without != with).then_some(without) }
            }
        }
    }

    /// [`Journey::next_questions`] of every situation the plan says may come next, in
    /// its order.
    pub fn next_left(&self, engine: &Engine, plan: &crate::Plan) -> Vec<QuestionsLeft> {
        plan.next.iter().map(|n| self.next_questions(engine, &n.situation)).collect()
    }

    /// Answers given in other situations that `situation` could reuse.
    pub fn reusable(&self, situation: &str) -> usize {
        let own = self.answers.get(situation);
        let others: BTreeSet<&String> = self
            .answers
            .iter()
            .filter(|(s, _)| s.as_str() != situation)
            .flat_map(|(_, a)| a.keys())
            .filter(|q| own.is_none_or(|o| !o.contains_key(*q)))
            .collect();
        others.len()
    }

    /// Every answer given anywhere, the latest situation's winning: the profile the
    /// citizen can see and erase.
    pub fn profile(&self) -> Answers {
        let mut out = Answers::new();
        for answers in self.answers.values() {
            for (q, v) in answers {
                out.insert(q.clone(), v.clone());
            }
        }
        out
    }

    /// A checklist document ticked in the current situation.
    pub fn is_ticked(&self, doc: &str) -> bool {
        marked(&self.ticked, &self.situation, doc)
    }

    /// A step (its service) marked done in the current situation.
    pub fn is_done(&self, service: &str) -> bool {
        marked(&self.done, &self.situation, service)
    }

    pub fn toggle_tick(&mut self, doc: &str) {
        toggle(&mut self.ticked, &self.situation, doc);
    }

    pub fn toggle_done(&mut self, service: &str) {
        toggle(&mut self.done, &self.situation, service);
    }

    /// Erases an answer everywhere.
    pub fn forget(&mut self, question: &str) {
        for answers in self.answers.values_mut() {
            answers.remove(question);
        }
        self.answers.retain(|_, a| !a.is_empty());
    }

    pub fn to_json(&self) -> String {
        let saved = Saved {
            v: JOURNEY_VERSION,
            situation: self.situation.clone(),
            stage: self.stage,
            answers: self
                .answers
                .iter()
                .map(|(s, a)| {
                    let a = a.iter().map(|(q, v)| (q.clone(), serde_json::to_value(v).unwrap_or_default())).collect();
                    (s.clone(), a)
                })
                .collect(),
            event_dates: self.event_dates.iter().map(|(s, d)| (s.clone(), d.to_string())).collect(),
            reuse: self.reuse,
            ticked: self.ticked.clone(),
            done: self.done.clone(),
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }

    /// Reads saved state. `Err`: unreadable, start afresh (the message says why).
    /// `Ok((journey, dropped))`: what still fits the catalog, and what did not.
    pub fn restore(engine: &Engine, json: &str) -> Result<(Journey, Vec<String>), String> {
        let saved: Saved = serde_json::from_str(json).map_err(|e| format!("saved state is damaged: {e}"))?;
        if saved.v != JOURNEY_VERSION {
            return Err(format!("saved state has version {}, this navigator reads {JOURNEY_VERSION}", saved.v));
        }
        let mut dropped = Vec::new();
        let known_situation = |s: &String, dropped: &mut Vec<String>| {
            let ok = engine.situation_index(s).is_some();
            if !ok {
                dropped.push(format!("unknown situation `{s}`"));
            }
            ok
        };
        let mut j = Journey { reuse: saved.reuse, ..Journey::default() };
        j.situation = saved.situation.filter(|s| known_situation(s, &mut dropped));
        j.stage = if j.situation.is_some() { saved.stage } else { Stage::Start };
        for (s, answers) in saved.answers {
            if !known_situation(&s, &mut dropped) {
                continue;
            }
            let mut out = Answers::new();
            for (q, raw) in answers {
                match engine.catalog.question(&q).map(|question| question.answer_from_json(&raw)) {
                    Some(Ok(v)) => {
                        out.insert(q, v);
                    }
                    Some(Err(e)) => dropped.push(e),
                    None => dropped.push(format!("unknown question `{q}`")),
                }
            }
            if !out.is_empty() {
                j.answers.insert(s, out);
            }
        }
        for (s, d) in saved.event_dates {
            match Date::parse(&d) {
                Ok(d) if engine.situation_index(&s).is_some() => {
                    j.event_dates.insert(s, d);
                }
                Ok(_) => {}
                Err(e) => dropped.push(format!("event date of `{s}`: {e}")),
            }
        }
        let services = |set: BTreeSet<String>| -> BTreeSet<String> {
            set.into_iter().filter(|id| engine.service_index(id).is_some()).collect()
        };
        let documents = |set: BTreeSet<String>| -> BTreeSet<String> {
            set.into_iter().filter(|id| engine.document_index(id).is_some()).collect()
        };
        j.ticked =
            saved.ticked.into_iter().map(|(s, set)| (s, documents(set))).filter(|(_, s)| !s.is_empty()).collect();
        j.done = saved.done.into_iter().map(|(s, set)| (s, services(set))).filter(|(_, s)| !s.is_empty()).collect();
        Ok((j, dropped))
    }
}
