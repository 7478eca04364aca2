//! Who is asking: a signed-in staff member, read from their session, and one extractor per
//! role, so that a handler says what it needs in its signature
//! (`async fn approve(Reviewer(me): Reviewer, …)`) instead of checking inside.

use super::error::AppError;
use crate::staff::accounts;
use crate::staff::roles::{Role, Roles};
use crate::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tower_sessions::Session;

/// What a session holds: the account, and the account's session epoch when it began
/// (a password reset or a disabled account bumps the epoch, which ends the session).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub epoch: i64,
}

pub const SESSION_KEY: &str = "staff";

/// A signed-in staff member, as the database says now (roles changed a minute ago count).
#[derive(Debug, Clone, Serialize)]
pub struct Staff {
    #[serde(skip)]
    pub id: i64,
    pub login: String,
    pub name: String,
    pub roles: Roles,
    pub departments: Vec<String>,
}

impl Staff {
    pub fn actor(&self) -> crate::catalog::workflow::Actor<'_> {
        crate::catalog::workflow::Actor { login: &self.login, roles: &self.roles }
    }
}

impl FromRequestParts<Arc<AppState>> for Staff {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Staff, AppError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, e)| AppError::Unavailable(format!("no session layer: {e}")))?;
        let Some(user) = session
            .get::<SessionUser>(SESSION_KEY)
            .await
            .map_err(|e| AppError::Unavailable(format!("session store: {e}")))?
        else {
            return Err(AppError::unauthorized());
        };
        let account = accounts::by_id(&state.db, user.id).await?;
        match account {
            Some(a) if !a.disabled && a.session_epoch == user.epoch => {
                Ok(Staff { id: a.id, login: a.login, name: a.name, roles: a.roles, departments: a.departments })
            }
            _ => {
                // The account is gone, disabled or its password was reset: the session ends.
                let _ = session.flush().await;
                Err(AppError::unauthorized())
            }
        }
    }
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $role:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub Staff);

        impl FromRequestParts<Arc<AppState>> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<$name, AppError> {
                let staff = Staff::from_request_parts(parts, state).await?;
                if staff.roles.has($role) {
                    Ok($name(staff))
                } else {
                    Err(AppError::forbidden($role.needed()))
                }
            }
        }
    };
}

role_extractor!(
    /// Manages staff accounts.
    Admin,
    Role::Admin
);
role_extractor!(
    /// Edits the draft.
    Editor,
    Role::Editor
);
role_extractor!(
    /// Reviews and publishes.
    Reviewer,
    Role::Reviewer
);
