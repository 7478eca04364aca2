//! The plan: the chain of services for one applicant, in order, with documents,
//! dates, fees, visits and the reasons behind each step.

use crate::condition::Tri;
use crate::engine::dated::{in_force, Dated};
use crate::engine::{document_edges, CompiledDoc, Engine};
use crate::model::*;
use crate::questionnaire::{Profile, Walk};
use crate::value::{Answers, Value};
use crate::{Date, Text};
use serde::Serialize;

/// An answer that counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answered {
    pub question: String,
    pub value: Value,
}

/// A document in a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocLine {
    pub doc: String,
    pub title: Text,
    pub original: bool,
    pub copies: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// For a document an earlier step gives: that step's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_step: Option<usize>,
}

/// How a step is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepMode {
    /// The authority acts by itself; nothing to do.
    Automatic,
    /// Can be done without going anywhere (portal or post).
    Remote,
    /// Needs a visit.
    Visit,
}

/// One service in the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// 1-based position in the chain.
    pub number: usize,
    pub service: String,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    pub level: Level,
    pub provider: String,
    pub legal_basis: Vec<LegalRef>,
    /// The variant that applies: its index, id and title.
    pub variant: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant_title: Option<Text>,
    /// Steps that must come first.
    pub depends_on: Vec<usize>,
    /// What the applicant brings.
    pub bring: Vec<DocLine>,
    /// What the authority obtains itself (межведомственный запрос).
    pub obtained: Vec<DocLine>,
    /// What an earlier step gives the applicant.
    pub received: Vec<DocLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Period>,
    /// The deadline as a date, when the event date is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_date: Option<Date>,
    /// The deadline has already passed.
    pub overdue: bool,
    /// The earliest day the step can start, given the terms of the steps it needs.
    pub earliest_start: Date,
    /// The day the fee, the term and the documents are read on: the earliest start
    /// (see "Facts that change with time" in the format).
    pub facts_on: Date,
    /// The fee or the term has dated values: what it says depends on `facts_on`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dated: bool,
    /// The earliest day its result can be ready.
    pub ready_by: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    pub criteria: Vec<Text>,
    pub refusal: Vec<Text>,
    pub channels: Vec<Channel>,
    pub mode: StepMode,
    /// Every time the applicant comes in person, on the way that needs the fewest
    /// times (the portal's, when it exists and is no worse).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub presence: Vec<Presence>,
    pub results: Vec<DocLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Facts searched for and not found: the citizen asks the department.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<FactField>,
    /// The answers that led to this step and this variant.
    pub why: Vec<Answered>,
}

/// A document on the merged checklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChecklistItem {
    pub doc: String,
    pub title: Text,
    pub original: bool,
    pub copies: u32,
    /// The steps that need it.
    pub steps: Vec<usize>,
}

/// One time a step needs the applicant in person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Presence {
    pub to: Purpose,
    /// Offices where it can be done (the first is suggested).
    pub offices: Vec<String>,
    /// The catalog's own words for it, when it has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
    /// The earliest day: the step's start to apply, the day its result is ready for
    /// the act or to collect.
    pub date: Date,
}

/// Why a visit is needed: what the applicant does there for one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub step: usize,
    pub to: Purpose,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// Everything done in one trip to one office, the way the monitoring indicator counts
/// visits: to apply, for the act itself, to collect a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    pub number: usize,
    /// Offices where all of it can be done (the first is suggested).
    pub offices: Vec<String>,
    /// The steps served, in the order of `reasons`.
    pub steps: Vec<usize>,
    /// What is done there, one entry per step.
    pub reasons: Vec<Reason>,
    /// The earliest day the visit can take place.
    pub date: Date,
}

/// The nearest deadline of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearestDeadline {
    pub step: usize,
    pub date: Date,
}

/// A situation that may come next, at the end of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    pub situation: String,
    pub title: Text,
    /// Why it may come next, as the catalog says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
    /// At most how many questions its questionnaire would still ask with the answers
    /// that counted in this plan carried over (0: none). The widget carries answers
    /// over only with the citizen's consent: see `Journey::next_questions`.
    pub questions_left: usize,
}

