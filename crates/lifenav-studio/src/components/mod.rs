//! Pieces the screens share: the page frame, the form fields built from the core's field
//! schema, the condition builder, file diffs, the check's problems.

pub mod condition;
pub mod diff;
pub mod fields;
pub mod layout;
pub mod problem_list;
