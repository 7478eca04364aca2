//! The print view: a clean page with the checklist and the steps, opened in a new tab
//! where the browser prints it or saves it as PDF. Every catalog text is escaped.

use lifenav_core::text::escape_html as esc;
use lifenav_core::{present, Engine, Lang, Plan};
use std::fmt::Write;

pub fn plan_html(engine: &Engine, plan: &Plan, lang: Lang) -> String {
    let l = present::labels(lang);
    let title = engine.catalog.situation(&plan.situation).map(|s| s.title.get(lang)).unwrap_or(&plan.situation);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font:14pt/1.5 sans-serif;max-width:48em;margin:1em auto;color:#000}}\
         li{{margin:.2em 0}}.box{{display:inline-block;width:1em;height:1em;border:1px solid #000;margin-right:.5em;vertical-align:middle}}\
         h2{{break-after:avoid}}section{{break-inside:avoid}}</style><body>",
        lang.code(),
        esc(title)
    );
    let _ = write!(o, "<h1>{}</h1>", esc(title));
    if let Some(n) = &plan.nearest_deadline {
        let _ = write!(o, "<p><b>{}: {}</b></p>", esc(l.nearest), esc(&n.date.human(lang)));
    }
    if !plan.checklist.is_empty() {
        let _ = write!(o, "<h2>{}</h2><ul style=\"list-style:none;padding:0\">", esc(l.checklist));
        for item in &plan.checklist {
            let _ = write!(o, "<li><span class=\"box\"></span>{}</li>", esc(&present::checklist_item(item, lang)));
        }
        let _ = write!(o, "</ul>");
    }
    for step in &plan.steps {
        let _ = write!(o, "<section><h2>{} {}. {}</h2>", esc(l.step), step.number, esc(step.title.get(lang)));
        if let Some(office) = step.channels.iter().find_map(|c| c.office.as_deref()) {
            let _ = write!(o, "<p>{}</p>", esc(&present::office(engine, office, lang)));
        }
        for (label, lines, bring) in
            [(l.bring, &step.bring, true), (l.obtained, &step.obtained, false), (l.received, &step.received, false)]
        {
            if !lines.is_empty() {
                let _ = write!(o, "<h3>{}</h3><ul>", esc(label));
                for d in lines {
                    let _ = write!(o, "<li>{}</li>", esc(&present::doc(d, lang, bring)));
                }
                let _ = write!(o, "</ul>");
            }
        }
        if let Some(date) = step.deadline_date {
            let _ = write!(o, "<p>{}: {} {}</p>", esc(l.deadline), esc(l.until), esc(&date.human(lang)));
        }
        if let Some(f) = &step.fee {
            let amount = if f.amount == 0.0 { l.free.to_string() } else { present::fee_amount(f.amount) };
            let _ = write!(o, "<p>{}: {}</p>", esc(l.fee), esc(&amount));
        }
        let _ = write!(o, "</section>");
    }
    let _ = write!(o, "<script>addEventListener('load',()=>print())</script></body></html>");
    o
}