/// The personalised chain of services.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub situation: String,
    /// All questions that matter are answered.
    pub complete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_question: Option<String>,
    pub remaining_max: usize,
    /// The answers that counted, in the order they were asked.
    pub answers: Vec<Answered>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_date: Option<Date>,
    pub today: Date,
    /// The day eligibility and deadlines are read on: the event date, or today.
    pub eligibility_on: Date,
    /// Years in which the plan counts working days without the Government's transfers
    /// (the catalog's calendar does not cover them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uncovered_years: Vec<i32>,
    pub steps: Vec<Step>,
    /// Services that may still join the chain, depending on answers not given yet.
    pub undecided: Vec<String>,
    pub checklist: Vec<ChecklistItem>,
    pub visits: Vec<Visit>,
    pub total_fee: f64,
    /// Some fee in the total is not confirmed by a primary source.
    pub fee_unverified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_deadline: Option<NearestDeadline>,
    /// Catalog problems met while resolving (`lifenav check` reports them too).
    pub warnings: Vec<String>,
    /// The situations that may come next: those the catalog names after this one whose
    /// condition holds for the answers, in catalog order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<NextStep>,
}

/// The date `p` after `from`, and the years it counted working days in without the
/// calendar knowing their transfers.
fn add_period(engine: &Engine, from: Date, p: &Period, uncovered: &mut Vec<i32>) -> Date {
    match p.amount() {
        Some((n, PeriodUnit::Days)) => from.add_days(n as i64),
        Some((n, PeriodUnit::WorkingDays)) => {
            let to = engine.calendar.add_working_days(from, n);
            uncovered.extend(engine.calendar.uncovered_between(from, to));
            to
        }
        Some((n, PeriodUnit::Months)) => from.add_months(n as i32),
        None => from,
    }
}

/// A service of the situation that made it into the plan, with its variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    /// Where the situation lists it.
    pub position: usize,
    pub service: usize,
    pub variant: usize,
}

/// The services of a situation, decided.
#[derive(Debug, Default)]
pub(crate) struct Choice {
    pub chosen: Vec<Chosen>,
    /// Services that may still join, depending on answers not given yet.
    pub undecided: Vec<String>,
    pub warnings: Vec<String>,
}

/// A fact's value on a day, without the other values it lists.
fn value_on<T: Dated + Clone>(fact: Option<&T>, on: Date, clear: impl Fn(&mut T)) -> Option<T> {
    let mut v = fact?.on(on)?.clone();
    clear(&mut v);
    Some(v)
}

/// What building one step needs from the plan around it.
struct StepContext<'a> {
    situation: usize,
    walk: &'a Walk,
    chosen: &'a [Chosen],
    deps: &'a [Vec<usize>],
    step_of: &'a [usize],
    event_date: Option<Date>,
    eligibility_on: Date,
    today: Date,
}

impl Engine {
    /// The plan for a situation given by id.
    pub fn plan_for(
        &self,
        situation: &str,
        answers: &Answers,
        event_date: Option<Date>,
        today: Date,
    ) -> Result<Plan, String> {
        let sit = self.situation_index(situation).ok_or_else(|| {
            format!(
                "unknown situation `{situation}`{}",
                crate::diagnostic::hint(situation, self.catalog.situations.iter().map(|s| s.id.as_str()))
            )
        })?;
        Ok(self.plan(sit, answers, event_date, today))
    }

    /// Resolves the plan: which services, which variant of each, in which order, with
    /// which documents and dates. The catalog is read on the event date (or today) for
    /// eligibility, on each step's start for its fee, term and documents.
    pub fn plan(&self, situation: usize, answers: &Answers, event_date: Option<Date>, today: Date) -> Plan {
        let walk = self.walk_on(situation, answers, Some(event_date.unwrap_or(today)));
        self.plan_from_walk(situation, &walk, event_date, today)
    }

