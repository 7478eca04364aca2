//! A three-way merge of one catalog file by field, for two editors saving at once.
//!
//! Editor B started from `base`, editor A saved `theirs` meanwhile, B has `mine`. What B
//! changed against `base` is laid onto `theirs`, field by field: changes to different
//! fields, or to different items of a list (`[[department]]` matched by `id`, documents by
//! `doc`, scenarios by `name`), are both kept. Only a field that both changed, to
//! different values, is a conflict, and it keeps all three values so that nothing anyone
//! typed is lost. The result is `theirs` with B's changes written into it, so A's layout
//! and comments stay, and B's come with what B added.

use crate::diagnostic::{Path, Seg};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml_edit::{DocumentMut, Item, Value};

/// A field both editors changed, to different values. Values are written as TOML
/// values (`"пн–пт 9:00–18:00"`, `350.5`, `{ ru = "…" }`); `None`: not written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldConflict {
    pub path: Path,
    pub before: Option<String>,
    pub mine: Option<String>,
    pub theirs: Option<String>,
}

/// Which value of a conflicting field to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Before,
    Mine,
    Theirs,
}

impl FieldConflict {
    pub fn value(&self, pick: Pick) -> Option<&str> {
        match pick {
            Pick::Before => self.before.as_deref(),
            Pick::Mine => self.mine.as_deref(),
            Pick::Theirs => self.theirs.as_deref(),
        }
    }

    /// A value as staff read it: a text without quotes, the Russian of a translated
    /// text, a list joined by commas; `None`: the field is empty.
    pub fn shown(&self, pick: Pick) -> Option<String> {
        let value = self.value(pick)?.parse::<Value>().ok()?;
        Some(shown(&value))
    }
}

fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.value().clone(),
        Value::Integer(i) => i.value().to_string(),
        Value::Float(f) => f.value().to_string().replace('.', ","),
        Value::Boolean(b) => if *b.value() { "да" } else { "нет" }.to_string(),
        Value::Datetime(d) => d.value().to_string(),
        Value::Array(a) => a.iter().map(shown).collect::<Vec<_>>().join("; "),
        Value::InlineTable(t) => match t.get("ru") {
            Some(ru) => shown(ru),
            None => t.iter().map(|(k, v)| format!("{k}: {}", shown(v))).collect::<Vec<_>>().join(", "),
        },
    }
}

/// The merged text, and the fields left for the editor to decide (the text holds
/// their colleague's value there until then).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<FieldConflict>,
}

/// Why the texts could not be merged by field (one of them is not valid TOML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotMergeable;

/// Keys that name an item of a list of tables, tried in this order.
const IDENTITY_KEYS: [&str; 4] = ["id", "doc", "name", "situation"];

pub fn merge(base: &str, mine: &str, theirs: &str) -> Result<Merged, NotMergeable> {
    let parse = |t: &str| t.parse::<DocumentMut>().map_err(|_| NotMergeable);
    let (base, mine, mut out) = (parse(base)?, parse(mine)?, parse(theirs)?);
    let theirs = out.clone();
    let mut conflicts = Vec::new();
    let mut ops = Vec::new();
    diff3(
        &mut Vec::new(),
        Some(base.as_item()),
        Some(mine.as_item()),
        Some(theirs.as_item()),
        &mut ops,
        &mut conflicts,
    );
    for op in ops {
        op.apply(out.as_item_mut());
    }
    Ok(Merged { text: out.to_string(), conflicts })
}

/// Writes a conflicting field's chosen value into `text`.
pub fn resolve(text: &str, conflict: &FieldConflict, pick: Pick) -> Result<String, NotMergeable> {
    let mut doc = text.parse::<DocumentMut>().map_err(|_| NotMergeable)?;
    let value = match conflict.value(pick) {
        None => None,
        Some(v) => Some(Item::Value(v.parse::<Value>().map_err(|_| NotMergeable)?)),
    };
    let op = match value {
        Some(item) => Op::Set(conflict.path.0.clone(), item),
        None => Op::Remove(conflict.path.0.clone()),
    };
    op.apply(doc.as_item_mut());
    Ok(doc.to_string())
}

