//! Where loading a regional-size bundle spends its time (see benches/ for the figures).
use lifenav_core::generate::{generate, GenOptions};
use std::time::Instant;
fn main() {
    let json = serde_json::to_string(&generate(&GenOptions::regional())).unwrap();
    for _ in 0..5 {
        let t = Instant::now();
        let cat: lifenav_core::Catalog = serde_json::from_str(&json).unwrap();
        let parsed = t.elapsed();
        let t = Instant::now();
        let (engine, diags) = lifenav_core::Engine::build(cat);
        let built = t.elapsed();
        let t = Instant::now();
        drop(engine);
        println!("parse {parsed:?} build {built:?} drop {:?} diagnostics {}", t.elapsed(), diags.len());
    }
}
