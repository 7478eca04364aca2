//! Engine benchmarks: next question and resolve on the example catalog and on a
//! generated catalog of a regional registry's size (3,000 services, 300 situations),
//! and loading that catalog's bundle. Targets (native): < 50 µs per call on the
//! example, < 5 ms on the big one, < 50 ms to load the big bundle.
//!
//! And the whole check of the Irkutsk catalog from its files in memory, which the
//! catalog studio re-runs in the browser after every edit: < 200 ms there, so about
//! 20 ms natively.

use criterion::{criterion_group, criterion_main, Criterion};
use lifenav_core::generate::{generate, GenOptions};
use lifenav_core::{Answers, Date, Engine};
use std::hint::black_box;

fn example() -> Engine {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/example");
    let catalog = lifenav_core::source::load_dir(&dir).catalog.expect("example catalog");
    Engine::build(catalog).0.expect("example compiles")
}

/// All answers a citizen would give (the first representative answer each time).
fn full_answers(engine: &Engine, sit: usize) -> Answers {
    let mut answers = Answers::new();
    while let Some(q) = engine.walk(sit, &answers).next {
        answers.insert(engine.catalog.questions[q].id.clone(), engine.domain(q)[0].clone());
    }
    answers
}

/// The answers minus the last one: the state before the final question.
fn all_but_last(engine: &Engine, sit: usize) -> Answers {
    let full = full_answers(engine, sit);
    let walk = engine.walk(sit, &full);
    let mut partial = full.clone();
    if let Some(&last) = walk.asked.last() {
        partial.remove(&engine.catalog.questions[last].id);
    }
    partial
}

/// The situation of the big catalog with the most questions: the worst case.
fn hardest(engine: &Engine) -> usize {
    (0..engine.catalog.situations.len()).max_by_key(|&s| engine.situation_questions(s).len()).unwrap_or(0)
}

fn irkutsk(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/irkutsk");
    let files = lifenav_core::source::read_dir(&dir).expect("irkutsk catalog");
    let root = dir.display().to_string();
    let mut group = c.benchmark_group("irkutsk");
    group.sample_size(20);
    // The files are cloned outside the timing: the studio hands them over as they are.
    group.bench_function("check_files", |b| {
        b.iter_batched(
            || files.clone(),
            |files| lifenav_core::source::check_files(&root, files),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    let today = Date::parse("2026-11-20").unwrap();
    let event = Date::parse("2026-11-14").ok();

    let small = example();
    let birth = small.situation_index("birth").unwrap();
    let partial = all_but_last(&small, birth);
    let full = full_answers(&small, birth);
    c.bench_function("example/next_question", |b| b.iter(|| black_box(small.walk(birth, black_box(&partial)).next)));
    c.bench_function("example/resolve", |b| b.iter(|| black_box(small.plan(birth, black_box(&full), event, today))));

    let big = generate(&GenOptions::regional());
    let json = serde_json::to_string(&big).unwrap();
    eprintln!("big bundle: {} bytes, {} services, {} situations", json.len(), big.services.len(), big.situations.len());
    let big = Engine::build(big).0.expect("generated catalog compiles");
    let sit = hardest(&big);
    eprintln!("hardest situation: {} questions it can read", big.situation_questions(sit).len());
    let partial = all_but_last(&big, sit);
    let full = full_answers(&big, sit);
    c.bench_function("regional/next_question", |b| b.iter(|| black_box(big.walk(sit, black_box(&partial)).next)));
    c.bench_function("regional/resolve", |b| b.iter(|| black_box(big.plan(sit, black_box(&full), event, today))));
    let mut group = c.benchmark_group("regional");
    group.sample_size(20);
    // Loading is parsing and compiling; freeing the engine (when the page closes) is not timed.
    group.bench_function("load_bundle", |b| b.iter_with_large_drop(|| Engine::from_json(black_box(&json)).unwrap()));
    group.finish();
}

criterion_group!(engine, benches, irkutsk);
criterion_main!(engine);
