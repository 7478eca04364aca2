//! The questionnaire, proved by brute force over every combination of answers of
//! every situation of the example catalog and of the Irkutsk catalog:
//! - every combination reaches "done", after at most as many questions as exist;
//! - no asked question is irrelevant: for each one there is a way to complete the
//!   remaining answers where changing only this answer changes the plan;
//! - answers given for one situation are reused by the others.

mod common;

use common::{answers, catalog, combinations, example};
use lifenav_core::{Date, Engine, Plan, Value};
use std::collections::HashMap;

/// One step as the citizen sees it: service, variant, documents to bring, obtained, received.
type StepSignature = (String, usize, Vec<String>, Vec<String>, Vec<String>);

/// What the citizen gets: services in order, their variants and documents.
fn signature(plan: &Plan) -> Vec<StepSignature> {
    plan.steps
        .iter()
        .map(|s| {
            let ids = |v: &[lifenav_core::plan::DocLine]| v.iter().map(|d| d.doc.clone()).collect::<Vec<_>>();
            (s.service.clone(), s.variant, ids(&s.bring), ids(&s.obtained), ids(&s.received))
        })
        .collect()
}

fn today() -> Date {
    Date::parse("2026-11-20").unwrap()
}

/// Most combinations of one situation enumerated in full; a larger situation is proved
/// on every `len / MAX_COMBINATIONS`-th combination (each is still checked against all).
const MAX_COMBINATIONS: usize = 20_000;

/// The proof on every situation of `engine`: the combinations walked, per situation.
fn prove(engine: &Engine) -> Vec<(String, usize, usize)> {
    let mut figures = Vec::new();
    for sit in 0..engine.catalog.situations.len() {
        let id = &engine.catalog.situations[sit].id;
        let universe = engine.situation_questions(sit);
        let all = combinations(engine, &universe);
        // What each full combination leads to, computed once.
        // Answers hold numbers, which have no `Hash`: their text is the key.
        let key = |c: &[(usize, Value)]| format!("{c:?}");
        let plans: HashMap<String, Vec<StepSignature>> = all
            .iter()
            .map(|combo| (key(combo), signature(&engine.plan(sit, &answers(engine, combo), None, today()))))
            .collect();
        // A combination is pivotal on `q` when another answer to `q` alone changes the plan.
        let pivotal = |full: &Vec<(usize, Value)>, q: usize| {
            engine.domain(q).iter().any(|v| {
                let changed: Vec<_> =
                    full.iter().map(|(k, old)| (*k, if *k == q { v.clone() } else { old.clone() })).collect();
                plans[&key(&changed)] != plans[&key(full)]
            })
        };
        let step = all.len().div_ceil(MAX_COMBINATIONS).max(1);
        let mut walked = 0;
        for combo in all.iter().step_by(step) {
            let walk = engine.walk_on(sit, &answers(engine, combo), Some(today()));
            assert!(walk.is_done(), "{id}: {combo:?} does not reach done");
            assert!(walk.asked.len() <= universe.len());
            // Replay: at each step the engine asked `q` having the answers to asked[..i].
            for (i, &q) in walk.asked.iter().enumerate() {
                let fixed: Vec<(usize, Value)> =
                    walk.asked[..i].iter().map(|&a| (a, walk.profile[a].clone().unwrap())).collect();
                let relevant =
                    all.iter().filter(|full| fixed.iter().all(|f| full.contains(f))).any(|full| pivotal(full, q));
                assert!(
                    relevant,
                    "{id}: question `{}` asked after {fixed:?} cannot change the plan",
                    engine.catalog.questions[q].id
                );
            }
            walked += 1;
        }
        figures.push((id.clone(), all.len(), walked));
    }
    figures
}

#[test]
fn every_combination_reaches_done_and_no_asked_question_is_irrelevant() {
    let figures = prove(&example());
    let walked: usize = figures.iter().map(|f| f.2).sum();
    assert!(walked > 50, "only {walked} combinations checked");
}

