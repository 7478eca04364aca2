//! Shared by the integration tests: the example catalog, compiled.

#![allow(dead_code)]

use lifenav_core::source::load_dir;
use lifenav_core::{Answers, Engine, Value};

pub fn example() -> Engine {
    catalog("example")
}

/// `catalog/<name>`, compiled.
pub fn catalog(name: &str) -> Engine {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog").join(name);
    let loaded = load_dir(&dir);
    let catalog = loaded.catalog.unwrap_or_else(|| panic!("{name} catalog: {:?}", loaded.diagnostics));
    let (engine, diags) = Engine::build(catalog);
    engine.unwrap_or_else(|| panic!("{name} catalog: {diags:?}"))
}

/// Every combination of representative answers to `questions`.
pub fn combinations(engine: &Engine, questions: &[usize]) -> Vec<Vec<(usize, Value)>> {
    let mut out = vec![Vec::new()];
    for &q in questions {
        let mut next = Vec::new();
        for partial in &out {
            for v in engine.domain(q) {
                let mut p = partial.clone();
                p.push((q, v.clone()));
                next.push(p);
            }
        }
        out = next;
    }
    out
}

pub fn answers(engine: &Engine, pairs: &[(usize, Value)]) -> Answers {
    pairs.iter().map(|(q, v)| (engine.catalog.questions[*q].id.clone(), v.clone())).collect()
}
