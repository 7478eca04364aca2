//! The analysts' dashboard: one HTML page with SVG charts, no scripts. Every text
//! that comes from the catalog or from citizens is escaped.

use crate::feedback::analysis::{Figures, Summary, Week, MIN_RATINGS, TARGET_SATISFIED};
use lifenav_core::text::escape_html as escape;
use std::fmt::Write;

fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

/// Horizontal bars of share satisfied with the 90% target marked.
fn satisfaction_bars(title: &str, rows: &[(String, &Figures)]) -> String {
    let row_h = 26;
    let label_w = 330;
    let bar_w = 360;
    let h = rows.len() * row_h + 30;
    let mut svg = format!(
        "<figure><figcaption>{}</figcaption><svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {h}\" width=\"100%\">",
        escape(title),
        escape(title),
        label_w + bar_w + 120
    );
    let target_x = label_w as f64 + bar_w as f64 * TARGET_SATISFIED;
    for (i, (label, f)) in rows.iter().enumerate() {
        let y = i * row_h + 4;
        let share = f.share_satisfied.unwrap_or(0.0);
        let colour = if share >= TARGET_SATISFIED { "#2e7d32" } else { "#c62828" };
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>\
             <rect x=\"{label_w}\" y=\"{y}\" width=\"{:.1}\" height=\"18\" fill=\"{colour}\"><title>{}: {} of {}</title></rect>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\">{} · n={}</text>",
            label_w - 8,
            y + 14,
            escape(label),
            bar_w as f64 * share,
            escape(label),
            percent(f.share_satisfied),
            f.count,
            label_w + bar_w + 6,
            y + 14,
            percent(f.share_satisfied),
            f.count
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{target_x:.1}\" x2=\"{target_x:.1}\" y1=\"0\" y2=\"{}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\
         <text x=\"{target_x:.1}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">цель 90%</text></svg></figure>",
        h - 16,
        h - 4
    );
    svg
}

