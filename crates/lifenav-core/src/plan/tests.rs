use super::*;
use crate::testing_json::{catalog, date, engine, service};
use crate::{present, Lang};
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

/// `s` asks `a` (it includes `x` when `a`); `t` reads `a` and `b`. `s` names `t` as
/// what may come next when `a`, with a reason.
fn followed() -> Engine {
    let mut c = catalog(
        json!([{ "id": "a", "kind": "yes_no", "text": "А?" }, { "id": "b", "kind": "yes_no", "text": "Б?" }]),
        json!([service("x", json!({})), service("y", json!({})), service("z", json!({}))]),
        json!([{ "service": "x", "when": "a" }]),
    );
    let mut t = c.situations[0].clone();
    t.id = "t".into();
    t.title = Text::ru("Т").with_en("T");
    t.services =
        serde_json::from_value(json!([{ "service": "y", "when": "a" }, { "service": "z", "when": "b" }])).unwrap();
    c.situations.push(t);
    c.situations[0].next = serde_json::from_value(json!([{ "situation": "t", "when": "a", "why": "Потом" }])).unwrap();
    engine(c)
}

fn answers(pairs: &[(&str, bool)]) -> Answers {
    pairs.iter().map(|(q, v)| (q.to_string(), Value::Bool(*v))).collect()
}

#[test]
fn the_plan_names_what_may_come_next_when_its_condition_holds() {
    let e = followed();
    let today = date("2026-11-10");
    let plan = e.plan(0, &answers(&[("a", true)]), None, today);
    assert_eq!(
        plan.next,
        [NextStep {
            situation: "t".into(),
            title: Text::ru("Т").with_en("T"),
            why: Some(Text::ru("Потом")),
            questions_left: 1
        }]
    );
    // `a` is false, or not answered yet: nothing comes next.
    assert!(e.plan(0, &answers(&[("a", false)]), None, today).next.is_empty());
    assert!(e.plan(0, &Answers::new(), None, today).next.is_empty());
    // The JSON plan carries it; a plan with nothing next has no `next` at all.
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["next"][0]["questions_left"], 1);
    assert!(serde_json::to_value(e.plan(0, &answers(&[("a", false)]), None, today)).unwrap().get("next").is_none());
}

#[test]
fn only_the_answers_that_counted_carry_over_to_what_comes_next() {
    let e = followed();
    let today = date("2026-11-10");
    // `b` was given but the questionnaire of `s` never asked it: it does not carry over.
    let plan = e.plan(0, &answers(&[("a", true), ("b", true)]), None, today);
    assert_eq!(plan.next[0].questions_left, 1);
    // `t` on its own asks both questions; with `a` and `b` given, none.
    let t = e.situation_index("t").unwrap();
    assert_eq!(e.questions_left(t, &Answers::new()), 2);
    assert_eq!(e.questions_left(t, &answers(&[("a", true)])), 1);
    assert_eq!(e.questions_left(t, &answers(&[("a", true), ("b", false)])), 0);
    // `b` is given but comes after `a`: the progress line's bound counts it, the
    // questions left do not (the walk takes the answer when it gets there).
    assert_eq!(e.walk(t, &answers(&[("b", true)])).remaining_max, 2);
    assert_eq!(e.questions_left(t, &answers(&[("b", true)])), 1);
}

#[test]
fn the_questions_left_next_follow_the_citizens_consent_to_reuse() {
    use crate::journey::{Journey, QuestionsLeft};
    let e = followed();
    let mut j = Journey::default();
    j.choose("s");
    j.answer("a", Value::Bool(true));
    let left = |j: &Journey| j.next_questions(&e, "t");
    // Not decided yet: with reuse one question, without it both.
    assert_eq!(left(&j), QuestionsLeft { count: 1, without_reuse: Some(2) });
    j.reuse = Some(true);
    assert_eq!(left(&j), QuestionsLeft { count: 1, without_reuse: None });
    j.reuse = Some(false);
    assert_eq!(left(&j), QuestionsLeft { count: 2, without_reuse: None });
    // Answers given in `t` itself always count.
    j.choose("t");
    j.answer("b", Value::Bool(false));
    assert_eq!(left(&j), QuestionsLeft { count: 1, without_reuse: None });
    j.reuse = None;
    assert_eq!(left(&j), QuestionsLeft { count: 0, without_reuse: Some(1) });
    // Nothing to reuse: the count is the same either way, and no hint.
    let fresh = Journey::default();
    assert_eq!(fresh.next_questions(&e, "t"), QuestionsLeft { count: 2, without_reuse: None });
}

