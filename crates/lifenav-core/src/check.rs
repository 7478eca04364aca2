//! Checks that need the whole catalog: every profile a situation's questionnaire can
//! reach gets exactly one variant of every service it includes; nothing is left
//! undecided; no content is unused. And the questionnaire's statistics.

use crate::condition::Tri;
use crate::diagnostic::{Diagnostic, Path};
use crate::engine::dated::Dated;
use crate::engine::{Engine, VariantMatch};
use crate::model::PeriodUnit;
use crate::questionnaire::Profile;
use crate::Date;
use std::collections::HashSet;

mod calendar;
mod required;
#[cfg(test)]
mod tests;

/// What was already reported about a service, so that each problem is said once
/// however many answer paths meet it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Reported {
    /// Whether the situation includes it stays undecided.
    Undecided,
    Overlap,
    Gap,
    /// Whether its document (by index in the variant's list) is needed stays undecided.
    Document(usize),
}

/// The days on which the variants of a service that are in force can differ: one day
/// before any variant starts or ends, and each day one does. `[None]`: no variant is
/// dated, and every day is the same.
pub(crate) fn variant_days(engine: &Engine, service: usize) -> Vec<Option<Date>> {
    let mut days: Vec<Date> = Vec::new();
    for v in &engine.variants[service] {
        days.extend(v.from);
        days.extend(v.until.map(|u| u.add_days(1)));
    }
    let Some(&first) = days.iter().min() else { return vec![None] };
    days.push(first.add_days(-1));
    days.sort();
    days.dedup();
    days.into_iter().map(Some).collect()
}

/// What is wrong with the variants that apply on one day, if anything.
fn variant_problem(m: &VariantMatch) -> Option<Reported> {
    match m.applying.len() {
        0 => Some(Reported::Gap),
        1 => None,
        _ => Some(Reported::Overlap),
    }
}

/// How long a situation's questionnaire gets, over every combination of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionStats {
    pub situation: String,
    /// Questions the situation's conditions can ever read.
    pub questions: usize,
    /// The most questions asked on any path.
    pub max_asked: usize,
    /// The mean number asked, over every combination of answers to those questions.
    pub mean_asked: f64,
    /// Distinct paths through the questionnaire.
    pub paths: u64,
    /// The questions in the order a first-time citizen meets them on the first path.
    pub first_path: Vec<String>,
    /// False when there were too many paths to walk them all (the figures are then partial).
    pub exhaustive: bool,
}

/// Most paths walked per situation; beyond that the figures are marked partial.
pub const MAX_PATHS: u64 = 200_000;

/// What walking a situation's questionnaire found.
#[derive(Debug, Clone)]
pub struct Exploration {
    pub stats: QuestionStats,
    pub diagnostics: Vec<Diagnostic>,
}

fn describe_ru(engine: &Engine, p: &Profile) -> String {
    let parts: Vec<String> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.as_ref().map(|v| format!("{}={v}", engine.catalog.questions[i].id)))
        .collect();
    if parts.is_empty() {
        "без ответов".into()
    } else {
        format!("при ответах {}", parts.join(" "))
    }
}

fn describe(engine: &Engine, p: &Profile) -> String {
    let parts: Vec<String> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.as_ref().map(|v| format!("{}={v}", engine.catalog.questions[i].id)))
        .collect();
    if parts.is_empty() {
        "with no answers".into()
    } else {
        format!("with answers {}", parts.join(" "))
    }
}

struct Walker<'a> {
    engine: &'a Engine,
    situation: usize,
    domain_sizes: Vec<f64>,
    universe: Vec<usize>,
    paths: u64,
    max_asked: usize,
    weighted_sum: f64,
    weight_total: f64,
    first_path: Option<Vec<usize>>,
    diagnostics: Vec<Diagnostic>,
    reported: HashSet<(usize, Reported)>,
    exhaustive: bool,
    /// [`variant_days`] of every service, worked out once.
    days: Vec<Vec<Option<Date>>>,
}

