use super::*;
use crate::model::{Choice, QuestionKind};
use crate::Text;

fn q(id: &str, kind: QuestionKind, options: &[&str]) -> Question {
    Question {
        id: id.into(),
        kind,
        text: Text::ru(id),
        help: None,
        options: options.iter().map(|o| Choice { id: o.to_string(), text: Text::ru(*o) }).collect(),
        min: None,
        max: None,
        unit: None,
        when: None,
    }
}

fn questions() -> Vec<Question> {
    vec![
        q("married", QuestionKind::YesNo, &[]),
        q("housing", QuestionKind::Single, &["own", "rent"]),
        q("children", QuestionKind::Number, &[]),
        q("benefits", QuestionKind::Multiple, &["large_family", "disability"]),
    ]
}

fn row(question: &str, op: ClauseOp, values: &[&str]) -> Clause {
    Clause { question: question.into(), op, values: values.iter().map(|v| v.to_string()).collect() }
}

#[test]
fn an_unknown_option_is_reported_at_its_value() {
    let found = problems("married and housing == \"renter\"", &questions());
    assert_eq!(
        found,
        [ConditionError::new(
            24,
            "у вопроса `housing` нет варианта ответа \"renter\"; его варианты: own, rent",
            "question `housing` has no option \"renter\"; its options are: own, rent",
        )]
    );
}

#[test]
fn every_part_of_a_condition_is_checked() {
    let found = problems("marryed or housing in [\"own\", \"flat\"] and children > \"3\"", &questions());
    let columns: Vec<usize> = found.iter().map(|e| e.column).collect();
    assert_eq!(columns, [1, 31, 43], "{found:?}");
    assert!(found[0].message.contains("может быть, `married`"));
    assert!(found[0].message_en.contains("did you mean `married`"));
    assert_eq!(problems("married and children >= 3", &questions()), []);
    let syntax = problems("married and", &questions());
    assert_eq!((syntax.len(), syntax[0].column), (1, 12));
}

#[test]
fn a_plain_and_of_comparisons_becomes_rows_and_back() {
    let rows = to_clauses("not a and b == 'x' and c in [«p», \"q\"] and n >= 3 and d < 2020-07-15").unwrap();
    assert_eq!(
        rows,
        [
            row("a", ClauseOp::IsNot, &[]),
            row("b", ClauseOp::Eq, &["x"]),
            row("c", ClauseOp::In, &["p", "q"]),
            row("n", ClauseOp::Ge, &["3"]),
            row("d", ClauseOp::Lt, &["2020-07-15"]),
        ]
    );
    assert_eq!(from_clauses(&rows), "not a and b == \"x\" and c in [\"p\", \"q\"] and n >= 3 and d < 2020-07-15");
    assert_eq!(to_clauses("married"), Some(vec![row("married", ClauseOp::Is, &[])]));
    assert_eq!(from_clauses(&[row("t", ClauseOp::Contains, &["say \"hi\""])]), "t contains 'say \"hi\"'");
    assert_eq!(from_clauses(&[]), "");
}

#[test]
fn what_rows_cannot_hold_stays_text() {
    for src in [
        "a or b",
        "not (a and b)",
        "(a and b) and c",
        "not status == \"x\"",
        "status == \"1\"",
        "status == \"true\"",
        "true",
        "a and",
    ] {
        assert_eq!(to_clauses(src), None, "{src}");
    }
}

// Reads the catalog folder: needs the `source` feature (without it, `cargo test -p
// lifenav-core` did not compile).
#[cfg(feature = "source")]
#[test]
fn every_condition_of_the_irkutsk_catalog_that_rows_hold_comes_back_the_same() {
    let engine = crate::testing::engine("irkutsk");
    let c = &engine.catalog;
    let mut whens: Vec<&str> = Vec::new();
    whens.extend(c.questions.iter().filter_map(|q| q.when.as_deref()));
    whens.extend(c.situations.iter().flat_map(|s| s.services.iter().filter_map(|i| i.when.as_deref())));
    for s in &c.services {
        whens.extend(s.variants.iter().filter_map(|v| v.when.as_deref()));
        let bodies = std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body));
        whens.extend(bodies.flat_map(|b| b.documents.iter().filter_map(|d| d.when.as_deref())));
    }
    let lookup = QuestionList(&c.questions);
    let compiled = |src: &str| compile(&parse(src).unwrap(), &lookup).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut held = 0;
    for w in &whens {
        let Some(rows) = to_clauses(w) else { continue };
        held += 1;
        let again = from_clauses(&rows);
        assert_eq!(compiled(&again), compiled(w), "{w} → {again}");
    }
    assert!(held * 2 > whens.len(), "rows hold only {held} of {} conditions", whens.len());
}
