//! The studio's copy of the shared draft: every file as the server last saved it, the
//! editor's unsaved changes on top, and what a save against a stale copy met. An editor's
//! own text is never dropped: a conflict keeps it beside the other text until the editor
//! chooses, and unsaved changes can be kept in the browser across a reload.

use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The other text met by a stale save: what someone else saved meanwhile (`None` text:
/// they deleted the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theirs {
    pub text: Option<String>,
    pub hash: Option<String>,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct File {
    /// As the server has it (`None`: not on the server yet).
    saved: Option<String>,
    /// The hash a save must be based on.
    hash: Option<String>,
    /// As the editor has it (`None`: deleted here).
    text: Option<String>,
    conflict: Option<Theirs>,
}

/// An unsaved change, as kept in the browser between visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsaved {
    pub path: String,
    /// `None`: the editor deleted the file.
    pub text: Option<String>,
    /// The hash the change was based on (`None`: a new file).
    pub base: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    files: BTreeMap<String, File>,
}

impl Draft {
    /// The draft as the server sends it: (path, text, hash).
    pub fn from_server(files: impl IntoIterator<Item = (String, String, String)>) -> Draft {
        let files = files
            .into_iter()
            .map(|(path, text, hash)| {
                (path, File { saved: Some(text.clone()), hash: Some(hash), text: Some(text), conflict: None })
            })
            .collect();
        Draft { files }
    }

