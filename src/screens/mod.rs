//! The screens of the journey, one file each, and the frame around them.

mod answers;
mod plan;
mod profile;
mod questions;
mod rate;
mod review;

use crate::feedback::Feedback;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::journey::Stage;

/// Moves focus to `target` when the citizen moves on (not on the first page load:
/// the host page keeps its focus until the citizen uses the widget).
pub fn focus_on_move<E>(app: App, target: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    Effect::new(move |_| {
        let moved = app.focus.get();
        if let Some(el) = target.get() {
            if moved > 0 {
                let el: &web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_ref(&el);
                let _ = el.focus();
            }
        }
    });
}

#[component]
pub fn Shell() -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let switch_lang = move |_| {
        app.lang.update(|l| *l = l.other());
    };
    // The interface is rebuilt when the language changes (rarely), so the texts inside
    // are plain strings, not one reactive closure each: much less code in the wasm.
    move || {
        let s = app.s();
        let other = app.lang.get().other().code();
        view! {
        <div class="ln-bar">
            <span class="ln-brand">{s.app_title}</span>
            <div class="ln-tools">
                <button
                    type="button"
                    class="ln-tool"
                    lang=other
                    aria-label=s.lang_switch_label
                    on:click=switch_lang
                >
                    {s.lang_switch}
                </button>
                <button
                    type="button"
                    class="ln-tool"
                    aria-pressed=move || app.vi.get().to_string()
                    on:click=move |_| app.vi.update(|v| *v = !*v)
                >
                    {s.vi_on}
                </button>
                <button
                    type="button"
                    class="ln-tool"
                    aria-expanded=move || app.profile_open.get().to_string()
                    on:click=move |_| {
                        feedback.mine_open.set(false);
                        app.profile_open.update(|o| *o = !*o);
                        app.focus.update(|n| *n += 1);
                    }
                >
                    {s.my_answers}
                </button>
                {move || {
                    (feedback.enabled() && feedback.mine.with(|m| !m.items.is_empty()))
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="ln-tool ln-my-ratings-tool"
                                    aria-expanded=move || feedback.mine_open.get().to_string()
                                    on:click=move |_| {
                                        app.profile_open.set(false);
                                        feedback.mine_open.update(|o| *o = !*o);
                                        app.focus.update(|n| *n += 1);
                                    }
                                >
                                    {app.s().my_ratings}
                                    {move || {
                                        let unseen = feedback.mine.with(|m| m.unseen());
                                        (unseen > 0)
                                            .then(|| {
                                                let lang = app.lang.get_untracked();
                                                let text = crate::i18n::count(unseen, lang, lifenav_core::present::NEW_ANSWERS);
                                                view! { <span class="ln-count">{format!(" ({text})")}</span> }
                                            })
                                    }}
                                </button>
                            }
                        })
                }}
            </div>
        </div>
        <Notice />
        <div class="ln-body">
            {move || {
                if app.engine.with(|e| e.is_none()) {
                    return view! { <p class="ln-loading" role="status">{app.s().loading}</p> }.into_any();
                }
                if let Some(service) = app.rate.get() {
                    return view! { <rate::RateScreen service /> }.into_any();
                }
                if feedback.mine_open.get() {
                    return view! { <answers::MyRatingsScreen /> }.into_any();
                }
                if app.profile_open.get() {
                    return view! { <profile::Profile /> }.into_any();
                }
                match app.stage.get() {
                    // The first screen's module shows the start (`handoff`).
                    Stage::Start => ().into_any(),
                    Stage::Questions => view! { <questions::Questions /> }.into_any(),
                    Stage::Review => view! { <review::Review /> }.into_any(),
                    Stage::Plan => view! { <plan::PlanScreen /> }.into_any(),
                }
            }}
        </div>
        }
        .into_any()
    }
}

/// Messages for the citizen: a damaged saved state, a catalog that failed, a link.
#[component]
fn Notice() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    view! {
        <div class="ln-notice-region" role="status" aria-live="polite">
            {move || {
                app.notice
                    .get()
                    .map(|text| {
                        view! {
                            <div class="ln-notice">
                                <p>{text}</p>
                                <button
                                    type="button"
                                    class="ln-link"
                                    on:click=move |_| app.notice.set(None)
                                >
                                    {s.notice_close}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// The event date of the situation (the birth, the death…), when it has one.
#[component]
pub fn EventDate() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let lang = app.lang.get_untracked();
    move || {
        let engine = app.engine.get()?;
        let sit = engine.catalog.situation(&app.situation_id()?)?.clone();
        let label = sit.event.clone()?;
        let value = move || app.journey.with(|j| j.event_dates.get(&sit.id).map(|d| d.to_string()).unwrap_or_default());
        Some(view! {
            <div class="ln-field">
                <label for="ln-event">{label.get(lang).to_string()}</label>
                <span class="ln-hint" id="ln-event-hint">{s.event_date_optional}</span>
                <input
                    id="ln-event"
                    type="date"
                    aria-describedby="ln-event-hint"
                    prop:value=value
                    on:change=move |ev| {
                        let raw = event_target_value(&ev);
                        app.set_event_date(lifenav_core::Date::parse(&raw).ok());
                    }
                />
            </div>
        })
    }
}

/// One answer in a list (the review, my answers): the question, the answer, and one
/// action ("change", "erase") whose accessible name says which question it acts on.
#[component]
pub fn AnswerRow(question: String, answer: String, action: &'static str, on_action: Callback<()>) -> impl IntoView {
    let label = format!("{action}: {question}");
    view! {
        <div class="ln-answer">
            <dt>{question}</dt>
            <dd>
                <span>{answer}</span>
                <button type="button" class="ln-link" aria-label=label on:click=move |_| on_action.run(())>
                    {action}
                </button>
            </dd>
        </div>
    }
}

/// One choice in a group: a radio button (or, with `multiple`, a checkbox) and its label.
#[component]
pub fn Choice(
    #[prop(optional)] multiple: bool,
    #[prop(optional, into)] name: Option<String>,
    #[prop(into)] value: String,
    #[prop(into)] label: String,
    checked: Signal<bool>,
    on_pick: Callback<()>,
) -> impl IntoView {
    view! {
        <label class="ln-option">
            <input
                type=if multiple { "checkbox" } else { "radio" }
                name=name
                value=value
                prop:checked=move || checked.get()
                on:change=move |_| on_pick.run(())
            />
            <span>{label}</span>
        </label>
    }
}
