//! What changed between two versions of the catalog, field by field and by item, for a
//! reviewer to read as sentences («Регистрация брака — пошлина: 350 ₽ → 500,50 ₽») rather
//! than as a diff of TOML lines.

use super::items::{items, Item};
use super::merge::value_text;
use crate::diagnostic::Seg;
use crate::edit::ItemKind;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml_edit::{DocumentMut, Item as TomlItem, Value};

/// One changed field of one item. Values are as staff read them (texts without quotes,
/// sums in roubles, a list entry by its name); `None`: not written on that side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub kind: Option<ItemKind>,
    pub item: String,
    /// The item's title (or name) as the newer version has it.
    pub title: String,
    /// The field inside the item: `["fee", "amount"]`, `["documents", 2]`.
    pub field: Vec<Seg>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every changed field, in file order, then by where it is in its item.
pub fn changes(old: &[SourceFile], new: &[SourceFile]) -> Vec<FieldChange> {
    let old_items = items(old);
    let new_items = items(new);
    let by_path = |files: &[SourceFile]| -> BTreeMap<String, String> {
        files.iter().map(|f| (f.name.clone(), f.text.clone())).collect()
    };
    let (old_files, new_files) = (by_path(old), by_path(new));
    let mut paths: Vec<&String> = old_files.keys().chain(new_files.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut out = Vec::new();
    for path in paths {
        let parse = |t: Option<&String>| t.and_then(|t| t.parse::<DocumentMut>().ok());
        let (a, b) = (old_files.get(path), new_files.get(path));
        if a == b {
            continue;
        }
        let (a, b) = (parse(a), parse(b));
        let mut raw = Vec::new();
        walk(&mut Vec::new(), a.as_ref().map(|d| d.as_item()), b.as_ref().map(|d| d.as_item()), &mut raw);
        for (at, before, after) in raw {
            let item = owner(&new_items, path, &at).or_else(|| owner(&old_items, path, &at));
            let (kind, id, title, field) = match item {
                Some(i) => (Some(i.kind), i.id.clone(), i.title.clone(), at[i.at.len()..].to_vec()),
                None => (None, String::new(), String::new(), at),
            };
            out.push(FieldChange { kind, item: id, title, field, before, after });
        }
    }
    out
}

/// The item of `file` that holds `at`: the one whose place is the longest beginning of it.
fn owner<'a>(items: &'a [Item], file: &str, at: &[Seg]) -> Option<&'a Item> {
    items.iter().filter(|i| i.file == file && at.starts_with(&i.at)).max_by_key(|i| i.at.len())
}

const IDENTITY_KEYS: [&str; 4] = ["id", "doc", "name", "situation"];

fn is_table(i: &TomlItem) -> bool {
    i.is_table_like()
}

/// A list's entries, when every one is a table.
fn table_entries(i: &TomlItem) -> Option<Vec<&TomlItem>> {
    let n = match i {
        TomlItem::ArrayOfTables(a) => a.len(),
        TomlItem::Value(Value::Array(a)) => a.len(),
        _ => return None,
    };
    let entries: Vec<&TomlItem> = (0..n).filter_map(|k| i.get(k)).collect();
    (entries.len() == n && entries.iter().all(|e| is_table(e))).then_some(entries)
}

fn identity(entry: &TomlItem) -> Option<String> {
    let t = entry.as_table_like()?;
    IDENTITY_KEYS.iter().find_map(|k| t.get(k)?.as_str().map(|s| format!("{k}={s}")))
}

/// A list entry as a reviewer names it: its title, document, service, kind or id.
fn entry_name(entry: &TomlItem) -> String {
    let t = match entry.as_table_like() {
        Some(t) => t,
        None => return shown(entry),
    };
    for key in ["title", "text", "name", "doc", "service", "kind", "id"] {
        if let Some(v) = t.get(key) {
            return shown(v);
        }
    }
    shown(entry)
}

/// A value as staff read it.
fn shown(item: &TomlItem) -> String {
    match item.as_value() {
        Some(v) => shown_value(v),
        None => value_text(item).and_then(|t| t.parse::<Value>().ok()).map(|v| shown_value(&v)).unwrap_or_default(),
    }
}

fn shown_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::Integer(i) => i.value().to_string(),
        Value::Float(f) => f.value().to_string().replace('.', ","),
        Value::Boolean(b) => if *b.value() { "да" } else { "нет" }.to_string(),
        Value::Datetime(d) => d.value().to_string(),
        Value::Array(a) => a.iter().map(shown_value).collect::<Vec<_>>().join("; "),
        Value::InlineTable(t) => match t.get("ru") {
            Some(ru) => shown_value(ru),
            None => t.iter().map(|(k, v)| format!("{k}: {}", shown_value(v))).collect::<Vec<_>>().join(", "),
        },
    }
}

/// The same value, however it is written (quotes, spacing, inline or not).
fn same(a: &TomlItem, b: &TomlItem) -> bool {
    super::merge::same(Some(a), Some(b))
}

type Raw = (Vec<Seg>, Option<String>, Option<String>);