    /// The text as the editor has it now.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path)?.text.as_deref()
    }

    /// The text as the server has it.
    pub fn saved_text(&self, path: &str) -> Option<&str> {
        self.files.get(path)?.saved.as_deref()
    }

    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().filter(|(_, f)| f.text.is_some()).map(|(p, _)| p.as_str())
    }

    pub fn edit(&mut self, path: &str, text: String) {
        self.files.entry(path.to_string()).or_default().text = Some(text);
    }

    pub fn delete(&mut self, path: &str) {
        if let Some(f) = self.files.get_mut(path) {
            f.text = None;
        }
    }

    /// Gives up the editor's change to a file.
    pub fn revert(&mut self, path: &str) {
        if let Some(f) = self.files.get_mut(path) {
            f.text = f.saved.clone();
            f.conflict = None;
        }
        self.files.retain(|_, f| f.saved.is_some() || f.text.is_some());
    }

    pub fn is_dirty(&self, path: &str) -> bool {
        self.files.get(path).is_some_and(|f| f.text != f.saved)
    }

    /// Files with unsaved changes, in path order.
    pub fn dirty(&self) -> Vec<&str> {
        self.files.iter().filter(|(_, f)| f.text != f.saved).map(|(p, _)| p.as_str()).collect()
    }

    /// The hash a save of this file is based on (`None`: it is new).
    pub fn base(&self, path: &str) -> Option<&str> {
        self.files.get(path)?.hash.as_deref()
    }

    pub fn conflict(&self, path: &str) -> Option<&Theirs> {
        self.files.get(path)?.conflict.as_ref()
    }

    /// Files whose save met someone else's change.
    pub fn conflicts(&self) -> Vec<&str> {
        self.files.iter().filter(|(_, f)| f.conflict.is_some()).map(|(p, _)| p.as_str()).collect()
    }

    /// The server saved `text` as `hash`: that is the copy now.
    pub fn saved(&mut self, path: &str, text: &str, hash: &str) {
        let f = self.files.entry(path.to_string()).or_default();
        f.saved = Some(text.to_string());
        f.hash = Some(hash.to_string());
        f.conflict = None;
    }

    /// The server deleted the file.
    pub fn deleted(&mut self, path: &str) {
        if let Some(f) = self.files.get_mut(path) {
            f.saved = None;
            f.hash = None;
            f.conflict = None;
        }
        self.files.retain(|_, f| f.saved.is_some() || f.text.is_some());
    }

    /// A save was refused as stale: the editor's text stays, theirs is kept beside it.
    pub fn met(&mut self, path: &str, theirs: Theirs) {
        self.files.entry(path.to_string()).or_default().conflict = Some(theirs);
    }

    /// The editor keeps their own text over the other: the next save is based on the
    /// other's hash, so it replaces it knowingly.
    pub fn keep_mine(&mut self, path: &str) {
        if let Some(f) = self.files.get_mut(path) {
            if let Some(theirs) = f.conflict.take() {
                f.saved = theirs.text;
                f.hash = theirs.hash;
            }
        }
    }

    /// The editor takes the other text instead of their own.
    pub fn take_theirs(&mut self, path: &str) {
        if let Some(f) = self.files.get_mut(path) {
            if let Some(theirs) = f.conflict.take() {
                f.saved = theirs.text.clone();
                f.hash = theirs.hash;
                f.text = theirs.text;
            }
        }
        self.files.retain(|_, f| f.saved.is_some() || f.text.is_some());
    }

    /// Every file as the editor has it now, for the check and the preview.
    pub fn sources(&self) -> Vec<SourceFile> {
        self.files
            .iter()
            .filter_map(|(p, f)| f.text.as_ref().map(|t| SourceFile { name: p.clone(), text: t.clone() }))
            .collect()
    }

    /// The unsaved changes, to keep in the browser.
    pub fn unsaved(&self) -> Vec<Unsaved> {
        self.files
            .iter()
            .filter(|(_, f)| f.text != f.saved)
            .map(|(p, f)| Unsaved { path: p.clone(), text: f.text.clone(), base: f.hash.clone() })
            .collect()
    }

    /// Puts back changes kept from an earlier visit. One whose file changed on the server
    /// since becomes a conflict, so the editor sees both texts.
    pub fn restore(&mut self, kept: Vec<Unsaved>) {
        for u in kept {
            let f = self.files.entry(u.path.clone()).or_default();
            if f.hash != u.base {
                f.conflict = Some(Theirs { text: f.saved.clone(), hash: f.hash.clone(), by: String::new() });
                f.hash = u.base;
            }
            f.text = u.text;
        }
        self.files.retain(|_, f| f.saved.is_some() || f.text.is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft::from_server([("a.toml".to_string(), "x = 1\n".to_string(), "h1".to_string())])
    }

    #[test]
    fn an_edit_is_dirty_until_saved() {
        let mut d = draft();
        assert!(d.dirty().is_empty());
        d.edit("a.toml", "x = 2\n".into());
        assert_eq!(d.dirty(), ["a.toml"]);
        assert_eq!(d.base("a.toml"), Some("h1"));
        d.saved("a.toml", "x = 2\n", "h2");
        assert!(d.dirty().is_empty());
        assert_eq!(d.base("a.toml"), Some("h2"));
    }

    #[test]
    fn a_conflict_keeps_both_texts_until_the_editor_chooses() {
        let mut d = draft();
        d.edit("a.toml", "x = 2\n".into());
        d.met("a.toml", Theirs { text: Some("x = 3\n".into()), hash: Some("h3".into()), by: "anna".into() });
        assert_eq!(d.text("a.toml"), Some("x = 2\n"), "mine is kept");
        assert_eq!(d.conflict("a.toml").unwrap().text.as_deref(), Some("x = 3\n"));
        let mut mine = d.clone();
        mine.keep_mine("a.toml");
        assert_eq!(
            (mine.text("a.toml"), mine.base("a.toml")),
            (Some("x = 2\n"), Some("h3")),
            "saving now replaces theirs knowingly"
        );
        assert!(mine.is_dirty("a.toml"));
        d.take_theirs("a.toml");
        assert_eq!((d.text("a.toml"), d.base("a.toml")), (Some("x = 3\n"), Some("h3")));
        assert!(!d.is_dirty("a.toml") && d.conflicts().is_empty());
    }

    #[test]
    fn unsaved_changes_survive_a_reload_and_a_change_on_the_server_meanwhile() {
        let mut d = draft();
        d.edit("a.toml", "x = 2\n".into());
        d.edit("new.toml", "n = 1\n".into());
        let kept = d.unsaved();
        // The same server copy: the changes come back as they were.
        let mut same = draft();
        same.restore(kept.clone());
        assert_eq!(same.dirty(), ["a.toml", "new.toml"]);
        assert!(same.conflicts().is_empty());
        // Someone saved a.toml meanwhile: it comes back as a conflict with their text.
        let mut moved = Draft::from_server([("a.toml".to_string(), "x = 9\n".to_string(), "h9".to_string())]);
        moved.restore(kept);
        assert_eq!(moved.text("a.toml"), Some("x = 2\n"));
        assert_eq!(moved.conflict("a.toml").unwrap().text.as_deref(), Some("x = 9\n"));
        assert_eq!(moved.base("a.toml"), Some("h1"), "a save stays stale until the editor chooses");
    }

    #[test]
    fn deleting_and_reverting() {
        let mut d = draft();
        d.delete("a.toml");
        assert_eq!(d.paths().count(), 0);
        assert!(d.is_dirty("a.toml"));
        d.revert("a.toml");
        assert_eq!(d.text("a.toml"), Some("x = 1\n"));
        d.edit("b.toml", "y = 1\n".into());
        d.revert("b.toml");
        assert_eq!(d.paths().collect::<Vec<_>>(), ["a.toml"], "a reverted new file is gone");
        d.delete("a.toml");
        d.deleted("a.toml");
        assert!(d.sources().is_empty() && d.dirty().is_empty());
    }
}
