//! Editing the catalog's TOML files in place, for the catalog studio's forms.
//!
//! Editors also write these files by hand, with comments that explain the facts, so
//! the studio never rewrites a file from the model: it changes one value at a time in
//! a [`DocumentMut`] and leaves every other byte as it was. A field is named by a path
//! of [`Seg`]s from the top of the file (`["variants", 1, "fee", "amount"]`), and the
//! path reads the same whichever form TOML allows the file to use: `[term]` or
//! `term = { days = 5 }`, `[[channels]]` or `channels = [{ kind = "mfc" }]`.
//!
//! - [`items`]: what each file holds, for the studio's lists.
//! - [`get`] and [`set`]: one field.
//! - [`len`], [`push`], [`remove`], [`swap`]: lists of tables (`[[variants]]`, `documents`).
//! - [`schema`]: every field of the format, to build the forms from.

mod changes;
mod items;
mod list;
pub mod merge;
mod schema;

pub use crate::model::ItemKind;
pub use changes::{changes, FieldChange};
pub use items::{items, Item};
pub use list::{len, push, remove, swap};
pub use schema::{schema, FieldSpec, FieldType};

use crate::diagnostic::{Path, Seg};
use serde::{Deserialize, Serialize};
use std::fmt;
use toml_edit::{Array, DocumentMut, InlineTable, Item as TomlItem, Table, Value};

/// The value of one field as a form shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    /// The field is not written (setting it removes the key).
    Absent,
    /// A citizen-facing text; an empty `en` means no translation.
    Text {
        ru: String,
        en: String,
    },
    /// Any string: ids, references, addresses, conditions, dates `YYYY-MM-DD`.
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Keywords, references, dates.
    StrList(Vec<String>),
    /// Texts: (ru, en), `en` empty when there is no translation.
    TextList(Vec<(String, String)>),
    /// A TOML value written as text (`{ parents_married = true }`), for fields the
    /// forms do not break down. [`get`] also returns what does not fit the field's
    /// type this way, so that nothing an editor wrote is hidden or lost.
    Raw(String),
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub path: Path,
    pub message: String,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for EditError {}

pub(crate) fn error(path: &[Seg], message: impl Into<String>) -> EditError {
    EditError { path: Path(path.to_vec()), message: message.into() }
}

/// The item at `path`, if it is written.
pub(crate) fn lookup<'a>(root: &'a TomlItem, path: &[Seg]) -> Option<&'a TomlItem> {
    path.iter()
        .try_fold(root, |item, seg| match seg {
            Seg::Key(k) => item.get(k.as_str()),
            Seg::Index(i) => item.get(*i),
        })
        .filter(|item| !item.is_none())
}

/// The field at `path`, read as `ty` (see [`FieldValue::Raw`] for what does not fit).
pub fn get(doc: &DocumentMut, path: &[Seg], ty: FieldType) -> FieldValue {
    match lookup(doc.as_item(), path) {
        None => FieldValue::Absent,
        Some(item) => read(item, ty).unwrap_or_else(|| FieldValue::Raw(raw_text(item))),
    }
}

fn read(item: &TomlItem, ty: FieldType) -> Option<FieldValue> {
    let value = item.as_value();
    match ty {
        FieldType::Text => text_of(item).map(|(ru, en)| FieldValue::Text { ru, en }),
        FieldType::Str | FieldType::Url | FieldType::Choice(_) | FieldType::Ref(_) | FieldType::Condition => {
            value?.as_str().map(|s| FieldValue::Str(s.to_string()))
        }
        FieldType::Date => value.and_then(date_or_str).map(FieldValue::Str),
        FieldType::Bool => value?.as_bool().map(FieldValue::Bool),
        FieldType::Int => value?.as_integer().map(FieldValue::Int),
        FieldType::Float | FieldType::Money => {
            let v = value?;
            v.as_float().or(v.as_integer().map(|i| i as f64)).map(FieldValue::Float)
        }
        FieldType::StrList | FieldType::RefList(_) | FieldType::DateList => {
            value?.as_array()?.iter().map(date_or_str).collect::<Option<_>>().map(FieldValue::StrList)
        }
        FieldType::TextList => value?
            .as_array()?
            .iter()
            .map(|v| text_of(&TomlItem::Value(v.clone())))
            .collect::<Option<_>>()
            .map(FieldValue::TextList),
        FieldType::Table | FieldType::TableList | FieldType::Raw => None,
    }
}

/// A text written as a string or as a table of `ru` and `en`.
fn text_of(item: &TomlItem) -> Option<(String, String)> {
    if let Some(s) = item.as_str() {
        return Some((s.to_string(), String::new()));
    }
    let t = item.as_table_like()?;
    if t.iter().any(|(k, _)| k != "ru" && k != "en") {
        return None;
    }
    let en = match t.get("en") {
        None => String::new(),
        Some(en) => en.as_str()?.to_string(),
    };
    Some((t.get("ru")?.as_str()?.to_string(), en))
}

