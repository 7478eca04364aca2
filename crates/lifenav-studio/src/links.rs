//! Where things are in the studio: item kinds in URLs, and a diagnostic's catalog path
//! (`services.birth-registration.variants[1].fee`) as the item and field to open.

use lifenav_core::diagnostic::Seg;
use lifenav_core::edit::Item;
use lifenav_core::ItemKind;

/// Where the studio is served; the router matches paths below it.
pub const BASE: &str = "/studio";

/// A link's `href`: leptos_router's `<A>` takes an absolute path as it is, while its
/// `navigate` puts the base in front itself, so links are written through this.
pub fn href(path: &str) -> String {
    format!("{BASE}{path}")
}

/// The kind's word in URLs (`/items/services`).
pub fn kind_slug(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Meta => "catalog",
        ItemKind::Category => "categories",
        ItemKind::Situation => "situations",
        ItemKind::Service => "services",
        ItemKind::Question => "questions",
        ItemKind::Document => "documents",
        ItemKind::Department => "departments",
        ItemKind::Scenario => "scenarios",
    }
}

pub fn kind_of_slug(slug: &str) -> Option<ItemKind> {
    [
        ItemKind::Meta,
        ItemKind::Situation,
        ItemKind::Service,
        ItemKind::Question,
        ItemKind::Document,
        ItemKind::Department,
        ItemKind::Scenario,
    ]
    .into_iter()
    .find(|k| kind_slug(*k) == slug)
}

/// The kinds a catalog path starts with, as the core names them in diagnostics.
fn kind_of_path_root(root: &str) -> Option<ItemKind> {
    match root {
        "meta" => Some(ItemKind::Meta),
        "situations" => Some(ItemKind::Situation),
        "services" => Some(ItemKind::Service),
        "questions" => Some(ItemKind::Question),
        "documents" => Some(ItemKind::Document),
        "departments" => Some(ItemKind::Department),
        _ => None,
    }
}

/// The studio's address of an item, opened at a field (`field` as [`field_id`] writes it).
pub fn edit_href(kind: ItemKind, id: &str, field: Option<&str>) -> String {
    let id = String::from(js_sys::encode_uri_component(id));
    match field {
        Some(f) if !f.is_empty() => format!("/edit/{}/{id}?field={f}", kind_slug(kind)),
        _ => format!("/edit/{}/{id}", kind_slug(kind)),
    }
}

/// A field's DOM id below its item: `field-variants-0-fee-amount` (indices from 0).
pub fn field_id(path: &[Seg]) -> String {
    let mut id = String::from("field");
    for seg in path {
        id.push('-');
        match seg {
            Seg::Key(k) => id.push_str(k),
            Seg::Index(i) => id.push_str(&i.to_string()),
        }
    }
    id
}

/// The item and field a diagnostic points at, from its catalog path and file.
pub fn target(path: &lifenav_core::Path, file: Option<&str>, items: &[Item]) -> Option<(ItemKind, String, String)> {
    let segs = &path.0;
    if let [Seg::Key(root), rest @ ..] = segs.as_slice() {
        if let Some(kind) = kind_of_path_root(root) {
            let (id, field) = match (kind, rest) {
                (ItemKind::Meta, rest) => ("meta".to_string(), rest),
                (_, [Seg::Key(id), rest @ ..]) => (id.clone(), rest),
                _ => return None,
            };
            let found = items.iter().any(|i| i.kind == kind && i.id == id);
            if found {
                return Some((
                    kind,
                    id,
                    field_id(field).trim_start_matches("field").trim_start_matches('-').to_string(),
                ));
            }
        }
    }
    // No path (a TOML syntax error): the first item of the file, at its source.
    let file = file?;
    items.iter().find(|i| i.file == file).map(|i| (i.kind, i.id.clone(), "source".to_string()))
}
