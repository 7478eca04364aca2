//! The widget's first screen: the life situations by category and the search box, in a
//! module small enough to show at once on a phone. It owns the widget's shadow root and
//! leaves a slot for the rest of the journey (the Leptos app, `src/main.rs`), which it
//! loads while the citizen reads the list and hands the screen to when a situation is
//! chosen. How the two talk: `src/handoff.rs`.
//!
//! It draws with a few HTML strings (every text escaped) and one listener per kind of
//! event on its container, so nothing leaks however often the list is redrawn; what to
//! list and find comes from `lifenav_core::search::SituationIndex`.

#[allow(dead_code)]
#[path = "../handoff.rs"]
mod handoff;
#[allow(dead_code)]
#[path = "../i18n.rs"]
mod i18n;

use lifenav_core::search::{Finder, SituationIndex};
use lifenav_core::text::escape_html as esc;
use lifenav_core::Lang;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

const STYLE: &str = include_str!("../../style/widget.css");
/// The embedded catalog's situations, written by build.rs next to the catalog itself.
const EMBEDDED_INDEX: &str = include_str!(concat!(env!("OUT_DIR"), "/index.txt"));

fn main() {}

/// Mounts the first screen into `host` (a `[data-lifenav]` element). `load` starts
/// loading the rest of the widget and returns a promise; it may be called again after a
/// failure.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, load: js_sys::Function) {
    if host.has_attribute("data-lifenav-mounted") {
        return;
    }
    let _ = host.set_attribute("data-lifenav-mounted", "");
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let root: web_sys::Node = match host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)) {
        Ok(root) => root.into(),
        // A host element that cannot have a shadow root: mount inside it, scoped by class names.
        Err(_) => host.clone().into(),
    };
    let make = |tag: &str| doc.create_element(tag).ok().map(|e| e.unchecked_into::<HtmlElement>());
    let (Some(style), Some(container), Some(slot)) = (make("style"), make("div"), make("div")) else { return };
    style.set_text_content(Some(STYLE));
    container.set_class_name("ln");
    let _ = slot.set_attribute(handoff::SLOT, "");
    slot.set_hidden(true);
    for node in [&style, &container, &slot] {
        let _ = root.append_child(node);
    }
    let page_lang = host.dataset().get("lang").and_then(|l| Lang::from_code(&l)).unwrap_or_default();
    let custom_catalog = host.dataset().get("catalog").is_some_and(|c| !c.trim().is_empty());
    // A city's own catalog may come with its situation index (`data-index`, the server's
    // /api/v1/catalog/index.txt, a few KB): the list shows at once from the catalog built
    // in (the same city's, a build or a few publishes older) and is redrawn if the
    // published one differs, without waiting for the app.
    let index_url = host.dataset().get("index").filter(|u| custom_catalog && !u.trim().is_empty());
    let keys = handoff::Keys::of(&host);
    let (lang, vi) = saved_settings(&keys).unwrap_or((page_lang, false));
    let screen = Rc::new(RefCell::new(Start {
        page_lang,
        lang,
        vi,
        keys,
        // A city's own catalog: its situations come from the app, which loads it.
        index: None,
        finder: std::cell::OnceCell::new(),
        query: String::new(),
        notice: None,
        waiting: false,
        failed: false,
        container,
        slot,
        load,
    }));
    if !custom_catalog || index_url.is_some() {
        if let Ok(index) = SituationIndex::parse(EMBEDDED_INDEX) {
            screen.borrow_mut().set_index(index);
        }
    }
    listen(&screen);
    let opens_in_app = opens_elsewhere(&screen.borrow().keys);
    let app_first = (custom_catalog && index_url.is_none()) || opens_in_app;
    mark("lifenav:start-mounting");
    let mut s = screen.borrow_mut();
    if app_first {
        s.waiting = true;
        s.render();
        s.load_app();
    } else {
        if let Some(url) = index_url {
            fetch_index(screen.clone(), &host, url);
        }
        s.render();
        mark("lifenav:start-shown");
        drop(s);
        prefetch(screen);
    }
}

/// Fetches the situation index of a city's own catalog (embed.js has usually asked for it
/// already: `host.lifenavIndex`) and shows the list; if it cannot be had, the app loads the
/// catalog itself (and says so if that fails too).
fn fetch_index(screen: Rc<RefCell<Start>>, host: &HtmlElement, url: String) {
    let asked = js_sys::Reflect::get(host, &JsValue::from_str("lifenavIndex"))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    wasm_bindgen_futures::spawn_local(async move {
        let text = match asked {
            Some(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|t| t.as_string()),
            None => fetch_text(&url).await,
        };
        let mut s = screen.borrow_mut();
        match text.and_then(|t| SituationIndex::parse(&t).ok()) {
            // Only while the list is shown: once the app has the screen it sends its own.
            Some(index) if s.index.as_ref() != Some(&index) && !s.waiting => {
                s.set_index(index);
                s.render_list();
            }
            Some(_) => {}
            // The published list cannot be had: the app will load the catalog (and say so).
            None => s.load_app(),
        }
    });
}

