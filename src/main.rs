//! The widget the city embeds: one `<script type="module">` and one
//! `<div data-lifenav data-catalog="…" data-lang="ru" data-feedback="…">`. The first
//! screen (`src/start/`) mounts in a shadow root, so the host page's CSS cannot reach it,
//! and loads this module, the rest of the journey, into a slot there (`handoff`).
//!
//! - `state`: the signals and the actions (logic lives in `lifenav-core`);
//! - `screens/`: one file per screen; `browser`: storage, fetch, events, downloads;
//! - `i18n`: every interface string; `print`: the printable checklist;
//! - `feedback`: ratings and the outbox that delivers them, with a state of its own;
//! - `handoff`: the messages between the first screen and this module.

mod browser;
mod feedback;
mod handoff;
mod i18n;
mod print;
mod screens;
mod state;

use leptos::prelude::*;
use lifenav_core::{Engine, Lang};
use state::{App, Config};
use wasm_bindgen::JsCast;

/// The embedded default catalog, compiled and checked by build.rs.
const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.json"));

fn embedded() -> Result<Engine, String> {
    browser::mark("lifenav:catalog-start");
    let engine = Engine::from_json(EMBEDDED);
    browser::mark("lifenav:catalog-ready");
    engine
}

/// Mounts the app into the slot the first screen left in every `[data-lifenav]` host.
fn main() {
    browser::mark("lifenav:main");
    let Some(doc) = browser::window().and_then(|w| w.document()) else { return };
    let Ok(hosts) = doc.query_selector_all("[data-lifenav]") else { return };
    // Read once for every widget: the first to open a share link clears it from the address.
    let fragment = browser::fragment();
    for i in 0..hosts.length() {
        let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        let slot = match host.shadow_root() {
            Some(root) => root.query_selector(&format!("[{}]", handoff::SLOT)),
            None => host.query_selector(&format!("[{}]", handoff::SLOT)),
        };
        if let Ok(Some(slot)) = slot {
            if !slot.has_attribute("data-lifenav-ready") {
                let _ = slot.set_attribute("data-lifenav-ready", "");
                mount(host, slot.unchecked_into(), fragment.clone());
            }
        }
    }
}

fn mount(host: web_sys::HtmlElement, slot: web_sys::HtmlElement, fragment: String) {
    let data = host.dataset();
    let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let config = Config {
        slot: slot.clone(),
        catalog_url: non_empty(data.get("catalog")),
        feedback_url: non_empty(data.get("feedback")),
        lang: data.get("lang").and_then(|l| Lang::from_code(&l)).unwrap_or_default(),
        keys: handoff::Keys::of(&host),
        today: data.get("today").and_then(|d| lifenav_core::Date::parse(&d).ok()),
        fragment,
        host,
    };
    leptos::mount::mount_to(slot, move || view! { <Widget config /> }).forget();
}

#[component]
fn Widget(config: Config) -> impl IntoView {
    let catalog_url = config.catalog_url.clone();
    let feedback = feedback::Feedback::new(config.feedback_url.clone(), config.host.clone());
    provide_context(feedback);
    let ratings_kept = feedback.install();
    let app = App::new(config);
    provide_context(app);
    if !ratings_kept {
        app.notice.set(Some(app.s().ratings_reset.to_string()));
    }
    app.persist();
    app.hand_over();
    let fallback = move |notice: Option<&'static str>| match embedded() {
        Ok(engine) => app.start(engine, notice.map(str::to_string)),
        Err(e) => app.notice.set(Some(format!("{}: {e}", app.s().catalog_broken))),
    };
    match catalog_url {
        None => fallback(None),
        Some(url) => leptos::task::spawn_local(async move {
            match browser::fetch_text(&url).await {
                Ok(text) => match Engine::from_json(&text) {
                    Ok(engine) => app.start(engine, None),
                    Err(_) => fallback(Some(app.s().catalog_broken)),
                },
                Err(_) => fallback(Some(app.s().catalog_failed)),
            }
        }),
    }
    view! {
        <div class="ln" class:vi=move || app.vi.get() lang=move || app.lang.get().code()>
            <screens::Shell />
        </div>
    }
}
