//! One version, as a reviewer reads it: the author's message, the file diff, how the
//! change alters the scenarios' plans, the check; and what may be done with it now —
//! approve or send back (not one's own), publish now or at a time, withdraw, roll back.

use crate::api;
use crate::components::diff::{Diff, FileDiff};
use crate::i18n::{self, T};
use crate::screens::failure;
use crate::session::use_session;
use crate::workspace::{use_workspace, Notice};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde_json::{json, Value};

#[derive(Clone, Default)]
struct Loaded {
    version: Value,
    current: i64,
    diff: Option<Vec<FileDiff>>,
    changes: Vec<lifenav_core::edit::FieldChange>,
    impact: Option<Value>,
    check: Option<Value>,
}

#[component]
pub fn VersionScreen() -> impl IntoView {
    let params = use_params_map();
    let number = Memo::new(move |_| params.read().get("number").and_then(|n| n.parse::<i64>().ok()).unwrap_or(0));
    let loaded = RwSignal::new(None::<Loaded>);
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        let n = number.get_untracked();
        leptos::task::spawn_local(async move {
            let v = match api::get(&format!("studio/versions/{n}")).await {
                Ok(v) => v,
                Err(e) => {
                    error.set(Some(failure(&e)));
                    return;
                }
            };
            let mut l = Loaded {
                current: v["current"].as_i64().unwrap_or(0),
                version: v["version"].clone(),
                ..Loaded::default()
            };
            let diff = api::get(&format!("studio/versions/{n}/diff")).await.ok();
            l.diff = diff.as_ref().and_then(|d| serde_json::from_value(d["files"].clone()).ok());
            l.changes = diff.and_then(|d| serde_json::from_value(d["changes"].clone()).ok()).unwrap_or_default();
            l.impact = api::get(&format!("studio/versions/{n}/impact")).await.ok();
            l.check = api::get(&format!("studio/versions/{n}/check")).await.ok();
            loaded.set(Some(l));
        });
    };
    Effect::new(move |_| {
        number.track();
        reload();
    });
    view! {
        <h1>{move || format!("{} {}", T.version, number.get())}</h1>
        <p><A href=crate::links::href("/versions")>{T.versions}</A></p>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        {move || loaded.get().map(|l| {
            let v = l.version.clone();
            view! {
                <dl class="facts">
                    <dt>{T.state}</dt><dd id="version-state">{i18n::state(v["state"].as_str().unwrap_or(""))}{(v["number"].as_i64() == Some(l.current)).then(|| format!(" ({})", T.in_force))}</dd>
                    <dt>{T.message}</dt><dd>{v["message"].as_str().unwrap_or("").to_string()}</dd>
                    <dt>{T.author}</dt><dd>{v["author"].as_str().unwrap_or("").to_string()}{" · "}{v["created_at"].as_i64().map(i18n::moment).unwrap_or_default()}</dd>
                    {v["reviewer"].as_str().map(|r| view! { <dt>{T.reviewer}</dt><dd>{r.to_string()}{v["review_note"].as_str().map(|n| format!(": «{n}»"))}</dd> })}
                    {v["publish_at"].as_i64().map(|t| view! { <dt>{"Публикация"}</dt><dd>{i18n::moment(t)}</dd> })}
                    {v["published_at"].as_i64().map(|t| view! { <dt>{T.published_at}</dt><dd>{i18n::moment(t)}{v["published_by"].as_str().map(|b| format!(", {b}"))}</dd> })}
                </dl>
                <Actions version=v.clone() current=l.current error reload=reload />
                <section aria-labelledby="impact-title">
                    <h2 id="impact-title">{T.impact_title}</h2>
                    <p>{T.impact_lead}{l.impact.as_ref().and_then(|i| i["against"].as_i64()).map(|a| format!(" Сравнение с версией {a}."))}</p>
                    {l.impact.clone().map(|i| view! { <Impact scenarios=i["scenarios"].as_array().cloned().unwrap_or_default() /> })}
                </section>
                <section aria-labelledby="changes-title">
                    <h2 id="changes-title">{"Что изменено"}</h2>
                    <Sentences changes=l.changes.clone() />
                    <details class="raw-diff">
                        <summary>{"Показать изменения в исходном тексте (TOML)"}</summary>
                        <h3 id="diff-title">{T.diff_title}</h3>
                        {l.diff.clone().map(|d| view! { <Diff files=d /> })}
                    </details>
                </section>
                <section aria-labelledby="check-title">
                    <h2 id="check-title">{T.check_title}</h2>
                    {l.check.clone().map(|c| view! { <CheckOutcome check=c /> })}
                </section>
                <p><a href=format!("/api/v1/studio/versions/{}/export.zip", v["number"]) download="">{T.export_version}</a></p>
            }
        })}
    }
}

