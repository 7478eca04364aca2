//! One item: its form (every field of the format), its file as TOML for those who prefer
//! text, and where it is used. The check's problems about it are listed at the top and
//! under their fields; `?field=` opens the item at a field (the links of the problems).

use crate::components::fields::{all, Fields, FormCtx};
use crate::components::problem_list::ProblemList;
use crate::i18n::{self, T};
use crate::links::{self, kind_of_slug};
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use lifenav_core::edit::{self, Item};
use lifenav_core::ItemKind;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Form,
    Source,
    Usage,
}

#[component]
pub fn Editor() -> impl IntoView {
    let ws = use_workspace();
    let params = use_params_map();
    let query = use_query_map();
    let kind = Memo::new(move |_| params.read().get("kind").and_then(|k| kind_of_slug(&k)));
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    // The form is built once per item: a changed title (or any other check) must not
    // rebuild it under the editor's cursor, so the item is matched without its title.
    let item = Memo::new(move |_| {
        let (k, id) = (kind.get()?, id.get());
        ws.checked.with(|c| {
            c.as_ref()?
                .items
                .iter()
                .find(|i| i.kind == k && i.id == id)
                .map(|i| Item { title: String::new(), ..i.clone() })
        })
    });
    let tab = RwSignal::new(Tab::Form);
    let field = Memo::new(move |_| query.read().get("field"));
    Effect::new(move |_| {
        if field.get().as_deref() == Some("source") {
            tab.set(Tab::Source);
        } else if field.get().is_some() {
            tab.set(Tab::Form);
        }
    });
    view! {
        {move || match item.get() {
            None => view! {
                <h1>{move || kind.get().map(|k| i18n::kind_name(k).0).unwrap_or("")}{" "}<code>{id.get()}</code></h1>
                <p role="status">{move || if ws.checked.with(Option::is_none) { T.checking } else { "Такого элемента в черновике нет." }}</p>
            }.into_any(),
            Some(item) => view! { <ItemEditor item tab field /> }.into_any(),
        }}
    }
}

