//! File diffs between two versions of the catalog folder, as a reviewer reads them:
//! files added, removed and changed, each change as hunks of lines with their numbers.

use lifenav_core::source::SourceFile;
use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeMap;

#[derive(Debug, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Serialize)]
pub struct Line {
    /// ' ' unchanged, '-' removed, '+' added.
    pub tag: char,
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct FileDiff {
    pub path: String,
    pub status: FileStatus,
    pub added: usize,
    pub removed: usize,
    /// Groups of changed lines with three lines of context around them.
    pub hunks: Vec<Vec<Line>>,
}

/// Every file that differs, in path order.
pub fn diff(old: &[SourceFile], new: &[SourceFile]) -> Vec<FileDiff> {
    let old: BTreeMap<&str, &str> = old.iter().map(|f| (f.name.as_str(), f.text.as_str())).collect();
    let new: BTreeMap<&str, &str> = new.iter().map(|f| (f.name.as_str(), f.text.as_str())).collect();
    let mut paths: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    paths.sort_unstable();
    paths.dedup();
    paths
        .into_iter()
        .filter_map(|path| {
            let (a, b) = (old.get(path).copied(), new.get(path).copied());
            if a == b {
                return None;
            }
            let status = match (a, b) {
                (None, _) => FileStatus::Added,
                (_, None) => FileStatus::Removed,
                _ => FileStatus::Changed,
            };
            Some(file_diff(path, status, a.unwrap_or(""), b.unwrap_or("")))
        })
        .collect()
}

fn file_diff(path: &str, status: FileStatus, old: &str, new: &str) -> FileDiff {
    let text_diff = TextDiff::from_lines(old, new);
    let (mut added, mut removed) = (0, 0);
    let hunks = text_diff
        .grouped_ops(3)
        .iter()
        .map(|group| {
            group
                .iter()
                .flat_map(|op| text_diff.iter_changes(op))
                .map(|change| {
                    let tag = match change.tag() {
                        ChangeTag::Equal => ' ',
                        ChangeTag::Delete => {
                            removed += 1;
                            '-'
                        }
                        ChangeTag::Insert => {
                            added += 1;
                            '+'
                        }
                    };
                    Line {
                        tag,
                        old: change.old_index().map(|i| i + 1),
                        new: change.new_index().map(|i| i + 1),
                        text: change.value().trim_end_matches(['\n', '\r']).to_string(),
                    }
                })
                .collect()
        })
        .collect();
    FileDiff { path: path.to_string(), status, added, removed, hunks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.into(), text: text.into() }
    }

    #[test]
    fn a_changed_line_an_added_and_a_removed_file() {
        let old = [f("a.toml", "x = 1\ny = 2\nz = 3\n"), f("gone.toml", "q = 1\n")];
        let new = [f("a.toml", "x = 1\ny = 20\nz = 3\n"), f("new.toml", "n = 1\n")];
        let d = diff(&old, &new);
        assert_eq!(
            d.iter().map(|x| (x.path.as_str(), &x.status)).collect::<Vec<_>>(),
            [("a.toml", &FileStatus::Changed), ("gone.toml", &FileStatus::Removed), ("new.toml", &FileStatus::Added)]
        );
        let a = &d[0];
        assert_eq!((a.added, a.removed), (1, 1));
        let changed: Vec<(char, Option<usize>, Option<usize>, &str)> =
            a.hunks[0].iter().filter(|l| l.tag != ' ').map(|l| (l.tag, l.old, l.new, l.text.as_str())).collect();
        assert_eq!(changed, [('-', Some(2), None, "y = 2"), ('+', None, Some(2), "y = 20")]);
    }

    #[test]
    fn identical_folders_have_no_diff() {
        let files = [f("a.toml", "x = 1\n")];
        assert!(diff(&files, &files).is_empty());
    }
}
