//! Compiling a catalog into an [`Engine`], one section of the catalog at a time:
//! the header and the ids, the questions, the situations, the services, and the
//! cycles among services. Each section reports what is wrong with it and goes on, so
//! that editors see every problem at once.

use super::{document_edges, find_cycle, CompiledDoc, CompiledInclusion, CompiledNext, CompiledVariant, Cond, Engine};
use crate::condition::{self, ConditionError, Expr, QuestionLookup};
use crate::diagnostic::{hint, hint_ru, Diagnostic, Path};
use crate::model::*;
use crate::{Date, ProductionCalendar};
use std::collections::HashMap;

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
                format!("код `{key}` пишется маленькими латинскими буквами, цифрами, `-` и `_`"),
                format!("id `{key}` must be made of small Latin letters, digits, `-` and `_`"),
            ));
        }
        if ix.insert(key.to_string(), i).is_some() {
            diags.push(Diagnostic::error(
                Path::root(path).key(key),
                format!("код `{key}` встречается дважды"),
                format!("the id `{key}` is used twice"),
            ));
        }
    }
    ix
}

/// What the source of a fact lacks, for warnings: editors must cite every number.
pub(crate) fn sourcing_warnings(
    path: &dyn Fn() -> Path,
    what: (&str, &str),
    source: &Option<String>,
    checked: &Option<Date>,
    diags: &mut Vec<Diagnostic>,
) {
    let (ru, en) = what;
    match (source, checked) {
        (None, _) => diags.push(Diagnostic::warning(
            path(),
            format!("{ru}: нет источника (`source`) — ссылки, по которой это можно проверить"),
            format!("{en} has no `source` (a URL to check it against)"),
        )),
        (Some(url), _) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            diags.push(Diagnostic::warning(
                path().key("source"),
                format!("`{url}` — не адрес сайта (он начинается с https://)"),
                format!("`{url}` is not a web address"),
            ))
        }
        (Some(_), None) => diags.push(Diagnostic::warning(
            path(),
            format!("{ru}: не указана дата проверки по источнику (`checked`)"),
            format!("{en} has no `checked` date"),
        )),
        _ => {}
    }
}

/// Two variants are in force on some day together.
fn spans_meet(a: &Variant, b: &Variant) -> bool {
    a.from.max(b.from).is_none_or(|start| {
        let end = match (a.until, b.until) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        end.is_none_or(|end| start <= end)
    })
}

/// The catalog being compiled, its ids, and what has been found wrong so far.
struct Builder<'a> {
    c: &'a Catalog,
    diags: Vec<Diagnostic>,
    question_ix: HashMap<String, usize>,
    service_ix: HashMap<String, usize>,
    situation_ix: HashMap<String, usize>,
    document_ix: HashMap<String, usize>,
    department_ix: HashMap<String, usize>,
    category_ix: HashMap<String, usize>,
}

pub(super) fn build(catalog: Catalog) -> (Option<Engine>, Vec<Diagnostic>) {
    let mut b = Builder::new(&catalog);
    let question_when = b.questions();
    b.question_cycles(&question_when);
    let inclusions = b.situations();
    let next = b.next_situations();
    let (variants, after) = b.services();
    b.service_cycles(&variants, &after);
    let Builder { diags, question_ix, service_ix, situation_ix, document_ix, department_ix, .. } = b;
    if diags.iter().any(|d| d.is_error()) {
        return (None, diags);
    }
    let calendar = ProductionCalendar::of_meta(&catalog.meta);
    let mut engine = Engine {
        calendar,
        catalog,
        question_ix,
        service_ix,
        situation_ix,
        document_ix,
        department_ix,
        question_when,
        inclusions,
        next,
        variants,
        domains: Vec::new(),
        after,
    };
    engine.domains = engine.compute_domains();
    (Some(engine), diags)
}

