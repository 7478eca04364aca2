//! The analysts' pages, HTML with SVG charts and no scripts (the staff pages' CSP allows
//! none): the indicators of a period and a department against their targets, the quarterly
//! report to print («сохранить как PDF»), and the rating posters for offices with a QR code
//! of the widget's `#rate/<service>` link. Every text from the catalog or from citizens is
//! escaped; service names are never cut off.

use super::indicators::{Filter, Indicators, Step, Targets, MIN_RATINGS};
use lifenav_core::text::escape_html as escape;
use std::fmt::Write;

fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

fn number(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.1}").replace('.', ",")).unwrap_or_else(|| "—".into())
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:0 auto;padding:1em;color:#111;line-height:1.45}\
  a{color:#0b4f8a}.kpi{display:grid;grid-template-columns:repeat(auto-fit,minmax(14em,1fr));gap:.8em}\
  .kpi div{border:2px solid #777;border-radius:6px;padding:.6em 1em}.kpi b{display:block;font-size:1.8em}\
  .kpi .ok{border-color:#1f6f32}.kpi .miss{border-color:#a4161a}\
  table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.35em .6em;text-align:left;vertical-align:top}\
  td.n{text-align:right;white-space:nowrap}figure{margin:1.5em 0}figcaption{font-weight:bold;margin-bottom:.4em}\
  form.filters{display:flex;flex-wrap:wrap;gap:.6em 1em;align-items:end;background:#f4f5f7;padding:.8em;border-radius:6px}\
  form.filters label{display:block;font-weight:600}form.filters select,form.filters input,form.filters button{font:inherit;min-height:40px}\
  @media print{form.filters,nav.links{display:none}body{max-width:none}}";

/// How one indicator stands against its target; `higher` when more is better.
fn standing(value: Option<f64>, target: f64, higher: bool) -> (&'static str, &'static str) {
    match value {
        None => ("", "нет данных"),
        Some(v) if (higher && v >= target) || (!higher && v <= target) => ("ok", "цель достигнута"),
        Some(_) => ("miss", "цель не достигнута"),
    }
}

fn kpis(ind: &Indicators, t: &Targets) -> String {
    let mut o = String::from("<section class=\"kpi\" aria-label=\"Показатели\">");
    let mut card = |label: &str, value: String, class: &str, note: String| {
        let _ = write!(o, "<div class=\"{class}\">{}<b>{}</b>{}</div>", escape(label), escape(&value), escape(&note));
    };
    card("Оценок", ind.count.to_string(), "", String::new());
    let (c, w) = standing(ind.share_satisfied, t.satisfied, true);
    card("Довольны (4–5 из 5)", percent(ind.share_satisfied), c, format!("цель ≥ {:.0}% — {w}", t.satisfied * 100.0));
    let (c, w) = standing(ind.mean_waiting_minutes, t.waiting_minutes, false);
    card(
        "Среднее ожидание в очереди, минут",
        number(ind.mean_waiting_minutes),
        c,
        format!("цель ≤ {} — {w}; ответили {}", t.waiting_minutes, ind.waiting_answers),
    );
    let (c, w) = standing(ind.mean_visits, t.visits, false);
    card(
        "Визитов на одну услугу",
        number(ind.mean_visits),
        c,
        format!("цель ≤ {} — {w}; ответили {}", t.visits, ind.visits_answers),
    );
    let (c, w) = standing(ind.share_on_time, 1.0, true);
    card(
        "Ответы вовремя",
        percent(ind.share_on_time),
        c,
        format!(
            "{} вовремя из {} с решённым сроком (ответ дан или срок {} дн. истёк) — цель 100%, {w}; ещё в срок ждут ответа: {}",
            ind.answered_on_time,
            ind.answered_on_time + ind.answered_late + ind.open_overdue,
            t.answer_within_days,
            ind.waiting_in_time
        ),
    );
    let (c, w) = standing(ind.median_answer_days, t.answer_within_days as f64, false);
    card(
        "Медиана времени ответа, дней",
        number(ind.median_answer_days),
        c,
        format!("срок — {} дн., {w}", t.answer_within_days),
    );
    card(
        "Ответ помог гражданину",
        percent((ind.answers_replied > 0).then(|| ind.answers_helped as f64 / ind.answers_replied as f64)),
        "",
        format!("ответили на ответ: {}", ind.answers_replied),
    );
    o.push_str("</section>");
    o
}

fn trend(ind: &Indicators, target: f64) -> String {
    let title = match ind.step {
        Step::Week => "Доля довольных по неделям",
        Step::Month => "Доля довольных по месяцам",
    };
    if ind.trend.is_empty() {
        return String::new();
    }
    let (w, h, left, right, top, bottom) = (760.0, 230.0, 48.0, 16.0, 18.0, 50.0);
    let n = ind.trend.len();
    let step = if n > 1 { (w - left - right) / (n - 1) as f64 } else { 0.0 };
    let x_of = |i: usize| if n > 1 { left + i as f64 * step } else { (left + w - right) / 2.0 };
    let y_of = |s: f64| top + (1.0 - s) * (h - top - bottom);
    let label_of = |p: &super::indicators::Point| match ind.step {
        Step::Week => format!("{:02}.{:02}", p.start.day, p.start.month),
        Step::Month => format!("{:02}.{}", p.start.month, p.start.year),
    };
    let mut svg = format!(
        "<figure><figcaption>{title}</figcaption><svg aria-hidden=\"true\" viewBox=\"0 0 {w} {h}\" width=\"100%\">"
    );
    // The scale: 0, 50 and 100%, and the target as a dashed line labelled at its right end.
    for s in [0.0, 0.5, 1.0] {
        let y = y_of(s);
        let _ = write!(
            svg,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#c8c8c8\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{:.0}%</text>",
            w - right,
            left - 6.0,
            y + 4.0,
            s * 100.0
        );
    }
    let ty = y_of(target);
    let _ = write!(
        svg,
        "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\" stroke=\"#000\" stroke-dasharray=\"5 3\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">цель {:.0}%</text>",
        w - right,
        w - right,
        ty - 5.0,
        target * 100.0
    );
    let line: Vec<String> = ind
        .trend
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.share_satisfied.map(|s| format!("{:.1},{:.1}", x_of(i), y_of(s))))
        .collect();
    let _ =
        write!(svg, "<polyline fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2\" points=\"{}\"/>", line.join(" "));
    // Labels every other period when there are many, so that they do not overlap.
    let every = if n > 14 { 2 } else { 1 };
    for (i, p) in ind.trend.iter().enumerate() {
        let x = x_of(i);
        if let Some(s) = p.share_satisfied {
            let y = y_of(s);
            let _ = write!(
                svg,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#0b4f8a\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" font-weight=\"700\">{}</text>",
                if y < top + 14.0 { y + 16.0 } else { y - 8.0 },
                percent(Some(s))
            );
        }
        if i % every == 0 {
            let _ = write!(
                svg,
                "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">n={}</text>",
                h - bottom + 18.0,
                label_of(p),
                h - bottom + 32.0,
                p.count
            );
        }
    }
    svg.push_str("</svg>");
    // The same figures as a table: the chart is for the eye, the table for everyone.
    let _ = write!(
        svg,
        "<details><summary>Таблица: {title}</summary><table><thead><tr><th scope=\"col\">С</th><th scope=\"col\">Оценок</th><th scope=\"col\">Довольны</th></tr></thead><tbody>"
    );
    for p in &ind.trend {
        let _ = write!(
            svg,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            p.start.human(lifenav_core::Lang::Ru),
            p.count,
            percent(p.share_satisfied)
        );
    }
    svg.push_str("</tbody></table></details></figure>");
    svg
}

fn services_table(caption: &str, rows: &[super::indicators::ServiceRow]) -> String {
    let mut o = format!("<h2>{}</h2>", escape(caption));
    if rows.is_empty() {
        o.push_str("<p>Нет.</p>");
        return o;
    }
    o.push_str("<table><thead><tr><th scope=\"col\">Услуга</th><th scope=\"col\">Ведомство</th><th scope=\"col\">Оценок</th><th scope=\"col\">Довольны</th><th scope=\"col\">Средняя</th></tr></thead><tbody>");
    for r in rows {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&r.title),
            escape(&r.department),
            r.count,
            percent(r.share_satisfied),
            number(r.mean_overall)
        );
    }
    o.push_str("</tbody></table>");
    o
}