/// Dates may be written as strings or as TOML's bare dates.
fn date_or_str(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string).or_else(|| v.as_datetime().map(|d| d.to_string()))
}

fn raw_text(item: &TomlItem) -> String {
    match item {
        TomlItem::Value(v) => {
            let mut v = v.clone();
            v.decor_mut().clear();
            v.to_string()
        }
        other => other.to_string().trim().to_string(),
    }
}

/// Writes the field at `path`, creating the tables that lead to it; [`FieldValue::Absent`]
/// removes the key. A replaced value keeps its place, spacing and trailing comment.
pub fn set(doc: &mut DocumentMut, path: &[Seg], value: &FieldValue) -> Result<(), EditError> {
    let Some((last, parents)) = path.split_last() else {
        return Err(error(path, "an empty path names no field"));
    };
    let absent = *value == FieldValue::Absent;
    let Some(parent) = descend_mut(doc.as_item_mut(), parents, parents, !absent)? else {
        // Removing what is not there is already done.
        return Ok(());
    };
    match last {
        Seg::Key(k) => set_key(parent, k, value, path),
        Seg::Index(i) => set_element(parent, *i, value, path),
    }
}

/// The item at `rest` below `item`; missing tables are created when `create` is set.
/// `full` is the whole path, for messages.
pub(crate) fn descend_mut<'a>(
    item: &'a mut TomlItem,
    rest: &[Seg],
    full: &[Seg],
    create: bool,
) -> Result<Option<&'a mut TomlItem>, EditError> {
    let Some((seg, rest_after)) = rest.split_first() else {
        return Ok(Some(item));
    };
    let here = &full[..full.len() - rest_after.len()];
    let next = match seg {
        Seg::Key(k) => child_mut(item, k, rest_after.first(), here, create)?,
        Seg::Index(i) if item.is_array_of_tables() || item.is_array() => match item.get_mut(*i) {
            Some(next) => Some(next),
            None => return Err(error(here, "there is no such entry in the list")),
        },
        Seg::Index(_) => return Err(error(here, "this is not a list")),
    };
    match next {
        Some(next) => descend_mut(next, rest_after, full, create),
        None => Ok(None),
    }
}

fn child_mut<'a>(
    item: &'a mut TomlItem,
    key: &str,
    next: Option<&Seg>,
    here: &[Seg],
    create: bool,
) -> Result<Option<&'a mut TomlItem>, EditError> {
    let position = item.as_table().and_then(new_table_position);
    let form = match item.as_table() {
        Some(t) if t.is_dotted() => Form::Dotted,
        Some(_) => Form::Standard,
        None => Form::Inline,
    };
    let Some(table) = item.as_table_like_mut() else {
        return Err(error(here, "the value above is not a table"));
    };
    if table.get(key).is_none() {
        if !create {
            return Ok(None);
        }
        if matches!(next, Some(Seg::Index(_))) {
            return Err(error(here, "there is no such list; add an entry to it first"));
        }
        insert_new(item, key, new_table(form, position));
    }
    Ok(item.as_table_like_mut().and_then(|t| t.get_mut(key)))
}

/// Adds a key. In an inline table the space before `}` belongs to the last value,
/// so it moves to the new last value: `{ a = 1, b = 2 }`, not `{ a = 1 , b = 2}`.
fn insert_new(parent: &mut TomlItem, key: &str, item: TomlItem) {
    match (parent, item) {
        (TomlItem::Value(Value::InlineTable(t)), TomlItem::Value(mut v)) => {
            if let Some((_, last)) = t.iter_mut().last() {
                if let Some(suffix) = last.decor().suffix().cloned() {
                    last.decor_mut().set_suffix("");
                    v.decor_mut().set_prefix(" ");
                    v.decor_mut().set_suffix(suffix);
                }
            }
            t.insert(key, v);
        }
        (parent, item) => {
            if let Some(t) = parent.as_table_like_mut() {
                t.insert(key, item);
            }
        }
    }
}

/// How a table is written: `[a]`, `a.b = 1`, `a = { b = 1 }`.
#[derive(Clone, Copy)]
enum Form {
    Standard,
    Dotted,
    Inline,
}

/// A table created under another takes its form: TOML allows no `[table]` inside an
/// inline table, and `[a.b]` under a table written `a.x = 1` reads as a new section.
fn new_table(form: Form, position: Option<isize>) -> TomlItem {
    match form {
        Form::Inline => TomlItem::Value(Value::InlineTable(InlineTable::new())),
        Form::Standard | Form::Dotted => {
            let mut t = Table::new();
            t.set_dotted(matches!(form, Form::Dotted));
            t.set_position(position);
            TomlItem::Table(t)
        }
    }
}

