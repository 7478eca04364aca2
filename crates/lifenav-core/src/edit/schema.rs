//! Every field of the catalog format, to build the studio's forms from. A test
//! compares these lists with the model's JSON Schema, so a field added to the model
//! without a form fails the build.

use super::ItemKind;
use serde::Serialize;

/// What a field holds, and so which input edits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "of", rename_all = "snake_case")]
pub enum FieldType {
    /// A citizen-facing text: Russian, optionally English.
    Text,
    TextList,
    Str,
    Url,
    /// `YYYY-MM-DD`.
    Date,
    Bool,
    Int,
    Float,
    /// A sum in roubles, typed the Russian way («1 500,50»: [`crate::money::parse`]) and
    /// written as a TOML number of roubles.
    Money,
    /// One of a fixed set of words (`level`, `kind`, `provider`).
    Choice(&'static [&'static str]),
    /// The id of another item.
    Ref(ItemKind),
    RefList(ItemKind),
    StrList,
    DateList,
    /// A `when` condition.
    Condition,
    Table,
    TableList,
    /// A TOML value edited as text (a scenario's answers).
    Raw,
}

/// One field of a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    pub key: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// The fields of a table, or of each entry of a list of tables.
    pub children: &'static [FieldSpec],
}

const fn field(key: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { key, ty, required: false, children: &[] }
}

const fn required(key: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec { key, ty, required: true, children: &[] }
}

const fn table(key: &'static str, ty: FieldType, required: bool, children: &'static [FieldSpec]) -> FieldSpec {
    FieldSpec { key, ty, required, children }
}

/// The fields of the items of `kind`.
pub fn schema(kind: ItemKind) -> &'static [FieldSpec] {
    match kind {
        ItemKind::Meta => META,
        ItemKind::Category => CATEGORY,
        ItemKind::Situation => SITUATION,
        ItemKind::Service => SERVICE,
        ItemKind::Question => QUESTION,
        ItemKind::Document => DOCUMENT,
        ItemKind::Department => DEPARTMENT,
        ItemKind::Scenario => SCENARIO,
    }
}

const ID: FieldSpec = required("id", FieldType::Str);
const TITLE: FieldSpec = required("title", FieldType::Text);
const NOTE: FieldSpec = field("note", FieldType::Text);
const SOURCE: FieldSpec = field("source", FieldType::Url);
const CHECKED: FieldSpec = field("checked", FieldType::Date);
const UNVERIFIED: FieldSpec = field("unverified", FieldType::Bool);
const BASIS: FieldSpec = field("basis", FieldType::Text);
const WHEN: FieldSpec = field("when", FieldType::Condition);
const FROM: FieldSpec = field("from", FieldType::Date);
const UNTIL: FieldSpec = field("until", FieldType::Date);

const CATEGORY: &[FieldSpec] = &[ID, TITLE];

const META: &[FieldSpec] = &[
    required("city", FieldType::Text),
    required("version", FieldType::Str),
    required("effective", FieldType::Date),
    field("languages", FieldType::StrList),
    table("categories", FieldType::TableList, false, CATEGORY),
    table("calendar", FieldType::TableList, false, CALENDAR_YEAR),
    field("holidays", FieldType::DateList),
    field("workdays", FieldType::DateList),
    field("primary_sources", FieldType::StrList),
    // A list of lists of words: edited as TOML text.
    field("synonyms", FieldType::Raw),
];

const CALENDAR_YEAR: &[FieldSpec] = &[
    required("year", FieldType::Int),
    field("holidays", FieldType::DateList),
    field("workdays", FieldType::DateList),
    BASIS,
    SOURCE,
    CHECKED,
];

const SITUATION: &[FieldSpec] = &[
    ID,
    TITLE,
    required("summary", FieldType::Text),
    required("category", FieldType::Ref(ItemKind::Category)),
    field("keywords", FieldType::StrList),
    field("rank", FieldType::Int),
    field("event", FieldType::Text),
    table(
        "services",
        FieldType::TableList,
        true,
        &[required("service", FieldType::Ref(ItemKind::Service)), WHEN, FROM, UNTIL],
    ),
    table(
        "next",
        FieldType::TableList,
        false,
        &[required("situation", FieldType::Ref(ItemKind::Situation)), WHEN, field("why", FieldType::Text)],
    ),
];

const LEVELS: &[&str] = &["municipal", "regional", "federal", "non_government"];
const PROVIDERS: &[&str] = &["applicant", "interagency"];
const CHANNELS: &[&str] = &["in_person", "one_window", "mfc", "portal", "post", "automatic"];

const LEGAL_REF: &[FieldSpec] = &[TITLE, SOURCE, CHECKED, UNVERIFIED];

// A dated value of a term or a deadline, as each of its `periods` is written.
const PERIOD_VALUE: &[FieldSpec] = &[
    field("days", FieldType::Int),
    field("working_days", FieldType::Int),
    field("months", FieldType::Int),
    BASIS,
    SOURCE,
    CHECKED,
    UNVERIFIED,
    NOTE,
    FROM,
    UNTIL,
];

const PERIOD: &[FieldSpec] = &[
    field("days", FieldType::Int),
    field("working_days", FieldType::Int),
    field("months", FieldType::Int),
    BASIS,
    SOURCE,
    CHECKED,
    UNVERIFIED,
    NOTE,
    FROM,
    UNTIL,
    table("periods", FieldType::TableList, false, PERIOD_VALUE),
];

const FEE_VALUE: &[FieldSpec] =
    &[required("amount", FieldType::Money), BASIS, SOURCE, CHECKED, UNVERIFIED, NOTE, FROM, UNTIL];

