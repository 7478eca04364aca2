//! The pure logic under the widget, on the example catalog: search, share links,
//! saved journeys and calendar export.

mod common;

use common::example;
use lifenav_core::journey::{Journey, Stage};
use lifenav_core::search::search;
use lifenav_core::share::{journey_fragment, parse_fragment, Fragment};
use lifenav_core::{Date, Lang, Value};

fn found(query: &str) -> Vec<String> {
    let engine = example();
    search(&engine, query).into_iter().map(|i| engine.catalog.situations[i].id.clone()).collect()
}

#[test]
fn search_tolerates_word_forms_prefixes_and_typos() {
    assert_eq!(found("ребен").first().map(String::as_str), Some("birth"));
    assert_eq!(found("рожд").first().map(String::as_str), Some("birth"));
    assert_eq!(found("Рождние").first().map(String::as_str), Some("birth"), "one typo");
    assert_eq!(found("рождения ребёнка").first().map(String::as_str), Some("birth"));
    assert_eq!(found("похорон").first().map(String::as_str), Some("death"));
    assert_eq!(found("moving"), vec!["moving"]);
    assert!(found("жираф").is_empty());
    assert!(found("   ").is_empty());
    // Ranked, not all-or-nothing: a word the catalog does not know costs nothing.
    assert_eq!(found("рождение жираф"), vec!["birth"]);
}

#[test]
fn search_finds_the_irkutsk_situations_citizens_type() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/irkutsk");
    let engine = lifenav_core::Engine::build(lifenav_core::source::load_dir(&dir).catalog.unwrap()).0.unwrap();
    let found = |q: &str| -> Vec<String> {
        search(&engine, q).into_iter().map(|i| engine.catalog.situations[i].id.clone()).collect()
    };
    assert_eq!(found("ребен").first().map(String::as_str), Some("birth"));
    assert_eq!(found("рожд").first().map(String::as_str), Some("birth"));
    assert_eq!(found("детсад").first().map(String::as_str), Some("kindergarten"));
    assert_eq!(found("детсат").first().map(String::as_str), Some("kindergarten"), "a typo");
    assert_eq!(found("свадьба").first().map(String::as_str), Some("marriage"));
    assert!(found("ип").contains(&"business".to_string()));
}

#[test]
fn share_link_round_trip() {
    let engine = example();
    let answers = engine.parse_answers([("parents_married", "no"), ("paternity_acknowledged", "yes")]).unwrap();
    let date = Date::parse("2026-11-20").ok();
    let fragment = journey_fragment("birth", date, &answers);
    assert!(!fragment.contains(' '), "{fragment}");
    let Ok(Some(Fragment::Journey(j))) = parse_fragment(&engine, &format!("#{fragment}")) else {
        panic!("{fragment} did not parse")
    };
    assert_eq!(j.situation, "birth");
    assert_eq!(j.event_date, date);
    assert_eq!(j.answers, answers);
    assert!(j.dropped.is_empty());
}

#[test]
fn share_link_with_unknown_parts() {
    let engine = example();
    assert_eq!(
        parse_fragment(&engine, "#s=wedding&a.parents_married=yes").unwrap_err(),
        lifenav_core::share::LinkProblem::UnknownSituation("wedding".into())
    );
    let Ok(Some(Fragment::Journey(j))) =
        parse_fragment(&engine, "#s=birth&a.nope=yes&a.parents_married=maybe&d=2026-13-01")
    else {
        panic!()
    };
    assert!(j.answers.is_empty());
    assert_eq!(j.dropped.len(), 3, "{:?}", j.dropped);
    assert_eq!(parse_fragment(&engine, "#top").unwrap(), None, "a host page's own anchors are not ours");
    assert_eq!(parse_fragment(&engine, "#rate/snils").unwrap(), Some(Fragment::Rate("snils".into())));
    assert!(parse_fragment(&engine, "#rate/nope").is_err());
}

#[test]
fn journey_survives_a_save_and_a_reload() {
    let engine = example();
    let mut j =
        Journey { situation: Some("birth".into()), stage: Stage::Plan, reuse: Some(true), ..Journey::default() };
    j.answers.insert("birth".into(), engine.parse_answers([("parents_married", "yes")]).unwrap());
    j.answers.insert("moving".into(), engine.parse_answers([("housing", "owner")]).unwrap());
    j.event_dates.insert("birth".into(), Date::parse("2026-11-20").unwrap());
    j.ticked.insert("birth".into(), ["passport".to_string()].into());
    let (back, dropped) = Journey::restore(&engine, &j.to_json()).unwrap();
    assert!(dropped.is_empty(), "{dropped:?}");
    assert_eq!(back, j);
}

