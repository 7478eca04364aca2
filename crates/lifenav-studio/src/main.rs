//! The catalog studio: the city's content staff edit the catalog in forms (or as TOML),
//! see the whole-catalog check as they type, preview the real widget on their draft,
//! submit a change for review; reviewers see its diff and its impact on the scenarios'
//! plans, approve and publish it now or at a time; admins manage the staff accounts.
//!
//! - `api`: the server's API; `session`: who is signed in; `workspace`: the shared
//!   draft in memory, saving with conflicts, and the live check;
//! - `screens/`: one file per screen; `components/`: the form fields built from the
//!   core's field schema, the condition builder, file diffs;
//! - `i18n`: every interface string and field label (Russian).
//!
//! The logic is the core's (`lifenav_core::edit`, `draft`, `usage`, `impact`, …): the
//! components render it and call it.

mod api;
mod components;
mod i18n;
mod links;
mod screens;
mod session;
mod settings;
mod workspace;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("studio"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root, App).forget();
}

#[component]
fn App() -> impl IntoView {
    let settings = settings::Settings::load();
    provide_context(settings);
    let session = session::Session::new();
    provide_context(session);
    session.load();
    view! {
        <Router base="/studio">
            <div class="studio" class:vi=move || settings.vi.get()>
                <Show
                    when=move || session.checked.get()
                    fallback=|| view! { <p class="boot" role="status">{i18n::T.loading}</p> }
                >
                    <Show when=move || session.me.with(Option::is_some) fallback=screens::sign_in::SignIn>
                        <SignedIn />
                    </Show>
                </Show>
            </div>
        </Router>
    }
}

/// Everything behind the sign-in: the draft is loaded once, for every screen.
#[component]
fn SignedIn() -> impl IntoView {
    let ws = workspace::Workspace::new();
    provide_context(ws);
    ws.load();
    view! {
        <components::layout::Shell>
            <Routes fallback=|| view! { <screens::NotFound /> }>
                <Route path=path!("/") view=screens::home::Home />
                <Route path=path!("/items/:kind") view=screens::items::ItemList />
                <Route path=path!("/edit/:kind/:id") view=screens::editor::Editor />
                <Route path=path!("/problems") view=screens::problems::Problems />
                <Route path=path!("/preview") view=screens::preview::Preview />
                <Route path=path!("/versions") view=screens::versions::Versions />
                <Route path=path!("/versions/:number") view=screens::version::VersionScreen />
                <Route path=path!("/compare") view=screens::versions::Compare />
                <Route path=path!("/freshness") view=screens::freshness::Freshness />
                <Route path=path!("/users") view=screens::users::Users />
                <Route path=path!("/audit") view=screens::audit::Audit />
                <Route path=path!("/responses") view=screens::responses::Responses />
                <Route path=path!("/account") view=screens::account::Account />
            </Routes>
        </components::layout::Shell>
    }
}
