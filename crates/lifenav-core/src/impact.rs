//! How a change of the catalog alters citizens' plans: every scenario is planned on
//! the old and on the new catalog, and the two plans are compared, so that the studio
//! can show «this edit adds a fee of 350 ₽ for unmarried parents» before it is saved.

use crate::model::{Period, PeriodUnit};
use crate::plan::{Plan, Step};
use crate::{Date, Lang, Text};
use serde::Serialize;
use std::collections::BTreeSet;

/// One difference between two plans.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanChange {
    ServiceAdded {
        service: String,
    },
    ServiceRemoved {
        service: String,
    },
    /// The services both plans have come in another order.
    Reordered {
        old: Vec<String>,
        new: Vec<String>,
    },
    /// Another variant applies (its id, or `variants[n]`).
    VariantChanged {
        service: String,
        old: String,
        new: String,
    },
    BringAdded {
        doc: String,
    },
    BringRemoved {
        doc: String,
    },
    /// Documents the authorities obtain themselves.
    ObtainedAdded {
        doc: String,
    },
    ObtainedRemoved {
        doc: String,
    },
    /// `None`: the step states no fee.
    FeeChanged {
        service: String,
        old: Option<f64>,
        new: Option<f64>,
    },
    TotalFeeChanged {
        old: f64,
        new: f64,
    },
    DeadlineChanged {
        service: String,
        old: Option<Date>,
        new: Option<Date>,
    },
    /// The processing term as the navigator words it («10 рабочих дней»).
    TermChanged {
        service: String,
        old: Option<Text>,
        new: Option<Text>,
    },
    /// A text the citizen reads on the step: `field` is `title`, `summary`, `variant_title`,
    /// `criteria`, `refusal` or `note`; a list is joined by «; ». Russian, as the city writes it.
    TextChanged {
        service: String,
        field: String,
        old: String,
        new: String,
    },
    VisitsChanged {
        old: usize,
        new: usize,
    },
    QuestionsChanged {
        old: usize,
        new: usize,
    },
}

/// The differences between the plan before and after a change, in a fixed order:
/// services, then per service in the new plan's order, then documents and totals.
pub fn compare_plans(old: &Plan, new: &Plan) -> Vec<PlanChange> {
    let mut out = Vec::new();
    services(old, new, &mut out);
    for step in &new.steps {
        if let Some(before) = old.steps.iter().find(|s| s.service == step.service) {
            step_changes(before, step, &mut out);
        }
    }
    documents(old, new, &mut out);
    totals(old, new, &mut out);
    out
}

fn service_ids(plan: &Plan) -> Vec<String> {
    plan.steps.iter().map(|s| s.service.clone()).collect()
}

fn services(old: &Plan, new: &Plan, out: &mut Vec<PlanChange>) {
    let (before, after) = (service_ids(old), service_ids(new));
    for s in before.iter().filter(|s| !after.contains(s)) {
        out.push(PlanChange::ServiceRemoved { service: s.clone() });
    }
    for s in after.iter().filter(|s| !before.contains(s)) {
        out.push(PlanChange::ServiceAdded { service: s.clone() });
    }
    let common = |list: &[String], other: &[String]| -> Vec<String> {
        list.iter().filter(|s| other.contains(s)).cloned().collect()
    };
    if common(&before, &after) != common(&after, &before) {
        out.push(PlanChange::Reordered { old: before, new: after });
    }
}

fn variant_name(step: &Step) -> String {
    step.variant_id.clone().unwrap_or_else(|| format!("variants[{}]", step.variant + 1))
}

fn fee_amount(step: &Step) -> Option<f64> {
    step.fee.as_ref().map(|f| f.amount)
}

fn differ(a: f64, b: f64) -> bool {
    (a - b).abs() > 0.005
}

/// A term as the navigator shows it, without its legal basis.
fn term_text(p: &Period) -> Option<Text> {
    let (n, unit) = p.amount()?;
    let bare = Period {
        days: (unit == PeriodUnit::Days).then_some(n),
        working_days: (unit == PeriodUnit::WorkingDays).then_some(n),
        months: (unit == PeriodUnit::Months).then_some(n),
        ..Period::default()
    };
    Some(Text::ru(crate::present::period(&bare, Lang::Ru)).with_en(crate::present::period(&bare, Lang::En)))
}

