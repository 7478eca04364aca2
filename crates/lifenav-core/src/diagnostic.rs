//! Errors and warnings about a catalog, each with the place it points at:
//! `services.birth-registration.variants[1].documents[2]`, and, once the source
//! files are known, the file and line.

use crate::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One step of a path into the catalog. In JSON a key is a string and an index a
/// number, so a path reads `["services", "snils", "variants", 0]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Seg {
    Key(String),
    /// 0-based; shown 1-based, as an editor counts `[[variants]]` blocks.
    Index(usize),
}

/// A path into the catalog, such as `services.birth-registration.variants[1]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root(key: &str) -> Path {
        Path(vec![Seg::Key(key.to_string())])
    }
    pub fn key(&self, key: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(key.to_string()));
        p
    }
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{}]", n + 1)?,
            }
        }
        Ok(())
    }
}

/// A problem found in a catalog.
///
/// Its text is kept in both languages of the catalog's staff: `message` is the
/// Russian text (what the studio and the server show), `message_en` the English one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: Path,
    /// The Russian text, the default.
    pub message: String,
    /// The English text.
    pub message_en: String,
    pub file: Option<String>,
    pub line: Option<usize>,
}

impl Diagnostic {
    /// An error, its text in Russian and in English.
    pub fn error(path: Path, ru: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path,
            message: ru.into(),
            message_en: en.into(),
            file: None,
            line: None,
        }
    }
    /// A warning, its text in Russian and in English.
    pub fn warning(path: Path, ru: impl Into<String>, en: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, ru, en) }
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// The text in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ru => &self.message,
            Lang::En => &self.message_en,
        }
    }
    /// The whole line (file, line, severity, path, text) in `lang`; `Display` is Russian.
    pub fn display(&self, lang: Lang) -> Shown<'_> {
        Shown { diagnostic: self, lang }
    }
}

/// A diagnostic printed in one language: `d.display(Lang::En).to_string()`.
pub struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    lang: Lang,
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        match (&d.file, d.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: ")?,
            (Some(file), None) => write!(f, "{file}: ")?,
            _ => {}
        }
        f.write_str(match (d.severity, self.lang) {
            (Severity::Error, Lang::Ru) => "ошибка",
            (Severity::Warning, Lang::Ru) => "предупреждение",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        })?;
        if !d.path.is_empty() {
            write!(f, ": {}", d.path)?;
        }
        write!(f, ": {}", d.message(self.lang))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display(Lang::Ru).fmt(f)
    }
}

/// Edit distance counting a swap of two neighbouring letters as one edit (optimal
/// string alignment), for "did you mean" hints: "birht" is one edit from "birth".
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The known name closest to `wrong`, if it is close enough to be a typo.
pub fn closest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> Option<String> {
    let limit = (wrong.chars().count() / 3).max(1);
    known
        .map(|k| (edit_distance(wrong, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_string())
}

/// `(did you mean "x"?)` or nothing.
pub fn hint<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> String {
    closest(wrong, known).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default()
}

/// The same hint in Russian: ` (может быть, `x`?)` or nothing.
pub fn hint_ru<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> String {
    closest(wrong, known).map(|k| format!(" (может быть, `{k}`?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_like_the_issue_says() {
        let p = Path::root("services").key("birth-registration").key("variants").index(0).key("documents").index(1);
        assert_eq!(p.to_string(), "services.birth-registration.variants[1].documents[2]");
    }

    #[test]
    fn a_diagnostic_prints_in_both_languages() {
        let d = Diagnostic {
            file: Some("services/fee.toml".into()),
            line: Some(7),
            ..Diagnostic::error(
                Path::root("services").key("fee").key("fee"),
                "у пошлины нет правового основания (`basis`): для госпошлины — статья Налогового кодекса",
                "a fee needs its legal `basis` (for a state fee, the Tax Code article)",
            )
        };
        assert_eq!(
            d.to_string(),
            "services/fee.toml:7: ошибка: services.fee.fee: у пошлины нет правового основания (`basis`): для госпошлины — статья Налогового кодекса"
        );
        assert_eq!(d.display(Lang::Ru).to_string(), d.to_string());
        assert_eq!(
            d.display(Lang::En).to_string(),
            "services/fee.toml:7: error: services.fee.fee: a fee needs its legal `basis` (for a state fee, the Tax Code article)"
        );
        assert_eq!(d.message(Lang::En), d.message_en);
        let w = Diagnostic::warning(Path::default(), "предупреждение", "a warning");
        assert_eq!(w.to_string(), "предупреждение: предупреждение");
        assert_eq!(w.display(Lang::En).to_string(), "warning: a warning");
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("pasport", ["passport", "snils"].into_iter()), Some("passport".into()));
        assert_eq!(closest("zzz", ["passport"].into_iter()), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("birht", "birth"), 1);
        assert_eq!(closest("birht", ["birth", "death"].into_iter()), Some("birth".into()));
    }
}