fn walk(path: &mut Vec<Seg>, a: Option<&TomlItem>, b: Option<&TomlItem>, out: &mut Vec<Raw>) {
    let (a, b) = (a.filter(|i| !i.is_none()), b.filter(|i| !i.is_none()));
    match (a, b) {
        (None, None) => {}
        (Some(a), Some(b)) if same(a, b) => {}
        (Some(a), Some(b)) if is_table(a) && is_table(b) && !is_text(a) && !is_text(b) => {
            let mut keys: Vec<String> = Vec::new();
            for t in [a, b] {
                for (k, _) in t.as_table_like().into_iter().flat_map(|t| t.iter()) {
                    if !keys.iter().any(|x| x == k) {
                        keys.push(k.to_string());
                    }
                }
            }
            for k in keys {
                path.push(Seg::Key(k.clone()));
                let child = |t: &TomlItem| t.as_table_like().and_then(|t| t.get(&k)).cloned();
                walk(path, child(a).as_ref(), child(b).as_ref(), out);
                path.pop();
            }
        }
        (Some(a), Some(b)) => match (table_entries(a), table_entries(b)) {
            (Some(ea), Some(eb)) => walk_entries(path, &ea, &eb, out),
            _ => out.push((path.clone(), Some(shown(a)), Some(shown(b)))),
        },
        (a, b) => {
            // A whole list of tables added or removed: one sentence per entry.
            if let Some(entries) = a.and_then(table_entries).or_else(|| b.and_then(table_entries)) {
                for (i, e) in entries.iter().enumerate() {
                    let mut at = path.clone();
                    at.push(Seg::Index(i));
                    let name = Some(entry_name(e));
                    out.push(if a.is_some() { (at, name, None) } else { (at, None, name) });
                }
                return;
            }
            out.push((path.clone(), a.map(shown), b.map(shown)));
        }
    }
}

/// A citizen-facing text: `{ ru = …, en = … }`, compared as one value.
fn is_text(i: &TomlItem) -> bool {
    i.as_table_like().is_some_and(|t| t.iter().all(|(k, _)| k == "ru" || k == "en") && t.get("ru").is_some())
}

fn walk_entries(path: &mut Vec<Seg>, a: &[&TomlItem], b: &[&TomlItem], out: &mut Vec<Raw>) {
    let ids = |l: &[&TomlItem]| l.iter().map(|e| identity(e)).collect::<Option<Vec<String>>>();
    match (ids(a), ids(b)) {
        (Some(ia), Some(ib)) => {
            for (j, id) in ib.iter().enumerate() {
                path.push(Seg::Index(j));
                match ia.iter().position(|x| x == id) {
                    Some(i) => walk(path, Some(a[i]), Some(b[j]), out),
                    None => out.push((path.clone(), None, Some(entry_name(b[j])))),
                }
                path.pop();
            }
            for (i, id) in ia.iter().enumerate() {
                if !ib.contains(id) {
                    let mut at = path.clone();
                    at.push(Seg::Index(i));
                    out.push((at, Some(entry_name(a[i])), None));
                }
            }
        }
        _ => {
            for j in 0..a.len().max(b.len()) {
                path.push(Seg::Index(j));
                match (a.get(j), b.get(j)) {
                    (Some(x), Some(y)) => walk(path, Some(x), Some(y), out),
                    (Some(x), None) => out.push((path.clone(), Some(entry_name(x)), None)),
                    (None, Some(y)) => out.push((path.clone(), None, Some(entry_name(y)))),
                    (None, None) => {}
                }
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn a_fee_and_hours_read_as_changes_of_named_items() {
        let (_, old) = testing::files("irkutsk");
        let fee = testing::file(&old, "services/marriage-registration.toml").text.replacen(
            "amount = 350",
            "amount = 500.5",
            1,
        );
        let new = testing::with_text(&old, "services/marriage-registration.toml", fee);
        let deps = testing::file(&new, "departments.toml").text.replacen(
            "id = \"zags\"\n",
            "id = \"zags\"\nhours = \"пн–пт 9:00–18:00\"\n",
            1,
        );
        let new = testing::with_text(&new, "departments.toml", deps);
        let c = changes(&old, &new);
        assert_eq!(c.len(), 2, "{c:#?}");
        let fee = c.iter().find(|c| c.item == "marriage-registration").unwrap();
        assert_eq!(fee.kind, Some(ItemKind::Service));
        assert_eq!(fee.title, "Регистрация брака");
        assert_eq!(fee.field.last(), Some(&Seg::Key("amount".into())));
        assert_eq!((fee.before.as_deref(), fee.after.as_deref()), (Some("350"), Some("500,5")));
        let hours = c.iter().find(|c| c.item == "zags").unwrap();
        assert_eq!(hours.field, [Seg::Key("hours".into())]);
        assert_eq!((hours.before.as_deref(), hours.after.as_deref()), (None, Some("пн–пт 9:00–18:00")));
    }

    #[test]
    fn entries_of_lists_are_named_and_texts_are_one_value() {
        let old = vec![
            SourceFile { name: "catalog.toml".into(), text: "city = \"X\"\n".into() },
            SourceFile {
                name: "services/s.toml".into(),
                text:
                    "id = \"s\"\ntitle = { ru = \"Услуга\", en = \"Service\" }\n\n[[documents]]\ndoc = \"passport\"\n"
                        .into(),
            },
        ];
        let mut new = old.clone();
        new[1].text = "id = \"s\"\ntitle = { ru = \"Услуга города\", en = \"Service\" }\n\n[[documents]]\ndoc = \"passport\"\n\n[[documents]]\ndoc = \"photos\"\n".into();
        let c = changes(&old, &new);
        let shown: Vec<(Vec<Seg>, Option<&str>, Option<&str>)> =
            c.iter().map(|c| (c.field.clone(), c.before.as_deref(), c.after.as_deref())).collect();
        assert_eq!(
            shown,
            [
                (vec![Seg::Key("title".into())], Some("Услуга"), Some("Услуга города")),
                (vec![Seg::Key("documents".into()), Seg::Index(1)], None, Some("photos")),
            ]
        );
        // Written another way, the same value is no change.
        let mut quoted = old.clone();
        quoted[1].text = old[1].text.replace("doc = \"passport\"", "doc = 'passport'").replace("{ ru = ", "{ru=");
        assert_eq!(changes(&old, &quoted), []);
    }
}
