use super::*;
use crate::testing_json::{build, catalog, date, engine, service};
use serde_json::json;

#[test]
fn document_edges_link_a_need_to_every_other_node_that_gives_it_once() {
    // 0 needs doc 7 that 1 and 2 give (twice in 2's list); 1 needs the doc it gives itself.
    let needs = vec![vec![7, 7], vec![8], vec![]];
    let gives = vec![vec![], vec![7, 8], vec![7, 7]];
    assert_eq!(document_edges(&needs, &gives), vec![vec![(1, 7), (2, 7)], vec![], vec![]]);
}

#[test]
fn the_cycle_search_finds_a_circle_and_only_a_circle() {
    assert_eq!(find_cycle(&[vec![1], vec![2], vec![]]), None);
    // A diamond is no cycle though 3 is reached twice.
    assert_eq!(find_cycle(&[vec![1, 2], vec![3], vec![3], vec![]]), None);
    let cycle = find_cycle(&[vec![1], vec![2], vec![0]]).unwrap();
    assert_eq!(cycle.len(), 3);
    assert_eq!(find_cycle(&[vec![0]]), Some(vec![0]));
}

fn two_services_in_a_circle() -> Catalog {
    catalog(
        json!([]),
        json!([
            service("a", json!({ "results": ["certificate"], "documents": [{ "doc": "form" }] })),
            service("b", json!({ "results": ["form"], "documents": [{ "doc": "certificate" }] }))
        ]),
        json!([{ "service": "a" }, { "service": "b" }]),
    )
}

#[test]
fn services_that_give_each_other_documents_are_a_circle() {
    let errors = build(two_services_in_a_circle()).unwrap_err();
    assert!(errors.iter().any(|d| d.message_en.contains("in a circle: a → b → a")), "{errors:?}");
    assert!(errors.iter().any(|d| d.message == "услуги зависят друг от друга по кругу: a → b → a"), "{errors:?}");
}

#[test]
fn a_document_the_authority_obtains_itself_makes_no_circle() {
    let mut c = two_services_in_a_circle();
    c.services[1].common.documents[0].provider = Provider::Interagency;
    assert!(build(c).is_ok());
}

fn dated_variants() -> Engine {
    engine(catalog(
        json!([{ "id": "q", "kind": "yes_no", "text": "?" }]),
        json!([service(
            "a",
            json!({ "variants": [
            { "id": "old", "until": "2027-01-31" },
            { "id": "new", "from": "2027-02-01", "when": "q" },
            { "id": "new-no", "from": "2027-02-01", "when": "not q" }
        ] })
        )]),
        json!([{ "service": "a" }]),
    ))
}

#[test]
fn only_variants_in_force_on_the_day_apply() {
    let e = dated_variants();
    let p: Profile = vec![None];
    let m = e.variant_match(0, &p, Some(date("2027-01-31")));
    assert_eq!(m, VariantMatch { applying: vec![0], undecided: false });
    let m = e.variant_match(0, &p, Some(date("2027-02-01")));
    assert_eq!(m, VariantMatch { applying: vec![], undecided: true });
    // Without a day every variant is in force, and the default one yields to one that applies.
    let m = e.variant_match(0, &vec![Some(Value::Bool(true))], None);
    assert_eq!(m.applying, vec![1]);
}

#[test]
fn the_closure_over_when_adds_what_a_question_depends_on() {
    let e = engine(catalog(
        json!([
            { "id": "a", "kind": "yes_no", "text": "?" },
            { "id": "b", "kind": "yes_no", "text": "?", "when": "a" },
            { "id": "c", "kind": "yes_no", "text": "?", "when": "b" }
        ]),
        json!([service("x", json!({ "variants": [{ "when": "c" }, { "when": "not c" }] }))]),
        json!([{ "service": "x" }]),
    ));
    assert_eq!(e.with_prerequisites(vec![2]), vec![0, 1, 2]);
    assert_eq!(e.with_prerequisites(vec![0, 0]), vec![0]);
}

