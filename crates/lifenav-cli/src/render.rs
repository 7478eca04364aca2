//! Plans as text for the terminal, in Russian or English.

use lifenav_core::plan::{DocLine, StepMode};
pub use lifenav_core::present::*;
use lifenav_core::{Engine, Lang, Plan};
use std::fmt::Write;

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
        count(plan.steps.len() as u64, STEPS, lang),
        count(plan.visits.len() as u64, VISITS, lang),
        l.fees,
        if plan.fee_unverified { format!(" [{}]", l.check) } else { String::new() }
    );
    if let Some(n) = &plan.nearest_deadline {
        let _ = writeln!(o, "{}: {} ({} {})", l.nearest, n.date.human(lang), l.step, n.step);
    }
    if plan.visits.is_empty() {
        let _ = writeln!(o, "{}: {}", l.visit_plan, no_visits(plan, lang));
    } else {
        let _ = writeln!(o, "{}:", l.visit_plan);
        for v in &plan.visits {
            let place = v.offices.first().map(|id| office(engine, id, lang)).unwrap_or_default();
            let _ = writeln!(o, "  {}) {place}: {}", v.number, visit_reasons(plan, v, lang));
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
            let _ = writeln!(o, "  {}: {}", l.why, why(engine, s, lang).join("; "));
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
        for line in [term_line(s, plan.today, lang), deadline_line(s, lang), fee_line(s, plan.today, lang)]
            .into_iter()
            .flatten()
        {
            let _ = writeln!(o, "  {line}");
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
            for line in channel_lines(engine, s, lang) {
                let _ = writeln!(o, "    - {line}");
            }
        }
        if let Some(ask) = lifenav_core::notes::unknown_facts(engine, s, lang) {
            let _ = writeln!(o, "  {ask}");
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
            let _ = writeln!(o, "  [ ] {} ({})", c.title.get(lang), step_numbers(&c.steps, lang));
        }
    }
    if let Some(years) = lifenav_core::notes::uncovered_years(plan, lang) {
        let _ = writeln!(o, "\n{years}");
    }
    if !plan.undecided.is_empty() {
        let _ = writeln!(o, "\n{}: {}", l.undecided, plan.undecided.join(", "));
    }
    if let Some(q) = &plan.next_question {
        let text = engine.catalog.question(q).map(|x| x.text.get(lang)).unwrap_or(q);
        let _ = writeln!(o, "\n{}: {text} (--answer {q}=…)", l.next_question);
    }
    if !plan.next.is_empty() {
        let _ = writeln!(o, "\n{}:", l.next);
        for n in &plan.next {
            let left = lifenav_core::journey::QuestionsLeft { count: n.questions_left, without_reuse: None };
            let _ = writeln!(o, "  - {} ({}): {}", n.title.get(lang), n.situation, questions_left(left, lang));
            if let Some(why) = &n.why {
                let _ = writeln!(o, "    {}", why.get(lang));
            }
        }
    }
    o
}