const FEE: &[FieldSpec] = &[
    required("amount", FieldType::Money),
    BASIS,
    SOURCE,
    CHECKED,
    UNVERIFIED,
    NOTE,
    FROM,
    UNTIL,
    table("periods", FieldType::TableList, false, FEE_VALUE),
];

const FACT_FIELDS: &[&str] = &["term", "deadline", "fee", "criteria", "refusal", "legal_basis", "channels"];

const UNKNOWN: FieldSpec = table(
    "unknown",
    FieldType::TableList,
    false,
    &[
        required("field", FieldType::Choice(FACT_FIELDS)),
        field("part", FieldType::Str),
        field("searched", FieldType::Str),
    ],
);

const SOURCES: FieldSpec = table(
    "sources",
    FieldType::TableList,
    false,
    &[required("field", FieldType::Choice(FACT_FIELDS)), required("source", FieldType::Url), CHECKED, UNVERIFIED],
);

const REQUIREMENT: &[FieldSpec] = &[
    required("doc", FieldType::Ref(ItemKind::Document)),
    field("provider", FieldType::Choice(PROVIDERS)),
    field("original", FieldType::Bool),
    field("copies", FieldType::Int),
    NOTE,
    WHEN,
    FROM,
    UNTIL,
];

const CHANNEL: &[FieldSpec] = &[
    required("kind", FieldType::Choice(CHANNELS)),
    field("office", FieldType::Ref(ItemKind::Department)),
    field("url", FieldType::Url),
    NOTE,
    table(
        "appear",
        FieldType::TableList,
        false,
        &[
            required("to", FieldType::Choice(PURPOSES)),
            field("office", FieldType::Ref(ItemKind::Department)),
            field("why", FieldType::Text),
        ],
    ),
];

const PURPOSES: &[&str] = &["apply", "act", "collect"];

// What a service says by default and a variant overrides.
const DOCUMENTS: FieldSpec = table("documents", FieldType::TableList, false, REQUIREMENT);
const TERM: FieldSpec = table("term", FieldType::Table, false, PERIOD);
const DEADLINE: FieldSpec = table("deadline", FieldType::Table, false, PERIOD);
const FEE_TABLE: FieldSpec = table("fee", FieldType::Table, false, FEE);
const CRITERIA: FieldSpec = field("criteria", FieldType::TextList);
const REFUSAL: FieldSpec = field("refusal", FieldType::TextList);
const CHANNELS_LIST: FieldSpec = table("channels", FieldType::TableList, false, CHANNEL);
const RESULTS: FieldSpec = field("results", FieldType::RefList(ItemKind::Document));

const VARIANT: &[FieldSpec] = &[
    field("id", FieldType::Str),
    field("title", FieldType::Text),
    WHEN,
    FROM,
    UNTIL,
    DOCUMENTS,
    TERM,
    DEADLINE,
    FEE_TABLE,
    CRITERIA,
    REFUSAL,
    CHANNELS_LIST,
    RESULTS,
    NOTE,
    UNKNOWN,
    SOURCES,
];

const SERVICE: &[FieldSpec] = &[
    ID,
    TITLE,
    field("summary", FieldType::Text),
    required("level", FieldType::Choice(LEVELS)),
    required("provider", FieldType::Ref(ItemKind::Department)),
    field("after", FieldType::RefList(ItemKind::Service)),
    table("legal_basis", FieldType::TableList, true, LEGAL_REF),
    DOCUMENTS,
    TERM,
    DEADLINE,
    FEE_TABLE,
    CRITERIA,
    REFUSAL,
    CHANNELS_LIST,
    RESULTS,
    NOTE,
    UNKNOWN,
    SOURCES,
    table("variants", FieldType::TableList, false, VARIANT),
];

const KINDS: &[&str] = &["yes_no", "single", "multiple", "number", "date"];

const QUESTION: &[FieldSpec] = &[
    ID,
    required("kind", FieldType::Choice(KINDS)),
    required("text", FieldType::Text),
    field("help", FieldType::Text),
    table("options", FieldType::TableList, false, &[ID, required("text", FieldType::Text)]),
    field("min", FieldType::Float),
    field("max", FieldType::Float),
    field("unit", FieldType::Text),
    WHEN,
];

const DOCUMENT: &[FieldSpec] = &[ID, TITLE, field("help", FieldType::Text)];

const DEPARTMENT: &[FieldSpec] = &[
    ID,
    required("name", FieldType::Text),
    field("short", FieldType::Text),
    field("address", FieldType::Text),
    field("hours", FieldType::Text),
    field("phone", FieldType::Str),
    field("site", FieldType::Url),
    SOURCE,
    CHECKED,
    field("unknown", FieldType::StrList),
];

const EXPECT: &[FieldSpec] = &[
    field("services", FieldType::RefList(ItemKind::Service)),
    field("variants", FieldType::Raw),
    field("bring", FieldType::RefList(ItemKind::Document)),
    field("obtained", FieldType::RefList(ItemKind::Document)),
    field("received", FieldType::Raw),
    field("questions", FieldType::Int),
    field("asked", FieldType::RefList(ItemKind::Question)),
    field("visits", FieldType::Int),
    field("total_fee", FieldType::Money),
    field("deadlines", FieldType::Raw),
    field("starts", FieldType::Raw),
    field("next", FieldType::RefList(ItemKind::Situation)),
];

const SCENARIO: &[FieldSpec] = &[
    required("name", FieldType::Str),
    required("situation", FieldType::Ref(ItemKind::Situation)),
    field("answers", FieldType::Raw),
    field("event_date", FieldType::Date),
    field("today", FieldType::Date),
    table("expect", FieldType::Table, true, EXPECT),
];
