//! Facts whose `checked` date is older than a limit (12 months unless changed here), or
//! that were never checked, by department: each a link to the fact.

use crate::i18n::{self, T};
use crate::links;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use leptos_router::components::A;
use lifenav_core::freshness::FactKind;

fn fact_word(k: FactKind) -> &'static str {
    match k {
        FactKind::Department => "контакты и часы работы",
        FactKind::LegalBasis => "правовое основание",
        FactKind::Term => "срок предоставления",
        FactKind::Deadline => "срок обращения",
        FactKind::Fee => "пошлина",
    }
}

fn today() -> lifenav_core::Date {
    let d = js_sys::Date::new_0();
    lifenav_core::Date::new(d.get_full_year() as i32, d.get_month() as u8 + 1, d.get_date() as u8)
        .unwrap_or(lifenav_core::Date::from_days(0))
}

#[component]
pub fn Freshness() -> impl IntoView {
    let ws = use_workspace();
    let months = RwSignal::new(12u32);
    let groups = move || {
        let Some(catalog) = ws.catalog.get() else { return Vec::new() };
        let facts = lifenav_core::stale_facts(&catalog, today(), months.get());
        let mut groups: Vec<(String, Vec<lifenav_core::StaleFact>)> = Vec::new();
        for f in facts {
            match groups.last_mut() {
                Some((d, list)) if *d == f.department => list.push(f),
                _ => groups.push((f.department.clone(), vec![f])),
            }
        }
        groups
            .into_iter()
            .map(|(d, list)| {
                let name = catalog.department(&d).map(|x| x.name.ru.clone()).unwrap_or_else(|| d.clone());
                (name, list)
            })
            .collect::<Vec<_>>()
    };
    // Values that end soon with nothing after them come first: on that day the plan has
    // no figure to give citizens.
    let ending = move || {
        let Some(catalog) = ws.catalog.get() else { return Vec::new() };
        lifenav_core::ending_facts(&catalog, today(), 60)
            .into_iter()
            .map(|f| {
                let dept = catalog
                    .department(&f.department)
                    .map(|x| x.name.ru.clone())
                    .unwrap_or_else(|| f.department.clone());
                (dept, f)
            })
            .collect::<Vec<_>>()
    };
    let title_of = move |kind: lifenav_core::ItemKind, id: &str| {
        ws.checked.with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.items.iter().find(|i| i.kind == kind && i.id == id))
                .map(|i| i.title.clone())
                .unwrap_or_else(|| id.to_string())
        })
    };
    view! {
        <h1>{T.freshness}</h1>
        <section aria-labelledby="ending-title">
            <h2 id="ending-title">{"Скоро перестанут действовать (60 дней)"}</h2>
            {move || {
                let e = ending();
                if e.is_empty() {
                    return view! { <p>{"Нет сумм и сроков, которые скоро истекают без следующего значения."}</p> }.into_any();
                }
                let items = ws.checked.with(|c| c.as_ref().map(|c| c.items.clone()).unwrap_or_default());
                view! { <ul class="ending">{e.into_iter().map(|(dept, f)| {
                    let target = links::target(&f.path, None, &items);
                    let text = format!("{dept}: {}", f.message);
                    view! { <li>{match target {
                        Some((k, id, field)) => view! { <A href=crate::links::href(&links::edit_href(k, &id, Some(&field)))>{text}</A> }.into_any(),
                        None => view! { <span>{text}</span> }.into_any(),
                    }}</li> }
                }).collect_view()}</ul> }.into_any()
            }}
        </section>
        <h2>{"Давно не сверялись с источником"}</h2>
        <p>{T.freshness_lead}</p>
        <label for="months">{T.months}</label>
        <input id="months" type="number" min="1" max="120" prop:value=move || months.get().to_string()
            on:change=move |ev| { if let Ok(n) = event_target_value(&ev).parse::<u32>() { months.set(n.clamp(1, 120)) } } />
        {move || {
            let g = groups();
            if g.is_empty() {
                return view! { <p>{T.all_fresh}</p> }.into_any();
            }
            let items = ws.checked.with(|c| c.as_ref().map(|c| c.items.clone()).unwrap_or_default());
            g.into_iter().map(|(dept, facts)| view! {
                <section>
                    <h3>{format!("{dept}: {}", facts.len())}</h3>
                    <ul>{facts.into_iter().map(|f| {
                        let target = links::target(&f.path, None, &items);
                        let checked = f.checked.map(|d| format!("сверено {d}")).unwrap_or_else(|| T.never_checked.to_string());
                        let text = format!("{} «{}»: {} ({checked})", i18n::kind_name(f.item.0).0, title_of(f.item.0, &f.item.1), fact_word(f.what));
                        view! { <li>{match target {
                            Some((k, id, field)) => view! { <A href=crate::links::href(&links::edit_href(k, &id, Some(&field)))>{text}</A> }.into_any(),
                            None => view! { <span>{text}</span> }.into_any(),
                        }}</li> }
                    }).collect_view()}</ul>
                </section>
            }).collect_view().into_any()
        }}
    }
}
