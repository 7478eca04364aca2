//! Words for presenting plans to people, in Russian or English: labels, levels,
//! channels, terms, fees, numbers with their nouns, and the lines of a step (its term,
//! deadline, fee, offices and why). One place for them, shared by the CLI, the widget's
//! plan and its print view.

use crate::journey::QuestionsLeft;
use crate::model::Purpose;
use crate::model::{ChannelKind, Level, Period, PeriodUnit};
use crate::plan::{ChecklistItem, DocLine, Plan, Reason, Step, Visit};
use crate::{Date, Engine, Lang, Value};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
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
    pub start_from: &'static str,
    pub ready_by: &'static str,
    pub automatic: &'static str,
    pub remote: &'static str,
    pub undecided: &'static str,
    pub next_question: &'static str,
    pub check: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub legal_basis: &'static str,
    pub visit_plan: &'static str,
    pub no_visits: &'static str,
    /// Said instead of `no_visits` when something must still be shown in person.
    pub visits_ask: &'static str,
    pub to_apply: &'static str,
    pub to_collect: &'static str,
    pub the_result: &'static str,
    pub in_person: &'static str,
    /// The situations that may come next, at the end of the plan.
    pub next: &'static str,
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
    start_from: "можно начать с",
    ready_by: "результат не раньше",
    automatic: "ничего делать не нужно: ведомство сделает само",
    remote: "можно без визита",
    undecided: "Ещё решается (ответьте на вопросы)",
    next_question: "Следующий вопрос",
    check: "уточняйте",
    yes: "да",
    no: "нет",
    legal_basis: "Основание",
    visit_plan: "Визиты",
    no_visits: "ходить никуда не нужно",
    visits_ask: "оригиналы документов показывают лично — уточните в ведомстве, куда и когда прийти",
    to_apply: "подать заявление",
    to_collect: "получить",
    the_result: "результат",
    in_person: "лично",
    next: "Что может понадобиться дальше",
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
    start_from: "can start on",
    ready_by: "result not before",
    automatic: "nothing to do: the authority acts by itself",
    remote: "no visit needed",
    undecided: "Still undecided (answer the questions)",
    next_question: "Next question",
    check: "check",
    yes: "yes",
    no: "no",
    legal_basis: "Legal basis",
    visit_plan: "Visits",
    no_visits: "no visits needed",
    visits_ask: "originals are shown in person: ask the authority where and when to come",
    to_apply: "apply",
    to_collect: "collect",
    the_result: "the result",
    in_person: "in person",
    next: "What may come next",
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

/// A noun that goes with a number, in the forms the CLDR plural rules choose between:
/// Russian `one` (1, 21, 101 календарный день), `few` (2–4, 22–24: календарных дня) and
/// `many` (5–20, 25, 111: календарных дней); English `one` and `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub ru: [&'static str; 3],
    pub en: [&'static str; 2],
}

pub const CALENDAR_DAYS: Counted = Counted {
    ru: ["календарный день", "календарных дня", "календарных дней"],
    en: ["calendar day", "calendar days"],
};
pub const WORKING_DAYS: Counted = Counted {
    ru: ["рабочий день", "рабочих дня", "рабочих дней"],
    en: ["working day", "working days"],
};
pub const MONTHS: Counted = Counted { ru: ["месяц", "месяца", "месяцев"], en: ["month", "months"] };
pub const STEPS: Counted = Counted { ru: ["шаг", "шага", "шагов"], en: ["step", "steps"] };
pub const VISITS: Counted = Counted { ru: ["визит", "визита", "визитов"], en: ["visit", "visits"] };
pub const RATINGS: Counted =
    Counted { ru: ["оценка", "оценки", "оценок"], en: ["rating", "ratings"] };
pub const COPIES: Counted = Counted { ru: ["копия", "копии", "копий"], en: ["copy", "copies"] };
pub const QUESTIONS: Counted =
    Counted { ru: ["вопрос", "вопроса", "вопросов"], en: ["question", "questions"] };

/// Questions after «не больше» (genitive): «не больше 1 вопроса», «не больше 3 вопросов».
pub const QUESTIONS_AT_MOST: Counted =
    Counted { ru: ["вопроса", "вопросов", "вопросов"], en: ["question", "questions"] };

pub const ANSWERS: Counted =
    Counted { ru: ["ответ", "ответа", "ответов"], en: ["answer", "answers"] };

pub const NEW_ANSWERS: Counted = Counted {
    ru: ["новый ответ", "новых ответа", "новых ответов"],
    en: ["new answer", "new answers"],
};

/// Every noun above, for the tests.
pub const COUNTED: [Counted; 10] =
    [CALENDAR_DAYS, WORKING_DAYS, MONTHS, STEPS, VISITS, RATINGS, COPIES, QUESTIONS, ANSWERS, NEW_ANSWERS];

