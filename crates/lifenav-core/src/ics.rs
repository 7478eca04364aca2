//! Calendar export (RFC 5545): the plan's deadlines as all-day events that a phone's
//! calendar imports, with a reminder the day before.

use crate::{Date, Engine, Lang, Plan};

/// Escapes a text value (RFC 5545, 3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn compact(d: Date) -> String {
    d.to_string().replace('-', "")
}

/// The `.ics` text of a plan's deadlines; `None` when the plan has no deadline dates.
/// `stamp` is the moment of export as `YYYYMMDDTHHMMSSZ`.
pub fn deadlines_calendar(engine: &Engine, plan: &Plan, lang: Lang, stamp: &str) -> Option<String> {
    let situation = engine.catalog.situation(&plan.situation).map(|s| s.title.get(lang)).unwrap_or(&plan.situation);
    let city = engine.catalog.meta.city.get(lang);
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//lifenav//navigator//RU".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
    ];
    let mut any = false;
    for step in &plan.steps {
        let Some(date) = step.deadline_date else { continue };
        any = true;
        let (title, by) = match lang {
            Lang::Ru => (format!("Срок: {}", step.title.get(lang)), "Последний день"),
            Lang::En => (format!("Deadline: {}", step.title.get(lang)), "Last day"),
        };
        let description = format!("{situation} ({city}). {by}: {}.", date.human(lang));
        lines.extend([
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}-{}-{}@lifenav", plan.situation, step.service, compact(date)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", compact(date)),
            format!("DTEND;VALUE=DATE:{}", compact(date.add_days(1))),
            format!("SUMMARY:{}", escape(&title)),
            format!("DESCRIPTION:{}", escape(&description)),
            "BEGIN:VALARM".to_string(),
            "ACTION:DISPLAY".to_string(),
            "TRIGGER:-P1D".to_string(),
            format!("DESCRIPTION:{}", escape(&title)),
            "END:VALARM".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    if !any {
        return None;
    }
    lines.push("END:VCALENDAR".to_string());
    let mut out = String::new();
    for l in &lines {
        fold(l, &mut out);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Регистрация рождения ребёнка ".repeat(5));
        fold(&long, &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert_eq!(out.replace("\r\n ", ""), format!("{long}\r\n"));
    }

    #[test]
    fn escapes_separators() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
