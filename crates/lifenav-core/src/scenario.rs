//! Scenario tests kept beside a catalog: given these answers, expect these services
//! in this order, these documents, this many questions. Like the USAGov Benefit
//! Finder's fixtures and GOV.UK Smart Answers' flow tests.
//!
//! ```toml
//! [[scenario]]
//! name = "married parents, birth in Irkutsk"
//! situation = "birth"
//! answers = { parents_married = true, born_abroad = false }
//! event_date = "2026-11-10"
//! today = "2026-11-16"
//!
//! [scenario.expect]
//! services = ["birth-registration", "snils", "child-benefit"]
//! variants = { birth-registration = "married" }
//! bring = ["passport", "medical-birth-certificate"]
//! questions = 2
//! next = ["kindergarten", "large-family"]
//! ```

use crate::source::{role, root_of, Role, SourceFile};
use crate::{Answers, Date, Engine, Plan};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod write;
pub use write::{append, from_plan, refresh, ExpectChange, Refresh};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(default)]
    pub scenario: Vec<Scenario>,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    pub situation: String,
    #[serde(default)]
    pub answers: BTreeMap<String, serde_json::Value>,
    pub event_date: Option<Date>,
    pub today: Option<Date>,
    pub expect: Expect,
}

/// What the plan must be. Everything is optional; what is given must match exactly.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Service ids, in chain order.
    pub services: Option<Vec<String>>,
    /// Variant id per service.
    pub variants: Option<BTreeMap<String, String>>,
    /// The merged checklist of documents to bring (order does not matter).
    pub bring: Option<Vec<String>>,
    /// Documents the authorities obtain themselves, over all steps.
    pub obtained: Option<Vec<String>>,
    /// Documents received at an earlier step: document id → step number.
    pub received: Option<BTreeMap<String, usize>>,
    /// How many questions the citizen is asked.
    pub questions: Option<usize>,
    /// The questions asked, in order.
    pub asked: Option<Vec<String>>,
    pub visits: Option<usize>,
    pub total_fee: Option<f64>,
    /// Deadline dates per service.
    pub deadlines: Option<BTreeMap<String, Date>>,
    /// Earliest start dates per service.
    pub starts: Option<BTreeMap<String, Date>>,
    /// The situations the plan says may come next, in order (see `next` in the format).
    pub next: Option<Vec<String>>,
}

/// A scenario with the file it came from.
#[derive(Debug, Clone)]
pub struct Located {
    pub file: String,
    pub scenario: Scenario,
}

/// Reads the scenario files (`scenarios/*.toml`) among `files`; syntax errors name
/// file and line. The catalog folder is where `catalog.toml` is (see [`root_of`]).
pub fn read(files: &[SourceFile]) -> Result<Vec<Located>, Vec<String>> {
    read_in(&root_of(files), files)
}

