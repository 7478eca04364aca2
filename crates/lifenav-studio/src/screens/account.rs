//! The staff member's own account: the password.

use crate::api;
use crate::i18n::T;
use crate::screens::failure;
use crate::session::use_session;
use leptos::prelude::*;
use serde_json::json;

#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let body = json!({ "current": current.get_untracked(), "new": new.get_untracked() });
            result.set(Some(match api::post("staff/me/password", &body).await {
                Ok(_) => {
                    current.set(String::new());
                    new.set(String::new());
                    Ok(T.password_changed.to_string())
                }
                Err(e) => Err(failure(&e)),
            }));
        });
    };
    view! {
        <h1>{T.account}</h1>
        {move || session.me.get().map(|m| view! {
            <dl class="facts"><dt>{T.login}</dt><dd>{m.login}</dd><dt>{T.name}</dt><dd>{m.name}</dd>
            <dt>{T.roles}</dt><dd>{m.roles.iter().map(|r| crate::i18n::role(r)).collect::<Vec<_>>().join(", ")}</dd></dl>
        })}
        <h2>{T.change_password}</h2>
        <form on:submit=submit>
            {move || result.get().map(|r| match r {
                Ok(m) => view! { <p class="notice info" role="status">{m}</p> }.into_any(),
                Err(m) => view! { <p class="notice error" role="alert">{m}</p> }.into_any(),
            })}
            <label for="current-password">{T.current_password}</label>
            <input id="current-password" type="password" autocomplete="current-password" prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev)) />
            <label for="new-password">{T.new_password}</label>
            <input id="new-password" type="password" autocomplete="new-password" minlength="10" prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{T.change_password}</button>
        </form>
    }
}
