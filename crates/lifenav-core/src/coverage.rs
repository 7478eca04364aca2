//! How complete the catalog is: for each fact every service should state (term,
//! criteria, refusal, fee, legal basis, channels with the offices' address and
//! hours), how many services state it from a primary source, from a secondary one,
//! marked unverified, without a source, or mark it as searched for and not found.
//! `lifenav check --coverage` prints it.
//!
//! Primary, by the strict rule a lawyer would accept, is only (see [`source_kind`]):
//! a normative act in an official legal portal or a legal reference system, or the
//! issuing authority's own page: a federal body's (`*.gov.ru`, the service's card on
//! `www.gosuslugi.ru`) or one of the authorities the catalog lists in
//! `primary_sources` (the region's, the city's, its МФЦ). A home page is no document
//! and never primary; everything else (other municipalities, news, aggregators, copies
//! of Госуслуги cards elsewhere) is secondary.

use crate::diagnostic::{Diagnostic, Path};
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
    /// Citing a site's home page: no document behind it.
    HomePage,
    /// Marked `unverified`.
    Unverified,
    /// From a page that is neither a legal act in a legal system nor the issuing
    /// authority's own (see [`source_kind`]).
    Secondary,
    Primary,
}

impl Backing {
    pub const ALL: [Backing; 7] = [
        Backing::Primary,
        Backing::Secondary,
        Backing::Unverified,
        Backing::HomePage,
        Backing::NoSource,
        Backing::Unknown,
        Backing::Missing,
    ];
    /// The label in the Russian report (SOURCES.md).
    pub fn label_ru(self) -> &'static str {
        match self {
            Backing::Primary => "первичный",
            Backing::Secondary => "вторичный",
            Backing::Unverified => "unverified",
            Backing::HomePage => "главная страница",
            Backing::NoSource => "без источника",
            Backing::Unknown => "unknown",
            Backing::Missing => "нет",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Backing::Primary => "primary",
            Backing::Secondary => "secondary",
            Backing::Unverified => "unverified",
            Backing::HomePage => "home page",
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
    pub counts: [usize; 7],
    /// Services whose field is missing.
    pub missing: Vec<String>,
}

impl Row {
    pub fn count(&self, b: Backing) -> usize {
        self.counts[Backing::ALL.iter().position(|x| *x == b).unwrap_or(0)]
    }
}

/// Official legal portals and legal reference systems: a page there (not the home page)
/// is the text of an act.
pub const LEGAL_SYSTEMS: [&str; 6] =
    ["pravo.gov.ru", "consultant.ru", "garant.ru", "docs.cntd.ru", "kodeks.ru", "normativ.kontur.ru"];

/// Hosts that are never an authority's own site, whoever lists them: blogs, social
/// networks, and sites that copy laws.
const NEVER_PRIMARY: [&str; 8] =
    ["dzen.ru", "vk.com", "ok.ru", "t.me", "rulaws.ru", "legalacts.ru", "zakonrf.info", "pravorub.ru"];

/// What a source is, by the strict rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A page of an official legal portal or a legal reference system.
    LegalAct,
    /// The issuing authority's own page: federal, or listed in `primary_sources`.
    Authority,
    /// A site's home page (the path empty or `/`): no document behind it.
    HomePage,
    /// Any other page: secondary.
    Other,
    /// Not a web address.
    Invalid,
}

/// `host` is `domain` or one of its subdomains.
fn under(host: &str, domain: &str) -> bool {
    host == domain || host.strip_suffix(domain).is_some_and(|rest| rest.ends_with('.'))
}

/// The ASCII form of a host as `url` writes it («мвд.рф» → `xn--b1aew.xn--p1ai`).
fn host_of(url: &str) -> Option<(String, String)> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?.trim_end_matches('.').to_string();
    Some((host, parsed.path().to_string()))
}

