//! Lists of tables: `[[variants]]` and `documents = [{ doc = "passport" }]` alike.

use super::{descend_mut, error, lookup, new_table_position, to_value, EditError, FieldValue};
use crate::diagnostic::Seg;
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item as TomlItem, RawString, Table, Value};

/// How many entries the list at `path` has (0 when it is not written).
pub fn len(doc: &DocumentMut, path: &[Seg]) -> usize {
    match lookup(doc.as_item(), path) {
        Some(TomlItem::ArrayOfTables(a)) => a.len(),
        Some(TomlItem::Value(Value::Array(a))) => a.len(),
        _ => 0,
    }
}

fn split_key(path: &[Seg]) -> Result<(&str, &[Seg]), EditError> {
    match path.split_last() {
        Some((Seg::Key(key), parents)) => Ok((key, parents)),
        _ => Err(error(path, "a list is named by its key")),
    }
}

/// Appends an entry made of `fields` to the list at `path` and returns its index. The
/// entry takes the list's form (`[[…]]` or an inline table); a new list under a
/// standard table is a list of `[[…]]` tables, under an inline table an inline list.
pub fn push(doc: &mut DocumentMut, path: &[Seg], fields: &[(&str, FieldValue)]) -> Result<usize, EditError> {
    let (key, parents) = split_key(path)?;
    let parent = descend_mut(doc.as_item_mut(), parents, parents, true)?
        .ok_or_else(|| error(parents, "there is no table to add the list to"))?;
    let position = parent.as_table().and_then(new_table_position);
    let standard = parent.is_table();
    let table = parent.as_table_like_mut().ok_or_else(|| error(parents, "the value above is not a table"))?;
    match table.get_mut(key) {
        Some(TomlItem::ArrayOfTables(aot)) => {
            aot.push(fields_table(fields, path)?);
            Ok(aot.len() - 1)
        }
        Some(TomlItem::Value(Value::Array(array))) => {
            push_value(array, Value::InlineTable(fields_inline(fields, path)?));
            Ok(array.len() - 1)
        }
        Some(_) => Err(error(path, "this is not a list")),
        None if standard => {
            let mut entry = fields_table(fields, path)?;
            entry.set_position(position);
            let mut aot = ArrayOfTables::new();
            aot.push(entry);
            table.insert(key, TomlItem::ArrayOfTables(aot));
            Ok(0)
        }
        None => {
            let mut array = Array::new();
            array.push(Value::InlineTable(fields_inline(fields, path)?));
            table.insert(key, TomlItem::Value(Value::Array(array)));
            Ok(0)
        }
    }
}

fn fields_table(fields: &[(&str, FieldValue)], path: &[Seg]) -> Result<Table, EditError> {
    let mut t = Table::new();
    for (k, v) in fields.iter().filter(|(_, v)| *v != FieldValue::Absent) {
        t.insert(k, TomlItem::Value(to_value(v, None, path)?));
    }
    Ok(t)
}

fn fields_inline(fields: &[(&str, FieldValue)], path: &[Seg]) -> Result<InlineTable, EditError> {
    let mut t = InlineTable::new();
    for (k, v) in fields.iter().filter(|(_, v)| *v != FieldValue::Absent) {
        t.insert(*k, to_value(v, None, path)?);
    }
    Ok(t)
}

/// Removes entry `index` of the list at `path`. A list left empty is removed too: an
/// empty `[[list]]` is not written at all while `list = []` is, and the two must read alike.
pub fn remove(doc: &mut DocumentMut, path: &[Seg], index: usize) -> Result<(), EditError> {
    let (key, parents) = split_key(path)?;
    let missing = || error(&[path, &[Seg::Index(index)]].concat(), "there is no such entry in the list");
    let parent = descend_mut(doc.as_item_mut(), parents, parents, false)?.ok_or_else(missing)?;
    let table = parent.as_table_like_mut().ok_or_else(missing)?;
    let empty = match table.get_mut(key) {
        Some(TomlItem::ArrayOfTables(aot)) if index < aot.len() => {
            aot.remove(index);
            aot.is_empty()
        }
        Some(TomlItem::Value(Value::Array(array))) if index < array.len() => {
            remove_value(array, index);
            array.is_empty()
        }
        _ => return Err(missing()),
    };
    if empty {
        table.remove(key);
    }
    Ok(())
}

