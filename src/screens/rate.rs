//! Rating a service (after marking a step done, or from a `#rate/<service>` link an
//! office prints as a QR code), the citizens' score on each step, and "was this plan
//! helpful?". Everything goes through the outbox (`crate::feedback`).

use super::{focus_on_move, Choice};
use crate::feedback::{Feedback, Status};
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::rating_form::{asks_waiting, Problem, RatingDraft};

/// Picks one interface string.
type Label = fn(&'static crate::i18n::Strings) -> &'static str;

/// What became of a sent item, as the citizen reads it.
fn status_text(app: App, feedback: Feedback, id: &str) -> &'static str {
    let s = app.s();
    match feedback.status(id) {
        Status::Sent => s.rate_sent,
        Status::Rejected => s.rate_rejected,
        Status::Queued => s.rate_queued,
        Status::Sending => s.rate_sending,
    }
}

#[component]
fn Scale(name: String, legend: Label, value: RwSignal<Option<u8>>) -> impl IntoView {
    let app = expect_context::<App>();
    view! {
        <fieldset class="ln-scale">
            <legend>{legend(app.s())}</legend>
            <div class="ln-scale-options">
                {(1..=5u8)
                    .map(|n| {
                        let name = name.clone();
                        let label = match n {
                            1 => format!("1 — {}", app.s().scale_1),
                            5 => format!("5 — {}", app.s().scale_5),
                            n => n.to_string(),
                        };
                        view! {
                            <Choice
                                name
                                value=n.to_string()
                                label
                                checked=Signal::derive(move || value.get() == Some(n))
                                on_pick=Callback::new(move |_| value.set(Some(n)))
                            />
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// An optional whole number the citizen types (minutes waited, visits): a text field with
/// the numeric keyboard, so that an empty field means "not answered" and a wrong entry is
/// named by the form rather than silently dropped by the browser.
#[component]
fn NumberField(
    id: String,
    label: &'static str,
    digits: u8,
    value: RwSignal<String>,
    invalid: Signal<bool>,
    described_by: String,
    hidden: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="ln-field" hidden=move || hidden.get()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                class="ln-input ln-number"
                type="text"
                inputmode="numeric"
                autocomplete="off"
                maxlength=digits.to_string()
                aria-invalid=move || invalid.get().to_string()
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn RatingForm(service: String) -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let s = app.s();
    let scores: [RwSignal<Option<u8>>; 5] = std::array::from_fn(|_| RwSignal::new(None));
    let channel: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let term: RwSignal<Option<bool>> = RwSignal::new(None);
    let comment = RwSignal::new(String::new());
    let waited = RwSignal::new(String::new());
    let visits = RwSignal::new(String::new());
    let error: RwSignal<Option<Problem>> = RwSignal::new(None);
    let sent: RwSignal<Option<String>> = RwSignal::new(None);
    let prefix = format!("ln-rate-{service}");
    let legends: [Label; 5] =
        [|s| s.rate_overall, |s| s.rate_waiting, |s| s.rate_politeness, |s| s.rate_comfort, |s| s.rate_information];
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = RatingDraft {
            scores: scores.map(|s| s.get_untracked()),
            channel: channel.get_untracked().map(str::to_string),
            term_met: term.get_untracked(),
            comment: comment.get_untracked(),
            waited_minutes: waited.get_untracked(),
            visits: visits.get_untracked(),
        };
        match draft.body(&service) {
            Err(p) => error.set(Some(p)),
            Ok(body) => {
                error.set(None);
                let id = feedback.send("ratings", body);
                if let (Some(id), Some(overall)) = (&id, draft.scores[0]) {
                    feedback.remember(id, &service, overall);
                }
                sent.set(id);
            }
        }
    };
    let channels: [(&'static str, Label); 4] = [
        ("in_person", |s| s.channel_in_person),
        ("one_window", |s| s.channel_one_window),
        ("mfc", |s| s.channel_mfc),
        ("portal", |s| s.channel_portal),
    ];
    let channel_name = format!("{prefix}-channel");
    let term_name = format!("{prefix}-term");
    let comment_id = format!("{prefix}-comment");
    let note_id = format!("{prefix}-note");
    let waited_id = format!("{prefix}-waited");
    let visits_id = format!("{prefix}-visits");
    let error_id = format!("{prefix}-error");
    move || match sent.get() {
        Some(id) => view! { <p class="ln-ok" role="status">{move || status_text(app, feedback, &id)}</p> }.into_any(),
        None => view! {
            <form class="ln-rating" on:submit=submit.clone() novalidate>
                <p class="ln-hint">{s.rate_intro}</p>
                {scores
                    .iter()
                    .zip(legends)
                    .enumerate()
                    .map(|(i, (value, legend))| view! { <Scale name=format!("{prefix}-{i}") legend value=*value /> })
                    .collect_view()}
                <fieldset>
                    <legend>{s.rate_channel}</legend>
                    {channels
                        .into_iter()
                        .map(|(id, label)| {
                            view! {
                                <Choice
                                    name=channel_name.clone()
                                    value=id
                                    label=label(app.s())
                                    checked=Signal::derive(move || channel.get() == Some(id))
                                    on_pick=Callback::new(move |_| channel.set(Some(id)))
                                />
                            }
                        })
                        .collect_view()}
                </fieldset>
                <fieldset>
                    <legend>{s.rate_term}</legend>
                    {[(Some(true), "yes"), (Some(false), "no"), (None, "unknown")]
                        .into_iter()
                        .map(|(v, id)| {
                            let label = move || match v {
                                Some(true) => app.s().yes,
                                Some(false) => app.s().no,
                                None => app.s().rate_term_unknown,
                            };
                            view! {
                                <Choice
                                    name=term_name.clone()
                                    value=id
                                    label=label()
                                    checked=Signal::derive(move || term.get() == v)
                                    on_pick=Callback::new(move |_| term.set(v))
                                />
                            }
                        })
                        .collect_view()}
                </fieldset>
                <NumberField
                    id=waited_id.clone()
                    label=s.rate_waited
                    digits=4
                    value=waited
                    invalid=Signal::derive(move || error.get() == Some(Problem::Waited))
                    described_by=error_id.clone()
                    hidden=Signal::derive(move || !asks_waiting(channel.get()))
                />
                <NumberField
                    id=visits_id.clone()
                    label=s.rate_visits
                    digits=2
                    value=visits
                    invalid=Signal::derive(move || error.get() == Some(Problem::Visits))
                    described_by=error_id.clone()
                    hidden=Signal::derive(|| false)
                />
                <div class="ln-field">
                    <label for=comment_id.clone()>{s.rate_comment}</label>
                    <span class="ln-hint" id=note_id.clone()>{s.rate_comment_note}</span>
                    <textarea
                        id=comment_id.clone()
                        class="ln-input"
                        maxlength="1000"
                        rows="3"
                        aria-describedby=note_id.clone()
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <p class="ln-error" role="alert" id=error_id.clone()>
                    {move || {
                        error
                            .get()
                            .map(|p| match p {
                                Problem::Scores | Problem::Channel => app.s().rate_missing,
                                Problem::Waited => app.s().rate_waited_wrong,
                                Problem::Visits => app.s().rate_visits_wrong,
                            })
                    }}
                </p>
                <button type="submit" class="ln-primary">{s.rate_send}</button>
            </form>
        }
        .into_any(),
    }
}

/// The screen a `#rate/<service>` link opens.
#[component]
pub fn RateScreen(service: String) -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    let title = {
        let service = service.clone();
        move || {
            let engine = app.engine.get()?;
            let s = engine.catalog.service(&service)?;
            Some(format!("{}: {}", app.s().rate_title, s.title.get(app.lang.get())))
        }
    };
    let enabled = expect_context::<Feedback>().enabled();
    view! {
        <h2 tabindex="-1" node_ref=heading>{title}</h2>
        {if enabled {
            view! { <RatingForm service /> }.into_any()
        } else {
            view! { <p>{s.rate_disabled}</p> }.into_any()
        }}
        <div class="ln-nav">
            <button type="button" on:click=move |_| {
                app.rate.set(None);
                app.focus.update(|n| *n += 1);
            }>{s.to_navigator}</button>
        </div>
    }
}

/// "Citizens' rating: 4.6 out of 5 (12)" for a step; nothing without a summary.
pub fn score_line(app: App, feedback: Feedback, service: &str) -> Option<String> {
    let score = feedback.score(service)?;
    let lang = app.lang.get();
    let mean = format!("{:.1}", score.mean);
    let mean = if lang == lifenav_core::Lang::Ru { mean.replace('.', ",") } else { mean };
    let count = crate::i18n::count(score.count as usize, lang, lifenav_core::present::RATINGS);
    Some(format!("{}: {mean} {} ({count})", app.s().score_line, app.s().score_of))
}

/// "Was this plan helpful?"
#[component]
pub fn Helpful(situation: String) -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let s = app.s();
    let answer: RwSignal<Option<bool>> = RwSignal::new(None);
    let comment = RwSignal::new(String::new());
    let sent: RwSignal<Option<String>> = RwSignal::new(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(helpful) = answer.get_untracked() else { return };
        let text = comment.get_untracked();
        let body = serde_json::json!({
            "situation": situation,
            "helpful": helpful,
            "comment": if text.trim().is_empty() { serde_json::Value::Null } else { text.into() },
        });
        sent.set(feedback.send("helpful", body));
    };
    move || match sent.get() {
        Some(id) => view! { <p class="ln-ok" role="status">{move || status_text(app, feedback, &id)}</p> }.into_any(),
        None => view! {
            <form class="ln-helpful" on:submit=submit.clone() novalidate>
                <fieldset>
                    <legend>{s.helpful_q}</legend>
                    {[(true, "yes"), (false, "no")]
                        .into_iter()
                        .map(|(v, id)| {
                            view! {
                                <Choice
                                    name="ln-helpful"
                                    value=id
                                    label=if v { app.s().yes } else { app.s().no }
                                    checked=Signal::derive(move || answer.get() == Some(v))
                                    on_pick=Callback::new(move |_| answer.set(Some(v)))
                                />
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="ln-field">
                    <label for="ln-helpful-comment">{s.helpful_comment}</label>
                    <span class="ln-hint" id="ln-helpful-note">{s.rate_comment_note}</span>
                    <textarea
                        id="ln-helpful-comment"
                        class="ln-input"
                        maxlength="1000"
                        rows="2"
                        aria-describedby="ln-helpful-note"
                        prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))
                    ></textarea>
                </div>
                <button type="submit">{s.helpful_send}</button>
            </form>
        }
        .into_any(),
    }
}
