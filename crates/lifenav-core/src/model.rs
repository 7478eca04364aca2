//! The catalog: a city's life situations, questions, services, documents and departments.
//!
//! The same types are read from the editors' TOML files and from the JSON bundle the
//! widget loads, so the two can never drift apart. Unknown fields are rejected so that
//! a typo in a field name is reported instead of silently ignored.

use crate::{Date, Text};
use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use schemars::JsonSchema;

/// Version of the bundle format; bumped on incompatible changes.
pub const BUNDLE_FORMAT: u32 = 1;

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn yes() -> bool {
    true
}
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The whole catalog, as one bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(default = "bundle_format")]
    pub format: u32,
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<Department>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<Situation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
}

fn bundle_format() -> u32 {
    BUNDLE_FORMAT
}

/// What the catalog is: whose, which version, in force from when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The city (or region) whose services these are.
    pub city: Text,
    /// The catalog's own version, for example "2026.11".
    pub version: String,
    /// The date from which the content is in force.
    pub effective: Date,
    /// Languages the texts are written in: "ru" is required, "en" optional.
    #[serde(default = "default_languages")]
    pub languages: Vec<String>,
    /// Groups of situations on the start screen, in display order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// The production calendar, one entry per year the catalog covers (the
    /// Government's yearly decree on the transfer of days off).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendar: Vec<CalendarYear>,
    /// Extra non-working days in one flat list: the format before `calendar`, still
    /// read, but these cover no year (`lifenav check` asks to move them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Date>,
    /// Weekend days made working days, the flat list of the format before `calendar`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workdays: Vec<Date>,
    /// Hosts whose pages count as primary sources (a law's text in a legal system, an
    /// authority's own site): `consultant.ru`, `gov.ru` (with every subdomain). The
    /// coverage report tells primary from secondary sources by them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub primary_sources: Vec<String>,
    /// Words and phrases citizens use for the same thing, for the search (`search`):
    /// `[["прописка", "регистрация"], ["садик", "детский сад"]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// One year of the production calendar, as the Government's decree sets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    pub year: i32,
    /// Days off beyond the weekends and the Labour Code's holidays (transfers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<Date>,
    /// Saturdays and Sundays made working days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub workdays: Vec<Date>,
    /// The decree: "Постановление Правительства РФ от 24.09.2025 № 1466".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
}

fn default_languages() -> Vec<String> {
    vec!["ru".to_string()]
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: Text,
}

/// A department, office, MFC branch or any other place a citizen deals with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: String,
    pub name: Text,
    /// A short name for lists: "ЗАГС", "МФЦ".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Where the facts above come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    /// Contacts searched for and not found (`address`, `hours`, `phone`, `site`): the
    /// citizen is told to ask.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
}

/// The contact details a department's `unknown` may name.
pub const CONTACTS: [&str; 4] = ["address", "hours", "phone", "site"];

/// The kinds of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    Single,
    Multiple,
    Number,
    Date,
}

/// A question of the applicant's profile. Ids are shared across situations, so one
/// answer serves every situation that needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// The choices of a `single` or `multiple` question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// Bounds of a `number` question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Unit of a `number` question ("детей", "лет").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
    /// When the question makes sense at all, for example `has_children`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub text: Text,
}

/// A kind of document, named once and referred to by services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentKind {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
}

/// A life situation: the citizen's entry point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Situation {
    pub id: String,
    pub title: Text,
    pub summary: Text,
    pub category: String,
    /// Words citizens search by, in any form: "ребёнок", "роды", "baby".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// How often citizens face it: lower comes first on the start screen.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub rank: u32,
    /// What the event date means here ("Дата рождения ребёнка"); without it no date is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Text>,
    /// The services the situation may include, in the order an editor would list them.
    pub services: Vec<Inclusion>,
    /// The situations that often follow this one, shown at the end of the plan as
    /// "what may come next" (after a birth: kindergarten, a large family).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<NextSituation>,
}

