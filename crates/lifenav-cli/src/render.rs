//! Plans as text for the terminal, in Russian or English.

use lifenav_core::model::{ChannelKind, Level, Period, PeriodUnit};
use lifenav_core::plan::{DocLine, StepMode};
use lifenav_core::{Engine, Lang, Plan, Value};
use std::fmt::Write;

/// Interface strings of the CLI, in one place.
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

fn channel(k: ChannelKind, lang: Lang) -> &'static str {
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

fn period(p: &Period, lang: Lang) -> String {
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

fn sourced(s: &mut String, basis: Option<&str>, unverified: bool, lang: Lang) {
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

fn doc(line: &DocLine, lang: Lang, to_bring: bool) -> String {
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

fn fee_amount(amount: f64) -> String {
    if amount.fract() == 0.0 {
        format!("{amount:.0} ₽")
    } else {
        format!("{amount:.2} ₽")
    }
}

fn office(engine: &Engine, id: &str, lang: Lang) -> String {
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

/// The whole plan as text.
pub fn plan(engine: &Engine, plan: &Plan, lang: Lang) -> String {
    let l = labels(lang);
    let mut o = String::new();
    let title = engine.catalog.situation(&plan.situation).map(|s| s.title.get(lang)).unwrap_or(&plan.situation);
    let fees = if plan.total_fee == 0.0 { l.free.to_string() } else { fee_amount(plan.total_fee) };
    let _ = writeln!(
        o,
        "{title}. {}: {}, {}, {}: {fees}{}",
        l.plan,
        plural(plan.steps.len(), lang, ["шаг", "шага", "шагов"], ["step", "steps"]),
        plural(plan.visits.len(), lang, ["визит", "визита", "визитов"], ["visit", "visits"]),
        l.fees,
        if plan.fee_unverified { format!(" [{}]", l.check) } else { String::new() }
    );
    if let Some(n) = &plan.nearest_deadline {
        let _ = writeln!(o, "{}: {} ({} {})", l.nearest, n.date.human(lang), l.step, n.step);
    }
    if plan.visits.is_empty() {
        let _ = writeln!(o, "{}: {}", l.visit_plan, l.no_visits);
    } else {
        let _ = writeln!(o, "{}:", l.visit_plan);
        for v in &plan.visits {
            let place = v.offices.first().map(|id| office(engine, id, lang)).unwrap_or_default();
            let steps: Vec<String> = v.steps.iter().map(|s| s.to_string()).collect();
            let _ = writeln!(o, "  {}) {place}: {} {}", v.number, l.step.to_lowercase(), steps.join(", "));
        }
    }
    for w in &plan.warnings {
        let _ = writeln!(o, "! {w}");
    }
    for s in &plan.steps {
        let _ = writeln!(o);
        let variant = s.variant_title.as_ref().map(|t| format!(" — {}", t.get(lang))).unwrap_or_default();
        let _ = writeln!(o, "{} {}. {} [{}]{variant}", l.step, s.number, s.title.get(lang), level(s.level, lang));
        if !s.why.is_empty() {
            let why: Vec<String> = s
                .why
                .iter()
                .map(|a| {
                    let text = engine.catalog.question(&a.question).map(|q| q.text.get(lang)).unwrap_or(&a.question);
                    format!("{text} — {}", value(engine, &a.question, &a.value, lang))
                })
                .collect();
            let _ = writeln!(o, "  {}: {}", l.why, why.join("; "));
        }
        match s.mode {
            StepMode::Automatic => {
                let _ = writeln!(o, "  {}", l.automatic);
            }
            StepMode::Remote => {
                let _ = writeln!(o, "  {}", l.remote);
            }
            StepMode::Visit => {}
        }
        let list = |o: &mut String, label: &str, lines: &[DocLine], to_bring: bool| {
            if !lines.is_empty() {
                let _ = writeln!(o, "  {label}:");
                for d in lines {
                    let _ = writeln!(o, "    - {}", doc(d, lang, to_bring));
                }
            }
        };
        list(&mut o, l.bring, &s.bring, true);
        list(&mut o, l.obtained, &s.obtained, false);
        list(&mut o, l.received, &s.received, false);
        if let Some(t) = &s.term {
            let _ = writeln!(
                o,
                "  {}: {}; {} {}, {} {}",
                l.term,
                period(t, lang),
                l.start_from,
                s.earliest_start.human(lang),
                l.ready_by,
                s.ready_by.human(lang)
            );
        }
        if let Some(d) = &s.deadline {
            let mut line = format!("  {}: {}", l.deadline, period(d, lang));
            if let Some(date) = s.deadline_date {
                let _ = write!(line, " — {} {}", l.until, date.human(lang));
            }
            if s.overdue {
                let _ = write!(line, " ({})", l.overdue);
            }
            let _ = writeln!(o, "{line}");
        }
        if let Some(f) = &s.fee {
            let mut line =
                format!("  {}: {}", l.fee, if f.amount == 0.0 { l.free.to_string() } else { fee_amount(f.amount) });
            sourced(&mut line, f.basis.as_ref().map(|b| b.get(lang)), f.unverified, lang);
            let _ = writeln!(o, "{line}");
        }
        for (label, items) in [(l.criteria, &s.criteria), (l.refusal, &s.refusal)] {
            if !items.is_empty() {
                let _ = writeln!(o, "  {label}:");
                for i in items {
                    let _ = writeln!(o, "    - {}", i.get(lang));
                }
            }
        }
        if !s.channels.is_empty() {
            let _ = writeln!(o, "  {}:", l.channels);
            for ch in &s.channels {
                let mut line = format!("    - {}", channel(ch.kind, lang));
                if let Some(id) = &ch.office {
                    let _ = write!(line, ": {}", office(engine, id, lang));
                }
                if let Some(url) = &ch.url {
                    let _ = write!(line, ": {url}");
                }
                let _ = writeln!(o, "{line}");
            }
        }
        list(&mut o, l.results, &s.results, false);
        let basis: Vec<String> = s
            .legal_basis
            .iter()
            .map(|b| {
                let mut t = b.title.get(lang).to_string();
                sourced(&mut t, None, b.unverified, lang);
                t
            })
            .collect();
        let _ = writeln!(o, "  {}: {}", l.legal_basis, basis.join("; "));
    }
    if !plan.checklist.is_empty() {
        let _ = writeln!(o, "\n{}:", l.checklist);
        for c in &plan.checklist {
            let steps: Vec<String> = c.steps.iter().map(|n| n.to_string()).collect();
            let _ = writeln!(o, "  [ ] {} ({} {})", c.title.get(lang), l.step.to_lowercase(), steps.join(", "));
        }
    }
    if !plan.undecided.is_empty() {
        let _ = writeln!(o, "\n{}: {}", l.undecided, plan.undecided.join(", "));
    }
    if let Some(q) = &plan.next_question {
        let text = engine.catalog.question(q).map(|x| x.text.get(lang)).unwrap_or(q);
        let _ = writeln!(o, "\n{}: {text} (--answer {q}=…)", l.next_question);
    }
    o
}