/// The filter's parameters as a query string (for the CSV and the report links).
pub fn query(filter: &Filter) -> String {
    let mut q = format!("from={}&to={}", filter.from, filter.to);
    if let Some(d) = &filter.department {
        q.push_str(&format!("&department={}", escape(d)));
    }
    q
}

fn head(title: &str) -> String {
    format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>",
        escape(title)
    )
}

/// The dashboard: filters, the indicators against their targets, the trend, the services.
pub fn page(
    ind: &Indicators,
    t: &Targets,
    filter: &Filter,
    period: &str,
    departments: &[(String, String)],
    city: &str,
) -> String {
    let mut o = head(&format!("Показатели удовлетворённости — {city}"));
    let _ = write!(
        o,
        "<h1>Показатели удовлетворённости</h1><p>{}: с {} по {}{}.</p>",
        escape(city),
        filter.from.human(lifenav_core::Lang::Ru),
        filter.to.human(lifenav_core::Lang::Ru),
        filter
            .department
            .as_ref()
            .map(|d| format!(
                ", {}",
                escape(
                    &departments.iter().find(|(id, _)| id == d).map(|(_, n)| n.clone()).unwrap_or_else(|| d.clone())
                )
            ))
            .unwrap_or_default()
    );
    o.push_str("<form class=\"filters\" method=\"get\" action=\"/dashboard\"><div><label for=\"period\">Период</label><select id=\"period\" name=\"period\">");
    for (value, text) in
        [("month", "этот месяц"), ("quarter", "этот квартал"), ("year", "этот год"), ("custom", "свои даты")]
    {
        let _ =
            write!(o, "<option value=\"{value}\"{}>{text}</option>", if value == period { " selected" } else { "" });
    }
    let _ = write!(
        o,
        "</select></div><div><label for=\"from\">С</label><input id=\"from\" name=\"from\" type=\"date\" value=\"{}\"></div>\
         <div><label for=\"to\">По</label><input id=\"to\" name=\"to\" type=\"date\" value=\"{}\"></div>\
         <div><label for=\"department\">Ведомство</label><select id=\"department\" name=\"department\"><option value=\"\">все</option>",
        filter.from, filter.to
    );
    for (id, name) in departments {
        let selected = if filter.department.as_deref() == Some(id.as_str()) { " selected" } else { "" };
        let _ = write!(o, "<option value=\"{}\"{selected}>{}</option>", escape(id), escape(name));
    }
    o.push_str("</select></div><button type=\"submit\">Показать</button></form>");
    let q = query(filter);
    let quarter = format!("{}-Q{}", filter.to.year, (filter.to.month - 1) / 3 + 1);
    let _ = write!(
        o,
        "<nav class=\"links\" aria-label=\"Выгрузки\"><p><a href=\"/api/v1/ratings.csv?{q}\">CSV (запятая)</a> · \
         <a href=\"/api/v1/ratings.csv?{q}&amp;sep=semicolon\">CSV для Excel (точка с запятой)</a> · \
         <a href=\"/dashboard/report?quarter={quarter}{}\">Отчёт за квартал для печати</a> · \
         <a href=\"/dashboard/posters\">Плакаты с QR-кодом для офисов</a> · <a href=\"/studio/\">Студия</a></p></nav>",
        filter.department.as_ref().map(|d| format!("&amp;department={}", escape(d))).unwrap_or_default()
    );
    o.push_str(&kpis(ind, t));
    o.push_str(&trend(ind, t.satisfied));
    o.push_str(&services_table("Услуги: сначала с меньшей долей довольных", &ind.services));
    o.push_str(&services_table(&format!("Услуги, где меньше {MIN_RATINGS} оценок"), &ind.under_rated));
    o.push_str("</body></html>");
    o
}

