//! Citizens' ratings for a department's responders: what must be answered first on top
//! (overdue, then due soonest), with the due day; an answer (public, with an excerpt of
//! the comment the responder chose, or for the citizen alone), "resolved", or "not a
//! matter for us" passed to the department it concerns.

use crate::api;
use crate::i18n::{self, R};
use crate::screens::failure;
use crate::session::use_session;
use leptos::prelude::*;
use lifenav_core::{Date, Lang};
use serde_json::{json, Value};

#[derive(Clone, Copy)]
struct Queue {
    items: RwSignal<Vec<Value>>,
    departments: RwSignal<Vec<(String, String)>>,
    within_days: RwSignal<i64>,
    only_overdue: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    done: RwSignal<Option<String>>,
    loaded: RwSignal<bool>,
}

impl Queue {
    fn reload(self) {
        let path = if self.only_overdue.get_untracked() { "responses?only=overdue" } else { "responses" };
        leptos::task::spawn_local(async move {
            match api::get(path).await {
                Ok(v) => {
                    self.items.set(v["items"].as_array().cloned().unwrap_or_default());
                    self.within_days.set(v["answer_within_days"].as_i64().unwrap_or(30));
                    let departments = v["departments"].as_array().cloned().unwrap_or_default();
                    self.departments.set(
                        departments
                            .iter()
                            .filter_map(|d| Some((d["id"].as_str()?.to_string(), d["name"].as_str()?.to_string())))
                            .collect(),
                    );
                    self.error.set(None);
                }
                Err(e) => self.error.set(Some(failure(&e))),
            }
            self.loaded.set(true);
        });
    }

    /// Posts an action on a rating; on success says so and reloads.
    fn act(self, path: String, body: Value, said: &'static str) {
        leptos::task::spawn_local(async move {
            match api::post(&path, &body).await {
                Ok(_) => {
                    self.done.set(Some(said.to_string()));
                    self.reload();
                }
                Err(e) => self.error.set(Some(failure(&e))),
            }
        });
    }
}

fn open(x: &Value) -> bool {
    matches!(x["status"].as_str(), Some("open" | "passed"))
}

fn day(raw: &Value) -> String {
    raw.as_str().and_then(|s| Date::parse(s).ok()).map(|d| d.human(Lang::Ru)).unwrap_or_default()
}

