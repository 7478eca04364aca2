//! One file per screen of the studio.

pub mod account;
pub mod audit;
pub mod editor;
pub mod freshness;
pub mod home;
pub mod items;
pub mod preview;
pub mod problems;
pub mod responses;
pub mod sign_in;
pub mod users;
pub mod version;
pub mod versions;

use crate::i18n::T;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>{T.not_found}</h1>
        <p><leptos_router::components::A href=crate::links::href("/")>{T.home}</leptos_router::components::A></p>
    }
}

/// Says an API failure in the staff's words.
pub fn failure(e: &crate::api::ApiError) -> String {
    let problems = e.problems();
    if problems.is_empty() {
        e.message.clone()
    } else {
        format!("{}: {}", e.message, problems.join("; "))
    }
}