/// [`read`] with the catalog folder given.
pub fn read_in(root: &str, files: &[SourceFile]) -> Result<Vec<Located>, Vec<String>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for f in files.iter().filter(|f| role(root, &f.name) == Role::Scenario) {
        match toml::from_str::<ScenarioFile>(&f.text) {
            Ok(sf) => out.extend(sf.scenario.into_iter().map(|s| Located { file: f.name.clone(), scenario: s })),
            Err(e) => {
                let line = e.span().map(|s| f.text[..s.start].matches('\n').count() + 1).unwrap_or(1);
                errors.push(format!("{}:{line}: {}", f.name, e.message().trim()));
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What `lifenav test` says about one scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub name: String,
    pub file: String,
    /// What did not match; empty when the scenario passes.
    pub failures: Vec<String>,
}

/// Runs every scenario of `files` on `engine`, as `lifenav test` does: a scenario
/// without `today` runs on the day the catalog comes into force. The error is the
/// scenario files' syntax errors.
pub fn run_files(engine: &Engine, root: &str, files: &[SourceFile]) -> Result<Vec<Outcome>, Vec<String>> {
    let default_today = engine.catalog.meta.effective;
    let outcomes = read_in(root, files)?
        .into_iter()
        .map(|s| Outcome { failures: run(engine, &s.scenario, default_today), name: s.scenario.name, file: s.file })
        .collect();
    Ok(outcomes)
}

/// The scenario's answers, read against the engine's questions.
fn answers(engine: &Engine, s: &Scenario) -> Result<Answers, Vec<String>> {
    let mut answers = Answers::new();
    let mut failures = Vec::new();
    for (q, raw) in &s.answers {
        match engine.question_index(q) {
            None => failures.push(format!("в ответах сценария есть вопрос «{q}», которого нет в каталоге")),
            Some(i) => match engine.catalog.questions[i].answer_from_json(raw) {
                Ok(v) => {
                    answers.insert(q.clone(), v);
                }
                Err(e) => failures.push(e),
            },
        }
    }
    if failures.is_empty() {
        Ok(answers)
    } else {
        Err(failures)
    }
}

/// The plan the scenario leads to, or why it cannot run on this engine (an unknown
/// situation or question, a bad answer, a question left unanswered).
pub fn plan(engine: &Engine, s: &Scenario, default_today: Date) -> Result<Plan, Vec<String>> {
    let Some(sit) = engine.situation_index(&s.situation) else {
        return Err(vec![format!("ситуации «{}» нет в каталоге", s.situation)]);
    };
    let answers = answers(engine, s)?;
    let plan = engine.plan(sit, &answers, s.event_date, s.today.unwrap_or(default_today));
    match &plan.next_question {
        Some(q) => Err(vec![format!(
            "сценарий не отвечает на вопрос «{}», который задаёт навигатор",
            Names(engine).question(q)
        )]),
        None => Ok(plan),
    }
}

/// What staff call the catalog's items in a scenario's failures: their titles.
pub(crate) struct Names<'a>(pub(crate) &'a Engine);

impl Names<'_> {
    pub(crate) fn service(&self, id: &str) -> String {
        self.0.service_index(id).map(|i| self.0.catalog.services[i].title.ru.clone()).unwrap_or_else(|| id.to_string())
    }
    pub(crate) fn document(&self, id: &str) -> String {
        self.0
            .document_index(id)
            .map(|i| self.0.catalog.documents[i].title.ru.clone())
            .unwrap_or_else(|| id.to_string())
    }
    pub(crate) fn question(&self, id: &str) -> String {
        self.0.question_index(id).map(|i| self.0.catalog.questions[i].text.ru.clone()).unwrap_or_else(|| id.to_string())
    }
    pub(crate) fn situation(&self, id: &str) -> String {
        self.0
            .situation_index(id)
            .map(|i| self.0.catalog.situations[i].title.ru.clone())
            .unwrap_or_else(|| id.to_string())
    }
    pub(crate) fn list(&self, ids: &[String], name: impl Fn(&str) -> String) -> String {
        if ids.is_empty() {
            return "ничего".to_string();
        }
        ids.iter().map(|id| format!("«{}»", name(id))).collect::<Vec<_>>().join(", ")
    }
}

fn compare_with<T: PartialEq>(
    what: &str,
    expected: &T,
    actual: &T,
    show: impl Fn(&T) -> String,
    failures: &mut Vec<String>,
) {
    if expected != actual {
        failures.push(format!("{what}: ожидалось {}, по плану {}", show(expected), show(actual)));
    }
}

