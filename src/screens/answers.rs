//! The departments' answers: to the citizen's own ratings (on the plan's step and in «Мои
//! оценки», read by the ratings' random ids kept in this browser), and their public
//! answers beside a service's score. The data and its rules live in
//! `lifenav_core::my_ratings`; `crate::feedback` fetches and stores it.

use super::focus_on_move;
use crate::feedback::Feedback;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::my_ratings::SentRating;
use lifenav_core::{Date, Lang};

fn answered_on(seconds: i64, lang: Lang) -> String {
    Date::from_unix_seconds(seconds, Date::IRKUTSK_UTC_OFFSET).human(lang)
}

/// One department's answer to one of the citizen's ratings, with "did it help?".
#[component]
fn Answer(rating: SentRating) -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let s = app.s();
    let lang = app.lang.get_untracked();
    let Some(answer) = rating.answer.clone() else { return ().into_any() };
    let id = rating.id.clone();
    feedback.seen(&id);
    let helped = {
        let id = id.clone();
        Memo::new(move |_| {
            feedback.mine.with(|m| m.items.iter().find(|r| r.id == id).and_then(|r| r.answer.as_ref()?.helped))
        })
    };
    let question_id = format!("ln-helped-{id}");
    let rating_attr = id.clone();
    view! {
        <div class="ln-answer" data-rating=rating_attr>
            <p class="ln-answer-from">
                <strong>{s.answer_from}</strong>
                {format!(" ({}, {})", answer.department, answered_on(answer.answered_at, lang))}
            </p>
            <blockquote class="ln-answer-text">{answer.text.clone()}</blockquote>
            {answer.public.then(|| view! { <p class="ln-hint">{s.answer_public}</p> })}
            <div role="status" aria-live="polite">
                {move || match helped.get() {
                    Some(true) => view! { <p class="ln-ok">{app.s().answer_helped_yes}</p> }.into_any(),
                    Some(false) => view! { <p class="ln-hint">{app.s().answer_helped_no}</p> }.into_any(),
                    None => {
                        let (yes, no) = (id.clone(), id.clone());
                        view! {
                            <div class="ln-helped" role="group" aria-labelledby=question_id.clone()>
                                <span id=question_id.clone()>{app.s().answer_helped_q}</span>
                                " "
                                <button type="button" on:click=move |_| feedback.helped(&yes, true)>{app.s().yes}</button>
                                " "
                                <button type="button" on:click=move |_| feedback.helped(&no, false)>{app.s().no}</button>
                            </div>
                        }
                        .into_any()
                    }
                }}
            </div>
        </div>
    }
    .into_any()
}

/// The newest answer to the citizen's ratings of this service, on its step.
#[component]
pub fn StepAnswer(service: String) -> impl IntoView {
    let feedback = expect_context::<Feedback>();
    let answered = Memo::new(move |_| feedback.mine.with(|m| m.answered(&service).map(|r| r.id.clone())));
    move || {
        let id = answered.get()?;
        let rating = feedback.mine.with_untracked(|m| m.items.iter().find(|r| r.id == id).cloned())?;
        Some(view! { <Answer rating /> })
    }
}

/// The department's public answers to reviews of a service, under its score.
#[component]
pub fn PublicAnswers(service: String) -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    feedback.load_public(&service);
    let lang = app.lang.get_untracked();
    move || {
        let answers = feedback.public.with(|p| p.get(&service).cloned()).filter(|a| !a.is_empty())?;
        let s = app.s();
        Some(view! {
            <details class="ln-public-answers">
                <summary>{format!("{} ({})", s.public_answers, answers.len())}</summary>
                <ul>
                    {answers
                        .into_iter()
                        .map(|a| {
                            view! {
                                <li>
                                    {a.excerpt.map(|e| view! { <p class="ln-quote">{format!("{}: «{e}»", s.public_answer_quote)}</p> })}
                                    <p>{a.answer}</p>
                                    <p class="ln-hint">{answered_on(a.answered_at, lang)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </details>
        })
    }
}

/// «Мои оценки»: every rating sent from this browser, newest first, with its answer.
#[component]
pub fn MyRatingsScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    feedback.fetch_answers();
    feedback.all_seen();
    // Redrawn when a rating or an answer comes or goes, not when one is marked seen or
    // helpful: the answer shows that itself.
    let shape = Memo::new(move |_| {
        feedback.mine.with(|m| {
            m.items.iter().map(|r| (r.id.clone(), r.answer.as_ref().map(|a| a.text.clone()))).collect::<Vec<_>>()
        })
    });
    let list = move || {
        let engine = app.engine.get()?;
        let lang = app.lang.get();
        shape.track();
        let items = feedback.mine.with_untracked(|m| m.items.clone());
        if items.is_empty() {
            return Some(view! { <p>{app.s().my_ratings_empty}</p> }.into_any());
        }
        Some(
            view! {
                <ul class="ln-my-ratings">
                    {items
                        .into_iter()
                        .map(|r| {
                            let title = engine
                                .catalog
                                .service(&r.service)
                                .map(|sv| sv.title.get(lang).to_string())
                                .unwrap_or_else(|| r.service.clone());
                            let day = Date::parse(&r.day).map(|d| d.human(lang)).unwrap_or_else(|_| r.day.clone());
                            let has_answer = r.answer.is_some();
                            let service = r.service.clone();
                            view! {
                                <li data-service=service>
                                    <h3>{title}</h3>
                                    <p>{format!("{}: {} {} ({day})", app.s().my_rating_score, r.overall, app.s().score_of)}</p>
                                    {if has_answer {
                                        view! { <Answer rating=r /> }.into_any()
                                    } else {
                                        view! { <p class="ln-hint">{app.s().my_rating_no_answer}</p> }.into_any()
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        )
    };
    view! {
        <h2 tabindex="-1" node_ref=heading>{s.my_ratings}</h2>
        <p class="ln-hint">{s.my_ratings_note}</p>
        {list}
        <div class="ln-nav">
            <button type="button" on:click=move |_| {
                feedback.mine_open.set(false);
                app.focus.update(|n| *n += 1);
            }>{s.to_navigator}</button>
        </div>
    }
}
