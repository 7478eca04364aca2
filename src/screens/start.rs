//! The start screen: life situations by category, the most common first, and search.

use super::focus_on_move;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::search::search;

#[component]
pub fn Start() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let lang = app.lang.get_untracked();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    let item = move |i: usize| {
        let engine = app.engine.get_untracked()?;
        let sit = engine.catalog.situations.get(i)?.clone();
        let id = sit.id.clone();
        Some(view! {
            <li>
                <button type="button" class="ln-situation" on:click=move |_| app.choose_situation(&id)>
                    <span class="ln-situation-title">{sit.title.get(lang).to_string()}</span>
                    <span class="ln-situation-summary">{sit.summary.get(lang).to_string()}</span>
                </button>
            </li>
        })
    };
    let list = move || {
        let engine = app.engine.get()?;
        let lang = app.lang.get();
        let query = app.query.get();
        if !query.trim().is_empty() {
            let found = search(&engine, &query);
            let count = found.len();
            return Some(
                view! {
                    <p class="ln-found" role="status">
                        {if count == 0 { s.search_none.to_string() } else { format!("{}: {count}", s.search_found) }}
                    </p>
                    <ul class="ln-situations">{found.into_iter().map(item).collect_view()}</ul>
                }
                .into_any(),
            );
        }
        // The most common situations first: a category ranks as its most common situation.
        let mut categories = engine.catalog.meta.categories.clone();
        categories.sort_by_key(|c| {
            engine.catalog.situations.iter().filter(|s| s.category == c.id).map(|s| s.rank).min().unwrap_or(u32::MAX)
        });
        Some(
            view! {
                {categories
                    .into_iter()
                    .filter_map(|c| {
                        let mut members: Vec<usize> = (0..engine.catalog.situations.len())
                            .filter(|&i| engine.catalog.situations[i].category == c.id)
                            .collect();
                        if members.is_empty() {
                            return None;
                        }
                        members.sort_by_key(|&i| engine.catalog.situations[i].rank);
                        Some(view! {
                            <section class="ln-category">
                                <h3>{c.title.get(lang).to_string()}</h3>
                                <ul class="ln-situations">{members.into_iter().map(item).collect_view()}</ul>
                            </section>
                        })
                    })
                    .collect_view()}
            }
            .into_any(),
        )
    };
    view! {
        <h2 tabindex="-1" node_ref=heading>{s.app_title}</h2>
        <div class="ln-field ln-search" role="search">
            <label for="ln-q">{s.search_label}</label>
            <input
                id="ln-q"
                type="search"
                autocomplete="off"
                placeholder=s.search_placeholder
                prop:value=move || app.query.get()
                on:input=move |ev| app.query.set(event_target_value(&ev))
            />
        </div>
        {list}
    }
}
