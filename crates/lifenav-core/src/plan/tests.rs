use super::*;
use crate::testing_json::{catalog, date, engine, service};
use serde_json::json;

fn fee(amount: f64, from: Option<&str>, until: Option<&str>) -> serde_json::Value {
    json!({ "amount": amount, "basis": "НК РФ", "source": "https://example.ru/fee", "checked": "2026-11-01", "from": from, "until": until })
}

/// `first` gives the certificate `second` needs after a 10-day term; `second`'s fee
/// changes on 1 February 2027; its deadline counts from the event and changes too.
fn chain() -> Engine {
    let mut f = fee(1500.0, None, Some("2027-01-31"));
    f["periods"] = json!([fee(2000.0, Some("2027-02-01"), None)]);
    engine(catalog(
        json!([]),
        json!([
            service("first", json!({ "results": ["certificate"], "term": { "days": 10, "basis": "закон" } })),
            service(
                "second",
                json!({
                    "documents": [
                        { "doc": "certificate" },
                        { "doc": "passport", "until": "2027-01-31" },
                        { "doc": "form", "from": "2027-02-01" }
                    ],
                    "fee": f,
                    "deadline": { "months": 1, "basis": "закон", "until": "2027-01-31", "periods": [
                        { "months": 3, "basis": "закон", "from": "2027-02-01" }
                    ] },
                    "unknown": [{ "field": "refusal", "searched": "регламент" }]
                })
            )
        ]),
        json!([{ "service": "second" }, { "service": "first" }]),
    ))
}

fn step<'a>(plan: &'a Plan, id: &str) -> &'a Step {
    plan.steps.iter().find(|s| s.service == id).unwrap()
}

#[test]
fn a_fee_is_read_on_the_day_the_step_can_start() {
    let e = chain();
    // From 15 January the certificate is ready on the 25th: the old fee.
    let plan = e.plan(0, &Answers::new(), None, date("2027-01-15"));
    let s = step(&plan, "second");
    assert_eq!((s.earliest_start, s.facts_on), (date("2027-01-25"), date("2027-01-25")));
    assert_eq!(s.fee.as_ref().map(|f| f.amount), Some(1500.0));
    assert!(s.dated);
    assert!(s.fee.as_ref().unwrap().periods.is_empty(), "the step carries the one value in force");
    // From 25 January the certificate is ready on 4 February: the new fee, though
    // today the old one is still in force.
    let plan = e.plan(0, &Answers::new(), None, date("2027-01-25"));
    let s = step(&plan, "second");
    assert_eq!(s.facts_on, date("2027-02-04"));
    assert_eq!(s.fee.as_ref().map(|f| f.amount), Some(2000.0));
    assert_eq!(plan.total_fee, 2000.0);
}

#[test]
fn document_requirements_are_read_on_the_day_the_step_can_start() {
    let e = chain();
    let docs = |today: &str| {
        let plan = e.plan(0, &Answers::new(), None, date(today));
        let s = step(&plan, "second");
        (s.bring.iter().map(|d| d.doc.clone()).collect::<Vec<_>>(), s.received.len())
    };
    assert_eq!(docs("2027-01-15"), (vec!["passport".to_string()], 1));
    assert_eq!(docs("2027-01-25"), (vec!["form".to_string()], 1));
}

#[test]
fn a_deadline_is_read_on_the_event_date() {
    let e = chain();
    let plan = e.plan(0, &Answers::new(), Some(date("2027-01-31")), date("2027-02-10"));
    assert_eq!(plan.eligibility_on, date("2027-01-31"));
    // One month from 31 January is 28 February, a Sunday: the next working day.
    assert_eq!(step(&plan, "second").deadline_date, Some(date("2027-03-01")));
    let plan = e.plan(0, &Answers::new(), Some(date("2027-02-01")), date("2027-02-10"));
    assert_eq!(step(&plan, "second").deadline_date, Some(date("2027-05-04")));
}

#[test]
fn working_days_in_a_year_the_calendar_does_not_cover_are_named() {
    let e = engine(catalog(
        json!([]),
        json!([service("a", json!({ "term": { "working_days": 10, "basis": "закон" } }))]),
        json!([{ "service": "a" }]),
    ));
    assert!(e.plan(0, &Answers::new(), None, date("2026-11-02")).uncovered_years.is_empty());
    assert_eq!(e.plan(0, &Answers::new(), None, date("2026-12-25")).uncovered_years, [2027]);
}

#[test]
fn a_service_and_a_variant_count_on_the_event_date() {
    let e = engine(catalog(
        json!([]),
        json!([
            service(
                "a",
                json!({ "variants": [{ "id": "old", "until": "2027-01-31" }, { "id": "new", "from": "2027-02-01" }] })
            ),
            service("b", json!({}))
        ]),
        json!([{ "service": "a" }, { "service": "b", "from": "2027-02-01" }]),
    ));
    let ids = |event: &str| {
        let plan = e.plan(0, &Answers::new(), Some(date(event)), date("2027-01-10"));
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
        plan.steps
            .iter()
            .map(|s| format!("{}:{}", s.service, s.variant_id.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("2027-01-31"), ["a:old"]);
    assert_eq!(ids("2027-02-01"), ["a:new", "b:"]);
}

#[test]
fn a_step_names_the_facts_nobody_found() {
    let plan = chain().plan(0, &Answers::new(), None, date("2027-01-15"));
    assert_eq!(step(&plan, "second").unknown, [FactField::Refusal]);
    assert!(step(&plan, "first").unknown.is_empty());
}

#[test]
fn the_order_follows_dependencies_then_the_editors_order() {
    let chosen: Vec<Chosen> = (0..3).map(|k| Chosen { position: k, service: k, variant: 0 }).collect();
    let mut warnings = Vec::new();
    // 0 needs 2; 1 needs nothing.
    assert_eq!(stable_order(&chosen, &[vec![2], vec![], vec![]], &mut warnings), [1, 2, 0]);
    assert!(warnings.is_empty());
    assert_eq!(stable_order(&chosen, &[vec![1], vec![0], vec![]], &mut warnings), [2, 0, 1]);
    assert_eq!(warnings.len(), 1, "a circle is said");
}

#[test]
fn the_checklist_lists_each_document_once_with_every_step() {
    let plan = chain().plan(0, &Answers::new(), None, date("2027-01-15"));
    let mut steps = plan.steps.clone();
    steps.push(Step { number: 3, ..steps[1].clone() });
    let list = checklist(&steps);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].doc, "passport");
    assert_eq!(list[0].steps, [2, 3]);
}
