//! The compiled catalog: conditions parsed and type-checked, ids resolved to indices,
//! the representative answers of every question worked out. Built once when the
//! catalog loads; the questionnaire and the plan resolver run on it.

use crate::condition::{self, ConditionError, Expr, Literal, QuestionLookup};
use crate::diagnostic::{hint, Diagnostic, Path};
use crate::model::*;
use crate::value::Value;
use crate::{Date, ProductionCalendar};
use std::collections::HashMap;
use std::sync::Arc;

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
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledDoc {
    pub doc: usize,
    /// Where the requirement is written: the service's shared list or the variant's own.
    pub in_variant: bool,
    pub index: usize,
    pub provider: Provider,
    pub when: Option<Cond>,
}

#[derive(Debug, Clone)]
pub(crate) struct CompiledVariant {
    /// `None`: always applies.
    pub when: Option<Cond>,
    pub docs: Vec<CompiledDoc>,
    /// Document kinds this variant produces.
    pub results: Vec<usize>,
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
    pub(crate) variants: Vec<Vec<CompiledVariant>>,
    pub(crate) domains: Vec<Vec<Value>>,
    pub(crate) after: Vec<Vec<usize>>,
}

struct Lookup<'a> {
    questions: &'a [Question],
    ix: &'a HashMap<String, usize>,
}

impl QuestionLookup for Lookup<'_> {
    fn find(&self, id: &str) -> Option<(usize, &Question)> {
        self.ix.get(id).map(|&i| (i, &self.questions[i]))
    }
    fn suggest(&self, id: &str) -> Option<String> {
        crate::diagnostic::closest(id, self.questions.iter().map(|q| q.id.as_str()))
    }
}

fn index<T>(items: &[T], id: impl Fn(&T) -> &str, path: &str, diags: &mut Vec<Diagnostic>) -> HashMap<String, usize> {
    let mut ix = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let key = id(item);
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            diags.push(Diagnostic::error(
                Path::root(path).key(key),
                format!("id `{key}` must be made of small Latin letters, digits, `-` and `_`"),
            ));
        }
        if ix.insert(key.to_string(), i).is_some() {
            diags.push(Diagnostic::error(Path::root(path).key(key), format!("the id `{key}` is used twice")));
        }
    }
    ix
}

/// What the source of a fact lacks, for warnings: editors must cite every number.
fn sourcing_warnings(
    path: &dyn Fn() -> Path,
    what: &str,
    source: &Option<String>,
    checked: &Option<Date>,
    diags: &mut Vec<Diagnostic>,
) {
    match (source, checked) {
        (None, _) => {
            diags.push(Diagnostic::warning(path(), format!("{what} has no `source` (a URL to check it against)")))
        }
        (Some(url), _) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            diags.push(Diagnostic::warning(path().key("source"), format!("`{url}` is not a web address")))
        }
        (Some(_), None) => diags.push(Diagnostic::warning(path(), format!("{what} has no `checked` date"))),
        _ => {}
    }
}