/// A situation that may come next, with the condition on this situation's answers
/// under which the plan names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NextSituation {
    /// The id of the situation that may come next.
    pub situation: String,
    /// When it may come next, in the condition language of `when` elsewhere, over the
    /// answers of this situation's questionnaire: `need_kindergarten`. Always without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Why it may come next, in a sentence for the citizen: «Когда подойдёт очередь —
    /// зачисление в сад».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

/// A service in a situation, with the condition under which it is included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Inclusion {
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The situation includes the service for events from this day on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// … and up to this day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// Who provides the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Municipal,
    Regional,
    Federal,
    NonGovernment,
}

/// A legal act or page that a fact rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    /// Not confirmed by a primary source: shown as «уточняйте».
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
}

/// A public service with its variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(from = "ServiceFields")]
pub struct Service {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    pub level: Level,
    /// The department that provides it.
    pub provider: String,
    /// The административный регламент or law.
    pub legal_basis: Vec<LegalRef>,
    /// Services that must come first even without a document passing between them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// Defaults shared by every variant; a variant overrides any of them.
    #[serde(flatten)]
    pub common: VariantBody,
    /// The variants; none means one variant made of the defaults alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

/// A variant of a service: the individual way it works for one applicant profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(from = "VariantFields")]
pub struct Variant {
    /// A short id editors and scenarios refer to ("married", "representative").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// When the variant applies; at most one variant may leave it out, and that one
    /// applies when no other does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The variant exists for events from this day on …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// … and up to this day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    #[serde(flatten)]
    pub body: VariantBody,
}

/// Everything a variant says. In a service these are the defaults; in a variant, the
/// overrides (documents add to the service's list instead of replacing it).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
pub struct VariantBody {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentRequirement>,
    /// The authority's processing term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<Period>,
    /// The applicant's own deadline, counted from the event date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Period>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<Vec<Text>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<Channel>>,
    /// Documents the applicant receives (ids of document kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<String>>,
    /// A short note shown with the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Facts searched for and not found: said so, instead of left out in silence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<Unknown>,
    /// Where the facts without a `source` field of their own (criteria, refusal) come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<FieldSource>,
}

/// The fields of a service whose presence the coverage report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FactField {
    Term,
    Deadline,
    Fee,
    Criteria,
    Refusal,
    LegalBasis,
    Channels,
}

impl FactField {
    pub const ALL: [FactField; 7] = [
        FactField::Term,
        FactField::Deadline,
        FactField::Fee,
        FactField::Criteria,
        FactField::Refusal,
        FactField::LegalBasis,
        FactField::Channels,
    ];
    /// The field's name in the catalog format.
    pub fn key(self) -> &'static str {
        match self {
            FactField::Term => "term",
            FactField::Deadline => "deadline",
            FactField::Fee => "fee",
            FactField::Criteria => "criteria",
            FactField::Refusal => "refusal",
            FactField::LegalBasis => "legal_basis",
            FactField::Channels => "channels",
        }
    }
}

/// A fact searched for and not found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Unknown {
    pub field: FactField,
    /// Which part of the field is unknown when the rest is stated ("отказ в приёме документов").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// What was searched, where: for the next editor, never shown to citizens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub searched: Option<String>,
}

/// The source of a field that has no `source` of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FieldSource {
    pub field: FactField,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
}

/// Who provides a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// The applicant brings it (unless an earlier step of the plan gives it to them).
    #[default]
    Applicant,
    /// The authority obtains it itself by inter-agency request (межведомственный запрос).
    Interagency,
}

/// A document a variant needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentRequirement {
    pub doc: String,
    #[serde(default, skip_serializing_if = "is_applicant")]
    pub provider: Provider,
    /// The original must be shown (default) or not.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub original: bool,
    /// Copies to hand in.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub copies: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The requirement holds for applications from this day on …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// … and up to this day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

fn is_applicant(p: &Provider) -> bool {
    *p == Provider::Applicant
}

