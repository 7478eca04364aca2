//! # lifenav-core
//!
//! The heart of the life-situation navigator (навигатор жизненных ситуаций): the
//! catalog model, the condition language, the minimal questionnaire and the plan
//! resolver. Pure, deterministic Rust with no web dependencies, shared by the widget
//! (in WebAssembly), the `lifenav` CLI and the feedback service.
//!
//! - [`model`]: what a catalog is (situations, questions, services and their variants,
//!   documents, departments).
//! - [`condition`]: the expression language of `when` conditions, three-valued.
//! - [`Engine`]: a compiled catalog; [`Engine::walk`] runs the questionnaire,
//!   [`Engine::plan`] resolves the chain of services.
//! - [`check`]: what `lifenav check` finds beyond a single field: variants that overlap
//!   or leave a gap for some profile, unused content; and questionnaire statistics.
//! - `source` (feature `source`): reading the editors' TOML files, with file and line
//!   in every message, from a folder or from files in memory (`check_files`); scenario
//!   files (`scenario`: reading, running, writing one from a plan).
//! - For the catalog studio (the editors' web app) and the city's server:
//!   `edit` (feature `source`: the files' items, one field at a time through
//!   `toml_edit` so that comments and layout survive, and the field schema the forms
//!   are built from), [`condition::problems`] and the condition builder's rows
//!   ([`condition::to_clauses`]), [`usage`] (where each item is used), [`freshness`]
//!   (facts to check again), [`impact`] (how a change alters the scenarios' plans) and
//!   `draft` (feature `source`: the studio's copy of the shared draft, unsaved changes
//!   and conflicts).
//! - For the widget: [`search`] (situations by Russian word forms and typos),
//!   [`journey`] (the saved journey and the shared profile), [`share`] (share links),
//!   [`ics`] (calendar export), [`present`] (the words plans are told in), [`outbox`]
//!   (feedback that waits for the network), [`notes`] (the day a figure is for, the
//!   years counted without transfers, the facts to ask the department about).
//! - [`coverage`]: how many services state each fact, from which kind of source.

pub mod check;
pub mod condition;
pub mod coverage;
pub mod date;
pub mod diagnostic;
#[cfg(feature = "source")]
pub mod draft;
#[cfg(feature = "source")]
pub mod edit;
pub mod engine;
pub mod freshness;
pub mod generate;
pub mod graph;
pub mod ics;
pub mod impact;
pub mod journey;
pub mod model;
pub mod money;
pub mod my_ratings;
pub mod notes;
pub mod outbox;
pub mod plan;
pub mod present;
pub mod questionnaire;
pub mod rating_form;
#[cfg(feature = "source")]
pub mod scenario;
pub mod search;
pub mod share;
#[cfg(feature = "source")]
pub mod source;
#[cfg(all(test, feature = "source"))]
mod testing;
#[cfg(test)]
mod testing_json;
pub mod text;
pub mod usage;
pub mod value;

pub use condition::Tri;
pub use date::{Date, ProductionCalendar};
pub use diagnostic::{Diagnostic, Path, Severity};
pub use engine::Engine;
pub use freshness::{ending_facts, stale_facts, EndingFact, StaleFact};
pub use impact::{compare_plans, PlanChange};
#[cfg(feature = "source")]
pub use impact::{impact, ScenarioImpact};
pub use model::{Catalog, ItemKind};
pub use plan::{Plan, Step};
pub use questionnaire::{Profile, Walk};
pub use text::{Lang, Text};
pub use usage::{usage, Usage};
pub use value::{Answers, Value};