/// A field's value as the conflict list shows it, without formatting.
pub fn value_text(item: &Item) -> Option<String> {
    match item {
        Item::None => None,
        other => other.clone().into_value().ok().map(|mut v| {
            v.decor_mut().clear();
            v.to_string().trim().to_string()
        }),
    }
}

/// What to do to `theirs` to carry one of my changes.
enum Op {
    Set(Vec<Seg>, Item),
    Remove(Vec<Seg>),
    /// A new item of a list of tables.
    Push(Vec<Seg>, Item),
}

impl Op {
    fn apply(self, root: &mut Item) {
        match self {
            Op::Set(path, item) => {
                let Some((last, parent)) = path.split_last() else { return };
                if let Some(parent) = lookup_mut(root, parent) {
                    set_child(parent, last, item);
                }
            }
            Op::Remove(path) => {
                let Some((last, parent)) = path.split_last() else { return };
                if let Some(parent) = lookup_mut(root, parent) {
                    remove_child(parent, last);
                }
            }
            Op::Push(path, item) => {
                if let Some(list) = lookup_mut(root, &path) {
                    match list {
                        Item::ArrayOfTables(aot) => {
                            if let Ok(mut t) = item.into_table() {
                                t.set_position(None);
                                aot.push(t);
                            }
                        }
                        Item::Value(Value::Array(a)) => {
                            if let Ok(v) = item.into_value() {
                                a.push_formatted(v);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

fn lookup_mut<'a>(root: &'a mut Item, path: &[Seg]) -> Option<&'a mut Item> {
    path.iter().try_fold(root, |item, seg| match seg {
        Seg::Key(k) => item.get_mut(k.as_str()),
        Seg::Index(i) => item.get_mut(*i),
    })
}

fn set_child(parent: &mut Item, seg: &Seg, item: Item) {
    match (parent, seg) {
        (Item::Table(t), Seg::Key(k)) => {
            t.insert(k, item);
        }
        (Item::Value(Value::InlineTable(t)), Seg::Key(k)) => {
            if let Ok(v) = item.into_value() {
                t.insert(k, v);
            }
        }
        (Item::ArrayOfTables(aot), Seg::Index(i)) => {
            if let (Some(slot), Ok(mut t)) = (aot.get_mut(*i), item.into_table()) {
                t.set_position(slot.position());
                *slot = t;
            }
        }
        (Item::Value(Value::Array(a)), Seg::Index(i)) => {
            if let (true, Ok(v)) = (*i < a.len(), item.into_value()) {
                a.replace(*i, v);
            }
        }
        _ => {}
    }
}

fn remove_child(parent: &mut Item, seg: &Seg) {
    match (parent, seg) {
        (Item::Table(t), Seg::Key(k)) => {
            t.remove(k);
        }
        (Item::Value(Value::InlineTable(t)), Seg::Key(k)) => {
            t.remove(k);
        }
        (Item::ArrayOfTables(aot), Seg::Index(i)) if *i < aot.len() => {
            aot.remove(*i);
        }
        (Item::Value(Value::Array(a)), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

/// A value with its formatting left out, to tell a change from a reformatting.
#[derive(Debug, PartialEq)]
enum Node {
    Scalar(String),
    Table(BTreeMap<String, Node>),
    List(Vec<Node>),
}

fn node(item: &Item) -> Option<Node> {
    match item {
        Item::None => None,
        Item::Table(t) => Some(table_node(t.iter())),
        Item::ArrayOfTables(aot) => Some(Node::List(aot.iter().map(|t| table_node(t.iter())).collect())),
        Item::Value(v) => Some(value_node(v)),
    }
}

fn table_node<'a>(entries: impl Iterator<Item = (&'a str, &'a Item)>) -> Node {
    Node::Table(entries.filter_map(|(k, v)| Some((k.to_string(), node(v)?))).collect())
}

fn value_node(v: &Value) -> Node {
    match v {
        Value::String(s) => Node::Scalar(format!("s{}", s.value())),
        Value::Integer(i) => Node::Scalar(format!("n{}", *i.value() as f64)),
        Value::Float(f) => Node::Scalar(format!("n{}", f.value())),
        Value::Boolean(b) => Node::Scalar(format!("b{}", b.value())),
        Value::Datetime(d) => Node::Scalar(format!("d{}", d.value())),
        Value::Array(a) => Node::List(a.iter().map(value_node).collect()),
        Value::InlineTable(t) => Node::Table(t.iter().map(|(k, v)| (k.to_string(), value_node(v))).collect()),
    }
}

pub(crate) fn same(a: Option<&Item>, b: Option<&Item>) -> bool {
    a.and_then(node) == b.and_then(node)
}

/// The keys of a table or an inline table, in the order `theirs`, then `mine`, then `base`
/// writes them.
fn keys(items: [Option<&Item>; 3]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.into_iter().flatten() {
        if let Some(t) = item.as_table_like() {
            for (k, _) in t.iter() {
                if !out.iter().any(|o| o == k) {
                    out.push(k.to_string());
                }
            }
        }
    }
    out
}

fn child<'a>(item: Option<&'a Item>, key: &str) -> Option<&'a Item> {
    item?.as_table_like()?.get(key).filter(|i| !i.is_none())
}

/// The elements of a list, as items (the values of an inline array are items inside).
fn elements(item: &Item) -> Option<Vec<&Item>> {
    match item {
        Item::ArrayOfTables(aot) => {
            Some((0..aot.len()).filter_map(|i| item.get(i)).collect::<Vec<_>>()).filter(|v| v.len() == aot.len())
        }
        Item::Value(Value::Array(a)) => {
            Some((0..a.len()).filter_map(|i| item.get(i)).collect::<Vec<_>>()).filter(|v| v.len() == a.len())
        }
        _ => None,
    }
}

/// The name of each element by one identity key that every element has, unique.
fn identities(lists: &[&[&Item]]) -> Option<(&'static str, Vec<Vec<String>>)> {
    IDENTITY_KEYS.iter().find_map(|key| {
        let ids: Option<Vec<Vec<String>>> = lists
            .iter()
            .map(|list| {
                let ids: Option<Vec<String>> =
                    list.iter().map(|e| e.as_table_like()?.get(key)?.as_str().map(str::to_string)).collect();
                let ids = ids?;
                let mut unique = ids.clone();
                unique.sort();
                unique.dedup();
                (unique.len() == ids.len()).then_some(ids)
            })
            .collect();
        ids.map(|ids| (*key, ids))
    })
}

fn conflict(path: &[Seg], base: Option<&Item>, mine: Option<&Item>, theirs: Option<&Item>) -> FieldConflict {
    FieldConflict {
        path: Path(path.to_vec()),
        before: base.and_then(value_text),
        mine: mine.and_then(value_text),
        theirs: theirs.and_then(value_text),
    }
}

fn diff3(
    path: &mut Vec<Seg>,
    base: Option<&Item>,
    mine: Option<&Item>,
    theirs: Option<&Item>,
    ops: &mut Vec<Op>,
    conflicts: &mut Vec<FieldConflict>,
) {
    if same(mine, base) || same(mine, theirs) {
        return;
    }
    if same(theirs, base) {
        ops.push(match mine {
            Some(item) => Op::Set(path.clone(), item.clone()),
            None => Op::Remove(path.clone()),
        });
        return;
    }
    let table = |i: Option<&Item>| i.is_none_or(|i| i.is_table_like());
    if let (Some(m), Some(t)) = (mine, theirs) {
        if m.is_table_like() && t.is_table_like() && table(base) {
            for key in keys([theirs, mine, base]) {
                path.push(Seg::Key(key.clone()));
                diff3(path, child(base, &key), child(mine, &key), child(theirs, &key), ops, conflicts);
                path.pop();
            }
            return;
        }
        if let (Some(b), Some(me), Some(th)) = (base.and_then(elements), elements(m), elements(t)) {
            if merge_lists(path, &b, &me, &th, ops, conflicts) {
                return;
            }
        }
    }
    conflicts.push(conflict(path, base, mine, theirs));
}

/// Merges lists item by item: by an identity key when every item has one, else by
/// position when no one added or removed an item. `false`: neither applies.
fn merge_lists(
    path: &mut Vec<Seg>,
    base: &[&Item],
    mine: &[&Item],
    theirs: &[&Item],
    ops: &mut Vec<Op>,
    conflicts: &mut Vec<FieldConflict>,
) -> bool {
    let Some((_, ids)) = identities(&[base, mine, theirs]) else {
        if base.len() == mine.len() && base.len() == theirs.len() {
            for i in 0..base.len() {
                path.push(Seg::Index(i));
                diff3(path, Some(base[i]), Some(mine[i]), Some(theirs[i]), ops, conflicts);
                path.pop();
            }
            return true;
        }
        return false;
    };
    let find = |list: usize, id: &str| ids[list].iter().position(|x| x == id);
    let mut removals = Vec::new();
    for (ti, id) in ids[2].iter().enumerate() {
        let (b, m) = (find(0, id).map(|i| base[i]), find(1, id).map(|i| mine[i]));
        path.push(Seg::Index(ti));
        match (b, m) {
            // Theirs added it, or both did: merged as fields (an empty base for the latter).
            (None, None) => {}
            (Some(b), None) if same(Some(b), Some(theirs[ti])) => removals.push(ti),
            (b, m) => diff3(path, b, m, Some(theirs[ti]), ops, conflicts),
        }
        path.pop();
    }
    // Removals come after the changes, from the end, so that the positions above hold.
    for ti in removals.into_iter().rev() {
        let mut at = path.clone();
        at.push(Seg::Index(ti));
        ops.push(Op::Remove(at));
    }
    for (mi, id) in ids[1].iter().enumerate() {
        match (find(0, id), find(2, id)) {
            (None, None) => ops.push(Op::Push(path.clone(), mine[mi].clone())),
            (Some(bi), None) if !same(Some(base[bi]), Some(mine[mi])) => {
                // They removed an item I changed: mine comes back, and the editor is told.
                let mut at = path.clone();
                at.push(Seg::Key(id.clone()));
                conflicts.push(conflict(&at, Some(base[bi]), Some(mine[mi]), None));
                ops.push(Op::Push(path.clone(), mine[mi].clone()));
            }
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"# Ведомства.

[[department]]
id = "mfc"
name = { ru = "МФЦ" }
hours = "пн–пт 9:00–18:00"

[[department]]
id = "zags"
# Сайт ещё не найден.
name = { ru = "ЗАГС" }
"#;

    #[test]
    fn different_items_of_one_file_are_both_kept() {
        // The defect this guards: editor B's «keep my text» dropped A's saved site.
        let theirs = BASE.replace(
            "# Сайт ещё не найден.\nname = { ru = \"ЗАГС\" }",
            "name = { ru = \"ЗАГС\" }\nsite = \"https://zags.example/\"",
        );
        let mine = BASE.replace("пн–пт 9:00–18:00", "пн–сб 8:00–20:00");
        let m = merge(BASE, &mine, &theirs).unwrap();
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert!(m.text.contains("пн–сб 8:00–20:00"), "{}", m.text);
        assert!(m.text.contains("site = \"https://zags.example/\""), "{}", m.text);
        assert!(m.text.starts_with("# Ведомства."), "their layout and comments stay");
    }

    #[test]
    fn different_fields_of_one_item_are_both_kept() {
        let theirs = BASE.replace("name = { ru = \"МФЦ\" }", "name = { ru = \"МФЦ «Мои документы»\" }");
        let mine = BASE.replace("пн–пт 9:00–18:00", "пн–сб 8:00–20:00");
        let m = merge(BASE, &mine, &theirs).unwrap();
        assert!(m.conflicts.is_empty());
        assert!(m.text.contains("МФЦ «Мои документы»") && m.text.contains("пн–сб 8:00–20:00"), "{}", m.text);
    }

    #[test]
    fn the_same_field_is_a_conflict_that_keeps_all_three_values() {
        let theirs = BASE.replace("пн–пт 9:00–18:00", "пн–пт 8:00–17:00");
        let mine = BASE.replace("пн–пт 9:00–18:00", "пн–сб 8:00–20:00");
        let m = merge(BASE, &mine, &theirs).unwrap();
        assert_eq!(m.conflicts.len(), 1);
        let c = &m.conflicts[0];
        assert_eq!(c.path.to_string(), "department[1].hours");
        assert_eq!(c.before.as_deref(), Some("\"пн–пт 9:00–18:00\""));
        assert_eq!(c.mine.as_deref(), Some("\"пн–сб 8:00–20:00\""));
        assert_eq!(c.theirs.as_deref(), Some("\"пн–пт 8:00–17:00\""));
        assert!(m.text.contains("пн–пт 8:00–17:00"), "their value stays until the editor chooses");
        let mine_kept = resolve(&m.text, c, Pick::Mine).unwrap();
        assert!(mine_kept.contains("пн–сб 8:00–20:00") && !mine_kept.contains("8:00–17:00"), "{mine_kept}");
        assert_eq!(c.shown(Pick::Mine).as_deref(), Some("пн–сб 8:00–20:00"), "shown without quotes");
        let before = resolve(&m.text, c, Pick::Before).unwrap();
        assert!(before.contains("пн–пт 9:00–18:00"));
    }

    #[test]
    fn the_same_change_twice_is_no_conflict() {
        let both = BASE.replace("пн–пт 9:00–18:00", "пн–сб 8:00–20:00");
        let m = merge(BASE, &both, &both).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.text, both);
    }

    #[test]
    fn items_added_and_removed_on_either_side() {
        let added = "\n[[department]]\nid = \"sfr\"\nname = { ru = \"СФР\" }\n";
        let mine = format!("{BASE}{added}");
        let theirs = BASE.replace("hours = \"пн–пт 9:00–18:00\"\n", "");
        let m = merge(BASE, &mine, &theirs).unwrap();
        assert!(m.conflicts.is_empty());
        assert!(m.text.contains("id = \"sfr\"") && !m.text.contains("hours"), "{}", m.text);
        let reparsed: DocumentMut = m.text.parse().unwrap();
        assert_eq!(reparsed["department"].as_array_of_tables().unwrap().len(), 3);
        // I removed the ЗАГС while they changed the МФЦ: both happen.
        let removed = BASE.split("\n[[department]]\nid = \"zags\"").next().unwrap().to_string();
        let theirs = BASE.replace("name = { ru = \"МФЦ\" }", "name = { ru = \"МФЦ2\" }");
        let m = merge(BASE, &removed, &theirs).unwrap();
        assert!(m.conflicts.is_empty());
        assert!(m.text.contains("МФЦ2") && !m.text.contains("zags"), "{}", m.text);
    }

    #[test]
    fn an_item_they_removed_and_i_changed_comes_back_as_a_conflict() {
        let theirs = BASE.split("\n[[department]]\nid = \"zags\"").next().unwrap().to_string();
        let mine = BASE.replace("ru = \"ЗАГС\"", "ru = \"Отдел ЗАГС\"");
        let m = merge(BASE, &mine, &theirs).unwrap();
        assert_eq!(m.conflicts.len(), 1);
        assert!(m.text.contains("Отдел ЗАГС"), "nothing I typed is lost");
    }

    #[test]
    fn invalid_toml_is_not_merged() {
        assert_eq!(merge(BASE, "x = ", BASE), Err(NotMergeable));
    }

    #[test]
    fn reformatting_is_not_a_change() {
        let reformatted = BASE.replace("name = { ru = \"МФЦ\" }", "name = {ru=\"МФЦ\"}");
        let theirs = BASE.replace("пн–пт 9:00–18:00", "пн–пт 8:00–17:00");
        let m = merge(BASE, &reformatted, &theirs).unwrap();
        assert!(m.conflicts.is_empty());
        assert_eq!(m.text, theirs);
    }
}
