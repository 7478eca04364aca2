//! Facts a citizen acts on, over the whole Irkutsk catalog (issue 17):
//! - visits as the monitoring indicator counts them: no plan, of any answers or any
//!   scenario, has no visit while it still needs someone in person or an original;
//! - sources: no fee, term, deadline or legal basis counted primary cites a home page
//!   or a host outside the primary kinds.

mod common;

use common::{answers, catalog, combinations};
use lifenav_core::coverage::{self, SourceKind};
use lifenav_core::plan::StepMode;
use lifenav_core::{present, Date, Engine, Lang, Plan};

/// Larger situations are walked on every n-th combination, as in the brute-force proof.
const MAX_COMBINATIONS: usize = 5_000;

fn today() -> Date {
    Date::parse("2026-12-04").unwrap()
}

/// What must hold of every plan's visits; the failures, named by `what`.
fn visit_problems(plan: &Plan, what: &str) -> Vec<String> {
    let mut out = Vec::new();
    let originals = plan.checklist.iter().any(|c| c.original);
    let presence = plan.steps.iter().any(|s| !s.presence.is_empty());
    if plan.visits.is_empty() && (originals || presence) {
        out.push(format!("{what}: 0 visits, yet originals to show ({originals}) or presence ({presence})"));
    }
    if plan.visits.is_empty() && present::no_visits(plan, Lang::Ru) == present::RU.no_visits && originals {
        out.push(format!("{what}: «ходить никуда не нужно» over originals"));
    }
    let counted: usize = plan.visits.iter().map(|v| v.reasons.len()).sum();
    let needed: usize = plan.steps.iter().map(|s| s.presence.len()).sum();
    if counted != needed {
        out.push(format!("{what}: {needed} presences, {counted} counted in visits"));
    }
    for s in &plan.steps {
        if (s.mode == StepMode::Visit) == s.presence.is_empty() {
            out.push(format!("{what}: step {} is {:?} with {} presences", s.number, s.mode, s.presence.len()));
        }
    }
    // Each step's trips in order, and none before the trips of the steps it needs.
    let trips = |step: usize| -> Vec<usize> {
        plan.visits.iter().filter(|v| v.steps.contains(&step)).map(|v| v.number).collect()
    };
    for s in &plan.steps {
        let mine = trips(s.number);
        if mine.windows(2).any(|w| w[0] >= w[1]) || mine.len() != s.presence.len() {
            out.push(format!("{what}: step {} is on trips {mine:?} for {} presences", s.number, s.presence.len()));
        }
        for d in &s.depends_on {
            if let (Some(first), Some(last)) = (mine.first(), trips(*d).last()) {
                if first < last {
                    out.push(format!(
                        "{what}: step {} on trip {first}, before step {d} is done on trip {last}",
                        s.number
                    ));
                }
            }
        }
    }
    for v in &plan.visits {
        if v.steps.len() != v.reasons.len() || v.offices.is_empty() {
            out.push(format!("{what}: visit {} has steps {:?} and {} reasons", v.number, v.steps, v.reasons.len()));
        }
        for r in &v.reasons {
            if present::reason(plan, r, Lang::Ru).trim().is_empty() {
                out.push(format!("{what}: visit {} does not say why step {} needs it", v.number, r.step));
            }
        }
    }
    out
}

fn irkutsk() -> Engine {
    catalog("irkutsk")
}

#[test]
fn no_irkutsk_plan_has_no_visit_while_it_needs_presence_or_originals() {
    let engine = irkutsk();
    let mut problems = Vec::new();
    let mut plans = 0;
    for sit in 0..engine.catalog.situations.len() {
        let id = &engine.catalog.situations[sit].id;
        let all = combinations(&engine, &engine.situation_questions(sit));
        let step = all.len().div_ceil(MAX_COMBINATIONS).max(1);
        for combo in all.iter().step_by(step) {
            let plan = engine.plan(sit, &answers(&engine, combo), None, today());
            problems.extend(visit_problems(&plan, &format!("{id} {combo:?}")));
            plans += 1;
        }
    }
    assert!(plans > 100, "only {plans} plans");
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn no_irkutsk_scenario_has_no_visit_while_it_needs_presence_or_originals() {
    let engine = irkutsk();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/irkutsk");
    let files = lifenav_core::source::read_dir(&dir).expect("the catalog folder");
    let scenarios = lifenav_core::scenario::read_in(&dir.display().to_string(), &files).expect("scenario files");
    assert!(scenarios.len() >= 50, "{} scenarios", scenarios.len());
    let mut problems = Vec::new();
    for s in &scenarios {
        if let Ok(plan) = lifenav_core::scenario::plan(&engine, &s.scenario, engine.catalog.meta.effective) {
            problems.extend(visit_problems(&plan, &s.scenario.name));
        }
    }
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn no_irkutsk_fact_counted_primary_cites_a_home_page_or_a_host_outside_the_primary_kinds() {
    let engine = irkutsk();
    let c = &engine.catalog;
    let refused: Vec<String> = coverage::primary_source_problems(c)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    assert_eq!(refused, Vec::<String>::new(), "primary_sources lists what may never be primary");
    let mut sources: Vec<(String, &str)> = Vec::new();
    for s in &c.services {
        for l in &s.legal_basis {
            sources.extend(l.source.as_deref().filter(|_| !l.unverified).map(|u| (format!("{} legal_basis", s.id), u)));
        }
        for body in std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body)) {
            let dated = body.term.iter().chain(&body.deadline).flat_map(|p| {
                std::iter::once(p).chain(&p.periods).filter(|v| !v.unverified).filter_map(|v| v.source.as_deref())
            });
            sources.extend(dated.map(|u| (format!("{} term/deadline", s.id), u)));
            let fees = body.fee.iter().flat_map(|f| {
                std::iter::once(f).chain(&f.periods).filter(|v| !v.unverified).filter_map(|v| v.source.as_deref())
            });
            sources.extend(fees.map(|u| (format!("{} fee", s.id), u)));
        }
    }
    assert!(!sources.is_empty());
    let wrong: Vec<String> = sources
        .iter()
        .filter(|(_, url)| coverage::is_primary(c, url))
        .filter(|(_, url)| !matches!(coverage::source_kind(c, url), SourceKind::LegalAct | SourceKind::Authority))
        .map(|(what, url)| format!("{what}: {url}"))
        .collect();
    assert_eq!(wrong, Vec::<String>::new());
    let homes: Vec<String> = sources
        .iter()
        .filter(|(_, url)| coverage::source_kind(c, url) == SourceKind::HomePage && coverage::is_primary(c, url))
        .map(|(what, url)| format!("{what}: {url}"))
        .collect();
    assert_eq!(homes, Vec::<String>::new(), "a home page is never primary");
}

#[test]
fn every_channel_of_both_catalogs_says_when_the_applicant_comes() {
    for name in ["irkutsk", "example"] {
        let engine = catalog(name);
        let mut silent = Vec::new();
        for s in &engine.catalog.services {
            let bodies = std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body));
            for ch in bodies.flat_map(|b| b.channels.iter().flatten()) {
                if ch.kind != lifenav_core::model::ChannelKind::Automatic && ch.appear.is_none() {
                    silent.push(format!("{name}: {} {:?}", s.id, ch.kind));
                }
            }
        }
        assert_eq!(silent, Vec::<String>::new(), "each channel lists its `appear`");
    }
}
