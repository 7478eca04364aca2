//! The citizen's answers across situations: see them, erase one, erase everything,
//! and decide whether they are reused.

use super::{focus_on_move, AnswerRow};
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::present;

#[component]
pub fn Profile() -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<crate::feedback::Feedback>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    let rows = move || {
        let engine = app.engine.get()?;
        let lang = app.lang.get();
        let profile = app.journey.with(|j| j.profile());
        if profile.is_empty() {
            return Some(view! { <p>{app.s().profile_empty}</p> }.into_any());
        }
        Some(
            view! {
                <dl class="ln-answers">
                    {profile
                        .into_iter()
                        .map(|(id, v)| {
                            let text = engine
                                .catalog
                                .question(&id)
                                .map(|q| q.text.get(lang).to_string())
                                .unwrap_or_else(|| id.clone());
                            let answer = present::value(&engine, &id, &v, lang);
                            view! {
                                <AnswerRow
                                    question=text
                                    answer
                                    action=app.s().erase
                                    on_action=Callback::new(move |_| app.journey.update(|j| j.forget(&id)))
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
        <h2 tabindex="-1" node_ref=heading>{s.profile_title}</h2>
        <p class="ln-hint">{s.profile_note}</p>
        {rows}
        <label class="ln-option">
            <input
                type="checkbox"
                prop:checked=move || app.journey.with(|j| j.reuse == Some(true))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    app.journey.update(|j| j.reuse = Some(on));
                }
            />
            <span>{s.reuse_setting}</span>
        </label>
        <div class="ln-nav">
            <button type="button" on:click=move |_| {
                app.profile_open.set(false);
                app.focus.update(|n| *n += 1);
            }>{s.close}</button>
            <button type="button" class="ln-danger" on:click=move |_| {
                feedback.forget_mine();
                app.delete_all();
            }>
                {s.delete_all}
            </button>
        </div>
    }
}