/// A `primary_sources` entry as a host, or `None` when it is not one.
fn listed_host(entry: &str) -> Option<String> {
    let entry = entry.trim();
    if entry.contains(['/', ':', '?', '#', ' ']) || !entry.contains('.') {
        return None;
    }
    host_of(&format!("https://{entry}/")).map(|(h, _)| h)
}

/// Federal bodies: every `*.gov.ru`, and the Госуслуги portal itself (its service
/// cards, not the sites of municipalities and schools it hosts on its subdomains).
fn federal(host: &str) -> bool {
    under(host, "gov.ru") || host == "gosuslugi.ru" || host == "www.gosuslugi.ru"
}

/// `url` is a site's home page (its path empty or `/`): no document behind it.
pub fn is_home_page(url: &str) -> bool {
    host_of(url).is_some_and(|(_, path)| path.is_empty() || path == "/")
}

/// The services with a portal channel that links the portal's home page instead of the
/// service's own card, for the coverage report.
pub fn portal_home_links(catalog: &Catalog) -> Vec<String> {
    let mut out: Vec<String> = catalog
        .services
        .iter()
        .filter(|s| {
            std::iter::once(&s.common)
                .chain(s.variants.iter().map(|v| &v.body))
                .flat_map(|b| b.channels.iter().flatten())
                .any(|ch| ch.kind == ChannelKind::Portal && ch.url.as_deref().is_some_and(is_home_page))
        })
        .map(|s| s.id.clone())
        .collect();
    out.dedup();
    out
}

/// What kind of source `url` is, for this catalog.
pub fn source_kind(catalog: &Catalog, url: &str) -> SourceKind {
    let Some((host, _)) = host_of(url) else { return SourceKind::Invalid };
    if is_home_page(url) {
        return SourceKind::HomePage;
    }
    if refused(&host) {
        return SourceKind::Other;
    }
    if LEGAL_SYSTEMS.iter().any(|d| under(&host, d)) {
        return SourceKind::LegalAct;
    }
    let listed = || {
        catalog.meta.primary_sources.iter().filter_map(|p| listed_host(p)).any(|p| {
            let p = p.strip_prefix("www.").unwrap_or(&p).to_string();
            under(&host, &p) && !refused(&p)
        })
    };
    if federal(&host) || listed() {
        SourceKind::Authority
    } else {
        SourceKind::Other
    }
}

/// Whether `url` counts as a primary source.
pub fn is_primary(catalog: &Catalog, url: &str) -> bool {
    matches!(source_kind(catalog, url), SourceKind::LegalAct | SourceKind::Authority)
}

/// Why a host may not be listed as primary, if it may not.
fn refusal(host: &str) -> Option<&'static str> {
    if NEVER_PRIMARY.iter().any(|d| under(host, d)) {
        Some("a blog, a social network or a copy of laws is never an authority's own site")
    } else if under(host, "gosuslugi.ru") && !federal(host) {
        Some("the sites on gosuslugi.ru's subdomains (Госвеб) belong to municipalities and schools, each its own: none is this catalog's authority")
    } else {
        None
    }
}

/// [`refusal`] in Russian and in English.
fn refusal_both(host: &str) -> Option<(&'static str, &'static str)> {
    let en = refusal(host)?;
    Some(if NEVER_PRIMARY.iter().any(|d| under(host, d)) {
        ("блог, социальная сеть или копия законов — никогда не собственный сайт органа власти", en)
    } else {
        ("сайты на поддоменах gosuslugi.ru (Госвеб) принадлежат муниципалитетам и школам, каждый свой: ни один не орган этого каталога", en)
    })
}

fn refused(host: &str) -> bool {
    refusal(host).is_some()
}

