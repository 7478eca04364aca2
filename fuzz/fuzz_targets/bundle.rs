//! The JSON bundle loader (what the widget runs on a fetched catalog) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(json) = std::str::from_utf8(data) {
        if let Ok(engine) = lifenav_core::Engine::from_json(json) {
            for s in 0..engine.catalog.situations.len().min(3) {
                let _ = engine.plan(s, &Default::default(), None, engine.catalog.meta.effective);
            }
        }
    }
});
