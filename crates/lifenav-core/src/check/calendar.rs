//! The production calendar's years: which the catalog covers, and whether that is enough.

use crate::diagnostic::{Diagnostic, Path};
use crate::engine::Engine;
use crate::Date;

pub(super) fn check(engine: &Engine, today: Date) -> Vec<Diagnostic> {
    let meta = &engine.catalog.meta;
    let mut out = Vec::new();
    let root = || Path::root("meta");
    if !meta.holidays.is_empty() || !meta.workdays.is_empty() {
        out.push(Diagnostic::warning(
            root().key("holidays"),
            "праздники (`holidays`) и рабочие выходные (`workdays`) не привязаны к году: перенесите их в записи `[[calendar]]`, по одной на год",
            "`holidays` and `workdays` cover no year: move them into `[[calendar]]` entries, one per year",
        ));
    }
    for (i, y) in meta.calendar.iter().enumerate() {
        let p = || root().key("calendar").index(i);
        if meta.calendar[..i].iter().any(|o| o.year == y.year) {
            out.push(Diagnostic::error(
                p().key("year"),
                format!("{} год указан дважды", y.year),
                format!("the year {} is listed twice", y.year),
            ));
        }
        for (key, days) in [("holidays", &y.holidays), ("workdays", &y.workdays)] {
            for d in days.iter().filter(|d| d.year != y.year) {
                out.push(Diagnostic::error(
                    p().key(key),
                    format!("{d} не относится к {} году", y.year),
                    format!("{d} is not in {}", y.year),
                ));
            }
        }
        for d in y.workdays.iter().filter(|d| !d.is_weekend()) {
            out.push(Diagnostic::warning(
                p().key("workdays"),
                format!("{d} — будний день: он и так рабочий"),
                format!("{d} is a weekday: it is a working day anyway"),
            ));
        }
        let (ru, en) = (format!("производственный календарь на {} год", y.year), format!("the calendar of {}", y.year));
        crate::engine::sourcing_warnings(&p, (&ru, &en), &y.source, &y.checked, &mut out);
    }
    if let Some((days, path)) = super::longest_period(engine) {
        let reach = today.add_days(days);
        let last = engine.calendar.covered_years().last().copied();
        if last.is_none_or(|l| reach.year > l) {
            let covers = last.map_or("no year".to_string(), |l| format!("years up to {l}"));
            let covers_ru = last.map_or("ни одного года".to_string(), |l| format!("годы по {l}"));
            let next = last.map_or(today.year, |l| l + 1);
            out.push(Diagnostic::warning(
                root().key("calendar"),
                format!(
                    "производственный календарь охватывает {covers_ru}, а сегодня ({today}) плюс самый долгий срок (не больше {days} дн., {path}) \
                     доходит до {reach}: добавьте постановление Правительства о переносе выходных на {next} год, когда его опубликуют"
                ),
                format!(
                    "the calendar covers {covers}, but today ({today}) plus the longest term ({days} days at most, {path}) \
                     reaches {reach}: add the Government's decree on the transfer of days off for {next} when it is published"
                ),
            ));
        }
    }
    out
}
