//! The plan: the chain of services for one applicant, in order, with documents,
//! dates, fees, visits and the reasons behind each step.

use crate::condition::Tri;
use crate::engine::Engine;
use crate::model::*;
use crate::questionnaire::Walk;
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
    /// The earliest day its result can be ready.
    pub ready_by: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    pub criteria: Vec<Text>,
    pub refusal: Vec<Text>,
    pub channels: Vec<Channel>,
    pub mode: StepMode,
    pub results: Vec<DocLine>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
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

/// Steps done in one trip to one office.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    pub number: usize,
    /// Offices where all these steps can be done (the first is suggested).
    pub offices: Vec<String>,
    pub steps: Vec<usize>,
    /// The earliest day the visit can take place.
    pub date: Date,
}

/// The nearest deadline of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearestDeadline {
    pub step: usize,
    pub date: Date,
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
}

fn add_period(engine: &Engine, from: Date, p: &Period) -> Date {
    match p.amount() {
        Some((n, PeriodUnit::Days)) => from.add_days(n as i64),
        Some((n, PeriodUnit::WorkingDays)) => engine.calendar.add_working_days(from, n),
        Some((n, PeriodUnit::Months)) => from.add_months(n as i32),
        None => from,
    }
}

struct Chosen {
    position: usize,
    service: usize,
    variant: usize,
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
    /// which documents and dates.
    pub fn plan(&self, situation: usize, answers: &Answers, event_date: Option<Date>, today: Date) -> Plan {
        let walk = self.walk(situation, answers);
        self.plan_from_walk(situation, &walk, event_date, today)
    }

