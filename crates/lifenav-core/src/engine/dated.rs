//! Facts that change with time. A fee, a term or a deadline may be a list of dated
//! values: the value written in the field and those in its `periods`, each in force
//! from its `from` to its `until` (both inclusive, either open). A document
//! requirement, a variant or a service in a situation may carry `from`/`until` too,
//! and outside them it is absent.
//!
//! Which day a fact is read on: the applicant's deadline and eligibility (which
//! services, which variant) on the event date, or today without one; a fee, a term
//! and a document requirement on the day the step can start.

use crate::diagnostic::{Diagnostic, Path};
use crate::model::{Fee, Period};
use crate::{Date, Lang};

/// Whether something dated `from`–`until` is in force on `on`; everything is when
/// `on` is `None` (no date to read the catalog on).
pub(crate) fn in_force(from: Option<Date>, until: Option<Date>, on: Option<Date>) -> bool {
    match on {
        None => true,
        Some(d) => from.is_none_or(|f| f <= d) && until.is_none_or(|u| d <= u),
    }
}

/// A fact written as a list of dated values.
pub trait Dated: Sized {
    fn from(&self) -> Option<Date>;
    fn until(&self) -> Option<Date>;
    /// The further values (only the outer value has them).
    fn periods(&self) -> &[Self];

    /// The outer value and its periods.
    fn values(&self) -> impl Iterator<Item = &Self> {
        std::iter::once(self).chain(self.periods())
    }

    /// The value in force on `on`, if any.
    fn on(&self, on: Date) -> Option<&Self> {
        self.values().find(|v| in_force(v.from(), v.until(), Some(on)))
    }

    /// The fact has more than one value, or one with dates: what it says depends on the day.
    fn is_dated(&self) -> bool {
        !self.periods().is_empty() || self.from().is_some() || self.until().is_some()
    }

    /// The last day of the last value, when the fact ends at all.
    fn last_day(&self) -> Option<Date> {
        let mut last: Option<Date> = None;
        for v in self.values() {
            match v.until() {
                None => return None,
                Some(u) => last = Some(last.map_or(u, |l: Date| l.max(u))),
            }
        }
        last
    }
}

macro_rules! dated {
    ($t:ty) => {
        impl Dated for $t {
            fn from(&self) -> Option<Date> {
                self.from
            }
            fn until(&self) -> Option<Date> {
                self.until
            }
            fn periods(&self) -> &[Self] {
                &self.periods
            }
        }
    };
}
dated!(Fee);
dated!(Period);

/// `from` after `until` is an error: the thing would never be in force.
pub(crate) fn check_span(
    path: &dyn Fn() -> Path,
    what: (&str, &str),
    from: Option<Date>,
    until: Option<Date>,
    diags: &mut Vec<Diagnostic>,
) {
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            diags.push(Diagnostic::error(
                path(),
                format!("{}: действует с {f} по {u}, но начало (`from`) позже конца (`until`)", what.0),
                format!("{} is in force from {f} until {u}: `from` is after `until`", what.1),
            ));
        }
    }
}

/// How two dated values of one fact follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seam {
    /// The second starts the day after the first ends.
    Joined,
    /// Both are in force on some day: which one holds is ambiguous.
    Overlap,
    /// Days between them have no value; the first day of the gap.
    Gap(Date),
}

/// The seams between a fact's values in the order they come into force (a value
/// without `from` comes first); with the indices (in [`Dated::values`]) of each pair.
pub(crate) fn seams<T: Dated>(fact: &T) -> Vec<(usize, usize, Seam)> {
    let mut order: Vec<(usize, &T)> = fact.values().enumerate().collect();
    order.sort_by_key(|(_, v)| v.from());
    order
        .windows(2)
        .map(|w| {
            let ((i, a), (j, b)) = (w[0], w[1]);
            let seam = match (a.until(), b.from()) {
                (None, _) | (_, None) => Seam::Overlap,
                (Some(u), Some(f)) if f <= u => Seam::Overlap,
                (Some(u), Some(f)) if f == u.add_days(1) => Seam::Joined,
                (Some(u), Some(_)) => Seam::Gap(u.add_days(1)),
            };
            (i, j, seam)
        })
        .collect()
}

/// The path of value `i` of a fact at `path`: the field itself, or one of its periods.
fn value_path(path: &dyn Fn() -> Path, i: usize) -> Path {
    if i == 0 {
        path()
    } else {
        path().key("periods").index(i - 1)
    }
}