#[component]
pub fn Responses() -> impl IntoView {
    let session = use_session();
    let q = Queue {
        items: RwSignal::new(Vec::new()),
        departments: RwSignal::new(Vec::new()),
        within_days: RwSignal::new(30),
        only_overdue: RwSignal::new(false),
        error: RwSignal::new(None),
        done: RwSignal::new(None),
        loaded: RwSignal::new(false),
    };
    if session.has("responder") {
        q.reload();
    }
    let count = move |pred: fn(&Value) -> bool| q.items.with(|i| i.iter().filter(|x| pred(x)).count());
    view! {
        <h1>{R.title}</h1>
        <Show when=move || session.has("responder") fallback=|| view! { <p class="notice error">{R.not_responder}</p> }>
            <p>{move || format!("{} {}.", R.lead, i18n::days(q.within_days.get()))}</p>
            <p class="figures" role="status">
                {move || format!("{}: {} · {}: {}", R.to_answer, count(|x| open(x) && x["must_answer"] == true), R.overdue, count(|x| x["overdue"] == true))}
            </p>
            <p>
                <input type="checkbox" id="only-overdue" prop:checked=move || q.only_overdue.get()
                    on:change=move |ev| { q.only_overdue.set(event_target_checked(&ev)); q.reload(); } />
                <label for="only-overdue" class="check">{R.only_overdue}</label>
            </p>
            {move || q.error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            {move || q.done.get().map(|d| view! { <p class="notice info" role="status">{d}</p> })}
            <Show when=move || q.loaded.get() && q.items.with(Vec::is_empty)>
                <p>{R.nothing}</p>
            </Show>
            <ol class="responses">
                <For each=move || q.items.get() key=|i| format!("{}:{}", i["id"], i["status"]) let:item>
                    <li><Item item q /></li>
                </For>
            </ol>
        </Show>
    }
}

#[component]
fn Item(item: Value, q: Queue) -> impl IntoView {
    let id = item["id"].as_str().unwrap_or("").to_string();
    let status = item["status"].as_str().unwrap_or("open").to_string();
    let overdue = item["overdue"] == true;
    let comment = item["comment"].as_str().map(str::to_string);
    let handling = item["handling"].clone();
    let heading_id = format!("rating-{id}");
    let labelled_by = heading_id.clone();
    let facts = [
        item["waited_minutes"].as_i64().map(|m| format!("{} {m} {}", R.waited, R.minutes)),
        item["visits"].as_i64().map(|v| format!("{} {v}", R.visits)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let answered = handling["answer"].as_str().map(|a| {
        let who = handling["answered_by"].as_str().unwrap_or("").to_string();
        let at = handling["answered_at"].as_i64().map(i18n::moment).unwrap_or_default();
        let public = if handling["public"] == true { R.public_answer } else { R.private_answer };
        let helped = match handling["helped"].as_bool() {
            Some(true) => R.helped_yes,
            Some(false) => R.helped_no,
            None => R.helped_unknown,
        };
        view! {
            <div class="answer">
                <p><strong>{public}</strong>{format!(" — {who}, {at}")}</p>
                <p class="text">{a.to_string()}</p>
                {handling["excerpt"].as_str().map(|e| view! { <p>{R.excerpt_shown}{": «"}{e.to_string()}{"»"}</p> })}
                <p>{helped}</p>
            </div>
        }
    });
    let is_open = matches!(status.as_str(), "open" | "passed");
    view! {
        <article class="rating" class:overdue=overdue aria-labelledby=labelled_by>
            <h2 id=heading_id>{item["title"].as_str().unwrap_or("").to_string()}</h2>
            <p class="meta">
                {format!("{} · {}: {}/5 · ", day(&item["received_on"]), R.score, item["overall"])}
                <span class="status">{i18n::rating_status(&status)}</span>
                {(item["must_answer"] == true).then(|| view! {
                    <span class:late=overdue>{format!(" · {} {}", if overdue { R.was_due } else { R.due }, day(&item["due"]))}</span>
                })}
            </p>
            <p class="meta">{item["department_name"].as_str().unwrap_or("").to_string()}{(!facts.is_empty()).then(|| format!(" · {facts}"))}</p>
            {comment.clone().map(|c| view! { <blockquote class="comment">{c}</blockquote> })}
            {answered}
            <Show when=move || is_open>
                <Actions id=id.clone() comment=comment.clone() q />
            </Show>
        </article>
    }
}

#[component]
fn Actions(id: String, comment: Option<String>, q: Queue) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    let excerpt = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let has_comment = comment.is_some();
    let base = format!("responses/{}", api::encode_path(&id));
    let (b1, b2, b3) = (base.clone(), base.clone(), base);
    let answer = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut body = json!({ "text": text.get_untracked(), "public": public.get_untracked() });
        let e = excerpt.get_untracked();
        if public.get_untracked() && !e.trim().is_empty() {
            body["excerpt"] = json!(e);
        }
        q.act(format!("{b1}/answer"), body, R.answer_sent);
    };
    let pass = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        q.act(format!("{b3}/pass"), json!({ "department": to.get_untracked() }), R.passed_on);
    };
    let (text_id, public_id, excerpt_id, to_id) =
        (format!("answer-{id}"), format!("public-{id}"), format!("excerpt-{id}"), format!("pass-{id}"));
    view! {
        <form class="answer-form" on:submit=answer>
            <label for=text_id.clone()>{R.answer_label}</label>
            <textarea id=text_id rows="4" required=true prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p>
                <input type="checkbox" id=public_id.clone() prop:checked=move || public.get()
                    on:change=move |ev| public.set(event_target_checked(&ev)) />
                <label for=public_id class="check">{R.make_public}</label>
            </p>
            <Show when=move || public.get() && has_comment>
                <label for=excerpt_id.clone()>{R.excerpt_label}</label>
                <input id=excerpt_id.clone() prop:value=move || excerpt.get() on:input=move |ev| excerpt.set(event_target_value(&ev)) />
            </Show>
            <button type="submit" class="primary">{R.send_answer}</button>
        </form>
        <div class="other-actions">
            <button type="button" on:click=move |_| q.act(format!("{b2}/resolve"), json!({}), R.resolved_done)>{R.resolve}</button>
            <form class="pass-form" on:submit=pass>
                <label for=to_id.clone()>{R.pass_label}</label>
                <select id=to_id on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="">{"—"}</option>
                    {move || q.departments.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <button type="submit">{R.pass}</button>
            </form>
        </div>
    }
}
