//! Where each item of a catalog is used, for the studio's «used in» panels and to
//! warn before an editor deletes or renames something. Works on a catalog that does
//! not build yet: conditions that do not parse are skipped.

use crate::condition;
use crate::diagnostic::Path;
use crate::model::{Catalog, ChannelKind, ItemKind, Provider, Service, VariantBody};
use serde::Serialize;

/// A service in a situation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InclusionUse {
    pub situation: String,
    pub service: String,
    /// The condition under which the situation includes it.
    pub when: Option<String>,
    pub path: Path,
}

/// Where a service or one of its variants writes a document: needed or produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentUse {
    pub service: String,
    /// The variant (0-based) or `None` for what the service says for all its variants.
    pub variant: Option<usize>,
    pub variant_id: Option<String>,
    pub doc: String,
    /// Who provides it, for a requirement; `None` for a result.
    pub provider: Option<Provider>,
    pub when: Option<String>,
    pub path: Path,
}

/// How a service involves a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepartmentRole {
    /// It provides the service.
    Provider,
    /// Citizens apply there (a channel's `office`).
    Office,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentUse {
    pub department: String,
    pub service: String,
    pub role: DepartmentRole,
    pub variant: Option<usize>,
    /// The channel, for an office.
    pub channel: Option<ChannelKind>,
    pub path: Path,
}

/// A condition that reads a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reader {
    pub question: String,
    /// What the condition belongs to: a situation, a service or another question.
    pub item: (ItemKind, String),
    /// The condition's own path, `services.x.variants[2].when`.
    pub path: Path,
    pub when: String,
}

/// Every use of every item of a catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Usage {
    pub inclusions: Vec<InclusionUse>,
    pub requirements: Vec<DocumentUse>,
    pub results: Vec<DocumentUse>,
    pub departments: Vec<DepartmentUse>,
    pub readers: Vec<Reader>,
}

/// Finds every use in one pass over the catalog.
pub fn usage(catalog: &Catalog) -> Usage {
    let mut u = Usage::default();
    for q in &catalog.questions {
        u.read(ItemKind::Question, &q.id, Path::root("questions").key(&q.id).key("when"), &q.when);
    }
    for s in &catalog.situations {
        let path = Path::root("situations").key(&s.id).key("services");
        for (i, inc) in s.services.iter().enumerate() {
            let p = path.index(i);
            u.read(ItemKind::Situation, &s.id, p.key("when"), &inc.when);
            u.inclusions.push(InclusionUse {
                situation: s.id.clone(),
                service: inc.service.clone(),
                when: inc.when.clone(),
                path: p,
            });
        }
        let path = Path::root("situations").key(&s.id).key("next");
        for (i, n) in s.next.iter().enumerate() {
            u.read(ItemKind::Situation, &s.id, path.index(i).key("when"), &n.when);
        }
    }
    for s in &catalog.services {
        u.service(s);
    }
    u
}

impl Usage {
    /// The question ids a condition names, found by parsing it (a substring would
    /// take `married` for a reader of `parents_married`).
    fn read(&mut self, kind: ItemKind, id: &str, path: Path, when: &Option<String>) {
        let Some(src) = when else { return };
        let Ok(expr) = condition::parse(src) else { return };
        let mut names: Vec<&str> = Vec::new();
        expr.for_each_question(&mut |q| names.push(&q.name));
        names.sort_unstable();
        names.dedup();
        for name in names {
            self.readers.push(Reader {
                question: name.to_string(),
                item: (kind, id.to_string()),
                path: path.clone(),
                when: src.clone(),
            });
        }
    }

    fn service(&mut self, s: &Service) {
        let path = Path::root("services").key(&s.id);
        self.departments.push(DepartmentUse {
            department: s.provider.clone(),
            service: s.id.clone(),
            role: DepartmentRole::Provider,
            variant: None,
            channel: None,
            path: path.key("provider"),
        });
        self.body(s, None, &s.common, &path);
        for (i, v) in s.variants.iter().enumerate() {
            let p = path.key("variants").index(i);
            self.read(ItemKind::Service, &s.id, p.key("when"), &v.when);
            self.body(s, Some(i), &v.body, &p);
        }
    }

    fn body(&mut self, s: &Service, variant: Option<usize>, body: &VariantBody, path: &Path) {
        let variant_id = variant.and_then(|i| s.variants[i].id.clone());
        let doc_use = |doc: &str, provider, when: &Option<String>, path: Path| DocumentUse {
            service: s.id.clone(),
            variant,
            variant_id: variant_id.clone(),
            doc: doc.to_string(),
            provider,
            when: when.clone(),
            path,
        };
        for (i, d) in body.documents.iter().enumerate() {
            let p = path.key("documents").index(i);
            self.read(ItemKind::Service, &s.id, p.key("when"), &d.when);
            self.requirements.push(doc_use(&d.doc, Some(d.provider), &d.when, p));
        }
        for (i, r) in body.results.iter().flatten().enumerate() {
            self.results.push(doc_use(r, None, &None, path.key("results").index(i)));
        }
        for (i, ch) in body.channels.iter().flatten().enumerate() {
            let at = path.key("channels").index(i);
            let offices = ch.office.iter().map(|o| (o, at.key("office"))).chain(
                ch.appear
                    .iter()
                    .flatten()
                    .enumerate()
                    .filter_map(|(j, a)| a.office.as_ref().map(|o| (o, at.key("appear").index(j).key("office")))),
            );
            for (office, path) in offices {
                self.departments.push(DepartmentUse {
                    department: office.clone(),
                    service: s.id.clone(),
                    role: DepartmentRole::Office,
                    variant,
                    channel: Some(ch.kind),
                    path,
                });
            }
        }
    }

