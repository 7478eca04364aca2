//! One question at a time, in the order the engine chooses, with honest progress;
//! "back" and "change" keep every answer.

use super::{focus_on_move, Choice};
use crate::i18n::progress;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::model::QuestionKind;

#[component]
pub fn Questions() -> impl IntoView {
    let app = expect_context::<App>();
    let current = Memo::new(move |_| app.editing().or_else(|| app.walk.with(|w| w.as_ref().and_then(|(_, w)| w.next))));
    let ask_consent = Memo::new(move |_| {
        let sit = app.situation_id()?;
        app.journey.with(|j| (j.reuse.is_none() && j.reusable(&sit) > 0).then_some(()))
    });
    let title = move || {
        let engine = app.engine.get()?;
        let sit = engine.catalog.situation(&app.situation_id()?)?;
        Some(sit.title.get(app.lang.get()).to_string())
    };
    view! {
        <p class="ln-context">{title}</p>
        {move || {
            if ask_consent.get().is_some() {
                view! { <Consent /> }.into_any()
            } else {
                match current.get() {
                    Some(q) => view! { <QuestionForm q /> }.into_any(),
                    None => ().into_any(),
                }
            }
        }}
    }
}

/// May answers given in another situation be used here?
#[component]
fn Consent() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::P>::new();
    focus_on_move(app, heading);
    view! {
        <div class="ln-consent">
            <p tabindex="-1" node_ref=heading class="ln-lead">{s.reuse_prompt}</p>
            <div class="ln-nav">
                <button type="button" class="ln-primary" on:click=move |_| app.set_reuse(true)>
                    {s.reuse_yes}
                </button>
                <button type="button" on:click=move |_| app.set_reuse(false)>{s.reuse_no}</button>
            </div>
        </div>
    }
}

#[component]
fn QuestionForm(q: usize) -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let lang = app.lang.get_untracked();
    let engine = app.engine.get_untracked().expect("questions are shown once the catalog is loaded");
    let question = engine.catalog.questions[q].clone();
    let existing = app.walk.with_untracked(|w| w.as_ref().and_then(|(_, w)| w.profile[q].clone())).or_else(|| {
        let sit = app.situation_id()?;
        app.journey.with_untracked(|j| j.effective_answers(&sit).get(&question.id).cloned())
    });
    let draft = RwSignal::new(existing.map(|v| v.to_string()).unwrap_or_default());
    let error: RwSignal<Option<&'static str>> = RwSignal::new(None);
    let legend = NodeRef::<leptos::html::Legend>::new();
    focus_on_move(app, legend);
    let kind = question.kind;
    let progress_text = move || {
        app.walk.with(|w| {
            let (_, w) = w.as_ref()?;
            let position = w.asked.iter().position(|&a| a == q).unwrap_or(w.asked.len());
            let left = if w.next == Some(q) { w.remaining_max } else { w.remaining_max + 1 };
            Some(progress(app.lang.get(), position + 1, left.max(1)))
        })
    };
    let parse = question.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = draft.get_untracked();
        if raw.trim().is_empty() && kind != QuestionKind::Multiple {
            error.set(Some(app.s().answer_required));
            return;
        }
        match parse.parse_answer(&raw) {
            Ok(v) => app.answer(q, v),
            Err(_) => error.set(Some(match kind {
                QuestionKind::Number => app.s().number_invalid,
                QuestionKind::Date => app.s().date_invalid,
                _ => app.s().choose_one,
            })),
        }
    };
    let name = format!("ln-q-{}", question.id);
    let question_id = question.id.clone();
    let text = question.text.clone();
    let help = question.help.clone();
    let inputs = {
        let options: Vec<(String, lifenav_core::Text)> = match kind {
            QuestionKind::YesNo => vec![
                ("yes".to_string(), lifenav_core::Text::ru(crate::i18n::RU.yes).with_en(crate::i18n::EN.yes)),
                ("no".to_string(), lifenav_core::Text::ru(crate::i18n::RU.no).with_en(crate::i18n::EN.no)),
            ],
            QuestionKind::Single | QuestionKind::Multiple => {
                question.options.iter().map(|o| (o.id.clone(), o.text.clone())).collect()
            }
            _ => Vec::new(),
        };
        match kind {
            QuestionKind::YesNo | QuestionKind::Single => options
                .into_iter()
                .map(|(id, label)| {
                    let checked_id = id.clone();
                    let set_id = id.clone();
                    view! {
                        <Choice
                            name=name.clone()
                            value=id
                            label=label.get(lang)
                            checked=Signal::derive(move || draft.get() == checked_id)
                            on_pick=Callback::new(move |_| {
                                draft.set(set_id.clone());
                                error.set(None);
                            })
                        />
                    }
                })
                .collect_view()
                .into_any(),
            QuestionKind::Multiple => options
                .into_iter()
                .map(|(id, label)| {
                    let checked_id = id.clone();
                    let toggle_id = id.clone();
                    view! {
                        <Choice
                            multiple=true
                            value=id
                            label=label.get(lang)
                            checked=Signal::derive(move || draft.get().split(',').any(|p| p == checked_id))
                            on_pick=Callback::new(move |_| {
                                draft.update(|d| *d = lifenav_core::journey::Journey::toggle_option(d, &toggle_id))
                            })
                        />
                    }
                })
                .collect_view()
                .into_any(),
            QuestionKind::Number | QuestionKind::Date => {
                let unit = question.unit.clone();
                view! {
                    <input
                        class="ln-input"
                        type=if kind == QuestionKind::Number { "number" } else { "date" }
                        inputmode=if kind == QuestionKind::Number { "decimal" } else { "" }
                        min=question.min.map(|m| m.to_string())
                        max=question.max.map(|m| m.to_string())
                        aria-labelledby="ln-legend"
                        aria-invalid=move || error.get().is_some().to_string()
                        aria-describedby="ln-error"
                        prop:value=move || draft.get()
                        on:input=move |ev| {
                            draft.set(event_target_value(&ev));
                            error.set(None);
                        }
                    />
                    {unit.map(|u| view! { <span class="ln-unit">{u.get(lang).to_string()}</span> })}
                }
                .into_any()
            }
        }
    };
    view! {
        <form class="ln-question" data-question=question_id on:submit=submit novalidate>
            <p class="ln-progress">{progress_text}</p>
            <fieldset>
                <legend id="ln-legend" tabindex="-1" node_ref=legend>
                    {text.get(lang).to_string()}
                </legend>
                {help.map(|h| view! { <p class="ln-hint">{h.get(lang).to_string()}</p> })}
                <div class="ln-options">{inputs}</div>
                <p id="ln-error" class="ln-error" role="alert">
                    {move || error.get()}
                </p>
            </fieldset>
            <div class="ln-nav">
                <button type="button" on:click=move |_| app.back()>{s.back}</button>
                <button type="submit" class="ln-primary">{s.next}</button>
            </div>
        </form>
    }
}
