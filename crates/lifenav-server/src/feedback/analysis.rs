//! Satisfaction figures from the stored tallies: per service, department, criterion,
//! channel and week, as the source documents ask (share satisfied against the 90%
//! target; services with fewer than 5 ratings).

use super::rating::CRITERIA;
use super::store::{Day, Tally};
use serde::Serialize;
use std::collections::BTreeMap;

/// The headline target of the source documents: at least 90% satisfied.
pub const TARGET_SATISFIED: f64 = 0.9;
/// At least this many ratings per service are wanted.
pub const MIN_RATINGS: i64 = 5;

/// Figures for one group of ratings (a service, a department, a channel, or all).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub count: i64,
    pub mean_overall: Option<f64>,
    /// Mean of each criterion: waiting, politeness, comfort, information.
    pub criteria: BTreeMap<&'static str, f64>,
    /// Share of ratings with 4 or 5 overall.
    pub share_satisfied: Option<f64>,
    /// Share of ratings that said the term was met, among those that said either way.
    pub share_term_met: Option<f64>,
}

#[derive(Default, Clone)]
struct Acc {
    count: i64,
    overall: i64,
    criteria: [i64; 4],
    satisfied: i64,
    term_known: i64,
    term_met: i64,
}

impl Acc {
    fn add(&mut self, t: &Tally) {
        self.count += t.count;
        self.overall += t.overall;
        for i in 0..4 {
            self.criteria[i] += t.criteria[i];
        }
        self.satisfied += t.satisfied;
        self.term_known += t.term_known;
        self.term_met += t.term_met;
    }

    fn figures(&self) -> Figures {
        let n = self.count as f64;
        let mean = |sum: i64| (self.count > 0).then(|| round(sum as f64 / n));
        Figures {
            count: self.count,
            mean_overall: mean(self.overall),
            criteria: if self.count > 0 {
                CRITERIA.iter().zip(self.criteria).map(|(name, sum)| (*name, round(sum as f64 / n))).collect()
            } else {
                BTreeMap::new()
            },
            share_satisfied: (self.count > 0).then(|| round(self.satisfied as f64 / n)),
            share_term_met: (self.term_known > 0).then(|| round(self.term_met as f64 / self.term_known as f64)),
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceSummary {
    pub service: String,
    pub title: String,
    pub department: String,
    #[serde(flatten)]
    pub figures: Figures,
    pub channels: BTreeMap<String, Figures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub all: Figures,
    pub target_satisfied: f64,
    pub services: Vec<ServiceSummary>,
    pub departments: BTreeMap<String, Figures>,
    pub channels: BTreeMap<String, Figures>,
    /// Services in the catalog with fewer than 5 ratings.
    pub under_rated: Vec<String>,
}

/// Names of services and their departments, from the catalog.
pub trait Names {
    fn service_title(&self, id: &str) -> String;
    fn department_of(&self, id: &str) -> String;
    fn all_services(&self) -> Vec<String>;
}

pub fn summarize(tallies: &[Tally], names: &dyn Names) -> Summary {
    let mut all = Acc::default();
    let mut by_service: BTreeMap<&str, (Acc, BTreeMap<String, Acc>)> = BTreeMap::new();
    let mut by_department: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_channel: BTreeMap<String, Acc> = BTreeMap::new();
    for t in tallies {
        all.add(t);
        let entry = by_service.entry(&t.service).or_default();
        entry.0.add(t);
        entry.1.entry(t.channel.clone()).or_default().add(t);
        by_department.entry(names.department_of(&t.service)).or_default().add(t);
        by_channel.entry(t.channel.clone()).or_default().add(t);
    }
    let services: Vec<ServiceSummary> = by_service
        .iter()
        .map(|(id, (acc, channels))| ServiceSummary {
            service: id.to_string(),
            title: names.service_title(id),
            department: names.department_of(id),
            figures: acc.figures(),
            channels: channels.iter().map(|(c, a)| (c.clone(), a.figures())).collect(),
        })
        .collect();
    let under_rated = names
        .all_services()
        .into_iter()
        .filter(|s| by_service.get(s.as_str()).map_or(0, |(a, _)| a.count) < MIN_RATINGS)
        .collect();
    Summary {
        all: all.figures(),
        target_satisfied: TARGET_SATISFIED,
        services,
        departments: by_department.iter().map(|(d, a)| (d.clone(), a.figures())).collect(),
        channels: by_channel.iter().map(|(c, a)| (c.clone(), a.figures())).collect(),
        under_rated,
    }
}

/// One week of ratings (weeks start on Monday).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Week {
    pub monday: String,
    pub count: i64,
    pub share_satisfied: f64,
}

pub fn weekly(days: &[Day]) -> Vec<Week> {
    let mut weeks: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for d in days {
        let Ok(date) = lifenav_core::Date::parse(&d.day) else { continue };
        let monday = date.add_days(-(date.weekday() as i64 - 1)).to_string();
        let w = weeks.entry(monday).or_default();
        w.0 += d.count;
        w.1 += d.satisfied;
    }
    weeks
        .into_iter()
        .map(|(monday, (count, satisfied))| Week {
            monday,
            count,
            share_satisfied: round(satisfied as f64 / count.max(1) as f64),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct N;
    impl Names for N {
        fn service_title(&self, id: &str) -> String {
            id.to_uppercase()
        }
        fn department_of(&self, id: &str) -> String {
            if id.starts_with('a') {
                "dep-a".into()
            } else {
                "dep-b".into()
            }
        }
        fn all_services(&self) -> Vec<String> {
            vec!["a1".into(), "a2".into(), "b1".into()]
        }
    }

    fn tally(service: &str, channel: &str, count: i64, overall: i64, satisfied: i64) -> Tally {
        Tally {
            service: service.into(),
            channel: channel.into(),
            count,
            overall,
            criteria: [count * 4, count * 5, count * 3, count * 2],
            satisfied,
            term_known: count,
            term_met: count / 2,
        }
    }

    #[test]
    fn figures_add_up_across_groups() {
        let s = summarize(
            &[tally("a1", "mfc", 4, 18, 4), tally("a1", "portal", 6, 18, 2), tally("b1", "mfc", 10, 45, 9)],
            &N,
        );
        assert_eq!(s.all.count, 20);
        assert_eq!(s.all.share_satisfied, Some(0.75));
        assert_eq!(s.all.mean_overall, Some(4.05));
        assert_eq!(s.all.criteria["waiting"], 4.0);
        assert_eq!(s.services[0].figures.count, 10);
        assert_eq!(s.services[0].channels["portal"].mean_overall, Some(3.0));
        assert_eq!(s.departments["dep-b"].share_satisfied, Some(0.9));
        assert_eq!(s.channels["mfc"].count, 14);
        assert_eq!(s.under_rated, vec!["a2".to_string()]);
    }

    #[test]
    fn weeks_start_on_monday() {
        let days = [
            Day { day: "2026-11-16".into(), count: 2, satisfied: 2 },
            Day { day: "2026-11-22".into(), count: 2, satisfied: 0 },
            Day { day: "2026-11-23".into(), count: 1, satisfied: 1 },
        ];
        let w = weekly(&days);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0], Week { monday: "2026-11-16".into(), count: 4, share_satisfied: 0.5 });
        assert_eq!(w[1].monday, "2026-11-23");
    }
}
