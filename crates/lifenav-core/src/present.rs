//! Words for presenting plans to people, in Russian or English: labels, levels,
//! channels, terms, fees, plurals. One place for them, shared by the CLI and the widget.

use crate::model::{ChannelKind, Level, Period, PeriodUnit};
use crate::plan::{ChecklistItem, DocLine};
use crate::{Engine, Lang, Value};
use std::fmt::Write;

/// The words a plan is told in.
pub struct Labels {
    pub plan: &'static str,
    pub fees: &'static str,
    pub free: &'static str,
    pub nearest: &'static str,
    pub step: &'static str,
    pub why: &'static str,
    pub bring: &'static str,
    pub obtained: &'static str,
    pub received: &'static str,
    pub at_step: &'static str,
    pub term: &'static str,
    pub deadline: &'static str,
    pub until: &'static str,
    pub overdue: &'static str,
    pub fee: &'static str,
    pub criteria: &'static str,
    pub refusal: &'static str,
    pub channels: &'static str,
    pub results: &'static str,
    pub checklist: &'static str,
    pub original: &'static str,
    pub copies: &'static str,
    pub start_from: &'static str,
    pub ready_by: &'static str,
    pub automatic: &'static str,
    pub remote: &'static str,
    pub undecided: &'static str,
    pub next_question: &'static str,
    pub check: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub days: &'static str,
    pub working_days: &'static str,
    pub months: &'static str,
    pub legal_basis: &'static str,
    pub visit_plan: &'static str,
    pub no_visits: &'static str,
}

pub const RU: Labels = Labels {
    plan: "Ваш план",
    fees: "пошлины",
    free: "бесплатно",
    nearest: "Ближайший срок",
    step: "Шаг",
    why: "Почему этот шаг",
    bring: "Принести",
    obtained: "Ведомство запросит само",
    received: "Получите на предыдущих шагах",
    at_step: "шаг",
    term: "Срок рассмотрения",
    deadline: "Срок обращения",
    until: "до",
    overdue: "срок уже прошёл",
    fee: "Пошлина",
    criteria: "Как принимают решение",
    refusal: "Могут отказать, если",
    channels: "Куда обратиться",
    results: "Что получите",
    checklist: "Что взять с собой (всё сразу)",
    original: "оригинал",
    copies: "копий",
    start_from: "можно начать с",
    ready_by: "результат не раньше",
    automatic: "ничего делать не нужно: ведомство сделает само",
    remote: "можно без визита",
    undecided: "Ещё решается (ответьте на вопросы)",
    next_question: "Следующий вопрос",
    check: "уточняйте",
    yes: "да",
    no: "нет",
    days: "календарных дней",
    working_days: "рабочих дней",
    months: "мес.",
    legal_basis: "Основание",
    visit_plan: "Визиты",
    no_visits: "ходить никуда не нужно",
};

pub const EN: Labels = Labels {
    plan: "Your plan",
    fees: "fees",
    free: "free",
    nearest: "Nearest deadline",
    step: "Step",
    why: "Why this step",
    bring: "Bring",
    obtained: "The authority obtains itself",
    received: "You receive at an earlier step",
    at_step: "step",
    term: "Processing term",
    deadline: "Your deadline",
    until: "by",
    overdue: "the deadline has passed",
    fee: "Fee",
    criteria: "How the decision is made",
    refusal: "Grounds for refusal",
    channels: "Where to apply",
    results: "You receive",
    checklist: "What to bring (everything)",
    original: "original",
    copies: "copies",
    start_from: "can start on",
    ready_by: "result not before",
    automatic: "nothing to do: the authority acts by itself",
    remote: "no visit needed",
    undecided: "Still undecided (answer the questions)",
    next_question: "Next question",
    check: "check",
    yes: "yes",
    no: "no",
    days: "calendar days",
    working_days: "working days",
    months: "months",
    legal_basis: "Legal basis",
    visit_plan: "Visits",
    no_visits: "no visits needed",
};

pub fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

pub fn level(l: Level, lang: Lang) -> &'static str {
    match (l, lang) {
        (Level::Municipal, Lang::Ru) => "муниципальная",
        (Level::Regional, Lang::Ru) => "региональная",
        (Level::Federal, Lang::Ru) => "федеральная",
        (Level::NonGovernment, Lang::Ru) => "негосударственная",
        (Level::Municipal, Lang::En) => "municipal",
        (Level::Regional, Lang::En) => "regional",
        (Level::Federal, Lang::En) => "federal",
        (Level::NonGovernment, Lang::En) => "non-government",
    }
}