async fn fetch_text(url: &str) -> Option<String> {
    let response = web_sys::window()?.fetch_with_str(url);
    let r: web_sys::Response = wasm_bindgen_futures::JsFuture::from(response).await.ok()?.dyn_into().ok()?;
    if !r.ok() {
        return None;
    }
    wasm_bindgen_futures::JsFuture::from(r.text().ok()?).await.ok()?.as_string()
}

/// A performance mark, for bench/widget.mjs.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

struct Start {
    page_lang: Lang,
    keys: handoff::Keys,
    lang: Lang,
    vi: bool,
    index: Option<SituationIndex>,
    /// The index ready for searching, built when the citizen first types (stemming every
    /// word of the catalog is work the list itself does not need).
    finder: std::cell::OnceCell<Finder>,
    query: String,
    notice: Option<String>,
    /// A situation was chosen (or the page opens inside the journey): the app is loading.
    waiting: bool,
    /// Loading the app failed while the citizen waited: the notice offers to try again.
    failed: bool,
    container: HtmlElement,
    slot: HtmlElement,
    load: js_sys::Function,
}

/// The page opens inside the journey, not on the list: a share or rating link, or a
/// journey saved past the start (or damaged: the app resets it and says so).
fn opens_elsewhere(keys: &handoff::Keys) -> bool {
    let Some(window) = web_sys::window() else { return false };
    if lifenav_core::share::is_for_navigator(&window.location().hash().unwrap_or_default()) {
        return true;
    }
    let Some(saved) = load_item(&keys.journey) else { return false };
    let stage = js_sys::JSON::parse(&saved).ok().and_then(|v| get(&v, "stage").as_string());
    stage.as_deref() != Some("start")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load_item(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn saved_settings(keys: &handoff::Keys) -> Option<(Lang, bool)> {
    let v = js_sys::JSON::parse(&load_item(&keys.settings)?).ok()?;
    let lang = Lang::from_code(&get(&v, "lang").as_string()?)?;
    Some((lang, get(&v, "vi").as_bool().unwrap_or(false)))
}

impl Start {
    fn set_index(&mut self, index: SituationIndex) {
        self.finder = std::cell::OnceCell::new();
        self.index = Some(index);
    }

    fn s(&self) -> &'static i18n::StartStrings {
        i18n::start(self.lang)
    }

    fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.container.query_selector(selector).ok().flatten().map(JsCast::unchecked_into)
    }

    /// The whole screen: the bar, the notice, the search box and the list.
    fn render(&mut self) {
        let s = self.s();
        let other = self.lang.other().code();
        let _ = self.container.set_attribute("lang", self.lang.code());
        let _ = self.container.class_list().toggle_with_force("vi", self.vi);
        let body = if self.waiting {
            format!(r#"<p class="ln-loading" role="status">{}</p>"#, esc(s.loading))
        } else {
            format!(
                r#"<h2 tabindex="-1">{title}</h2><div class="ln-field ln-search" role="search"><label for="ln-q">{label}</label><input id="ln-q" type="search" autocomplete="off" placeholder="{placeholder}" value="{query}"></div><div class="ln-results"></div>"#,
                title = esc(s.app_title),
                label = esc(s.search_label),
                placeholder = esc(s.search_placeholder),
                query = esc(&self.query),
            )
        };
        self.container.set_inner_html(&format!(
            r#"<div class="ln-bar"><span class="ln-brand">{title}</span><div class="ln-tools"><button type="button" class="ln-tool" data-action="lang" lang="{other}" aria-label="{lang_label}">{lang}</button><button type="button" class="ln-tool" data-action="vi" aria-pressed="{vi}">{vi_on}</button><button type="button" class="ln-tool" data-action="profile" aria-expanded="false">{mine}</button></div></div><div class="ln-notice-region" role="status" aria-live="polite"></div><div class="ln-body">{body}</div>"#,
            title = esc(s.app_title),
            lang_label = esc(s.lang_switch_label),
            lang = esc(s.lang_switch),
            vi = self.vi,
            vi_on = esc(s.vi_on),
            mine = esc(s.my_answers),
        ));
        self.render_notice();
        self.render_list();
    }

    fn render_notice(&self) {
        let Some(region) = self.find(".ln-notice-region") else { return };
        region.set_inner_html(&match &self.notice {
            Some(text) => format!(
                r#"<div class="ln-notice"><p>{}</p>{}<button type="button" class="ln-link" data-action="close-notice">{}</button></div>"#,
                esc(text),
                match self.failed {
                    true => format!(r#"<button type="button" class="ln-primary" data-action="retry">{}</button>"#, esc(self.s().retry)),
                    false => String::new(),
                },
                esc(self.s().notice_close)
            ),
            None => String::new(),
        });
    }

    /// The situations: found by the query, or all of them by category.
    fn render_list(&self) {
        let (Some(results), Some(index)) = (self.find(".ln-results"), self.index.as_ref()) else { return };
        let s = self.s();
        let lang = self.lang;
        let item = |i: usize, service: Option<usize>| {
            let sit = &index.situations[i];
            // The service the query named, when that is what found the situation.
            let service = service.map(|v| {
                format!(
                    r#"<span class="ln-situation-service">{}: {}</span>"#,
                    esc(s.search_service),
                    esc(index.services[v].title.get(lang))
                )
            });
            format!(
                r#"<li><button type="button" class="ln-situation" data-situation="{}"><span class="ln-situation-title">{}</span><span class="ln-situation-summary">{}</span>{}</button></li>"#,
                esc(&sit.id),
                esc(sit.title.get(lang)),
                esc(sit.summary.get(lang)),
                service.unwrap_or_default()
            )
        };
        let html = if self.query.trim().is_empty() {
            index
                .by_category()
                .into_iter()
                .map(|(c, members)| {
                    let items: String = members.into_iter().map(|i| item(i, None)).collect();
                    format!(
                        r#"<section class="ln-category"><h3>{}</h3><ul class="ln-situations">{items}</ul></section>"#,
                        esc(index.categories[c].1.get(lang))
                    )
                })
                .collect()
        } else {
            let found = self.finder.get_or_init(|| index.finder()).search(&self.query);
            let status = match found.len() {
                0 => s.search_none.to_string(),
                n => format!("{}: {n}", s.search_found),
            };
            let items: String = found.into_iter().map(|h| item(h.situation, h.service)).collect();
            format!(r#"<p class="ln-found" role="status">{}</p><ul class="ln-situations">{items}</ul>"#, esc(&status))
        };
        results.set_inner_html(&html);
    }

    fn focus(&self, selector: &str) {
        if let Some(el) = self.find(selector) {
            let _ = el.focus();
        }
    }

    fn save_settings(&self) {
        let Some(storage) = storage() else { return };
        let _ = match handoff::settings_json(self.lang, self.vi, self.page_lang) {
            Some(json) => storage.set_item(&self.keys.settings, &json),
            None => storage.remove_item(&self.keys.settings),
        };
    }

    /// Starts loading the app; a failure (also a loader that does not start) is said when
    /// the citizen waits for it, and can be retried.
    fn load_app(&self) {
        let promise = self
            .load
            .call0(&JsValue::NULL)
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
            .unwrap_or_else(|| js_sys::Promise::reject(&JsValue::from_str("the loader did not start")));
        let container = self.container.clone();
        let failed = Closure::once(move |_: JsValue| {
            // The listener on the container turns this into a notice (it holds the state).
            if let Ok(event) = Event::new("lifenav-load-failed") {
                let _ = container.dispatch_event(&event);
            }
        });
        let _ = promise.catch(&failed);
        failed.forget();
    }

    /// After [`handoff::OPEN`] went out: if the app has not taken the action, it is still
    /// loading (or not yet asked for), and the citizen is told so.
    fn after_open(&mut self) {
        if self.slot.has_attribute(handoff::PENDING) {
            self.wait_for_app();
        }
    }

    fn wait_for_app(&mut self) {
        self.waiting = true;
        self.render();
        self.focus(".ln-loading");
        self.load_app();
    }

    fn open(&self, open: handoff::Open) -> String {
        handoff::OpenMessage { open, lang: self.lang, vi: self.vi }.to_json()
    }

    /// Returns the action to hand to the app, if the click asks for one.
    fn on_click(&mut self, target: Element) -> Option<String> {
        let button = target.closest("button").ok().flatten()?;
        if let Some(id) = button.get_attribute("data-situation") {
            return Some(self.open(handoff::Open::Situation(id)));
        }
        match button.get_attribute("data-action").as_deref() {
            Some("lang") => {
                self.lang = self.lang.other();
                self.save_settings();
                self.render();
                self.focus("[data-action=lang]");
            }
            Some("vi") => {
                self.vi = !self.vi;
                self.save_settings();
                let _ = self.container.class_list().toggle_with_force("vi", self.vi);
                let _ = button.set_attribute("aria-pressed", &self.vi.to_string());
            }
            Some("profile") => return Some(self.open(handoff::Open::Profile)),
            Some("retry") => {
                // What was chosen before the failure is still waiting in the slot.
                (self.notice, self.failed) = (None, false);
                self.wait_for_app();
            }
            Some("close-notice") => {
                self.failed = false;
                self.notice = None;
                self.render_notice();
                self.focus("h2");
            }
            _ => {}
        }
        None
    }

    /// The app is back at the start, or has just loaded there.
    fn on_back(&mut self, back: handoff::BackMessage) {
        let was_showing = !self.container.hidden() && !self.waiting;
        // The app's language and mode count when the citizen was in the app; when it
        // has only just loaded, the citizen may have changed them here meanwhile.
        let (lang, vi) = if back.moved { (back.lang, back.vi) } else { (self.lang, self.vi) };
        let redraw = !was_showing || lang != self.lang || vi != self.vi;
        (self.lang, self.vi) = (lang, vi);
        // Another catalog's situations: only the list is redrawn, so the search box keeps
        // what the citizen is typing (and the focus).
        let mut relist = false;
        if let Some(index) = back.index.and_then(|t| SituationIndex::parse(&t).ok()) {
            if self.index.as_ref() != Some(&index) {
                relist = true;
                self.set_index(index);
            }
        }
        if let Some(notice) = back.notice {
            self.notice = Some(notice);
        }
        self.waiting = false;
        self.container.set_hidden(false);
        self.slot.set_hidden(true);
        if redraw {
            self.render();
        } else {
            self.render_notice();
            if relist {
                self.render_list();
            }
        }
        if back.moved {
            self.focus("h2");
        }
    }
}

/// One listener per kind of event, on the container and the slot.
fn listen(screen: &Rc<RefCell<Start>>) {
    let (container, slot) = {
        let s = screen.borrow();
        (s.container.clone(), s.slot.clone())
    };
    let on = |target: &web_sys::EventTarget, name: &str, f: Box<dyn FnMut(Event)>| {
        let closure = Closure::wrap(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        closure.forget();
    };
    let sc = screen.clone();
    on(
        &container,
        "click",
        Box::new(move |ev: Event| {
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else { return };
            let Some(action) = sc.borrow_mut().on_click(target) else { return };
            // Sent with no borrow held: a loaded app answers within the dispatch.
            let slot = sc.borrow().slot.clone();
            let _ = slot.set_attribute(handoff::PENDING, &action);
            if let Ok(event) = Event::new(handoff::OPEN) {
                let _ = slot.dispatch_event(&event);
            }
            sc.borrow_mut().after_open();
        }),
    );
    let sc = screen.clone();
    on(
        &container,
        "input",
        Box::new(move |ev: Event| {
            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                let mut s = sc.borrow_mut();
                s.query = input.value();
                s.render_list();
            }
        }),
    );
    let sc = screen.clone();
    on(
        &container,
        "lifenav-load-failed",
        Box::new(move |_| {
            let mut s = sc.borrow_mut();
            // Loading ahead failed: said only when the citizen waits for it (choosing
            // again, or "try again", retries).
            if !s.waiting {
                return;
            }
            s.waiting = false;
            s.failed = true;
            s.notice = Some(s.s().app_failed.to_string());
            s.render();
            s.focus(".ln-notice p");
        }),
    );
    let sc = screen.clone();
    on(
        &slot,
        handoff::BACK,
        Box::new(move |ev: Event| {
            let detail = ev.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_string());
            sc.borrow_mut().on_back(handoff::BackMessage::parse(&detail.unwrap_or_default()));
        }),
    );
    let sc = screen.clone();
    on(
        &slot,
        handoff::SHOWN,
        Box::new(move |_| {
            let mut s = sc.borrow_mut();
            s.waiting = false;
            s.container.set_hidden(true);
            s.slot.set_hidden(false);
        }),
    );
}

/// Loads the app while the citizen reads the list, when the browser is idle; not when the
/// citizen asked the browser to save data (it then loads on the first choice).
fn prefetch(screen: Rc<RefCell<Start>>) {
    let Some(window) = web_sys::window() else { return };
    let connection = get(&window.navigator(), "connection");
    if get(&connection, "saveData").as_bool() == Some(true) {
        return;
    }
    let run = Closure::once_into_js(move || screen.borrow().load_app());
    let idle = get(&window, "requestIdleCallback");
    if let Some(idle) = idle.dyn_ref::<js_sys::Function>() {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from_f64(1500.0));
        let _ = idle.call2(&window, &run, &options);
    } else {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 300);
    }
}