fn fee_service(fee: serde_json::Value) -> Catalog {
    catalog(json!([]), json!([service("a", json!({ "fee": fee }))]), json!([{ "service": "a" }]))
}

fn sourced(amount: f64, from: Option<&str>, until: Option<&str>) -> serde_json::Value {
    let mut v =
        json!({ "amount": amount, "basis": "НК РФ", "source": "https://example.ru/fee", "checked": "2026-11-01" });
    if let Some(f) = from {
        v["from"] = json!(f);
    }
    if let Some(u) = until {
        v["until"] = json!(u);
    }
    v
}

fn messages(d: &[Diagnostic]) -> Vec<String> {
    d.iter().map(|d| format!("{}: {}", d.path, d.message_en)).collect()
}

#[test]
fn dated_values_that_follow_each_other_are_clean() {
    let mut fee = sourced(1500.0, None, Some("2027-01-31"));
    fee["periods"] = json!([sourced(2000.0, Some("2027-02-01"), None)]);
    let (_, diags) = build(fee_service(fee)).unwrap();
    assert!(diags.is_empty(), "{:?}", messages(&diags));
}

#[test]
fn dated_values_that_overlap_are_an_error_and_a_gap_a_warning() {
    let mut fee = sourced(1500.0, None, Some("2027-01-31"));
    fee["periods"] = json!([sourced(2000.0, Some("2027-01-15"), None)]);
    let errors = build(fee_service(fee)).unwrap_err();
    assert!(
        messages(&errors)
            .iter()
            .any(|m| m.starts_with("services.a.fee.periods[1]: the fee: this value and the value written")),
        "{:?}",
        messages(&errors)
    );

    let mut fee = sourced(1500.0, None, Some("2027-01-31"));
    fee["periods"] = json!([sourced(2000.0, Some("2027-03-01"), None)]);
    let (_, diags) = build(fee_service(fee)).unwrap();
    assert_eq!(
        messages(&diags),
        ["services.a.fee.periods[1]: the fee: no value is in force from 2027-02-01 until this one starts (after the value written in the field)"]
    );
}

#[test]
fn a_value_in_force_backwards_or_periods_inside_a_period_are_errors() {
    let fee = sourced(1500.0, Some("2027-02-01"), Some("2027-01-31"));
    let errors = build(fee_service(fee)).unwrap_err();
    assert!(messages(&errors).iter().any(|m| m.contains("`from` is after `until`")), "{:?}", messages(&errors));

    let mut fee = sourced(1500.0, None, Some("2027-01-31"));
    let mut inner = sourced(2000.0, Some("2027-02-01"), None);
    inner["periods"] = json!([sourced(1.0, None, None)]);
    fee["periods"] = json!([inner]);
    let errors = build(fee_service(fee)).unwrap_err();
    assert!(
        messages(&errors).iter().any(|m| m.starts_with("services.a.fee.periods[1].periods: a period has no periods")),
        "{:?}",
        messages(&errors)
    );
}

#[test]
fn every_dated_value_is_checked_like_the_field() {
    let mut fee = sourced(1500.0, None, Some("2027-01-31"));
    fee["periods"] = json!([{ "amount": 2000.0, "from": "2027-02-01" }]);
    let errors = build(fee_service(fee)).unwrap_err();
    assert_eq!(
        messages(&errors).iter().filter(|m| m.starts_with("services.a.fee.periods[1]")).count(),
        2,
        "no basis (an error for a fee above zero) and no source: {:?}",
        messages(&errors)
    );
}