impl Engine {
    /// Compiles a catalog. Returns every problem found; the engine only when there is no error.
    pub fn build(catalog: Catalog) -> (Option<Engine>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let c = &catalog;
        if c.format != BUNDLE_FORMAT {
            diags.push(Diagnostic::error(
                Path::root("format"),
                format!("bundle format {} is not supported (this navigator reads format {BUNDLE_FORMAT})", c.format),
            ));
        }
        if !c.meta.languages.iter().any(|l| l == "ru") {
            diags.push(Diagnostic::error(Path::root("meta").key("languages"), "Russian (\"ru\") is required"));
        }
        let question_ix = index(&c.questions, |q| &q.id, "questions", &mut diags);
        let service_ix = index(&c.services, |s| &s.id, "services", &mut diags);
        let situation_ix = index(&c.situations, |s| &s.id, "situations", &mut diags);
        let document_ix = index(&c.documents, |d| &d.id, "documents", &mut diags);
        let department_ix = index(&c.departments, |d| &d.id, "departments", &mut diags);
        let category_ix = index(&c.meta.categories, |d| &d.id, "meta.categories", &mut diags);
        for q in &c.questions {
            if q.id.contains('-') || q.id.starts_with(|ch: char| ch.is_ascii_digit()) {
                diags.push(Diagnostic::error(
                    Path::root("questions").key(&q.id),
                    "a question id starts with a letter and uses `_`, not `-`, so that conditions can name it",
                ));
            }
        }
        let lookup = Lookup { questions: &c.questions, ix: &question_ix };
        // Paths are built only when there is something to report: a big catalog has
        // tens of thousands of fields and loading must stay fast.
        let compile = |src: &Option<String>, path: &dyn Fn() -> Path, diags: &mut Vec<Diagnostic>| -> Option<Cond> {
            let src = src.as_ref()?;
            match condition::parse(src).and_then(|e| condition::compile(&e, &lookup)) {
                Ok(e) => Some(Cond::new(e)),
                Err(ConditionError { column, message }) => {
                    diags.push(Diagnostic::error(
                        path(),
                        format!("in the condition `{src}`, column {column}: {message}"),
                    ));
                    None
                }
            }
        };

        // Questions.
        let mut question_when = Vec::with_capacity(c.questions.len());
        for q in &c.questions {
            let path = Path::root("questions").key(&q.id);
            let choice = matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple);
            if choice && q.options.len() < 2 {
                diags.push(Diagnostic::error(path.key("options"), "a choice question needs at least two options"));
            }
            if !choice && !q.options.is_empty() {
                diags.push(Diagnostic::error(
                    path.key("options"),
                    "only single and multiple choice questions have options",
                ));
            }
            let mut seen = HashMap::new();
            for (i, o) in q.options.iter().enumerate() {
                if seen.insert(o.id.as_str(), i).is_some() {
                    diags.push(Diagnostic::error(
                        path.key("options").index(i),
                        format!("option `{}` is listed twice", o.id),
                    ));
                }
            }
            if let (Some(min), Some(max)) = (q.min, q.max) {
                if min > max {
                    diags.push(Diagnostic::error(path.clone(), format!("min {min} is greater than max {max}")));
                }
            }
            if q.text.is_blank() {
                diags.push(Diagnostic::error(path.key("text"), "the question has no text"));
            }
            let when = compile(&q.when, &|| path.key("when"), &mut diags);
            question_when.push(when);
        }
        // A question may not depend on itself, directly or through others.
        for (i, q) in c.questions.iter().enumerate() {
            let mut stack: Vec<usize> = question_when[i].as_ref().map(|w| w.questions.to_vec()).unwrap_or_default();
            let mut seen = vec![false; c.questions.len()];
            while let Some(j) = stack.pop() {
                if j == i {
                    diags.push(Diagnostic::error(
                        Path::root("questions").key(&q.id).key("when"),
                        "the question's condition depends on the question itself",
                    ));
                    break;
                }
                if !std::mem::replace(&mut seen[j], true) {
                    if let Some(w) = &question_when[j] {
                        stack.extend(w.questions.iter().copied());
                    }
                }
            }
        }

        // Departments: their references are checked where they are used.
        // Situations.
        let mut inclusions = Vec::with_capacity(c.situations.len());
        for s in &c.situations {
            let path = Path::root("situations").key(&s.id);
            if !category_ix.contains_key(&s.category) {
                diags.push(Diagnostic::error(
                    path.key("category"),
                    format!(
                        "unknown category `{}`{}",
                        s.category,
                        hint(&s.category, c.meta.categories.iter().map(|x| x.id.as_str()))
                    ),
                ));
            }
            if s.services.is_empty() {
                diags.push(Diagnostic::error(path.key("services"), "the situation includes no services"));
            }
            let mut list = Vec::new();
            let mut seen = HashMap::new();
            for (i, inc) in s.services.iter().enumerate() {
                let p = path.key("services").index(i);
                let when = compile(&inc.when, &|| p.key("when"), &mut diags);
                match service_ix.get(&inc.service) {
                    None => diags.push(Diagnostic::error(
                        p.key("service"),
                        format!(
                            "unknown service `{}`{}",
                            inc.service,
                            hint(&inc.service, c.services.iter().map(|x| x.id.as_str()))
                        ),
                    )),
                    Some(&svc) => {
                        if seen.insert(svc, i).is_some() {
                            diags.push(Diagnostic::error(p, format!("service `{}` is listed twice", inc.service)));
                        } else {
                            list.push(CompiledInclusion { service: svc, when });
                        }
                    }
                }
            }
            inclusions.push(list);
        }

