//! What the studio's condition builder needs: every problem of a condition with its
//! column, and a condition as a list of rows («question, operator, values») when it
//! is a plain `and` of comparisons.

use super::{compile, parse, CmpOp, ConditionError, Expr, Ident, Literal, QuestionLookup};
use crate::model::Question;
use serde::{Deserialize, Serialize};

/// Questions looked up in a plain list (the studio holds them so, before any engine is built).
pub struct QuestionList<'a>(pub &'a [Question]);

impl QuestionLookup for QuestionList<'_> {
    fn find(&self, id: &str) -> Option<(usize, &Question)> {
        self.0.iter().enumerate().find(|(_, q)| q.id == id)
    }
    fn suggest(&self, id: &str) -> Option<String> {
        crate::diagnostic::closest(id, self.0.iter().map(|q| q.id.as_str()))
    }
}

/// Every problem of a condition, as the catalog check words it, with its column. A
/// syntax error stops reading; type errors are found in every part of an `and` or `or`.
pub fn problems(src: &str, questions: &[Question]) -> Vec<ConditionError> {
    match parse(src) {
        Err(e) => vec![e],
        Ok(expr) => {
            let mut out = Vec::new();
            collect(&expr, &QuestionList(questions), &mut out);
            out
        }
    }
}

fn collect(expr: &Expr<Ident>, lookup: &dyn QuestionLookup, out: &mut Vec<ConditionError>) {
    match expr {
        Expr::And(items) | Expr::Or(items) => items.iter().for_each(|e| collect(e, lookup, out)),
        Expr::Not(inner) => collect(inner, lookup, out),
        leaf => out.extend(compile(leaf, lookup).err()),
    }
}

/// One row of the builder: `question op values`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clause {
    pub question: String,
    pub op: ClauseOp,
    /// Option ids, numbers or dates as written, without quotes; none for `Is`/`IsNot`,
    /// several for `In`.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseOp {
    /// A yes/no question answered yes: `married`.
    Is,
    /// `not married`.
    IsNot,
    Eq,
    Ne,
    In,
    Contains,
    Lt,
    Le,
    Gt,
    Ge,
}

/// The condition as builder rows, when it is one comparison or an `and` of them;
/// `None` when it needs more (an `or`, brackets, `not` of a comparison), and the studio
/// shows it as text.
pub fn to_clauses(src: &str) -> Option<Vec<Clause>> {
    match parse(src).ok()? {
        Expr::And(items) => items.iter().map(clause).collect(),
        leaf => clause(&leaf).map(|c| vec![c]),
    }
}

fn clause(e: &Expr<Ident>) -> Option<Clause> {
    let row = |q: &Ident, op, values| Some(Clause { question: q.name.clone(), op, values });
    match e {
        Expr::Truthy(q) => row(q, ClauseOp::Is, Vec::new()),
        Expr::Not(inner) => match inner.as_ref() {
            Expr::Truthy(q) => row(q, ClauseOp::IsNot, Vec::new()),
            _ => None,
        },
        Expr::Cmp(q, op, lit) => row(q, cmp_op(*op), vec![value(lit)?]),
        Expr::In(q, items) => row(q, ClauseOp::In, items.iter().map(value).collect::<Option<_>>()?),
        Expr::Contains(q, lit) => row(q, ClauseOp::Contains, vec![value(lit)?]),
        _ => None,
    }
}

fn cmp_op(op: CmpOp) -> ClauseOp {
    match op {
        CmpOp::Eq => ClauseOp::Eq,
        CmpOp::Ne => ClauseOp::Ne,
        CmpOp::Lt => ClauseOp::Lt,
        CmpOp::Le => ClauseOp::Le,
        CmpOp::Gt => ClauseOp::Gt,
        CmpOp::Ge => ClauseOp::Ge,
    }
}

/// A value as a row holds it. A text that would read back as a number, a date or
/// `true` (or that no quote can hold) cannot be a row: [`from_clauses`] writes rows
/// without knowing the questions' kinds, and must give the same condition back.
fn value(lit: &Literal) -> Option<String> {
    match lit {
        Literal::Str(s) if is_bare(s) || quote(s).is_none() => None,
        Literal::Str(s) => Some(s.clone()),
        Literal::Num(n) => Some(n.to_string()),
        Literal::Date(d) => Some(d.to_string()),
        Literal::Bool(b) => Some(b.to_string()),
    }
}

/// The value reads as a number, a date or a truth value, so it is written without quotes.
fn is_bare(s: &str) -> bool {
    let numeric = s.strip_prefix('-').unwrap_or(s).starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    s == "true" || s == "false" || numeric
}

/// The quotes that can hold `s` (the language has no escapes).
fn quote(s: &str) -> Option<(char, char)> {
    [('"', '"'), ('\'', '\''), ('«', '»')].into_iter().find(|(_, close)| !s.contains(*close))
}

fn written(v: &str) -> String {
    match quote(v) {
        Some((open, close)) if !is_bare(v) => format!("{open}{v}{close}"),
        _ => v.to_string(),
    }
}

/// The canonical text of builder rows: `not a and b == "x" and c in ["p", "q"]`. No
/// rows give an empty text: the field is then left out (it always applies).
pub fn from_clauses(clauses: &[Clause]) -> String {
    clauses.iter().map(row_text).collect::<Vec<_>>().join(" and ")
}

fn row_text(c: &Clause) -> String {
    let q = &c.question;
    let first = || c.values.first().map(|v| written(v)).unwrap_or_else(|| "\"\"".into());
    let symbol = |op: CmpOp| format!("{q} {} {}", op.symbol(), first());
    match c.op {
        ClauseOp::Is => q.clone(),
        ClauseOp::IsNot => format!("not {q}"),
        ClauseOp::Eq => symbol(CmpOp::Eq),
        ClauseOp::Ne => symbol(CmpOp::Ne),
        ClauseOp::Lt => symbol(CmpOp::Lt),
        ClauseOp::Le => symbol(CmpOp::Le),
        ClauseOp::Gt => symbol(CmpOp::Gt),
        ClauseOp::Ge => symbol(CmpOp::Ge),
        ClauseOp::Contains => format!("{q} contains {}", first()),
        ClauseOp::In => {
            format!("{q} in [{}]", c.values.iter().map(|v| written(v)).collect::<Vec<_>>().join(", "))
        }
    }
}

#[cfg(test)]
mod tests;
