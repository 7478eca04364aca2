//! Node by node, as GOV.UK Smart Answers tests its flows: given these answers, the
//! next question is X (or the plan is complete), with honest progress.

mod common;

use common::example;

fn next(situation: &str, pairs: &[(&str, &str)]) -> Option<String> {
    let engine = example();
    let sit = engine.situation_index(situation).unwrap();
    let answers = engine.parse_answers(pairs.iter().copied()).unwrap();
    engine.walk(sit, &answers).next.map(|q| engine.catalog.questions[q].id.clone())
}

#[test]
fn birth_starts_with_the_question_that_settles_the_most() {
    // by_representative decides a document in three of the birth services.
    assert_eq!(next("birth", &[]).as_deref(), Some("by_representative"));
}

#[test]
fn birth_then_asks_about_the_parents() {
    assert_eq!(next("birth", &[("by_representative", "no")]).as_deref(), Some("parents_married"));
}

#[test]
fn unmarried_parents_are_asked_about_paternity() {
    assert_eq!(
        next("birth", &[("by_representative", "no"), ("parents_married", "no")]).as_deref(),
        Some("paternity_acknowledged")
    );
}

#[test]
fn married_parents_go_straight_to_the_benefit() {
    assert_eq!(
        next("birth", &[("by_representative", "no"), ("parents_married", "yes")]).as_deref(),
        Some("low_income")
    );
}

#[test]
fn birth_is_complete_after_the_kindergarten_question() {
    let answers =
        [("by_representative", "no"), ("parents_married", "yes"), ("low_income", "no"), ("need_kindergarten", "yes")];
    assert_eq!(next("birth", &answers), None);
}

#[test]
fn moving_asks_about_housing_before_children() {
    assert_eq!(next("moving", &[("by_representative", "yes")]).as_deref(), Some("housing"));
}

#[test]
fn progress_never_promises_less_than_is_asked() {
    let engine = example();
    for sit in 0..engine.catalog.situations.len() {
        for combo in common::combinations(&engine, &engine.situation_questions(sit)) {
            let full = common::answers(&engine, &combo);
            let total = engine.walk(sit, &full).asked.len();
            let mut partial = lifenav_core::Answers::new();
            loop {
                let walk = engine.walk(sit, &partial);
                let Some(q) = walk.next else { break };
                assert!(
                    walk.asked.len() + walk.remaining_max >= total,
                    "after {} answers it promised at most {} more, but {total} were asked in all",
                    walk.asked.len(),
                    walk.remaining_max
                );
                let id = &engine.catalog.questions[q].id;
                partial.insert(id.clone(), full[id].clone());
            }
        }
    }
}

#[test]
fn death_asks_whether_there_is_an_inheritance_before_asking_about_a_will() {
    assert_eq!(next("death", &[("by_representative", "no")]).as_deref(), Some("has_inheritance"));
    assert_eq!(
        next("death", &[("by_representative", "no"), ("has_inheritance", "no")]).as_deref(),
        Some("paid_funeral")
    );
}

/// The questions a situation that may come next would still ask are an honest bound:
/// for every Irkutsk plan that names one (its questions answered in several ways), the
/// next questionnaire, answered in several ways too, never asks more than the plan said.
#[test]
fn what_may_come_next_never_asks_more_than_the_plan_says() {
    let engine = common::catalog("irkutsk");
    let today = lifenav_core::Date::parse("2026-11-20").unwrap();
    let mut checked = 0;
    for sit in 0..engine.catalog.situations.len() {
        for pick in 0..3 {
            // Answer the situation's questionnaire, each question with answer `pick` of its domain.
            let mut answers = lifenav_core::Answers::new();
            while let Some(q) = engine.walk(sit, &answers).next {
                let d = engine.domain(q);
                answers.insert(engine.catalog.questions[q].id.clone(), d[pick % d.len()].clone());
            }
            let plan = engine.plan(sit, &answers, None, today);
            for n in &plan.next {
                let next = engine.situation_index(&n.situation).unwrap();
                for pick_next in 0..3 {
                    let mut carried: lifenav_core::Answers =
                        plan.answers.iter().map(|a| (a.question.clone(), a.value.clone())).collect();
                    let mut asked = 0;
                    while let Some(q) = engine.walk(next, &carried).next {
                        let d = engine.domain(q);
                        carried
                            .insert(engine.catalog.questions[q].id.clone(), d[(pick_next + asked) % d.len()].clone());
                        asked += 1;
                    }
                    assert!(
                        asked <= n.questions_left,
                        "{} → {}: asked {asked}, the plan said at most {}",
                        plan.situation,
                        n.situation,
                        n.questions_left
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 20, "{checked}");
}
