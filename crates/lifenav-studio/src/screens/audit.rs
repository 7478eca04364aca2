//! The audit log: every staff action, who, when, what and why (admins and reviewers).

use crate::api;
use crate::i18n::{self, T};
use crate::screens::failure;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn Audit() -> impl IntoView {
    let entries = RwSignal::new(Vec::<Value>::new());
    let error = RwSignal::new(None::<String>);
    let more = move || {
        let before = entries.with_untracked(|e| e.last().and_then(|x| x["id"].as_i64()));
        leptos::task::spawn_local(async move {
            let path = match before {
                Some(b) => format!("staff/audit?before={b}&limit=100"),
                None => "staff/audit?limit=100".to_string(),
            };
            match api::get(&path).await {
                Ok(v) => entries.update(|e| e.extend(v["entries"].as_array().cloned().unwrap_or_default())),
                Err(e) => error.set(Some(failure(&e))),
            }
        });
    };
    more();
    view! {
        <h1>{T.audit}</h1>
        <p>{T.audit_lead}</p>
        {move || error.get().map(|e| view! { <p class="notice error">{e}</p> })}
        <table class="audit">
            <thead><tr><th scope="col">{T.when}</th><th scope="col">{T.who}</th><th scope="col">{T.action}</th><th scope="col">{T.target}</th><th scope="col">{T.detail}</th></tr></thead>
            <tbody>
                {move || entries.get().into_iter().map(|e| {
                    let action = e["action"].as_str().unwrap_or("").to_string();
                    let word = i18n::action(&action);
                    view! { <tr>
                        <td>{e["at"].as_i64().map(i18n::moment).unwrap_or_default()}</td>
                        <td>{e["actor"].as_str().unwrap_or("").to_string()}</td>
                        <td>{if word.is_empty() { action.clone() } else { word.to_string() }}</td>
                        <td>{e["target"].as_str().unwrap_or("").to_string()}</td>
                        <td>{e["detail"].as_str().unwrap_or("").to_string()}</td>
                    </tr> }
                }).collect_view()}
            </tbody>
        </table>
        <button type="button" on:click=move |_| more()>{T.more}</button>
    }
}