        // Services.
        let doc_ref = |id: &str, path: &dyn Fn() -> Path, diags: &mut Vec<Diagnostic>| -> Option<usize> {
            let found = document_ix.get(id).copied();
            if found.is_none() {
                diags.push(Diagnostic::error(
                    path(),
                    format!("unknown document `{id}`{}", hint(id, c.documents.iter().map(|x| x.id.as_str()))),
                ));
            }
            found
        };
        let mut variants = Vec::with_capacity(c.services.len());
        let mut after = Vec::with_capacity(c.services.len());
        for s in &c.services {
            let path = Path::root("services").key(&s.id);
            if !department_ix.contains_key(&s.provider) {
                diags.push(Diagnostic::error(
                    path.key("provider"),
                    format!(
                        "unknown department `{}`{}",
                        s.provider,
                        hint(&s.provider, c.departments.iter().map(|x| x.id.as_str()))
                    ),
                ));
            }
            if s.legal_basis.is_empty() {
                diags.push(Diagnostic::error(path.key("legal_basis"), "every service names its legal basis"));
            }
            for (i, l) in s.legal_basis.iter().enumerate() {
                sourcing_warnings(
                    &|| path.key("legal_basis").index(i),
                    "the legal basis",
                    &l.source,
                    &l.checked,
                    &mut diags,
                );
            }
            let mut deps = Vec::new();
            for (i, a) in s.after.iter().enumerate() {
                match service_ix.get(a) {
                    Some(&j) => deps.push(j),
                    None => diags.push(Diagnostic::error(
                        path.key("after").index(i),
                        format!("unknown service `{a}`{}", hint(a, c.services.iter().map(|x| x.id.as_str()))),
                    )),
                }
            }
            after.push(deps);
            check_body(c, &s.common, &|| path.clone(), &department_ix, &doc_ref, &mut diags);
            let mut seen_ids = HashMap::new();
            let defaults = s.variants.iter().filter(|v| v.when.is_none()).count();
            if s.variants.len() > 1 && defaults > 1 {
                diags.push(Diagnostic::error(
                    path.key("variants"),
                    "at most one variant may leave out `when` (it applies when no other does)",
                ));
            }
            let common_docs: Vec<CompiledDoc> = s
                .common
                .documents
                .iter()
                .enumerate()
                .filter_map(|(i, d)| {
                    let p = || path.key("documents").index(i);
                    let when = compile(&d.when, &|| p().key("when"), &mut diags);
                    doc_ref(&d.doc, &|| p().key("doc"), &mut diags).map(|doc| CompiledDoc {
                        doc,
                        in_variant: false,
                        index: i,
                        provider: d.provider,
                        when,
                    })
                })
                .collect();
            let results_of = |body: &VariantBody| -> Vec<usize> {
                body.results
                    .as_ref()
                    .or(s.common.results.as_ref())
                    .map(|r| r.iter().filter_map(|id| document_ix.get(id).copied()).collect())
                    .unwrap_or_default()
            };
            let mut list = Vec::new();
            if s.variants.is_empty() {
                list.push(CompiledVariant { when: None, docs: common_docs.clone(), results: results_of(&s.common) });
            }
            let mut explicit: Vec<Expr<usize>> = Vec::new();
            for (i, v) in s.variants.iter().enumerate() {
                let p = || path.key("variants").index(i);
                if let Some(id) = &v.id {
                    if seen_ids.insert(id.clone(), i).is_some() {
                        diags.push(Diagnostic::error(p().key("id"), format!("variant id `{id}` is used twice")));
                    }
                }
                let when = compile(&v.when, &|| p().key("when"), &mut diags);
                if let Some(w) = &when {
                    explicit.push((*w.expr).clone());
                }
                check_body(c, &v.body, &p, &department_ix, &doc_ref, &mut diags);
                let mut docs = common_docs.clone();
                for (j, d) in v.body.documents.iter().enumerate() {
                    let dp = || p().key("documents").index(j);
                    let when = compile(&d.when, &|| dp().key("when"), &mut diags);
                    if let Some(doc) = doc_ref(&d.doc, &|| dp().key("doc"), &mut diags) {
                        docs.push(CompiledDoc { doc, in_variant: true, index: j, provider: d.provider, when });
                    }
                }
                list.push(CompiledVariant { when, docs, results: results_of(&v.body) });
            }
            // The variant without `when` applies when no other does.
            if s.variants.len() > 1 && !explicit.is_empty() {
                let otherwise = Cond::new(Expr::Not(Box::new(Expr::Or(explicit))));
                for (v, cv) in s.variants.iter().zip(list.iter_mut()) {
                    if v.when.is_none() {
                        cv.when = Some(otherwise.clone());
                    }
                }
            }
            variants.push(list);
        }

