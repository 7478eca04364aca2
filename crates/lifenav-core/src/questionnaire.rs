//! The minimal questionnaire: which question to ask next, or none.
//!
//! A condition is *open* when its value is still unknown and it can still change the
//! plan (an inclusion condition; a variant condition of a service that may be
//! included; a document condition of a variant that may apply). A question is asked
//! only if it appears in an open condition (or in the `when` of a question that does),
//! and among those the engine picks, greedily, the one whose answer settles the most
//! open conditions on average over its possible answers; ties go to catalog order.

use crate::condition::Tri;
use crate::engine::dated::in_force;
use crate::engine::{Cond, Engine};
use crate::value::{Answers, Value};
use crate::Date;

/// Answers by question index.
pub type Profile = Vec<Option<Value>>;

/// Where a citizen stands in one situation's questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// Questions asked so far, in the order the engine asked them (their answers count).
    pub asked: Vec<usize>,
    /// The question to ask now; `None` once the plan is fully determined.
    pub next: Option<usize>,
    /// At most this many questions remain (including `next`).
    pub remaining_max: usize,
    /// The answers that count: those of `asked` only.
    pub profile: Profile,
}

impl Walk {
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }
}

impl Engine {
    /// Answers by index; unknown ids and answers of the wrong kind are left out.
    pub fn profile(&self, answers: &Answers) -> Profile {
        let mut p: Profile = vec![None; self.catalog.questions.len()];
        for (id, value) in answers {
            if let Some(i) = self.question_index(id) {
                if value.kind_matches(self.catalog.questions[i].kind) {
                    p[i] = Some(value.clone());
                }
            }
        }
        p
    }

    pub(crate) fn eval(&self, cond: &Option<Cond>, p: &Profile) -> Tri {
        match cond {
            None => Tri::True,
            Some(c) => c.expr.eval(&|q| p[q].as_ref()),
        }
    }

    /// The conditions of a situation that are still unknown and can still change the
    /// plan, among the services and variants in force on `on` (all when `None`).
    pub(crate) fn open_conditions(&self, situation: usize, p: &Profile, on: Option<Date>) -> Vec<&Cond> {
        let mut open = Vec::new();
        for inc in self.inclusions[situation].iter().filter(|i| in_force(i.from, i.until, on)) {
            let included = self.eval(&inc.when, p);
            if included == Tri::Unknown {
                open.extend(inc.when.as_ref());
            }
            if included == Tri::False {
                continue;
            }
            for v in self.variants[inc.service].iter().filter(|v| in_force(v.from, v.until, on)) {
                let applies = self.eval(&v.when, p);
                if applies == Tri::Unknown {
                    open.extend(v.when.as_ref());
                }
                if applies == Tri::False {
                    continue;
                }
                for d in &v.docs {
                    if self.eval(&d.when, p) == Tri::Unknown {
                        open.extend(d.when.as_ref());
                    }
                }
            }
        }
        open
    }

