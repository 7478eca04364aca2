//! The condition parser never panics, and every error points inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        if let Err(e) = lifenav_core::condition::parse(src) {
            assert!(e.column >= 1 && e.column <= src.chars().count() + 1);
        }
    }
});