/// What `lifenav check` says about `primary_sources`. The catalog lists its own
/// authorities only: the region's, the city's, its МФЦ, a federal body off `gov.ru`.
/// Federal `*.gov.ru`, `www.gosuslugi.ru` and the legal systems count without being
/// listed. An entry that is not a host, a kind never primary, or none of the catalog's
/// departments' `site` is an error: an authority the citizen deals with is a department
/// of the catalog, and another city's site never is.
pub fn primary_source_problems(catalog: &Catalog) -> Vec<Diagnostic> {
    let sites: Vec<String> = catalog
        .departments
        .iter()
        .filter_map(|d| d.site.as_deref().and_then(host_of))
        .map(|(h, _)| h.strip_prefix("www.").unwrap_or(&h).to_string())
        .collect();
    let mut out = Vec::new();
    for (i, entry) in catalog.meta.primary_sources.iter().enumerate() {
        let path = Path::root("meta").key("primary_sources").index(i);
        let Some(host) = listed_host(entry) else {
            out.push(Diagnostic::error(
                path,
                format!("`{entry}` — не адрес сайта: пишите так: `admirk.ru`"),
                format!("`{entry}` is not a host: write it as `admirk.ru`"),
            ));
            continue;
        };
        let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
        if let Some((why_ru, why)) = refusal_both(&host) {
            out.push(Diagnostic::error(
                path,
                format!("`{entry}` не может быть первоисточником: {why_ru}"),
                format!("`{entry}` cannot be a primary source: {why}"),
            ));
        } else if !federal(&host)
            && !LEGAL_SYSTEMS.iter().any(|d| under(&host, d))
            && !sites.iter().any(|s| under(s, &host))
        {
            out.push(Diagnostic::error(
                path,
                format!(
                    "`{entry}` — не сайт ни одного ведомства каталога (`site`): перечисляйте только свои органы власти (области, города), укажите ведомству его сайт (`site`) или удалите запись"
                ),
                format!(
                    "`{entry}` is no department's `site`: list only the catalog's own authorities (the region's, the city's), give the department its `site`, or remove the entry"
                ),
            ));
        }
    }
    out
}

fn sourced(catalog: &Catalog, source: Option<&str>, unverified: bool) -> Backing {
    match source {
        _ if unverified => Backing::Unverified,
        None => Backing::NoSource,
        Some(url) => match source_kind(catalog, url) {
            SourceKind::LegalAct | SourceKind::Authority => Backing::Primary,
            SourceKind::HomePage => Backing::HomePage,
            SourceKind::Other | SourceKind::Invalid => Backing::Secondary,
        },
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
            let mut row = Row { field, counts: [0; 7], missing: Vec::new() };
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

/// How many of the facts a citizen acts on by the letter (every value of every fee,
/// term and deadline, every legal basis) rest on a primary source, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    pub primary: usize,
    pub total: usize,
}

impl Share {
    /// The share in whole percent, rounded down (0 of 0 is 0).
    pub fn percent(self) -> usize {
        (self.primary * 100).checked_div(self.total).unwrap_or(0)
    }
}

/// The [`Share`] of primary sources among fees, terms, deadlines and legal bases.
pub fn primary_share(catalog: &Catalog) -> Share {
    let mut share = Share::default();
    let mut count = |source: Option<&str>, unverified: bool| {
        share.total += 1;
        if sourced(catalog, source, unverified) == Backing::Primary {
            share.primary += 1;
        }
    };
    for s in &catalog.services {
        for l in &s.legal_basis {
            count(l.source.as_deref(), l.unverified);
        }
        for body in std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body)) {
            for p in body.term.iter().chain(&body.deadline).flat_map(|p| p.values()) {
                count(p.source.as_deref(), p.unverified);
            }
            for f in body.fee.iter().flat_map(|f| f.values()) {
                count(f.source.as_deref(), f.unverified);
            }
        }
    }
    share
}

/// The report as a Markdown table (what the README shows).
pub fn table(rows: &[Row]) -> String {
    table_with(rows, "field", Backing::label)
}