    pub fn plan_from_walk(&self, situation: usize, walk: &Walk, event_date: Option<Date>, today: Date) -> Plan {
        let c = &self.catalog;
        let p = &walk.profile;
        let eligibility_on = event_date.unwrap_or(today);
        let Choice { chosen, undecided, mut warnings } = self.choose(situation, walk, eligibility_on);
        let deps = self.dependencies(&chosen, p, eligibility_on);
        let order = stable_order(&chosen, &deps, &mut warnings);
        let mut step_of = vec![0usize; chosen.len()];
        for (i, &k) in order.iter().enumerate() {
            step_of[k] = i + 1;
        }
        let cx = StepContext {
            situation,
            walk,
            chosen: &chosen,
            deps: &deps,
            step_of: &step_of,
            event_date,
            eligibility_on,
            today,
        };
        let mut steps: Vec<Step> = Vec::with_capacity(chosen.len());
        let mut ready: Vec<Date> = vec![today; chosen.len()];
        let mut uncovered = Vec::new();
        for (i, &k) in order.iter().enumerate() {
            let start = deps[k].iter().map(|&j| ready[j]).max().unwrap_or(today).max(today);
            let step = self.step(&cx, k, i + 1, start, &mut uncovered);
            ready[k] = step.ready_by;
            steps.push(step);
        }
        uncovered.sort_unstable();
        uncovered.dedup();

        let checklist = checklist(&steps);
        let visits = self.group_visits(&steps);
        // Added up in kopecks: sums of roubles as floats drift (0.1 + 0.2).
        let total_fee = crate::money::roubles(
            steps.iter().filter_map(|s| s.fee.as_ref()).filter_map(|f| crate::money::kopecks_of(f.amount)).sum(),
        );
        let fee_unverified = steps.iter().filter_map(|s| s.fee.as_ref()).any(|f| f.unverified);
        let nearest_deadline = steps
            .iter()
            .filter(|s| !s.overdue)
            .filter_map(|s| s.deadline_date.map(|date| NearestDeadline { step: s.number, date }))
            .min_by_key(|d| d.date);
        Plan {
            situation: c.situations[situation].id.clone(),
            complete: walk.is_done(),
            next_question: walk.next.map(|q| c.questions[q].id.clone()),
            remaining_max: walk.remaining_max,
            answers: walk
                .asked
                .iter()
                .filter_map(|&q| p[q].clone().map(|value| Answered { question: c.questions[q].id.clone(), value }))
                .collect(),
            event_date,
            today,
            eligibility_on,
            uncovered_years: uncovered,
            steps,
            undecided,
            checklist,
            visits,
            total_fee,
            fee_unverified,
            nearest_deadline,
            warnings,
            next: self.next_steps(situation, walk),
        }
    }

    /// The situations that may follow `situation` for the answers of its walk: those
    /// whose condition holds (one still undecided is left out), with the questions
    /// each would still ask given the answers that counted here.
    pub fn next_steps(&self, situation: usize, walk: &Walk) -> Vec<NextStep> {
        let c = &self.catalog;
        let carried: Answers = walk
            .asked
            .iter()
            .filter_map(|&q| walk.profile[q].clone().map(|v| (c.questions[q].id.clone(), v)))
            .collect();
        self.next[situation]
            .iter()
            .zip(&c.situations[situation].next)
            .filter(|(n, _)| self.eval(&n.when, &walk.profile) == Tri::True)
            .map(|(n, written)| {
                let s = &c.situations[n.situation];
                NextStep {
                    situation: s.id.clone(),
                    title: s.title.clone(),
                    why: written.why.clone(),
                    questions_left: self.questions_left(n.situation, &carried),
                }
            })
            .collect()
    }

    /// Which services the situation includes for these answers on `on`, and which
    /// variant of each.
    pub(crate) fn choose(&self, situation: usize, walk: &Walk, on: Date) -> Choice {
        let c = &self.catalog;
        let p = &walk.profile;
        let mut out = Choice::default();
        for (position, inc) in self.inclusions[situation].iter().enumerate() {
            if !in_force(inc.from, inc.until, Some(on)) {
                continue;
            }
            let service = &c.services[inc.service];
            match self.eval(&inc.when, p) {
                Tri::False => continue,
                Tri::Unknown if !walk.is_done() => {
                    out.undecided.push(service.id.clone());
                    continue;
                }
                Tri::Unknown => {
                    out.warnings.push(format!("whether `{}` is needed stays undecided; it is left out", service.id));
                    continue;
                }
                Tri::True => {}
            }
            let m = self.variant_match(inc.service, p, Some(on));
            match m.applying.as_slice() {
                [v] => out.chosen.push(Chosen { position, service: inc.service, variant: *v }),
                [] if !walk.is_done() && m.undecided => out.undecided.push(service.id.clone()),
                [] => out.warnings.push(format!("no variant of `{}` applies to these answers", service.id)),
                [first, ..] => {
                    out.warnings.push(format!(
                        "several variants of `{}` apply to these answers; the first is shown",
                        service.id
                    ));
                    out.chosen.push(Chosen { position, service: inc.service, variant: *first });
                }
            }
        }
        out
    }

