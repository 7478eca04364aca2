//! How complete the catalog is: for each fact every service should state (term,
//! criteria, refusal, fee, legal basis, channels with the offices' address and
//! hours), how many services state it from a primary source, from a secondary one,
//! marked unverified, without a source, or mark it as searched for and not found.
//! `lifenav check --coverage` prints it.

use crate::engine::dated::Dated;
use crate::model::{Catalog, ChannelKind, FactField, Service, VariantBody};

/// How well one fact of one service is backed, from the weakest to the best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Backing {
    /// Neither stated nor marked unknown: what the report exists to find.
    Missing,
    /// Searched for and not found (`unknown`).
    Unknown,
    /// Stated without any source.
    NoSource,
    /// Marked `unverified`.
    Unverified,
    /// From a page whose host is not among the catalog's `primary_sources`.
    Secondary,
    Primary,
}

impl Backing {
    pub const ALL: [Backing; 6] = [
        Backing::Primary,
        Backing::Secondary,
        Backing::Unverified,
        Backing::NoSource,
        Backing::Unknown,
        Backing::Missing,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Backing::Primary => "primary",
            Backing::Secondary => "secondary",
            Backing::Unverified => "unverified",
            Backing::NoSource => "no source",
            Backing::Unknown => "unknown",
            Backing::Missing => "missing",
        }
    }
}

/// The fields the report counts, in its order.
pub const FIELDS: [FactField; 6] = [
    FactField::Term,
    FactField::Criteria,
    FactField::Refusal,
    FactField::Fee,
    FactField::LegalBasis,
    FactField::Channels,
];

/// One row of the report: a field and how many services have each backing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub field: FactField,
    /// Counts in the order of [`Backing::ALL`].
    pub counts: [usize; 6],
    /// Services whose field is missing.
    pub missing: Vec<String>,
}

impl Row {
    pub fn count(&self, b: Backing) -> usize {
        self.counts[Backing::ALL.iter().position(|x| *x == b).unwrap_or(0)]
    }
}

/// Whether `url` is on a host the catalog counts as primary (the host itself or a subdomain).
pub fn is_primary(catalog: &Catalog, url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("").trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    catalog.meta.primary_sources.iter().any(|p| {
        let p = p.to_lowercase();
        host == p || host.ends_with(&format!(".{p}"))
    })
}

fn sourced(catalog: &Catalog, source: Option<&str>, unverified: bool) -> Backing {
    match source {
        _ if unverified => Backing::Unverified,
        None => Backing::NoSource,
        Some(url) if is_primary(catalog, url) => Backing::Primary,
        Some(_) => Backing::Secondary,
    }
}

/// The backing of a field in one body, or `None` when the body does not state it.
fn in_body(catalog: &Catalog, s: &Service, body: &VariantBody, field: FactField) -> Option<Backing> {
    let weakest = |it: &mut dyn Iterator<Item = Backing>| it.min();
    let listed = |field: FactField| {
        let mut it = body.sources.iter().chain(&s.common.sources).filter(|x| x.field == field);
        weakest(&mut it.by_ref().map(|x| sourced(catalog, Some(&x.source), x.unverified))).unwrap_or(Backing::NoSource)
    };
    match field {
        FactField::Term => body.term.as_ref().map(|t| {
            weakest(&mut t.values().map(|v| sourced(catalog, v.source.as_deref(), v.unverified)))
                .unwrap_or(Backing::NoSource)
        }),
        FactField::Deadline => body.deadline.as_ref().map(|t| {
            weakest(&mut t.values().map(|v| sourced(catalog, v.source.as_deref(), v.unverified)))
                .unwrap_or(Backing::NoSource)
        }),
        FactField::Fee => body.fee.as_ref().map(|f| {
            weakest(&mut f.values().map(|v| sourced(catalog, v.source.as_deref(), v.unverified)))
                .unwrap_or(Backing::NoSource)
        }),
        FactField::Criteria => body.criteria.as_ref().map(|_| listed(FactField::Criteria)),
        FactField::Refusal => body.refusal.as_ref().map(|_| listed(FactField::Refusal)),
        FactField::Channels => body.channels.as_ref().map(|chs| channels(catalog, s, chs)),
        FactField::LegalBasis => None,
    }
}

/// Channels are complete when every office to visit has its address and hours; then
/// as good as the weakest office's source (a remote channel, as its page).
fn channels(catalog: &Catalog, s: &Service, chs: &[crate::model::Channel]) -> Backing {
    let mut worst = Backing::Primary;
    for ch in chs {
        let b = if ch.kind.is_visit() {
            let id = ch.office.as_deref().unwrap_or(&s.provider);
            match catalog.department(id) {
                Some(d) if d.address.is_some() && d.hours.is_some() => sourced(catalog, d.source.as_deref(), false),
                Some(d) => {
                    let said = |c: &str| d.unknown.iter().any(|u| u == c);
                    let known = (d.address.is_some() || said("address")) && (d.hours.is_some() || said("hours"));
                    if known {
                        Backing::Unknown
                    } else {
                        Backing::Missing
                    }
                }
                None => Backing::Missing,
            }
        } else if ch.kind == ChannelKind::Automatic {
            continue;
        } else {
            sourced(catalog, ch.url.as_deref(), false)
        };
        worst = worst.min(b);
    }
    worst
}