/// The quarterly report, laid out for A4: the whole city's indicators, then each department's.
pub fn report(
    quarter: &str,
    city: &str,
    all: &Indicators,
    by_department: &[(String, Indicators)],
    t: &Targets,
) -> String {
    let mut o = head(&format!("Отчёт о качестве услуг за {quarter} — {city}"));
    let _ = write!(o, "<h1>Качество муниципальных и государственных услуг: {}, {}</h1><p>По оценкам граждан сразу после получения услуги. Цели: довольных не меньше {:.0}%, ожидание не больше {} минут, не больше {} визитов на услугу, ответ на оценку ниже 3 с комментарием в течение {} дней.</p>",
        escape(quarter.replace("-Q", ", квартал ").as_str()), escape(city), t.satisfied * 100.0, t.waiting_minutes, t.visits, t.answer_within_days);
    o.push_str("<p class=\"links\">Для PDF: «Печать» → «Сохранить как PDF».</p>");
    o.push_str(&kpis(all, t));
    o.push_str(&trend(all, t.satisfied));
    o.push_str("<h2>По ведомствам</h2><table><thead><tr><th scope=\"col\">Ведомство</th><th scope=\"col\">Оценок</th><th scope=\"col\">Довольны</th><th scope=\"col\">Ожидание, мин</th><th scope=\"col\">Визитов</th><th scope=\"col\">Ответы вовремя</th></tr></thead><tbody>");
    for (name, i) in by_department.iter().filter(|(_, i)| i.count > 0) {
        let _ = write!(
            o,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(name),
            i.count,
            percent(i.share_satisfied),
            number(i.mean_waiting_minutes),
            number(i.mean_visits),
            percent(i.share_on_time)
        );
    }
    o.push_str("</tbody></table>");
    o.push_str(&services_table(&format!("Услуги, где меньше {MIN_RATINGS} оценок"), &all.under_rated));
    o.push_str("</body></html>");
    o
}

