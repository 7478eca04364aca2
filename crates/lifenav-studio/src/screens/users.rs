//! Staff accounts, for admins: create one (its password is shown once), change roles and
//! departments, disable, give a new password, delete.

use crate::api;
use crate::i18n::{self, T};
use crate::screens::failure;
use crate::session::use_session;
use leptos::prelude::*;
use serde_json::{json, Value};

const ROLES: [&str; 5] = ["admin", "editor", "reviewer", "responder", "analyst"];

#[component]
pub fn Users() -> impl IntoView {
    let session = use_session();
    let users = RwSignal::new(Vec::<Value>::new());
    let error = RwSignal::new(None::<String>);
    let password = RwSignal::new(None::<(String, String)>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::get("staff/users").await {
                Ok(v) => users.set(v["users"].as_array().cloned().unwrap_or_default()),
                Err(e) => error.set(Some(failure(&e))),
            }
        })
    };
    if session.has("admin") {
        reload();
    }
    view! {
        <h1>{T.users}</h1>
        <p>{T.users_lead}</p>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        {move || password.get().map(|(login, p)| view! {
            <p class="notice info" role="status">{T.new_password_once}{" "}<strong>{login}</strong>{": "}<code id="new-password-value">{p}</code></p>
        })}
        <NewUser error password reload />
        <table class="users">
            <thead><tr><th scope="col">{T.login}</th><th scope="col">{T.name}</th><th scope="col">{T.roles}</th><th scope="col">{T.departments}</th><th scope="col">{"Действия"}</th></tr></thead>
            <tbody>
                {move || users.get().into_iter().map(|u| view! { <UserRow user=u error password reload /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn NewUser(
    error: RwSignal<Option<String>>,
    password: RwSignal<Option<(String, String)>>,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let login = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(vec!["editor".to_string()]);
    let departments = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reload = reload.clone();
        let body = json!({
            "login": login.get_untracked().trim(), "name": name.get_untracked().trim(), "roles": roles.get_untracked(),
            "departments": departments.get_untracked().split(',').map(str::trim).filter(|d| !d.is_empty()).collect::<Vec<_>>(),
        });
        leptos::task::spawn_local(async move {
            match api::post("staff/users", &body).await {
                Ok(v) => {
                    error.set(None);
                    password.set(Some((
                        v["login"].as_str().unwrap_or("").into(),
                        v["password"].as_str().unwrap_or("").into(),
                    )));
                    login.set(String::new());
                    name.set(String::new());
                    reload();
                }
                Err(e) => error.set(Some(failure(&e))),
            }
        });
    };
    view! {
        <form class="new-user" on:submit=submit>
            <fieldset>
                <legend>{T.create_user}</legend>
                <label for="new-login">{T.login}</label>
                <input id="new-login" autocomplete="off" prop:value=move || login.get() on:input=move |ev| login.set(event_target_value(&ev)) />
                <label for="new-name">{T.name}</label>
                <input id="new-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <fieldset>
                    <legend>{T.roles}</legend>
                    {ROLES.into_iter().map(|r| {
                        let id = format!("new-role-{r}");
                        view! {
                            <input type="checkbox" id=id.clone() prop:checked=move || roles.with(|x| x.iter().any(|y| y == r))
                                on:change=move |ev| { let on = event_target_checked(&ev); roles.update(|x| { x.retain(|y| y != r); if on { x.push(r.to_string()); } }) } />
                            <label for=id class="check">{i18n::role(r)}</label>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="new-departments">{format!("{} — {}", T.departments, T.departments_hint)}</label>
                <input id="new-departments" prop:value=move || departments.get() on:input=move |ev| departments.set(event_target_value(&ev)) />
                <button type="submit" class="primary">{T.create_user}</button>
            </fieldset>
        </form>
    }
}

#[component]
fn UserRow(
    user: Value,
    error: RwSignal<Option<String>>,
    password: RwSignal<Option<(String, String)>>,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let login = user["login"].as_str().unwrap_or("").to_string();
    let disabled = user["disabled"].as_bool().unwrap_or(false);
    let roles: Vec<String> = user["roles"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect();
    let departments: Vec<String> = user["departments"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect();
    let act = {
        let login = login.clone();
        move |method: &'static str, path: String, body: Value| {
            let reload = reload.clone();
            let login = login.clone();
            leptos::task::spawn_local(async move {
                let done = match method {
                    "patch" => api::patch(&path, &body).await,
                    "delete" => api::delete(&path).await,
                    _ => api::post(&path, &body).await,
                };
                match done {
                    Ok(v) => {
                        error.set(None);
                        if let Some(p) = v["password"].as_str() {
                            password.set(Some((login, p.to_string())));
                        }
                        reload();
                    }
                    Err(e) => error.set(Some(failure(&e))),
                }
            });
        }
    };
    let base = format!("staff/users/{}", api::encode_path(&login));
    let (a1, a2, a3, a4) = (act.clone(), act.clone(), act.clone(), act);
    let (b1, b2, b3, b4) = (base.clone(), base.clone(), base.clone(), base);
    let role_words = roles.iter().map(|r| i18n::role(r)).collect::<Vec<_>>().join(", ");
    let roles_for_toggle = roles.clone();
    view! {
        <tr class:disabled=disabled>
            <td><code>{login.clone()}</code>{disabled.then(|| format!(" ({})", T.disabled))}</td>
            <td>{user["name"].as_str().unwrap_or("").to_string()}</td>
            <td>{role_words}
                <details><summary>{"изменить роли"}</summary>
                    {ROLES.into_iter().map(|r| {
                        let id = format!("role-{login}-{r}");
                        let on = roles_for_toggle.iter().any(|x| x == r);
                        let current = roles_for_toggle.clone();
                        let a = a1.clone();
                        let path = b1.clone();
                        view! {
                            <input type="checkbox" id=id.clone() checked=on on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                let mut next: Vec<String> = current.iter().filter(|x| *x != r).cloned().collect();
                                if checked { next.push(r.to_string()); }
                                a("patch", path.clone(), json!({ "roles": next }));
                            } />
                            <label for=id class="check">{i18n::role(r)}</label>
                        }
                    }).collect_view()}
                </details>
            </td>
            <td>{departments.join(", ")}</td>
            <td>
                <button type="button" class="small" on:click=move |_| a2("patch", b2.clone(), json!({ "disabled": !disabled }))>{if disabled { T.enable } else { T.disable }}</button>
                <button type="button" class="small" on:click=move |_| a3("post", format!("{b3}/password"), json!({}))>{T.reset_password}</button>
                <button type="button" class="small danger" on:click=move |_| a4("delete", b4.clone(), json!({}))>{T.remove}</button>
            </td>
        </tr>
    }
}