/// A length of time: exactly one of `days`, `working_days`, `months`, with its source.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Period {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
    /// The legal provision: "143-ФЗ, ст. 16".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// In force from this day on (see "Facts that change with time" in the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// In force up to this day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The values that come before or after this one, each with its own dates.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<PeriodValue>"))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Self>,
}

/// How a period is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodUnit {
    Days,
    WorkingDays,
    Months,
}

impl Period {
    /// The count and unit, when exactly one is given.
    pub fn amount(&self) -> Option<(u32, PeriodUnit)> {
        match (self.days, self.working_days, self.months) {
            (Some(n), None, None) => Some((n, PeriodUnit::Days)),
            (None, Some(n), None) => Some((n, PeriodUnit::WorkingDays)),
            (None, None, Some(n)) => Some((n, PeriodUnit::Months)),
            _ => None,
        }
    }
}

/// A fee with its legal basis; `amount = 0` means free.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// Roubles.
    pub amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub unverified: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// In force from this day on (see "Facts that change with time" in the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// In force up to this day, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// The values that come before or after this one, each with its own dates.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<FeeValue>"))]
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<Self>,
}

// The schema of a fact's `periods`: a value like the field's own, but without
// `periods` (a period lists none; `check` says so), which keeps the schema finite.

/// One dated value of a term or a deadline, in its `periods`.
#[cfg(feature = "schema")]
#[derive(JsonSchema)]
#[allow(dead_code)]
struct PeriodValue {
    days: Option<u32>,
    working_days: Option<u32>,
    months: Option<u32>,
    basis: Option<Text>,
    source: Option<String>,
    checked: Option<Date>,
    #[serde(default)]
    unverified: bool,
    note: Option<Text>,
    from: Option<Date>,
    until: Option<Date>,
}

/// One dated value of a fee, in its `periods`.
#[cfg(feature = "schema")]
#[derive(JsonSchema)]
#[allow(dead_code)]
struct FeeValue {
    amount: f64,
    basis: Option<Text>,
    source: Option<String>,
    checked: Option<Date>,
    #[serde(default)]
    unverified: bool,
    note: Option<Text>,
    from: Option<Date>,
    until: Option<Date>,
}

/// Ways to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// At the department itself.
    InPerson,
    /// The city's one-window office («Единое окно»).
    OneWindow,
    /// The multifunctional centre (МФЦ).
    Mfc,
    /// The national portal (ЕПГУ, Госуслуги).
    Portal,
    Post,
    /// Nothing to do: the authority acts by itself (проактивно).
    Automatic,
}

impl ChannelKind {
    /// Applying this way means going somewhere.
    pub fn is_visit(self) -> bool {
        matches!(self, ChannelKind::InPerson | ChannelKind::OneWindow | ChannelKind::Mfc)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub kind: ChannelKind,
    /// The department or office where one applies (for visits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// The page of the service (for the portal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Every time the applicant must come in person on this channel: to apply, for the
    /// act itself, to collect the result. Without it, a visiting channel (`in_person`,
    /// `one_window`, `mfc`) means one visit to apply and any other none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appear: Option<Vec<Appearance>>,
}

/// What the applicant comes in person for (the monitoring indicator counts each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// To hand in the application and show the originals.
    Apply,
    /// For the act itself: the marriage registration, both in person.
    Act,
    /// To collect the result: a passport is handed over in person.
    Collect,
}

/// One time the applicant must come in person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Appearance {
    pub to: Purpose,
    /// Where, when not the channel's own office (or the provider): a passport applied
    /// for on the portal is collected at the МВД.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Why, for the citizen, when the purpose alone says too little: «регистрация брака:
    /// оба лично».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Text>,
}

impl Channel {
    /// The times the applicant comes in person on this channel, as written or as the
    /// channel's kind implies.
    pub fn appearances(&self) -> std::borrow::Cow<'_, [Appearance]> {
        match &self.appear {
            Some(a) => std::borrow::Cow::Borrowed(a.as_slice()),
            None if self.kind.is_visit() => {
                std::borrow::Cow::Owned(vec![Appearance { to: Purpose::Apply, office: None, why: None }])
            }
            None => std::borrow::Cow::Borrowed(&[]),
        }
    }
}

