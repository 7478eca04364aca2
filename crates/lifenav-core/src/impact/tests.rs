use super::*;
use crate::diagnostic::Seg;
use crate::edit::{self, FieldValue};
use crate::scenario::{self, Located};
use crate::source::SourceFile;
use crate::{testing, Engine};
use toml_edit::DocumentMut;

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

struct Example {
    root: String,
    files: Vec<SourceFile>,
    engine: Engine,
    scenarios: Vec<Located>,
}

fn example() -> Example {
    let (root, files) = testing::files("example");
    let engine = testing::build(&root, files.clone());
    let scenarios = scenario::read(&files).unwrap();
    assert!(scenarios.len() >= 5);
    Example { root, files, engine, scenarios }
}

impl Example {
    /// The engine after `change` is made to the file ending with `tail`.
    fn edited(&self, tail: &str, change: impl FnOnce(&mut DocumentMut)) -> Engine {
        let mut doc: DocumentMut = testing::file(&self.files, tail).text.parse().unwrap();
        change(&mut doc);
        testing::build(&self.root, testing::with_text(&self.files, tail, doc.to_string()))
    }

    fn today(&self) -> Date {
        self.engine.catalog.meta.effective
    }

    /// The old plan of each scenario.
    fn plans(&self) -> Vec<Plan> {
        self.scenarios.iter().map(|s| scenario::plan(&self.engine, &s.scenario, self.today()).unwrap()).collect()
    }
}

fn has(plan: &Plan, service: &str) -> bool {
    plan.steps.iter().any(|s| s.service == service)
}

#[test]
fn a_fee_change_shows_in_exactly_the_plans_with_that_service() {
    let ex = example();
    let new = ex.edited("services/snils.toml", |d| {
        edit::set(d, &[k("fee"), k("amount")], &FieldValue::Float(200.0)).unwrap();
        let basis = FieldValue::Text { ru: "НК РФ, ст. 333.33".into(), en: String::new() };
        edit::set(d, &[k("fee"), k("basis")], &basis).unwrap();
    });
    let found = impact(&ex.engine, &new, &ex.scenarios, ex.today());
    let plans = ex.plans();
    assert!(plans.iter().any(|p| has(p, "snils")) && plans.iter().any(|p| !has(p, "snils")));
    for (imp, old) in found.iter().zip(&plans) {
        let expected = if has(old, "snils") {
            Change::Changed(vec![
                PlanChange::FeeChanged { service: "snils".into(), old: Some(0.0), new: Some(200.0) },
                PlanChange::TotalFeeChanged { old: old.total_fee, new: old.total_fee + 200.0 },
            ])
        } else {
            Change::Unchanged
        };
        assert_eq!(imp.change, expected, "{}", imp.name);
    }
}

#[test]
fn removing_an_inclusion_removes_the_service_from_the_plans() {
    let ex = example();
    let new = ex.edited("situations/birth.toml", |d| {
        let at = (0..edit::len(d, &[k("services")]))
            .find(|&i| {
                let path = [k("services"), Seg::Index(i), k("service")];
                edit::get(d, &path, edit::FieldType::Str) == FieldValue::Str("oms-policy".into())
            })
            .unwrap();
        edit::remove(d, &[k("services")], at).unwrap();
    });
    let found = impact(&ex.engine, &new, &ex.scenarios, ex.today());
    let mut removed = 0;
    for (imp, old) in found.iter().zip(ex.plans()) {
        match &imp.change {
            Change::Changed(changes) if has(&old, "oms-policy") => {
                assert_eq!(changes[0], PlanChange::ServiceRemoved { service: "oms-policy".into() });
                removed += 1;
            }
            Change::Unchanged if !has(&old, "oms-policy") => {}
            other => panic!("{}: {other:?}", imp.name),
        }
    }
    assert!(removed > 0);
}

#[test]
fn a_scenario_that_cannot_run_any_more_is_broken() {
    let ex = example();
    let new = ex.edited("situations/death.toml", |d| {
        edit::set(d, &[k("id")], &FieldValue::Str("passing".into())).unwrap();
    });
    let found = impact(&ex.engine, &new, &ex.scenarios, ex.today());
    let deaths: Vec<&ScenarioImpact> = found.iter().filter(|i| i.situation == "death").collect();
    assert!(!deaths.is_empty());
    for d in deaths {
        let expected =
            Change::Broken { old: vec![], new: vec!["ситуации «death» нет в каталоге".into()] };
        assert_eq!(d.change, expected);
    }
    assert!(found.iter().filter(|i| i.situation != "death").all(|i| i.change == Change::Unchanged));
}

#[test]
fn plans_compare_step_by_step() {
    let ex = example();
    let old = ex.plans().into_iter().find(|p| has(p, "birth-registration") && p.steps.len() > 2).unwrap();
    let mut new = old.clone();
    new.steps.swap(1, 2);
    let first = &mut new.steps[0];
    first.variant_id = Some("other".into());
    first.term = Some(Period { working_days: Some(5), ..Period::default() });
    first.deadline_date = None;
    let gone = new.steps.pop().unwrap().service;
    new.visits.clear();
    let changes = compare_plans(&old, &new);
    let term = |ru: &str, en: &str| Some(Text::ru(ru).with_en(en));
    let old_term = old.steps[0].term.as_ref().and_then(term_text);
    assert!(old_term.is_some());
    assert_eq!(changes[0], PlanChange::ServiceRemoved { service: gone });
    assert!(matches!(&changes[1], PlanChange::Reordered { old: o, new: n } if o.len() == n.len() + 1));
    let first = old.steps[0].service.clone();
    assert_eq!(
        changes[2],
        PlanChange::VariantChanged {
            service: first.clone(),
            old: old.steps[0].variant_id.clone().unwrap(),
            new: "other".into()
        }
    );
    let term_change = PlanChange::TermChanged {
        service: first.clone(),
        old: old_term,
        new: term("5 рабочих дней", "5 working days"),
    };
    assert!(changes.contains(&term_change), "{changes:?}");
    if old.steps[0].deadline_date.is_some() {
        assert!(changes.contains(&PlanChange::DeadlineChanged {
            service: first,
            old: old.steps[0].deadline_date,
            new: None
        }));
    }
    assert_eq!(compare_plans(&old, &old), []);
    let json = serde_json::to_value(&changes[0]).unwrap();
    assert_eq!(json["kind"], "service_removed");
}

#[test]
fn a_changed_title_is_a_change_of_the_plans_that_show_it() {
    // The defect this guards: «Изменятся планы 0 из 54» for a changed title.
    let ex = example();
    let new = ex.edited("services/snils.toml", |d| {
        let title = FieldValue::Text {
            ru: "СНИЛС ребёнка (новое название)".into(), en: String::new()
        };
        edit::set(d, &[k("title")], &title).unwrap();
    });
    let found = impact(&ex.engine, &new, &ex.scenarios, ex.today());
    for (imp, old) in found.iter().zip(&ex.plans()) {
        match (&imp.change, has(old, "snils")) {
            (Change::Changed(c), true) => assert!(
                matches!(&c[..], [PlanChange::TextChanged { field, new, .. }] if field == "title" && new == "СНИЛС ребёнка (новое название)"),
                "{c:?}"
            ),
            (Change::Unchanged, false) => {}
            (other, _) => panic!("{}: {other:?}", imp.name),
        }
    }
}