    pub fn plan_from_walk(&self, situation: usize, walk: &Walk, event_date: Option<Date>, today: Date) -> Plan {
        let c = &self.catalog;
        let p = &walk.profile;
        let mut warnings = Vec::new();
        let mut undecided = Vec::new();
        let mut chosen: Vec<Chosen> = Vec::new();
        for (position, inc) in self.inclusions[situation].iter().enumerate() {
            let service = &c.services[inc.service];
            match self.eval(&inc.when, p) {
                Tri::False => continue,
                Tri::Unknown if !walk.is_done() => {
                    undecided.push(service.id.clone());
                    continue;
                }
                Tri::Unknown => {
                    warnings.push(format!("whether `{}` is needed stays undecided; it is left out", service.id));
                    continue;
                }
                Tri::True => {}
            }
            let values: Vec<Tri> = self.variants[inc.service].iter().map(|v| self.eval(&v.when, p)).collect();
            let applying: Vec<usize> =
                values.iter().enumerate().filter(|(_, t)| **t == Tri::True).map(|(i, _)| i).collect();
            match applying.as_slice() {
                [v] => chosen.push(Chosen { position, service: inc.service, variant: *v }),
                [] if !walk.is_done() && values.contains(&Tri::Unknown) => undecided.push(service.id.clone()),
                [] => warnings.push(format!("no variant of `{}` applies to these answers", service.id)),
                [first, ..] => {
                    warnings.push(format!(
                        "several variants of `{}` apply to these answers; the first is shown",
                        service.id
                    ));
                    chosen.push(Chosen { position, service: inc.service, variant: *first });
                }
            }
        }

        // Dependencies inside the plan: `after`, and documents another chosen step produces.
        let produces =
            |k: usize, doc: usize| self.variants[chosen[k].service][chosen[k].variant].results.contains(&doc);
        let applicant_docs = |k: usize| -> Vec<(usize, &crate::engine::CompiledDoc)> {
            let v = &self.variants[chosen[k].service][chosen[k].variant];
            v.docs.iter().filter(|d| self.eval(&d.when, p) == Tri::True).map(|d| (d.doc, d)).collect()
        };
        let n = chosen.len();
        let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
        for k in 0..n {
            for &a in &self.after[chosen[k].service] {
                if let Some(j) = chosen.iter().position(|x| x.service == a) {
                    deps[k].push(j);
                }
            }
            for (doc, d) in applicant_docs(k) {
                if d.provider != Provider::Applicant {
                    continue;
                }
                for j in 0..n {
                    if j != k && produces(j, doc) && !deps[k].contains(&j) {
                        deps[k].push(j);
                    }
                }
            }
        }
        // Stable topological order: among the steps whose prerequisites are placed, the
        // one the editor listed first.
        let mut order: Vec<usize> = Vec::with_capacity(n);
        let mut placed = vec![false; n];
        while order.len() < n {
            let next = (0..n)
                .filter(|&k| !placed[k] && deps[k].iter().all(|&d| placed[d]))
                .min_by_key(|&k| chosen[k].position);
            match next {
                Some(k) => {
                    placed[k] = true;
                    order.push(k);
                }
                None => {
                    warnings
                        .push("some services depend on each other in a circle; they are shown in catalog order".into());
                    for (k, done) in placed.iter_mut().enumerate() {
                        if !*done {
                            *done = true;
                            order.push(k);
                        }
                    }
                }
            }
        }
        let mut step_of = vec![0usize; n];
        for (i, &k) in order.iter().enumerate() {
            step_of[k] = i + 1;
        }

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
        let why_of = |k: usize| -> Vec<Answered> {
            let inc = &self.inclusions[situation][chosen[k].position];
            let v = &self.variants[chosen[k].service][chosen[k].variant];
            let mut qs: Vec<usize> =
                inc.when.iter().chain(v.when.iter()).flat_map(|c| c.questions.iter().copied()).collect();
            qs.sort_unstable();
            qs.dedup();
            walk.asked
                .iter()
                .filter(|q| qs.contains(q))
                .filter_map(|&q| p[q].clone().map(|value| Answered { question: c.questions[q].id.clone(), value }))
                .collect()
        };

        let mut steps: Vec<Step> = Vec::with_capacity(n);
        let mut ready: Vec<Date> = vec![today; n];
        for (i, &k) in order.iter().enumerate() {
            let service = &c.services[chosen[k].service];
            let variant = service.variants.get(chosen[k].variant);
            let body = variant.map(|v| &v.body);
            // A variant's own value wins over the service's default.
            macro_rules! pick {
                ($field:ident) => {
                    body.and_then(|b| b.$field.as_ref()).or(service.common.$field.as_ref())
                };
            }
            let term = pick!(term);
            let deadline = pick!(deadline);
            let fee = pick!(fee);
            let criteria = pick!(criteria);
            let refusal = pick!(refusal);
            let channels = pick!(channels);
            let note = pick!(note);

            let mut bring = Vec::new();
            let mut obtained = Vec::new();
            let mut received = Vec::new();
            for (doc, d) in applicant_docs(k) {
                let req = if d.in_variant {
                    body.and_then(|b| b.documents.get(d.index))
                } else {
                    service.common.documents.get(d.index)
                };
                if d.provider == Provider::Interagency {
                    obtained.push(doc_line(doc, req, None));
                    continue;
                }
                let from = deps[k].iter().copied().filter(|&j| produces(j, doc)).map(|j| step_of[j]).min();
                match from {
                    Some(s) => received.push(doc_line(doc, req, Some(s))),
                    None => bring.push(doc_line(doc, req, None)),
                }
            }
            let start = deps[k].iter().map(|&j| ready[j]).max().unwrap_or(today).max(today);
            ready[k] = term.map_or(start, |t| add_period(self, start, t));
            let deadline_date = match (deadline, event_date) {
                (Some(d), Some(e)) if d.amount().is_some() => {
                    Some(self.calendar.next_working_day_from(add_period(self, e, d)))
                }
                _ => None,
            };
            let channels: Vec<Channel> = channels.cloned().unwrap_or_else(|| {
                vec![Channel {
                    kind: ChannelKind::InPerson,
                    office: Some(service.provider.clone()),
                    url: None,
                    note: None,
                }]
            });
            let mode = if channels.iter().any(|ch| ch.kind == ChannelKind::Automatic) {
                StepMode::Automatic
            } else if channels.iter().any(|ch| matches!(ch.kind, ChannelKind::Portal | ChannelKind::Post)) {
                StepMode::Remote
            } else {
                StepMode::Visit
            };
            let results = self.variants[chosen[k].service][chosen[k].variant]
                .results
                .iter()
                .map(|&d| doc_line(d, None, None))
                .collect();
            let mut depends_on: Vec<usize> = deps[k].iter().map(|&j| step_of[j]).collect();
            depends_on.sort_unstable();
            steps.push(Step {
                number: i + 1,
                service: service.id.clone(),
                title: service.title.clone(),
                summary: service.summary.clone(),
                level: service.level,
                provider: service.provider.clone(),
                legal_basis: service.legal_basis.clone(),
                variant: chosen[k].variant,
                variant_id: variant.and_then(|v| v.id.clone()),
                variant_title: variant.and_then(|v| v.title.clone()),
                depends_on,
                bring,
                obtained,
                received,
                term: term.cloned(),
                deadline: deadline.cloned(),
                deadline_date,
                overdue: deadline_date.is_some_and(|d| d < today),
                earliest_start: start,
                ready_by: ready[k],
                fee: fee.cloned(),
                criteria: criteria.cloned().unwrap_or_default(),
                refusal: refusal.cloned().unwrap_or_default(),
                channels,
                mode,
                results,
                note: note.cloned(),
                why: why_of(k),
            });
        }

        // One checklist of everything to bring, each document once.
        let mut checklist: Vec<ChecklistItem> = Vec::new();
        for step in &steps {
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

        let visits = self.group_visits(&steps);
        let total_fee = steps.iter().filter_map(|s| s.fee.as_ref()).map(|f| f.amount).sum();
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
            steps,
            undecided,
            checklist,
            visits,
            total_fee,
            fee_unverified,
            nearest_deadline,
            warnings,
        }
    }

    /// Groups the steps that need a visit into as few trips as the offices and the
    /// dependencies allow: a step joins an earlier trip to an office that offers it,
    /// if everything it needs is ready by that trip's day.
    fn group_visits(&self, steps: &[Step]) -> Vec<Visit> {
        let mut visits: Vec<Visit> = Vec::new();
        for step in steps.iter().filter(|s| s.mode == StepMode::Visit) {
            let offices: Vec<String> = step
                .channels
                .iter()
                .filter(|ch| ch.kind.is_visit())
                .map(|ch| ch.office.clone().unwrap_or_else(|| step.provider.clone()))
                .collect();
            let joinable = visits
                .iter_mut()
                .find(|v| v.date >= step.earliest_start && v.offices.iter().any(|o| offices.contains(o)));
            match joinable {
                Some(v) => {
                    v.offices.retain(|o| offices.contains(o));
                    v.steps.push(step.number);
                }
                None => {
                    let mut unique = offices.clone();
                    unique.dedup();
                    visits.push(Visit {
                        number: visits.len() + 1,
                        offices: unique,
                        steps: vec![step.number],
                        date: step.earliest_start,
                    })
                }
            }
        }
        visits
    }
}