    /// The documents a chosen step needs for these answers that have not ended before `on`.
    fn needed_docs<'a>(&'a self, chosen: &Chosen, p: &Profile, on: Date) -> impl Iterator<Item = &'a CompiledDoc> {
        let needed = move |d: &&CompiledDoc| in_force(None, d.until, Some(on)) && self.eval(&d.when, p) == Tri::True;
        self.variants[chosen.service][chosen.variant].docs.iter().filter(needed).collect::<Vec<_>>().into_iter()
    }

    /// For each chosen step, the steps that must come first: `after`, and the steps
    /// that give a document it must bring.
    pub(crate) fn dependencies(&self, chosen: &[Chosen], p: &Profile, on: Date) -> Vec<Vec<usize>> {
        let needs: Vec<Vec<usize>> = chosen
            .iter()
            .map(|ch| {
                self.needed_docs(ch, p, on).filter(|d| d.provider == Provider::Applicant).map(|d| d.doc).collect()
            })
            .collect();
        let gives: Vec<Vec<usize>> =
            chosen.iter().map(|ch| self.variants[ch.service][ch.variant].results.clone()).collect();
        let by_documents = document_edges(&needs, &gives);
        chosen
            .iter()
            .zip(by_documents)
            .map(|(ch, docs)| {
                let mut deps: Vec<usize> =
                    self.after[ch.service].iter().filter_map(|&a| chosen.iter().position(|x| x.service == a)).collect();
                for (j, _) in docs {
                    if !deps.contains(&j) {
                        deps.push(j);
                    }
                }
                deps
            })
            .collect()
    }

    /// Step `k` of the chain, numbered `number`, that can start on `start`.
    fn step(&self, cx: &StepContext, k: usize, number: usize, start: Date, uncovered: &mut Vec<i32>) -> Step {
        let c = &self.catalog;
        let p = &cx.walk.profile;
        let chosen = &cx.chosen[k];
        let service = &c.services[chosen.service];
        let compiled = &self.variants[chosen.service][chosen.variant];
        let variant = service.variants.get(chosen.variant);
        let body = variant.map(|v| &v.body);
        // A variant's own value wins over the service's default.
        macro_rules! pick {
            ($field:ident) => {
                body.and_then(|b| b.$field.as_ref()).or(service.common.$field.as_ref())
            };
        }
        let no_periods = |p: &mut Period| p.periods.clear();
        let term = value_on(pick!(term), start, no_periods);
        let deadline = value_on(pick!(deadline), cx.eligibility_on, no_periods);
        let fee = value_on(pick!(fee), start, |f: &mut Fee| f.periods.clear());
        let dated = pick!(term).is_some_and(Dated::is_dated) || pick!(fee).is_some_and(Dated::is_dated);

        let doc_line = |doc: usize, req: Option<&DocumentRequirement>, from_step: Option<usize>| {
            let kind = &c.documents[doc];
            DocLine {
                doc: kind.id.clone(),
                title: kind.title.clone(),
                original: req.is_none_or(|r| r.original),
                copies: req.map_or(0, |r| r.copies),
                note: req.and_then(|r| r.note.clone()),
                from_step,
            }
        };
        let produces =
            |j: usize, doc: usize| self.variants[cx.chosen[j].service][cx.chosen[j].variant].results.contains(&doc);
        let (mut bring, mut obtained, mut received) = (Vec::new(), Vec::new(), Vec::new());
        for d in self.needed_docs(chosen, p, cx.eligibility_on).filter(|d| in_force(d.from, d.until, Some(start))) {
            let req = if d.in_variant {
                body.and_then(|b| b.documents.get(d.index))
            } else {
                service.common.documents.get(d.index)
            };
            if d.provider == Provider::Interagency {
                obtained.push(doc_line(d.doc, req, None));
                continue;
            }
            let from = cx.deps[k].iter().copied().filter(|&j| produces(j, d.doc)).map(|j| cx.step_of[j]).min();
            match from {
                Some(s) => received.push(doc_line(d.doc, req, Some(s))),
                None => bring.push(doc_line(d.doc, req, None)),
            }
        }
        let ready_by = term.as_ref().map_or(start, |t| add_period(self, start, t, uncovered));
        let deadline_date = match (&deadline, cx.event_date) {
            (Some(d), Some(e)) if d.amount().is_some() => {
                let date = self.calendar.next_working_day_from(add_period(self, e, d, uncovered));
                uncovered.extend(self.calendar.uncovered_between(date, date));
                Some(date)
            }
            _ => None,
        };
        let channels: Vec<Channel> = pick!(channels).cloned().unwrap_or_else(|| {
            vec![Channel {
                kind: ChannelKind::InPerson,
                office: Some(service.provider.clone()),
                url: None,
                note: None,
                appear: None,
            }]
        });
        let (mode, presence) = if channels.iter().any(|ch| ch.kind == ChannelKind::Automatic) {
            (StepMode::Automatic, Vec::new())
        } else {
            let presence = fewest_presences(&channels, &service.provider, start, ready_by);
            (if presence.is_empty() { StepMode::Remote } else { StepMode::Visit }, presence)
        };
        if mode != StepMode::Visit {
            // Nobody comes in person on the way the plan counts: the papers are sent
            // as scans, so no original is shown, and the checklist must not say so.
            for line in &mut bring {
                line.original = false;
            }
        }
        let mut depends_on: Vec<usize> = cx.deps[k].iter().map(|&j| cx.step_of[j]).collect();
        depends_on.sort_unstable();
        let mut unknown: Vec<FactField> =
            service.common.unknown.iter().chain(body.iter().flat_map(|b| b.unknown.iter())).map(|u| u.field).collect();
        unknown.sort_unstable();
        unknown.dedup();
        Step {
            number,
            service: service.id.clone(),
            title: service.title.clone(),
            summary: service.summary.clone(),
            level: service.level,
            provider: service.provider.clone(),
            legal_basis: service.legal_basis.clone(),
            variant: chosen.variant,
            variant_id: variant.and_then(|v| v.id.clone()),
            variant_title: variant.and_then(|v| v.title.clone()),
            depends_on,
            bring,
            obtained,
            received,
            term,
            overdue: deadline_date.is_some_and(|d| d < cx.today),
            deadline,
            deadline_date,
            earliest_start: start,
            facts_on: start,
            dated,
            ready_by,
            fee,
            criteria: pick!(criteria).cloned().unwrap_or_default(),
            refusal: pick!(refusal).cloned().unwrap_or_default(),
            channels,
            mode,
            presence,
            results: compiled.results.iter().map(|&d| doc_line(d, None, None)).collect(),
            note: pick!(note).cloned(),
            unknown,
            why: self.why(cx.situation, cx.walk, chosen),
        }
    }

    /// The answers that led to a step and its variant, in the order they were asked.
    fn why(&self, situation: usize, walk: &Walk, chosen: &Chosen) -> Vec<Answered> {
        let inc = &self.inclusions[situation][chosen.position];
        let v = &self.variants[chosen.service][chosen.variant];
        let mut qs: Vec<usize> =
            inc.when.iter().chain(v.when.iter()).flat_map(|c| c.questions.iter().copied()).collect();
        qs.sort_unstable();
        qs.dedup();
        walk.asked
            .iter()
            .filter(|q| qs.contains(q))
            .filter_map(|&q| {
                walk.profile[q].clone().map(|value| Answered { question: self.catalog.questions[q].id.clone(), value })
            })
            .collect()
    }

    /// Groups every time a step needs the applicant in person into as few trips as the
    /// offices and the dates allow: a presence joins an earlier trip to an office that
    /// serves it, if the trip is on or after its earliest day, before the step's
    /// deadline when it is to apply, and in order: after the trip where the steps it
    /// needs are finished (their result collected), and after its own step's previous
    /// presence.
    fn group_visits(&self, steps: &[Step]) -> Vec<Visit> {
        let mut visits: Vec<Visit> = Vec::new();
        // For each step with presences, the trip its last one is in (index into `visits`).
        let mut finished: Vec<Option<usize>> = vec![None; steps.len() + 1];
        for step in steps {
            // The first trip this presence may be in, and the day it cannot be before.
            let needed = step.depends_on.iter().filter_map(|&d| finished.get(d).copied().flatten()).max();
            let mut floor = needed.unwrap_or(0);
            let mut not_before = needed.map(|i| visits[i].date);
            for p in &step.presence {
                let in_time = |v: &Visit| {
                    v.date >= p.date
                        && (p.to != Purpose::Apply || step.deadline_date.is_none_or(|d| step.overdue || v.date <= d))
                };
                let joinable = visits.iter().enumerate().skip(floor).position(|(_, v)| {
                    in_time(v) && !v.steps.contains(&step.number) && v.offices.iter().any(|o| p.offices.contains(o))
                });
                let reason = Reason { step: step.number, to: p.to, why: p.why.clone() };
                let at = match joinable {
                    Some(k) => {
                        let v = &mut visits[floor + k];
                        v.offices.retain(|o| p.offices.contains(o));
                        v.steps.push(step.number);
                        v.reasons.push(reason);
                        floor + k
                    }
                    None => {
                        visits.push(Visit {
                            number: visits.len() + 1,
                            offices: p.offices.clone(),
                            steps: vec![step.number],
                            reasons: vec![reason],
                            date: not_before.map_or(p.date, |d| d.max(p.date)),
                        });
                        visits.len() - 1
                    }
                };
                finished[step.number] = Some(at);
                // The step's next presence is a later trip.
                floor = at + 1;
                not_before = Some(visits[at].date);
            }
        }
        visits
    }
}

