//! The words for what a plan knows only in part: which day a figure is for when it is
//! not today's («пошлина на 1 февраля 2027»), the years whose working days were
//! counted without the Government's transfers, and the facts nobody found (to ask
//! the department, with its contacts). Beside `present`, for the CLI and the widget.

use crate::engine::dated::for_date;
use crate::model::FactField;
use crate::plan::{Plan, Step};
use crate::{Date, Engine, Lang};

/// "пошлина на 1 февраля 2027": `what` («пошлина», «срок») with the day it is for,
/// when that is not `today`; `None` when it is today's.
pub fn figure_for(what: &str, on: Date, today: Date, lang: Lang) -> Option<String> {
    (on != today).then(|| format!("{what} {}", for_date(on, lang)))
}

/// The fee's and the term's day in a step, worded, when the step's facts depend on the
/// day and are read on another day than the plan's today.
pub fn step_facts_date(step: &Step, today: Date, lang: Lang) -> Option<String> {
    if !step.dated {
        return None;
    }
    let what = match (step.fee.is_some(), step.term.is_some(), lang) {
        (true, _, Lang::Ru) => "пошлина",
        (false, _, Lang::Ru) => "срок",
        (true, _, Lang::En) => "fee",
        (false, _, Lang::En) => "term",
    };
    figure_for(what, step.facts_on, today, lang)
}

/// «рабочие дни 2028 года посчитаны без переносов: уточняйте».
pub fn uncovered_years(plan: &Plan, lang: Lang) -> Option<String> {
    let years: Vec<String> = plan.uncovered_years.iter().map(|y| y.to_string()).collect();
    match (years.as_slice(), lang) {
        ([], _) => None,
        ([y], Lang::Ru) => Some(format!("рабочие дни {y} года посчитаны без переносов: уточняйте")),
        (ys, Lang::Ru) => Some(format!("рабочие дни {} годов посчитаны без переносов: уточняйте", ys.join(", "))),
        (ys, Lang::En) => {
            Some(format!("working days in {} are counted without the transfers of days off: check", ys.join(", ")))
        }
    }
}

fn field_words(f: FactField, lang: Lang) -> &'static str {
    match (f, lang) {
        (FactField::Term, Lang::Ru) => "сроки",
        (FactField::Deadline, Lang::Ru) => "срок подачи",
        (FactField::Fee, Lang::Ru) => "размер платы",
        (FactField::Criteria, Lang::Ru) => "условия",
        (FactField::Refusal, Lang::Ru) => "основания для отказа",
        (FactField::LegalBasis, Lang::Ru) => "правовое основание",
        (FactField::Channels, Lang::Ru) => "способы подачи",
        (FactField::Term, Lang::En) => "the terms",
        (FactField::Deadline, Lang::En) => "the deadline",
        (FactField::Fee, Lang::En) => "the fee",
        (FactField::Criteria, Lang::En) => "the conditions",
        (FactField::Refusal, Lang::En) => "the grounds for refusal",
        (FactField::LegalBasis, Lang::En) => "the legal basis",
        (FactField::Channels, Lang::En) => "the ways to apply",
    }
}

/// «сроки и основания для отказа уточняйте в ведомстве: <name, address, hours, phone>»
/// for a step with facts nobody found; `None` when the step has none.
pub fn unknown_facts(engine: &Engine, step: &Step, lang: Lang) -> Option<String> {
    let words: Vec<&str> = step.unknown.iter().map(|&f| field_words(f, lang)).collect();
    let list = match words.as_slice() {
        [] => return None,
        [one] => one.to_string(),
        [rest @ .., last] => {
            let and = if lang == Lang::Ru { "и" } else { "and" };
            format!("{} {and} {last}", rest.join(", "))
        }
    };
    let office = crate::present::office(engine, &step.provider, lang);
    Some(match lang {
        Lang::Ru => format!("{list} уточняйте в ведомстве: {office}"),
        Lang::En => format!("ask the department about {list}: {office}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing_json::date;

    #[test]
    fn a_figure_names_its_day_only_when_it_is_not_today() {
        let (feb, jan) = (date("2027-02-01"), date("2027-01-20"));
        assert_eq!(figure_for("пошлина", feb, jan, Lang::Ru).as_deref(), Some("пошлина на 1 февраля 2027"));
        assert_eq!(figure_for("fee", feb, jan, Lang::En).as_deref(), Some("fee for 1 February 2027"));
        assert_eq!(figure_for("пошлина", jan, jan, Lang::Ru), None);
    }
}