    /// The situations that include a service, with the condition of each inclusion.
    pub fn situations_of_service(&self, service: &str) -> Vec<&InclusionUse> {
        self.inclusions.iter().filter(|i| i.service == service).collect()
    }

    /// The services (and variants) that need a document.
    pub fn services_needing(&self, doc: &str) -> Vec<&DocumentUse> {
        self.requirements.iter().filter(|d| d.doc == doc).collect()
    }

    /// The services (and variants) that give a document to the applicant.
    pub fn services_producing(&self, doc: &str) -> Vec<&DocumentUse> {
        self.results.iter().filter(|d| d.doc == doc).collect()
    }

    /// The services a department provides or receives applications for.
    pub fn services_of_department(&self, department: &str) -> Vec<&DepartmentUse> {
        self.departments.iter().filter(|d| d.department == department).collect()
    }

    /// The conditions that read a question.
    pub fn readers_of_question(&self, question: &str) -> Vec<&Reader> {
        self.readers.iter().filter(|r| r.question == question).collect()
    }
}

#[cfg(all(test, feature = "source"))]
mod tests {
    use super::*;

    fn example() -> Usage {
        usage(&crate::testing::engine("example").catalog)
    }

    #[test]
    fn situations_of_a_service_come_with_their_condition() {
        let u = example();
        let found: Vec<(&str, Option<&str>)> = u
            .situations_of_service("kindergarten-queue")
            .iter()
            .map(|i| (i.situation.as_str(), i.when.as_deref()))
            .collect();
        assert!(found.contains(&("birth", Some("need_kindergarten"))), "{found:?}");
        let snils = u.situations_of_service("snils");
        assert_eq!(snils.len(), 1);
        assert_eq!((snils[0].situation.as_str(), &snils[0].when), ("birth", &None));
        assert_eq!(snils[0].path.to_string(), "situations.birth.services[2]");
        assert!(u.situations_of_service("nothing").is_empty());
    }

    #[test]
    fn documents_needed_per_variant_and_produced() {
        let u = example();
        let marriage: Vec<(&str, Option<&str>)> = u
            .services_needing("marriage-certificate")
            .iter()
            .map(|d| (d.service.as_str(), d.variant_id.as_deref()))
            .collect();
        assert_eq!(marriage, [("birth-registration", Some("married"))]);
        let snils = u.services_needing("snils");
        assert!(snils.iter().any(|d| d.service == "oms-policy" && d.provider == Some(Provider::Interagency)));
        let births: Vec<&str> = u.services_producing("birth-certificate").iter().map(|d| d.service.as_str()).collect();
        assert_eq!(births, ["birth-registration"]);
        let attorney = u.services_needing("power-of-attorney");
        assert!(attorney.iter().all(|d| d.when.as_deref() == Some("by_representative")));
        assert!(attorney.len() >= 5, "{attorney:?}");
    }

    #[test]
    fn departments_provide_and_receive() {
        let u = example();
        let mfc = u.services_of_department("mfc");
        assert!(mfc.iter().all(|d| d.role == DepartmentRole::Office && d.channel == Some(ChannelKind::Mfc)));
        assert!(mfc.iter().any(|d| d.service == "birth-registration" && d.variant.is_some()));
        let zags = u.services_of_department("zags");
        assert!(zags.iter().any(|d| d.service == "death-registration" && d.role == DepartmentRole::Provider));
        assert!(zags.iter().any(|d| d.service == "birth-registration" && d.role == DepartmentRole::Office));
    }

    #[test]
    fn readers_are_found_by_parsing_not_by_substring() {
        let u = example();
        let married: Vec<String> =
            u.readers_of_question("parents_married").iter().map(|r| r.path.to_string()).collect();
        assert!(married.contains(&"questions.paternity_acknowledged.when".to_string()), "{married:?}");
        assert!(married.contains(&"services.birth-registration.variants[1].when".to_string()), "{married:?}");
        assert!(u.readers_of_question("married").is_empty());
        let housing = u.readers_of_question("housing");
        assert!(housing.iter().all(|r| r.item == (ItemKind::Service, "residence-registration".into())));
        assert_eq!(housing.len(), 3);
        let kindergarten = u.readers_of_question("need_kindergarten");
        assert_eq!(kindergarten[0].item, (ItemKind::Situation, "birth".to_string()));
    }
}