impl Walker<'_> {
    fn visit(&mut self, p: &mut Profile, asked: &mut Vec<usize>) {
        if self.paths >= MAX_PATHS {
            self.exhaustive = false;
            return;
        }
        match self.engine.next_question_for(self.situation, p) {
            Some(q) => {
                asked.push(q);
                for v in self.engine.domain(q).to_vec() {
                    p[q] = Some(v);
                    self.visit(p, asked);
                }
                p[q] = None;
                asked.pop();
            }
            None => self.leaf(p, asked),
        }
    }

    fn leaf(&mut self, p: &Profile, asked: &[usize]) {
        self.paths += 1;
        self.max_asked = self.max_asked.max(asked.len());
        let weight: f64 = self.universe.iter().filter(|q| !asked.contains(q)).map(|&q| self.domain_sizes[q]).product();
        self.weighted_sum += weight * asked.len() as f64;
        self.weight_total += weight;
        if self.first_path.is_none() {
            self.first_path = Some(asked.to_vec());
        }
        let e = self.engine;
        let sid = &e.catalog.situations[self.situation].id;
        for (pos, inc) in e.inclusions[self.situation].iter().enumerate() {
            let service = &e.catalog.services[inc.service];
            match e.eval(&inc.when, p) {
                Tri::False => continue,
                Tri::Unknown => {
                    if self.reported.insert((inc.service, Reported::Undecided)) {
                        self.diagnostics.push(Diagnostic::error(
                            Path::root("situations").key(sid).key("services").index(pos).key("when"),
                            format!(
                                "остаётся нерешённым {}: нужный для условия вопрос ни разу не задаётся (проверьте условия показа вопросов, `when`)",
                                describe_ru(e, p)
                            ),
                            format!(
                                "stays undecided {}: a question it needs is never asked (check the questions' `when`)",
                                describe(e, p)
                            ),
                        ));
                    }
                    continue;
                }
                Tri::True => {}
            }
            let variant_name = |i: usize| {
                service.variants.get(i).and_then(|v| v.id.clone()).unwrap_or_else(|| format!("variants[{}]", i + 1))
            };
            for &day in &self.days[inc.service] {
                let m = e.variant_match(inc.service, p, day);
                let on = day.map(|d| format!(" for events on {d}")).unwrap_or_default();
                let on_ru = day.map(|d| format!(" для событий {d}")).unwrap_or_default();
                match variant_problem(&m) {
                    Some(Reported::Overlap) if self.reported.insert((inc.service, Reported::Overlap)) => {
                        self.diagnostics.push(Diagnostic::error(
                            Path::root("services").key(&service.id).key("variants"),
                            format!(
                                "варианты пересекаются: {} подходят одновременно в ситуации `{sid}` {}{on_ru}",
                                m.applying.iter().map(|&i| variant_name(i)).collect::<Vec<_>>().join(", "),
                                describe_ru(e, p)
                            ),
                            format!(
                                "variants overlap: {} all apply in situation `{sid}` {}{on}",
                                m.applying.iter().map(|&i| variant_name(i)).collect::<Vec<_>>().join(", "),
                                describe(e, p)
                            ),
                        ));
                    }
                    Some(Reported::Gap) if self.reported.insert((inc.service, Reported::Gap)) => {
                        let why = if m.undecided { "no variant can be decided" } else { "no variant applies" };
                        let why_ru = if m.undecided {
                            "ни про один вариант нельзя решить"
                        } else {
                            "не подходит ни один вариант"
                        };
                        self.diagnostics.push(Diagnostic::error(
                            Path::root("services").key(&service.id).key("variants"),
                            format!(
                                "варианты оставляют пробел: {why_ru} в ситуации `{sid}` {}{on_ru}",
                                describe_ru(e, p)
                            ),
                            format!("variants leave a gap: {why} in situation `{sid}` {}{on}", describe(e, p)),
                        ));
                    }
                    _ => {}
                }
                let [v] = m.applying.as_slice() else { continue };
                for (j, d) in e.variants[inc.service][*v].docs.iter().enumerate() {
                    if e.eval(&d.when, p) == Tri::Unknown && self.reported.insert((inc.service, Reported::Document(j)))
                    {
                        self.diagnostics.push(Diagnostic::error(
                            Path::root("services").key(&service.id).key("documents"),
                            format!(
                                "нужен ли документ `{}`, остаётся нерешённым в ситуации `{sid}` {}",
                                e.catalog.documents[d.doc].id,
                                describe_ru(e, p)
                            ),
                            format!(
                                "whether document `{}` is needed stays undecided in situation `{sid}` {}",
                                e.catalog.documents[d.doc].id,
                                describe(e, p)
                            ),
                        ));
                    }
                }
            }
        }
    }
}

