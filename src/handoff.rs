//! How the two modules of the widget hand the screen to each other.
//!
//! The first screen (the situation list and search) is a small module, `src/start/`, so
//! that it shows fast; the rest of the journey is the Leptos app, loaded while the
//! citizen reads the list. Both live in one shadow root: the start module owns it and
//! leaves a *slot* for the app. They talk by events on the slot (they never bubble out
//! to the host page), each carrying JSON:
//!
//! - [`OPEN`] (start → app): `{"situation": id}` or `{"profile": true}`, with the
//!   citizen's `lang` and `vi`. Sent before the app has loaded, it waits in the slot's
//!   [`PENDING`] attribute;
//! - [`SHOWN`] (app → start): the app is showing, the start screen hides;
//! - [`BACK`] (app → start): the journey is back at the start (or the app loaded there):
//!   `{"lang", "vi", "moved", "notice", "index"}`, where `index` is the situation index of
//!   the catalog the app runs ([`lifenav_core::search::SituationIndex::to_text`]).

use lifenav_core::Lang;

pub const SLOT: &str = "data-lifenav-slot";
pub const PENDING: &str = "data-lifenav-open";
pub const OPEN: &str = "lifenav-open";
pub const SHOWN: &str = "lifenav-shown";
pub const BACK: &str = "lifenav-back";

/// Where one widget keeps the citizen's journey and settings in the browser. A page with
/// several widgets names each (`data-lifenav="main"` → `lifenav.main.journey`), so that
/// they do not overwrite each other; a bare `data-lifenav` uses `lifenav.journey`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    pub journey: String,
    pub settings: String,
}

impl Keys {
    pub fn for_instance(name: Option<&str>) -> Keys {
        let valid = |n: &&str| {
            !n.is_empty() && n.len() <= 40 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        match name.map(str::trim).filter(valid) {
            Some(n) => Keys { journey: format!("lifenav.{n}.journey"), settings: format!("lifenav.{n}.settings") },
            None => Keys { journey: "lifenav.journey".into(), settings: "lifenav.settings".into() },
        }
    }

    /// The keys of the widget in `host` (its `data-lifenav` value).
    pub fn of(host: &web_sys::HtmlElement) -> Keys {
        Keys::for_instance(host.get_attribute("data-lifenav").as_deref())
    }
}

/// The settings to keep in the browser: only a choice the citizen made is kept (a
/// language other than the page's, the version for the visually impaired); `None`: the
/// page's defaults, nothing to keep.
pub fn settings_json(lang: Lang, vi: bool, page_lang: Lang) -> Option<String> {
    (lang != page_lang || vi).then(|| format!("{{\"lang\":\"{}\",\"vi\":{vi}}}", lang.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_named_widget_keeps_its_own_journey() {
        assert_eq!(Keys::for_instance(None).journey, "lifenav.journey");
        assert_eq!(Keys::for_instance(Some("")).journey, "lifenav.journey", "a bare data-lifenav");
        assert_eq!(Keys::for_instance(Some("main")).journey, "lifenav.main.journey");
        assert_eq!(Keys::for_instance(Some("studio-preview")).settings, "lifenav.studio-preview.settings");
        assert_eq!(Keys::for_instance(Some("a.b")).journey, "lifenav.journey", "only plain names");
    }
}
