//! The monitoring indicators of the source documents (seeds 003, 004), over a period and
//! for one department or all: the share of satisfied citizens, the average minutes
//! waited in the queue, the average number of visits for one service, answers given on
//! time and the median time to answer, and the services with too few ratings. Each
//! against its target (configurable). Pure: the rows come from the database, the names
//! from the published catalog.

use super::cases::{must_answer, Case};
use crate::catalog::current::CatalogInfo;
use lifenav_core::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// At least this many ratings per service are wanted (seed 003).
pub const MIN_RATINGS: usize = 5;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct Targets {
    /// Share satisfied (4 or 5 overall), seed 003: at least 90%.
    pub satisfied: f64,
    /// Average minutes waited, seed 004: at most 15.
    pub waiting_minutes: f64,
    /// Average visits for one service: at most 2.
    pub visits: f64,
    /// Days a low rating with a comment must be answered within.
    pub answer_within_days: i64,
}

impl Default for Targets {
    fn default() -> Self {
        Targets { satisfied: 0.9, waiting_minutes: 15.0, visits: 2.0, answer_within_days: 30 }
    }
}

/// Which ratings: received from `from` to `to` (inclusive), of one department's services.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter {
    pub from: Date,
    pub to: Date,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Step {
    Week,
    Month,
}

/// A period of the trend (a week from its Monday, or a month).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub start: Date,
    pub count: usize,
    pub share_satisfied: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRow {
    pub service: String,
    pub title: String,
    pub department: String,
    pub count: usize,
    pub share_satisfied: Option<f64>,
    pub mean_overall: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicators {
    pub count: usize,
    pub share_satisfied: Option<f64>,
    pub mean_waiting_minutes: Option<f64>,
    /// How many ratings said how long they waited (the others did not answer).
    pub waiting_answers: usize,
    pub mean_visits: Option<f64>,
    pub visits_answers: usize,
    /// Ratings the rules require an answer to, how many of them were answered on time,
    /// how many are still open, and the median days to an answer.
    pub must_answer: usize,
    pub answered_on_time: usize,
    pub answered_late: usize,
    /// On time among those whose outcome is settled: answered, or past the due day without
    /// an answer. Ratings still within their term do not count yet.
    pub share_on_time: Option<f64>,
    pub open_overdue: usize,
    /// Not answered yet, and still within their term.
    pub waiting_in_time: usize,
    pub median_answer_days: Option<f64>,
    /// Of the answers the citizens replied to: how many helped.
    pub answers_helped: usize,
    pub answers_replied: usize,
    pub services: Vec<ServiceRow>,
    /// Services of the catalog (in the filter) with fewer than [`MIN_RATINGS`] ratings.
    pub under_rated: Vec<ServiceRow>,
    pub step: Step,
    pub trend: Vec<Point>,
}

/// The department a rating belongs to: the one it was passed to, or its service's provider.
pub fn department_of(case: &Case, info: &CatalogInfo) -> String {
    case.handling
        .as_ref()
        .and_then(|h| h.department.clone())
        .or_else(|| info.service(&case.stored.rating.service).map(|s| s.department.clone()))
        .unwrap_or_default()
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| round(values.iter().sum::<f64>() / values.len() as f64))
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 })
}

fn share(yes: usize, of: usize) -> Option<f64> {
    (of > 0).then(|| round(yes as f64 / of as f64))
}

fn trend_start(d: Date, step: Step) -> Date {
    match step {
        Step::Week => d.add_days(-(d.weekday() as i64 - 1)),
        Step::Month => Date::new(d.year, d.month, 1).unwrap_or(d),
    }
}

