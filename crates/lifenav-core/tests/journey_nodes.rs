//! The journey's moves node by node, as the widget makes them (`src/state.rs` calls
//! these and nothing else): given where the citizen is, "back", "start over", a share
//! link and a multiple-choice tick lead exactly here.

mod common;

use common::example;
use lifenav_core::journey::{Journey, Stage};
use lifenav_core::share::{parse_fragment, Fragment};
use lifenav_core::{Date, Engine, Value};

/// The questions the walk has asked so far in the journey's situation, by id.
fn asked(engine: &Engine, j: &Journey) -> Vec<String> {
    let sit = engine.situation_index(j.situation.as_deref().unwrap()).unwrap();
    let walk = engine.walk(sit, &j.effective_answers(&engine.catalog.situations[sit].id));
    walk.asked.iter().map(|&q| engine.catalog.questions[q].id.clone()).collect()
}

fn at(stage: Stage, editing: Option<&str>) -> (Stage, Option<String>) {
    (stage, editing.map(str::to_string))
}

fn node(j: &Journey) -> (Stage, Option<String>) {
    (j.stage, j.editing.clone())
}

/// Birth, with the first two questions answered.
fn two_answered() -> (Engine, Journey) {
    let engine = example();
    let mut j = Journey::default();
    j.choose("birth");
    j.answer("by_representative", Value::Bool(false));
    j.answer("parents_married", Value::Bool(true));
    (engine, j)
}

#[test]
fn back_from_a_new_question_goes_to_the_last_answered() {
    let (engine, mut j) = two_answered();
    let asked = asked(&engine, &j);
    assert_eq!(asked, ["by_representative", "parents_married"]);
    j.back(&asked);
    assert_eq!(node(&j), at(Stage::Questions, Some("parents_married")));
    j.back(&asked);
    assert_eq!(node(&j), at(Stage::Questions, Some("by_representative")));
    j.back(&asked);
    assert_eq!(node(&j), at(Stage::Start, None), "before the first question: the list");
    assert_eq!(j.situation.as_deref(), Some("birth"), "back keeps the situation and every answer");
    assert_eq!(j.answers["birth"].len(), 2);
}

#[test]
fn back_from_the_first_question_with_nothing_asked_goes_to_the_start() {
    let engine = example();
    let mut j = Journey::default();
    j.choose("death");
    j.back(&asked(&engine, &j));
    assert_eq!(node(&j), at(Stage::Start, None));
}

#[test]
fn back_from_the_plan_and_the_review() {
    let (engine, mut j) = two_answered();
    j.answer("low_income", Value::Bool(false));
    j.answer("need_kindergarten", Value::Bool(false));
    let asked = asked(&engine, &j);
    let sit = engine.situation_index("birth").unwrap();
    j.settle(engine.walk(sit, &j.effective_answers("birth")).is_done());
    assert_eq!(node(&j), at(Stage::Review, None), "past the last question: the review");
    j.show_plan();
    j.back(&asked);
    assert_eq!(node(&j), at(Stage::Review, None));
    j.back(&asked);
    assert_eq!(node(&j), at(Stage::Questions, Some(asked.last().unwrap().as_str())), "the last question, to change");
    // Changing it and answering moves on to the review again.
    j.answer(asked.last().unwrap(), Value::Bool(true));
    j.settle(engine.walk(sit, &j.effective_answers("birth")).is_done());
    assert_eq!(node(&j), at(Stage::Review, None));
}

#[test]
fn settle_waits_while_an_earlier_answer_is_being_changed() {
    let (_, mut j) = two_answered();
    j.change("by_representative");
    j.settle(true);
    assert_eq!(node(&j), at(Stage::Questions, Some("by_representative")));
}

