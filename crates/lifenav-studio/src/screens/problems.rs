//! Everything the check finds in the draft, as `lifenav check` and `lifenav test` would
//! say it, each a link to its field; and how long the check took in this browser.

use crate::components::problem_list::ProblemList;
use crate::i18n::T;
use crate::workspace::use_workspace;
use leptos::prelude::*;

#[component]
pub fn Problems() -> impl IntoView {
    let ws = use_workspace();
    let summary = move || {
        ws.checked.with(|c| {
            c.as_ref().map(|c| {
                format!(
                    "{} {}, {} {}; {} {}, {} {} · {} {:.0} мс",
                    c.errors,
                    T.errors,
                    c.warnings,
                    T.warnings,
                    c.scenarios.len(),
                    T.scenarios_failed,
                    c.scenarios_run.saturating_sub(c.scenarios.len()),
                    T.scenarios_passed,
                    T.check_took,
                    c.ms
                )
            })
        })
    };
    view! {
        <h1>{T.problems}</h1>
        <p class="summary" id="check-summary">{summary}</p>
        <h2>{"Сценарии"}</h2>
        {move || ws.checked.with(|c| c.as_ref().map(|c| {
            if c.scenarios.is_empty() {
                view! { <p>{if c.errors > 0 { "Сценарии запускаются, когда в черновике нет ошибок." } else { "Все сценарии проходят." }}</p> }.into_any()
            } else {
                view! { <ul class="problems">{c.scenarios.iter().map(|(name, _file, failures)| {
                    let href = crate::links::href(&crate::links::edit_href(lifenav_core::ItemKind::Scenario, name, None));
                    view! {
                        <li class="problem error"><a href=href>{format!("Сценарий «{name}»")}</a>
                            <ul>{failures.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul></li>
                    }
                }).collect_view()}</ul> }.into_any()
            }
        }))}
        <h2>{"Каталог"}</h2>
        <ProblemList keep=|_d: lifenav_core::Diagnostic| true />
    }
}
