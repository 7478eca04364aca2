//! The repository's catalogs, for the unit tests.

use crate::source::{read_dir, SourceFile};

/// The folder of `catalog/<name>` and its files.
pub fn files(name: &str) -> (String, Vec<SourceFile>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog").join(name);
    let files = read_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
    (dir.display().to_string(), files)
}