// Services and variants are written flat (the shared fields beside their own), but
// serde's `flatten` cannot reject unknown fields and buffers every value, which made
// loading a big bundle slow. Reading goes through these explicit field lists instead.

/// Every field a service may have, as written.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
struct ServiceFields {
    id: String,
    title: Text,
    #[serde(default)]
    summary: Option<Text>,
    level: Level,
    provider: String,
    legal_basis: Vec<LegalRef>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    variants: Vec<Variant>,
    #[serde(default)]
    documents: Vec<DocumentRequirement>,
    #[serde(default)]
    term: Option<Period>,
    #[serde(default)]
    deadline: Option<Period>,
    #[serde(default)]
    fee: Option<Fee>,
    #[serde(default)]
    criteria: Option<Vec<Text>>,
    #[serde(default)]
    refusal: Option<Vec<Text>>,
    #[serde(default)]
    channels: Option<Vec<Channel>>,
    #[serde(default)]
    results: Option<Vec<String>>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    unknown: Vec<Unknown>,
    #[serde(default)]
    sources: Vec<FieldSource>,
}

impl From<ServiceFields> for Service {
    fn from(f: ServiceFields) -> Service {
        Service {
            id: f.id,
            title: f.title,
            summary: f.summary,
            level: f.level,
            provider: f.provider,
            legal_basis: f.legal_basis,
            after: f.after,
            variants: f.variants,
            common: VariantBody {
                documents: f.documents,
                term: f.term,
                deadline: f.deadline,
                fee: f.fee,
                criteria: f.criteria,
                refusal: f.refusal,
                channels: f.channels,
                results: f.results,
                note: f.note,
                unknown: f.unknown,
                sources: f.sources,
            },
        }
    }
}

/// Every field a variant may have, as written.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(JsonSchema))]
#[serde(deny_unknown_fields)]
struct VariantFields {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<Text>,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    from: Option<Date>,
    #[serde(default)]
    until: Option<Date>,
    #[serde(default)]
    documents: Vec<DocumentRequirement>,
    #[serde(default)]
    term: Option<Period>,
    #[serde(default)]
    deadline: Option<Period>,
    #[serde(default)]
    fee: Option<Fee>,
    #[serde(default)]
    criteria: Option<Vec<Text>>,
    #[serde(default)]
    refusal: Option<Vec<Text>>,
    #[serde(default)]
    channels: Option<Vec<Channel>>,
    #[serde(default)]
    results: Option<Vec<String>>,
    #[serde(default)]
    note: Option<Text>,
    #[serde(default)]
    unknown: Vec<Unknown>,
    #[serde(default)]
    sources: Vec<FieldSource>,
}

impl From<VariantFields> for Variant {
    fn from(f: VariantFields) -> Variant {
        Variant {
            id: f.id,
            title: f.title,
            when: f.when,
            from: f.from,
            until: f.until,
            body: VariantBody {
                documents: f.documents,
                term: f.term,
                deadline: f.deadline,
                fee: f.fee,
                criteria: f.criteria,
                refusal: f.refusal,
                channels: f.channels,
                results: f.results,
                note: f.note,
                unknown: f.unknown,
                sources: f.sources,
            },
        }
    }
}

/// The kinds of thing editors write, each with its own form in the catalog studio.
/// Categories live inside the meta file; they are a kind of their own so that a
/// situation's `category` can name what it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Meta,
    Category,
    Situation,
    Service,
    Question,
    Document,
    Department,
    Scenario,
}

impl Catalog {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
    pub fn situation(&self, id: &str) -> Option<&Situation> {
        self.situations.iter().find(|s| s.id == id)
    }
    pub fn document(&self, id: &str) -> Option<&DocumentKind> {
        self.documents.iter().find(|d| d.id == id)
    }
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }
}
