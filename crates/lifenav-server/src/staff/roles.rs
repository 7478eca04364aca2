//! What a staff member may do. One account can hold several roles.

use serde::{Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Manages the staff accounts.
    Admin,
    /// Edits the catalog's draft and submits it for review.
    Editor,
    /// Reviews, approves and publishes someone else's changes.
    Reviewer,
    /// Answers citizens' ratings of their departments' services.
    Responder,
    /// Reads the feedback figures.
    Analyst,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Admin, Role::Editor, Role::Reviewer, Role::Responder, Role::Analyst];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Responder => "responder",
            Role::Analyst => "analyst",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The role's name as the studio shows it: «проверяющий», «отвечает на отзывы».
    pub fn title(self) -> &'static str {
        match self {
            Role::Admin => "администратор",
            Role::Editor => "редактор",
            Role::Reviewer => "проверяющий",
            Role::Responder => "отвечает на отзывы",
            Role::Analyst => "аналитик",
        }
    }

    /// «Нужна роль «проверяющий»: её даёт администратор».
    pub fn needed(self) -> String {
        format!("Нужна роль «{}»: её даёт администратор", self.title())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A set of roles, kept in the database as `editor,reviewer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Roles(pub Vec<Role>);

impl Roles {
    pub fn new(mut roles: Vec<Role>) -> Roles {
        roles.sort();
        roles.dedup();
        Roles(roles)
    }
    pub fn has(&self, role: Role) -> bool {
        self.0.contains(&role)
    }
    /// Reads the stored form; an unknown word (from a later version) is skipped.
    pub fn from_stored(s: &str) -> Roles {
        Roles::new(s.split(',').filter_map(|r| Role::parse(r.trim())).collect())
    }
    pub fn to_stored(&self) -> String {
        self.0.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
    }
    /// «редактор, проверяющий», or «нет ролей».
    pub fn titles(&self) -> String {
        if self.0.is_empty() {
            return "нет ролей".to_string();
        }
        self.0.iter().map(|r| r.title()).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_form() {
        let roles = Roles::new(vec![Role::Reviewer, Role::Editor, Role::Editor]);
        assert_eq!(roles.to_stored(), "editor,reviewer");
        assert_eq!(Roles::from_stored("editor,reviewer,astronaut"), roles);
        assert!(roles.has(Role::Editor) && !roles.has(Role::Admin));
    }
}
