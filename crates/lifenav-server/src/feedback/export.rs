//! CSV for analysts that spreadsheet tools open correctly: UTF-8 with a byte-order
//! mark (so Excel reads Cyrillic), `,` or `;` as the separator (Russian Excel expects
//! `;`), and cells that cannot be read as formulas.

use super::store::Stored;

pub const HEADER: [&str; 14] = [
    "id",
    "day",
    "service",
    "department",
    "overall",
    "waiting",
    "politeness",
    "comfort",
    "information",
    "channel",
    "term_met",
    "waited_minutes",
    "visits",
    "comment",
];

/// Text that cannot run as a formula: a spreadsheet may split a cell on either `,` or `;`
/// (Russian-locale Excel splits on `;`), so every part that would start with = + - @ (or a
/// tab or carriage return) gets an apostrophe, not only the cell's first character.
fn neutralise(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    let mut at_part_start = true;
    for c in value.chars() {
        if at_part_start {
            if matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r') {
                out.push('\'');
                at_part_start = false;
            } else if c != ' ' {
                at_part_start = false;
            }
        }
        out.push(c);
        if c == ',' || c == ';' {
            at_part_start = true;
        }
    }
    out
}

/// Every text cell is quoted; numbers are not.
fn cell(value: &str) -> String {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        value.to_string()
    } else {
        format!("\"{}\"", neutralise(value).replace('"', "\"\""))
    }
}

pub fn csv(rows: &[Stored], sep: char, department_of: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(&sep.to_string());
    out.push_str(&line(HEADER.iter().map(|h| h.to_string()).collect()));
    out.push_str("\r\n");
    for s in rows {
        let r = &s.rating;
        out.push_str(&line(vec![
            r.id.clone(),
            s.received_on.clone(),
            r.service.clone(),
            department_of(&r.service),
            r.overall.to_string(),
            r.criteria[0].to_string(),
            r.criteria[1].to_string(),
            r.criteria[2].to_string(),
            r.criteria[3].to_string(),
            r.channel.clone(),
            r.term_met.map(|t| if t { "yes" } else { "no" }).unwrap_or("").to_string(),
            r.waited_minutes.map(|m| m.to_string()).unwrap_or_default(),
            r.visits.map(|v| v.to_string()).unwrap_or_default(),
            r.comment.clone().unwrap_or_default(),
        ]));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feedback::rating::Rating;

    #[test]
    fn bom_separator_quoting_and_no_formulas() {
        let rows = vec![Stored {
            rating: Rating {
                id: "i".into(),
                service: "s".into(),
                overall: 5,
                criteria: [1, 2, 3, 4],
                channel: "mfc".into(),
                term_met: Some(true),
                comment: Some("=HYPERLINK(\"x\"); очередь".into()),
                waited_minutes: Some(25),
                visits: None,
            },
            received_on: "2026-11-20".into(),
        }];
        let out = csv(&rows, ';', &|_| "ЗАГС".into());
        assert!(out.starts_with("\u{feff}\"id\";\"day\";\"service\""));
        let data = out.lines().nth(1).unwrap();
        assert_eq!(
            data,
            "\"i\";\"2026-11-20\";\"s\";\"ЗАГС\";5;1;2;3;4;\"mfc\";\"yes\";25;\"\";\"'=HYPERLINK(\"\"x\"\"); очередь\""
        );
        let comma = csv(&rows, ',', &|_| "d".into());
        assert!(comma.lines().nth(1).unwrap().ends_with(",\"'=HYPERLINK(\"\"x\"\"); очередь\""), "{comma}");
    }

    /// Guards the defect where `x;=cmd|' /C calc'!A0` in a comma file was a live formula
    /// for a spreadsheet that splits on `;`.
    #[test]
    fn a_formula_after_either_separator_is_neutralised() {
        assert_eq!(neutralise("x;=cmd|' /C calc'!A0"), "x;'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("a, +1; -2;@x"), "a, '+1; '-2;'@x");
        assert_eq!(neutralise("очередь 5-10 минут"), "очередь 5-10 минут", "a dash inside a part is text");
        assert_eq!(cell("x;=1"), "\"x;'=1\"");
        assert_eq!(cell("42"), "42");
    }
}
