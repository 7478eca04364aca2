//! Writing scenarios: from a plan the studio shows, into a scenarios file.

use super::ScenarioFile;
use crate::edit::number;
use crate::plan::Plan;
use crate::value::Value as Answer;
use crate::{Answers, Date, Engine};
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

/// One `[[scenario]]` block (with its `[scenario.expect]`) that expects exactly what
/// the plan for these answers gives today, to pin the plan down before an edit. Only
/// the answers the questionnaire asked are written.
pub fn from_plan(
    engine: &Engine,
    name: &str,
    situation: usize,
    answers: &Answers,
    event_date: Option<Date>,
    today: Date,
) -> String {
    let plan = engine.plan(situation, answers, event_date, today);
    let mut block = Table::new();
    block.insert("name", value(name));
    block.insert("situation", value(plan.situation.as_str()));
    block.insert(
        "answers",
        value(plan.answers.iter().map(|a| (a.question.as_str(), answer(&a.value))).collect::<InlineTable>()),
    );
    if let Some(d) = event_date {
        block.insert("event_date", value(d.to_string()));
    }
    block.insert("today", value(today.to_string()));
    block.insert("expect", Item::Table(expect(&plan)));
    let mut list = ArrayOfTables::new();
    list.push(block);
    let mut doc = DocumentMut::new();
    doc.insert("scenario", Item::ArrayOfTables(list));
    doc.to_string()
}

fn answer(v: &Answer) -> Value {
    match v {
        Answer::Bool(b) => Value::from(*b),
        Answer::Choice(c) => Value::from(c.as_str()),
        Answer::Set(set) => Value::Array(set.iter().map(String::as_str).collect()),
        Answer::Number(n) => number(*n).unwrap_or_else(|| Value::from(0)),
        Answer::Date(d) => Value::from(d.to_string()),
    }
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> Item {
    value(ids.collect::<Array>())
}

fn map<'a, V: Into<Value>>(entries: impl Iterator<Item = (&'a str, V)>) -> Item {
    value(entries.map(|(k, v)| (k, v.into())).collect::<InlineTable>())
}

fn expect(plan: &Plan) -> Table {
    let steps = &plan.steps;
    let mut obtained: Vec<&str> = steps.iter().flat_map(|s| s.obtained.iter().map(|d| d.doc.as_str())).collect();
    obtained.sort_unstable();
    obtained.dedup();
    let received: std::collections::BTreeMap<&str, i64> = steps
        .iter()
        .flat_map(|s| s.received.iter().filter_map(|d| d.from_step.map(|n| (d.doc.as_str(), n as i64))))
        .collect();
    let mut t = Table::new();
    t.insert("services", ids(steps.iter().map(|s| s.service.as_str())));
    let variants: Vec<(&str, &str)> =
        steps.iter().filter_map(|s| Some((s.service.as_str(), s.variant_id.as_deref()?))).collect();
    if !variants.is_empty() {
        t.insert("variants", map(variants.into_iter()));
    }
    t.insert("bring", ids(plan.checklist.iter().map(|c| c.doc.as_str())));
    t.insert("obtained", ids(obtained.into_iter()));
    t.insert("received", map(received.into_iter()));
    t.insert("questions", value(plan.answers.len() as i64));
    t.insert("asked", ids(plan.answers.iter().map(|a| a.question.as_str())));
    t.insert("visits", value(plan.visits.len() as i64));
    t.insert("total_fee", value(number(plan.total_fee).unwrap_or_else(|| Value::from(0))));
    let deadlines: Vec<(&str, String)> =
        steps.iter().filter_map(|s| Some((s.service.as_str(), s.deadline_date?.to_string()))).collect();
    if !deadlines.is_empty() {
        t.insert("deadlines", map(deadlines.into_iter()));
    }
    t.insert("starts", map(steps.iter().map(|s| (s.service.as_str(), s.earliest_start.to_string()))));
    if !plan.next.is_empty() {
        t.insert("next", ids(plan.next.iter().map(|n| n.situation.as_str())));
    }
    t
}