/// The times a step needs the applicant in person, on the channels that need the
/// fewest: where several need the same, in the same order, any of their offices will do.
fn fewest_presences(channels: &[Channel], provider: &str, start: Date, ready_by: Date) -> Vec<Presence> {
    let resolved: Vec<Vec<Presence>> = channels
        .iter()
        .map(|ch| {
            ch.appearances()
                .iter()
                .map(|a| Presence {
                    to: a.to,
                    offices: vec![a
                        .office
                        .clone()
                        .or_else(|| ch.office.clone())
                        .unwrap_or_else(|| provider.to_string())],
                    why: a.why.clone(),
                    date: if a.to == Purpose::Apply { start } else { ready_by },
                })
                .collect()
        })
        .collect();
    let Some(fewest) = resolved.iter().min_by_key(|r| r.len()) else { return Vec::new() };
    let same = |r: &&Vec<Presence>| r.len() == fewest.len() && r.iter().zip(fewest).all(|(a, b)| a.to == b.to);
    let alike: Vec<&Vec<Presence>> = resolved.iter().filter(same).collect();
    let mut out = fewest.clone();
    for r in alike {
        for (mine, theirs) in out.iter_mut().zip(r) {
            for o in &theirs.offices {
                if !mine.offices.contains(o) {
                    mine.offices.push(o.clone());
                }
            }
        }
    }
    out
}