/// Walks every path of a situation's questionnaire.
pub fn explore(engine: &Engine, situation: usize) -> Exploration {
    let universe = engine.situation_questions(situation);
    let domain_sizes = (0..engine.catalog.questions.len()).map(|q| engine.domain(q).len() as f64).collect();
    let mut w = Walker {
        engine,
        situation,
        domain_sizes,
        universe,
        paths: 0,
        max_asked: 0,
        weighted_sum: 0.0,
        weight_total: 0.0,
        first_path: None,
        diagnostics: Vec::new(),
        reported: HashSet::new(),
        exhaustive: true,
        days: (0..engine.variants.len()).map(|s| variant_days(engine, s)).collect(),
    };
    let mut p: Profile = vec![None; engine.catalog.questions.len()];
    w.visit(&mut p, &mut Vec::new());
    let q = |i: &usize| engine.catalog.questions[*i].id.clone();
    Exploration {
        stats: QuestionStats {
            situation: engine.catalog.situations[situation].id.clone(),
            questions: w.universe.len(),
            max_asked: w.max_asked,
            mean_asked: if w.weight_total > 0.0 { w.weighted_sum / w.weight_total } else { 0.0 },
            paths: w.paths,
            first_path: w.first_path.unwrap_or_default().iter().map(q).collect(),
            exhaustive: w.exhaustive,
        },
        diagnostics: w.diagnostics,
    }
}