    /// Open conditions plus the `when` of every unanswered question they read whose
    /// applicability is itself unknown; and the questions that can be asked now.
    fn frontier<'a>(&'a self, situation: usize, p: &Profile, on: Option<Date>) -> (Vec<&'a Cond>, Vec<usize>) {
        let mut open = self.open_conditions(situation, p, on);
        let mut seen = vec![false; p.len()];
        let mut askable = Vec::new();
        let mut i = 0;
        while i < open.len() {
            for &q in open[i].questions.iter() {
                if p[q].is_some() || std::mem::replace(&mut seen[q], true) {
                    continue;
                }
                match self.eval(&self.question_when[q], p) {
                    Tri::True => askable.push(q),
                    Tri::Unknown => open.extend(self.question_when[q].as_ref()),
                    Tri::False => {}
                }
            }
            i += 1;
        }
        askable.sort_unstable();
        (open, askable)
    }

    /// The next question for `situation` given the answers in `p`, or `None` when the
    /// plan no longer depends on any unanswered question.
    ///
    /// The score of a question is how many open conditions its answer closes, on average
    /// over its possible answers: those it decides, and those it makes moot (an answer
    /// that excludes a service closes the conditions of its variants and documents too).
    pub fn next_question_for(&self, situation: usize, p: &Profile) -> Option<usize> {
        self.next_question_on(situation, p, None)
    }

    /// [`Engine::next_question_for`] among the services and variants in force on `on`.
    pub fn next_question_on(&self, situation: usize, p: &Profile, on: Option<Date>) -> Option<usize> {
        let (open, askable) = self.frontier(situation, p, on);
        let before = open.len();
        let mut best: Option<(f64, usize)> = None;
        let mut trial = p.clone();
        for &q in &askable {
            let domain = &self.domains[q];
            let mut closed = 0usize;
            for v in domain {
                trial[q] = Some(v.clone());
                closed += before.saturating_sub(self.frontier(situation, &trial, on).0.len());
            }
            trial[q] = None;
            let score = closed as f64 / domain.len().max(1) as f64;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, q));
            }
        }
        best.map(|(_, q)| q)
    }

    /// At most how many questions can still be asked.
    pub fn remaining_max(&self, situation: usize, p: &Profile) -> usize {
        self.remaining_max_on(situation, p, None)
    }

    fn remaining_max_on(&self, situation: usize, p: &Profile, on: Option<Date>) -> usize {
        self.remaining_on(situation, p, on).len()
    }

    /// The questions that can still be asked: unanswered in `p`, in an open condition,
    /// not ruled out by their own `when`. Answers only ever close conditions, so every
    /// question asked later is among these.
    fn remaining_on(&self, situation: usize, p: &Profile, on: Option<Date>) -> Vec<usize> {
        let (open, _) = self.frontier(situation, p, on);
        let mut qs: Vec<usize> = open
            .iter()
            .flat_map(|c| c.questions.iter().copied())
            .filter(|&q| p[q].is_none() && self.eval(&self.question_when[q], p) != Tri::False)
            .collect();
        qs.sort_unstable();
        qs.dedup();
        qs
    }

    /// At most how many questions the questionnaire of `situation` still asks the
    /// citizen when it starts with `answers` (0: they settle it). The bound of its
    /// progress line («осталось не больше M») at the first question the answers leave
    /// open, without the questions further on that `answers` already answer: the walk
    /// takes those answers when it reaches them, so they are never asked.
    pub fn questions_left(&self, situation: usize, answers: &Answers) -> usize {
        let walk = self.walk(situation, answers);
        if walk.is_done() {
            return 0;
        }
        let given = self.profile(answers);
        self.remaining_on(situation, &walk.profile, None).into_iter().filter(|&q| given[q].is_none()).count()
    }

    /// Replays the questionnaire of `situation` over the answers given so far (from any
    /// situation: the profile is shared). Answers to questions the path never reaches
    /// do not count, so changing an earlier answer re-evaluates everything after it.
    pub fn walk(&self, situation: usize, answers: &Answers) -> Walk {
        self.walk_on(situation, answers, None)
    }

    /// [`Engine::walk`] for an event on `on`: services and variants not in force that
    /// day ask nothing. [`Engine::plan`] walks on the event date (or today).
    pub fn walk_on(&self, situation: usize, answers: &Answers, on: Option<Date>) -> Walk {
        let given = self.profile(answers);
        let mut profile: Profile = vec![None; given.len()];
        let mut asked = Vec::new();
        loop {
            match self.next_question_on(situation, &profile, on) {
                None => return Walk { asked, next: None, remaining_max: 0, profile },
                Some(q) => match &given[q] {
                    Some(v) => {
                        profile[q] = Some(v.clone());
                        asked.push(q);
                    }
                    None => {
                        let remaining_max = self.remaining_max_on(situation, &profile, on);
                        return Walk { asked, next: Some(q), remaining_max, profile };
                    }
                },
            }
        }
    }

    /// Every question any of the situation's conditions can ever read (with the
    /// questions their applicability depends on).
    pub fn situation_questions(&self, situation: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let mut push = |c: &Option<Cond>| out.extend(c.iter().flat_map(|c| c.questions.iter().copied()));
        for inc in &self.inclusions[situation] {
            push(&inc.when);
            for v in &self.variants[inc.service] {
                push(&v.when);
                for d in &v.docs {
                    push(&d.when);
                }
            }
        }
        self.with_prerequisites(out)
    }
}