/// What «Обновить сценарий по новому плану» changes in one scenario: the expectations
/// it states whose value the plan on this draft no longer gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Refresh {
    /// The scenarios file with the scenario updated; every other byte as it was.
    pub text: String,
    pub changes: Vec<ExpectChange>,
}

/// One expectation, before and after, as staff read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectChange {
    pub key: String,
    pub before: String,
    pub after: String,
}

/// Sets the expectations of scenario `name` in `file_text` to what its plan is now. Only
/// what the scenario already checks is changed, so it keeps checking what its author
/// chose; an expectation that still holds (the same documents in another order) stays.
pub fn refresh(engine: &Engine, file_text: &str, name: &str) -> Result<Refresh, String> {
    let file: ScenarioFile =
        toml::from_str(file_text).map_err(|e| format!("файл сценариев не читается: {}", e.message().trim()))?;
    let (index, scenario) = file
        .scenario
        .iter()
        .enumerate()
        .find(|(_, s)| s.name == name)
        .ok_or_else(|| format!("сценария «{name}» в файле нет"))?;
    let plan = super::plan(engine, scenario, engine.catalog.meta.effective).map_err(|e| e.join("; "))?;
    let fresh = expect(&plan);
    let mut doc: DocumentMut = file_text.parse().map_err(|e| format!("файл сценариев не читается: {e}"))?;
    let block = doc
        .get_mut("scenario")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|a| a.get_mut(index))
        .ok_or("сценарии записаны не как [[scenario]]")?;
    let expect_item = block.get_mut("expect").ok_or("у сценария нет раздела expect")?;
    let keys: Vec<String> =
        expect_item.as_table_like().map(|t| t.iter().map(|(k, _)| k.to_string()).collect()).unwrap_or_default();
    let names = super::Names(engine);
    let mut changes = Vec::new();
    for key in keys {
        let old = expect_item.get(&key).and_then(|i| i.as_value()).cloned();
        let mut new = fresh.get(&key).and_then(|i| i.as_value()).cloned().unwrap_or_else(|| empty_like(old.as_ref()));
        // These name some services only: they keep naming those (the ones still in the plan).
        if let (true, Some(Value::InlineTable(o)), Value::InlineTable(n)) =
            (matches!(key.as_str(), "deadlines" | "starts" | "variants"), &old, &new)
        {
            new = Value::InlineTable(o.iter().filter_map(|(k, _)| Some((k, n.get(k)?.clone()))).collect());
        }
        if old.as_ref().is_some_and(|o| same_expectation(&key, o, &new)) {
            continue;
        }
        changes.push(ExpectChange {
            before: old.as_ref().map(|o| shown(&names, &key, o)).unwrap_or_default(),
            after: shown(&names, &key, &new),
            key: key.clone(),
        });
        if let Some(t) = expect_item.as_table_like_mut() {
            let keep_decor = t.get(&key).and_then(|i| i.as_value()).map(|v| v.decor().clone());
            let mut new = new;
            if let Some(d) = keep_decor {
                *new.decor_mut() = d;
            }
            t.insert(&key, Item::Value(new));
        }
    }
    Ok(Refresh { text: doc.to_string(), changes })
}

fn empty_like(old: Option<&Value>) -> Value {
    match old {
        Some(Value::InlineTable(_)) => Value::InlineTable(InlineTable::new()),
        Some(Value::Array(_)) => Value::Array(Array::new()),
        _ => Value::from(0),
    }
}

fn plain(v: &Value) -> Option<toml::Value> {
    let doc: toml::Table = toml::from_str(&format!("v = {}", v.clone().decorated("", ""))).ok()?;
    doc.get("v").cloned()
}

/// Whether an expectation still holds: lists the scenario runs as sets compare as sets.
fn same_expectation(key: &str, old: &Value, new: &Value) -> bool {
    let (Some(mut a), Some(mut b)) = (plain(old), plain(new)) else { return false };
    if matches!(key, "bring" | "obtained") {
        for v in [&mut a, &mut b] {
            if let toml::Value::Array(list) = v {
                list.sort_by_key(|x| x.to_string());
                list.dedup();
            }
        }
    }
    let number = |v: &toml::Value| v.as_float().or(v.as_integer().map(|i| i as f64));
    match (number(&a), number(&b)) {
        (Some(x), Some(y)) => (x - y).abs() < 0.005,
        _ => a == b,
    }
}

