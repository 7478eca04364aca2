//! Facts to check again: every sourced fact whose `checked` date is too old, or that
//! was never checked, grouped by the department responsible for it so that each
//! department's editor gets one list.

use crate::diagnostic::Path;
use crate::engine::dated::{ends_soon, Dated};
use crate::model::{Catalog, ItemKind, Service, VariantBody};
use crate::Date;
use serde::Serialize;

/// What kind of fact it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// A department's address, hours, phone (`departments.x`).
    Department,
    LegalBasis,
    Term,
    Deadline,
    Fee,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaleFact {
    /// Who answers for it: the department itself, or the service's provider.
    pub department: String,
    pub item: (ItemKind, String),
    /// As in diagnostics: `services.x.variants[1].fee`.
    pub path: Path,
    pub what: FactKind,
    /// `None`: the fact has a source but was never checked against it.
    pub checked: Option<Date>,
}

/// Every fact checked longer than `max_age_months` before `today`, or sourced and
/// never checked; by department, the oldest first.
pub fn stale_facts(catalog: &Catalog, today: Date, max_age_months: u32) -> Vec<StaleFact> {
    let limit = today.add_months(-(max_age_months.min(i32::MAX as u32) as i32));
    let mut out = Vec::new();
    let mut note = |department: &str, item: (ItemKind, &str), path: Path, what, source: &Option<String>, checked| {
        let stale = match checked {
            Some(d) => d < limit,
            None => source.is_some(),
        };
        if stale {
            let item = (item.0, item.1.to_string());
            out.push(StaleFact { department: department.to_string(), item, path, what, checked });
        }
    };
    for d in &catalog.departments {
        let path = Path::root("departments").key(&d.id);
        note(&d.id, (ItemKind::Department, &d.id), path, FactKind::Department, &d.source, d.checked);
    }
    for s in &catalog.services {
        for fact in service_facts(s) {
            note(&s.provider, (ItemKind::Service, &s.id), fact.path, fact.what, fact.source, fact.checked);
        }
    }
    // Never checked counts as the oldest.
    out.sort_by(|a, b| (&a.department, a.checked, &a.path).cmp(&(&b.department, b.checked, &b.path)));
    out
}

/// A dated value that ends soon with no value after it: its department must find the
/// next one before the plan has nothing to say (the studio's «Актуальность» lists these
/// first, `lifenav check` warns of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingFact {
    /// Who answers for it: the service's provider.
    pub department: String,
    pub item: (ItemKind, String),
    /// As in diagnostics: `services.x.fee`.
    pub path: Path,
    pub what: FactKind,
    /// The last day of its last value.
    pub last: Date,
    /// For the department, in Russian: «Пособие на погребение, пошлина: значение
    /// действует до 31.01.2027, следующего нет».
    pub message: String,
}

/// Every fee, term and deadline whose last value ends within `days` of `today` with no
/// value after it; by department, the soonest first.
pub fn ending_facts(catalog: &Catalog, today: Date, days: u32) -> Vec<EndingFact> {
    let days = i64::from(days);
    let mut out = Vec::new();
    for s in &catalog.services {
        let path = Path::root("services").key(&s.id);
        let bodies = std::iter::once((path.clone(), &s.common))
            .chain(s.variants.iter().enumerate().map(|(i, v)| (path.key("variants").index(i), &v.body)));
        for (bp, body) in bodies {
            let ends = [
                ("fee", FactKind::Fee, "пошлина", body.fee.as_ref().and_then(|f| ends_soon(f, today, days))),
                (
                    "term",
                    FactKind::Term,
                    "срок рассмотрения",
                    body.term.as_ref().and_then(|t| ends_soon(t, today, days)),
                ),
                (
                    "deadline",
                    FactKind::Deadline,
                    "срок обращения",
                    body.deadline.as_ref().and_then(|t| ends_soon(t, today, days)),
                ),
            ];
            for (key, what, words, last) in ends {
                let Some(last) = last else { continue };
                out.push(EndingFact {
                    department: s.provider.clone(),
                    item: (ItemKind::Service, s.id.clone()),
                    path: bp.key(key),
                    what,
                    last,
                    message: format!(
                        "{}, {words}: значение действует до {:02}.{:02}.{}, следующего нет",
                        s.title.ru, last.day, last.month, last.year
                    ),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.department, a.last, &a.path).cmp(&(&b.department, b.last, &b.path)));
    out
}

struct Fact<'a> {
    path: Path,
    what: FactKind,
    source: &'a Option<String>,
    checked: Option<Date>,
}

fn service_facts(s: &Service) -> Vec<Fact<'_>> {
    let path = Path::root("services").key(&s.id);
    let mut facts: Vec<Fact> = s
        .legal_basis
        .iter()
        .enumerate()
        .map(|(i, l)| Fact {
            path: path.key("legal_basis").index(i),
            what: FactKind::LegalBasis,
            source: &l.source,
            checked: l.checked,
        })
        .collect();
    body_facts(&s.common, &path, &mut facts);
    for (i, v) in s.variants.iter().enumerate() {
        body_facts(&v.body, &path.key("variants").index(i), &mut facts);
    }
    facts
}

/// The path of a fact's `i`-th dated value: the field itself, then its periods.
fn value_path(field: Path, i: usize) -> Path {
    if i == 0 {
        field
    } else {
        field.key("periods").index(i - 1)
    }
}

fn body_facts<'a>(body: &'a VariantBody, path: &Path, out: &mut Vec<Fact<'a>>) {
    for (key, what, period) in [("term", FactKind::Term, &body.term), ("deadline", FactKind::Deadline, &body.deadline)]
    {
        for (i, p) in period.iter().flat_map(|p| p.values()).enumerate() {
            out.push(Fact { path: value_path(path.key(key), i), what, source: &p.source, checked: p.checked });
        }
    }
    for (i, fee) in body.fee.iter().flat_map(|f| f.values()).enumerate() {
        out.push(Fact {
            path: value_path(path.key("fee"), i),
            what: FactKind::Fee,
            source: &fee.source,
            checked: fee.checked,
        });
    }
}