pub fn channel(k: ChannelKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (ChannelKind::InPerson, Lang::Ru) => "лично",
        (ChannelKind::OneWindow, Lang::Ru) => "«Единое окно»",
        (ChannelKind::Mfc, Lang::Ru) => "МФЦ",
        (ChannelKind::Portal, Lang::Ru) => "Госуслуги",
        (ChannelKind::Post, Lang::Ru) => "почтой",
        (ChannelKind::Automatic, Lang::Ru) => "автоматически",
        (ChannelKind::InPerson, Lang::En) => "in person",
        (ChannelKind::OneWindow, Lang::En) => "one-window office",
        (ChannelKind::Mfc, Lang::En) => "MFC",
        (ChannelKind::Portal, Lang::En) => "Gosuslugi portal",
        (ChannelKind::Post, Lang::En) => "by post",
        (ChannelKind::Automatic, Lang::En) => "automatically",
    }
}

pub fn value(engine: &Engine, question: &str, v: &Value, lang: Lang) -> String {
    let l = labels(lang);
    let q = engine.catalog.question(question);
    let option = |id: &str| {
        q.and_then(|q| q.options.iter().find(|o| o.id == id))
            .map(|o| o.text.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match v {
        Value::Bool(true) => l.yes.into(),
        Value::Bool(false) => l.no.into(),
        Value::Choice(c) => option(c),
        Value::Set(s) => s.iter().map(|c| option(c)).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n.to_string(),
        Value::Date(d) => d.human(lang),
    }
}

pub fn period(p: &Period, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = match p.amount() {
        Some((0, PeriodUnit::Days)) => {
            if lang == Lang::Ru {
                "в тот же день".to_string()
            } else {
                "the same day".to_string()
            }
        }
        Some((n, PeriodUnit::Days)) => format!("{n} {}", l.days),
        Some((n, PeriodUnit::WorkingDays)) => format!("{n} {}", l.working_days),
        Some((n, PeriodUnit::Months)) => format!("{n} {}", l.months),
        None => "?".into(),
    };
    sourced(&mut s, p.basis.as_ref().map(|b| b.get(lang)), p.unverified, lang);
    s
}

pub fn sourced(s: &mut String, basis: Option<&str>, unverified: bool, lang: Lang) {
    if let Some(b) = basis {
        let _ = write!(s, " ({b})");
    }
    if unverified {
        let _ = write!(s, " [{}]", labels(lang).check);
    }
}

/// Russian plural forms: 1 шаг, 2 шага, 5 шагов.
pub fn plural(n: usize, lang: Lang, forms: [&str; 3], en: [&str; 2]) -> String {
    let form = match lang {
        Lang::En => {
            if n == 1 {
                en[0]
            } else {
                en[1]
            }
        }
        Lang::Ru => {
            let (d10, d100) = (n % 10, n % 100);
            if d10 == 1 && d100 != 11 {
                forms[0]
            } else if (2..=4).contains(&d10) && !(12..=14).contains(&d100) {
                forms[1]
            } else {
                forms[2]
            }
        }
    };
    format!("{n} {form}")
}

pub fn doc(line: &DocLine, lang: Lang, to_bring: bool) -> String {
    let l = labels(lang);
    let mut s = line.title.get(lang).to_string();
    let mut bits = Vec::new();
    if line.original && to_bring {
        bits.push(l.original.to_string());
    }
    if line.copies > 0 {
        bits.push(format!("{} {}", l.copies, line.copies));
    }
    if let Some(n) = line.from_step {
        bits.push(format!("{} {n}", l.at_step));
    }
    if !bits.is_empty() {
        let _ = write!(s, " ({})", bits.join(", "));
    }
    if let Some(note) = &line.note {
        let _ = write!(s, ": {}", note.get(lang));
    }
    s
}

/// "шаг 1, 3" / "step 1, 3": the steps a document or a visit serves.
pub fn step_numbers(steps: &[usize], lang: Lang) -> String {
    let steps: Vec<String> = steps.iter().map(|n| n.to_string()).collect();
    format!("{} {}", labels(lang).step.to_lowercase(), steps.join(", "))
}

/// A document on the merged checklist: "Паспорт (оригинал) (копий 2)".
pub fn checklist_item(item: &ChecklistItem, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = item.title.get(lang).to_string();
    if item.original {
        let _ = write!(s, " ({})", l.original);
    }
    if item.copies > 0 {
        let _ = write!(s, " ({} {})", l.copies, item.copies);
    }
    s
}

pub fn fee_amount(amount: f64) -> String {
    if amount.fract() == 0.0 {
        format!("{amount:.0} ₽")
    } else {
        format!("{amount:.2} ₽")
    }
}

/// A department with its address, hours and phone, in one line.
pub fn office(engine: &Engine, id: &str, lang: Lang) -> String {
    match engine.department(id) {
        None => id.to_string(),
        Some(d) => {
            let mut s = d.name.get(lang).to_string();
            if let Some(a) = &d.address {
                let _ = write!(s, ", {}", a.get(lang));
            }
            if let Some(h) = &d.hours {
                let _ = write!(s, "; {}", h.get(lang));
            }
            if let Some(p) = &d.phone {
                let _ = write!(s, "; {p}");
            }
            s
        }
    }
}
