//! How the two modules of the widget hand the screen to each other.
//!
//! The first screen (the situation list and search) is a small module, `src/start/`, so
//! that it shows fast; the rest of the journey is the Leptos app, loaded while the
//! citizen reads the list. Both live in one shadow root: the start module owns it and
//! leaves a *slot* for the app. They talk by events on the slot (they never bubble out
//! to the host page), each carrying JSON:
//!
//! - [`OPEN`] (start → app, [`OpenMessage`]): `{"situation": id}` or `{"profile": true}`,
//!   with the citizen's `lang` and `vi`. Sent before the app has loaded, it waits in the
//!   slot's [`PENDING`] attribute;
//! - [`SHOWN`] (app → start): the app is showing, the start screen hides;
//! - [`BACK`] (app → start, [`BackMessage`]): the journey is back at the start (or the
//!   app loaded there): `{"lang", "vi", "moved", "notice", "index"}`, where `index` is the
//!   situation index of the catalog the app runs
//!   ([`lifenav_core::search::SituationIndex::to_text`]).

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

/// What the first screen asks the app to open ([`OPEN`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    Situation(String),
    Profile,
}

/// The [`OPEN`] message: what to open, with the citizen's language and mode.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenMessage {
    pub open: Open,
    pub lang: Lang,
    pub vi: bool,
}

#[allow(dead_code)]
fn json_string(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// Each module uses its own half of these (the other half is dead code there).
#[allow(dead_code)]
impl OpenMessage {
    /// Written by the first screen, which has no JSON library: a few string joins.
    pub fn to_json(&self) -> String {
        let open = match &self.open {
            Open::Situation(id) => format!("\"situation\":{}", json_string(id)),
            Open::Profile => "\"profile\":true".to_string(),
        };
        format!("{{{open},\"lang\":\"{}\",\"vi\":{}}}", self.lang.code(), self.vi)
    }

    /// Read by the app; `None` for anything else.
    pub fn parse(json: &str) -> Option<OpenMessage> {
        let v: serde_json::Value = serde_json::from_str(json).ok()?;
        let open = match (v.get("situation").and_then(|s| s.as_str()), v.get("profile")) {
            (Some(id), _) => Open::Situation(id.to_string()),
            (None, Some(_)) => Open::Profile,
            (None, None) => return None,
        };
        let lang = v.get("lang").and_then(|l| l.as_str()).and_then(Lang::from_code).unwrap_or_default();
        Some(OpenMessage { open, lang, vi: v.get("vi").and_then(|b| b.as_bool()).unwrap_or(false) })
    }
}

/// The [`BACK`] message: the journey is back at the start (or the app loaded there).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BackMessage {
    /// The app's language and mode, which count when the citizen `moved` there.
    pub lang: Lang,
    pub vi: bool,
    /// The citizen was in the app (not only its loading): focus goes to the list.
    pub moved: bool,
    /// A notice for the first screen to show.
    pub notice: Option<String>,
    /// The situation index of the catalog the app runs.
    pub index: Option<String>,
}

#[allow(dead_code)]
impl BackMessage {
    /// Written by the app.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "lang": self.lang.code(),
            "vi": self.vi,
            "moved": self.moved,
            "notice": self.notice,
            "index": self.index,
        })
        .to_string()
    }

    /// Read by the first screen, with the browser's JSON parser.
    pub fn parse(json: &str) -> BackMessage {
        use wasm_bindgen::JsValue;
        let v = js_sys::JSON::parse(json).unwrap_or(JsValue::NULL);
        let get = |key: &str| js_sys::Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        BackMessage {
            lang: get("lang").as_string().and_then(|l| Lang::from_code(&l)).unwrap_or_default(),
            vi: get("vi").as_bool().unwrap_or(false),
            moved: get("moved").as_bool() == Some(true),
            notice: get("notice").as_string(),
            index: get("index").as_string(),
        }
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

    #[test]
    fn the_open_message_reads_back() {
        for open in [Open::Situation("birth".into()), Open::Situation("a\"b\\c\n".into()), Open::Profile] {
            let m = OpenMessage { open, lang: Lang::En, vi: true };
            assert_eq!(OpenMessage::parse(&m.to_json()), Some(m));
        }
        assert_eq!(OpenMessage::parse("{}"), None);
        assert_eq!(OpenMessage::parse("nonsense"), None);
    }
}
