//! The items of one kind (situations, services, questions, documents, departments,
//! scenarios, the catalog's description), or everything matching a search; each with
//! its problems and whether it has unsaved or unpublished changes. New items start here.

use crate::i18n::{self, T};
use crate::links::{self, kind_of_slug};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use lifenav_core::edit::Item;
use lifenav_core::ItemKind;

fn matches(item: &Item, q: &str) -> bool {
    let q = q.trim().to_lowercase();
    q.is_empty() || item.title.to_lowercase().contains(&q) || item.id.to_lowercase().contains(&q)
}

#[component]
pub fn ItemList() -> impl IntoView {
    let ws = use_workspace();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("kind").unwrap_or_default();
    let kind = move || kind_of_slug(&slug());
    let filter = RwSignal::new(query.read_untracked().get("q").unwrap_or_default());
    Effect::new(move |_| filter.set(query.read().get("q").unwrap_or_default()));
    let title = move || match kind() {
        Some(k) => i18n::kind_name(k).1.to_string(),
        None => format!("Поиск: «{}»", filter.get()),
    };
    let rows = move || {
        let k = kind();
        let q = filter.get();
        let changed = ws.differs_from_published();
        ws.checked.with(|c| {
            let Some(c) = c else { return Vec::new() };
            c.items
                .iter()
                .filter(|i| i.kind != ItemKind::Category)
                .filter(|i| k.is_none_or(|k| i.kind == k))
                .filter(|i| matches(i, &q))
                .map(|i| {
                    let problems = c
                        .diagnostics
                        .iter()
                        .filter(|d| {
                            links::target(&d.path, d.file.as_deref(), &c.items)
                                .is_some_and(|(kk, id, _)| kk == i.kind && id == i.id)
                        })
                        .count();
                    let dirty = ws.draft.with(|d| d.is_dirty(&i.file));
                    (i.clone(), problems, dirty, changed.contains(&i.file))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>{title}</h1>
        <div class="toolbar">
            <label for="filter">{"Найти в списке"}</label>
            <input id="filter" type="search" prop:value=move || filter.get() on:input=move |ev| filter.set(event_target_value(&ev)) />
            {move || kind().filter(|k| creatable(*k)).map(|k| view! { <NewItem kind=k /> })}
        </div>
        <table class="items">
            <thead><tr><th scope="col">{"Название"}</th><th scope="col">{"Идентификатор"}</th><th scope="col">{T.file}</th><th scope="col">{"Состояние"}</th></tr></thead>
            <tbody>
                {move || rows().into_iter().map(|(item, problems, dirty, changed)| {
                    let href = links::edit_href(item.kind, &item.id, None);
                    let name = if item.title.is_empty() { item.id.clone() } else { item.title.clone() };
                    let kind_word = if kind().is_none() { format!("{}: ", i18n::kind_name(item.kind).0) } else { String::new() };
                    view! {
                        <tr>
                            <td>{kind_word}<A href=crate::links::href(&href)>{name}</A></td>
                            <td><code>{item.id.clone()}</code></td>
                            <td><code>{item.file.clone()}</code></td>
                            <td>
                                {(problems > 0).then(|| view! { <span class="tag error">{format!("проблем: {problems}")}</span> })}
                                {dirty.then(|| view! { <span class="tag unsaved">{T.unsaved}</span> })}
                                {changed.then(|| view! { <span class="tag changed">{"изменено в черновике"}</span> })}
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn creatable(kind: ItemKind) -> bool {
    matches!(
        kind,
        ItemKind::Situation | ItemKind::Service | ItemKind::Question | ItemKind::Document | ItemKind::Department
    )
}

/// Where a new item of a kind is written, and its first text.
fn new_item(
    kind: ItemKind,
    id: &str,
    items: &[Item],
    draft: &lifenav_core::draft::Draft,
) -> Result<(String, String), String> {
    let list_file = |role: &str| {
        let single = format!("{role}.toml");
        if draft.text(&single).is_some() {
            single
        } else {
            draft.paths().find(|p| p.starts_with(&format!("{role}/"))).map(str::to_string).unwrap_or(single)
        }
    };
    let first_category = items.iter().find(|i| i.kind == ItemKind::Category).map(|i| i.id.clone()).unwrap_or_default();
    let append = |file: String, block: String| {
        let text = draft.text(&file).unwrap_or("").to_string();
        let sep = if text.is_empty() || text.ends_with("\n\n") {
            ""
        } else if text.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        (file, format!("{text}{sep}{block}"))
    };
    Ok(match kind {
        ItemKind::Situation => (
            format!("situations/{id}.toml"),
            format!("id = \"{id}\"\ntitle = \"\"\nsummary = \"\"\ncategory = \"{first_category}\"\n\n[[services]]\nservice = \"\"\n"),
        ),
        ItemKind::Service => (
            format!("services/{id}.toml"),
            format!("id = \"{id}\"\ntitle = \"\"\nlevel = \"municipal\"\nprovider = \"\"\n\n[[legal_basis]]\ntitle = \"\"\n"),
        ),
        ItemKind::Question => append(list_file("questions"), format!("[[question]]\nid = \"{id}\"\nkind = \"yes_no\"\ntext = \"\"\n")),
        ItemKind::Document => append(list_file("documents"), format!("[[document]]\nid = \"{id}\"\ntitle = \"\"\n")),
        ItemKind::Department => append(list_file("departments"), format!("[[department]]\nid = \"{id}\"\nname = \"\"\n")),
        _ => return Err("этот вид создаётся иначе".into()),
    })
}

#[component]
fn NewItem(kind: ItemKind) -> impl IntoView {
    let ws = use_workspace();
    let navigate = use_navigate();
    let id = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input_id = format!("new-{}", links::kind_slug(kind));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new_id = id.get_untracked().trim().to_string();
        let ok = !new_id.is_empty()
            && new_id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            error.set(Some("Идентификатор — маленькие латинские буквы, цифры, «-» и «_».".into()));
            return;
        }
        let exists = ws
            .checked
            .with_untracked(|c| c.as_ref().is_some_and(|c| c.items.iter().any(|i| i.kind == kind && i.id == new_id)));
        if exists {
            error.set(Some(format!("«{new_id}» уже есть.")));
            return;
        }
        let items = ws.checked.with_untracked(|c| c.as_ref().map(|c| c.items.clone()).unwrap_or_default());
        match ws.draft.with_untracked(|d| new_item(kind, &new_id, &items, d)) {
            Ok((file, text)) => {
                ws.edit(&file, text);
                ws.run_check();
                navigate(&links::edit_href(kind, &new_id, None), Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="new-item" on:submit=create>
            <label for=input_id.clone()>{format!("{} {}: {}", T.new_item, i18n::kind_name(kind).0.to_lowercase(), T.new_id)}</label>
            <input id=input_id prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev)) />
            <button type="submit">{T.create}</button>
            {move || error.get().map(|e| view! { <p class="field-problems" role="alert">{e}</p> })}
        </form>
    }
}
