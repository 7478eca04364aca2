//! Answers: the values a citizen gives to questions, and their parsing from text
//! (the CLI, the URL fragment) and from JSON (scenario files, saved state).

use crate::model::{Question, QuestionKind};
use crate::Date;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// One answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    /// The id of the chosen option.
    Choice(String),
    /// Ids of the chosen options, sorted.
    Set(Vec<String>),
    Number(f64),
    Date(Date),
}

/// Answers by question id: the applicant's profile.
pub type Answers = BTreeMap<String, Value>;

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Choice(c) => s.serialize_str(c),
            Value::Set(v) => v.serialize(s),
            Value::Number(n) => s.serialize_f64(*n),
            Value::Date(d) => d.serialize(s),
        }
    }
}

impl fmt::Display for Value {
    /// The form `--answer q=v` and share links use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(true) => f.write_str("yes"),
            Value::Bool(false) => f.write_str("no"),
            Value::Choice(c) => f.write_str(c),
            Value::Set(v) => f.write_str(&v.join(",")),
            Value::Number(n) => write!(f, "{n}"),
            Value::Date(d) => write!(f, "{d}"),
        }
    }
}

impl Value {
    pub fn kind_matches(&self, kind: QuestionKind) -> bool {
        matches!(
            (self, kind),
            (Value::Bool(_), QuestionKind::YesNo)
                | (Value::Choice(_), QuestionKind::Single)
                | (Value::Set(_), QuestionKind::Multiple)
                | (Value::Number(_), QuestionKind::Number)
                | (Value::Date(_), QuestionKind::Date)
        )
    }
}

pub(crate) fn parse_yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "да" | "1" => Some(true),
        "no" | "n" | "false" | "нет" | "0" => Some(false),
        _ => None,
    }
}

impl Question {
    /// Parses an answer written as text: `yes`/`no`, an option id, `a,b` for several
    /// options, a number, a date `YYYY-MM-DD`.
    pub fn parse_answer(&self, raw: &str) -> Result<Value, String> {
        let raw = raw.trim();
        match self.kind {
            QuestionKind::YesNo => parse_yes_no(raw)
                .map(Value::Bool)
                .ok_or_else(|| format!("question `{}` takes yes or no, not `{raw}`", self.id)),
            QuestionKind::Single => {
                if self.options.iter().any(|o| o.id == raw) {
                    Ok(Value::Choice(raw.to_string()))
                } else {
                    Err(format!(
                        "question `{}` has no option `{raw}`; its options are: {}",
                        self.id,
                        self.option_list()
                    ))
                }
            }
            QuestionKind::Multiple => {
                let mut set = Vec::new();
                for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    if !self.options.iter().any(|o| o.id == part) {
                        return Err(format!(
                            "question `{}` has no option `{part}`; its options are: {}",
                            self.id,
                            self.option_list()
                        ));
                    }
                    set.push(part.to_string());
                }
                set.sort();
                set.dedup();
                Ok(Value::Set(set))
            }
            QuestionKind::Number => {
                let n: f64 = raw
                    .replace(',', ".")
                    .parse()
                    .map_err(|_| format!("question `{}` takes a number, not `{raw}`", self.id))?;
                self.check_number(n)
            }
            QuestionKind::Date => Date::parse(raw).map(Value::Date).map_err(|e| format!("question `{}`: {e}", self.id)),
        }
    }

    /// Reads an answer from JSON (scenario files, saved state).
    pub fn answer_from_json(&self, v: &serde_json::Value) -> Result<Value, String> {
        use serde_json::Value as J;
        match (self.kind, v) {
            (QuestionKind::YesNo, J::Bool(b)) => Ok(Value::Bool(*b)),
            (QuestionKind::Multiple, J::Array(items)) => {
                let mut parts = Vec::new();
                for item in items {
                    match item {
                        J::String(s) => parts.push(s.clone()),
                        other => return Err(format!("question `{}` takes option ids, not {other}", self.id)),
                    }
                }
                self.parse_answer(&parts.join(","))
            }
            (QuestionKind::Number, J::Number(n)) => self.check_number(n.as_f64().unwrap_or(f64::NAN)),
            (_, J::String(s)) => self.parse_answer(s),
            (_, other) => Err(format!("question `{}` cannot take the value {other}", self.id)),
        }
    }

    fn check_number(&self, n: f64) -> Result<Value, String> {
        if !n.is_finite() {
            return Err(format!("question `{}` takes a number", self.id));
        }
        if let Some(min) = self.min.filter(|m| n < *m) {
            return Err(format!("question `{}` takes a number not less than {min}", self.id));
        }
        if let Some(max) = self.max.filter(|m| n > *m) {
            return Err(format!("question `{}` takes a number not greater than {max}", self.id));
        }
        Ok(Value::Number(n))
    }

    fn option_list(&self) -> String {
        self.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}