/// Exchanges entries `i` and `j` of the list at `path` (moving an entry up or down).
pub fn swap(doc: &mut DocumentMut, path: &[Seg], i: usize, j: usize) -> Result<(), EditError> {
    let missing = || error(path, "there is no such entry in the list");
    let list = descend_mut(doc.as_item_mut(), path, path, false)?.ok_or_else(missing)?;
    let (lo, hi) = (i.min(j), i.max(j));
    match list {
        TomlItem::ArrayOfTables(aot) if hi < aot.len() => swap_tables(aot, lo, hi),
        TomlItem::Value(Value::Array(array)) if hi < array.len() => swap_values(array, lo, hi),
        _ => return Err(missing()),
    }
    Ok(())
}

/// toml_edit writes tables in the order of their place in the file, not of the list,
/// so the places the entries (and their own `[variants.fee]`, …) held are dealt out
/// again in the new order.
fn swap_tables(aot: &mut ArrayOfTables, lo: usize, hi: usize) {
    if lo == hi {
        return;
    }
    let slots = places(aot);
    let upper = aot.remove(hi);
    let lower = aot.remove(lo);
    aot.insert(lo, upper);
    aot.insert(hi, lower);
    if let Some(slots) = slots {
        let mut slots = slots.into_iter();
        for t in aot.iter_mut() {
            each_table(t, &mut |t| t.set_position(slots.next()));
        }
    }
}

/// The places in the file of every table of the list, sorted; `None` when none has one.
fn places(aot: &mut ArrayOfTables) -> Option<Vec<isize>> {
    let mut found = Vec::new();
    for t in aot.iter_mut() {
        each_table(t, &mut |t| found.push(t.position()));
    }
    // A table added in this session has no place yet: it follows the one before it.
    let mut last = found.iter().flatten().next().copied()?;
    let mut out: Vec<isize> = found
        .into_iter()
        .map(|p| {
            last = p.unwrap_or(last);
            last
        })
        .collect();
    out.sort_unstable();
    Some(out)
}

/// Calls `f` on `t` and every table below it, in the order toml_edit visits them.
fn each_table(t: &mut Table, f: &mut dyn FnMut(&mut Table)) {
    if !t.is_dotted() {
        f(t);
    }
    for (_, item) in t.iter_mut() {
        match item {
            TomlItem::Table(child) => each_table(child, f),
            TomlItem::ArrayOfTables(list) => list.iter_mut().for_each(|child| each_table(child, f)),
            _ => {}
        }
    }
}

/// The values change places; the spacing stays where it was.
fn swap_values(array: &mut Array, lo: usize, hi: usize) {
    let (Some(a), Some(b)) = (array.get(lo).cloned(), array.get(hi).cloned()) else { return };
    let (mut a, mut b) = (a, b);
    let (da, db) = (a.decor().clone(), b.decor().clone());
    *a.decor_mut() = db;
    *b.decor_mut() = da;
    array.replace_formatted(lo, b);
    array.replace_formatted(hi, a);
}

fn raw_or(raw: Option<&RawString>, default: &str) -> String {
    raw.and_then(RawString::as_str).unwrap_or(default).to_string()
}

/// Appends a value spaced like the entries before it (one per line stays one per line).
pub(crate) fn push_value(array: &mut Array, mut value: Value) {
    let n = array.len();
    let Some(last) = array.get(n.wrapping_sub(1)).map(|v| v.decor().clone()) else {
        array.push(value);
        return;
    };
    let last_prefix = raw_or(last.prefix(), " ");
    let prefix = if n >= 2 || last_prefix.contains('\n') { last_prefix } else { " ".to_string() };
    value.decor_mut().set_prefix(prefix);
    value.decor_mut().set_suffix(raw_or(last.suffix(), ""));
    if let Some(before) = array.get_mut(n - 1) {
        before.decor_mut().set_suffix("");
    }
    array.push_formatted(value);
}

/// Removes a value; the first and the last keep the spacing of the list's ends.
pub(crate) fn remove_value(array: &mut Array, index: usize) {
    let removed = array.remove(index);
    if index == 0 {
        if let Some(first) = array.get_mut(0) {
            first.decor_mut().set_prefix(raw_or(removed.decor().prefix(), ""));
        }
    } else if index == array.len() {
        if let Some(last) = array.get_mut(index - 1) {
            last.decor_mut().set_suffix(raw_or(removed.decor().suffix(), ""));
        }
    }
}