fn criteria_bars(f: &Figures) -> String {
    let names = [
        ("waiting", "Время ожидания"),
        ("politeness", "Вежливость"),
        ("comfort", "Комфорт"),
        ("information", "Доступность информации"),
    ];
    let mut svg = String::from(
        "<figure><figcaption>Средняя оценка по критериям (1–5)</figcaption><svg role=\"img\" aria-label=\"Средняя оценка по критериям\" viewBox=\"0 0 700 130\" width=\"100%\">",
    );
    for (i, (key, label)) in names.iter().enumerate() {
        let v = f.criteria.get(key).copied().unwrap_or(0.0);
        let y = i * 30 + 4;
        let _ = write!(
            svg,
            "<text x=\"242\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{label}</text><rect x=\"250\" y=\"{y}\" width=\"{:.1}\" height=\"20\" fill=\"#1565c0\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"13\">{v:.2}</text>",
            y + 15,
            v / 5.0 * 380.0,
            256.0 + v / 5.0 * 380.0,
            y + 15
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

fn trend(weeks: &[Week]) -> String {
    if weeks.is_empty() {
        return "<p>Пока нет оценок.</p>".into();
    }
    let w = 700.0;
    let h = 180.0;
    let step = if weeks.len() > 1 { (w - 80.0) / (weeks.len() - 1) as f64 } else { 0.0 };
    let point = |i: usize, s: f64| (50.0 + i as f64 * step, 20.0 + (1.0 - s) * (h - 50.0));
    let points: Vec<String> = weeks
        .iter()
        .enumerate()
        .map(|(i, wk)| {
            let (x, y) = point(i, wk.share_satisfied);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let (_, target_y) = point(0, TARGET_SATISFIED);
    let mut svg = format!(
        "<figure><figcaption>Доля довольных по неделям</figcaption><svg role=\"img\" aria-label=\"Доля довольных по неделям\" viewBox=\"0 0 {w} {h}\" width=\"100%\">\
         <line x1=\"50\" x2=\"{:.1}\" y1=\"{target_y:.1}\" y2=\"{target_y:.1}\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\
         <polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"{}\"/>",
        w - 20.0,
        points.join(" ")
    );
    for (i, wk) in weeks.iter().enumerate() {
        let (x, y) = point(i, wk.share_satisfied);
        let _ = write!(
            svg,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#1565c0\"><title>{}: {} (n={})</title></circle>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            escape(&wk.monday),
            percent(Some(wk.share_satisfied)),
            wk.count,
            h - 8.0,
            escape(&wk.monday[5..])
        );
    }
    svg.push_str("</svg></figure>");
    svg
}

pub fn page(summary: &Summary, weeks: &[Week], helpful: &[(String, i64, i64)], city: &str) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Удовлетворённость услугами — {city}</title><style>\
         body{{font-family:system-ui,sans-serif;max-width:1000px;margin:0 auto;padding:1em;color:#111}}\
         .kpi{{display:flex;gap:1em;flex-wrap:wrap}}.kpi div{{border:1px solid #999;border-radius:6px;padding:.6em 1em}}\
         .kpi b{{display:block;font-size:1.8em}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:.3em .6em;text-align:left}}\
         figure{{margin:1.5em 0}}figcaption{{font-weight:bold;margin-bottom:.4em}}</style></head><body>\
         <h1>Удовлетворённость качеством услуг</h1><p>{city}. Оценки граждан сразу после получения услуги: общая оценка и четыре критерия.</p>",
        city = escape(city)
    );
    let met = summary.all.share_satisfied.is_some_and(|s| s >= TARGET_SATISFIED);
    let _ = write!(
        o,
        "<section class=\"kpi\" aria-label=\"Показатели\"><div>Оценок<b>{}</b></div><div>Довольны (4–5)<b>{}</b>{}</div>\
         <div>Средняя оценка<b>{}</b></div><div>Услуг с менее чем {MIN_RATINGS} оценками<b>{}</b></div><div>Срок соблюдён<b>{}</b></div></section>",
        summary.all.count,
        percent(summary.all.share_satisfied),
        if summary.all.count == 0 { "" } else if met { "цель 90% достигнута" } else { "ниже цели 90%" },
        summary.all.mean_overall.map(|m| format!("{m:.2}")).unwrap_or_else(|| "—".into()),
        summary.under_rated.len(),
        percent(summary.all.share_term_met),
    );
    let _ = write!(o, "<p><a href=\"/api/v1/ratings.csv\">CSV (запятая)</a> · <a href=\"/api/v1/ratings.csv?sep=semicolon\">CSV для Excel (точка с запятой)</a></p>");
    let services: Vec<(String, &Figures)> = summary.services.iter().map(|s| (s.title.clone(), &s.figures)).collect();
    o.push_str(&satisfaction_bars("Доля довольных по услугам", &services));
    let departments: Vec<(String, &Figures)> = summary.departments.iter().map(|(d, f)| (d.clone(), f)).collect();
    o.push_str(&satisfaction_bars("Доля довольных по ведомствам", &departments));
    o.push_str(&criteria_bars(&summary.all));
    let channels: Vec<(String, &Figures)> =
        summary.channels.iter().map(|(c, f)| (channel_name(c).to_string(), f)).collect();
    o.push_str(&satisfaction_bars("Доля довольных по каналам обращения", &channels));
    o.push_str(&trend(weeks));
    let _ = write!(o, "<h2>Услуги, где меньше {MIN_RATINGS} оценок</h2>");
    if summary.under_rated.is_empty() {
        o.push_str("<p>Нет.</p>");
    } else {
        o.push_str("<ul>");
        for s in &summary.under_rated {
            let _ = write!(o, "<li>{}</li>", escape(s));
        }
        o.push_str("</ul>");
    }
    o.push_str("<h2>«План был полезен?»</h2><table><tr><th>Ситуация</th><th>Да</th><th>Нет</th></tr>");
    for (situation, yes, no) in helpful {
        let _ = write!(o, "<tr><td>{}</td><td>{yes}</td><td>{no}</td></tr>", escape(situation));
    }
    o.push_str("</table></body></html>");
    o
}

pub fn channel_name(c: &str) -> &str {
    match c {
        "in_person" => "Лично в ведомстве",
        "one_window" => "«Единое окно»",
        "mfc" => "МФЦ",
        "portal" => "Госуслуги",
        "post" => "Почта",
        other => other,
    }
}

/// For a browser without an analyst's session: where to sign in.
pub fn sign_in_page() -> String {
    "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Показатели — вход</title></head><body>\
     <h1>Показатели удовлетворённости</h1><p>Показатели открыты сотрудникам с ролью «аналитик». \
     <a href=\"/studio/\">Войдите в студию</a> и откройте эту страницу снова.</p></body></html>"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_shown_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
        let mut s = crate::feedback::analysis::summarize(&[], &NoNames);
        s.under_rated = vec!["<img src=x onerror=alert(1)>".into()];
        let html = page(&s, &[], &[("<i>birth</i>".into(), 1, 0)], "Иркутск <script>");
        assert!(!html.contains("<img src=x"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<i>birth</i>"));
        assert!(html.contains("&lt;i&gt;birth&lt;/i&gt;"));
        assert!(!html.contains("Иркутск <script>"));
    }

    struct NoNames;
    impl crate::feedback::analysis::Names for NoNames {
        fn service_title(&self, id: &str) -> String {
            id.into()
        }
        fn department_of(&self, _: &str) -> String {
            String::new()
        }
        fn all_services(&self) -> Vec<String> {
            Vec::new()
        }
    }
}
