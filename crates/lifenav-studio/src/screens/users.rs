//! Staff accounts, for admins: create one (its password is shown once), change roles and
//! departments, disable, give a new password, delete.

use crate::api;
use crate::i18n::{self, T};
use crate::screens::failure;
use crate::session::use_session;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lifenav_core::ItemKind;
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
    // No role is ticked for a new account: an admin gives each one on purpose.
    let roles = RwSignal::new(Vec::<String>::new());
    let departments = RwSignal::new(Vec::<String>::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let reload = reload.clone();
        let body = json!({
            "login": login.get_untracked().trim(), "name": name.get_untracked().trim(), "roles": roles.get_untracked(),
            "departments": departments.get_untracked(),
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
                    roles.set(Vec::new());
                    departments.set(Vec::new());
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
                <DepartmentPicker id="new-departments".to_string() chosen=departments />
                <button type="submit" class="primary">{T.create_user}</button>
            </fieldset>
        </form>
    }
}

/// Departments chosen from the catalog's list by their names, with a search over them:
/// never typed as ids.
#[component]
fn DepartmentPicker(id: String, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let ws = use_workspace();
    let query = RwSignal::new(String::new());
    let all = move || {
        ws.checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.items
                        .iter()
                        .filter(|i| i.kind == ItemKind::Department)
                        .map(|i| (i.id.clone(), i.title.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let shown = move || {
        let q = query.get().to_lowercase();
        all()
            .into_iter()
            .filter(|(d, t)| q.is_empty() || t.to_lowercase().contains(&q) || chosen.with(|c| c.contains(d)))
            .collect::<Vec<_>>()
    };
    let search_id = format!("{id}-search");
    let fieldset_id = id.clone();
    let legend = format!("{}: для ответов на отзывы", T.departments);
    view! {
        <fieldset class="department-picker" id=fieldset_id>
            <legend>{legend}</legend>
            <label for=search_id.clone()>{"Найти ведомство"}</label>
            <input id=search_id type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
            <ul class="picker-options">
                {move || shown().into_iter().map(|(dept, title)| {
                    let box_id = format!("{}-{dept}", id);
                    let d = dept.clone();
                    view! {
                        <li>
                            <input type="checkbox" id=box_id.clone() prop:checked=move || chosen.with(|c| c.contains(&d))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let dept = dept.clone();
                                    chosen.update(|c| { c.retain(|x| *x != dept); if on { c.push(dept); } });
                                } />
                            <label for=box_id class="check">{title}</label>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </fieldset>
    }
}

/// What staff call a department in the list of accounts: its name, not its id.
fn department_names(ids: &[String]) -> String {
    let ws = use_workspace();
    ws.checked.with_untracked(|c| {
        ids.iter()
            .map(|d| {
                c.as_ref()
                    .and_then(|c| c.items.iter().find(|i| i.kind == ItemKind::Department && i.id == *d))
                    .map(|i| i.title.clone())
                    .unwrap_or_else(|| d.clone())
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
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
    let (a1, a2, a3, a4, a5) = (act.clone(), act.clone(), act.clone(), act.clone(), act);
    let (b1, b2, b3, b4, b5) = (base.clone(), base.clone(), base.clone(), base.clone(), base);
    let chosen = RwSignal::new(departments.clone());
    // Disabling and deleting an account ask first: a colleague loses their access.
    let asking = RwSignal::new(None::<(&'static str, String)>);
    let picker_id = format!("departments-{login}");
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
            <td>{department_names(&departments)}
                <details><summary>{"изменить ведомства"}</summary>
                    <DepartmentPicker id=picker_id chosen />
                    <button type="button" class="small" on:click=move |_| a5("patch", b5.clone(), json!({ "departments": chosen.get_untracked() }))>{"Сохранить ведомства"}</button>
                </details>
            </td>
            <td>
                <button type="button" class="small" on:click={
                    let login = login.clone();
                    move |_| {
                        if disabled {
                            a2("patch", b2.clone(), json!({ "disabled": false }));
                        } else {
                            asking.set(Some(("disable", format!("Отключить учётную запись «{login}»? Сотрудник не сможет войти, пока её не включат."))));
                        }
                    }
                }>{if disabled { T.enable } else { T.disable }}</button>
                <button type="button" class="small" on:click=move |_| a3("post", format!("{b3}/password"), json!({}))>{T.reset_password}</button>
                <button type="button" class="small danger" on:click={
                    let login = login.clone();
                    move |_| asking.set(Some(("delete", format!("Удалить учётную запись «{login}» насовсем? Это нельзя отменить."))))
                }>{T.remove}</button>
                {move || asking.get().map(|(what, question)| {
                    let (a, path) = (a4.clone(), b4.clone());
                    view! {
                        <div class="confirm" role="alertdialog" aria-labelledby=format!("confirm-{what}")>
                            <p id=format!("confirm-{what}")><strong>{question}</strong></p>
                            <button type="button" class="primary danger" on:click=move |_| {
                                asking.set(None);
                                if what == "delete" { a("delete", path.clone(), json!({})) } else { a("patch", path.clone(), json!({ "disabled": true })) }
                            }>{"Да, подтверждаю"}</button>
                            <button type="button" on:click=move |_| asking.set(None)>{"Отмена"}</button>
                        </div>
                    }
                })}
            </td>
        </tr>
    }
}
