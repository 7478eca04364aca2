//! The frame of every screen: a skip link, the header with search and the staff member's
//! menu, the sections, one live region for notices, and the bar that saves unsaved work.

use crate::i18n::T;
use crate::session::use_session;
use crate::settings::Settings;
use crate::workspace::{use_workspace, Notice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

/// Moves focus to the new screen's heading after navigation, so that a keyboard or screen
/// reader user lands on what changed.
fn focus_heading_on_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(|| {
                let heading = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector("main h1").ok().flatten());
                if let Some(h) = heading.and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok()) {
                    let _ = h.set_attribute("tabindex", "-1");
                    let _ = h.focus();
                }
            });
        }
        path
    });
}

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let settings = expect_context::<Settings>();
    focus_heading_on_navigation();
    let navigate = use_navigate();
    let query = RwSignal::new(String::new());
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = query.get_untracked();
        navigate(&format!("/items/all?q={}", String::from(js_sys::encode_uri_component(q.trim()))), Default::default());
    };
    let problem_count = move || ws.checked.with(|c| c.as_ref().map(|c| c.errors + c.scenarios.len()).unwrap_or(0));
    let name = move || session.me.with(|m| m.as_ref().map(|m| m.name.clone()).unwrap_or_default());
    let is_admin = move || session.has("admin");
    let dirty = move || ws.draft.with(|d| d.dirty().len());
    view! {
        <a class="skip" href="#main">{T.skip}</a>
        <header class="top">
            <p class="brand"><A href=crate::links::href("/")>{T.app}</A></p>
            <form class="search" role="search" on:submit=search>
                <label for="q">{T.search}</label>
                <input id="q" type="search" placeholder=T.search_hint
                    prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                <button type="submit">{"Найти"}</button>
            </form>
            <div class="me">
                <span class="me-name">{name}</span>
                <button type="button" class="link" aria-pressed=move || settings.vi.get().to_string()
                    on:click=move |_| settings.vi.update(|v| *v = !*v)>
                    {move || if settings.vi.get() { T.vi_off } else { T.vi_on }}
                </button>
                <a href="/studio/guide/" rel="external">{"Руководство"}</a>
                <A href=crate::links::href("/account")>{T.account}</A>
                <button type="button" class="link" on:click=move |_| session.sign_out()>{T.sign_out}</button>
            </div>
        </header>
        <nav class="sections" aria-label=T.nav_label>
            <ul>
                <li><A href=crate::links::href("/") exact=true>{T.home}</A></li>
                <li><A href=crate::links::href("/items/situations")>{"Ситуации"}</A></li>
                <li><A href=crate::links::href("/items/services")>{"Услуги"}</A></li>
                <li><A href=crate::links::href("/items/questions")>{"Вопросы"}</A></li>
                <li><A href=crate::links::href("/items/documents")>{"Документы"}</A></li>
                <li><A href=crate::links::href("/items/departments")>{"Ведомства"}</A></li>
                <li><A href=crate::links::href("/items/scenarios")>{"Сценарии"}</A></li>
                <li><A href=crate::links::href("/items/catalog")>{"Каталог"}</A></li>
                <li>
                    <A href=crate::links::href("/problems")>
                        {T.problems}
                        <Show when=move || { problem_count() > 0 }>
                            <span class="badge" aria-label=move || format!("{} {}", problem_count(), T.errors)>{problem_count}</span>
                        </Show>
                    </A>
                </li>
                <li><A href=crate::links::href("/preview")>{T.preview}</A></li>
                <li><A href=crate::links::href("/versions")>{T.versions}</A></li>
                <li><A href=crate::links::href("/freshness")>{T.freshness}</A></li>
                <Show when=is_admin>
                    <li><A href=crate::links::href("/users")>{T.users}</A></li>
                </Show>
                <Show when=move || session.has("responder")>
                    <li><A href=crate::links::href("/responses")>{crate::i18n::R.title}</A></li>
                </Show>
                <Show when=move || session.has("analyst")>
                    // The dashboard is the server's own page (printable), outside the studio's router.
                    <li><a href="/dashboard" rel="external">{"Показатели"}</a></li>
                </Show>
                <li><A href=crate::links::href("/audit")>{T.audit}</A></li>
            </ul>
        </nav>
        <div class="notice-area" role="status" aria-live="polite">
            {move || ws.notice.get().map(|n| match n {
                Notice::Info(text) => view! { <p class="notice info">{text}</p> }.into_any(),
                Notice::Error(text) => view! { <p class="notice error">{text}</p> }.into_any(),
            })}
        </div>
        <Show when=move || { dirty() > 0 }>
            <div class="savebar">
                <span>{move || format!("Несохранённых файлов: {}", dirty())}</span>
                <button type="button" class="primary" disabled=move || ws.saving.get()
                    on:click=move |_| leptos::task::spawn_local(async move { ws.save_all().await; })>
                    {move || if ws.saving.get() { T.saving } else { T.save_all }}
                </button>
            </div>
        </Show>
        <main id="main" tabindex="-1">
            {move || ws.load_error.get().map(|e| view! { <p class="notice error">{e}</p> })}
            <Show when=move || !ws.loaded.get()>
                <p role="status">{T.loading}</p>
            </Show>
            {children()}
        </main>
    }
}