/// A `next` condition is read on the answers of its situation's questionnaire: a
/// question that questionnaire never asks stays unanswered there, and the condition
/// may never hold.
fn next_conditions(engine: &Engine) -> Vec<Diagnostic> {
    let c = &engine.catalog;
    let mut diags = Vec::new();
    for (s, list) in engine.next.iter().enumerate() {
        let asked = engine.situation_questions(s);
        for (i, n) in list.iter().enumerate() {
            let Some(when) = &n.when else { continue };
            let mut never: Vec<&str> =
                when.questions.iter().filter(|q| !asked.contains(q)).map(|&q| c.questions[q].id.as_str()).collect();
            never.sort_unstable();
            never.dedup();
            if !never.is_empty() {
                diags.push(Diagnostic::warning(
                    Path::root("situations").key(&c.situations[s].id).key("next").index(i).key("when"),
                    format!(
                        "условие опирается на {}, а в анкете этой ситуации такого вопроса нет: \
                         без ответа условие может никогда не выполниться",
                        never.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(", ")
                    ),
                    format!(
                        "the condition reads {}, which the situation's questionnaire never asks: \
                         unanswered, the condition may never hold",
                        never.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
    }
    diags
}

/// Everything `lifenav check` reports beyond what building the engine found, on the
/// day the catalog comes into force (see [`check_on`]).
pub fn check(engine: &Engine) -> (Vec<Diagnostic>, Vec<QuestionStats>) {
    check_on(engine, engine.catalog.meta.effective)
}

/// How many days before a dated value ends with nothing after it `check` warns, unless
/// told otherwise: two months leave time to find the next decree.
pub const ENDING_WARN_DAYS: u32 = 60;

/// [`check`] as of `today`: facts that end soon and the calendar's years are judged
/// from that day.
pub fn check_on(engine: &Engine, today: Date) -> (Vec<Diagnostic>, Vec<QuestionStats>) {
    check_within(engine, today, ENDING_WARN_DAYS)
}

/// [`check_on`], warning of values that end within `warn_days` of `today`.
pub fn check_within(engine: &Engine, today: Date, warn_days: u32) -> (Vec<Diagnostic>, Vec<QuestionStats>) {
    let c = &engine.catalog;
    let mut diags = Vec::new();
    let mut stats = Vec::new();
    for s in 0..c.situations.len() {
        let ex = explore(engine, s);
        if !ex.stats.exhaustive {
            diags.push(Diagnostic::warning(
                Path::root("situations").key(&c.situations[s].id),
                format!("больше {MAX_PATHS} сочетаний ответов: проверены только первые"),
                format!("more than {MAX_PATHS} answer paths: only the first were checked"),
            ));
        }
        diags.extend(ex.diagnostics);
        stats.push(ex.stats);
    }

    // Overlaps and gaps no situation reaches today are warnings: a new situation could.
    let reached: HashSet<String> = diags.iter().filter(|d| d.is_error()).map(|d| d.path.to_string()).collect();
    for (si, service) in c.services.iter().enumerate() {
        let path = Path::root("services").key(&service.id).key("variants");
        if engine.variants[si].len() < 2 || reached.contains(&path.to_string()) {
            continue;
        }
        if let Some((ru, en)) = abstract_variant_problem(engine, si) {
            diags.push(Diagnostic::warning(path, ru, en));
        }
    }

    diags.extend(next_conditions(engine));
    diags.extend(ending_facts(engine, today, warn_days));
    diags.extend(crate::coverage::primary_source_problems(c));
    diags.extend(calendar::check(engine, today));
    diags.extend(required::check(engine));

    // A catalog that offers English gives every situation and service an English title and summary.
    if c.meta.languages.iter().any(|l| l == "en") {
        let missing = |t: &crate::Text| t.en.as_deref().is_none_or(|e| e.trim().is_empty());
        for s in &c.situations {
            for (field, text) in [("title", &s.title), ("summary", &s.summary)] {
                if missing(text) {
                    diags.push(Diagnostic::warning(
                        Path::root("situations").key(&s.id).key(field),
                        "каталог предлагает английский язык (meta.languages), а у этого текста нет перевода (`en`)",
                        "the catalog offers English (meta.languages) but this text has no `en`",
                    ));
                }
            }
        }
        for s in &c.situations {
            for (i, n) in s.next.iter().enumerate() {
                if n.why.as_ref().is_some_and(missing) {
                    diags.push(Diagnostic::warning(
                        Path::root("situations").key(&s.id).key("next").index(i).key("why"),
                        "каталог предлагает английский язык (meta.languages), а у этого текста нет перевода (`en`)",
                        "the catalog offers English (meta.languages) but this text has no `en`",
                    ));
                }
            }
        }
        for s in &c.services {
            let summary = s.summary.as_ref();
            if missing(&s.title) || summary.is_none_or(missing) {
                let field = if missing(&s.title) { "title" } else { "summary" };
                diags.push(Diagnostic::warning(
                    Path::root("services").key(&s.id).key(field),
                    "каталог предлагает английский язык (meta.languages), а у услуги нет английского названия и описания",
                    "the catalog offers English (meta.languages) but the service has no English title and summary",
                ));
            }
        }
    }

    // Unused content.
    let mut used_questions = vec![false; c.questions.len()];
    let mut used_docs = vec![false; c.documents.len()];
    let mut reached_services = vec![false; c.services.len()];
    let mut used_departments: HashSet<&str> = HashSet::new();
    for incs in &engine.inclusions {
        for inc in incs {
            reached_services[inc.service] = true;
            for &q in inc.when.iter().flat_map(|w| w.questions.iter()) {
                used_questions[q] = true;
            }
        }
    }
    for (si, vs) in engine.variants.iter().enumerate() {
        for v in vs {
            for &q in v.when.iter().flat_map(|w| w.questions.iter()) {
                used_questions[q] = true;
            }
            for d in &v.docs {
                used_docs[d.doc] = true;
                for &q in d.when.iter().flat_map(|w| w.questions.iter()) {
                    used_questions[q] = true;
                }
            }
            for &r in &v.results {
                used_docs[r] = true;
            }
        }
        let s = &c.services[si];
        used_departments.insert(&s.provider);
        let bodies = std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body));
        for b in bodies {
            for ch in b.channels.iter().flatten() {
                if let Some(o) = &ch.office {
                    used_departments.insert(o);
                }
                for o in ch.appear.iter().flatten().filter_map(|a| a.office.as_ref()) {
                    used_departments.insert(o);
                }
            }
        }
    }
    for w in engine.question_when.iter().flatten() {
        for &q in w.questions.iter() {
            used_questions[q] = true;
        }
    }
    for (i, q) in c.questions.iter().enumerate() {
        if !used_questions[i] {
            diags.push(Diagnostic::warning(
                Path::root("questions").key(&q.id),
                "этот вопрос не используется ни в одном условии",
                "no condition uses this question",
            ));
        }
    }
    for (i, d) in c.documents.iter().enumerate() {
        if !used_docs[i] {
            diags.push(Diagnostic::warning(
                Path::root("documents").key(&d.id),
                "этот документ не нужен ни одной услуге и ни одна его не выдаёт",
                "no service needs or issues this document",
            ));
        }
    }
    for (i, s) in c.services.iter().enumerate() {
        if !reached_services[i] {
            diags.push(Diagnostic::warning(
                Path::root("services").key(&s.id),
                "эта услуга не входит ни в одну ситуацию",
                "no situation includes this service",
            ));
        }
    }
    for d in &c.departments {
        if !used_departments.contains(d.id.as_str()) {
            diags.push(Diagnostic::warning(
                Path::root("departments").key(&d.id),
                "здесь не оказывают ни одной услуги и не принимают заявлений",
                "no service is provided or applied for here",
            ));
        }
    }
    (diags, stats)
}

/// Enumerates the answers the variant conditions of a service read (up to a bound)
/// and reports the first combination where no variant or several apply.
fn abstract_variant_problem(engine: &Engine, service: usize) -> Option<(String, String)> {
    let qs: Vec<usize> =
        engine.variants[service].iter().flat_map(|v| v.when.iter().flat_map(|w| w.questions.iter().copied())).collect();
    // The questions their applicability depends on take part too.
    let qs = engine.with_prerequisites(qs);
    let total: usize = qs.iter().map(|&q| engine.domain(q).len()).product();
    if total > 50_000 {
        return None;
    }
    let n = engine.catalog.questions.len();
    let days = variant_days(engine, service);
    for mut code in 0..total {
        let mut p: Profile = vec![None; n];
        for &q in &qs {
            let d = engine.domain(q);
            p[q] = Some(d[code % d.len()].clone());
            code /= d.len();
        }
        // Answers to questions that would not be asked do not exist.
        loop {
            let mut changed = false;
            for &q in &qs {
                if p[q].is_some() && engine.eval(&engine.question_when[q], &p) != Tri::True {
                    p[q] = None;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        for &day in &days {
            let m = engine.variant_match(service, &p, day);
            if m.undecided {
                continue;
            }
            let on = day.map(|d| format!(" for events on {d}")).unwrap_or_default();
            let on_ru = day.map(|d| format!(" для событий {d}")).unwrap_or_default();
            let (ru, en) = match variant_problem(&m) {
                None => continue,
                Some(Reported::Gap) => ("оставляют пробел (не подходит ни один)", "leave a gap (no variant applies)"),
                Some(_) => ("пересекаются (подходят несколько)", "overlap (several apply)"),
            };
            return Some((
                format!(
                    "варианты {ru} {}{on_ru}; сейчас ни одна ситуация до этого не доходит",
                    describe_ru(engine, &p)
                ),
                format!("variants {en} {}{on}; no situation reaches this today", describe(engine, &p)),
            ));
        }
    }
    None
}

/// The fee, term and deadline values that end within `days` of `today` with nothing
/// after them (see [`crate::freshness::ending_facts`]), in the catalog's order.
fn ending_facts(engine: &Engine, today: Date, days: u32) -> Vec<Diagnostic> {
    let mut found = crate::freshness::ending_facts(&engine.catalog, today, days);
    found.sort_by_key(|f| f.path.to_string());
    found
        .into_iter()
        .map(|f| {
            let en = format!("the value is in force until {} and nothing follows it", f.last);
            Diagnostic::warning(f.path, f.message, en)
        })
        .collect()
}

/// The longest term or deadline in the catalog, in calendar days at most, and where it is.
pub(crate) fn longest_period(engine: &Engine) -> Option<(i64, Path)> {
    let mut best: Option<(i64, Path)> = None;
    for s in &engine.catalog.services {
        let path = Path::root("services").key(&s.id);
        let bodies = std::iter::once((path.clone(), &s.common))
            .chain(s.variants.iter().enumerate().map(|(i, v)| (path.key("variants").index(i), &v.body)));
        for (bp, body) in bodies {
            for (key, fact) in [("term", &body.term), ("deadline", &body.deadline)] {
                for v in fact.iter().flat_map(|f| f.values()) {
                    // The most calendar days the period can span: a month has at most 31,
                    // and five working days take a week plus the holidays in between.
                    let days = match v.amount() {
                        Some((n, PeriodUnit::Days)) => n as i64,
                        Some((n, PeriodUnit::WorkingDays)) => n as i64 * 7 / 5 + 14,
                        Some((n, PeriodUnit::Months)) => n as i64 * 31,
                        None => 0,
                    };
                    if best.as_ref().is_none_or(|(b, _)| days > *b) {
                        best = Some((days, bp.key(key)));
                    }
                }
            }
        }
    }
    best
}
