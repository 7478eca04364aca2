//! The real widget, running on the draft as this browser has it (unsaved changes too),
//! for any situation and answers, "as of" a chosen date. The answers given in it and the
//! plan they lead to can be kept as a scenario of the catalog.

use crate::i18n::T;
use crate::workspace::{use_workspace, Notice};
use leptos::prelude::*;
use lifenav_core::journey::{Journey, Stage};
use lifenav_core::Engine;
use std::sync::Arc;

/// The preview widget's own storage key (`data-lifenav="studio-preview"` in preview.html).
const PREVIEW_JOURNEY: &str = "lifenav.studio-preview.journey";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn today_iso() -> String {
    let d = js_sys::Date::new_0();
    format!("{}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// Hands the compiled draft to the preview frame (preview.js reads it from this page).
fn hand_over(engine: &Engine) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let Ok(bundle) = serde_json::to_string(&engine.catalog) else { return false };
    let handed = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&handed, &"bundle".into(), &bundle.into());
    js_sys::Reflect::set(&window, &"lifenavPreview".into(), &handed).unwrap_or(false)
}

/// Starts the preview's journey at the situation, keeping the answers given there before.
fn open_at(engine: &Engine, situation: &str) {
    let Some(s) = storage() else { return };
    let saved = s.get_item(PREVIEW_JOURNEY).ok().flatten();
    let mut journey = saved.and_then(|j| Journey::restore(engine, &j).ok()).map(|(j, _)| j).unwrap_or_default();
    if journey.situation.as_deref() != Some(situation) {
        journey.situation = Some(situation.to_string());
        journey.stage = Stage::Questions;
    }
    let _ = s.set_item(PREVIEW_JOURNEY, &journey.to_json());
}

#[component]
pub fn Preview() -> impl IntoView {
    let ws = use_workspace();
    let engine = Signal::derive(move || ws.checked.with(|c| c.as_ref().and_then(|c| c.engine.clone())));
    let situation = RwSignal::new(String::new());
    let as_of = RwSignal::new(today_iso());
    let src = RwSignal::new(None::<String>);
    let shown = RwSignal::new(0u32);
    let show = move || {
        let Some(e) = engine.get_untracked() else { return };
        let sit = situation.get_untracked();
        let sit =
            if sit.is_empty() { e.catalog.situations.first().map(|s| s.id.clone()).unwrap_or_default() } else { sit };
        situation.set(sit.clone());
        if hand_over(&e) {
            open_at(&e, &sit);
            shown.update(|n| *n += 1);
            src.set(Some(format!("/studio/preview.html?today={}&n={}", as_of.get_untracked(), shown.get_untracked())));
        }
    };
    view! {
        <h1>{T.preview}</h1>
        <p>{T.preview_lead}</p>
        {move || match engine.get() {
            None => view! { <p class="notice error">{T.preview_needs_no_errors}</p> }.into_any(),
            Some(e) => {
                let situations: Vec<(String, String)> = e.catalog.situations.iter().map(|s| (s.id.clone(), s.title.ru.clone())).collect();
                view! {
                    <form class="preview-controls" on:submit=move |ev| { ev.prevent_default(); show(); }>
                        <label for="preview-situation">{T.situation}</label>
                        <select id="preview-situation" on:change=move |ev| situation.set(event_target_value(&ev))>
                            {situations.into_iter().map(|(id, title)| {
                                let selected = id == situation.get_untracked();
                                view! { <option value=id selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                        <label for="preview-date">{T.as_of}</label>
                        <input id="preview-date" type="date" prop:value=move || as_of.get() on:input=move |ev| as_of.set(event_target_value(&ev)) />
                        <button type="submit" class="primary">{T.open_preview}</button>
                    </form>
                }.into_any()
            }
        }}
        {move || src.get().map(|s| view! {
            <iframe class="preview" title="Предпросмотр виджета навигатора" src=s></iframe>
            <SaveScenario engine situation as_of />
        })}
    }
}

#[component]
fn SaveScenario(
    engine: Signal<Option<Arc<Engine>>>,
    situation: RwSignal<String>,
    as_of: RwSignal<String>,
) -> impl IntoView {
    let ws = use_workspace();
    let name = RwSignal::new(String::new());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(e) = engine.get_untracked() else { return };
        let saved = storage().and_then(|s| s.get_item(PREVIEW_JOURNEY).ok().flatten());
        let Some((journey, _)) = saved.and_then(|j| Journey::restore(&e, &j).ok()) else {
            ws.say(Notice::Error(T.scenario_unfinished.into()));
            return;
        };
        let Some(sit_id) = journey.situation.clone() else { return };
        let Some(sit) = e.situation_index(&sit_id) else { return };
        let answers = journey.effective_answers(&sit_id);
        if e.walk(sit, &answers).next.is_some() {
            ws.say(Notice::Error(T.scenario_unfinished.into()));
            return;
        }
        let today = lifenav_core::Date::parse(&as_of.get_untracked()).unwrap_or(e.catalog.meta.effective);
        let title = name.get_untracked();
        let title = if title.trim().is_empty() {
            format!("{sit_id}: из предпросмотра")
        } else {
            title.trim().to_string()
        };
        let block = lifenav_core::scenario::from_plan(
            &e,
            &title,
            sit,
            &answers,
            journey.event_dates.get(&sit_id).copied(),
            today,
        );
        let file = format!("scenarios/{sit_id}.toml");
        let existing = ws.draft.with_untracked(|d| d.text(&file).unwrap_or("").to_string());
        match lifenav_core::scenario::append(&existing, &block) {
            Ok(text) => {
                ws.edit(&file, text);
                ws.say(Notice::Info(format!("{} {file}: «{title}». Сохраните файл.", T.scenario_added)));
                name.set(String::new());
                situation.set(sit_id);
            }
            Err(err) => ws.say(Notice::Error(err)),
        }
    };
    view! {
        <form class="save-scenario" on:submit=save>
            <label for="scenario-name">{T.scenario_name}</label>
            <input id="scenario-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <button type="submit">{T.save_scenario}</button>
        </form>
    }
}