#[test]
fn start_over_forgets_this_situation_only() {
    let (_, mut j) = two_answered();
    j.set_event_date(Date::parse("2026-11-20").ok());
    j.toggle_tick("passport");
    j.toggle_done("birth-registration");
    j.choose("death");
    j.answer("has_will", Value::Bool(true));
    j.choose("birth");
    j.start_over();
    assert_eq!((j.situation.clone(), j.stage, j.editing.clone()), (None, Stage::Start, None));
    assert!(!j.answers.contains_key("birth") && !j.event_dates.contains_key("birth"));
    assert!(j.ticked.is_empty() && j.done.is_empty());
    assert_eq!(j.answers["death"].len(), 1, "another situation's answers stay");
}

#[test]
fn a_share_link_opens_at_the_review_in_place_of_earlier_answers() {
    let engine = example();
    let (_, mut j) = two_answered();
    j.change("parents_married");
    j.choose("death");
    j.answer("has_will", Value::Bool(true));
    let Ok(Some(Fragment::Journey(shared))) =
        parse_fragment(&engine, "#s=birth&d=2026-11-20&a.parents_married=no&a.paternity_acknowledged=yes")
    else {
        panic!()
    };
    j.apply_shared(&shared);
    assert_eq!(node(&j), at(Stage::Review, None));
    assert_eq!(j.situation.as_deref(), Some("birth"));
    assert_eq!(j.answers["birth"], shared.answers, "the link's answers, not the earlier ones");
    assert_eq!(j.event_dates["birth"], Date::parse("2026-11-20").unwrap());
    assert_eq!(j.answers["death"].len(), 1);
    // A link without a date clears an old one.
    let Ok(Some(Fragment::Journey(undated))) = parse_fragment(&engine, "#s=birth&a.parents_married=yes") else {
        panic!()
    };
    j.apply_shared(&undated);
    assert!(!j.event_dates.contains_key("birth"));
}

#[test]
fn toggling_a_multiple_choice_option() {
    assert_eq!(Journey::toggle_option("", "a"), "a");
    assert_eq!(Journey::toggle_option("a", "b"), "a,b");
    assert_eq!(Journey::toggle_option("a,b", "a"), "b");
    assert_eq!(Journey::toggle_option("b", "b"), "");
    assert_eq!(Journey::toggle_option(",a,,", "c"), "a,c", "empty parts do not count");
}

/// From the plan, the button of a situation that may come next: its questionnaire asks
/// for consent first, and with consent asks only what the answers so far leave open,
/// as many as the plan said at most.
#[test]
fn starting_what_may_come_next_asks_consent_then_fewer_questions() {
    use lifenav_core::journey::QuestionsLeft;
    let (engine, mut j) = two_answered();
    j.answer("low_income", Value::Bool(false));
    j.answer("need_kindergarten", Value::Bool(true));
    assert!(j.settle(engine.walk(0, &j.effective_answers("birth")).is_done()));
    j.show_plan();
    let today = Date::parse("2026-11-20").unwrap();
    let plan = engine.plan_for("birth", &j.effective_answers("birth"), None, today).unwrap();
    let ids: Vec<&str> = plan.next.iter().map(|n| n.situation.as_str()).collect();
    assert_eq!(ids, ["moving"]);
    let left = j.next_left(&engine, &plan);
    assert_eq!(left, [QuestionsLeft { count: plan.next[0].questions_left, without_reuse: Some(4) }]);

    j.choose("moving");
    assert_eq!(node(&j), at(Stage::Questions, None));
    // The widget asks for consent while reuse is undecided and there is something to reuse.
    assert!(j.reuse.is_none() && j.reusable("moving") > 0);
    j.reuse = Some(true);
    // Answering whatever it asks (each question's first answer), it never asks what
    // birth answered, and asks at most the count shown.
    let moving = engine.situation_index("moving").unwrap();
    let mut shown = Vec::new();
    while let Some(q) = engine.walk(moving, &j.effective_answers("moving")).next {
        let id = engine.catalog.questions[q].id.clone();
        assert!(!["by_representative", "need_kindergarten"].contains(&id.as_str()), "{id} asked again");
        j.answer(&id, engine.domain(q)[0].clone());
        shown.push(id);
    }
    assert!(!shown.is_empty() && shown.len() <= left[0].count, "{shown:?} vs {}", left[0].count);
}