        // Cycles among services (through documents or `after`), whatever the variants.
        let mut producers: HashMap<usize, Vec<usize>> = HashMap::new();
        for (s, vs) in variants.iter().enumerate() {
            for v in vs {
                for &d in &v.results {
                    let list = producers.entry(d).or_default();
                    if !list.contains(&s) {
                        list.push(s);
                    }
                }
            }
        }
        let mut edges: Vec<Vec<usize>> = after.clone();
        for (s, vs) in variants.iter().enumerate() {
            for v in vs {
                for d in &v.docs {
                    if let Some(ps) = producers.get(&d.doc) {
                        for &p in ps {
                            if p != s && !edges[s].contains(&p) && d.provider == Provider::Applicant {
                                edges[s].push(p);
                            }
                        }
                    }
                }
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<&str> = cycle.iter().map(|&i| c.services[i].id.as_str()).collect();
            diags.push(Diagnostic::error(
                Path::root("services").key(names[0]),
                format!("services depend on each other in a circle: {} → {}", names.join(" → "), names[0]),
            ));
        }

        if diags.iter().any(|d| d.is_error()) {
            return (None, diags);
        }

        let mut engine = Engine {
            calendar: ProductionCalendar::new(catalog.meta.holidays.clone(), catalog.meta.workdays.clone()),
            catalog,
            question_ix,
            service_ix,
            situation_ix,
            document_ix,
            department_ix,
            question_when,
            inclusions,
            variants,
            domains: Vec::new(),
            after,
        };
        engine.domains = engine.compute_domains();
        (Some(engine), diags)
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

/// Resolves a document id, reporting an unknown one.
type DocRef<'a> = dyn Fn(&str, &dyn Fn() -> Path, &mut Vec<Diagnostic>) -> Option<usize> + 'a;

fn check_body(
    c: &Catalog,
    body: &VariantBody,
    path: &dyn Fn() -> Path,
    department_ix: &HashMap<String, usize>,
    doc_ref: &DocRef,
    diags: &mut Vec<Diagnostic>,
) {
    for (name, period) in [("term", &body.term), ("deadline", &body.deadline)] {
        if let Some(p) = period {
            let pp = || path().key(name);
            if p.amount().is_none() {
                diags.push(Diagnostic::error(pp(), "give exactly one of `days`, `working_days`, `months`"));
            }
            let what = if name == "term" { "the processing term" } else { "the deadline" };
            if p.basis.is_none() {
                diags.push(Diagnostic::warning(pp(), format!("{what} has no legal `basis`")));
            }
            sourcing_warnings(&pp, what, &p.source, &p.checked, diags);
        }
    }
    if let Some(fee) = &body.fee {
        let fp = || path().key("fee");
        if !(fee.amount.is_finite() && fee.amount >= 0.0) {
            diags.push(Diagnostic::error(fp().key("amount"), "the fee is a sum in roubles, 0 or more"));
        }
        if fee.amount > 0.0 && fee.basis.is_none() {
            diags
                .push(Diagnostic::error(fp(), "a fee needs its legal `basis` (for a state fee, the Tax Code article)"));
        }
        sourcing_warnings(&fp, "the fee", &fee.source, &fee.checked, diags);
    }
    if let Some(channels) = &body.channels {
        if channels.is_empty() {
            diags.push(Diagnostic::error(path().key("channels"), "list at least one way to apply"));
        }
        for (i, ch) in channels.iter().enumerate() {
            let cp = || path().key("channels").index(i);
            if let Some(office) = &ch.office {
                if !department_ix.contains_key(office) {
                    diags.push(Diagnostic::error(
                        cp().key("office"),
                        format!(
                            "unknown department `{office}`{}",
                            hint(office, c.departments.iter().map(|x| x.id.as_str()))
                        ),
                    ));
                }
            }
            if matches!(ch.kind, ChannelKind::OneWindow | ChannelKind::Mfc) && ch.office.is_none() {
                diags.push(Diagnostic::error(cp(), "say which office: `office = \"…\"`"));
            }
            if ch.kind == ChannelKind::Portal && ch.url.is_none() {
                diags.push(Diagnostic::warning(cp(), "a portal channel should link to the service's page (`url`)"));
            }
        }
    }
    if let Some(results) = &body.results {
        for (i, r) in results.iter().enumerate() {
            doc_ref(r, &|| path().key("results").index(i), diags);
        }
    }
    for (i, d) in body.documents.iter().enumerate() {
        if d.doc.is_empty() {
            diags.push(Diagnostic::error(path().key("documents").index(i), "the document has no `doc`"));
        }
    }
}

/// A cycle in a dependency graph, if any (iterative DFS, so deep chains cannot overflow).
pub(crate) fn find_cycle(edges: &[Vec<usize>]) -> Option<Vec<usize>> {
    let n = edges.len();
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut parent = vec![usize::MAX; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if *next < edges[node].len() {
                let to = edges[node][*next];
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        parent[to] = node;
                        stack.push((to, 0));
                    }
                    1 => {
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
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    None
}
