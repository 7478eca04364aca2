use super::*;
use crate::diagnostic::Seg;
use crate::edit::{self, FieldValue};
use crate::testing;
use toml_edit::DocumentMut;

fn file(name: &str, text: &str) -> SourceFile {
    SourceFile { name: name.into(), text: text.into() }
}

const ONE: &str = "[[scenario]]\nname = \"one\"\nsituation = \"birth\"\n\n[scenario.expect]\nquestions = 1\n";

#[test]
fn scenario_files_are_chosen_by_their_place_in_the_catalog() {
    let relative = [
        file("catalog.toml", ""),
        file("scenarios/birth.toml", ONE),
        file("services/scenarios/x.toml", "id = 1"),
        file("other/scenarios/y.toml", "nonsense ="),
    ];
    let read = read(&relative).unwrap();
    assert_eq!(read.iter().map(|s| s.file.as_str()).collect::<Vec<_>>(), ["scenarios/birth.toml"]);
    let full = [file("cat/x/catalog.toml", ""), file("cat/x/scenarios/b.toml", ONE), file("cat/x/services/s.toml", "")];
    assert_eq!(super::read(&full).unwrap().len(), 1);
    assert_eq!(read_in("", &[file("scenarios/b.toml", ONE)]).unwrap().len(), 1);
}

/// The answers of every scenario of the example, with an answer no question of its
/// situation asks.
fn example_cases(engine: &Engine) -> Vec<(Located, Answers)> {
    let (_, files) = testing::files("example");
    read(&files)
        .unwrap()
        .into_iter()
        .map(|l| {
            let mut a = answers(engine, &l.scenario).unwrap();
            if l.scenario.situation == "birth" {
                a.insert("paid_funeral".into(), crate::Value::Bool(true));
            }
            (l, a)
        })
        .collect()
}

fn written(engine: &Engine, l: &Located, answers: &Answers) -> Scenario {
    let s = &l.scenario;
    let today = s.today.unwrap_or(engine.catalog.meta.effective);
    let sit = engine.situation_index(&s.situation).unwrap();
    let text = from_plan(engine, &s.name, sit, answers, s.event_date, today);
    // The extra answer to a question the birth questionnaire never asks is left out.
    assert_eq!(text.contains("paid_funeral"), s.situation == "death", "{text}");
    let mut found = read(&[file("scenarios/new.toml", &text)]).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    assert_eq!(found.len(), 1);
    found.remove(0).scenario
}

#[test]
fn a_scenario_written_from_a_plan_passes_and_catches_a_fee_change() {
    let (root, files) = testing::files("example");
    let engine = testing::build(&root, files.clone());
    let mut doc: DocumentMut = testing::file(&files, "services/birth-registration.toml").text.parse().unwrap();
    let fee = ["variants", "1", "fee", "amount"].map(|s| s.parse().map_or_else(|_| Seg::Key(s.into()), Seg::Index));
    edit::set(&mut doc, &fee, &FieldValue::Float(500.0)).unwrap();
    let changed =
        testing::build(&root, testing::with_text(&files, "services/birth-registration.toml", doc.to_string()));
    let mut caught = 0;
    for (l, answers) in example_cases(&engine) {
        let s = written(&engine, &l, &answers);
        assert_eq!(run(&engine, &s, engine.catalog.meta.effective), Vec::<String>::new(), "{}", s.name);
        assert!(s.expect.services.as_ref().is_some_and(|v| !v.is_empty()) && s.expect.starts.is_some());
        let failures = run(&changed, &s, engine.catalog.meta.effective);
        let paternity = s.expect.variants.as_ref().and_then(|v| v.get("birth-registration")).map(String::as_str);
        if paternity == Some("paternity") {
            assert_eq!(failures, ["пошлины всего: ожидалось 350\u{a0}₽, по плану 500\u{a0}₽"]);
            caught += 1;
        } else {
            assert_eq!(failures, Vec::<String>::new(), "{}", s.name);
        }
    }
    assert!(caught > 0);
}

#[test]
fn appending_keeps_the_file_text() {
    let (_, files) = testing::files("example");
    let original = &testing::file(&files, "scenarios/birth.toml").text;
    let before = toml::from_str::<ScenarioFile>(original).unwrap().scenario.len();
    let with_comment = format!("{original}# the last line\n");
    let appended = append(&with_comment, ONE).unwrap();
    assert!(appended.starts_with(&with_comment), "{appended}");
    let after = toml::from_str::<ScenarioFile>(&appended).unwrap().scenario;
    assert_eq!(after.len(), before + 1);
    assert_eq!(after[before].name, "one");
    assert_eq!(append("", ONE).unwrap(), ONE);
    assert_eq!(append("\n", ONE).unwrap(), ONE);
    assert!(append(original, "name = \"loose\"").is_err());
    assert!(append(original, "").is_err());
    assert!(append("scenario = 3", ONE).is_err());
}

