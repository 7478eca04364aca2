//! The print view: the checklist people take to the office, opened in a new tab where
//! the browser prints it or saves it as PDF. Every step with its term, deadline date,
//! fee and its basis, where to go (offices with address, hours and phone) and what to
//! bring, worded by `lifenav_core::present` exactly as the plan on screen and the CLI
//! word it. Every catalog text is escaped.

use lifenav_core::journey::QuestionsLeft;
use lifenav_core::plan::{DocLine, StepMode};
use lifenav_core::text::escape_html as esc;
use lifenav_core::{present, Engine, Lang, Plan};
use std::fmt::Write;

fn list(o: &mut String, label: &str, items: impl IntoIterator<Item = String>) {
    let items: Vec<String> = items.into_iter().collect();
    if items.is_empty() {
        return;
    }
    let _ = write!(o, "<h3>{}</h3><ul>", esc(label));
    for item in items {
        let _ = write!(o, "<li>{}</li>", esc(&item));
    }
    let _ = write!(o, "</ul>");
}

fn docs(lines: &[DocLine], lang: Lang, to_bring: bool) -> impl Iterator<Item = String> + '_ {
    lines.iter().map(move |d| present::doc(d, lang, to_bring))
}

/// The print view of `plan`; `next_left`: the questions each situation that may come
/// next would still ask, in the plan's order (`Journey::next_left`).
pub fn plan_html(engine: &Engine, plan: &Plan, next_left: &[QuestionsLeft], lang: Lang) -> String {
    let l = present::labels(lang);
    let title = engine.catalog.situation(&plan.situation).map(|s| s.title.get(lang)).unwrap_or(&plan.situation);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font:14pt/1.5 sans-serif;max-width:48em;margin:1em auto;padding:0 .5em;color:#000;overflow-wrap:break-word}}\
         li{{margin:.2em 0}}.box{{display:inline-block;width:1em;height:1em;border:1px solid #000;margin-right:.5em;vertical-align:middle}}\
         .steps{{display:block;color:#333;font-size:.9em}}h2{{break-after:avoid}}section{{break-inside:avoid}}</style><body>",
        lang.code(),
        esc(title)
    );
    let _ = write!(o, "<h1>{}</h1>", esc(title));
    let fees = if plan.total_fee == 0.0 { l.free.to_string() } else { present::fee_amount(plan.total_fee) };
    let check = if plan.fee_unverified { format!(" [{}]", l.check) } else { String::new() };
    let _ = write!(
        o,
        "<p>{}, {}, {}: {}{}</p>",
        esc(&present::count(plan.steps.len() as u64, present::STEPS, lang)),
        esc(&present::count(plan.visits.len() as u64, present::VISITS, lang)),
        esc(l.fees),
        esc(&fees),
        esc(&check)
    );
    if let Some(n) = &plan.nearest_deadline {
        let _ =
            write!(o, "<p><b>{}: {} ({} {})</b></p>", esc(l.nearest), esc(&n.date.human(lang)), esc(l.step), n.step);
    }
    if plan.visits.is_empty() {
        let _ = write!(o, "<p>{}: {}</p>", esc(l.visit_plan), esc(present::no_visits(plan, lang)));
    } else {
        let visits = plan.visits.iter().map(|v| {
            let place = v.offices.first().map(|id| present::office(engine, id, lang)).unwrap_or_default();
            format!("{place}: {} ({} {})", present::visit_reasons(plan, v, lang), l.start_from, v.date.human(lang))
        });
        list(&mut o, l.visit_plan, visits);
    }
    if let Some(note) = lifenav_core::notes::uncovered_years(plan, lang) {
        let _ = write!(o, "<p>{}</p>", esc(&present::capitalised(&note)));
    }
    if !plan.checklist.is_empty() {
        let _ = write!(o, "<h2>{}</h2><ul style=\"list-style:none;padding:0\">", esc(l.checklist));
        for item in &plan.checklist {
            let _ = write!(
                o,
                "<li><span class=\"box\"></span>{}<span class=\"steps\">{}</span></li>",
                esc(&present::checklist_item(item, lang)),
                esc(&present::step_numbers(&item.steps, lang))
            );
        }
        let _ = write!(o, "</ul>");
    }
    for step in &plan.steps {
        let _ = write!(o, "<section><h2>{} {}. {}</h2>", esc(l.step), step.number, esc(step.title.get(lang)));
        if let Some(v) = &step.variant_title {
            let _ = write!(o, "<p>{}</p>", esc(v.get(lang)));
        }
        match step.mode {
            StepMode::Automatic => {
                let _ = write!(o, "<p>{}</p>", esc(l.automatic));
            }
            StepMode::Remote => {
                let _ = write!(o, "<p>{}</p>", esc(l.remote));
            }
            StepMode::Visit => {}
        }
        for line in [
            present::term_line(step, plan.today, lang),
            present::deadline_line(step, lang),
            present::fee_line(step, plan.today, lang),
        ]
        .into_iter()
        .flatten()
        {
            let _ = write!(o, "<p>{}</p>", esc(&line));
        }
        if let Some(note) = lifenav_core::notes::unknown_facts(engine, step, lang) {
            let _ = write!(o, "<p>{}</p>", esc(&present::capitalised(&note)));
        }
        list(&mut o, l.bring, docs(&step.bring, lang, true));
        list(&mut o, l.obtained, docs(&step.obtained, lang, false));
        list(&mut o, l.received, docs(&step.received, lang, false));
        list(&mut o, l.channels, present::channel_lines(engine, step, lang));
        let _ = write!(o, "</section>");
    }
    if !plan.next.is_empty() {
        let _ = write!(o, "<section><h2>{}</h2><ul>", esc(l.next));
        for (i, n) in plan.next.iter().enumerate() {
            let left =
                next_left.get(i).copied().unwrap_or(QuestionsLeft { count: n.questions_left, without_reuse: None });
            let _ = write!(o, "<li><b>{}</b>: {}", esc(n.title.get(lang)), esc(&present::questions_left(left, lang)));
            if let Some(why) = &n.why {
                let _ = write!(o, "<br>{}", esc(why.get(lang)));
            }
            let _ = write!(o, "</li>");
        }
        let _ = write!(o, "</ul></section>");
    }
    let _ = write!(o, "<script>addEventListener('load',()=>print())</script></body></html>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use lifenav_core::Date;

    fn irkutsk() -> Engine {
        Engine::from_json(crate::EMBEDDED).expect("the embedded catalog")
    }

    /// The print view is what people take to the office: it used to drop the term, the
    /// fee's basis, «уточняйте», the offices' hours and all channels but the first.
    #[test]
    fn the_print_view_has_every_term_deadline_fee_office_and_document() {
        let engine = irkutsk();
        let today = Date::parse("2026-11-20").unwrap();
        for sit in 0..engine.catalog.situations.len() {
            let id = engine.catalog.situations[sit].id.clone();
            let plan = engine.plan_for(&id, &Default::default(), Some(today), today).unwrap();
            let html = plan_html(&engine, &plan, &[], Lang::Ru);
            for step in &plan.steps {
                let lines = [
                    present::term_line(step, plan.today, Lang::Ru),
                    present::deadline_line(step, Lang::Ru),
                    present::fee_line(step, plan.today, Lang::Ru),
                ];
                for line in lines.into_iter().flatten() {
                    assert!(html.contains(&esc(&line)), "{id}: step {} lacks «{line}»", step.number);
                }
                for line in present::channel_lines(&engine, step, Lang::Ru) {
                    assert!(html.contains(&esc(&line)), "{id}: step {} lacks «{line}»", step.number);
                }
                for d in &step.bring {
                    assert!(html.contains(&esc(&present::doc(d, Lang::Ru, true))), "{id}: step {}", step.number);
                }
            }
        }
        // Facts the catalog marks unverified keep their «уточняйте» on paper, and a fee
        // its basis.
        let mut unverified = 0;
        for s in &engine.catalog.situations {
            let plan = engine.plan_for(&s.id, &Default::default(), Some(today), today).unwrap();
            let html = plan_html(&engine, &plan, &[], Lang::Ru);
            for step in &plan.steps {
                if let Some(basis) = step.fee.as_ref().and_then(|f| f.basis.as_ref()) {
                    assert!(html.contains(&esc(&basis.ru)), "{}: the basis of step {}'s fee", s.id, step.number);
                }
                let facts = [step.term.as_ref().map(|t| t.unverified), step.deadline.as_ref().map(|d| d.unverified)];
                if facts.into_iter().flatten().chain(step.fee.as_ref().map(|f| f.unverified)).any(|u| u) {
                    unverified += 1;
                    assert!(html.contains("[уточняйте]"), "{}: step {}", s.id, step.number);
                }
            }
        }
        assert!(unverified > 0, "the Irkutsk catalog has unverified facts");
    }

    /// What may come next goes on paper too, with the count the screen shows.
    #[test]
    fn the_print_view_lists_what_may_come_next() {
        let engine = irkutsk();
        let today = Date::parse("2026-11-20").unwrap();
        let answers = engine
            .parse_answers([
                ("representative", "no"),
                ("born_abroad", "no"),
                ("parents_married", "yes"),
                ("low_income", "no"),
                ("need_kindergarten", "yes"),
                ("special_needs", "no"),
            ])
            .unwrap();
        let plan = engine.plan_for("birth", &answers, Some(today), today).unwrap();
        assert!(plan.next.iter().any(|n| n.situation == "kindergarten"), "{:?}", plan.next);
        let left: Vec<QuestionsLeft> =
            plan.next.iter().map(|_| QuestionsLeft { count: 0, without_reuse: Some(2) }).collect();
        let html = plan_html(&engine, &plan, &left, Lang::Ru);
        let kindergarten = "<li><b>Запись в детский сад</b>: вопросов больше не будет, если разрешите взять ответы";
        assert!(html.contains("<h2>Что может понадобиться дальше</h2>"), "{html}");
        assert!(html.contains(kindergarten), "{html}");
        assert!(html.contains(&esc(plan.next[0].why.as_ref().unwrap().get(Lang::Ru))));
        // Without the journey's counts, the plan's own.
        let html = plan_html(&engine, &plan, &[], Lang::En);
        assert!(html.contains("<h2>What may come next</h2>"), "{html}");
        assert!(html.contains(&format!(
            "<li><b>Getting a kindergarten place</b>: at most {} more",
            plan.next[0].questions_left
        )));
        // A plan with nothing next prints no such section.
        let none = engine.plan_for("death", &Default::default(), Some(today), today).unwrap();
        assert!(none.next.is_empty());
        assert!(!plan_html(&engine, &none, &[], Lang::Ru).contains("Что может понадобиться дальше"));
    }
}
