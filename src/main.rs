//! The widget the city embeds: one `<script type="module">` and one
//! `<div data-lifenav data-catalog="…" data-lang="ru" data-feedback="…">`. It mounts in
//! a shadow root, so the host page's CSS cannot reach it and it touches nothing else.
//!
//! - `state`: the signals and the actions (logic lives in `lifenav-core`);
//! - `screens/`: one file per screen; `browser`: storage, fetch, events, downloads;
//! - `i18n`: every interface string; `print`: the printable checklist;
//! - `feedback`: ratings and the outbox that delivers them.

mod browser;
mod feedback;
mod i18n;
mod print;
mod screens;
mod state;

use leptos::prelude::*;
use lifenav_core::{Engine, Lang};
use state::{App, Config};
use wasm_bindgen::JsCast;

const STYLE: &str = include_str!("../style/widget.css");
/// The embedded default catalog, compiled and checked by build.rs.
const EMBEDDED: &str = include_str!(concat!(env!("OUT_DIR"), "/bundle.json"));

fn embedded() -> Result<Engine, String> {
    browser::mark("lifenav:catalog-start");
    let engine = Engine::from_json(EMBEDDED);
    browser::mark("lifenav:catalog-ready");
    engine
}

fn main() {
    browser::mark("lifenav:main");
    let Some(doc) = browser::window().and_then(|w| w.document()) else { return };
    let Ok(hosts) = doc.query_selector_all("[data-lifenav]") else { return };
    for i in 0..hosts.length() {
        if let Some(host) = hosts.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
            mount(host);
        }
    }
}

fn mount(host: web_sys::HtmlElement) {
    if host.has_attribute("data-lifenav-mounted") {
        return;
    }
    let _ = host.set_attribute("data-lifenav-mounted", "");
    let data = host.dataset();
    let non_empty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let config = Config {
        host: host.clone(),
        catalog_url: non_empty(data.get("catalog")),
        feedback_url: non_empty(data.get("feedback")),
        lang: data.get("lang").and_then(|l| Lang::from_code(&l)).unwrap_or_default(),
    };
    let root = match host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)) {
        Ok(root) => root.unchecked_into::<web_sys::HtmlElement>(),
        // A host element that cannot have a shadow root: mount inside it, scoped by class names.
        Err(_) => host,
    };
    leptos::mount::mount_to(root, move || view! { <Widget config /> }).forget();
}

#[component]
fn Widget(config: Config) -> impl IntoView {
    let catalog_url = config.catalog_url.clone();
    let app = App::new(config);
    provide_context(app);
    app.persist();
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
        <style>{STYLE}</style>
        <div class="ln" class:vi=move || app.vi.get() lang=move || app.lang.get().code()>
            <screens::Shell />
        </div>
    }
}