/// Each change as a sentence a reviewer reads without TOML: «Регистрация брака — пошлина:
/// 350 ₽ → 500,50 ₽», «ЗАГС — часы работы: добавлено «пн–пт 9:00–18:00»».
#[component]
fn Sentences(changes: Vec<lifenav_core::edit::FieldChange>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p>{"Изменений в полях нет."}</p> }.into_any();
    }
    view! {
        <ul class="changes">
            {changes.into_iter().map(|c| view! { <li>{i18n::change_sentence(&c)}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Actions(
    version: Value,
    current: i64,
    error: RwSignal<Option<String>>,
    reload: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let session = use_session();
    let ws = use_workspace();
    let n = version["number"].as_i64().unwrap_or(0);
    let state = version["state"].as_str().unwrap_or("").to_string();
    let author = version["author"].as_str().unwrap_or("").to_string();
    let me = session.me.get_untracked().map(|m| m.login).unwrap_or_default();
    let is_reviewer = session.has("reviewer");
    let is_author = me == author;
    let note = RwSignal::new(String::new());
    let at = RwSignal::new(String::new());
    // Publishing and rolling back change what every citizen sees: they ask first.
    let asking: RwSignal<Option<(&'static str, Value, String)>> = RwSignal::new(None);
    let act = move |what: &'static str, body: Value| {
        let reload = reload.clone();
        leptos::task::spawn_local(async move {
            match api::post(&format!("studio/versions/{n}/{what}"), &body).await {
                Ok(_) => {
                    error.set(None);
                    ws.say(Notice::Info(format!("{}: {} {n}", T.done, T.version)));
                    if what == "publish" || what == "rollback" {
                        ws.load();
                    }
                    reload();
                }
                Err(e) => error.set(Some(failure(&e))),
            }
        });
    };
    let can_review = state == "submitted" && is_reviewer;
    let can_send_back = state == "approved" && is_reviewer && !is_author;
    let can_publish = matches!(state.as_str(), "approved" | "scheduled") && (is_author || is_reviewer);
    let can_withdraw =
        matches!(state.as_str(), "submitted" | "approved" | "changes_requested") && (is_author || is_reviewer);
    let can_roll_back = state == "published" && n != current && is_reviewer;
    let (a1, a2, a5, a6, a8, confirm) = (act.clone(), act.clone(), act.clone(), act.clone(), act.clone(), act);
    let ask = move |what: &'static str, body: Value, question: String| asking.set(Some((what, body, question)));
    view! {
        <section class="actions-panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{"Действия"}</h2>
            {(can_review || can_roll_back || can_send_back).then(|| view! {
                <label for="review-note">{T.note}</label>
                <textarea id="review-note" rows="2" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            })}
            {can_review.then(|| view! {
                {is_author.then(|| view! { <p class="hint">{"Вы автор этого изменения: одобрить его должен другой проверяющий."}</p> })}
                <button type="button" class="primary" on:click=move |_| a1("approve", json!({ "note": note.get_untracked() }))>{T.approve}</button>
                <button type="button" on:click=move |_| a2("request-changes", json!({ "note": note.get_untracked() }))>{T.request_changes}</button>
            })}
            {can_send_back.then(|| view! {
                <button type="button" on:click=move |_| a8("request-changes", json!({ "note": note.get_untracked() }))>{T.request_changes}</button>
            })}
            {can_publish.then(|| view! {
                <button type="button" class="primary"
                    on:click=move |_| ask("publish", json!({}), format!("Опубликовать версию {n} сейчас? Горожане увидят изменения сразу."))>{T.publish_now}</button>
                <div class="schedule">
                    <label for="publish-at">{T.schedule_at}</label>
                    <input id="publish-at" type="datetime-local" prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
                    <button type="button" on:click=move |_| {
                        let when = at.get_untracked().replace('T', " в ");
                        ask("publish", json!({ "at": at.get_untracked() }), format!("Запланировать публикацию версии {n} на {when} (время Иркутска)?"))
                    }>{T.schedule}</button>
                </div>
            })}
            {(state == "scheduled" && (is_author || is_reviewer)).then(|| view! {
                <button type="button" on:click=move |_| a5("unschedule", json!({}))>{T.unschedule}</button>
            })}
            {can_withdraw.then(|| view! { <button type="button" class="danger" on:click=move |_| a6("withdraw", json!({}))>{T.withdraw}</button> })}
            {can_roll_back.then(|| view! {
                <p class="hint">{"Для возврата напишите причину в поле «Замечание»: она войдёт в журнал."}</p>
                <button type="button" on:click=move |_| {
                    let reason = note.get_untracked();
                    ask("rollback", json!({ "note": reason }), format!("Вернуть версию {n}? Горожане снова увидят её вместо действующей. Причина: «{reason}»."))
                }>{T.roll_back}</button>
            })}
            {move || asking.get().map(|(what, body, question)| {
                let confirm = confirm.clone();
                view! {
                    <div class="confirm" role="alertdialog" aria-modal="false" aria-labelledby="confirm-question">
                        <p id="confirm-question"><strong>{question}</strong></p>
                        <button type="button" class="primary" autofocus
                            on:click=move |_| { asking.set(None); confirm(what, body.clone()); }>{"Да, подтверждаю"}</button>
                        <button type="button" on:click=move |_| asking.set(None)>{"Отмена"}</button>
                    </div>
                }
            })}
        </section>
    }
}

fn title(ws: &crate::workspace::Workspace, kind: lifenav_core::ItemKind, id: &str) -> String {
    ws.checked.with_untracked(|c| {
        c.as_ref()
            .and_then(|c| c.items.iter().find(|i| i.kind == kind && i.id == id))
            .map(|i| format!("«{}»", i.title))
            .unwrap_or_else(|| format!("«{id}»"))
    })
}

fn money(v: &Value) -> String {
    v.as_f64().map(lifenav_core::present::fee_amount).unwrap_or_else(|| "не указана".into())
}

/// One change of a plan in words.
fn change_text(ws: &crate::workspace::Workspace, c: &Value) -> String {
    use lifenav_core::ItemKind::{Document, Service};
    let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
    let service = || title(ws, Service, &s("service"));
    let doc = || title(ws, Document, &s("doc"));
    match c["kind"].as_str().unwrap_or("") {
        "service_added" => format!("добавлена услуга {}", service()),
        "service_removed" => format!("убрана услуга {}", service()),
        "reordered" => "услуги идут в другом порядке".into(),
        "variant_changed" => format!("{}: другой вариант ({} → {})", service(), s("old"), s("new")),
        "bring_added" => format!("нужно принести {}", doc()),
        "bring_removed" => format!("больше не нужно приносить {}", doc()),
        "obtained_added" => format!("ведомство само запросит {}", doc()),
        "obtained_removed" => format!("ведомство больше не запрашивает {}", doc()),
        "fee_changed" => format!("{}: пошлина {} → {}", service(), money(&c["old"]), money(&c["new"])),
        "total_fee_changed" => format!("всего пошлин {} → {}", money(&c["old"]), money(&c["new"])),
        "deadline_changed" => format!(
            "{}: крайний срок {} → {}",
            service(),
            c["old"].as_str().unwrap_or("нет"),
            c["new"].as_str().unwrap_or("нет")
        ),
        "term_changed" => {
            let t = |v: &Value| v["ru"].as_str().or(v.as_str()).unwrap_or("не указан").to_string();
            format!("{}: срок {} → {}", service(), t(&c["old"]), t(&c["new"]))
        }
        "text_changed" => {
            let field = match s("field").as_str() {
                "title" => "название",
                "summary" => "краткое описание",
                "variant_title" => "название варианта",
                "criteria" => "условия",
                "refusal" => "основания для отказа",
                "note" => "примечание",
                _ => "текст",
            };
            let t = |k: &str| {
                let v = s(k);
                if v.is_empty() {
                    "(пусто)".to_string()
                } else {
                    format!("«{v}»")
                }
            };
            format!("{}: {field} {} → {}", service(), t("old"), t("new"))
        }
        "visits_changed" => format!("визитов {} → {}", c["old"], c["new"]),
        "questions_changed" => format!("вопросов {} → {}", c["old"], c["new"]),
        other => other.to_string(),
    }
}

#[component]
fn Impact(scenarios: Vec<Value>) -> impl IntoView {
    let ws = use_workspace();
    if scenarios.is_empty() {
        return view! { <p>{"В каталоге нет сценариев."}</p> }.into_any();
    }
    let status = |s: &Value| s["change"]["status"].as_str().unwrap_or("").to_string();
    let changed = scenarios.iter().filter(|s| status(s) != "unchanged").count();
    let total = scenarios.len();
    // By situation, as citizens meet the plans; named once the draft's check has the
    // titles (the page may open before it finishes).
    let grouped = move || {
        ws.checked.track();
        let mut by_situation: Vec<(String, Vec<Value>)> = Vec::new();
        for sc in scenarios.iter().cloned() {
            let situation = title(&ws, lifenav_core::ItemKind::Situation, sc["situation"].as_str().unwrap_or(""));
            match by_situation.iter_mut().find(|(t, _)| *t == situation) {
                Some((_, list)) => list.push(sc),
                None => by_situation.push((situation, vec![sc])),
            }
        }
        by_situation
    };
    view! {
        <p id="impact-summary">{format!("Изменятся планы {changed} из {}.", i18n::counted(total as i64, ["сценария", "сценариев", "сценариев"]))}</p>
        {move || grouped().into_iter().map(|(situation, list)| view! {
            <h3 class="impact-situation">{situation}</h3>
            <ul class="impact">
                {list.into_iter().map(|s| {
                    let name = format!("«{}»", s["name"].as_str().unwrap_or(""));
                    let detail = &s["change"]["detail"];
                    let st = status(&s);
                    let body = match st.as_str() {
                        "unchanged" => view! { <span class="tag">{T.unchanged}</span> }.into_any(),
                        "changed" => view! { <ul>{detail.as_array().cloned().unwrap_or_default().iter().map(|c| view! { <li>{change_text(&ws, c)}</li> }).collect_view()}</ul> }.into_any(),
                        _ => {
                            let reasons = |side: &str| detail[side].as_array().map(|a| a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join("; ")).unwrap_or_default();
                            let why = [("было", reasons("old")), ("стало", reasons("new"))].into_iter()
                                .filter(|(_, r)| !r.is_empty()).map(|(w, r)| format!("{w}: {r}")).collect::<Vec<_>>().join("; ");
                            view! { <span class="tag error">{format!("{} — {why}", T.broken)}</span> }.into_any()
                        }
                    };
                    let class = if st == "unchanged" { "same" } else { "changed" };
                    view! { <li class=class><strong>{name}</strong>{" "}{body}</li> }
                }).collect_view()}
            </ul>
        }).collect_view()}
    }
    .into_any()
}

#[component]
fn CheckOutcome(check: Value) -> impl IntoView {
    let failing: Vec<Value> = check["scenarios"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|s| s["failures"].as_array().is_some_and(|f| !f.is_empty()))
        .collect();
    let errors: Vec<String> = check["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p["severity"] == "error")
        .filter_map(|p| p["text"].as_str().map(str::to_string))
        .collect();
    view! {
        <p>{format!("{} {}, {} {}; сценариев: {}, не проходят: {}.", check["errors"], T.errors, check["warnings"], T.warnings,
            check["scenarios"].as_array().map_or(0, Vec::len), check["scenarios_failed"])}</p>
        {(!errors.is_empty()).then(|| view! { <ul class="problems">{errors.into_iter().map(|e| view! { <li class="problem error"><code>{e}</code></li> }).collect_view()}</ul> })}
        {(!failing.is_empty()).then(|| view! { <ul class="problems">{failing.into_iter().map(|s| view! {
            <li class="problem error"><strong>{format!("«{}»", s["name"].as_str().unwrap_or(""))}</strong>
                <ul>{s["failures"].as_array().cloned().unwrap_or_default().into_iter().map(|f| view! { <li>{f.as_str().unwrap_or("").to_string()}</li> }).collect_view()}</ul></li>
        }).collect_view()}</ul> })}
    }
}
