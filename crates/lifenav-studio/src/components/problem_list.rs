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
                        // Named as staff know it: the item by its title and the field by its
                        // label; the file and line are for the source view only.
                        let place = match &target {
                            Some((kind, id, field)) => {
                                let title = c.items.iter().find(|i| i.kind == *kind && i.id == *id).map(|i| i.title.clone()).unwrap_or_else(|| id.clone());
                                let label = field.rsplit('-').find(|p| p.parse::<usize>().is_err() && *p != "ru" && *p != "en" && *p != "text").map(crate::i18n::label).unwrap_or("");
                                let kind = crate::i18n::kind_name(*kind).0;
                                if label.is_empty() { format!("{kind} «{title}»") } else { format!("{kind} «{title}» — {}", label.to_lowercase()) }
                            }
                            None => "Каталог".to_string(),
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
                                <details class="cli"><summary>{"Для разработчика"}</summary><code>{text}</code></details>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
    }
}
