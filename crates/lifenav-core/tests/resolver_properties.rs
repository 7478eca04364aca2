//! Properties of the resolver on generated catalogs (proptest):
//! - the order respects every dependency, checked against the catalog itself;
//! - a document to bring is produced by no step of the plan, a received one by an
//!   earlier step; every document to bring appears once on the checklist;
//! - the output is deterministic, also after a JSON round trip of the bundle;
//! - every questionnaire ends within as many questions as the situation can read.

use lifenav_core::generate::{generate, GenOptions};
use lifenav_core::{Answers, Date, Engine};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn small(seed: u64) -> Engine {
    let c = generate(&GenOptions {
        seed,
        services: 48,
        situations: 6,
        questions: 24,
        documents: 16,
        services_per_situation: 9,
        questions_per_theme: 6,
    });
    let (engine, diags) = Engine::build(c);
    engine.unwrap_or_else(|| panic!("seed {seed}: {diags:?}"))
}

/// Answers every question the situation asks, choosing answers by `picks`.
fn answer_all(engine: &Engine, sit: usize, picks: &[usize]) -> (Answers, usize) {
    let mut answers = Answers::new();
    let mut asked = 0;
    loop {
        let walk = engine.walk(sit, &answers);
        let Some(q) = walk.next else { return (answers, asked) };
        let domain = engine.domain(q);
        let v = domain[picks[asked % picks.len()] % domain.len()].clone();
        answers.insert(engine.catalog.questions[q].id.clone(), v);
        asked += 1;
        assert!(asked <= engine.situation_questions(sit).len(), "the questionnaire does not end");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn plans_respect_dependencies_documents_and_determinism(
        seed in 0u64..100_000,
        picks in prop::collection::vec(0usize..12, 1..30),
        offset in 0i64..400,
    ) {
        let engine = small(seed);
        let json = serde_json::to_string(&engine.catalog).unwrap();
        let reloaded = Engine::from_json(&json).unwrap();
        let today = Date::parse("2026-01-01").unwrap().add_days(offset);
        for sit in 0..engine.catalog.situations.len() {
            let (answers, _) = answer_all(&engine, sit, &picks);
            let plan = engine.plan(sit, &answers, Some(today.add_days(-3)), today);
            prop_assert!(plan.complete);
            prop_assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);

            let position = |service: &str| plan.steps.iter().position(|s| s.service == service);
            for (j, step) in plan.steps.iter().enumerate() {
                prop_assert_eq!(step.number, j + 1);
                let service = engine.catalog.service(&step.service).unwrap();
                for after in &service.after {
                    if let Some(i) = position(after) {
                        prop_assert!(i < j, "{} must come after {}", step.service, after);
                    }
                }
                for line in &step.bring {
                    let producers: Vec<&str> = plan.steps.iter()
                        .filter(|s| s.results.iter().any(|r| r.doc == line.doc))
                        .map(|s| s.service.as_str()).collect();
                    prop_assert!(producers.is_empty(), "{} is brought to step {} but {:?} produce it", line.doc, step.number, producers);
                }
                for line in &step.received {
                    let from = line.from_step.unwrap();
                    prop_assert!(from < step.number);
                    prop_assert!(plan.steps[from - 1].results.iter().any(|r| r.doc == line.doc));
                }
                for i in 0..plan.steps.len() {
                    let produces = |d: &str| plan.steps[i].results.iter().any(|r| r.doc == d);
                    if step.received.iter().chain(&step.bring).any(|d| produces(&d.doc)) {
                        prop_assert!(i < j, "step {} needs a result of step {}", j + 1, i + 1);
                    }
                }
                prop_assert!(step.earliest_start >= today);
                prop_assert!(step.ready_by >= step.earliest_start);
                for &d in &step.depends_on {
                    prop_assert!(step.earliest_start >= plan.steps[d - 1].ready_by);
                }
            }

            let brought: BTreeSet<&str> = plan.steps.iter().flat_map(|s| s.bring.iter().map(|d| d.doc.as_str())).collect();
            let listed: Vec<&str> = plan.checklist.iter().map(|c| c.doc.as_str()).collect();
            let unique: BTreeSet<&str> = listed.iter().copied().collect();
            prop_assert_eq!(listed.len(), unique.len(), "a document appears twice on the checklist");
            prop_assert_eq!(unique, brought);

            let visit_steps: usize = plan.visits.iter().map(|v| v.steps.len()).sum();
            prop_assert_eq!(visit_steps, plan.steps.iter().filter(|s| s.mode == lifenav_core::plan::StepMode::Visit).count());

            prop_assert_eq!(&plan, &engine.plan(sit, &answers, Some(today.add_days(-3)), today));
            prop_assert_eq!(&plan, &reloaded.plan(sit, &answers, Some(today.add_days(-3)), today));
        }
    }
}