fn step_changes(old: &Step, new: &Step, out: &mut Vec<PlanChange>) {
    let service = || new.service.clone();
    if variant_name(old) != variant_name(new) {
        out.push(PlanChange::VariantChanged { service: service(), old: variant_name(old), new: variant_name(new) });
    }
    let fees = (fee_amount(old), fee_amount(new));
    let fee_changed = match fees {
        (Some(a), Some(b)) => differ(a, b),
        (a, b) => a.is_some() != b.is_some(),
    };
    if fee_changed {
        out.push(PlanChange::FeeChanged { service: service(), old: fees.0, new: fees.1 });
    }
    if old.deadline_date != new.deadline_date {
        out.push(PlanChange::DeadlineChanged { service: service(), old: old.deadline_date, new: new.deadline_date });
    }
    // Texts too: a reviewer must see that a changed title or criterion reaches citizens.
    let one = |t: &Option<Text>| t.as_ref().map(|t| t.ru.clone()).unwrap_or_default();
    let many = |l: &[Text]| l.iter().map(|t| t.ru.as_str()).collect::<Vec<_>>().join("; ");
    for (field, a, b) in [
        ("title", old.title.ru.clone(), new.title.ru.clone()),
        ("summary", one(&old.summary), one(&new.summary)),
        ("variant_title", one(&old.variant_title), one(&new.variant_title)),
        ("criteria", many(&old.criteria), many(&new.criteria)),
        ("refusal", many(&old.refusal), many(&new.refusal)),
        ("note", one(&old.note), one(&new.note)),
    ] {
        if a != b {
            out.push(PlanChange::TextChanged { service: service(), field: field.into(), old: a, new: b });
        }
    }
    let terms = (old.term.as_ref().and_then(Period::amount), new.term.as_ref().and_then(Period::amount));
    if terms.0 != terms.1 {
        let text = |s: &Step| s.term.as_ref().and_then(term_text);
        out.push(PlanChange::TermChanged { service: service(), old: text(old), new: text(new) });
    }
}

fn bring(plan: &Plan) -> BTreeSet<&str> {
    plan.checklist.iter().map(|c| c.doc.as_str()).collect()
}

fn obtained(plan: &Plan) -> BTreeSet<&str> {
    plan.steps.iter().flat_map(|s| s.obtained.iter().map(|d| d.doc.as_str())).collect()
}

fn documents(old: &Plan, new: &Plan, out: &mut Vec<PlanChange>) {
    let (b0, b1) = (bring(old), bring(new));
    out.extend(b1.difference(&b0).map(|d| PlanChange::BringAdded { doc: d.to_string() }));
    out.extend(b0.difference(&b1).map(|d| PlanChange::BringRemoved { doc: d.to_string() }));
    let (o0, o1) = (obtained(old), obtained(new));
    out.extend(o1.difference(&o0).map(|d| PlanChange::ObtainedAdded { doc: d.to_string() }));
    out.extend(o0.difference(&o1).map(|d| PlanChange::ObtainedRemoved { doc: d.to_string() }));
}

fn totals(old: &Plan, new: &Plan, out: &mut Vec<PlanChange>) {
    if differ(old.total_fee, new.total_fee) {
        out.push(PlanChange::TotalFeeChanged { old: old.total_fee, new: new.total_fee });
    }
    if old.visits.len() != new.visits.len() {
        out.push(PlanChange::VisitsChanged { old: old.visits.len(), new: new.visits.len() });
    }
    if old.answers.len() != new.answers.len() {
        out.push(PlanChange::QuestionsChanged { old: old.answers.len(), new: new.answers.len() });
    }
}

#[cfg(feature = "source")]
pub use scenarios::{impact, Change, ScenarioImpact};

#[cfg(feature = "source")]
mod scenarios {
    use super::{compare_plans, PlanChange};
    use crate::scenario::{plan, Located};
    use crate::{Date, Engine};
    use serde::Serialize;

    /// What a change does to one scenario's plan.
    #[derive(Debug, Clone, PartialEq, Serialize)]
    #[serde(tag = "status", content = "detail", rename_all = "snake_case")]
    pub enum Change {
        Unchanged,
        Changed(Vec<PlanChange>),
        /// The scenario cannot run on one of the catalogs (an unknown situation or
        /// question, a question it does not answer): why, on each side.
        Broken {
            old: Vec<String>,
            new: Vec<String>,
        },
    }

    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct ScenarioImpact {
        pub name: String,
        pub file: String,
        pub situation: String,
        pub change: Change,
    }

    /// Plans every scenario on both catalogs, with the same answers, event date and
    /// day (`default_today` for a scenario without one), and compares the plans.
    pub fn impact(old: &Engine, new: &Engine, scenarios: &[Located], default_today: Date) -> Vec<ScenarioImpact> {
        scenarios
            .iter()
            .map(|l| {
                let s = &l.scenario;
                let change = match (plan(old, s, default_today), plan(new, s, default_today)) {
                    (Ok(a), Ok(b)) => match compare_plans(&a, &b) {
                        changes if changes.is_empty() => Change::Unchanged,
                        changes => Change::Changed(changes),
                    },
                    (a, b) => Change::Broken { old: a.err().unwrap_or_default(), new: b.err().unwrap_or_default() },
                };
                ScenarioImpact { name: s.name.clone(), file: l.file.clone(), situation: s.situation.clone(), change }
            })
            .collect()
    }
}

#[cfg(all(test, feature = "source"))]
mod tests;