impl<'a> Builder<'a> {
    /// The format, the languages and the ids of every kind of item.
    fn new(c: &'a Catalog) -> Builder<'a> {
        let mut diags = Vec::new();
        for d in &c.departments {
            for (i, u) in d.unknown.iter().enumerate().filter(|(_, u)| !CONTACTS.contains(&u.as_str())) {
                diags.push(Diagnostic::error(
                    Path::root("departments").key(&d.id).key("unknown").index(i),
                    format!("`{u}` — не способ связи: пишите {}", CONTACTS.join(", ")),
                    format!("`{u}` is not a contact: write {}", CONTACTS.join(", ")),
                ));
            }
        }
        if c.format != BUNDLE_FORMAT {
            diags.push(Diagnostic::error(
                Path::root("format"),
                format!("формат сборки {} не поддерживается (навигатор читает формат {BUNDLE_FORMAT})", c.format),
                format!("bundle format {} is not supported (this navigator reads format {BUNDLE_FORMAT})", c.format),
            ));
        }
        if !c.meta.languages.iter().any(|l| l == "ru") {
            diags.push(Diagnostic::error(
                Path::root("meta").key("languages"),
                "русский язык (\"ru\") обязателен",
                "Russian (\"ru\") is required",
            ));
        }
        let question_ix = index(&c.questions, |q| &q.id, "questions", &mut diags);
        let service_ix = index(&c.services, |s| &s.id, "services", &mut diags);
        let situation_ix = index(&c.situations, |s| &s.id, "situations", &mut diags);
        let document_ix = index(&c.documents, |d| &d.id, "documents", &mut diags);
        let department_ix = index(&c.departments, |d| &d.id, "departments", &mut diags);
        let category_ix = index(&c.meta.categories, |d| &d.id, "meta.categories", &mut diags);
        Builder { c, diags, question_ix, service_ix, situation_ix, document_ix, department_ix, category_ix }
    }

    fn error(&mut self, path: Path, ru: impl Into<String>, en: impl Into<String>) {
        self.diags.push(Diagnostic::error(path, ru, en));
    }

    /// Compiles a condition. Paths are built only when there is something to report:
    /// a big catalog has tens of thousands of fields and loading must stay fast.
    fn cond(&mut self, src: &Option<String>, path: &dyn Fn() -> Path) -> Option<Cond> {
        let src = src.as_ref()?;
        let lookup = Lookup { questions: &self.c.questions, ix: &self.question_ix };
        match condition::parse(src).and_then(|e| condition::compile(&e, &lookup)) {
            Ok(e) => Some(Cond::new(e)),
            Err(ConditionError { column, message, message_en }) => {
                self.error(
                    path(),
                    format!("в условии `{src}`, позиция {column}: {message}"),
                    format!("in the condition `{src}`, column {column}: {message_en}"),
                );
                None
            }
        }
    }

    /// The document kind an id names, reporting an unknown one.
    fn doc_ref(&mut self, id: &str, path: &dyn Fn() -> Path) -> Option<usize> {
        let found = self.document_ix.get(id).copied();
        if found.is_none() {
            let h = hint(id, self.c.documents.iter().map(|x| x.id.as_str()));
            let r = hint_ru(id, self.c.documents.iter().map(|x| x.id.as_str()));
            self.error(path(), format!("нет такого документа `{id}`{r}"), format!("unknown document `{id}`{h}"));
        }
        found
    }

    fn department_ref(&mut self, id: &str, path: &dyn Fn() -> Path) {
        if !self.department_ix.contains_key(id) {
            let h = hint(id, self.c.departments.iter().map(|x| x.id.as_str()));
            let r = hint_ru(id, self.c.departments.iter().map(|x| x.id.as_str()));
            self.error(path(), format!("нет такого ведомства `{id}`{r}"), format!("unknown department `{id}`{h}"));
        }
    }

    /// Questions: their options and bounds, and their compiled `when`.
    fn questions(&mut self) -> Vec<Option<Cond>> {
        let c = self.c;
        let mut question_when = Vec::with_capacity(c.questions.len());
        for q in &c.questions {
            let path = Path::root("questions").key(&q.id);
            if q.id.contains('-') || q.id.starts_with(|ch: char| ch.is_ascii_digit()) {
                self.error(
                    path.clone(),
                    "код вопроса начинается с буквы и пишется через `_`, а не `-`, чтобы на него можно было сослаться в условии",
                    "a question id starts with a letter and uses `_`, not `-`, so that conditions can name it",
                );
            }
            let choice = matches!(q.kind, QuestionKind::Single | QuestionKind::Multiple);
            if choice && q.options.len() < 2 {
                self.error(
                    path.key("options"),
                    "у вопроса с выбором должно быть хотя бы два варианта ответа",
                    "a choice question needs at least two options",
                );
            }
            if !choice && !q.options.is_empty() {
                self.error(
                    path.key("options"),
                    "варианты ответа бывают только у вопросов с выбором",
                    "only single and multiple choice questions have options",
                );
            }
            let mut seen = HashMap::new();
            for (i, o) in q.options.iter().enumerate() {
                if seen.insert(o.id.as_str(), i).is_some() {
                    self.error(
                        path.key("options").index(i),
                        format!("вариант ответа `{}` указан дважды", o.id),
                        format!("option `{}` is listed twice", o.id),
                    );
                }
            }
            if let (Some(min), Some(max)) = (q.min, q.max) {
                if min > max {
                    self.error(
                        path.clone(),
                        format!("наименьшее значение {min} больше наибольшего {max}"),
                        format!("min {min} is greater than max {max}"),
                    );
                }
            }
            if q.text.is_blank() {
                self.error(path.key("text"), "у вопроса нет текста", "the question has no text");
            }
            let when = self.cond(&q.when, &|| path.key("when"));
            question_when.push(when);
        }
        question_when
    }

    /// A question may not depend on itself, directly or through others.
    fn question_cycles(&mut self, question_when: &[Option<Cond>]) {
        for (i, q) in self.c.questions.iter().enumerate() {
            let mut stack: Vec<usize> = question_when[i].as_ref().map(|w| w.questions.to_vec()).unwrap_or_default();
            let mut seen = vec![false; self.c.questions.len()];
            while let Some(j) = stack.pop() {
                if j == i {
                    self.diags.push(Diagnostic::error(
                        Path::root("questions").key(&q.id).key("when"),
                        "условие показа вопроса зависит от ответа на этот же вопрос",
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
    }

    /// Situations: their category, and the services they include with their conditions.
    fn situations(&mut self) -> Vec<Vec<CompiledInclusion>> {
        let c = self.c;
        let mut inclusions = Vec::with_capacity(c.situations.len());
        for s in &c.situations {
            let path = Path::root("situations").key(&s.id);
            if !self.category_ix.contains_key(&s.category) {
                let h = hint(&s.category, c.meta.categories.iter().map(|x| x.id.as_str()));
                let r = hint_ru(&s.category, c.meta.categories.iter().map(|x| x.id.as_str()));
                self.error(
                    path.key("category"),
                    format!("нет такого раздела `{}`{r}", s.category),
                    format!("unknown category `{}`{h}", s.category),
                );
            }
            if s.services.is_empty() {
                self.error(
                    path.key("services"),
                    "в ситуацию не входит ни одной услуги",
                    "the situation includes no services",
                );
            }
            let mut list = Vec::new();
            let mut seen = HashMap::new();
            for (i, inc) in s.services.iter().enumerate() {
                let p = path.key("services").index(i);
                let when = self.cond(&inc.when, &|| p.key("when"));
                super::dated::check_span(
                    &|| p.clone(),
                    ("услуга в этой ситуации", "the service in this situation"),
                    inc.from,
                    inc.until,
                    &mut self.diags,
                );
                match self.service_ix.get(&inc.service).copied() {
                    None => {
                        let h = hint(&inc.service, c.services.iter().map(|x| x.id.as_str()));
                        let r = hint_ru(&inc.service, c.services.iter().map(|x| x.id.as_str()));
                        self.error(
                            p.key("service"),
                            format!("нет такой услуги `{}`{r}", inc.service),
                            format!("unknown service `{}`{h}", inc.service),
                        );
                    }
                    Some(svc) => {
                        if seen.insert(svc, i).is_some() {
                            self.error(
                                p,
                                format!("услуга `{}` указана дважды", inc.service),
                                format!("service `{}` is listed twice", inc.service),
                            );
                        } else {
                            list.push(CompiledInclusion { service: svc, when, from: inc.from, until: inc.until });
                        }
                    }
                }
            }
            inclusions.push(list);
        }
        inclusions
    }

    /// The situations that may follow each situation: known, not the situation itself,
    /// each once, with a condition that reads known questions and values.
    fn next_situations(&mut self) -> Vec<Vec<CompiledNext>> {
        let c = self.c;
        let mut out = Vec::with_capacity(c.situations.len());
        for (i, s) in c.situations.iter().enumerate() {
            let mut list: Vec<CompiledNext> = Vec::new();
            for (k, n) in s.next.iter().enumerate() {
                let p = || Path::root("situations").key(&s.id).key("next").index(k);
                let when = self.cond(&n.when, &|| p().key("when"));
                match self.situation_ix.get(&n.situation).copied() {
                    None => {
                        let h = hint(&n.situation, c.situations.iter().map(|x| x.id.as_str()));
                        let r = hint_ru(&n.situation, c.situations.iter().map(|x| x.id.as_str()));
                        self.error(
                            p().key("situation"),
                            format!("нет такой ситуации `{}`{r}", n.situation),
                            format!("unknown situation `{}`{h}", n.situation),
                        );
                    }
                    Some(j) if j == i => {
                        self.error(
                            p().key("situation"),
                            "ситуация не может следовать сама за собой",
                            "a situation cannot come next after itself",
                        );
                    }
                    Some(j) if list.iter().any(|x| x.situation == j) => {
                        self.error(
                            p(),
                            format!("ситуация `{}` дважды указана в следующих шагах (`next`)", n.situation),
                            format!("situation `{}` is listed twice in `next`", n.situation),
                        );
                    }
                    Some(j) => list.push(CompiledNext { situation: j, when }),
                }
            }
            out.push(list);
        }
        out
    }

    /// Services: provider, legal basis, `after`, every variant's fields and conditions.
    fn services(&mut self) -> (Vec<Vec<CompiledVariant>>, Vec<Vec<usize>>) {
        let c = self.c;
        let mut variants = Vec::with_capacity(c.services.len());
        let mut after = Vec::with_capacity(c.services.len());
        for s in &c.services {
            let (list, deps) = self.service(s);
            variants.push(list);
            after.push(deps);
        }
        (variants, after)
    }

    fn service(&mut self, s: &Service) -> (Vec<CompiledVariant>, Vec<usize>) {
        let c = self.c;
        let path = Path::root("services").key(&s.id);
        self.department_ref(&s.provider, &|| path.key("provider"));
        if s.legal_basis.is_empty() {
            self.error(
                path.key("legal_basis"),
                "у услуги должно быть правовое основание (`legal_basis`): закон или постановление, по которому её оказывают",
                "every service names its legal basis",
            );
        }
        for (i, l) in s.legal_basis.iter().enumerate() {
            let p = || path.key("legal_basis").index(i);
            sourcing_warnings(&p, ("правовое основание", "the legal basis"), &l.source, &l.checked, &mut self.diags);
        }
        let mut deps = Vec::new();
        for (i, a) in s.after.iter().enumerate() {
            match self.service_ix.get(a) {
                Some(&j) => deps.push(j),
                None => {
                    let h = hint(a, c.services.iter().map(|x| x.id.as_str()));
                    let r = hint_ru(a, c.services.iter().map(|x| x.id.as_str()));
                    self.error(
                        path.key("after").index(i),
                        format!("нет такой услуги `{a}`{r}"),
                        format!("unknown service `{a}`{h}"),
                    );
                }
            }
        }
        self.body(&s.common, &|| path.clone());
        // Variants in force on different days never meet, so each span may have its default.
        let defaults: Vec<&Variant> = s.variants.iter().filter(|v| v.when.is_none()).collect();
        let meeting = defaults.iter().enumerate().any(|(i, a)| defaults[..i].iter().any(|b| spans_meet(a, b)));
        if s.variants.len() > 1 && meeting {
            self.error(
                path.key("variants"),
                "условие (`when`) можно не писать только у одного варианта: он действует, когда не подходит ни один другой",
                "at most one variant may leave out `when` (it applies when no other does)",
            );
        }
        let common_docs = self.documents(&s.common.documents, false, &|| path.clone());
        let results_of = |b: &Builder, body: &VariantBody| -> Vec<usize> {
            body.results
                .as_ref()
                .or(s.common.results.as_ref())
                .map(|r| r.iter().filter_map(|id| b.document_ix.get(id).copied()).collect())
                .unwrap_or_default()
        };
        let mut list = Vec::new();
        if s.variants.is_empty() {
            let results = results_of(self, &s.common);
            list.push(CompiledVariant {
                when: None,
                docs: common_docs.clone(),
                results,
                from: None,
                until: None,
                otherwise: false,
            });
        }
        let mut seen_ids = HashMap::new();
        for (i, v) in s.variants.iter().enumerate() {
            let p = || path.key("variants").index(i);
            if let Some(id) = &v.id {
                if seen_ids.insert(id.clone(), i).is_some() {
                    self.error(
                        p().key("id"),
                        format!("код варианта `{id}` встречается дважды"),
                        format!("variant id `{id}` is used twice"),
                    );
                }
            }
            let when = self.cond(&v.when, &|| p().key("when"));
            self.body(&v.body, &p);
            super::dated::check_span(&p, ("вариант", "the variant"), v.from, v.until, &mut self.diags);
            let mut docs = common_docs.clone();
            docs.extend(self.documents(&v.body.documents, true, &p));
            let results = results_of(self, &v.body);
            list.push(CompiledVariant { when, docs, results, from: v.from, until: v.until, otherwise: false });
        }
        // The variant without `when` applies when no other does: among dated variants,
        // no other in force that day (worked out per day); else compiled once.
        let dated = s.variants.iter().any(|v| v.from.is_some() || v.until.is_some());
        if dated {
            for (v, cv) in s.variants.iter().zip(list.iter_mut()) {
                cv.otherwise = v.when.is_none() && s.variants.len() > 1;
            }
        } else if s.variants.len() > 1 {
            for (i, v) in s.variants.iter().enumerate().filter(|(_, v)| v.when.is_none()) {
                let explicit: Vec<Expr<usize>> = s
                    .variants
                    .iter()
                    .zip(&list)
                    .filter(|(o, _)| o.when.is_some() && spans_meet(v, o))
                    .filter_map(|(_, cv)| cv.when.as_ref().map(|w| (*w.expr).clone()))
                    .collect();
                if !explicit.is_empty() {
                    list[i].when = Some(Cond::new(Expr::Not(Box::new(Expr::Or(explicit)))));
                }
            }
        }
        (list, deps)
    }

    /// A list of document requirements, compiled; `path` is the body they are written in.
    fn documents(
        &mut self,
        docs: &[DocumentRequirement],
        in_variant: bool,
        path: &dyn Fn() -> Path,
    ) -> Vec<CompiledDoc> {
        let mut out = Vec::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let p = || path().key("documents").index(i);
            let when = self.cond(&d.when, &|| p().key("when"));
            super::dated::check_span(
                &p,
                ("требование к документу", "the document requirement"),
                d.from,
                d.until,
                &mut self.diags,
            );
            if let Some(doc) = self.doc_ref(&d.doc, &|| p().key("doc")) {
                out.push(CompiledDoc {
                    doc,
                    in_variant,
                    index: i,
                    provider: d.provider,
                    when,
                    from: d.from,
                    until: d.until,
                });
            }
        }
        out
    }

    /// The fields of a service or a variant that do not need the rest of the catalog.
    fn body(&mut self, body: &VariantBody, path: &dyn Fn() -> Path) {
        let c = self.c;
        for (name, period) in [("term", &body.term), ("deadline", &body.deadline)] {
            let Some(p) = period else { continue };
            let what = if name == "term" {
                ("срок оказания услуги", "the processing term")
            } else {
                ("срок обращения", "the deadline")
            };
            let pp = || path().key(name);
            super::dated::check_values(&pp, what, p, &mut self.diags, |p, vp, diags| {
                if p.amount().is_none() {
                    diags.push(Diagnostic::error(
                        vp(),
                        "укажите срок одним способом: в днях (`days`), в рабочих днях (`working_days`) или в месяцах (`months`)",
                        "give exactly one of `days`, `working_days`, `months`",
                    ));
                }
                if p.basis.is_none() {
                    diags.push(Diagnostic::warning(
                        vp(),
                        format!(
                            "{}: нет правового основания (`basis`) — статьи закона, где этот срок установлен",
                            what.0
                        ),
                        format!("{} has no legal `basis`", what.1),
                    ));
                }
                sourcing_warnings(vp, what, &p.source, &p.checked, diags);
            });
        }
        if let Some(fee) = &body.fee {
            let fp = || path().key("fee");
            super::dated::check_values(&fp, ("пошлина", "the fee"), fee, &mut self.diags, |fee, vp, diags| {
                if !(fee.amount.is_finite() && fee.amount >= 0.0) {
                    diags.push(Diagnostic::error(
                        vp().key("amount"),
                        "пошлина — сумма в рублях, 0 или больше",
                        "the fee is a sum in roubles, 0 or more",
                    ));
                } else if crate::money::kopecks_of(fee.amount).is_none() {
                    diags.push(Diagnostic::error(
                        vp().key("amount"),
                        "пошлина — рубли и копейки: не больше двух знаков после запятой и не больше 100 000 000",
                        "the fee is roubles and kopecks: at most two decimals, at most 100 000 000",
                    ));
                }
                if fee.amount > 0.0 && fee.basis.is_none() {
                    diags.push(Diagnostic::error(
                        vp(),
                        "у пошлины нет правового основания (`basis`): для госпошлины — статья Налогового кодекса",
                        "a fee needs its legal `basis` (for a state fee, the Tax Code article)",
                    ));
                }
                sourcing_warnings(vp, ("пошлина", "the fee"), &fee.source, &fee.checked, diags);
            });
        }
        if let Some(channels) = &body.channels {
            if channels.is_empty() {
                self.error(
                    path().key("channels"),
                    "укажите хотя бы один способ подать заявление (`channels`)",
                    "list at least one way to apply",
                );
            }
            for (i, ch) in channels.iter().enumerate() {
                let cp = || path().key("channels").index(i);
                if let Some(office) = &ch.office {
                    self.department_ref(office, &|| cp().key("office"));
                }
                if matches!(ch.kind, ChannelKind::OneWindow | ChannelKind::Mfc) && ch.office.is_none() {
                    self.error(
                        cp(),
                        "укажите, в какое ведомство: `office = \"…\"`",
                        "say which office: `office = \"…\"`",
                    );
                }
                for (j, a) in ch.appear.iter().flatten().enumerate() {
                    if let Some(office) = &a.office {
                        self.department_ref(office, &|| cp().key("appear").index(j).key("office"));
                    }
                }
                match (&ch.appear, ch.kind) {
                    (Some(a), ChannelKind::Automatic) if !a.is_empty() => self.error(
                        cp().key("appear"),
                        "при автоматическом способе (`automatic`) никому не нужно приходить лично",
                        "an `automatic` channel has nobody come in person",
                    ),
                    (Some(a), kind) if a.is_empty() && kind.is_visit() => self.diags.push(Diagnostic::warning(
                        cp().key("appear"),
                        "при этом способе человек приходит лично: укажите хотя бы `{ to = \"apply\" }`",
                        "this channel is a visit: list at least `{ to = \"apply\" }`",
                    )),
                    _ => {}
                }
                if ch.kind == ChannelKind::Portal && ch.url.is_none() {
                    self.diags.push(Diagnostic::warning(
                        cp(),
                        "у способа через портал должна быть ссылка на страницу услуги (`url`)",
                        "a portal channel should link to the service's page (`url`)",
                    ));
                }
            }
        }
        if let Some(results) = &body.results {
            for (i, r) in results.iter().enumerate() {
                self.doc_ref(r, &|| path().key("results").index(i));
            }
        }
        for (i, d) in body.documents.iter().enumerate() {
            if d.doc.is_empty() {
                self.error(
                    path().key("documents").index(i),
                    "не указано, какой это документ (`doc`)",
                    "the document has no `doc`",
                );
            }
        }
        super::unknown::check(c, body, path, &mut self.diags);
    }

    /// Cycles among services (through documents or `after`), whatever the variants.
    fn service_cycles(&mut self, variants: &[Vec<CompiledVariant>], after: &[Vec<usize>]) {
        let needs: Vec<Vec<usize>> =
            variants.iter().map(|vs| vs.iter().flat_map(|v| v.applicant_docs().map(|d| d.doc)).collect()).collect();
        let gives: Vec<Vec<usize>> =
            variants.iter().map(|vs| vs.iter().flat_map(|v| v.results.iter().copied()).collect()).collect();
        let mut edges: Vec<Vec<usize>> = after.to_vec();
        for (s, found) in document_edges(&needs, &gives).into_iter().enumerate() {
            for (p, _) in found {
                if !edges[s].contains(&p) {
                    edges[s].push(p);
                }
            }
        }
        if let Some(cycle) = find_cycle(&edges) {
            let names: Vec<&str> = cycle.iter().map(|&i| self.c.services[i].id.as_str()).collect();
            self.error(
                Path::root("services").key(names[0]),
                format!("услуги зависят друг от друга по кругу: {} → {}", names.join(" → "), names[0]),
                format!("services depend on each other in a circle: {} → {}", names.join(" → "), names[0]),
            );
        }
    }
}
