//! The draft at a glance: what differs from the published version, what the check says,
//! submitting for review, the versions in progress, and the folder in and out.

use crate::api;
use crate::i18n::{self, T};
use crate::screens::failure;
use crate::session::use_session;
use crate::workspace::{use_workspace, Notice};
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

#[component]
pub fn Home() -> impl IntoView {
    let ws = use_workspace();
    let session = use_session();
    let versions = RwSignal::new(Vec::<Value>::new());
    let reload = move || {
        leptos::task::spawn_local(async move {
            if let Ok(v) = api::get("studio/versions").await {
                versions.set(v["versions"].as_array().cloned().unwrap_or_default());
            }
        })
    };
    reload();
    let changed = move || ws.differs_from_published();
    let in_progress = move || {
        versions
            .get()
            .into_iter()
            .filter(|v| {
                matches!(v["state"].as_str(), Some("submitted" | "approved" | "scheduled" | "changes_requested"))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <h1>{T.draft}</h1>
        <p>{T.draft_lead}</p>
        <p>{move || format!("Действует версия {}.", ws.published.get())}</p>
        <section aria-labelledby="changed-title">
            <h2 id="changed-title">{T.files_changed}</h2>
            {move || {
                // Named by their items' titles once the draft's check has them.
                ws.checked.track();
                let c = changed();
                if c.is_empty() {
                    view! { <p>{T.nothing_changed}</p> }.into_any()
                } else {
                    view! { <ul>{c.into_iter().map(|p| view! { <li>{ws.title_of(&p)}</li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <p id="draft-status">
                {move || ws.checked.with(|c| c.as_ref().map(|c| {
                    let errors = i18n::counted(c.errors as i64, ["ошибка", "ошибки", "ошибок"]);
                    let warnings = i18n::counted(c.warnings as i64, ["предупреждение", "предупреждения", "предупреждений"]);
                    let scenarios = if c.engine.is_none() {
                        "сценарии проверятся, когда ошибок не будет".to_string()
                    } else if c.scenarios.is_empty() {
                        format!("все {} проходят", i18n::counted(c.scenarios_run as i64, ["сценарий", "сценария", "сценариев"]))
                    } else {
                        format!("не проходят {} из {}", c.scenarios.len(), i18n::counted(c.scenarios_run as i64, ["сценария", "сценариев", "сценариев"]))
                    };
                    format!("{errors}, {warnings}; {scenarios}. ")
                }))}
                <A href=crate::links::href("/problems")>{T.problems}</A>
            </p>
            {move || ws.checked.with(|c| c.as_ref().filter(|c| !c.scenarios.is_empty()).map(|c| view! {
                <div class="notice error" id="failing-scenarios">
                    <p>{"Эти сценарии не проходят: откройте каждый и нажмите «Обновить сценарий по новому плану», если новый план верен."}</p>
                    <ul>{c.scenarios.iter().map(|(name, _, _)| {
                        let href = crate::links::href(&crate::links::edit_href(lifenav_core::ItemKind::Scenario, name, None));
                        view! { <li><a href=href>{format!("«{name}»")}</a></li> }
                    }).collect_view()}</ul>
                </div>
            }))}
        </section>
        <Show when=move || session.has("editor")>
            <Submit on_done=reload />
        </Show>
        <section aria-labelledby="progress-title">
            <h2 id="progress-title">{T.waiting_review}</h2>
            {move || {
                let v = in_progress();
                if v.is_empty() {
                    view! { <p>{T.none}</p> }.into_any()
                } else {
                    view! { <ul>{v.into_iter().map(|v| {
                        let n = v["number"].as_i64().unwrap_or(0);
                        let line = format!("{} {n} — {} — {} ({})", T.version, i18n::state(v["state"].as_str().unwrap_or("")),
                            v["message"].as_str().unwrap_or(""), v["author"].as_str().unwrap_or(""));
                        view! { <li><A href=crate::links::href(&format!("/versions/{n}"))>{line}</A></li> }
                    }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
        <Show when=move || session.has("editor")>
            <Import />
        </Show>
        <p><a href="/api/v1/studio/draft/export.zip" download="catalog-draft.zip">{T.export_draft}</a></p>
    }
}

#[component]
fn Submit(on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let ws = use_workspace();
    let message = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        if ws.draft.with_untracked(|d| !d.dirty().is_empty()) {
            error.set(Some(T.save_first.into()));
            return;
        }
        if ws.checked.with_untracked(|c| c.as_ref().is_some_and(|c| c.errors > 0)) {
            error.set(Some(T.fix_errors_first.into()));
            return;
        }
        let failing = ws.checked.with_untracked(|c| c.as_ref().map(|c| c.scenarios.len()).unwrap_or(0));
        if failing > 0 {
            error.set(Some(format!(
                "Отправить пока нельзя: {} не проходят (список выше). Обновите их по новому плану или исправьте изменение.",
                i18n::counted(failing as i64, ["сценарий", "сценария", "сценариев"])
            )));
            return;
        }
        busy.set(true);
        let on_done = on_done.clone();
        leptos::task::spawn_local(async move {
            match api::post("studio/versions", &json!({ "message": message.get_untracked() })).await {
                Ok(v) => {
                    let n = v["number"].as_i64().unwrap_or(0);
                    ws.say(Notice::Info(format!("{} {n}", T.submitted)));
                    message.set(String::new());
                    on_done();
                }
                Err(e) => error.set(Some(failure(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="submit-title">
            <h2 id="submit-title">{T.submit_title}</h2>
            <form on:submit=submit>
                {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <label for="submit-message">{T.submit_message}</label>
                <p class="hint" id="submit-hint">{T.submit_hint}</p>
                <textarea id="submit-message" rows="3" aria-describedby="submit-hint" required=true
                    prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                <button type="submit" class="primary" disabled=move || busy.get()>{T.submit}</button>
            </form>
        </section>
    }
}

/// Uploads a .zip or .tar.gz of a catalog folder: it becomes the draft.
#[component]
fn Import() -> impl IntoView {
    let ws = use_workspace();
    let input = NodeRef::<leptos::html::Input>::new();
    let error = RwSignal::new(None::<String>);
    let upload = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(file) = input.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        let content_type = if file.name().ends_with(".zip") { "application/zip" } else { "application/gzip" };
        leptos::task::spawn_local(async move {
            let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
            let Ok(buffer) = buffer else { return };
            let bytes = js_sys::Uint8Array::new(&buffer.unchecked_into());
            match api::upload("studio/draft/import", bytes, content_type).await {
                Ok(v) => {
                    error.set(None);
                    ws.say(Notice::Info(format!("{} {}", T.imported, v["files"])));
                    ws.load();
                }
                Err(e) => error.set(Some(failure(&e))),
            }
        });
    };
    view! {
        <section aria-labelledby="import-title">
            <h2 id="import-title">{T.import_title}</h2>
            <p>{T.import_lead}</p>
            <form on:submit=upload>
                {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <label for="import-file">{"Архив папки каталога"}</label>
                <input id="import-file" type="file" accept=".zip,.tar.gz,.tgz,application/zip,application/gzip" node_ref=input />
                <button type="submit">{T.import_button}</button>
            </form>
        </section>
    }
}