/// The CLDR plural category of a whole number (`intl_pluralrules`).
pub fn plural_category(n: u64, lang: Lang) -> PluralCategory {
    let id = match lang {
        Lang::Ru => unic_langid::langid!("ru"),
        Lang::En => unic_langid::langid!("en"),
    };
    PluralRules::create(id, PluralRuleType::CARDINAL)
        .ok()
        .and_then(|rules| rules.select(n).ok())
        .unwrap_or(PluralCategory::OTHER)
}

/// The noun's form for `n`, without the number.
pub fn form(n: u64, noun: Counted, lang: Lang) -> &'static str {
    match (lang, plural_category(n, lang)) {
        (Lang::Ru, PluralCategory::ONE) => noun.ru[0],
        (Lang::Ru, PluralCategory::FEW) => noun.ru[1],
        (Lang::Ru, _) => noun.ru[2],
        (Lang::En, PluralCategory::ONE) => noun.en[0],
        (Lang::En, _) => noun.en[1],
    }
}

/// A number with its noun: «1 календарный день», «3 календарных дня», «5 шагов».
pub fn count(n: impl Into<u64>, noun: Counted, lang: Lang) -> String {
    let n = n.into();
    format!("{n} {}", form(n, noun, lang))
}

/// How many questions a situation that may come next would still ask: «ещё не больше 2
/// вопросов», «вопросов больше не будет»; before the citizen decides on reusing their
/// answers, with the count without them when it differs. The count is an upper bound,
/// as in the questionnaire's progress line.
pub fn questions_left(left: QuestionsLeft, lang: Lang) -> String {
    let at_most = |n: usize| match (n, lang) {
        (0, Lang::Ru) => "вопросов больше не будет".to_string(),
        (0, Lang::En) => "no more questions".to_string(),
        (n, Lang::Ru) => format!("ещё не больше {}", count(n as u64, QUESTIONS_AT_MOST, lang)),
        (n, Lang::En) => format!("at most {n} more {}", form(n as u64, QUESTIONS_AT_MOST, lang)),
    };
    let mut s = at_most(left.count);
    if let Some(without) = left.without_reuse {
        let _ = match lang {
            Lang::Ru => {
                write!(s, ", если разрешите взять ответы, которые вы уже дали (без них — {})", at_most(without))
            }
            Lang::En => {
                write!(s, " if you let us reuse the answers you have given (without them, {})", at_most(without))
            }
        };
    }
    s
}