/// Runs a scenario; the list of what did not match (empty when it passes), in the
/// staff's words: items by their titles, sums and dates as the widget shows them.
pub fn run(engine: &Engine, s: &Scenario, default_today: Date) -> Vec<String> {
    let plan = match plan(engine, s, default_today) {
        Ok(plan) => plan,
        Err(failures) => return failures,
    };
    let names = Names(engine);
    let mut failures = Vec::new();
    for w in &plan.warnings {
        failures.push(format!("ошибка в каталоге: {w}"));
    }
    let e = &s.expect;
    let services = |ids: &Vec<String>| names.list(ids, |i| names.service(i));
    let documents = |ids: &Vec<String>| names.list(ids, |i| names.document(i));
    if let Some(expected) = &e.services {
        let actual: Vec<String> = plan.steps.iter().map(|st| st.service.clone()).collect();
        compare_with("услуги по порядку", expected, &actual, services, &mut failures);
    }
    let not_in_plan = |service: &str| format!("услуги «{}» нет в плане", names.service(service));
    if let Some(variants) = &e.variants {
        for (service, variant) in variants {
            match plan.steps.iter().find(|st| &st.service == service) {
                None => failures.push(not_in_plan(service)),
                Some(st) => compare_with(
                    &format!("вариант услуги «{}»", names.service(service)),
                    &Some(variant.clone()),
                    &st.variant_id.clone().or_else(|| Some(format!("№ {}", st.variant + 1))),
                    |v| format!("«{}»", v.clone().unwrap_or_default()),
                    &mut failures,
                ),
            }
        }
    }
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    if let Some(bring) = &e.bring {
        let actual = sorted(plan.checklist.iter().map(|c| c.doc.clone()).collect());
        compare_with("что взять с собой", &sorted(bring.clone()), &actual, documents, &mut failures);
    }
    if let Some(obtained) = &e.obtained {
        let mut actual: Vec<String> =
            plan.steps.iter().flat_map(|st| st.obtained.iter().map(|d| d.doc.clone())).collect();
        actual = sorted(actual);
        actual.dedup();
        let mut expected = sorted(obtained.clone());
        expected.dedup();
        compare_with("что ведомства запросят сами", &expected, &actual, documents, &mut failures);
    }
    if let Some(received) = &e.received {
        let actual: BTreeMap<String, usize> = plan
            .steps
            .iter()
            .flat_map(|st| st.received.iter().filter_map(|d| d.from_step.map(|n| (d.doc.clone(), n))))
            .collect();
        let show = |m: &BTreeMap<String, usize>| {
            if m.is_empty() {
                return "ничего".to_string();
            }
            m.iter().map(|(d, n)| format!("«{}» на шаге {n}", names.document(d))).collect::<Vec<_>>().join(", ")
        };
        compare_with("документы, полученные на прежних шагах", received, &actual, show, &mut failures);
    }
    let number = |n: &usize| n.to_string();
    if let Some(n) = e.questions {
        compare_with("сколько вопросов задано", &n, &plan.answers.len(), number, &mut failures);
    }
    if let Some(asked) = &e.asked {
        let actual: Vec<String> = plan.answers.iter().map(|a| a.question.clone()).collect();
        let show = |ids: &Vec<String>| names.list(ids, |i| names.question(i));
        compare_with("вопросы по порядку", asked, &actual, show, &mut failures);
    }
    if let Some(next) = &e.next {
        let actual: Vec<String> = plan.next.iter().map(|n| n.situation.clone()).collect();
        let show = |ids: &Vec<String>| names.list(ids, |i| names.situation(i));
        compare_with("что может понадобиться дальше", next, &actual, show, &mut failures);
    }
    if let Some(n) = e.visits {
        compare_with("визитов", &n, &plan.visits.len(), number, &mut failures);
    }
    if let Some(fee) = e.total_fee {
        if (fee - plan.total_fee).abs() > 0.005 {
            failures.push(format!(
                "пошлины всего: ожидалось {}, по плану {}",
                crate::present::fee_amount(fee),
                crate::present::fee_amount(plan.total_fee)
            ));
        }
    }
    for (field, expected, get) in [
        ("крайний срок", &e.deadlines, (|st: &crate::Step| st.deadline_date) as fn(&crate::Step) -> Option<Date>),
        ("начало", &e.starts, |st: &crate::Step| Some(st.earliest_start)),
    ] {
        for (service, date) in expected.iter().flatten() {
            match plan.steps.iter().find(|st| &st.service == service) {
                None => failures.push(not_in_plan(service)),
                Some(st) => compare_with(
                    &format!("{field} услуги «{}»", names.service(service)),
                    &Some(*date),
                    &get(st),
                    |d| d.map(|d| d.human(crate::Lang::Ru)).unwrap_or_else(|| "нет".into()),
                    &mut failures,
                ),
            }
        }
    }
    failures
}

#[cfg(test)]
mod tests;
