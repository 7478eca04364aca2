//! The repository's catalogs, for the unit tests.

use crate::source::{load_files, read_dir, SourceFile};
use crate::Engine;

/// The folder of `catalog/<name>` and its files.
pub fn files(name: &str) -> (String, Vec<SourceFile>) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog").join(name);
    let files = read_dir(&dir).unwrap_or_else(|d| panic!("{d}"));
    (dir.display().to_string(), files)
}

/// The file of `files` whose name ends with `tail`.
pub fn file<'a>(files: &'a [SourceFile], tail: &str) -> &'a SourceFile {
    files.iter().find(|f| f.name.replace('\\', "/").ends_with(tail)).unwrap_or_else(|| panic!("no file {tail}"))
}

/// `files` with the text of the file ending with `tail` replaced.
pub fn with_text(files: &[SourceFile], tail: &str, text: String) -> Vec<SourceFile> {
    let name = file(files, tail).name.clone();
    files
        .iter()
        .map(|f| if f.name == name { SourceFile { name: name.clone(), text: text.clone() } } else { f.clone() })
        .collect()
}

/// The engine of a set of files; panics with the errors when it does not build.
pub fn build(root: &str, files: Vec<SourceFile>) -> Engine {
    let loaded = load_files(root, files);
    let catalog = loaded.catalog.unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
    let (engine, diags) = Engine::build(catalog);
    engine.unwrap_or_else(|| panic!("{:?}", diags.iter().filter(|d| d.is_error()).collect::<Vec<_>>()))
}

/// The engine of `catalog/<name>`.
pub fn engine(name: &str) -> Engine {
    let (root, files) = files(name);
    build(&root, files)
}