/// A service and an office for a poster.
pub struct PosterItem {
    pub service: String,
    pub title: String,
    pub office: String,
    pub office_name: String,
}

pub fn posters_index(items: &[PosterItem], widget_page: &str) -> String {
    let mut o = head("Плакаты для оценки услуг");
    let _ = write!(o, "<h1>Плакаты для оценки услуг</h1><p>Повесьте плакат там, где выдают результат услуги: гражданин наводит камеру на QR-код и оценивает услугу на странице {}. Печатайте на листе A4.</p><ul>", escape(widget_page));
    for i in items {
        let _ = write!(
            o,
            "<li><a href=\"/dashboard/poster?service={}&amp;office={}\">{} — {}</a></li>",
            escape(&i.service),
            escape(&i.office),
            escape(&i.title),
            escape(&i.office_name)
        );
    }
    o.push_str("</ul></body></html>");
    o
}

/// The link a poster's QR code opens: the widget's page at the service's rating form.
pub fn rate_link(widget_page: &str, service: &str) -> String {
    let base = widget_page.split('#').next().unwrap_or(widget_page);
    format!("{base}#rate/{service}")
}

/// One A4 poster: the service's title, one line of instructions and the QR code (SVG).
pub fn poster(item: &PosterItem, link: &str) -> Result<String, String> {
    let code =
        qrcode::QrCode::with_error_correction_level(link.as_bytes(), qrcode::EcLevel::M).map_err(|e| e.to_string())?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    // The renderer's XML prolog has no place inside HTML.
    let svg = svg.find("<svg").map(|i| &svg[i..]).unwrap_or(&svg).replacen(
        "<svg",
        "<svg role=\"img\" aria-label=\"QR-код ссылки на оценку услуги\" class=\"qr\"",
        1,
    );
    let mut o = format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Оцените услугу: {}</title><style>\
         @page{{size:A4;margin:15mm}}body{{font-family:system-ui,sans-serif;text-align:center;color:#000;margin:0}}\
         h1{{font-size:30pt;margin:10mm 0 6mm;line-height:1.2}}p{{font-size:18pt;margin:4mm 0}}.qr{{width:110mm;height:110mm}}\
         .link{{font-size:11pt;word-break:break-all}}</style></head><body>",
        escape(&item.title)
    );
    let _ = write!(
        o,
        "<p>{}</p><h1>Оцените услугу «{}»</h1><p>Наведите камеру телефона на код и ответьте на пять вопросов. Это анонимно: мы не спрашиваем ни имени, ни телефона.</p>{svg}<p class=\"link\">{}</p></body></html>",
        escape(&item.office_name),
        escape(&item.title),
        escape(link)
    );
    Ok(o)
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
    fn the_rate_link_and_everything_escaped() {
        assert_eq!(rate_link("https://admirk.ru/navigator#top", "snils"), "https://admirk.ru/navigator#rate/snils");
        let item = PosterItem {
            service: "s".into(),
            title: "<b>СНИЛС</b>".into(),
            office: "mfc".into(),
            office_name: "МФЦ & Co".into(),
        };
        let html = poster(&item, "https://x.ru/#rate/s").unwrap();
        assert!(html.contains("&lt;b&gt;СНИЛС&lt;/b&gt;") && !html.contains("<b>СНИЛС"));
        assert!(html.contains("МФЦ &amp; Co"));
        assert!(html.contains("<svg role=\"img\"") && !html.contains("<?xml"));
    }
}