/// Stable topological order: among the steps whose prerequisites are placed, the one
/// the editor listed first. A circle (which `check` reports) falls back to catalog order.
pub(crate) fn stable_order(chosen: &[Chosen], deps: &[Vec<usize>], warnings: &mut Vec<String>) -> Vec<usize> {
    let n = chosen.len();
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut placed = vec![false; n];
    while order.len() < n {
        let next =
            (0..n).filter(|&k| !placed[k] && deps[k].iter().all(|&d| placed[d])).min_by_key(|&k| chosen[k].position);
        match next {
            Some(k) => {
                placed[k] = true;
                order.push(k);
            }
            None => {
                warnings.push("some services depend on each other in a circle; they are shown in catalog order".into());
                for (k, done) in placed.iter_mut().enumerate() {
                    if !*done {
                        *done = true;
                        order.push(k);
                    }
                }
            }
        }
    }
    order
}

/// One checklist of everything to bring, each document once.
pub(crate) fn checklist(steps: &[Step]) -> Vec<ChecklistItem> {
    let mut checklist: Vec<ChecklistItem> = Vec::new();
    for step in steps {
        for line in &step.bring {
            match checklist.iter_mut().find(|item| item.doc == line.doc) {
                Some(item) => {
                    item.original |= line.original;
                    item.copies = item.copies.max(line.copies);
                    item.steps.push(step.number);
                }
                None => checklist.push(ChecklistItem {
                    doc: line.doc.clone(),
                    title: line.title.clone(),
                    original: line.original,
                    copies: line.copies,
                    steps: vec![step.number],
                }),
            }
        }
    }
    checklist
}

#[cfg(test)]
mod tests;