/// An expectation as staff read it: titles, sums, dates.
fn shown(names: &super::Names, key: &str, v: &Value) -> String {
    let Some(plain) = plain(v) else { return v.to_string() };
    let strings = |v: &toml::Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    let date = |s: &str| Date::parse(s).map(|d| d.human(crate::Lang::Ru)).unwrap_or_else(|_| s.to_string());
    let per_service = |t: &toml::Table, each: &dyn Fn(&toml::Value) -> String| -> String {
        if t.is_empty() {
            return "ничего".into();
        }
        t.iter().map(|(k, v)| format!("«{}»: {}", names.service(k), each(v))).collect::<Vec<_>>().join("; ")
    };
    match (key, &plain) {
        ("services", v) => names.list(&strings(v), |i| names.service(i)),
        ("bring" | "obtained", v) => names.list(&strings(v), |i| names.document(i)),
        ("asked", v) => names.list(&strings(v), |i| names.question(i)),
        ("next", v) => names.list(&strings(v), |i| names.situation(i)),
        ("total_fee", v) => {
            let f = v.as_float().or(v.as_integer().map(|i| i as f64)).unwrap_or(0.0);
            if f == 0.0 {
                "бесплатно".into()
            } else {
                crate::present::fee_amount(f)
            }
        }
        ("deadlines" | "starts", toml::Value::Table(t)) => per_service(t, &|v| date(v.as_str().unwrap_or(""))),
        ("variants", toml::Value::Table(t)) => per_service(t, &|v| format!("вариант «{}»", v.as_str().unwrap_or(""))),
        ("received", toml::Value::Table(t)) => {
            if t.is_empty() {
                return "ничего".into();
            }
            t.iter()
                .map(|(d, n)| format!("«{}» на шаге {}", names.document(d), n.as_integer().unwrap_or(0)))
                .collect::<Vec<_>>()
                .join("; ")
        }
        (_, toml::Value::Integer(n)) => n.to_string(),
        (_, other) => other.to_string(),
    }
}

fn scenarios(text: &str, what: &str) -> Result<usize, String> {
    toml::from_str::<ScenarioFile>(text)
        .map(|f| f.scenario.len())
        .map_err(|e| format!("{what}: {}", e.message().trim()))
}

/// Appends scenario `block` (`[[scenario]]` tables) to a scenarios file, leaving the
/// file's own text as it is; an empty file becomes the block.
pub fn append(file_text: &str, block: &str) -> Result<String, String> {
    if scenarios(block, "the new scenario")? == 0 {
        return Err("the new scenario has no [[scenario]] table".into());
    }
    if file_text.trim().is_empty() {
        return Ok(block.to_string());
    }
    scenarios(file_text, "the scenarios file")?;
    let mut doc: DocumentMut = file_text.parse().map_err(|e| format!("the scenarios file: {e}"))?;
    let added: DocumentMut = block.parse().map_err(|e| format!("the new scenario: {e}"))?;
    let Some(Item::ArrayOfTables(new)) = added.get("scenario").cloned() else {
        return Err("the new scenario is not written as [[scenario]] tables".into());
    };
    // Comments after the file's last scenario stay where they are: before the new one.
    let trailing = doc.trailing().as_str().unwrap_or("").to_string();
    doc.set_trailing("");
    let list = doc
        .entry("scenario")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
        .as_array_of_tables_mut()
        .ok_or("the scenarios file does not write its scenarios as [[scenario]] tables")?;
    for (i, mut t) in new.into_iter().enumerate() {
        unplace(&mut t);
        if i == 0 {
            let prefix = t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_string();
            t.decor_mut().set_prefix(format!("{trailing}\n{}", prefix.trim_start_matches('\n')));
        }
        list.push(t);
    }
    Ok(doc.to_string())
}

/// Forgets where a table stood in its own file, so that it follows the tables before it.
fn unplace(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        if let Item::Table(child) = item {
            unplace(child);
        }
    }
}
