//! The check's problems as a list, each a link to the field it is about.

use crate::i18n::T;
use crate::links;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos_router::components::A;
use lifenav_core::diagnostic::Diagnostic;

/// Problems, filtered by `keep` (all of them, or one file's).
#[component]
pub fn ProblemList(#[prop(into)] keep: Callback<Diagnostic, bool>) -> impl IntoView {
    let ws = use_workspace();
    view! {
        {move || ws.checked.with(|c| {
            let Some(c) = c else { return view! { <p role="status">{T.checking}</p> }.into_any() };
            let shown: Vec<&Diagnostic> = c.diagnostics.iter().filter(|d| keep.run((*d).clone())).collect();
            if shown.is_empty() {
                return view! { <p>{T.no_problems}</p> }.into_any();
            }
            view! {
                <ul class="problems">
                    {shown.into_iter().map(|d| {
                        let target = links::target(&d.path, d.file.as_deref(), &c.items);
                        let class = if d.is_error() { "problem error" } else { "problem warning" };
                        let word = if d.is_error() { "Ошибка" } else { "Предупреждение" };
                        let place = match (&d.file, d.line) {
                            (Some(f), Some(l)) => format!("{f}, {} {l}", T.line),
                            (Some(f), None) => f.clone(),
                            _ => String::new(),
                        };
                        let text = d.to_string();
                        view! {
                            <li class=class>
                                <strong>{word}</strong>{" "}
                                {match target {
                                    Some((kind, id, field)) => {
                                        let href = links::edit_href(kind, &id, Some(&field));
                                        view! { <A href=crate::links::href(&href)>{place.clone()}</A> }.into_any()
                                    }
                                    None => view! { <span>{place.clone()}</span> }.into_any(),
                                }}
                                <p class="message">{d.message.clone()}</p>
                                <p class="cli"><code>{text}</code></p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