/// A marriage-like chain: `register` is applied for on the portal and both come for
/// the act; `passport` is applied for on the portal and collected in person; `tax`
/// follows by itself.
fn in_person() -> Engine {
    engine(catalog(
        json!([]),
        json!([
            service(
                "register",
                json!({
                    "results": ["certificate"],
                    "term": { "months": 1, "basis": "закон" },
                    "documents": [{ "doc": "passport" }],
                    "channels": [
                        { "kind": "in_person", "office": "d", "appear": [{ "to": "apply" }, { "to": "act" }] },
                        { "kind": "portal", "url": "https://example.ru/card", "appear": [
                            { "to": "act", "office": "d", "why": "регистрация брака: оба лично" }
                        ] }
                    ]
                })
            ),
            service(
                "passport",
                json!({
                    "results": ["form"],
                    "term": { "working_days": 5, "basis": "закон" },
                    "documents": [{ "doc": "certificate" }, { "doc": "passport" }],
                    "channels": [
                        { "kind": "mfc", "office": "d", "appear": [{ "to": "apply" }, { "to": "collect" }] },
                        { "kind": "portal", "url": "https://example.ru/card2", "appear": [{ "to": "collect", "office": "d" }] }
                    ]
                })
            ),
            service("tax", json!({ "after": ["passport"], "channels": [{ "kind": "automatic" }] })),
            service(
                "online",
                json!({ "documents": [{ "doc": "passport" }], "channels": [{ "kind": "portal", "url": "https://example.ru/c3" }] })
            )
        ]),
        json!([{ "service": "register" }, { "service": "passport" }, { "service": "tax" }, { "service": "online" }]),
    ))
}

#[test]
fn every_visit_counts_apply_act_and_collect_with_its_reason() {
    let e = in_person();
    let plan = e.plan(0, &Answers::new(), None, date("2026-11-20"));
    assert_eq!(step(&plan, "register").mode, StepMode::Visit, "the act is in person even after a portal application");
    assert_eq!(step(&plan, "passport").presence.iter().map(|p| p.to).collect::<Vec<_>>(), [Purpose::Collect]);
    assert_eq!(step(&plan, "tax").mode, StepMode::Automatic);
    assert_eq!(step(&plan, "online").mode, StepMode::Remote);
    // The act a month later, the passport collected 5 working days after it: two trips.
    let trips: Vec<(Date, Vec<Purpose>)> =
        plan.visits.iter().map(|v| (v.date, v.reasons.iter().map(|r| r.to).collect())).collect();
    assert_eq!(trips, [(date("2026-12-20"), vec![Purpose::Act]), (date("2026-12-25"), vec![Purpose::Collect])]);
    let ru: Vec<String> = plan.visits.iter().map(|v| present::visit_reasons(&plan, v, Lang::Ru)).collect();
    assert_eq!(ru, ["шаг 1 — регистрация брака: оба лично", "шаг 2 — получить бланк"]);
}

#[test]
fn presences_on_one_day_at_one_office_share_a_trip_but_one_step_never_twice() {
    let e = engine(catalog(
        json!([]),
        json!([
            service(
                "a",
                json!({ "channels": [{ "kind": "in_person", "appear": [{ "to": "apply" }, { "to": "collect" }] }] })
            ),
            service("b", json!({ "channels": [{ "kind": "mfc", "office": "d" }] }))
        ]),
        json!([{ "service": "a" }, { "service": "b" }]),
    ));
    let plan = e.plan(0, &Answers::new(), None, date("2026-11-20"));
    // `a` has no term: the result is ready the same day, yet collecting is a second trip.
    let trips: Vec<Vec<usize>> = plan.visits.iter().map(|v| v.steps.clone()).collect();
    assert_eq!(trips, [vec![1, 2], vec![1]]);
    assert_eq!(present::visit_reasons(&plan, &plan.visits[1], Lang::Ru), "шаг 1 — получить результат");
}

