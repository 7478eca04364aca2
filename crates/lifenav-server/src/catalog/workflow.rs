//! Review and publishing, as GOV.UK's publishing apps do it: a change is drafted,
//! submitted with a message, approved by a reviewer who is not its author, then
//! published now or at a chosen time. These are the rules alone, as plain functions;
//! the routes apply them and the store makes each step atomic.
//!
//! ```text
//! submitted ──approve──▶ approved ──publish──▶ published
//!     │  ▲                  │  ▲
//!     │  └─resubmit(new)    │  └─unschedule── scheduled ──(its time)──▶ published
//!     ├─request changes──▶ changes_requested
//!     └─withdraw─────────▶ withdrawn          (a scheduled version older than one
//!                                              published meanwhile: superseded)
//! ```

use crate::http::error::AppError;
use crate::staff::roles::{Role, Roles};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Submitted,
    ChangesRequested,
    Withdrawn,
    Approved,
    Scheduled,
    Published,
    Superseded,
}

impl State {
    const ALL: [State; 7] = [
        State::Submitted,
        State::ChangesRequested,
        State::Withdrawn,
        State::Approved,
        State::Scheduled,
        State::Published,
        State::Superseded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::ChangesRequested => "changes_requested",
            State::Withdrawn => "withdrawn",
            State::Approved => "approved",
            State::Scheduled => "scheduled",
            State::Published => "published",
            State::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

impl Serialize for State {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Who is acting.
pub struct Actor<'a> {
    pub login: &'a str,
    pub roles: &'a Roles,
}

fn need(actor: &Actor, role: Role, what: &str) -> Result<(), AppError> {
    if actor.roles.has(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(format!("only a {role} may {what}")))
    }
}

fn in_state(state: State, allowed: &[State], what: &str) -> Result<(), AppError> {
    if allowed.contains(&state) {
        Ok(())
    } else {
        let names: Vec<&str> = allowed.iter().map(|s| s.as_str()).collect();
        Err(AppError::conflict(
            "state",
            format!("the version is {}; {what} needs it {}", state.as_str(), names.join(" or ")),
        ))
    }
}

/// A reviewer, not the author, approves a submitted version.
pub fn may_approve(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "approve a change")?;
    if actor.login == author {
        return Err(AppError::forbidden("the author of a change cannot approve it: ask another reviewer"));
    }
    in_state(state, &[State::Submitted], "approving")
}

/// A reviewer, not the author, sends a submitted version back with a note.
pub fn may_request_changes(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "ask for changes")?;
    if actor.login == author {
        return Err(AppError::forbidden("the author of a change can withdraw it, not review it"));
    }
    // An approved version can still go back: the reviewer or the author saw something late.
    in_state(state, &[State::Submitted, State::Approved], "asking for changes")
}

/// The author takes back a version that is not yet published.
pub fn may_withdraw(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("only the author or a reviewer may withdraw a change"));
    }
    in_state(state, &[State::Submitted, State::ChangesRequested, State::Approved], "withdrawing")
}

/// An approved version is published (now or at a time) by its author or a reviewer, and
/// only if it is newer than the version in force: an older one would take changes back.
pub fn may_publish(actor: &Actor, author: &str, state: State, number: i64, current: i64) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("only the author or a reviewer may publish an approved change"));
    }
    in_state(state, &[State::Approved, State::Scheduled], "publishing")?;
    if number <= current {
        return Err(AppError::conflict(
            "number",
            format!("version {current} is already published and is newer: submit the draft again"),
        ));
    }
    Ok(())
}

pub fn may_unschedule(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("only the author or a reviewer may cancel a scheduled publication"));
    }
    in_state(state, &[State::Scheduled], "cancelling the schedule")
}

/// A reviewer publishes an earlier published version again, as a new version.
pub fn may_roll_back(actor: &Actor, state: State, number: i64, current: i64) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "roll back the catalog")?;
    in_state(state, &[State::Published], "rolling back to it")?;
    if number == current {
        return Err(AppError::conflict("number", "this version is the one in force already"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(r: &[Role]) -> Roles {
        Roles::new(r.to_vec())
    }

    fn status(r: Result<(), AppError>) -> u16 {
        match r {
            Ok(()) => 200,
            Err(AppError::Client { status, .. }) => status.as_u16(),
            Err(_) => 500,
        }
    }

    #[test]
    fn only_another_reviewer_approves_and_only_a_submitted_version() {
        let reviewer = roles(&[Role::Reviewer]);
        let editor_reviewer = roles(&[Role::Editor, Role::Reviewer]);
        let ann = Actor { login: "ann", roles: &reviewer };
        let bob_self = Actor { login: "bob", roles: &editor_reviewer };
        assert_eq!(status(may_approve(&ann, "bob", State::Submitted)), 200);
        assert_eq!(
            status(may_approve(&bob_self, "bob", State::Submitted)),
            403,
            "an author approving their own change"
        );
        assert_eq!(status(may_approve(&ann, "bob", State::Approved)), 409);
        let editor = roles(&[Role::Editor]);
        assert_eq!(status(may_approve(&Actor { login: "eve", roles: &editor }, "bob", State::Submitted)), 403);
    }

    #[test]
    fn publishing_needs_approval_and_a_newer_number() {
        let editor = roles(&[Role::Editor]);
        let author = Actor { login: "bob", roles: &editor };
        assert_eq!(status(may_publish(&author, "bob", State::Approved, 5, 4)), 200);
        assert_eq!(status(may_publish(&author, "bob", State::Submitted, 5, 4)), 409);
        assert_eq!(
            status(may_publish(&author, "bob", State::Approved, 5, 6)),
            409,
            "an older version over a newer one"
        );
        let other = Actor { login: "eve", roles: &editor };
        assert_eq!(status(may_publish(&other, "bob", State::Approved, 5, 4)), 403);
    }

    #[test]
    fn rolling_back_is_for_reviewers_to_an_earlier_published_version() {
        let reviewer = roles(&[Role::Reviewer]);
        let ann = Actor { login: "ann", roles: &reviewer };
        assert_eq!(status(may_roll_back(&ann, State::Published, 2, 5)), 200);
        assert_eq!(status(may_roll_back(&ann, State::Published, 5, 5)), 409);
        assert_eq!(status(may_roll_back(&ann, State::Withdrawn, 2, 5)), 409);
        let editor = roles(&[Role::Editor]);
        assert_eq!(status(may_roll_back(&Actor { login: "bob", roles: &editor }, State::Published, 2, 5)), 403);
    }

    #[test]
    fn states_read_back_from_their_names() {
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        assert_eq!(State::parse("draft"), None);
    }
}