/// Checks a dated fact: `each` on every value with its path, dates in order, no
/// periods inside periods, no overlaps (errors) and no gaps (warnings).
pub(crate) fn check_values<T: Dated>(
    path: &dyn Fn() -> Path,
    what: (&str, &str),
    fact: &T,
    diags: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&T, &dyn Fn() -> Path, &mut Vec<Diagnostic>),
) {
    for (i, v) in fact.values().enumerate() {
        let vp = || value_path(path, i);
        each(v, &vp, diags);
        check_span(&vp, what, v.from(), v.until(), diags);
        if i > 0 && !v.periods().is_empty() {
            diags.push(Diagnostic::error(
                vp().key("periods"),
                "у периода не бывает своих периодов: перечислите их все в `periods` самого поля",
                "a period has no periods of its own: list them all in the field's `periods`",
            ));
        }
    }
    if fact.periods().is_empty() {
        return;
    }
    for (i, j, seam) in seams(fact) {
        match seam {
            Seam::Joined => {}
            Seam::Overlap => diags.push(Diagnostic::error(
                value_path(path, j),
                format!("{}: это значение действует в те же дни, что и {}; укажите им `from`/`until`, идущие друг за другом", what.0, describe_ru(i)),
                format!("{}: this value and {} are both in force on some days; give them `from`/`until` that follow each other", what.1, describe(i)),
            )),
            Seam::Gap(first) => diags.push(Diagnostic::warning(
                value_path(path, j),
                format!("{}: с {first} до начала этого значения не действует никакое (предыдущее — {})", what.0, describe_ru(i)),
                format!("{}: no value is in force from {first} until this one starts (after {})", what.1, describe(i)),
            )),
        }
    }
}

fn describe_ru(i: usize) -> String {
    if i == 0 {
        "значение, записанное в самом поле".into()
    } else {
        format!("periods[{i}]")
    }
}

fn describe(i: usize) -> String {
    if i == 0 {
        "the value written in the field".into()
    } else {
        format!("periods[{i}]")
    }
}

/// The fact ends within `days` after `today` and nothing follows it: the last day.
pub(crate) fn ends_soon<T: Dated>(fact: &T, today: Date, days: i64) -> Option<Date> {
    let last = fact.last_day()?;
    (last >= today && last <= today.add_days(days)).then_some(last)
}

/// Drops the values that ended before `cutoff` (the bundle need not carry them); a
/// fact whose every value ended keeps its last one, so that the field stays stated.
pub(crate) fn prune<T: Dated + Clone>(fact: &mut T, cutoff: Date, set_periods: impl Fn(&mut T, Vec<T>)) {
    let mut kept: Vec<T> = fact.values().filter(|v| v.until().is_none_or(|u| u >= cutoff)).cloned().collect();
    if kept.is_empty() {
        return;
    }
    let mut first = kept.remove(0);
    set_periods(&mut first, kept);
    *fact = first;
}

/// Leaves out of a catalog (for its bundle) the dated values that ended more than a
/// year before `build_day`, and the calendar years before the last year: nothing the
/// widget computes reads them. The source files keep them.
pub fn prune_ended(catalog: &mut crate::Catalog, build_day: Date) {
    let cutoff = build_day.add_months(-12);
    let bodies = catalog.services.iter_mut().flat_map(|s| {
        let crate::model::Service { common, variants, .. } = s;
        std::iter::once(common).chain(variants.iter_mut().map(|v| &mut v.body))
    });
    for body in bodies {
        for p in [&mut body.term, &mut body.deadline].into_iter().flatten() {
            prune(p, cutoff, |p, rest| p.periods = rest);
        }
        if let Some(f) = &mut body.fee {
            prune(f, cutoff, |f, rest| f.periods = rest);
        }
        body.documents.retain(|d| d.until.is_none_or(|u| u >= cutoff));
    }
    // Variants stay: plans and saved journeys name them by their place in the list.
    for s in &mut catalog.situations {
        s.services.retain(|i| i.until.is_none_or(|u| u >= cutoff));
    }
    catalog.meta.calendar.retain(|y| y.year >= cutoff.year);
}

/// "на 1 февраля 2027" / "for 1 February 2027": the day a figure is for.
pub fn for_date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("на {}", date.human(lang)),
        Lang::En => format!("for {}", date.human(lang)),
    }
}