#[component]
fn ItemEditor(item: Item, tab: RwSignal<Tab>, field: Memo<Option<String>>) -> impl IntoView {
    let ws = use_workspace();
    let file = item.file.clone();
    let (kind, id) = (item.kind, item.id.clone());
    let problems = Signal::derive({
        let id = id.clone();
        move || {
            ws.checked.with(|c| {
                c.as_ref()
                    .map(|c| {
                        c.diagnostics
                            .iter()
                            .filter_map(|d| {
                                let (k, i, f) = links::target(&d.path, d.file.as_deref(), &c.items)?;
                                (k == kind && i == id).then(|| {
                                    (format!("field-{f}").trim_end_matches('-').to_string(), d.message.clone())
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            })
        }
    });
    let ctx = FormCtx::new(file.clone(), item.at.len(), problems);
    let dirty = {
        let f = file.clone();
        Memo::new(move |_| ws.draft.with(|d| d.is_dirty(&f)))
    };
    // A memo, so that the form is rebuilt only when the file stops (or starts) reading as
    // TOML, not at every keystroke: rebuilding it took the focus out of the field being typed in.
    let readable = Memo::new(move |_| ctx.doc.with(Option::is_some));
    scroll_to_field(field);
    let (save_file, revert_file, f_for_problems) = (file.clone(), file.clone(), file.clone());
    let title = {
        let (file, at) = (item.file.clone(), item.at.clone());
        move || {
            ws.checked.with(|c| {
                c.as_ref()
                    .and_then(|c| c.items.iter().find(|i| i.file == file && i.at == at).map(|i| i.title.clone()))
                    .unwrap_or_default()
            })
        }
    };
    let at = item.at.clone();
    view! {
        <h1>{format!("{}: ", i18n::kind_name(kind).0)}{let id = id.clone(); move || { let t = title(); if t.is_empty() { id.clone() } else { t } }}</h1>
        <p class="meta">
            {move || dirty.get().then(|| view! { <span class="tag unsaved">{T.unsaved}</span> })}
        </p>
        <div class="actions">
            <button type="button" class="primary" disabled=move || !dirty.get()
                on:click=move |_| { let f = save_file.clone(); leptos::task::spawn_local(async move { ws.save(f).await; }); }>{T.save}</button>
            <button type="button" disabled=move || !dirty.get() on:click=move |_| ws.revert(&revert_file)>{T.revert}</button>
            <DeleteItem item=item.clone() />
        </div>
        <Conflict file=file.clone() />
        <FieldConflicts file=file.clone() at=at.clone() />
        {(kind == ItemKind::Scenario).then(|| view! { <ScenarioCheck file=file.clone() name=id.clone() /> })}
        <section aria-labelledby="item-problems">
            <h2 id="item-problems">{T.problems}</h2>
            <ProblemList keep=move |d: lifenav_core::Diagnostic| {
                ws.checked.with_untracked(|c| c.as_ref().and_then(|c| links::target(&d.path, d.file.as_deref(), &c.items)))
                    .is_some_and(|(k, i, _)| k == kind && i == id)
                    || (d.path.is_empty() && d.file.as_deref() == Some(f_for_problems.as_str()))
            } />
        </section>
        <div class="tabs" role="tablist" aria-label="Вид">
            {[(Tab::Form, T.tab_form), (Tab::Source, T.tab_source), (Tab::Usage, T.tab_usage)].into_iter().map(|(t, name)| view! {
                <button type="button" role="tab" aria-selected=move || (tab.get() == t).to_string()
                    class:active=move || tab.get() == t on:click=move |_| tab.set(t)>{name}</button>
            }).collect_view()}
        </div>
        <div role="tabpanel" class="panel">
            {move || match tab.get() {
                Tab::Form if !readable.get() => view! { <p class="notice error">{T.not_toml}</p> }.into_any(),
                Tab::Form => view! {
                    <Contents kind />
                    <form class="item-form" on:submit=|ev| ev.prevent_default()>
                        <Fields ctx base=at.clone() specs=all(edit::schema(kind)) />
                    </form>
                }.into_any(),
                Tab::Source => view! { <Source file=file.clone() /> }.into_any(),
                Tab::Usage => view! { <Usage kind id=item.id.clone() /> }.into_any(),
            }}
        </div>
    }
}

/// Opens the form at the field a link names: the deepest part of the path that is on the
/// page, with every folded section around it opened.
fn scroll_to_field(field: Memo<Option<String>>) {
    Effect::new(move |_| {
        let Some(f) = field.get().filter(|f| f != "source") else { return };
        request_animation_frame(move || {
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
            let mut parts: Vec<&str> = f.split('-').collect();
            while !parts.is_empty() {
                let id = format!("field-{}", parts.join("-"));
                if let Some(el) = doc.get_element_by_id(&id) {
                    let mut up = el.parent_element();
                    while let Some(p) = up {
                        if p.tag_name().eq_ignore_ascii_case("details") {
                            let _ = p.set_attribute("open", "");
                        }
                        up = p.parent_element();
                    }
                    el.scroll_into_view();
                    let focusable = el
                        .query_selector("input, select, textarea, button")
                        .ok()
                        .flatten()
                        .or_else(|| Some(el.clone()))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(e) = focusable {
                        let _ = e.focus();
                    }
                    return;
                }
                parts.pop();
            }
        });
    });
}

/// The fields of this item that a colleague and the editor both changed: the value
/// before, theirs and mine, and the choice. Everything else was merged.
#[component]
fn FieldConflicts(file: String, at: Vec<lifenav_core::diagnostic::Seg>) -> impl IntoView {
    use lifenav_core::edit::merge::Pick;
    let ws = use_workspace();
    let f = file.clone();
    let mine = move || {
        ws.draft.with(|d| {
            let (fields, by) = d.field_conflicts(&f);
            let fields: Vec<_> = fields.iter().filter(|c| c.path.0.starts_with(&at)).cloned().collect();
            (fields, by.to_string())
        })
    };
    view! {
        {move || {
            let (fields, by) = mine();
            let file = file.clone();
            (!fields.is_empty()).then(|| view! {
                <section class="conflict" role="alert" aria-labelledby="field-conflict-title">
                    <h2 id="field-conflict-title">{T.field_conflict_title}{(!by.is_empty()).then(|| format!(" ({by})"))}</h2>
                    <p>{T.field_conflict_lead}</p>
                    {fields.into_iter().map(|c| {
                        let label = c.path.0.iter().rev().find_map(|s| match s {
                            lifenav_core::diagnostic::Seg::Key(k) if k != "ru" && k != "en" => Some(i18n::label(k)),
                            _ => None,
                        }).unwrap_or("");
                        let shown = |p: Pick| c.shown(p).unwrap_or_else(|| T.value_empty.to_string());
                        let (f1, f2, f3) = (file.clone(), file.clone(), file.clone());
                        let (p1, p2, p3) = (c.path.clone(), c.path.clone(), c.path.clone());
                        view! {
                            <div class="field-conflict">
                                <h3>{label}</h3>
                                <dl>
                                    <dt>{T.value_before}</dt><dd>{shown(Pick::Before)}</dd>
                                    <dt>{T.value_theirs}</dt><dd>{shown(Pick::Theirs)}</dd>
                                    <dt>{T.value_mine}</dt><dd>{shown(Pick::Mine)}</dd>
                                </dl>
                                <button type="button" class="primary" on:click=move |_| ws.pick(&f1, &p1, Pick::Mine)>{T.pick_mine}</button>
                                <button type="button" on:click=move |_| ws.pick(&f2, &p2, Pick::Theirs)>{T.pick_theirs}</button>
                                <button type="button" on:click=move |_| ws.pick(&f3, &p3, Pick::Before)>{T.pick_before}</button>
                            </div>
                        }
                    }).collect_view()}
                </section>
            })
        }}
    }
}

/// The sections of a long form (fee, documents, variants, channels…), each a button that
/// takes the editor there: a service's form is long, and staff look for one part of it.
#[component]
fn Contents(kind: ItemKind) -> impl IntoView {
    use lifenav_core::edit::FieldType;
    let sections: Vec<(&'static str, String)> = edit::schema(kind)
        .iter()
        .filter(|f| matches!(f.ty, FieldType::Table | FieldType::TableList))
        .map(|f| (f.key, i18n::label(f.key).to_string()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    (sections.len() >= 3).then(|| {
        view! {
            <nav class="contents" aria-label="Разделы формы">
                <h2 class="sr-only">{"Разделы формы"}</h2>
                <ul>
                    {sections.into_iter().map(|(key, label)| {
                        let target = format!("field-{key}");
                        view! {
                            <li><button type="button" class="link" on:click=move |_| {
                                let el = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&target));
                                if let Some(el) = el {
                                    el.scroll_into_view();
                                    if let Some(legend) = el.query_selector("legend").ok().flatten() {
                                        let _ = legend.set_attribute("tabindex", "-1");
                                        if let Ok(l) = legend.dyn_into::<web_sys::HtmlElement>() {
                                            let _ = l.focus();
                                        }
                                    }
                                }
                            }>{label}</button></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// What a scenario's expectations are called on its screen.
fn expectation_label(key: &str) -> &'static str {
    match key {
        "services" => "Услуги по порядку",
        "variants" => "Варианты услуг",
        "bring" => "Что взять с собой",
        "obtained" => "Что ведомства запросят сами",
        "received" => "Документы с прежних шагов",
        "questions" => "Сколько вопросов",
        "asked" => "Вопросы по порядку",
        "visits" => "Визитов",
        "total_fee" => "Пошлины всего",
        "deadlines" => "Крайние сроки",
        "starts" => "Начало шагов",
        "next" => "Что может понадобиться дальше",
        _ => "Другое ожидание",
    }
}

/// A scenario against the draft: whether it passes, and if not, «Обновить сценарий по
/// новому плану» shows what would change in it and changes it in one click.
#[component]
fn ScenarioCheck(file: String, name: String) -> impl IntoView {
    let ws = use_workspace();
    let proposal: RwSignal<Option<Result<lifenav_core::scenario::Refresh, String>>> = RwSignal::new(None);
    let (f, n) = (file.clone(), name.clone());
    let failures = move || {
        ws.checked.with(|c| {
            c.as_ref().map(|c| {
                let mine = c.scenarios.iter().find(|(sn, sf, _)| *sn == n && *sf == f).map(|s| s.2.clone());
                (c.engine.is_some(), mine.unwrap_or_default())
            })
        })
    };
    let (f2, n2) = (file.clone(), name);
    let propose = move |_: leptos::ev::MouseEvent| {
        let engine = ws.checked.with_untracked(|c| c.as_ref().and_then(|c| c.engine.clone()));
        let text = ws.draft.with_untracked(|d| d.text(&f2).map(str::to_string));
        let result = match (engine, text) {
            (Some(e), Some(t)) => lifenav_core::scenario::refresh(&e, &t, &n2),
            _ => Err("сначала исправьте ошибки черновика: сценарии проверяются на черновике без ошибок".into()),
        };
        proposal.set(Some(result));
    };
    let apply_file = file;
    view! {
        <section class="scenario-check" aria-labelledby="scenario-check-title">
            <h2 id="scenario-check-title">{"Проверка сценария"}</h2>
            {move || match failures() {
                None => view! { <p role="status">{T.checking}</p> }.into_any(),
                Some((false, _)) => view! { <p>{"Сценарии проверяются, когда в черновике нет ошибок."}</p> }.into_any(),
                Some((true, f)) if f.is_empty() => view! { <p class="ok">{"Сценарий проходит: план совпадает с ожидаемым."}</p> }.into_any(),
                Some((true, f)) => view! {
                    <p class="error">{"Сценарий не проходит:"}</p>
                    <ul class="field-problems">{f.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                    <button type="button" class="primary" on:click=propose.clone()>{"Обновить сценарий по новому плану"}</button>
                }.into_any(),
            }}
            {move || proposal.get().map(|p| match p {
                Err(e) => view! { <p class="notice error" role="alert">{e}</p> }.into_any(),
                Ok(r) if r.changes.is_empty() => view! { <p role="status">{"Менять нечего: сценарий уже совпадает с планом."}</p> }.into_any(),
                Ok(r) => {
                    let (text, file) = (r.text.clone(), apply_file.clone());
                    view! {
                        <div class="refresh" role="region" aria-label="Что изменится в сценарии">
                            <h3>{"Что изменится в сценарии"}</h3>
                            <table class="refresh-changes">
                                <thead><tr><th scope="col">{"Ожидание"}</th><th scope="col">{"Было"}</th><th scope="col">{"Станет"}</th></tr></thead>
                                <tbody>{r.changes.into_iter().map(|c| view! {
                                    <tr><th scope="row">{expectation_label(&c.key)}</th><td>{c.before}</td><td>{c.after}</td></tr>
                                }).collect_view()}</tbody>
                            </table>
                            <button type="button" class="primary" on:click=move |_| { ws.edit(&file, text.clone()); proposal.set(None); }>{"Обновить сценарий"}</button>
                            <button type="button" on:click=move |_| proposal.set(None)>{"Отмена"}</button>
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// A save that met someone else's change: both texts, and the choice.
#[component]
fn Conflict(file: String) -> impl IntoView {
    let ws = use_workspace();
    let f = file.clone();
    let theirs = move || ws.draft.with(|d| d.conflict(&f).cloned());
    let f2 = file.clone();
    let mine = move || ws.draft.with(|d| d.text(&f2).unwrap_or("").to_string());
    let (keep, take) = (file.clone(), file);
    view! {
        {move || theirs().map(|t| {
            let (keep, take) = (keep.clone(), take.clone());
            view! {
                <section class="conflict" role="alert" aria-labelledby="conflict-title">
                    <h2 id="conflict-title">{T.conflict_title}{(!t.by.is_empty()).then(|| format!(" ({})", t.by))}</h2>
                    <p>{T.conflict_lead}</p>
                    <div class="both">
                        <div>
                            <h3>{T.mine}</h3>
                            <pre class="code" tabindex="0" aria-label=T.mine>{mine()}</pre>
                        </div>
                        <div>
                            <h3>{T.theirs}</h3>
                            <pre class="code" tabindex="0" aria-label=T.theirs>{t.text.clone().unwrap_or_else(|| T.theirs_deleted.to_string())}</pre>
                        </div>
                    </div>
                    <button type="button" class="primary" on:click=move |_| ws.keep_mine(&keep)>{T.keep_mine}</button>
                    <button type="button" on:click=move |_| ws.take_theirs(&take)>{T.take_theirs}</button>
                </section>
            }
        })}
    }
}

/// The whole file as TOML, checked as it is typed like the forms.
#[component]
fn Source(file: String) -> impl IntoView {
    let ws = use_workspace();
    let f = file.clone();
    let text = move || ws.draft.with(|d| d.text(&f).unwrap_or("").to_string());
    let f2 = file.clone();
    view! {
        <label for="source">{T.source_label}{": "}<code>{file.clone()}</code></label>
        <textarea id="source" class="code source" spellcheck="false" rows="28"
            prop:value=text on:input=move |ev| ws.edit(&f2, event_target_value(&ev))></textarea>
        <h2>{"Проблемы в этом файле"}</h2>
        <ProblemList keep=move |d: lifenav_core::Diagnostic| d.file.as_deref() == Some(file.as_str()) />
    }
}

#[component]
fn DeleteItem(item: Item) -> impl IntoView {
    let ws = use_workspace();
    let confirm = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let whole_file = item.at.is_empty();
    let remove = Callback::new(move |_: ()| {
        if whole_file {
            ws.delete(&item.file);
        } else if let Some((lifenav_core::diagnostic::Seg::Index(i), list)) =
            item.at.split_last().map(|(l, rest)| (l.clone(), rest.to_vec()))
        {
            ws.update(&item.file, |text| {
                let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
                edit::remove(&mut doc, &list, i).map_err(|e| e.to_string())?;
                Ok(doc.to_string())
            });
        }
        ws.run_check();
        navigate(&format!("/items/{}", links::kind_slug(item.kind)), Default::default());
    });
    let deletable = item.kind != ItemKind::Meta;
    view! {
        <Show when=move || deletable>
            <Show when=move || confirm.get()
                fallback=move || view! { <button type="button" class="danger" on:click=move |_| confirm.set(true)>{T.delete_item}</button> }>
                <span role="alert">{"Удалить? Изменение нужно будет сохранить."}</span>
                <button type="button" class="danger" on:click=move |_| remove.run(())>{"Да, удалить"}</button>
                <button type="button" on:click=move |_| confirm.set(false)>{"Нет"}</button>
            </Show>
        </Show>
    }
}

/// Where an item is used, from the core's `usage` on the last checked draft.
#[component]
fn Usage(kind: ItemKind, id: String) -> impl IntoView {
    let ws = use_workspace();
    let rows = move || -> Vec<(ItemKind, String, String)> {
        let Some(catalog) = ws.catalog.get() else { return Vec::new() };
        let u = lifenav_core::usage(&catalog);
        let title_of = |k: ItemKind, i: &str| -> String {
            ws.checked.with_untracked(|c| {
                c.as_ref()
                    .and_then(|c| c.items.iter().find(|x| x.kind == k && x.id == i).map(|x| x.title.clone()))
                    .unwrap_or_default()
            })
        };
        let mut out = Vec::new();
        match kind {
            ItemKind::Service => {
                for inc in u.situations_of_service(&id) {
                    let note = inc.when.clone().map(|w| format!("когда {w}")).unwrap_or_default();
                    out.push((
                        ItemKind::Situation,
                        inc.situation.clone(),
                        format!("{} {note}", title_of(ItemKind::Situation, &inc.situation)),
                    ));
                }
            }
            ItemKind::Document => {
                for d in u.services_needing(&id) {
                    out.push((
                        ItemKind::Service,
                        d.service.clone(),
                        format!("нужен: {}", title_of(ItemKind::Service, &d.service)),
                    ));
                }
                for d in u.services_producing(&id) {
                    out.push((
                        ItemKind::Service,
                        d.service.clone(),
                        format!("выдаёт: {}", title_of(ItemKind::Service, &d.service)),
                    ));
                }
            }
            ItemKind::Department => {
                for d in u.services_of_department(&id) {
                    out.push((ItemKind::Service, d.service.clone(), title_of(ItemKind::Service, &d.service)));
                }
            }
            ItemKind::Question => {
                for r in u.readers_of_question(&id) {
                    let (k, i) = (r.item.0, r.item.1.clone());
                    out.push((k, i.clone(), format!("{}: {} — {}", i18n::kind_name(k).0, title_of(k, &i), r.when)));
                }
            }
            _ => {}
        }
        out.sort();
        out.dedup();
        out
    };
    view! {
        <h2>{T.used_in}</h2>
        {move || {
            let r = rows();
            if r.is_empty() {
                view! { <p>{T.used_nowhere}</p> }.into_any()
            } else {
                view! { <ul>{r.into_iter().map(|(k, i, text)| view! {
                    <li><A href=crate::links::href(&links::edit_href(k, &i, None))>{text}</A>{" "}<code>{i.clone()}</code></li>
                }).collect_view()}</ul> }.into_any()
            }
        }}
    }
}