/// The same proof on every situation of the city's catalog.
#[test]
fn the_proof_holds_on_every_irkutsk_situation() {
    let engine = catalog("irkutsk");
    let figures = prove(&engine);
    for (id, all, walked) in &figures {
        println!("{id}: {walked} of {all} combinations");
    }
    // Whatever situations the catalog has, each is proved: a new one needs no edit here.
    let proved: Vec<&str> = figures.iter().map(|f| f.0.as_str()).collect();
    let listed: Vec<&str> = engine.catalog.situations.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(proved, listed, "every situation is proved");
    assert!(listed.len() >= 16, "the catalog lost situations: {listed:?}");
    assert!(
        figures.iter().all(|(_, all, walked)| all == walked),
        "the Irkutsk situations are small enough to walk in full"
    );
}

#[test]
fn a_question_whose_every_use_is_decided_is_never_asked() {
    let engine = example();
    let birth = engine.situation_index("birth").unwrap();
    // Married parents: whether the father acknowledges paternity no longer matters.
    let given = engine.parse_answers([("parents_married", "yes")]).unwrap();
    for combo in combinations(&engine, &engine.situation_questions(birth)) {
        let mut all = answers(&engine, &combo);
        all.extend(given.clone());
        let walk = engine.walk(birth, &all);
        let q = engine.question_index("paternity_acknowledged").unwrap();
        assert!(!walk.asked.contains(&q), "asked paternity_acknowledged with married parents");
    }
}

#[test]
fn answers_are_reused_across_situations() {
    let engine = example();
    let birth = engine.situation_index("birth").unwrap();
    let moving = engine.situation_index("moving").unwrap();
    let mut given = lifenav_core::Answers::new();
    // Answer the birth questionnaire to the end.
    loop {
        let walk = engine.walk(birth, &given);
        let Some(q) = walk.next else { break };
        let v = engine.domain(q)[0].clone();
        given.insert(engine.catalog.questions[q].id.clone(), v);
    }
    // Count the questions moving asks on top of what birth already knows.
    let count_new = |mut known: lifenav_core::Answers| {
        let mut asked = 0;
        loop {
            let walk = engine.walk(moving, &known);
            let Some(q) = walk.next else { return asked };
            asked += 1;
            known.insert(engine.catalog.questions[q].id.clone(), engine.domain(q)[0].clone());
        }
    };
    let fresh = count_new(lifenav_core::Answers::new());
    let reused = count_new(given.clone());
    // by_representative and need_kindergarten are shared: two fewer questions.
    assert_eq!(fresh, 4);
    assert_eq!(reused, 2);
}

#[test]
fn changing_an_earlier_answer_drops_answers_that_no_longer_count() {
    let engine = example();
    let birth = engine.situation_index("birth").unwrap();
    let mut given = engine
        .parse_answers([
            ("parents_married", "no"),
            ("paternity_acknowledged", "yes"),
            ("by_representative", "no"),
            ("low_income", "no"),
            ("need_kindergarten", "no"),
        ])
        .unwrap();
    let plan = engine.plan(birth, &given, None, today());
    assert!(plan.answers.iter().any(|a| a.question == "paternity_acknowledged"));
    assert_eq!(plan.steps[0].variant_id.as_deref(), Some("paternity"));
    given.extend(engine.parse_answers([("parents_married", "yes")]).unwrap());
    let plan = engine.plan(birth, &given, None, today());
    assert!(plan.complete);
    assert!(!plan.answers.iter().any(|a| a.question == "paternity_acknowledged"), "{:?}", plan.answers);
    assert_eq!(plan.steps[0].variant_id.as_deref(), Some("married"));
    assert!(plan.steps[0].why.iter().all(|a| a.question != "paternity_acknowledged"));
}

/// Keeps `Engine` in the signature of helpers honest about what they use.
#[allow(dead_code)]
fn _uses(_: &Engine) {}