#[test]
fn a_step_nobody_comes_to_shows_no_originals_and_the_plan_never_says_no_visits_over_originals() {
    let e = in_person();
    let plan = e.plan(0, &Answers::new(), None, date("2026-11-20"));
    assert!(step(&plan, "online").bring.iter().all(|d| !d.original), "scans go through the portal");
    assert!(step(&plan, "register").bring.iter().all(|d| d.original));
    let mut none = plan.clone();
    none.visits.clear();
    assert_eq!(present::no_visits(&none, Lang::Ru), present::RU.visits_ask);
    none.steps.iter_mut().for_each(|s| s.presence.clear());
    none.checklist.iter_mut().for_each(|c| c.original = false);
    assert_eq!(present::no_visits(&none, Lang::Ru), "ходить никуда не нужно");
}

#[test]
fn an_appearance_names_a_known_office_and_an_automatic_channel_has_none() {
    let c = catalog(
        json!([]),
        json!([
            service(
                "a",
                json!({ "channels": [{ "kind": "portal", "url": "https://e.ru/x", "appear": [{ "to": "collect", "office": "nowhere" }] }] })
            ),
            service("b", json!({ "channels": [{ "kind": "automatic", "appear": [{ "to": "apply" }] }] }))
        ]),
        json!([{ "service": "a" }, { "service": "b" }]),
    );
    let Err(errors) = crate::testing_json::build(c) else { panic!("the catalog builds") };
    let text = format!("{errors:?}");
    assert!(text.contains("nowhere"), "{text}");
    assert!(text.contains("nobody come in person"), "{text}");
}

#[test]
fn a_dated_fee_changes_exactly_on_1_january_and_on_1_february_2027() {
    let mut f = fee(100.0, None, Some("2026-12-31"));
    f["periods"] = json!([fee(200.0, Some("2027-01-01"), Some("2027-01-31")), fee(300.0, Some("2027-02-01"), None)]);
    let e = engine(catalog(json!([]), json!([service("x", json!({ "fee": f }))]), json!([{ "service": "x" }])));
    let on = |day: &str| e.plan(0, &Answers::new(), None, date(day)).total_fee;
    assert_eq!([on("2026-12-31"), on("2027-01-01"), on("2027-01-31"), on("2027-02-01")], [100.0, 200.0, 200.0, 300.0]);
}

#[test]
fn a_step_needing_a_result_to_collect_applies_on_that_trip_or_later() {
    let e = engine(catalog(
        json!([]),
        json!([
            service(
                "certificate",
                json!({
                    "results": ["certificate"],
                    "channels": [{ "kind": "mfc", "office": "d", "appear": [{ "to": "apply" }, { "to": "collect" }] }]
                })
            ),
            service(
                "queue",
                json!({
                    "documents": [{ "doc": "certificate" }],
                    "channels": [{ "kind": "mfc", "office": "d", "appear": [{ "to": "apply" }] }]
                })
            )
        ]),
        json!([{ "service": "certificate" }, { "service": "queue" }]),
    ));
    let plan = e.plan(0, &Answers::new(), None, date("2026-11-20"));
    // The certificate is ready the same day, but it is in hand only once collected.
    let trips: Vec<Vec<(usize, Purpose)>> =
        plan.visits.iter().map(|v| v.reasons.iter().map(|r| (r.step, r.to)).collect()).collect();
    assert_eq!(trips, [vec![(1, Purpose::Apply)], vec![(1, Purpose::Collect), (2, Purpose::Apply)]]);
    assert_eq!(plan.visits.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2]);
}
