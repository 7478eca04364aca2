//! The studio's copy of the shared draft: every file as the server last saved it, the
//! editor's unsaved changes on top, and what a save against a stale copy met. An editor's
//! own text is never dropped: a conflict keeps it beside the other text until the editor
//! chooses, and unsaved changes can be kept in the browser across a reload.

use crate::edit::merge::{self, FieldConflict, Pick};
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
    /// A text that could not be merged by field (a deletion, or TOML that does not read).
    conflict: Option<Theirs>,
    /// Fields both editors changed: the text holds the colleague's value until the
    /// editor picks one.
    fields: Vec<FieldConflict>,
    /// Who saved the other side of `fields`.
    fields_by: String,
}

/// An unsaved change, as kept in the browser between visits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unsaved {
    pub path: String,
    /// `None`: the editor deleted the file.
    pub text: Option<String>,
    /// The hash the change was based on (`None`: a new file).
    pub base: Option<String>,
    /// The text it was based on, to merge with what was saved meanwhile.
    #[serde(default)]
    pub base_text: Option<String>,
    #[serde(default)]
    pub fields: Vec<FieldConflict>,
}

/// What a save that met someone else's change came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Met {
    /// Both changes are kept: the merged text is to be saved again.
    Merged,
    /// These many fields were changed by both: the editor picks for each.
    Fields(usize),
    /// The texts could not be merged by field: both are kept whole.
    Whole,
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
                (path, File { saved: Some(text.clone()), hash: Some(hash), text: Some(text), ..File::default() })
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

    /// Files whose save met someone else's change, not yet settled.
    pub fn conflicts(&self) -> Vec<&str> {
        self.files
            .iter()
            .filter(|(_, f)| f.conflict.is_some() || !f.fields.is_empty())
            .map(|(p, _)| p.as_str())
            .collect()
    }

    /// The fields of a file that both editors changed, and who the other one is.
    pub fn field_conflicts(&self, path: &str) -> (&[FieldConflict], &str) {
        self.files.get(path).map(|f| (f.fields.as_slice(), f.fields_by.as_str())).unwrap_or((&[], ""))
    }

    /// Every field conflict of the draft, by file.
    pub fn all_field_conflicts(&self) -> Vec<(&str, &FieldConflict)> {
        self.files.iter().flat_map(|(p, f)| f.fields.iter().map(move |c| (p.as_str(), c))).collect()
    }

    /// The editor settles a field both changed: the value picked goes into their text.
    pub fn pick(&mut self, path: &str, field: &crate::diagnostic::Path, pick: Pick) -> bool {
        let Some(f) = self.files.get_mut(path) else { return false };
        let Some(at) = f.fields.iter().position(|c| &c.path == field) else { return false };
        let Some(text) = &f.text else { return false };
        match merge::resolve(text, &f.fields[at], pick) {
            Ok(new) => {
                f.text = Some(new);
                f.fields.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// The server saved `text` as `hash`: that is the copy now.
    pub fn saved(&mut self, path: &str, text: &str, hash: &str) {
        let f = self.files.entry(path.to_string()).or_default();
        f.saved = Some(text.to_string());
        f.hash = Some(hash.to_string());
        f.conflict = None;
        f.fields.clear();
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

    /// A save was refused as stale. What the editor changed since their copy is laid onto
    /// the other text field by field; a field both changed keeps all three values for the
    /// editor to pick from. Nothing either of them typed is dropped.
    pub fn met(&mut self, path: &str, theirs: Theirs) -> Met {
        let f = self.files.entry(path.to_string()).or_default();
        merge_into(f, theirs)
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
            .map(|(p, f)| Unsaved {
                path: p.clone(),
                text: f.text.clone(),
                base: f.hash.clone(),
                base_text: f.saved.clone(),
                fields: f.fields.clone(),
            })
            .collect()
    }

    /// Puts back changes kept from an earlier visit. One whose file changed on the server
    /// since becomes a conflict, so the editor sees both texts.
    pub fn restore(&mut self, kept: Vec<Unsaved>) {
        for u in kept {
            let f = self.files.entry(u.path.clone()).or_default();
            if f.hash == u.base {
                f.text = u.text;
                f.fields = u.fields;
                continue;
            }
            let theirs = Theirs { text: f.saved.clone(), hash: f.hash.clone(), by: String::new() };
            match u.base_text {
                Some(base_text) => {
                    f.saved = Some(base_text);
                    f.text = u.text;
                    merge_into(f, theirs);
                }
                // Kept by an older studio, without the text it was based on.
                None => {
                    f.conflict = Some(theirs);
                    f.hash = u.base;
                    f.text = u.text;
                }
            }
        }
        self.files.retain(|_, f| f.saved.is_some() || f.text.is_some());
    }
}

fn merge_into(f: &mut File, theirs: Theirs) -> Met {
    if let (Some(base), Some(mine), Some(other)) = (&f.saved, &f.text, &theirs.text) {
        if let Ok(merged) = merge::merge(base, mine, other) {
            f.saved = theirs.text;
            f.hash = theirs.hash;
            f.text = Some(merged.text);
            f.conflict = None;
            let n = merged.conflicts.len();
            f.fields = merged.conflicts;
            f.fields_by = theirs.by;
            return if n == 0 { Met::Merged } else { Met::Fields(n) };
        }
    }
    f.conflict = Some(theirs);
    Met::Whole
}

/// The draft's text of a file after the version in force changed from `old` to `new`
/// (a publish, a rollback): the editors' own changes since `old` stay, field by field,
/// and the rest follows `new`, so that nothing rolled back comes back as a change.
/// `None`: the file goes (the draft had not changed it and `new` has none).
pub fn rebase(old: Option<&str>, draft: Option<&str>, new: Option<&str>) -> Option<String> {
    match (old, draft, new) {
        (o, d, n) if o == d => n.map(str::to_string),
        (_, None, _) => None,
        (Some(o), Some(d), Some(n)) => match merge::merge(o, d, n) {
            Ok(m) => {
                let mut text = m.text;
                for c in &m.conflicts {
                    text = merge::resolve(&text, c, Pick::Mine).unwrap_or(text);
                }
                Some(text)
            }
            Err(_) => Some(d.to_string()),
        },
        (_, Some(d), _) => Some(d.to_string()),
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
    fn a_field_both_changed_keeps_all_three_values_until_the_editor_picks() {
        let mut d = draft();
        d.edit("a.toml", "x = 2\n".into());
        let met = d.met("a.toml", Theirs { text: Some("x = 3\n".into()), hash: Some("h3".into()), by: "anna".into() });
        assert_eq!(met, Met::Fields(1));
        assert_eq!(d.conflicts(), ["a.toml"]);
        let (fields, by) = d.field_conflicts("a.toml");
        assert_eq!(by, "anna");
        assert_eq!(
            (fields[0].before.as_deref(), fields[0].mine.as_deref(), fields[0].theirs.as_deref()),
            (Some("1"), Some("2"), Some("3"))
        );
        assert_eq!(d.base("a.toml"), Some("h3"), "the next save is based on theirs");
        let field = fields[0].path.clone();
        let mut kept = d.clone();
        assert!(kept.pick("a.toml", &field, Pick::Mine));
        assert_eq!(kept.text("a.toml"), Some("x = 2\n"));
        assert!(kept.conflicts().is_empty() && kept.is_dirty("a.toml"));
        assert!(d.pick("a.toml", &field, Pick::Theirs));
        assert_eq!(d.text("a.toml"), Some("x = 3\n"));
        assert!(!d.is_dirty("a.toml"));
    }

    #[test]
    fn a_colleagues_change_to_another_field_is_merged_and_kept() {
        // The defect this guards: editor B's save over editor A's lost A's change.
        let base = "[[department]]\nid = \"mfc\"\nhours = \"9–18\"\n\n[[department]]\nid = \"zags\"\n";
        let mut d = Draft::from_server([("d.toml".to_string(), base.to_string(), "h1".to_string())]);
        d.edit("d.toml", base.replace("9–18", "8–20"));
        let theirs = base.replace("id = \"zags\"\n", "id = \"zags\"\nsite = \"https://zags.example/\"\n");
        let met = d.met("d.toml", Theirs { text: Some(theirs), hash: Some("h2".into()), by: "anna".into() });
        assert_eq!(met, Met::Merged);
        let text = d.text("d.toml").unwrap();
        assert!(text.contains("8–20") && text.contains("zags.example"), "{text}");
        assert_eq!(d.base("d.toml"), Some("h2"));
        assert!(d.is_dirty("d.toml") && d.conflicts().is_empty());
    }

    #[test]
    fn a_whole_text_conflict_when_mine_does_not_read() {
        let mut d = draft();
        d.edit("a.toml", "x = \n".into());
        let met = d.met("a.toml", Theirs { text: Some("x = 3\n".into()), hash: Some("h3".into()), by: "anna".into() });
        assert_eq!(met, Met::Whole);
        assert_eq!(d.text("a.toml"), Some("x = \n"), "mine is kept");
        assert_eq!(d.conflict("a.toml").unwrap().text.as_deref(), Some("x = 3\n"));
        let mut mine = d.clone();
        mine.keep_mine("a.toml");
        assert_eq!(
            (mine.text("a.toml"), mine.base("a.toml")),
            (Some("x = \n"), Some("h3")),
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
        // Someone saved a.toml meanwhile: the same field, so it comes back as a field conflict.
        let mut moved = Draft::from_server([("a.toml".to_string(), "x = 9\n".to_string(), "h9".to_string())]);
        moved.restore(kept.clone());
        assert_eq!(moved.text("a.toml"), Some("x = 9\n"), "theirs until the editor picks");
        let (fields, _) = moved.field_conflicts("a.toml");
        assert_eq!((fields[0].mine.as_deref(), fields[0].theirs.as_deref()), (Some("2"), Some("9")));
        // Another field: merged.
        let mut other = Draft::from_server([("a.toml".to_string(), "x = 1\ny = 5\n".to_string(), "h5".to_string())]);
        other.restore(kept);
        assert_eq!(other.text("a.toml"), Some("x = 2\ny = 5\n"));
        assert!(other.conflicts().is_empty());
    }

    #[test]
    fn rebase_after_a_rollback_keeps_the_editors_changes_and_drops_what_was_rolled_back() {
        let v5 = "fee = 500\nhours = \"9–18\"\n";
        let v6 = "fee = 350\nhours = \"9–18\"\n";
        // The draft still held version 5 as it was: it becomes version 6.
        assert_eq!(rebase(Some(v5), Some(v5), Some(v6)).as_deref(), Some(v6));
        // An editor changed the hours since: that stays, the fee follows the rollback.
        let edited = "fee = 500\nhours = \"8–20\"\n";
        assert_eq!(rebase(Some(v5), Some(edited), Some(v6)).as_deref(), Some("fee = 350\nhours = \"8–20\"\n"));
        // The editor changed the fee too: their own value stays.
        assert_eq!(rebase(Some(v5), Some("fee = 600\n"), Some(v6)).as_deref(), Some("fee = 600\n"));
        // A file version 5 added, untouched since, goes with the rollback.
        assert_eq!(rebase(Some(v5), Some(v5), None), None);
        // A file the rollback brings back, which the draft did not have either.
        assert_eq!(rebase(None, None, Some(v6)).as_deref(), Some(v6));
        // A file the editor deleted stays deleted.
        assert_eq!(rebase(Some(v5), None, Some(v6)), None);
        // A file the editor added stays.
        assert_eq!(rebase(None, Some("n = 1\n"), None).as_deref(), Some("n = 1\n"));
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
