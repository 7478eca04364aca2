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
