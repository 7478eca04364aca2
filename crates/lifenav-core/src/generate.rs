//! Synthetic catalogs of any size, for benchmarks and property tests: a regional
//! registry has about 3,000 services and 300 situations. Deterministic for a seed.

use crate::model::*;
use crate::{Date, Text};

/// The size and shape of a generated catalog.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub seed: u64,
    pub services: usize,
    pub situations: usize,
    pub questions: usize,
    pub documents: usize,
    pub services_per_situation: usize,
    /// Questions each theme's conditions draw from (keeps questionnaires realistic).
    pub questions_per_theme: usize,
}

impl GenOptions {
    /// A regional registry's size.
    pub fn regional() -> GenOptions {
        GenOptions {
            seed: 42,
            services: 3000,
            situations: 300,
            questions: 600,
            documents: 400,
            services_per_situation: 12,
            questions_per_theme: 6,
        }
    }
}

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn sourced_period(working_days: u32) -> Period {
    Period {
        working_days: Some(working_days),
        basis: Some(Text::ru("Регламент")),
        source: Some("https://example.org/reglament".into()),
        checked: Date::new(2026, 11, 1),
        ..Period::default()
    }
}

/// Generates a catalog that `Engine::build` accepts: dependencies only point to
/// services with a lower number, so there is no cycle.
pub fn generate(o: &GenOptions) -> Catalog {
    let mut rng = Rng(o.seed);
    let themes = (o.questions / o.questions_per_theme.max(1)).max(1);
    let questions: Vec<Question> = (0..o.questions)
        .map(|i| {
            let kind = match i % 10 {
                0..=5 => QuestionKind::YesNo,
                6..=8 => QuestionKind::Single,
                _ => QuestionKind::Number,
            };
            let options = if kind == QuestionKind::Single {
                ["a", "b", "c"]
                    .iter()
                    .map(|o| Choice { id: o.to_string(), text: Text::ru(format!("Вариант {o}")) })
                    .collect()
            } else {
                Vec::new()
            };
            // The last question of a theme only makes sense after the theme's first (a yes/no one).
            let per = o.questions_per_theme.max(1);
            let first = i - i % per;
            let when = (i % per == per - 1 && i >= per && first % 10 <= 5).then(|| format!("q{first}"));
            Question {
                id: format!("q{i}"),
                kind,
                text: Text::ru(format!("Вопрос {i}?")),
                help: None,
                options,
                min: (kind == QuestionKind::Number).then_some(0.0),
                max: None,
                unit: None,
                when,
            }
        })
        .collect();
    let theme_question = |rng: &mut Rng, theme: usize| -> usize {
        let base = (theme * o.questions_per_theme) % o.questions.max(1);
        (base + rng.below(o.questions_per_theme.saturating_sub(1).max(1))) % o.questions.max(1)
    };
    let condition = |rng: &mut Rng, q: usize| -> String {
        match questions[q].kind {
            QuestionKind::YesNo => {
                if rng.chance(50) {
                    format!("q{q}")
                } else {
                    format!("not q{q}")
                }
            }
            QuestionKind::Single => format!("q{q} == \"{}\"", ["a", "b", "c"][rng.below(3)]),
            _ => format!("q{q} >= {}", 1 + rng.below(4)),
        }
    };

    // Documents: the first `services` are each one service's result, the rest plain.
    let mut documents: Vec<DocumentKind> = (0..o.services)
        .map(|i| DocumentKind {
            id: format!("r{i}"), title: Text::ru(format!("Результат услуги {i}")), help: None
        })
        .collect();
    documents.extend((0..o.documents).map(|i| DocumentKind {
        id: format!("d{i}"),
        title: Text::ru(format!("Документ {i}")),
        help: None,
    }));
    let departments: Vec<Department> = (0..20)
        .map(|i| Department {
            id: format!("dep{i}"),
            name: Text::ru(format!("Ведомство {i}")),
            short: None,
            address: Some(Text::ru(format!("ул. Ленина, {i}"))),
            hours: None,
            phone: None,
            site: None,
            source: None,
            unknown: Vec::new(),
            checked: None,
        })
        .collect();

    let services: Vec<Service> = (0..o.services)
        .map(|i| {
            let theme = i % themes;
            let requirement = |rng: &mut Rng, with_condition: bool| {
                let from_result = i > 0 && rng.chance(25);
                let doc = if from_result {
                    let lo = i.saturating_sub(40);
                    format!("r{}", lo + rng.below(i - lo))
                } else {
                    format!("d{}", rng.below(o.documents.max(1)))
                };
                let provider = if !from_result && rng.chance(30) { Provider::Interagency } else { Provider::Applicant };
                let when = (with_condition && rng.chance(30)).then(|| {
                    let q = theme_question(rng, theme);
                    condition(rng, q)
                });
                DocumentRequirement {
                    doc,
                    provider,
                    original: true,
                    copies: rng.below(2) as u32,
                    note: None,
                    when,
                    from: None,
                    until: None,
                }
            };
            let common_docs: Vec<DocumentRequirement> =
                (0..1 + rng.below(3)).map(|_| requirement(&mut rng, true)).collect();
            let n_variants = 1 + rng.below(3);
            let variants = if n_variants == 1 {
                Vec::new()
            } else {
                let q = theme_question(&mut rng, theme);
                let conds: Vec<Option<String>> = match questions[q].kind {
                    QuestionKind::Single => vec![Some(format!("q{q} == \"a\"")), Some(format!("q{q} == \"b\"")), None],
                    QuestionKind::YesNo => vec![Some(format!("q{q}")), None],
                    _ => vec![Some(format!("q{q} >= 3")), None],
                };
                conds
                    .into_iter()
                    .enumerate()
                    .map(|(k, when)| Variant {
                        id: Some(format!("v{k}")),
                        title: None,
                        when,
                        from: None,
                        until: None,
                        body: VariantBody {
                            documents: (0..rng.below(2)).map(|_| requirement(&mut rng, false)).collect(),
                            term: rng.chance(50).then(|| sourced_period(1 + rng.below(10) as u32)),
                            ..VariantBody::default()
                        },
                    })
                    .collect()
            };
            let office = format!("dep{}", rng.below(20));
            let channels = match rng.below(4) {
                0 => vec![Channel {
                    kind: ChannelKind::Portal,
                    office: None,
                    url: Some("https://www.gosuslugi.ru/".into()),
                    note: None,
                    appear: None,
                }],
                1 => vec![Channel { kind: ChannelKind::Automatic, office: None, url: None, note: None, appear: None }],
                _ => vec![
                    Channel {
                        kind: ChannelKind::InPerson,
                        office: Some(office.clone()),
                        url: None,
                        note: None,
                        appear: None,
                    },
                    Channel {
                        kind: ChannelKind::Mfc,
                        office: Some("dep0".into()),
                        url: None,
                        note: None,
                        appear: None,
                    },
                ],
            };
            Service {
                id: format!("s{i}"),
                title: Text::ru(format!("Услуга {i}")),
                summary: None,
                level: [Level::Municipal, Level::Regional, Level::Federal, Level::NonGovernment][i % 4],
                provider: office,
                legal_basis: vec![LegalRef {
                    title: Text::ru("Административный регламент"),
                    source: Some("https://example.org/".into()),
                    checked: Date::new(2026, 11, 1),
                    unverified: false,
                }],
                after: Vec::new(),
                common: VariantBody {
                    documents: common_docs,
                    term: Some(sourced_period(rng.below(15) as u32)),
                    channels: Some(channels),
                    results: Some(vec![format!("r{i}")]),
                    fee: rng.chance(20).then(|| Fee {
                        amount: (rng.below(50) * 100) as f64,
                        basis: Some(Text::ru("НК РФ, ст. 333.33")),
                        source: Some("https://example.org/nk".into()),
                        checked: Date::new(2026, 11, 1),
                        ..Fee::default()
                    }),
                    ..VariantBody::default()
                },
                variants,
            }
        })
        .collect();

    let situations: Vec<Situation> = (0..o.situations)
        .map(|s| {
            let theme = s % themes;
            // Services of the situation's theme, in a window, so chains have dependencies.
            let mut picked: Vec<usize> = Vec::new();
            let start = rng.below(o.services.max(1));
            let mut k = start;
            while picked.len() < o.services_per_situation.min(o.services) {
                let candidate = (k % o.services) - (k % o.services) % themes.min(o.services).max(1)
                    + theme % themes.min(o.services).max(1);
                let candidate = candidate.min(o.services - 1);
                if !picked.contains(&candidate) {
                    picked.push(candidate);
                } else if !picked.contains(&(k % o.services)) {
                    picked.push(k % o.services);
                }
                k += 1 + rng.below(3);
            }
            // Editors list services in any order: the resolver must find the chain itself.
            for i in (1..picked.len()).rev() {
                picked.swap(i, rng.below(i + 1));
            }
            Situation {
                id: format!("sit{s}"),
                title: Text::ru(format!("Ситуация {s}")),
                summary: Text::ru("Сгенерированная ситуация"),
                category: "generated".into(),
                keywords: vec![format!("ситуация{s}")],
                rank: s as u32,
                event: None,
                services: picked
                    .into_iter()
                    .map(|svc| Inclusion {
                        service: format!("s{svc}"),
                        when: rng.chance(40).then(|| {
                            let q = theme_question(&mut rng, theme);
                            condition(&mut rng, q)
                        }),
                        from: None,
                        until: None,
                    })
                    .collect(),
                next: Vec::new(),
            }
        })
        .collect();

    Catalog {
        format: BUNDLE_FORMAT,
        meta: Meta {
            city: Text::ru("Генерированск"),
            version: format!("gen-{}", o.seed),
            effective: Date::new(2026, 1, 1).unwrap_or(Date { year: 2026, month: 1, day: 1 }),
            languages: vec!["ru".into()],
            categories: vec![Category { id: "generated".into(), title: Text::ru("Сгенерированные") }],
            calendar: Vec::new(),
            holidays: Vec::new(),
            workdays: Vec::new(),
            primary_sources: Vec::new(),
            synonyms: Vec::new(),
        },
        departments,
        questions,
        documents,
        situations,
        services,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_catalogs_build() {
        for seed in 0..5 {
            let c = generate(&GenOptions {
                seed,
                services: 60,
                situations: 8,
                questions: 30,
                documents: 20,
                services_per_situation: 8,
                questions_per_theme: 5,
            });
            let (engine, diags) = crate::Engine::build(c);
            let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
            assert!(engine.is_some(), "seed {seed}: {errors:?}");
        }
    }

    #[test]
    fn regional_catalog_has_the_size_it_claims() {
        let c = generate(&GenOptions::regional());
        assert_eq!(c.services.len(), 3000);
        assert_eq!(c.situations.len(), 300);
        assert!(crate::Engine::build(c).0.is_some());
    }
}
