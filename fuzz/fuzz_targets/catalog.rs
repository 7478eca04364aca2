//! The TOML catalog loader, the compiler and the whole-catalog checks never panic:
//! the input is split into the files of a catalog at NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lifenav_core::source::{load_files, SourceFile};

const NAMES: [&str; 6] =
    ["c/catalog.toml", "c/questions.toml", "c/documents.toml", "c/departments.toml", "c/situations/s.toml", "c/services/x.toml"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let files: Vec<SourceFile> =
        text.split('\0').zip(NAMES).map(|(t, n)| SourceFile { name: n.to_string(), text: t.to_string() }).collect();
    let loaded = load_files("c", files);
    if let Some(catalog) = loaded.catalog {
        let (engine, mut diags) = lifenav_core::Engine::build(catalog);
        for d in &mut diags {
            loaded.sources.locate(d);
        }
        if let Some(engine) = engine {
            let _ = lifenav_core::check::check(&engine);
        }
    }
});
