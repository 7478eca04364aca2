//! Bad input never panics: arbitrary text into the condition parser, the TOML
//! loader and the JSON bundle loader. The fuzz targets in fuzz/ explore the same
//! entry points with coverage guidance; this runs on every `cargo test`.

use lifenav_core::condition;
use lifenav_core::source::{load_files, SourceFile};
use proptest::prelude::*;

const SERVICE: &str = include_str!("../../../catalog/example/services/birth-registration.toml");
const CATALOG: &str = include_str!("../../../catalog/example/catalog.toml");
const QUESTIONS: &str = include_str!("../../../catalog/example/questions.toml");

fn load(service_text: String) {
    let files = vec![
        SourceFile { name: "c/catalog.toml".into(), text: CATALOG.into() },
        SourceFile { name: "c/questions.toml".into(), text: QUESTIONS.into() },
        SourceFile { name: "c/services/x.toml".into(), text: service_text },
    ];
    let loaded = load_files("c", files);
    if let Some(catalog) = loaded.catalog {
        let (engine, mut diags) = lifenav_core::Engine::build(catalog);
        for d in &mut diags {
            loaded.sources.locate(d);
        }
        if let Some(e) = engine {
            let _ = lifenav_core::check::check(&e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_condition_parser_never_panics(src in "\\PC{0,60}") {
        let _ = condition::parse(&src);
    }

    #[test]
    fn condition_like_text_never_panics(src in "[a-z_ ()\\[\\]\"'<>=!,0-9.-]{0,60}") {
        if let Err(e) = condition::parse(&src) {
            prop_assert!(e.column >= 1 && e.column <= src.chars().count() + 1, "column {} out of range for {src:?}", e.column);
        }
    }

    #[test]
    fn the_json_loader_never_panics(src in "\\PC{0,200}") {
        let _ = lifenav_core::Engine::from_json(&src);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_mutilated_service_file_never_panics(cut in 0usize..4000, insert in "\\PC{0,12}") {
        let mut text: String = SERVICE.chars().take(cut).collect();
        text.push_str(&insert);
        text.extend(SERVICE.chars().skip(cut + 1));
        load(text);
    }
}
