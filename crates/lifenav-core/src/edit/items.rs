//! What each file of a catalog holds, for the studio's lists.

use super::{get, len, FieldType, FieldValue, ItemKind};
use crate::diagnostic::Seg;
use crate::source::{role, root_of, Role, SourceFile};
use serde::{Deserialize, Serialize};
use toml_edit::DocumentMut;

/// One thing an editor can open: where it is written and what to call it in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    /// The id; a scenario's name; `meta` for the catalog's own description.
    pub id: String,
    /// The Russian title, name or text.
    pub title: String,
    /// The name of the [`SourceFile`].
    pub file: String,
    /// Where the item is inside the file: `[]` for a situation or a service (one per
    /// file), `["department", 3]` for the fourth `[[department]]`.
    pub at: Vec<Seg>,
}

/// Every item of every file, in file order. The catalog folder is where
/// `catalog.toml` is (see [`root_of`]). A file that does not parse is left out: the
/// check reports it.
pub fn items(files: &[SourceFile]) -> Vec<Item> {
    let root = root_of(files);
    let mut out = Vec::new();
    for file in files {
        let Ok(doc) = file.text.parse::<DocumentMut>() else { continue };
        match role(&root, &file.name) {
            Role::Meta => out.push(single(&doc, file, ItemKind::Meta, "city")),
            Role::Situation => out.push(single(&doc, file, ItemKind::Situation, "title")),
            Role::Service => out.push(single(&doc, file, ItemKind::Service, "title")),
            Role::Questions => out.extend(listed(&doc, file, ItemKind::Question, "question", "id", "text")),
            Role::Documents => out.extend(listed(&doc, file, ItemKind::Document, "document", "id", "title")),
            Role::Departments => out.extend(listed(&doc, file, ItemKind::Department, "department", "id", "name")),
            Role::Scenario => out.extend(listed(&doc, file, ItemKind::Scenario, "scenario", "name", "name")),
            Role::Other => {}
        }
    }
    out
}

fn text(doc: &DocumentMut, path: &[Seg], ty: FieldType) -> String {
    match get(doc, path, ty) {
        FieldValue::Text { ru, .. } | FieldValue::Str(ru) => ru,
        _ => String::new(),
    }
}

/// A file that is one item (a situation, a service, the meta file).
fn single(doc: &DocumentMut, file: &SourceFile, kind: ItemKind, title: &str) -> Item {
    let id = if kind == ItemKind::Meta { "meta".to_string() } else { text(doc, &[key("id")], FieldType::Str) };
    Item { kind, id, title: text(doc, &[key(title)], FieldType::Text), file: file.name.clone(), at: Vec::new() }
}

/// A file that lists items as `[[list]]` tables.
fn listed(doc: &DocumentMut, file: &SourceFile, kind: ItemKind, list: &str, id: &str, title: &str) -> Vec<Item> {
    (0..len(doc, &[key(list)]))
        .map(|i| {
            let at = vec![key(list), Seg::Index(i)];
            let field = |name: &str| [at.as_slice(), &[key(name)]].concat();
            Item {
                kind,
                id: text(doc, &field(id), FieldType::Str),
                title: text(doc, &field(title), FieldType::Text),
                file: file.name.clone(),
                at,
            }
        })
        .collect()
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}