#[test]
fn every_example_scenario_runs_from_files_as_lifenav_test_runs_it() {
    let (root, files) = testing::files("example");
    let engine = testing::build(&root, files.clone());
    let outcomes = run_files(&engine, &root, &files).unwrap();
    assert_eq!(outcomes.len(), read(&files).unwrap().len());
    assert!(outcomes.iter().all(|o| o.failures.is_empty()), "{outcomes:?}");
    let relative: Vec<SourceFile> =
        files.iter().map(|f| file(&crate::source::relative(&root, &f.name), &f.text)).collect();
    let again = run_files(&engine, "", &relative).unwrap();
    assert_eq!(again.iter().map(|o| &o.name).collect::<Vec<_>>(), outcomes.iter().map(|o| &o.name).collect::<Vec<_>>());
    assert!(again.iter().all(|o| o.file.starts_with("scenarios/")));
    let broken = [file("scenarios/bad.toml", "[[scenario]]\nname = 1\n")];
    assert!(run_files(&engine, "", &broken).unwrap_err()[0].starts_with("scenarios/bad.toml:"));
}

#[test]
fn a_scenario_expects_what_may_come_next_in_order() {
    let engine = testing::engine("example");
    let scenario = |next: &str| {
        let text = format!(
            "[[scenario]]\nname = \"n\"\nsituation = \"birth\"\n\
             answers = {{ by_representative = false, parents_married = true, low_income = false, need_kindergarten = {} }}\n\
             [scenario.expect]\nnext = {next}\n",
            next != "[]"
        );
        read(&[file("scenarios/n.toml", &text)]).unwrap().remove(0).scenario
    };
    let today = engine.catalog.meta.effective;
    assert_eq!(run(&engine, &scenario("[\"moving\"]"), today), Vec::<String>::new());
    assert_eq!(run(&engine, &scenario("[]"), today), Vec::<String>::new());
    let mut wrong = scenario("[\"moving\"]");
    wrong.expect.next = Some(vec!["death".into()]);
    assert_eq!(
        run(&engine, &wrong, today),
        ["что может понадобиться дальше: ожидалось «Смерть близкого человека», по плану «Переезд»"]
    );
    // A scenario written from the plan pins it down.
    let sit = engine.situation_index("birth").unwrap();
    let answers = engine
        .parse_answers([
            ("by_representative", "no"),
            ("parents_married", "yes"),
            ("low_income", "no"),
            ("need_kindergarten", "yes"),
        ])
        .unwrap();
    let written = from_plan(&engine, "w", sit, &answers, None, today);
    assert!(written.contains("next = [\"moving\"]"), "{written}");
}

#[test]
fn refreshing_a_scenario_follows_the_new_plan_and_changes_only_what_it_checks() {
    let (root, files) = testing::files("example");
    let engine = testing::build(&root, files.clone());
    let scenarios = testing::file(&files, "scenarios/birth.toml");
    let outcomes = run_files(&engine, &root, &files).unwrap();
    let name = outcomes.iter().find(|o| o.file == scenarios.name).unwrap().name.clone();
    // Nothing changed: nothing to refresh, and the text stays byte for byte.
    let same = refresh(&engine, &scenarios.text, &name).unwrap();
    assert_eq!(same.changes, []);
    assert_eq!(same.text, scenarios.text);
    // The scenario's expectations made wrong on purpose: refreshing puts back what the plan gives.
    let broken = scenarios.text.replacen("[scenario.expect]\n", "[scenario.expect]\n# Пошлины.\n", 1);
    let mut doc: toml_edit::DocumentMut = broken.parse().unwrap();
    let expect = &mut doc["scenario"][0]["expect"];
    let had_questions = expect.get("questions").is_some();
    expect["visits"] = toml_edit::value(7);
    let broken = doc.to_string();
    let r = refresh(&engine, &broken, &name).unwrap();
    let keys: Vec<&str> = r.changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["visits"], "only the broken expectation");
    assert_eq!(r.changes[0].before, "7");
    assert!(r.text.contains("# Пошлины."), "comments stay");
    assert_eq!(r.text.contains("questions ="), had_questions, "no expectation added");
    let files = testing::with_text(&files, "scenarios/birth.toml", r.text.clone());
    let again = run_files(&engine, &root, &files).unwrap();
    assert!(again.iter().all(|o| o.failures.is_empty()), "{again:?}");
}