/// The indicators of the `cases` (a period's ratings) that pass the filter, judged `today`.
pub fn compute(
    cases: &[Case],
    info: &CatalogInfo,
    filter: &Filter,
    targets: &Targets,
    today: Date,
    utc_offset_hours: i64,
) -> Indicators {
    let inside: Vec<&Case> = cases
        .iter()
        .filter(|c| Date::parse(&c.stored.received_on).is_ok_and(|d| d >= filter.from && d <= filter.to))
        .filter(|c| filter.department.as_ref().is_none_or(|d| department_of(c, info) == *d))
        .collect();
    let satisfied = inside.iter().filter(|c| c.stored.rating.satisfied()).count();
    let waiting: Vec<f64> = inside.iter().filter_map(|c| c.stored.rating.waited_minutes).map(f64::from).collect();
    let visits: Vec<f64> = inside.iter().filter_map(|c| c.stored.rating.visits).map(f64::from).collect();
    let required: Vec<&&Case> = inside.iter().filter(|c| must_answer(&c.stored.rating)).collect();
    let in_time = |c: &&&Case| c.answered_on_time(targets.answer_within_days, utc_offset_hours);
    let on_time = required.iter().filter(|c| in_time(c) == Some(true)).count();
    let late = required.iter().filter(|c| in_time(c) == Some(false)).count();
    let overdue = required
        .iter()
        .filter(|c| c.handling.as_ref().and_then(|h| h.answered_at).is_none())
        .filter(|c| super::cases::due(&c.stored, targets.answer_within_days).is_some_and(|due| due < today))
        .count();
    let answer_days: Vec<f64> =
        required.iter().filter_map(|c| c.answer_days(utc_offset_hours)).map(|d| d as f64).collect();
    let replies: Vec<bool> = inside.iter().filter_map(|c| c.handling.as_ref().and_then(|h| h.helped)).collect();

    let mut by_service: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for c in &inside {
        by_service.entry(c.stored.rating.service.as_str()).or_default().push(c);
    }
    let row = |id: &str, of: &[&Case]| {
        let s = info.service(id);
        let overall: Vec<f64> = of.iter().map(|c| f64::from(c.stored.rating.overall)).collect();
        ServiceRow {
            service: id.to_string(),
            title: s.map(|s| s.title.clone()).unwrap_or_else(|| id.to_string()),
            department: s.map(|s| s.department_name.clone()).unwrap_or_default(),
            count: of.len(),
            share_satisfied: share(of.iter().filter(|c| c.stored.rating.satisfied()).count(), of.len()),
            mean_overall: mean(&overall),
        }
    };
    let mut services: Vec<ServiceRow> = by_service.iter().map(|(id, of)| row(id, of)).collect();
    services.sort_by(|a, b| {
        a.share_satisfied.unwrap_or(0.0).total_cmp(&b.share_satisfied.unwrap_or(0.0)).then(b.count.cmp(&a.count))
    });
    let under_rated = info
        .services
        .iter()
        .filter(|s| filter.department.as_ref().is_none_or(|d| s.department == *d))
        .filter(|s| by_service.get(s.id.as_str()).map_or(0, Vec::len) < MIN_RATINGS)
        .map(|s| row(&s.id, by_service.get(s.id.as_str()).map_or(&[][..], Vec::as_slice)))
        .collect();

    let step = if filter.to.to_days() - filter.from.to_days() > 100 { Step::Month } else { Step::Week };
    let mut points: BTreeMap<Date, (usize, usize)> = BTreeMap::new();
    let mut cursor = trend_start(filter.from, step);
    while cursor <= filter.to {
        points.insert(cursor, (0, 0));
        cursor = match step {
            Step::Week => cursor.add_days(7),
            Step::Month => cursor.add_months(1),
        };
    }
    for c in &inside {
        if let Ok(d) = Date::parse(&c.stored.received_on) {
            let p = points.entry(trend_start(d, step)).or_default();
            p.0 += 1;
            p.1 += usize::from(c.stored.rating.satisfied());
        }
    }
    Indicators {
        count: inside.len(),
        share_satisfied: share(satisfied, inside.len()),
        mean_waiting_minutes: mean(&waiting),
        waiting_answers: waiting.len(),
        mean_visits: mean(&visits),
        visits_answers: visits.len(),
        must_answer: required.len(),
        answered_on_time: on_time,
        answered_late: late,
        share_on_time: share(on_time, on_time + late + overdue),
        open_overdue: overdue,
        waiting_in_time: required.len() - on_time - late - overdue,
        median_answer_days: median(answer_days),
        answers_helped: replies.iter().filter(|h| **h).count(),
        answers_replied: replies.len(),
        services,
        under_rated,
        step,
        trend: points
            .into_iter()
            .map(|(start, (n, s))| Point { start, count: n, share_satisfied: share(s, n) })
            .collect(),
    }
}

/// The periods the dashboard offers, as (from, to) around `today`.
pub fn period(kind: &str, today: Date) -> Option<(Date, Date)> {
    let (y, m) = (today.year, today.month);
    match kind {
        "month" => Some((Date::new(y, m, 1)?, today)),
        "quarter" => Some((Date::new(y, (m - 1) / 3 * 3 + 1, 1)?, today)),
        "year" => Some((Date::new(y, 1, 1)?, today)),
        _ => None,
    }
}

