//! The staff member's own display settings, kept in this browser: the version for the
//! visually impaired (ГОСТ Р 52872-2019: large type, black on white, wider spacing).

use leptos::prelude::*;

const KEY: &str = "lifenav.studio.settings";

#[derive(Clone, Copy)]
pub struct Settings {
    pub vi: RwSignal<bool>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl Settings {
    pub fn load() -> Settings {
        let vi = storage().and_then(|s| s.get_item(KEY).ok().flatten()).is_some_and(|v| v.contains("\"vi\":true"));
        let settings = Settings { vi: RwSignal::new(vi) };
        Effect::new(move |_| {
            let vi = settings.vi.get();
            if let Some(s) = storage() {
                let _ = if vi { s.set_item(KEY, "{\"vi\":true}") } else { s.remove_item(KEY) };
            }
        });
        settings
    }
}
