//! The history: every version, who made it, when and why, who reviewed and published
//! it; and any two versions compared as file diffs.

use crate::api;
use crate::components::diff::{Diff, FileDiff};
use crate::i18n::{self, T};
use crate::screens::failure;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde_json::Value;

#[component]
pub fn Versions() -> impl IntoView {
    let versions = RwSignal::new(Vec::<Value>::new());
    let current = RwSignal::new(0i64);
    let error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match api::get("studio/versions").await {
            Ok(v) => {
                current.set(v["current"].as_i64().unwrap_or(0));
                versions.set(v["versions"].as_array().cloned().unwrap_or_default());
            }
            Err(e) => error.set(Some(failure(&e))),
        }
    });
    let (from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let navigate = use_navigate();
    let compare = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        navigate(&format!("/compare?from={}&to={}", from.get_untracked(), to.get_untracked()), Default::default());
    };
    let numbers = move || versions.get().iter().filter_map(|v| v["number"].as_i64()).collect::<Vec<_>>();
    view! {
        <h1>{T.versions}</h1>
        {move || error.get().map(|e| view! { <p class="notice error">{e}</p> })}
        <form class="compare" on:submit=compare>
            <label for="from">{T.compare_from}</label>
            <select id="from" on:change=move |ev| from.set(event_target_value(&ev))>
                <option value="">{T.not_set}</option>
                {move || numbers().into_iter().map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view()}
            </select>
            <label for="to">{T.compare_to}</label>
            <select id="to" on:change=move |ev| to.set(event_target_value(&ev))>
                <option value="">{T.not_set}</option>
                {move || numbers().into_iter().map(|n| view! { <option value=n.to_string()>{n.to_string()}</option> }).collect_view()}
            </select>
            <button type="submit">{T.compare}</button>
        </form>
        <table class="versions">
            <thead><tr>
                <th scope="col">{T.version}</th><th scope="col">{T.state}</th><th scope="col">{T.message}</th>
                <th scope="col">{T.author}</th><th scope="col">{T.reviewer}</th><th scope="col">{T.created}</th><th scope="col">{T.published_at}</th>
            </tr></thead>
            <tbody>
                {move || versions.get().into_iter().map(|v| {
                    let n = v["number"].as_i64().unwrap_or(0);
                    let state = v["state"].as_str().unwrap_or("").to_string();
                    let in_force = n == current.get();
                    let published = v["published_at"].as_i64().map(i18n::moment)
                        .or_else(|| v["publish_at"].as_i64().map(|t| format!("запланирована на {}", i18n::moment(t))))
                        .unwrap_or_default();
                    view! {
                        <tr class:current=in_force>
                            <td><A href=crate::links::href(&format!("/versions/{n}"))>{n.to_string()}</A></td>
                            <td>{i18n::state(&state)}{in_force.then(|| view! { " " <strong>{format!("({})", T.in_force)}</strong> })}</td>
                            <td>{v["message"].as_str().unwrap_or("").to_string()}</td>
                            <td>{v["author"].as_str().unwrap_or("").to_string()}</td>
                            <td>{v["reviewer"].as_str().unwrap_or("").to_string()}</td>
                            <td>{v["created_at"].as_i64().map(i18n::moment).unwrap_or_default()}</td>
                            <td>{published}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Two versions as file diffs (`/compare?from=2&to=5`).
#[component]
pub fn Compare() -> impl IntoView {
    let query = use_query_map();
    let files = RwSignal::new(None::<Vec<FileDiff>>);
    let error = RwSignal::new(None::<String>);
    let pair = move || {
        let q = query.read();
        (q.get("from").and_then(|v| v.parse::<i64>().ok()), q.get("to").and_then(|v| v.parse::<i64>().ok()))
    };
    Effect::new(move |_| {
        let (Some(from), Some(to)) = pair() else { return };
        leptos::task::spawn_local(async move {
            match api::get(&format!("studio/versions/{to}/diff?against={from}")).await {
                Ok(v) => files.set(serde_json::from_value(v["files"].clone()).ok()),
                Err(e) => error.set(Some(failure(&e))),
            }
        });
    });
    view! {
        <h1>{move || match pair() {
            (Some(a), Some(b)) => format!("Сравнение версий {a} и {b}"),
            _ => "Выберите две версии".to_string(),
        }}</h1>
        <p><A href=crate::links::href("/versions")>{T.versions}</A></p>
        {move || error.get().map(|e| view! { <p class="notice error">{e}</p> })}
        {move || files.get().map(|f| view! { <Diff files=f /> })}
    }
}
