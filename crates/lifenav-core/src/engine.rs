//! The compiled catalog: conditions parsed and type-checked, ids resolved to indices,
//! the representative answers of every question worked out. Built once when the
//! catalog loads; the questionnaire and the plan resolver run on it.

use crate::condition::{Expr, Literal, Tri};
use crate::diagnostic::{hint, Diagnostic};
use crate::model::*;
use crate::questionnaire::Profile;
use crate::value::Value;
use crate::{Date, ProductionCalendar};
use std::collections::HashMap;
use std::sync::Arc;

mod build;
pub mod dated;
#[cfg(test)]
mod tests;
pub(crate) mod unknown;

pub(crate) use build::sourcing_warnings;

/// A compiled condition and the questions it reads. Cheap to clone: a service's
/// shared documents appear in every variant.
#[derive(Debug, Clone)]
pub struct Cond {
    pub expr: Arc<Expr<usize>>,
    pub questions: Arc<[usize]>,
}

impl Cond {
    fn new(expr: Expr<usize>) -> Cond {
        let questions = expr.questions().into();
        Cond { expr: Arc::new(expr), questions }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledInclusion {
    pub service: usize,
    pub when: Option<Cond>,
    /// The days the situation includes the service (see [`dated`]).
    pub from: Option<Date>,
    pub until: Option<Date>,
}

/// A situation that may come next (`next` of a situation), resolved.
#[derive(Debug, Clone)]
pub(crate) struct CompiledNext {
    pub situation: usize,
    pub when: Option<Cond>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledDoc {
    pub doc: usize,
    /// Where the requirement is written: the service's shared list or the variant's own.
    pub in_variant: bool,
    pub index: usize,
    pub provider: Provider,
    pub when: Option<Cond>,
    pub from: Option<Date>,
    pub until: Option<Date>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledVariant {
    /// `None`: always applies.
    pub when: Option<Cond>,
    pub docs: Vec<CompiledDoc>,
    /// Document kinds this variant produces.
    pub results: Vec<usize>,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// The variant without `when` of a service whose variants are dated: it applies when
    /// no other variant in force that day does (worked out per day, not compiled).
    pub otherwise: bool,
}

impl CompiledVariant {
    /// The documents the applicant hands in (those an authority obtains itself link no steps).
    pub(crate) fn applicant_docs(&self) -> impl Iterator<Item = &CompiledDoc> {
        self.docs.iter().filter(|d| d.provider == Provider::Applicant)
    }
}

/// Which variants of a service apply to a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VariantMatch {
    /// The variants whose condition is true, in catalog order.
    pub applying: Vec<usize>,
    /// Some variant's condition cannot be decided yet.
    pub undecided: bool,
}

/// For each node of a chain (a service, a step), the earlier nodes that give it a document
/// it must bring: `(producer, document)` pairs, each once, in the order of the needs and
/// then of the producers. `needs[k]`: the documents node `k` must bring;
/// `gives[k]`: the documents it results in. A node never depends on itself.
pub(crate) fn document_edges(needs: &[Vec<usize>], gives: &[Vec<usize>]) -> Vec<Vec<(usize, usize)>> {
    needs
        .iter()
        .enumerate()
        .map(|(k, docs)| {
            let mut found: Vec<(usize, usize)> = Vec::new();
            for &doc in docs {
                for (j, g) in gives.iter().enumerate() {
                    if j != k && g.contains(&doc) && !found.contains(&(j, doc)) {
                        found.push((j, doc));
                    }
                }
            }
            found
        })
        .collect()
}

/// A catalog ready for the questionnaire and the resolver.
#[derive(Debug, Clone)]
pub struct Engine {
    pub catalog: Catalog,
    pub calendar: ProductionCalendar,
    pub(crate) question_ix: HashMap<String, usize>,
    pub(crate) service_ix: HashMap<String, usize>,
    pub(crate) situation_ix: HashMap<String, usize>,
    pub(crate) document_ix: HashMap<String, usize>,
    pub(crate) department_ix: HashMap<String, usize>,
    pub(crate) question_when: Vec<Option<Cond>>,
    pub(crate) inclusions: Vec<Vec<CompiledInclusion>>,
    /// The situations that may follow each situation, in catalog order.
    pub(crate) next: Vec<Vec<CompiledNext>>,
    pub(crate) variants: Vec<Vec<CompiledVariant>>,
    pub(crate) domains: Vec<Vec<Value>>,
    pub(crate) after: Vec<Vec<usize>>,
}

impl Engine {
    /// Compiles a catalog. Returns every problem found; the engine only when there is no error.
    pub fn build(catalog: Catalog) -> (Option<Engine>, Vec<Diagnostic>) {
        build::build(catalog)
    }

    /// Loads a JSON bundle (what `lifenav build` writes and the widget fetches).
    pub fn from_json(json: &str) -> Result<Engine, String> {
        let catalog: Catalog =
            serde_json::from_str(json).map_err(|e| format!("the catalog bundle is not valid: {e}"))?;
        match Engine::build(catalog) {
            (Some(engine), _) => Ok(engine),
            (None, diags) => {
                Err(diags.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))
            }
        }
    }

    /// Every condition in the catalog, to find the constants each question is compared with.
    fn all_conditions(&self) -> impl Iterator<Item = &Cond> {
        self.question_when
            .iter()
            .flatten()
            .chain(self.inclusions.iter().flatten().filter_map(|i| i.when.as_ref()))
            .chain(self.variants.iter().flatten().filter_map(|v| v.when.as_ref()))
            .chain(self.variants.iter().flatten().flat_map(|v| v.docs.iter().filter_map(|d| d.when.as_ref())))
    }

    /// Representative answers of each question: one per class of answers that the
    /// conditions can tell apart. Enumerating these covers every combination.
    fn compute_domains(&self) -> Vec<Vec<Value>> {
        let mut lits: Vec<Vec<Literal>> = vec![Vec::new(); self.catalog.questions.len()];
        for cond in self.all_conditions() {
            for &q in cond.questions.iter() {
                cond.expr.literals_for(q, &mut lits[q]);
            }
        }
        self.catalog
            .questions
            .iter()
            .zip(lits)
            .map(|(q, lits)| match q.kind {
                QuestionKind::YesNo => vec![Value::Bool(true), Value::Bool(false)],
                QuestionKind::Single => q.options.iter().map(|o| Value::Choice(o.id.clone())).collect(),
                QuestionKind::Multiple => {
                    // Only the options some condition looks at matter; all their subsets.
                    let mut used: Vec<String> = q
                        .options
                        .iter()
                        .filter(|o| lits.iter().any(|l| matches!(l, Literal::Str(s) if s == &o.id)))
                        .map(|o| o.id.clone())
                        .collect();
                    used.truncate(8);
                    (0u32..(1 << used.len()))
                        .map(|mask| {
                            let mut set: Vec<String> = used
                                .iter()
                                .enumerate()
                                .filter(|(i, _)| mask & (1 << i) != 0)
                                .map(|(_, s)| s.clone())
                                .collect();
                            set.sort();
                            Value::Set(set)
                        })
                        .collect()
                }
                QuestionKind::Number => {
                    let mut points: Vec<f64> = lits
                        .iter()
                        .filter_map(|l| if let Literal::Num(n) = l { Some(*n) } else { None })
                        .flat_map(|n| [n - 1.0, n, n + 1.0])
                        .filter(|n| q.min.is_none_or(|m| *n >= m) && q.max.is_none_or(|m| *n <= m))
                        .collect();
                    if points.is_empty() {
                        points.push(q.min.unwrap_or(0.0));
                    }
                    points.sort_by(|a, b| a.total_cmp(b));
                    points.dedup();
                    points.into_iter().map(Value::Number).collect()
                }
                QuestionKind::Date => {
                    let mut points: Vec<Date> = lits
                        .iter()
                        .filter_map(|l| if let Literal::Date(d) = l { Some(*d) } else { None })
                        .flat_map(|d| [d.add_days(-1), d, d.add_days(1)])
                        .collect();
                    if points.is_empty() {
                        points.push(self.catalog.meta.effective);
                    }
                    points.sort();
                    points.dedup();
                    points.into_iter().map(Value::Date).collect()
                }
            })
            .collect()
    }

    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.question_ix.get(id).copied()
    }
    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.service_ix.get(id).copied()
    }
    pub fn situation_index(&self, id: &str) -> Option<usize> {
        self.situation_ix.get(id).copied()
    }
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.document_ix.get(id).copied()
    }
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.department_ix.get(id).map(|&i| &self.catalog.departments[i])
    }

    /// Which variants of `service` apply to the answers in `p`, among those in force on
    /// `on` (every variant when `on` is `None`).
    pub(crate) fn variant_match(&self, service: usize, p: &Profile, on: Option<Date>) -> VariantMatch {
        let mut m = VariantMatch { applying: Vec::new(), undecided: false };
        let mut otherwise = None;
        for (i, v) in self.variants[service].iter().enumerate() {
            if !dated::in_force(v.from, v.until, on) {
                continue;
            }
            if v.otherwise {
                otherwise = Some(i);
                continue;
            }
            match self.eval(&v.when, p) {
                Tri::True => m.applying.push(i),
                Tri::Unknown => m.undecided = true,
                Tri::False => {}
            }
        }
        if let Some(i) = otherwise {
            if m.applying.is_empty() && !m.undecided {
                m.applying.push(i);
            }
        }
        m
    }

    /// `questions` with every question their applicability depends on, directly or
    /// through others (the closure over the questions' `when`), sorted, each once.
    pub(crate) fn with_prerequisites(&self, mut questions: Vec<usize>) -> Vec<usize> {
        let mut i = 0;
        while i < questions.len() {
            if let Some(w) = &self.question_when[questions[i]] {
                for &q in w.questions.iter() {
                    if !questions.contains(&q) {
                        questions.push(q);
                    }
                }
            }
            i += 1;
        }
        questions.sort_unstable();
        questions.dedup();
        questions
    }

    /// The representative answers of a question (see `compute_domains`).
    pub fn domain(&self, question: usize) -> &[Value] {
        &self.domains[question]
    }

    /// Parses `q=v` pairs into answers, with a clear message for each bad one.
    pub fn parse_answers<'a>(
        &self,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<crate::Answers, Vec<String>> {
        let mut answers = crate::Answers::new();
        let mut errors = Vec::new();
        for (q, v) in pairs {
            match self.question_ix.get(q) {
                None => errors.push(format!(
                    "unknown question `{q}`{}",
                    hint(q, self.catalog.questions.iter().map(|x| x.id.as_str()))
                )),
                Some(&i) => match self.catalog.questions[i].parse_answer(v) {
                    Ok(value) => {
                        answers.insert(q.to_string(), value);
                    }
                    Err(e) => errors.push(e),
                },
            }
        }
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }
}

/// Where the cycle search stands with a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    New,
    /// On the current path: reaching it again closes a cycle.
    OnPath,
    Done,
}

/// A cycle in a dependency graph, if any (iterative DFS, so deep chains cannot overflow).
pub(crate) fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut mark = vec![Mark::New; n];
    let mut parent = vec![usize::MAX; n];
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::OnPath;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < edges[node].len() {
                let to = edges[node][*next];
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::OnPath;
                        parent[to] = node;
                        stack.push((to, 0));
                    }
                    Mark::OnPath => {
                        let mut cycle = vec![to];
                        let mut cur = node;
                        while cur != to {
                            cycle.push(cur);
                            cur = parent[cur];
                        }
                        cycle.reverse();
                        cycle.rotate_right(1);
                        return Some(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}