/// A quarter such as `2026-Q4`, as (from, to).
pub fn quarter(spec: &str) -> Option<(Date, Date)> {
    let (y, q) = spec.split_once("-Q")?;
    let (y, q): (i32, u8) = (y.parse().ok()?, q.parse().ok()?);
    if !(1..=4).contains(&q) {
        return None;
    }
    let from = Date::new(y, (q - 1) * 3 + 1, 1)?;
    Some((from, from.add_months(3).add_days(-1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::current::ServiceInfo;
    use crate::feedback::cases::{Handling, Status};
    use crate::feedback::rating::Rating;
    use crate::feedback::store::Stored;

    fn info() -> CatalogInfo {
        let service = |id: &str, dept: &str| ServiceInfo {
            id: id.into(),
            title: format!("Услуга {id}"),
            department: dept.into(),
            department_name: dept.to_uppercase(),
            offices: vec![],
        };
        let services = vec![service("a", "zags"), service("b", "mfc"), service("c", "mfc")];
        let index = services.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
        CatalogInfo { services, index, ..CatalogInfo::default() }
    }

    fn case(
        service: &str,
        day: &str,
        overall: i32,
        waited: Option<i32>,
        visits: Option<i32>,
        comment: Option<&str>,
        answered: Option<i64>,
    ) -> Case {
        Case {
            stored: Stored {
                rating: Rating {
                    id: format!("{service}-{day}-{overall}"),
                    service: service.into(),
                    overall,
                    criteria: [overall; 4],
                    channel: "mfc".into(),
                    term_met: None,
                    comment: comment.map(str::to_string),
                    waited_minutes: waited,
                    visits,
                },
                received_on: day.into(),
            },
            handling: answered.map(|at| Handling {
                department: None,
                status: Status::Answered,
                answer: Some("Ответ".into()),
                public: true,
                excerpt: None,
                answered_by: Some("r".into()),
                answered_at: Some(at),
                helped: Some(true),
            }),
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn the_indicators_of_a_period_and_a_department() {
        let cases = vec![
            case("a", "2026-10-05", 5, Some(10), Some(1), None, None),
            case("a", "2026-10-06", 4, Some(20), Some(2), None, None),
            // Low with a comment, answered 2 days later (on time).
            case("b", "2026-10-07", 2, None, Some(3), Some("Долго"), Some(1_791_504_000)),
            // Low with a comment, not answered, due 2026-11-07: overdue on 2026-11-20.
            case("b", "2026-10-08", 1, Some(60), None, Some("Грубо"), None),
            // Low with a comment on 2026-11-15, not answered yet but due only on 2026-12-15.
            case("b", "2026-11-15", 2, None, None, Some("Не объяснили"), None),
            case("b", "2026-12-01", 5, None, None, None, None),
        ];
        let all = Filter { from: d("2026-10-01"), to: d("2026-11-20"), department: None };
        let i = compute(&cases, &info(), &all, &Targets::default(), d("2026-11-20"), 8);
        assert_eq!(i.count, 5, "December is outside the period");
        assert_eq!(i.share_satisfied, Some(0.4));
        assert_eq!((i.mean_waiting_minutes, i.waiting_answers), (Some(30.0), 3));
        assert_eq!((i.mean_visits, i.visits_answers), (Some(2.0), 3));
        // Guards the defect where a rating still within its term counted as not answered on
        // time: the share is of the settled ones only (1 on time, 1 overdue).
        assert_eq!((i.must_answer, i.answered_on_time, i.share_on_time, i.open_overdue), (3, 1, Some(0.5), 1));
        assert_eq!((i.answered_late, i.waiting_in_time), (0, 1));
        assert_eq!(i.median_answer_days, Some(2.0));
        assert_eq!((i.answers_helped, i.answers_replied), (1, 1));
        assert_eq!(
            i.under_rated.iter().map(|s| s.title.as_str()).collect::<Vec<_>>(),
            ["Услуга a", "Услуга b", "Услуга c"]
        );
        assert_eq!(i.step, Step::Week);
        assert_eq!(i.trend.first().map(|p| p.start), Some(d("2026-09-28")), "weeks start on Monday");
        assert_eq!(i.trend.iter().map(|p| p.count).sum::<usize>(), 5);
        let mfc = Filter { department: Some("mfc".into()), ..all };
        let m = compute(&cases, &info(), &mfc, &Targets::default(), d("2026-11-20"), 8);
        assert_eq!(m.count, 3);
        assert_eq!(m.services.iter().map(|s| s.service.as_str()).collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn periods_and_quarters() {
        assert_eq!(period("quarter", d("2026-11-20")), Some((d("2026-10-01"), d("2026-11-20"))));
        assert_eq!(period("year", d("2026-11-20")).unwrap().0, d("2026-01-01"));
        assert_eq!(quarter("2026-Q4"), Some((d("2026-10-01"), d("2026-12-31"))));
        assert_eq!(quarter("2026-Q5"), None);
    }
}