/// Where a new `[table]` under `parent` goes in the file. Left alone, toml_edit writes
/// it after everything the parent holds, so a service's new `[fee]` would land after
/// its `[[variants]]` and their `[variants.fee]`, where a reader takes it for part of
/// the last variant. It goes before the first list of tables that has tables of its
/// own instead.
pub(crate) fn new_table_position(parent: &Table) -> Option<isize> {
    parent
        .iter()
        .filter_map(|(_, item)| item.as_array_of_tables())
        .filter(|aot| aot.iter().any(|t| t.iter().any(|(_, i)| i.is_table() || i.is_array_of_tables())))
        .flat_map(|aot| aot.iter().filter_map(Table::position))
        .min()
        .map(|p| p - 1)
}

fn set_key(parent: &mut TomlItem, key: &str, value: &FieldValue, path: &[Seg]) -> Result<(), EditError> {
    let Some(table) = parent.as_table_like_mut() else {
        return Err(error(&path[..path.len() - 1], "the value above is not a table"));
    };
    if *value == FieldValue::Absent {
        table.remove(key);
        return Ok(());
    }
    let new = to_value(value, table.get(key), path)?;
    match table.get_mut(key) {
        Some(slot) => replace(slot, new),
        None => insert_new(parent, key, TomlItem::Value(new)),
    }
    Ok(())
}

fn set_element(parent: &mut TomlItem, index: usize, value: &FieldValue, path: &[Seg]) -> Result<(), EditError> {
    let Some(array) = parent.as_array_mut() else {
        return Err(error(path, "only entries of a list of values can be set one by one"));
    };
    if index >= array.len() {
        return Err(error(path, "there is no such entry in the list"));
    }
    if *value == FieldValue::Absent {
        list::remove_value(array, index);
        return Ok(());
    }
    let old = array.get(index).cloned().map(TomlItem::Value);
    let new = to_value(value, old.as_ref(), path)?;
    if let Some(slot) = array.get_mut(index) {
        replace_value(slot, new);
    }
    Ok(())
}

/// Puts `new` where the old value was, keeping the old value's spacing and comment.
fn replace(slot: &mut TomlItem, new: Value) {
    match slot {
        TomlItem::Value(old) => replace_value(old, new),
        other => *other = TomlItem::Value(new),
    }
}

fn replace_value(old: &mut Value, mut new: Value) {
    if let Value::Array(entries) = old {
        if let Value::Array(new) = new {
            update_array(entries, new);
            return;
        }
    }
    *new.decor_mut() = old.decor().clone();
    *old = new;
}

/// Changes a list's entries where they stand, so that a list written one entry per
/// line stays that way.
fn update_array(old: &mut Array, new: Array) {
    let count = new.len();
    for (i, value) in new.into_iter().enumerate() {
        match old.get_mut(i) {
            Some(slot) => replace_value(slot, value),
            None => list::push_value(old, value),
        }
    }
    while old.len() > count {
        list::remove_value(old, old.len() - 1);
    }
}

/// The TOML value for a field value; `old` is what the field holds now.
pub(crate) fn to_value(value: &FieldValue, old: Option<&TomlItem>, path: &[Seg]) -> Result<Value, EditError> {
    let bare_dates = old.and_then(TomlItem::as_value).is_some_and(holds_bare_date);
    Ok(match value {
        FieldValue::Absent => return Err(error(path, "nothing to write")),
        FieldValue::Text { ru, en } => text_value(ru, en),
        FieldValue::Str(s) => str_value(s, bare_dates),
        FieldValue::Int(i) => Value::from(*i),
        FieldValue::Float(f) => number(*f).ok_or_else(|| error(path, "not a number"))?,
        FieldValue::Bool(b) => Value::from(*b),
        FieldValue::StrList(items) => Value::Array(items.iter().map(|s| str_value(s, bare_dates)).collect()),
        FieldValue::TextList(items) => Value::Array(items.iter().map(|(ru, en)| text_value(ru, en)).collect()),
        FieldValue::Raw(text) => {
            text.parse::<Value>().map_err(|e| error(path, format!("not a TOML value: {}", e.message())))?
        }
    })
}

/// The field holds a bare TOML date (`checked = 2026-11-01`), or a list of them.
fn holds_bare_date(v: &Value) -> bool {
    match v {
        Value::Datetime(_) => true,
        Value::Array(a) => a.iter().next().is_some_and(Value::is_datetime),
        _ => false,
    }
}

fn str_value(s: &str, bare_date: bool) -> Value {
    if bare_date && crate::Date::parse(s).is_ok() {
        if let Ok(d) = s.parse::<toml_edit::Datetime>() {
            return Value::from(d);
        }
    }
    Value::from(s)
}

fn text_value(ru: &str, en: &str) -> Value {
    if en.is_empty() {
        return Value::from(ru);
    }
    let mut t = InlineTable::new();
    t.insert("ru", Value::from(ru));
    t.insert("en", Value::from(en));
    Value::InlineTable(t)
}

/// Sums in roubles are written as editors write them: `350`, not `350.0`.
pub(crate) fn number(f: f64) -> Option<Value> {
    if !f.is_finite() {
        return None;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return Some(Value::from(f as i64));
    }
    Some(Value::from(f))
}

#[cfg(test)]
mod tests;