#[test]
fn ticks_and_done_steps_belong_to_the_current_situation() {
    let mut j = Journey { situation: Some("birth".into()), ..Journey::default() };
    j.toggle_tick("passport");
    j.toggle_done("snils");
    assert!(j.is_ticked("passport") && j.is_done("snils"));
    j.situation = Some("death".into());
    assert!(!j.is_ticked("passport") && !j.is_done("snils"), "another situation has its own");
    j.situation = Some("birth".into());
    j.toggle_tick("passport");
    assert!(!j.is_ticked("passport"));
    assert!(!j.ticked.contains_key("birth"), "an emptied set leaves nothing behind");
    j.situation = None;
    j.toggle_done("snils");
    assert_eq!(j.done.len(), 1, "no situation: nothing to mark");
}

#[test]
fn damaged_saved_state_is_refused_or_trimmed_never_trusted() {
    let engine = example();
    assert!(Journey::restore(&engine, "{not json").is_err());
    assert!(Journey::restore(&engine, r#"{"v":99}"#).unwrap_err().contains("version"));
    let (j, dropped) = Journey::restore(
        &engine,
        r#"{"v":1,"situation":"gone","stage":"plan","answers":{"birth":{"parents_married":"perhaps","nope":true,"by_representative":false}}}"#,
    )
    .unwrap();
    assert_eq!(j.situation, None);
    assert_eq!(j.stage, Stage::Start, "no situation, so back to the start");
    assert_eq!(j.answers["birth"].len(), 1);
    assert_eq!(dropped.len(), 3, "{dropped:?}");
}

#[test]
fn answers_cross_situations_only_with_consent() {
    let engine = example();
    let mut j = Journey::default();
    j.answers.insert("birth".into(), engine.parse_answers([("by_representative", "yes")]).unwrap());
    assert_eq!(j.reusable("death"), 1);
    assert!(j.effective_answers("death").is_empty(), "not asked yet: nothing crosses");
    j.reuse = Some(false);
    assert!(j.effective_answers("death").is_empty());
    j.reuse = Some(true);
    assert_eq!(j.effective_answers("death").get("by_representative"), Some(&Value::Bool(true)));
    // The situation's own answer wins.
    j.answers.insert("death".into(), engine.parse_answers([("by_representative", "no")]).unwrap());
    assert_eq!(j.effective_answers("death").get("by_representative"), Some(&Value::Bool(false)));
    j.forget("by_representative");
    assert!(j.profile().is_empty());
    assert!(j.answers.is_empty());
}

#[test]
fn calendar_has_one_event_per_deadline() {
    let engine = example();
    let answers = engine.parse_answers([("parents_married", "yes"), ("by_representative", "no")]).unwrap();
    let plan =
        engine.plan_for("birth", &answers, Date::parse("2026-11-20").ok(), Date::parse("2026-11-21").unwrap()).unwrap();
    let deadlines = plan.steps.iter().filter(|s| s.deadline_date.is_some()).count();
    assert!(deadlines > 0);
    let ics = lifenav_core::ics::deadlines_calendar(&engine, &plan, Lang::Ru, "20261121T100000Z").unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), deadlines);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let first = plan.steps.iter().find_map(|s| s.deadline_date).unwrap();
    assert!(ics.contains(&format!("DTSTART;VALUE=DATE:{}", first.to_string().replace('-', ""))));
    // Without an event date there are no dates to export.
    let undated = engine.plan_for("birth", &answers, None, Date::parse("2026-11-21").unwrap()).unwrap();
    assert!(lifenav_core::ics::deadlines_calendar(&engine, &undated, Lang::Ru, "x").is_none());
}

#[test]
fn the_first_screen_index_lists_and_finds_what_the_catalog_does() {
    use lifenav_core::search::SituationIndex;
    let engine = example();
    let index = SituationIndex::from_catalog(&engine.catalog);
    let read = SituationIndex::parse(&index.to_text()).expect("the index reads back");
    assert_eq!(read, index);
    for q in ["ребен", "похорон", "moving", "рождение жираф"] {
        assert_eq!(read.search(q), search(&engine, q), "{q}");
    }
    // Every situation is listed once, each category's members by rank, categories by
    // their most common situation.
    let groups = read.by_category();
    let mut listed: Vec<usize> = groups.iter().flat_map(|(_, m)| m.clone()).collect();
    listed.sort();
    assert_eq!(listed, (0..engine.catalog.situations.len()).collect::<Vec<_>>());
    let first_ranks: Vec<u32> = groups.iter().map(|(_, m)| read.situations[m[0]].rank).collect();
    assert!(first_ranks.windows(2).all(|w| w[0] <= w[1]), "{first_ranks:?}");
    for (_, members) in &groups {
        assert!(members.windows(2).all(|w| read.situations[w[0]].rank <= read.situations[w[1]].rank));
    }
}
