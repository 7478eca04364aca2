//! Who is signed in, as the server says (`/api/v1/staff/me`).

use crate::api;
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Me {
    pub login: String,
    pub name: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub departments: Vec<String>,
}

impl Me {
    pub fn has(&self, role: &str) -> bool {
        self.roles.iter().any(|r| r == role)
    }
}

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<Me>>,
    /// The server was asked at least once (before that, nothing is shown).
    pub checked: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Session {
        Session { me: RwSignal::new(None), checked: RwSignal::new(false) }
    }

    pub fn load(self) {
        leptos::task::spawn_local(async move {
            let me = api::get_as::<Me>("staff/me").await.ok();
            self.me.set(me);
            self.checked.set(true);
        });
    }

    pub fn has(&self, role: &str) -> bool {
        self.me.with(|m| m.as_ref().is_some_and(|m| m.has(role)))
    }

    /// The server ended the session (it expired, or an admin reset the password).
    pub fn expired(&self) {
        self.me.set(None);
    }

    pub fn sign_out(self) {
        leptos::task::spawn_local(async move {
            let _ = api::post("staff/logout", &serde_json::json!({})).await;
            self.me.set(None);
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