#[test]
fn the_default_variant_applies_on_the_days_the_dated_ones_do_not() {
    let e = engine(catalog(
        json!([{ "id": "q", "kind": "yes_no", "text": "?" }]),
        json!([service(
            "a",
            json!({ "variants": [
            { "id": "special", "when": "q", "until": "2027-01-31" },
            { "id": "usual" }
        ] })
        )]),
        json!([{ "service": "a" }]),
    ));
    let yes: Profile = vec![Some(Value::Bool(true))];
    assert_eq!(e.variant_match(0, &yes, Some(date("2027-01-31"))).applying, [0]);
    // Once the special variant ends, the usual one takes every applicant.
    assert_eq!(e.variant_match(0, &yes, Some(date("2027-02-01"))).applying, [1]);
    assert_eq!(e.variant_match(0, &vec![None], Some(date("2027-02-01"))).applying, [1]);
    assert!(e.variant_match(0, &vec![None], Some(date("2027-01-31"))).undecided);
}

/// The catalog of `catalog` with a second situation `t`, and `next` written on `s`.
fn with_next(next: serde_json::Value) -> Catalog {
    let mut c = catalog(
        json!([{ "id": "q", "kind": "single", "text": "?", "options": [{ "id": "one", "text": "1" }, { "id": "two", "text": "2" }] }]),
        json!([service("x", json!({}))]),
        json!([{ "service": "x", "when": "q == \"one\"" }]),
    );
    let mut t = c.situations[0].clone();
    t.id = "t".into();
    c.situations.push(t);
    c.situations[0].next = serde_json::from_value(next).unwrap();
    c
}

#[test]
fn next_situations_are_known_others_each_once_with_a_sound_condition() {
    let ok = with_next(json!([{ "situation": "t", "when": "q == \"two\"", "why": "Потом" }]));
    let (e, diags) = build(ok).unwrap();
    assert!(diags.is_empty(), "{:?}", messages(&diags));
    assert_eq!(e.next[0].len(), 1);
    assert!(e.next[1].is_empty());

    let errors = |next| messages(&build(with_next(next)).unwrap_err());
    assert_eq!(
        errors(json!([{ "situation": "tt" }])),
        ["situations.s.next[1].situation: unknown situation `tt` (did you mean `t`?)"]
    );
    assert_eq!(
        errors(json!([{ "situation": "s" }])),
        ["situations.s.next[1].situation: a situation cannot come next after itself"]
    );
    assert_eq!(
        errors(json!([{ "situation": "t" }, { "situation": "t", "when": "q == \"one\"" }])),
        ["situations.s.next[2]: situation `t` is listed twice in `next`"]
    );
    let unknown_question = errors(json!([{ "situation": "t", "when": "p" }]));
    assert_eq!(unknown_question.len(), 1);
    assert!(unknown_question[0].starts_with("situations.s.next[1].when: in the condition `p`"), "{unknown_question:?}");
    let unknown_value = errors(json!([{ "situation": "t", "when": "q == \"three\"" }]));
    assert_eq!(unknown_value.len(), 1);
    assert!(unknown_value[0].starts_with("situations.s.next[1].when: in the condition"), "{unknown_value:?}");
    assert!(unknown_value[0].contains("three"), "{unknown_value:?}");
}

#[test]
fn a_next_condition_on_a_question_the_situation_never_asks_is_a_warning() {
    let mut c = with_next(json!([{ "situation": "t", "when": "q == \"one\" and r" }]));
    c.questions.push(serde_json::from_value(json!({ "id": "r", "kind": "yes_no", "text": "?" })).unwrap());
    let found = messages(&crate::check::check(&engine(c)).0);
    let about_next: Vec<&String> = found.iter().filter(|m| m.starts_with("situations.s.next")).collect();
    assert_eq!(
        about_next,
        ["situations.s.next[1].when: the condition reads `r`, which the situation's questionnaire never asks: \
          unanswered, the condition may never hold"]
    );
    let clean = engine(with_next(json!([{ "situation": "t", "when": "q == \"one\"" }])));
    assert!(!messages(&crate::check::check(&clean).0).iter().any(|m| m.contains("next")));
}