#[cfg(all(test, feature = "source"))]
mod tests {
    use super::*;
    use crate::model::{Department, Fee, LegalRef, Period, Variant};
    use crate::Text;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn department(id: &str, checked: Option<&str>) -> Department {
        Department {
            id: id.into(),
            name: Text::ru(id),
            short: None,
            address: None,
            hours: None,
            phone: None,
            site: None,
            source: Some("https://example.org".into()),
            unknown: Vec::new(),
            checked: checked.map(date),
        }
    }

    fn catalog() -> Catalog {
        let mut c = crate::testing::engine("example").catalog;
        c.departments = vec![department("b-dept", Some("2026-05-20")), department("a-dept", Some("2026-05-19"))];
        let sourced = |checked: Option<&str>| (Some("https://example.org".to_string()), checked.map(date));
        let (source, checked) = sourced(Some("2025-01-01"));
        let mut s = c.services[0].clone();
        s.id = "svc".into();
        s.provider = "b-dept".into();
        s.legal_basis = vec![LegalRef { title: Text::ru("закон"), source, checked, unverified: false }];
        let (source, checked) = sourced(None);
        s.common = VariantBody {
            term: Some(Period { days: Some(5), source, checked, ..Period::default() }),
            deadline: Some(Period { months: Some(1), ..Period::default() }),
            ..VariantBody::default()
        };
        let (source, checked) = sourced(Some("2026-01-01"));
        let fee = Fee { amount: 350.0, source, checked, ..Fee::default() };
        s.variants = vec![
            Variant { id: None, title: None, when: None, from: None, until: None, body: VariantBody::default() },
            Variant {
                id: None,
                title: None,
                when: None,
                from: None,
                until: None,
                body: VariantBody { fee: Some(fee), ..VariantBody::default() },
            },
        ];
        c.services = vec![s];
        c
    }

    #[test]
    fn old_and_unchecked_facts_by_department_oldest_first() {
        let found = stale_facts(&catalog(), date("2026-11-20"), 6);
        let listed: Vec<(String, String, Option<String>)> = found
            .iter()
            .map(|f| (f.department.clone(), f.path.to_string(), f.checked.map(|d| d.to_string())))
            .collect();
        assert_eq!(
            listed,
            [
                ("a-dept".into(), "departments.a-dept".into(), Some("2026-05-19".into())),
                ("b-dept".into(), "services.svc.term".into(), None),
                ("b-dept".into(), "services.svc.legal_basis[1]".into(), Some("2025-01-01".into())),
                ("b-dept".into(), "services.svc.variants[2].fee".into(), Some("2026-01-01".into())),
            ]
        );
        assert_eq!(found[3].what, FactKind::Fee);
        assert_eq!(found[3].item, (ItemKind::Service, "svc".to_string()));
    }

    #[test]
    fn values_ending_soon_with_nothing_after_are_listed_by_department_soonest_first() {
        let mut c = catalog();
        let mut other = c.services[0].clone();
        other.id = "other".into();
        other.provider = "a-dept".into();
        other.title = Text::ru("Пособие на погребение");
        other.common.fee = Some(Fee { amount: 0.0, until: Some(date("2027-01-31")), ..Fee::default() });
        c.services[0].common.term.as_mut().unwrap().until = Some(date("2026-12-31"));
        c.services[0].variants[1].body.fee.as_mut().unwrap().until = Some(date("2027-01-15"));
        c.services.push(other);
        let found: Vec<(String, String, String)> = ending_facts(&c, date("2026-12-15"), 60)
            .into_iter()
            .map(|f| (f.department, f.path.to_string(), f.message))
            .collect();
        let b = |path: &str, what: &str, day: &str| {
            (
                "b-dept".to_string(),
                path.to_string(),
                format!("Регистрация рождения ребёнка, {what}: значение действует до {day}, следующего нет"),
            )
        };
        assert_eq!(
            found,
            [
                (
                    "a-dept".to_string(),
                    "services.other.fee".to_string(),
                    "Пособие на погребение, пошлина: значение действует до 31.01.2027, следующего нет".to_string()
                ),
                b("services.svc.term", "срок рассмотрения", "31.12.2026"),
                b("services.svc.variants[2].fee", "пошлина", "15.01.2027"),
            ]
        );
        assert!(ending_facts(&c, date("2026-12-15"), 10).is_empty());
    }

    #[test]
    fn a_fact_exactly_at_the_limit_is_fresh() {
        // 2026-05-20 is exactly six months before 2026-11-20; the day before is older.
        let found = stale_facts(&catalog(), date("2026-11-20"), 6);
        assert!(!found.iter().any(|f| f.path.to_string() == "departments.b-dept"));
        let longer = stale_facts(&catalog(), date("2026-11-20"), 12);
        let paths: Vec<String> = longer.iter().map(|f| f.path.to_string()).collect();
        assert_eq!(paths, ["services.svc.term", "services.svc.legal_basis[1]"]);
        let later = stale_facts(&catalog(), date("2026-11-21"), 6);
        assert!(later.iter().any(|f| f.path.to_string() == "departments.b-dept"));
    }
}
