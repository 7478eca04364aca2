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

    /// The state as the studio shows it: «на проверке», «одобрена».
    pub fn title(self) -> &'static str {
        match self {
            State::Submitted => "на проверке",
            State::ChangesRequested => "возвращена на доработку",
            State::Withdrawn => "отозвана",
            State::Approved => "одобрена",
            State::Scheduled => "публикация запланирована",
            State::Published => "опубликована",
            State::Superseded => "заменена более новой",
        }
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

/// `what`: the action, as in «{what} может только проверяющий» («Одобрить изменение»).
fn need(actor: &Actor, role: Role, what: &str) -> Result<(), AppError> {
    if actor.roles.has(role) {
        Ok(())
    } else {
        Err(AppError::forbidden(format!(
            "{what} может только {}: попросите администратора дать вам эту роль",
            role.title()
        )))
    }
}

/// `what`: what may be done to which, as in «одобрить можно только версию в состоянии» «на проверке».
fn in_state(state: State, allowed: &[State], what: &str) -> Result<(), AppError> {
    if allowed.contains(&state) {
        Ok(())
    } else {
        let names: Vec<String> = allowed.iter().map(|s| format!("«{}»", s.title())).collect();
        let names = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} или {last}", rest.join(", ")),
            _ => names.concat(),
        };
        Err(AppError::conflict(
            "state",
            format!(
                "Версия сейчас «{}»: {what} {names}. Обновите страницу, чтобы увидеть, что с ней сделали",
                state.title()
            ),
        ))
    }
}

/// A reviewer, not the author, approves a submitted version.
pub fn may_approve(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "Одобрить изменение")?;
    if actor.login == author {
        return Err(AppError::forbidden("Версию одобряет другой проверяющий: автор не может одобрить своё изменение"));
    }
    in_state(state, &[State::Submitted], "одобрить можно только версию в состоянии")
}

/// A reviewer, not the author, sends a submitted version back with a note.
pub fn may_request_changes(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "Вернуть изменение на доработку")?;
    if actor.login == author {
        return Err(AppError::forbidden(
            "Автор не проверяет своё изменение: он может его отозвать, а вернуть на доработку — другой проверяющий",
        ));
    }
    // An approved version can still go back: the reviewer or the author saw something late.
    in_state(state, &[State::Submitted, State::Approved], "вернуть на доработку можно только версию в состоянии")
}

/// The author takes back a version that is not yet published.
pub fn may_withdraw(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("Отозвать изменение может только его автор или проверяющий"));
    }
    in_state(
        state,
        &[State::Submitted, State::ChangesRequested, State::Approved],
        "отозвать можно только версию в состоянии",
    )
}

/// An approved version is published (now or at a time) by its author or a reviewer, and
/// only if it is newer than the version in force: an older one would take changes back.
pub fn may_publish(actor: &Actor, author: &str, state: State, number: i64, current: i64) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden("Опубликовать изменение может только его автор или проверяющий"));
    }
    in_state(state, &[State::Approved, State::Scheduled], "опубликовать можно только версию в состоянии")?;
    if number <= current {
        return Err(AppError::conflict(
            "number",
            format!("Уже действует более новая версия {current}: эту публиковать нельзя. Отправьте черновик на проверку заново"),
        ));
    }
    Ok(())
}

pub fn may_unschedule(actor: &Actor, author: &str, state: State) -> Result<(), AppError> {
    if actor.login != author && !actor.roles.has(Role::Reviewer) {
        return Err(AppError::forbidden(
            "Отменить запланированную публикацию может только автор изменения или проверяющий",
        ));
    }
    in_state(state, &[State::Scheduled], "отменить публикацию можно только у версии в состоянии")
}

/// A reviewer publishes an earlier published version again, as a new version.
pub fn may_roll_back(actor: &Actor, state: State, number: i64, current: i64) -> Result<(), AppError> {
    need(actor, Role::Reviewer, "Вернуть каталог к прежней версии")?;
    in_state(state, &[State::Published], "вернуть каталог можно только к версии в состоянии")?;
    if number == current {
        return Err(AppError::conflict("number", "Эта версия и так действует сейчас: возвращаться к ней не нужно"));
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
