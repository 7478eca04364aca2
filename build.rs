//! Compiles the embedded catalog into the widget (and its situations into the first
//! screen's module): `LIFENAV_CATALOG` (a catalog folder,
//! relative to this file), else catalog/irkutsk, else catalog/example. A catalog with
//! errors stops the build with every error located (file, line, path).

use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-env-changed=LIFENAV_CATALOG");
    let dir = match std::env::var("LIFENAV_CATALOG") {
        Ok(d) if !d.is_empty() => root.join(d),
        _ if root.join("catalog/irkutsk/catalog.toml").exists() => root.join("catalog/irkutsk"),
        _ => root.join("catalog/example"),
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    for f in lifenav_core::source::read_dir(&dir).unwrap_or_default() {
        println!("cargo:rerun-if-changed={}", f.name);
    }
    let loaded = lifenav_core::source::load_dir(&dir);
    let mut diags = loaded.diagnostics;
    let engine = loaded.catalog.and_then(|c| {
        let (engine, more) = lifenav_core::Engine::build(c);
        diags.extend(more);
        engine
    });
    let errors: Vec<String> = diags
        .into_iter()
        .filter(|d| d.is_error())
        .map(|mut d| {
            loaded.sources.locate(&mut d);
            d.to_string()
        })
        .collect();
    match engine {
        Some(engine) if errors.is_empty() => {
            let json = serde_json::to_string(&engine.catalog).unwrap();
            let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
            std::fs::write(out.join("bundle.json"), json).unwrap();
            // The first screen's share: the situations only (src/start/).
            let index = lifenav_core::search::SituationIndex::from_catalog(&engine.catalog);
            std::fs::write(out.join("index.txt"), index.to_text()).unwrap();
        }
        _ => panic!("the embedded catalog {} has errors:\n{}", dir.display(), errors.join("\n")),
    }
}
