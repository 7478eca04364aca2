//! Sign-in: a login and a password (argon2id on the server; attempts are slowed down there).

use crate::api;
use crate::i18n::T;
use crate::session::{use_session, Me};
use leptos::prelude::*;
use serde_json::json;

#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            let body = json!({ "login": login.get_untracked().trim(), "password": password.get_untracked(), "remember": remember.get_untracked() });
            match api::post("staff/login", &body).await {
                Ok(v) => match serde_json::from_value::<Me>(v) {
                    Ok(me) => session.me.set(Some(me)),
                    Err(e) => error.set(Some(e.to_string())),
                },
                Err(e) => {
                    let message = match e.status {
                        401 => "Неверный логин или пароль.".to_string(),
                        429 => "Слишком много запросов. Подождите минуту и попробуйте снова.".to_string(),
                        _ => e.message,
                    };
                    error.set(Some(message));
                    password.set(String::new());
                }
            }
            busy.set(false);
        });
    };
    view! {
        <main id="main" class="sign-in">
            <h1>{T.sign_in_title}</h1>
            <p>{T.sign_in_lead}</p>
            <form on:submit=submit>
                {move || error.get().map(|e| view! { <p class="notice error" role="alert" id="sign-in-error">{e}</p> })}
                <label for="login">{T.login}</label>
                <input id="login" name="username" autocomplete="username" required=true autofocus=true
                    prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
                <label for="password">{T.password}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required=true
                    prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                <input id="remember" type="checkbox" prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                <label for="remember" class="check">{"Запомнить меня на этом компьютере"}</label>
                <p class="hint">{"Не отмечайте на общем компьютере: тогда вход закончится, когда закроете браузер."}</p>
                <button type="submit" class="primary" disabled=move || busy.get()>
                    {move || if busy.get() { T.signing_in } else { T.sign_in }}
                </button>
            </form>
        </main>
    }
}
