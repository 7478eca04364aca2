//! CSV for analysts that spreadsheet tools open correctly: UTF-8 with a byte-order
//! mark (so Excel reads Cyrillic), `,` or `;` as the separator (Russian Excel expects
//! `;`), and cells that cannot be read as formulas.

use super::store::Stored;

pub const HEADER: [&str; 12] = [
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
    "comment",
];

fn cell(value: &str, sep: char) -> String {
    // A cell starting with = + - @ would run as a formula in a spreadsheet.
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if value.contains([sep, '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ') {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

pub fn csv(rows: &[Stored], sep: char, department_of: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.iter().map(|c| cell(c, sep)).collect::<Vec<_>>().join(&sep.to_string());
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
            },
            received_on: "2026-11-20".into(),
        }];
        let out = csv(&rows, ';', &|_| "ЗАГС".into());
        assert!(out.starts_with("\u{feff}id;day;service"));
        let data = out.lines().nth(1).unwrap();
        assert_eq!(data, "i;2026-11-20;s;ЗАГС;5;1;2;3;4;mfc;yes;\"'=HYPERLINK(\"\"x\"\"); очередь\"");
        let comma = csv(&rows, ',', &|_| "d".into());
        assert!(comma.lines().nth(1).unwrap().ends_with(",\"'=HYPERLINK(\"\"x\"\"); очередь\""), "{comma}");
    }
}
