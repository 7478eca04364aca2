//! The answers before the plan, each with "change".

use super::{focus_on_move, AnswerRow, EventDate};
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::present;

#[component]
pub fn Review() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    let rows = move || {
        let engine = app.engine.get()?;
        let lang = app.lang.get();
        let (_, walk) = app.walk.get()?;
        if walk.asked.is_empty() {
            return Some(view! { <p>{app.s().review_none}</p> }.into_any());
        }
        Some(
            view! {
                <dl class="ln-answers">
                    {walk
                        .asked
                        .iter()
                        .map(|&q| {
                            let question = &engine.catalog.questions[q];
                            let text = question.text.get(lang).to_string();
                            let answer = walk.profile[q]
                                .as_ref()
                                .map(|v| present::value(&engine, &question.id, v, lang))
                                .unwrap_or_default();
                            view! {
                                <AnswerRow
                                    question=text
                                    answer
                                    action=app.s().change
                                    on_action=Callback::new(move |_| app.change(q))
                                />
                            }
                        })
                        .collect_view()}
                </dl>
            }
            .into_any(),
        )
    };
    view! {
        <h2 tabindex="-1" node_ref=heading>{s.review_title}</h2>
        {rows}
        <EventDate />
        <div class="ln-nav">
            <button type="button" on:click=move |_| app.back()>{s.back}</button>
            <button type="button" class="ln-primary" on:click=move |_| app.show_plan()>
                {s.show_plan}
            </button>
        </div>
    }
}