fn table_with(rows: &[Row], first: &str, label: fn(Backing) -> &'static str) -> String {
    let mut out = format!("| {first} |");
    for b in Backing::ALL {
        out.push_str(&format!(" {} |", label(b)));
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

/// Where the generated part of SOURCES.md begins and ends: the prose around it is the
/// editors', the block between is [`sources_block`]'s, so its totals cannot disagree
/// with the files.
pub const GENERATED_BEGIN: &str = "<!-- generated: lifenav coverage -->";
pub const GENERATED_END: &str = "<!-- /generated -->";

/// Every sourced fact of the catalog: its source (if any), whether it is marked
/// unverified, and the day it was checked.
fn cited(catalog: &Catalog) -> Vec<(Option<&str>, bool, Option<crate::Date>)> {
    let mut out = Vec::new();
    for s in &catalog.services {
        for l in &s.legal_basis {
            out.push((l.source.as_deref(), l.unverified, l.checked));
        }
        for body in std::iter::once(&s.common).chain(s.variants.iter().map(|v| &v.body)) {
            for p in body.term.iter().chain(&body.deadline).flat_map(|p| p.values()) {
                out.push((p.source.as_deref(), p.unverified, p.checked));
            }
            for f in body.fee.iter().flat_map(|f| f.values()) {
                out.push((f.source.as_deref(), f.unverified, f.checked));
            }
            for x in &body.sources {
                out.push((Some(x.source.as_str()), x.unverified, x.checked));
            }
        }
    }
    for d in &catalog.departments {
        if d.source.is_some() {
            out.push((d.source.as_deref(), false, d.checked));
        }
    }
    out
}

/// The generated part of SOURCES.md, markers included: the coverage table, the primary
/// share by the strict rule, the sources by kind and the `checked` dates. It depends on
/// the files alone (not on the day it is run), so a test can compare it with the
/// committed one.
pub fn sources_block(catalog: &Catalog) -> String {
    let rows = coverage(catalog);
    let share = primary_share(catalog);
    let facts = cited(catalog);
    let mut kinds = [0usize; 6];
    let mut dates: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (source, unverified, checked) in &facts {
        let k = match source {
            None => 5,
            Some(url) => match source_kind(catalog, url) {
                SourceKind::LegalAct => 0,
                SourceKind::Authority => 1,
                SourceKind::HomePage => 2,
                SourceKind::Other => 3,
                SourceKind::Invalid => 4,
            },
        };
        kinds[k] += 1;
        let day = checked.map_or_else(|| "без даты".to_string(), |d| d.to_string());
        *dates.entry(day).or_default() += usize::from(!unverified);
    }
    let unverified = facts.iter().filter(|f| f.1).count();
    let mut o = String::new();
    o.push_str(GENERATED_BEGIN);
    o.push_str("\n\n");
    o.push_str(
        "Этот раздел пишет команда `lifenav sources catalog/irkutsk` из файлов каталога; руками его не\n\
         правят, после правки фактов его пересоздают (тест сверяет его с файлами).\n\n",
    );
    o.push_str(&format!(
        "Услуг: {}, ситуаций: {}. Поле услуги считается по самому слабому значению (варианты,\n\
         периоды, несколько правовых оснований, ведомства).\n\n",
        catalog.services.len(),
        catalog.situations.len()
    ));
    o.push_str(&table_with(&rows, "поле", Backing::label_ru));
    o.push_str(&format!(
        "\n**Первичные источники** платы, сроков рассмотрения, сроков обращения и правовых оснований\n\
         (каждое значение и каждое основание — отдельный факт; строгое правило — docs/catalog-format.md):\n\
         **{} из {} ({}%)**.\n\n",
        share.primary,
        share.total,
        share.percent()
    ));
    o.push_str(&format!(
        "Все ссылки фактов (правовые основания, сроки, плата, `sources` критериев и отказов, ведомства):\n\
         {}, из них помечено `unverified` — {unverified}.\n\n",
        facts.len()
    ));
    o.push_str("| вид источника | ссылок |\n|---|---:|\n");
    let names = [
        "акт в правовой системе",
        "страница органа власти",
        "главная страница портала",
        "прочие (вторичные)",
        "не адрес",
        "без источника",
    ];
    for (name, n) in names.iter().zip(kinds) {
        o.push_str(&format!("| {name} | {n} |\n"));
    }
    let home = portal_home_links(catalog);
    o.push_str(&format!(
        "\nУслуг, где канал «Госуслуги» ведёт на главную страницу портала, а не на карточку услуги: {}.\n",
        home.len()
    ));
    o.push_str("\nДаты `checked` фактов без `unverified` (день, когда текст факта сверен с источником):\n\n");
    o.push_str("| дата | фактов |\n|---|---:|\n");
    for (day, n) in dates.iter().filter(|(_, n)| **n > 0) {
        o.push_str(&format!("| {day} | {n} |\n"));
    }
    o.push('\n');
    o.push_str(GENERATED_END);
    o
}

/// `doc` with its generated block replaced by `block`; a document without one gets
/// it at the end. An unclosed or doubled block is an error: the prose around it
/// might be lost.
pub fn splice_generated(doc: &str, block: &str) -> Result<String, String> {
    let begins = doc.matches(GENERATED_BEGIN).count();
    let ends = doc.matches(GENERATED_END).count();
    match (begins, ends) {
        (0, 0) => Ok(format!("{}\n\n{block}\n", doc.trim_end())),
        (1, 1) => {
            let start = doc.find(GENERATED_BEGIN).unwrap_or(0);
            let end = doc.find(GENERATED_END).map(|e| e + GENERATED_END.len()).unwrap_or(0);
            if end <= start {
                return Err(format!("`{GENERATED_END}` comes before `{GENERATED_BEGIN}`"));
            }
            Ok(format!("{}{block}{}", &doc[..start], &doc[end..]))
        }
        _ => Err(format!(
            "the document has {begins} `{GENERATED_BEGIN}` and {ends} `{GENERATED_END}`: there must be one of each"
        )),
    }
}

/// The generated block of `doc`, markers included, if it has one.
pub fn generated_part(doc: &str) -> Option<&str> {
    let start = doc.find(GENERATED_BEGIN)?;
    let end = doc[start..].find(GENERATED_END)? + start + GENERATED_END.len();
    Some(&doc[start..end])
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
        assert!(is_primary(&c, "http://www.gov.ru/about"));
        assert!(!is_primary(&c, "https://notgov.ru/x"));
        assert!(!is_primary(&c, "https://gov.ru.evil.com/x"));
    }

    #[test]
    fn only_an_act_in_a_legal_system_or_the_authoritys_own_page_is_primary() {
        let mut c = one(json!({}));
        c.meta.primary_sources = vec!["admirk.ru".into(), "мвд.рф".into(), "adm-x.gosuslugi.ru".into()];
        let kind = |url: &str| source_kind(&c, url);
        // Acts in legal systems count without being listed.
        assert_eq!(kind("https://docs.cntd.ru/document/902233707"), SourceKind::LegalAct);
        assert_eq!(kind("http://publication.pravo.gov.ru/document/0001202312250001"), SourceKind::LegalAct);
        assert_eq!(kind("https://base.garant.ru/10900200/"), SourceKind::LegalAct);
        // Federal bodies, the service's own card on Госуслуги, the listed authorities.
        assert_eq!(kind("https://www.gosuslugi.ru/600101/1"), SourceKind::Authority);
        assert_eq!(kind("https://sfr.gov.ru/grazhdanam/family"), SourceKind::Authority);
        assert_eq!(kind("https://admirk.ru/services/1"), SourceKind::Authority);
        assert_eq!(kind("https://38.мвд.рф/document/1"), SourceKind::Authority);
        // A home page is no document, wherever it is.
        for home in
            ["https://www.gosuslugi.ru/", "http://pravo.gov.ru", "https://www.consultant.ru/", "https://admirk.ru/"]
        {
            assert_eq!(kind(home), SourceKind::HomePage, "{home}");
        }
        // Госвеб sites of other municipalities, copies, news: secondary, listed or not.
        assert_eq!(kind("https://adm-x.gosuslugi.ru/news/1"), SourceKind::Other);
        assert_eq!(kind("https://zags.ulgov.ru/main/gosuslugi/"), SourceKind::Other);
        assert_eq!(kind("https://dzen.ru/b/xyz"), SourceKind::Other);
        assert_eq!(kind("not a url"), SourceKind::Invalid);
        let portal = |url: &str| json!({ "channels": [{ "kind": "portal", "url": url, "appear": [] }] });
        assert_eq!(portal_home_links(&one(portal("https://www.gosuslugi.ru/"))), ["x"]);
        assert!(portal_home_links(&one(portal("https://www.gosuslugi.ru/600101/1"))).is_empty());
    }

    #[test]
    fn primary_sources_may_list_the_catalogs_own_authorities_only() {
        let mut c = one(json!({}));
        c.departments[0].site = Some("https://www.admirk.ru/".into());
        c.meta.primary_sources = [
            "admirk.ru",
            "gov.ru",
            "consultant.ru",
            "zags.ulgov.ru",
            "dzen.ru",
            "adm-x.gosuslugi.ru",
            "https://x.ru/",
            "ru",
        ]
        .map(String::from)
        .to_vec();
        let found: Vec<(bool, String)> =
            primary_source_problems(&c).iter().map(|d| (d.is_error(), d.path.to_string())).collect();
        // Paths number entries from 1, as editors count them.
        let at = |i: usize| format!("meta.primary_sources[{}]", i + 1);
        assert_eq!(found, [(true, at(3)), (true, at(4)), (true, at(5)), (true, at(6)), (true, at(7))]);
    }

    #[test]
    fn a_fee_term_or_legal_basis_citing_a_home_page_or_another_host_is_not_primary() {
        let c = one(json!({
            "fee": { "amount": 0, "source": "https://www.gosuslugi.ru/" },
            "term": { "days": 5, "source": "https://mo-se.orb.ru/activity/53262" },
            "legal_basis": [{ "title": "Закон", "source": "http://pravo.gov.ru/" }]
        }));
        let s = &c.services[0];
        assert_eq!(backing(&c, s, FactField::Fee), Backing::HomePage);
        assert_eq!(backing(&c, s, FactField::Term), Backing::Secondary);
        assert_eq!(backing(&c, s, FactField::LegalBasis), Backing::HomePage);
        assert_eq!(primary_share(&c), Share { primary: 0, total: 3 });
        let fixed = one(json!({
            "fee": { "amount": 0, "source": "https://www.gosuslugi.ru/600101/1" },
            "term": { "days": 5, "source": "https://docs.cntd.ru/document/1" },
            "legal_basis": [{ "title": "Закон", "source": "http://publication.pravo.gov.ru/document/1" }]
        }));
        assert_eq!(primary_share(&fixed), Share { primary: 3, total: 3 });
        assert_eq!(primary_share(&fixed).percent(), 100);
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
    fn the_generated_block_replaces_only_itself() {
        let block = format!("{GENERATED_BEGIN}\nновое\n{GENERATED_END}");
        let doc = format!("до\n{GENERATED_BEGIN}\nстарое\n{GENERATED_END}\nпосле\n");
        assert_eq!(splice_generated(&doc, &block).unwrap(), format!("до\n{block}\nпосле\n"));
        assert_eq!(generated_part(&splice_generated(&doc, &block).unwrap()), Some(block.as_str()));
        assert_eq!(splice_generated("до\n", &block).unwrap(), format!("до\n\n{block}\n"));
        assert!(splice_generated(&format!("{doc}{GENERATED_BEGIN}"), &block).is_err());
        assert!(splice_generated(&format!("{GENERATED_END}{GENERATED_BEGIN}"), &block).is_err());
        let c = one(json!({ "fee": { "amount": 0, "source": "https://www.gosuslugi.ru/", "checked": "2026-12-01" } }));
        let generated = sources_block(&c);
        assert!(generated.starts_with(GENERATED_BEGIN) && generated.ends_with(GENERATED_END));
        assert!(generated.contains("| главная страница портала | 1 |"), "{generated}");
        assert!(generated.contains("**0 из 2 (0%)**"), "{generated}");
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