/// The backing of one field of one service.
pub fn backing(catalog: &Catalog, s: &Service, field: FactField) -> Backing {
    let marked =
        s.common.unknown.iter().chain(s.variants.iter().flat_map(|v| &v.body.unknown)).any(|u| u.field == field);
    let stated = match field {
        FactField::LegalBasis => {
            s.legal_basis.iter().map(|l| sourced(catalog, l.source.as_deref(), l.unverified)).min()
        }
        // A service without channels is applied for in person at its provider.
        FactField::Channels if s.common.channels.is_none() && s.variants.iter().all(|v| v.body.channels.is_none()) => {
            let ch = crate::model::Channel {
                kind: ChannelKind::InPerson,
                office: None,
                url: None,
                note: None,
                appear: None,
            };
            Some(channels(catalog, s, &[ch]))
        }
        _ => {
            let common = in_body(catalog, s, &s.common, field);
            if s.variants.is_empty() {
                common
            } else {
                // Stated when every variant has it, its own or the service's.
                s.variants
                    .iter()
                    .map(|v| in_body(catalog, s, &v.body, field).or(common))
                    .collect::<Option<Vec<_>>>()
                    .and_then(|v| v.into_iter().min())
            }
        }
    };
    match stated {
        Some(Backing::Missing) | None if marked => Backing::Unknown,
        Some(b) => b,
        None => Backing::Missing,
    }
}

/// The report, one row per field of [`FIELDS`].
pub fn coverage(catalog: &Catalog) -> Vec<Row> {
    FIELDS
        .iter()
        .map(|&field| {
            let mut row = Row { field, counts: [0; 6], missing: Vec::new() };
            for s in &catalog.services {
                let b = backing(catalog, s, field);
                row.counts[Backing::ALL.iter().position(|x| *x == b).unwrap_or(0)] += 1;
                if b == Backing::Missing {
                    row.missing.push(s.id.clone());
                }
            }
            row
        })
        .collect()
}

/// The report as a Markdown table (what the README shows).
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from("| field |");
    for b in Backing::ALL {
        out.push_str(&format!(" {} |", b.label()));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(Backing::ALL.len()));
    out.push('\n');
    for r in rows {
        out.push_str(&format!("| {} |", r.field.key()));
        for c in r.counts {
            out.push_str(&format!(" {c} |"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing_json::{catalog, service};
    use serde_json::json;

    fn one(extra: serde_json::Value) -> Catalog {
        let mut c = catalog(json!([]), json!([service("x", extra)]), json!([{ "service": "x" }]));
        c.meta.primary_sources = vec!["gov.ru".into()];
        c
    }

    #[test]
    fn hosts_count_as_primary_with_their_subdomains_only() {
        let c = one(json!({}));
        assert!(is_primary(&c, "https://sfr.gov.ru/x"));
        assert!(is_primary(&c, "http://www.gov.ru"));
        assert!(!is_primary(&c, "https://notgov.ru/x"));
        assert!(!is_primary(&c, "https://gov.ru.evil.com/"));
    }

    #[test]
    fn each_field_is_backed_by_its_weakest_value_or_marked_unknown() {
        let c = one(json!({
            "term": { "days": 5, "source": "https://sfr.gov.ru/a", "periods": [{ "days": 7, "from": "2027-01-01", "source": "https://news.ru/a" }] },
            "criteria": ["Условие"],
            "sources": [{ "field": "criteria", "source": "https://sfr.gov.ru/b", "unverified": true }],
            "refusal": ["Отказ"],
            "unknown": [{ "field": "fee", "searched": "регламент" }]
        }));
        let s = &c.services[0];
        assert_eq!(backing(&c, s, FactField::Term), Backing::Secondary);
        assert_eq!(backing(&c, s, FactField::Criteria), Backing::Unverified);
        assert_eq!(backing(&c, s, FactField::Refusal), Backing::NoSource);
        assert_eq!(backing(&c, s, FactField::Fee), Backing::Unknown);
        // The test department has an address but no hours.
        assert_eq!(backing(&c, s, FactField::Channels), Backing::Missing);
        assert_eq!(backing(&c, s, FactField::LegalBasis), Backing::Secondary);
        let rows = coverage(&c);
        assert_eq!(rows[0].count(Backing::Secondary), 1);
        assert_eq!(rows[5].missing, ["x"]);
    }

    #[test]
    fn a_field_of_a_service_with_variants_is_stated_when_every_variant_has_it() {
        let c = one(json!({ "variants": [
            { "when": "true", "fee": { "amount": 0, "source": "https://gov.ru/fee" } },
            { "when": "false" }
        ] }));
        assert_eq!(backing(&c, &c.services[0], FactField::Fee), Backing::Missing);
    }
}