/// A period with its unit, its basis and the «уточняйте» mark when unverified.
pub fn period(p: &Period, lang: Lang) -> String {
    let mut s = match p.amount() {
        Some((0, PeriodUnit::Days)) => {
            if lang == Lang::Ru {
                "в тот же день".to_string()
            } else {
                "the same day".to_string()
            }
        }
        Some((n, PeriodUnit::Days)) => count(n, CALENDAR_DAYS, lang),
        Some((n, PeriodUnit::WorkingDays)) => count(n, WORKING_DAYS, lang),
        Some((n, PeriodUnit::Months)) => count(n, MONTHS, lang),
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

/// The processing term of a step: «Срок рассмотрения: 5 рабочих дней (basis); можно
/// начать с 23 ноября 2026, результат не раньше 30 ноября 2026».
/// The term is read on the step's day (`facts_on`): when that is not `today` and no fee
/// carries the note, the line says which day's term it is.
pub fn term_line(step: &Step, today: Date, lang: Lang) -> Option<String> {
    let l = labels(lang);
    let t = step.term.as_ref()?;
    let mut line = format!(
        "{}: {}; {} {}, {} {}",
        l.term,
        period(t, lang),
        l.start_from,
        step.earliest_start.human(lang),
        l.ready_by,
        step.ready_by.human(lang)
    );
    if step.fee.is_none() {
        facts_date(&mut line, step, today, lang);
    }
    Some(line)
}

/// «(пошлина на 1 января 2027)»: the fee or term of a step whose facts change with the
/// date, read on another day than today.
fn facts_date(line: &mut String, step: &Step, today: Date, lang: Lang) {
    if let Some(on) = crate::notes::step_facts_date(step, today, lang) {
        let _ = write!(line, " ({on})");
    }
}

/// The applicant's deadline: «Срок обращения: 1 месяц (basis) — до 14 декабря 2026 (срок
/// уже прошёл)».
pub fn deadline_line(step: &Step, lang: Lang) -> Option<String> {
    let l = labels(lang);
    let d = step.deadline.as_ref()?;
    let mut line = format!("{}: {}", l.deadline, period(d, lang));
    if let Some(date) = step.deadline_date {
        let _ = write!(line, " — {} {}", l.until, date.human(lang));
    }
    if step.overdue {
        let _ = write!(line, " ({})", l.overdue);
    }
    Some(line)
}

/// A note that stands alone as a sentence: its first letter capitalised.
pub fn capitalised(note: &str) -> String {
    let mut chars = note.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The fee: «Пошлина: 350 ₽ (НК РФ, ст. 333.26) [уточняйте]», «Пошлина: бесплатно».
pub fn fee_line(step: &Step, today: Date, lang: Lang) -> Option<String> {
    let l = labels(lang);
    let f = step.fee.as_ref()?;
    let mut line = format!("{}: {}", l.fee, if f.amount == 0.0 { l.free.to_string() } else { fee_amount(f.amount) });
    sourced(&mut line, f.basis.as_ref().map(|b| b.get(lang)), f.unverified, lang);
    facts_date(&mut line, step, today, lang);
    Some(line)
}

/// Why the step is in the plan: «Question — answer», one per answer that led to it.
pub fn why(engine: &Engine, step: &Step, lang: Lang) -> Vec<String> {
    step.why
        .iter()
        .map(|a| {
            let text = engine.catalog.question(&a.question).map(|q| q.text.get(lang)).unwrap_or(&a.question);
            format!("{text} — {}", value(engine, &a.question, &a.value, lang))
        })
        .collect()
}

/// Where to go for a step: each channel with its office (name, address, hours, phone)
/// or its web address: «МФЦ: МФЦ «Мои документы», ул. …; пн–пт 9–18».
pub fn channel_lines(engine: &Engine, step: &Step, lang: Lang) -> Vec<String> {
    step.channels
        .iter()
        .map(|ch| {
            let mut line = channel(ch.kind, lang).to_string();
            if let Some(id) = &ch.office {
                let _ = write!(line, ": {}", office(engine, id, lang));
            }
            if let Some(url) = &ch.url {
                let _ = write!(line, ": {url}");
            }
            line
        })
        .collect()
}

pub fn doc(line: &DocLine, lang: Lang, to_bring: bool) -> String {
    let l = labels(lang);
    let mut s = line.title.get(lang).to_string();
    let mut bits = Vec::new();
    if line.original && to_bring {
        bits.push(l.original.to_string());
    }
    if line.copies > 0 {
        bits.push(count(line.copies, COPIES, lang));
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

/// What the plan says when it has no visits: never «ходить никуда не нужно» while an
/// original is still to be shown.
pub fn no_visits(plan: &Plan, lang: Lang) -> &'static str {
    let l = labels(lang);
    let originals = plan.checklist.iter().any(|c| c.original) || plan.steps.iter().any(|s| !s.presence.is_empty());
    if originals {
        l.visits_ask
    } else {
        l.no_visits
    }
}

/// What one visit is for, step by step: «шаг 1 — подать заявление; шаг 3 — получить
/// паспорт гражданина РФ».
pub fn visit_reasons(plan: &Plan, visit: &Visit, lang: Lang) -> String {
    let l = labels(lang);
    let reasons: Vec<String> = visit
        .reasons
        .iter()
        .map(|r| format!("{} {} — {}", l.step.to_lowercase(), r.step, reason(plan, r, lang)))
        .collect();
    reasons.join("; ")
}

/// Why one step needs the applicant there: the catalog's words, or the purpose's.
pub fn reason(plan: &Plan, r: &Reason, lang: Lang) -> String {
    let l = labels(lang);
    if let Some(why) = &r.why {
        return why.get(lang).to_string();
    }
    let step = plan.steps.iter().find(|s| s.number == r.step);
    match r.to {
        Purpose::Apply => l.to_apply.to_string(),
        Purpose::Act => {
            let title = step.map(|s| lowered(s.title.get(lang))).unwrap_or_default();
            format!("{title}: {}", l.in_person)
        }
        Purpose::Collect => {
            let results: Vec<String> =
                step.into_iter().flat_map(|s| &s.results).map(|d| lowered(d.title.get(lang))).collect();
            let what = if results.is_empty() { l.the_result.to_string() } else { results.join(", ") };
            format!("{} {what}", l.to_collect)
        }
    }
}

/// A title inside a sentence: «Паспорт гражданина РФ» → «паспорт гражданина РФ», but
/// «СНИЛС» stays an abbreviation.
fn lowered(title: &str) -> String {
    let mut chars = title.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(title.chars().skip(1)).collect()
        }
        _ => title.to_string(),
    }
}

/// "шаг 1, 3" / "step 1, 3": the steps a document or a visit serves.
pub fn step_numbers(steps: &[usize], lang: Lang) -> String {
    let steps: Vec<String> = steps.iter().map(|n| n.to_string()).collect();
    format!("{} {}", labels(lang).step.to_lowercase(), steps.join(", "))
}

/// A document on the merged checklist: "Паспорт (оригинал) (2 копии)".
pub fn checklist_item(item: &ChecklistItem, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = item.title.get(lang).to_string();
    if item.original {
        let _ = write!(s, " ({})", l.original);
    }
    if item.copies > 0 {
        let _ = write!(s, " ({})", count(item.copies, COPIES, lang));
    }
    s
}

/// «350 ₽», «350,50 ₽», «1 500 ₽» (see [`crate::money::format`]).
pub fn fee_amount(amount: f64) -> String {
    match crate::money::kopecks_of(amount) {
        Some(k) => crate::money::format(k),
        None => format!("{amount:.2}\u{a0}₽"),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The CLDR rules through `intl_pluralrules`, for every noun and the numbers where
    /// Russian changes form: 1, 21, 101 (one); 2, 22 (few); 5, 11, 25, 111 (many).
    #[test]
    fn every_number_word_agrees_with_its_number() {
        let ru = |n: u64| COUNTED.map(|c| count(n, c, Lang::Ru));
        assert_eq!(
            ru(1u64),
            [
                "1 календарный день",
                "1 рабочий день",
                "1 месяц",
                "1 шаг",
                "1 визит",
                "1 оценка",
                "1 копия",
                "1 вопрос",
                "1 ответ",
                "1 новый ответ"
            ]
        );
        for n in [2u64, 22] {
            assert_eq!(
                ru(n),
                [
                    format!("{n} календарных дня"),
                    format!("{n} рабочих дня"),
                    format!("{n} месяца"),
                    format!("{n} шага"),
                    format!("{n} визита"),
                    format!("{n} оценки"),
                    format!("{n} копии"),
                    format!("{n} вопроса"),
                    format!("{n} ответа"),
                    format!("{n} новых ответа"),
                ]
            );
        }
        for n in [5u64, 11, 25, 111] {
            assert_eq!(
                ru(n),
                [
                    format!("{n} календарных дней"),
                    format!("{n} рабочих дней"),
                    format!("{n} месяцев"),
                    format!("{n} шагов"),
                    format!("{n} визитов"),
                    format!("{n} оценок"),
                    format!("{n} копий"),
                    format!("{n} вопросов"),
                    format!("{n} ответов"),
                    format!("{n} новых ответов"),
                ]
            );
        }
        for n in [21u64, 101] {
            assert_eq!(ru(n)[0], format!("{n} календарный день"));
            assert_eq!(ru(n)[3], format!("{n} шаг"));
            assert_eq!(ru(n)[9], format!("{n} новый ответ"));
        }
        for n in [1u64, 2, 5, 11, 21, 22, 25, 101, 111] {
            let en = COUNTED.map(|c| count(n, c, Lang::En));
            let expected = COUNTED.map(|c| format!("{n} {}", if n == 1 { c.en[0] } else { c.en[1] }));
            assert_eq!(en, expected, "{n}");
        }
    }

    #[test]
    fn the_questions_a_next_situation_asks_are_worded_as_an_upper_bound() {
        let left = |count, without_reuse| QuestionsLeft { count, without_reuse };
        let ru = |l| questions_left(l, Lang::Ru);
        assert_eq!(ru(left(0, None)), "вопросов больше не будет");
        assert_eq!(ru(left(1, None)), "ещё не больше 1 вопроса");
        assert_eq!(ru(left(3, None)), "ещё не больше 3 вопросов");
        assert_eq!(ru(left(21, None)), "ещё не больше 21 вопроса");
        assert_eq!(ru(left(5, None)), "ещё не больше 5 вопросов");
        assert_eq!(
            ru(left(0, Some(4))),
            "вопросов больше не будет, если разрешите взять ответы, которые вы уже дали (без них — ещё не больше 4 вопросов)"
        );
        assert_eq!(questions_left(left(1, None), Lang::En), "at most 1 more question");
        assert_eq!(
            questions_left(left(2, Some(3)), Lang::En),
            "at most 2 more questions if you let us reuse the answers you have given (without them, at most 3 more questions)"
        );
    }

    #[test]
    fn periods_are_worded_with_agreeing_numbers() {
        let days = |n| Period { days: Some(n), ..Period::default() };
        assert_eq!(period(&days(3), Lang::Ru), "3 календарных дня");
        assert_eq!(period(&days(1), Lang::Ru), "1 календарный день");
        assert_eq!(period(&days(21), Lang::Ru), "21 календарный день");
        assert_eq!(period(&days(0), Lang::Ru), "в тот же день");
        let months = Period { months: Some(6), unverified: true, ..Period::default() };
        assert_eq!(period(&months, Lang::Ru), "6 месяцев [уточняйте]");
        assert_eq!(period(&Period { working_days: Some(1), ..Period::default() }, Lang::En), "1 working day");
    }
}
