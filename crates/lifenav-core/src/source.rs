//! Reading a catalog as editors write it: a folder of TOML files.
//!
//! ```text
//! catalog.toml          city, version, effective date, categories, calendar transfers
//! questions.toml        [[question]] …
//! documents.toml        [[document]] …
//! departments.toml      [[department]] …
//! situations/*.toml     one life situation per file
//! services/**/*.toml    one service per file
//! scenarios/*.toml      scenario tests (read by `lifenav test`)
//! ```
//!
//! Every message names the file and line, and a path such as
//! `services.birth-registration.variants[1].documents[2]`.

use crate::diagnostic::{Diagnostic, Path, Seg};
use crate::model::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::HashMap;

/// One source file: its name as shown in messages, and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

/// Where each part of the catalog was written, to point messages at file and line.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    entities: HashMap<(String, String), (usize, Vec<Seg>)>,
    meta: Option<usize>,
}

/// A loaded catalog (when it could be read) with its source map and the problems met.
#[derive(Debug)]
pub struct Loaded {
    pub catalog: Option<Catalog>,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

impl SourceMap {
    /// Fills in file and line of a diagnostic from its path, where it can.
    pub fn locate(&self, d: &mut Diagnostic) {
        self.locate_all(std::slice::from_mut(d));
    }

    /// [`locate`](Self::locate) for many diagnostics, reading each file once: a
    /// catalog with a few hundred warnings took longer to locate them than to check.
    pub fn locate_all(&self, diags: &mut [Diagnostic]) {
        let mut docs: HashMap<usize, Option<toml_edit::Document<&str>>> = HashMap::new();
        for d in diags.iter_mut().filter(|d| d.file.is_none()) {
            let Some((file, toml_path)) = self.toml_path(&d.path.0) else { continue };
            let f = &self.files[file];
            d.file = Some(f.name.clone());
            let doc = docs.entry(file).or_insert_with(|| toml_edit::Document::parse(f.text.as_str()).ok());
            if let Some(doc) = doc {
                let offset = locate_offset(doc.as_item(), &toml_path);
                d.line = Some(offset.map_or(1, |o| line_of(&f.text, o)));
            }
        }
    }

    /// The file a catalog path is written in, and the path inside that file.
    fn toml_path(&self, segs: &[Seg]) -> Option<(usize, Vec<Seg>)> {
        let (file, mut toml_path) = match segs {
            [Seg::Key(kind), Seg::Key(id), ..] if kind != "meta" => {
                let (f, prefix) = self.entities.get(&(kind.clone(), id.clone()))?;
                (*f, prefix.clone())
            }
            [Seg::Key(kind), ..] if kind == "meta" => (self.meta?, Vec::new()),
            _ => return None,
        };
        let skip = if matches!(segs.first(), Some(Seg::Key(k)) if k == "meta") { 1 } else { 2 };
        toml_path.extend(segs.iter().skip(skip).cloned());
        Some((file, toml_path))
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

/// The byte offset of the deepest part of `path` that exists in the document.
fn locate_offset(root: &toml_edit::Item, path: &[Seg]) -> Option<usize> {
    let mut item = root;
    let mut best = None;
    for seg in path {
        let (next, key_span) = match seg {
            Seg::Key(k) => {
                let key_span = match item {
                    toml_edit::Item::Table(t) => t.key(k).and_then(|key| key.span()),
                    toml_edit::Item::Value(toml_edit::Value::InlineTable(t)) => t.key(k).and_then(|key| key.span()),
                    _ => None,
                };
                (item.get(k.as_str()), key_span)
            }
            Seg::Index(i) => (item.get(*i), None),
        };
        let Some(next) = next else { break };
        item = next;
        best = key_span.or_else(|| item_span(item)).map(|r| r.start).or(best);
    }
    best
}

fn item_span(item: &toml_edit::Item) -> Option<std::ops::Range<usize>> {
    match item {
        toml_edit::Item::Table(t) => t.span(),
        toml_edit::Item::Value(v) => v.span(),
        toml_edit::Item::ArrayOfTables(a) => a.span(),
        toml_edit::Item::None => None,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsFile {
    #[serde(default)]
    question: Vec<Question>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    #[serde(default)]
    document: Vec<DocumentKind>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DepartmentsFile {
    #[serde(default)]
    department: Vec<Department>,
}

fn parse_toml<T: DeserializeOwned>(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    match toml::from_str::<T>(&file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut message = e.message().trim().to_string();
            let mut line = e.span().map(|s| line_of(&file.text, s.start));
            let mut misplaced = None;
            // Inside flattened tables the TOML reader loses the position; find the key
            // ourselves, and explain the usual cause: a key written under the wrong [table].
            if let Some(key) =
                message.strip_prefix("unknown field `").and_then(|r| r.split('`').next()).map(str::to_string)
            {
                if let Some((n, _)) = file.text.lines().enumerate().find(|(_, l)| {
                    let l = l.trim_start();
                    l.starts_with(&key) && l[key.len()..].trim_start().starts_with('=')
                }) {
                    line = Some(n + 1);
                    if BODY_KEYS.contains(&key.as_str()) || SERVICE_KEYS.contains(&key.as_str()) {
                        misplaced = Some(key);
                    }
                }
            }
            let mut ru = toml_message_ru(&message);
            if let Some(key) = misplaced {
                message.push_str(&format!(
                    ". In TOML every `key = value` after a [table] header belongs to that table: \
                     move `{key}` above the first [section] of the file, or under the right one"
                ));
                ru.push_str(&format!(
                    ". В TOML всё, что написано после заголовка раздела [раздел], относится к этому разделу: \
                     перенесите `{key}` выше первого раздела файла или в нужный раздел"
                ));
            }
            diags.push(Diagnostic {
                file: Some(file.name.clone()),
                line,
                ..Diagnostic::error(Path::default(), ru, message)
            });
            None
        }
    }
}

/// The TOML reader's message (English) in Russian, for the usual kinds of mistakes;
/// anything else keeps the reader's text after «ошибка в записи TOML:».
pub fn toml_message_ru(en: &str) -> String {
    let first = en.lines().next().unwrap_or("").trim();
    let quoted = |s: &str| s.split('`').nth(1).map(str::to_string);
    let expected = |s: &str| {
        s.split_once("expected ").map(|(_, e)| e.trim().trim_end_matches('.').to_string()).unwrap_or_default()
    };
    if let Some(rest) = first.strip_prefix("missing field ") {
        return format!("не заполнено обязательное поле {rest}");
    }
    if let Some(rest) = first.strip_prefix("unknown field ") {
        let key = quoted(rest).unwrap_or_default();
        return if rest.contains("there are no fields") {
            format!("лишнее поле `{key}`: здесь полей не бывает")
        } else {
            format!("неизвестное поле `{key}`: здесь бывают {}", expected(rest).replace("one of ", ""))
        };
    }
    if let Some(rest) = first.strip_prefix("unknown variant ") {
        let value = quoted(rest).unwrap_or_default();
        return format!("недопустимое значение `{value}`: можно {}", expected(rest).replace("one of ", ""));
    }
    if let Some(rest) = first.strip_prefix("invalid type: ") {
        let (found, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("не тот вид значения: записано {}, а нужно {}", kind_ru(found), kind_ru(want));
    }
    if let Some(rest) = first.strip_prefix("invalid value: ") {
        let (found, want) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("недопустимое значение {found}: нужно {want}");
    }
    if first.starts_with("duplicate key") {
        let key = quoted(first).unwrap_or_default();
        return format!("поле `{key}` записано дважды: оставьте одно");
    }
    if first.contains("invalid date") || first.contains("invalid datetime") || first.contains("invalid time") {
        return "неверная дата: пишите ГГГГ-ММ-ДД, например 2026-01-31".to_string();
    }
    if en.contains("expected newline") || first.contains("expected newline") {
        return "после значения ожидался конец строки: одно поле — одна строка".to_string();
    }
    if first.contains("string values must be quoted")
        || first.contains("expected value")
        || en.contains("invalid string")
    {
        return "ожидалось значение: текст пишется в кавычках \"…\", числа и даты — без них".to_string();
    }
    format!("ошибка в записи TOML: {}", en.trim())
}

/// `string "x"`, `a boolean`, … in Russian.
fn kind_ru(en: &str) -> String {
    let en = en.trim();
    for (prefix, ru) in [
        ("string", "текст"),
        ("a string", "текст"),
        ("integer", "целое число"),
        ("an integer", "целое число"),
        ("i64", "целое число"),
        ("u32", "целое число"),
        ("u64", "целое число"),
        ("usize", "целое число"),
        ("float", "дробное число"),
        ("f64", "число"),
        ("a float", "дробное число"),
        ("boolean", "да/нет (true или false)"),
        ("a boolean", "да/нет (true или false)"),
        ("sequence", "список [ … ]"),
        ("a sequence", "список [ … ]"),
        ("map", "таблица { … }"),
        ("a map", "таблица { … }"),
    ] {
        if let Some(rest) = en.strip_prefix(prefix) {
            if rest.is_empty() || rest.starts_with(' ') {
                return format!("{ru}{rest}");
            }
        }
    }
    en.to_string()
}

const BODY_KEYS: [&str; 9] =
    ["documents", "term", "deadline", "fee", "criteria", "refusal", "channels", "results", "note"];
const SERVICE_KEYS: [&str; 8] = ["id", "title", "summary", "level", "provider", "legal_basis", "after", "variants"];

/// Reads every `.toml` file under `dir`, sorted by path so that the result is the same on every machine.
pub fn read_dir(dir: &std::path::Path) -> Result<Vec<SourceFile>, Diagnostic> {
    fn walk(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<SourceFile>) -> Result<(), Diagnostic> {
        let io = |e: std::io::Error, p: &std::path::Path| Diagnostic {
            file: Some(p.display().to_string()),
            ..Diagnostic::error(Path::default(), format!("не удаётся прочитать: {e}"), format!("cannot read: {e}"))
        };
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).map_err(|e| io(e, dir))?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if path.extension().is_some_and(|x| x == "toml") {
                let text = std::fs::read_to_string(&path).map_err(|e| io(e, &path))?;
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let name = root.join(rel).display().to_string();
                out.push(SourceFile { name, text });
            }
        }
        Ok(())
    }
    if !dir.is_dir() {
        return Err(Diagnostic {
            file: Some(dir.display().to_string()),
            ..Diagnostic::error(
                Path::default(),
                "нет такой папки каталога (в ней должен быть catalog.toml)",
                "no such catalog folder (it should hold catalog.toml)",
            )
        });
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    Ok(out)
}

/// What a file holds, from its path inside the catalog folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Meta,
    Questions,
    Documents,
    Departments,
    Situation,
    Service,
    Scenario,
    Other,
}

/// The name of a file relative to the catalog folder `root`, with `/` separators.
/// `root` may be empty (the studio and the server keep names like `services/x.toml`).
pub fn relative(root: &str, name: &str) -> String {
    let name = name.replace('\\', "/");
    let root = root.replace('\\', "/");
    let root = root.trim_end_matches('/');
    let rel = match name.strip_prefix(root) {
        // Only at a folder boundary: `catalog/ex` is not the folder of `catalog/example/…`.
        Some(rest) if !root.is_empty() && root != "." && rest.starts_with('/') => rest,
        _ => name.as_str(),
    };
    let mut rel = rel.trim_start_matches('/');
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest.trim_start_matches('/');
    }
    rel.to_string()
}

/// The role of a file, from its path relative to the catalog folder.
pub fn role(root: &str, name: &str) -> Role {
    let rel = relative(root, name);
    match rel.as_str() {
        "catalog.toml" => Role::Meta,
        "questions.toml" => Role::Questions,
        "documents.toml" => Role::Documents,
        "departments.toml" => Role::Departments,
        // Large catalogs split the shared lists by theme: questions/family.toml, …
        r if r.starts_with("questions/") => Role::Questions,
        r if r.starts_with("documents/") => Role::Documents,
        r if r.starts_with("departments/") => Role::Departments,
        r if r.starts_with("situations/") => Role::Situation,
        r if r.starts_with("services/") => Role::Service,
        r if r.starts_with("scenarios/") => Role::Scenario,
        _ => Role::Other,
    }
}

/// The catalog folder of a set of files: where their `catalog.toml` is, or `""` when
/// none is among them (the names are then taken as relative to the folder).
pub fn root_of(files: &[SourceFile]) -> String {
    files
        .iter()
        .map(|f| f.name.replace('\\', "/"))
        .filter(|n| n == "catalog.toml" || n.ends_with("/catalog.toml"))
        .min_by_key(|n| n.len())
        .map(|n| n[..n.len() - "catalog.toml".len()].trim_end_matches('/').to_string())
        .unwrap_or_default()
}

/// Builds the catalog from source files; `root` is the folder name their names start with.
pub fn load_files(root: &str, mut files: Vec<SourceFile>) -> Loaded {
    // The order of the files decides the order of the shared lists, and so which question
    // wins a tie: it must not depend on who listed them (a folder walk, a database, a zip).
    sort_canonically(&mut files);
    let mut diags = Vec::new();
    let mut sources = SourceMap::default();
    let mut meta: Option<Meta> = None;
    let mut questions = Vec::new();
    let mut documents = Vec::new();
    let mut departments = Vec::new();
    let mut situations = Vec::new();
    let mut services = Vec::new();
    let mut failed = false;
    for (fi, file) in files.iter().enumerate() {
        let register = |kind: &str, id: &str, prefix: Vec<Seg>, sources: &mut SourceMap| {
            sources.entities.entry((kind.to_string(), id.to_string())).or_insert((fi, prefix));
        };
        match role(root, &file.name) {
            Role::Meta => {
                sources.meta = Some(fi);
                match parse_toml::<Meta>(file, &mut diags) {
                    Some(m) => {
                        for (i, c) in m.categories.iter().enumerate() {
                            register("meta.categories", &c.id, vec![Seg::Key("categories".into()), Seg::Index(i)], &mut sources);
                        }
                        meta = Some(m)
                    }
                    None => failed = true,
                }
            }
            Role::Questions => match parse_toml::<QuestionsFile>(file, &mut diags) {
                Some(f) => {
                    for (i, q) in f.question.iter().enumerate() {
                        register("questions", &q.id, vec![Seg::Key("question".into()), Seg::Index(i)], &mut sources);
                    }
                    questions.extend(f.question);
                }
                None => failed = true,
            },
            Role::Documents => match parse_toml::<DocumentsFile>(file, &mut diags) {
                Some(f) => {
                    for (i, d) in f.document.iter().enumerate() {
                        register("documents", &d.id, vec![Seg::Key("document".into()), Seg::Index(i)], &mut sources);
                    }
                    documents.extend(f.document);
                }
                None => failed = true,
            },
            Role::Departments => match parse_toml::<DepartmentsFile>(file, &mut diags) {
                Some(f) => {
                    for (i, d) in f.department.iter().enumerate() {
                        register("departments", &d.id, vec![Seg::Key("department".into()), Seg::Index(i)], &mut sources);
                    }
                    departments.extend(f.department);
                }
                None => failed = true,
            },
            Role::Situation => match parse_toml::<Situation>(file, &mut diags) {
                Some(s) => {
                    register("situations", &s.id, Vec::new(), &mut sources);
                    situations.push(s);
                }
                None => failed = true,
            },
            Role::Service => match parse_toml::<Service>(file, &mut diags) {
                Some(s) => {
                    register("services", &s.id, Vec::new(), &mut sources);
                    services.push(s);
                }
                None => failed = true,
            },
            Role::Scenario => {}
            Role::Other => diags.push(Diagnostic {
                file: Some(file.name.clone()),
                ..Diagnostic::warning(
                    Path::default(),
                    "этот файл не входит в каталог (ожидаются catalog.toml, questions.toml или questions/, documents.toml или documents/, departments.toml или departments/, situations/, services/ или scenarios/)",
                    "this file is not part of the catalog (expected catalog.toml, questions.toml or questions/, documents.toml or documents/, departments.toml or departments/, situations/, services/ or scenarios/)",
                )
            }),
        }
    }
    sources.files = files;
    if meta.is_none() && !failed {
        diags.push(Diagnostic {
            file: Some(match root.trim_end_matches(['/', '\\']) {
                "" => "catalog.toml".to_string(),
                dir => format!("{dir}/catalog.toml"),
            }),
            ..Diagnostic::error(
                Path::default(),
                "в каталоге нет catalog.toml (город, версия, дата вступления в силу)",
                "the catalog has no catalog.toml (city, version, effective date)",
            )
        });
    }
    let catalog = match (meta, failed) {
        (Some(meta), false) => {
            Some(Catalog { format: BUNDLE_FORMAT, meta, departments, questions, documents, situations, services })
        }
        _ => None,
    };
    Loaded { catalog, sources, diagnostics: diags }
}

/// Files in the order a folder walk gives them: by path, folder by folder
/// (`questions/family.toml` before `questions.toml`, as `read_dir` recurses).
pub fn sort_canonically(files: &mut [SourceFile]) {
    files.sort_by(|a, b| a.name.replace('\\', "/").split('/').cmp(b.name.replace('\\', "/").split('/')));
}

/// Reads a catalog folder.
pub fn load_dir(dir: &std::path::Path) -> Loaded {
    match read_dir(dir) {
        Ok(files) => load_files(&dir.display().to_string(), files),
        Err(d) => Loaded { catalog: None, sources: SourceMap::default(), diagnostics: vec![d] },
    }
}

/// Everything `lifenav check` says about a catalog folder, each message located.
pub struct CheckReport {
    pub engine: Option<crate::Engine>,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Vec<crate::check::QuestionStats>,
}

/// Loads, compiles and checks a catalog folder.
pub fn check_dir(dir: &std::path::Path) -> CheckReport {
    check_dir_on(dir, None)
}

/// [`check_dir`] as of a day (see [`check_files_on`]).
pub fn check_dir_on(dir: &std::path::Path, today: Option<crate::Date>) -> CheckReport {
    check_dir_within(dir, today, crate::check::ENDING_WARN_DAYS)
}

/// [`check_dir_on`], warning of dated values that end within `warn_days`.
pub fn check_dir_within(dir: &std::path::Path, today: Option<crate::Date>, warn_days: u32) -> CheckReport {
    match read_dir(dir) {
        Ok(files) => check_files_within(&dir.display().to_string(), files, today, warn_days),
        Err(d) => CheckReport { engine: None, diagnostics: vec![d], stats: Vec::new() },
    }
}

/// Loads, compiles and checks a catalog held in memory (the studio and the server
/// have no folder): the same messages as `lifenav check`, each located.
pub fn check_files(root: &str, files: Vec<SourceFile>) -> CheckReport {
    check_files_on(root, files, None)
}

/// [`check_files`] as of `today`: facts that end within 60 days and the calendar's
/// years are judged from that day (without one, from the day the catalog comes into force).
pub fn check_files_on(root: &str, files: Vec<SourceFile>, today: Option<crate::Date>) -> CheckReport {
    check_files_within(root, files, today, crate::check::ENDING_WARN_DAYS)
}

/// [`check_files_on`], warning of dated values that end within `warn_days`.
pub fn check_files_within(
    root: &str,
    files: Vec<SourceFile>,
    today: Option<crate::Date>,
    warn_days: u32,
) -> CheckReport {
    let loaded = load_files(root, files);
    let mut diagnostics = loaded.diagnostics;
    let mut engine = None;
    let mut stats = Vec::new();
    if let Some(catalog) = loaded.catalog {
        let (built, mut more) = crate::Engine::build(catalog);
        if let Some(e) = &built {
            let (extra, s) = crate::check::check_within(e, today.unwrap_or(e.catalog.meta.effective), warn_days);
            more.extend(extra);
            stats = s;
        }
        loaded.sources.locate_all(&mut more);
        diagnostics.extend(more);
        engine = built;
    }
    diagnostics.sort_by(|a, b| (a.severity, &a.file, a.line).cmp(&(b.severity, &b.file, b.line)));
    CheckReport { engine, diagnostics, stats }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;
    use crate::Lang;

    /// Guards the defect where files listed by a database (sorted as strings:
    /// `questions.toml` before `questions/life.toml`) loaded the questions in another
    /// order than a folder walk, so a scenario's asked order passed in `lifenav test` and
    /// failed in the studio and on the server.
    #[test]
    fn the_catalog_does_not_depend_on_the_order_files_are_listed_in() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/irkutsk");
        let walked = read_dir(&dir).unwrap();
        let mut listed = walked.clone();
        listed.sort_by(|a, b| a.name.cmp(&b.name));
        listed.reverse();
        let root = dir.display().to_string();
        let a = load_files(&root, walked).catalog.unwrap();
        let b = load_files(&root, listed).catalog.unwrap();
        assert_eq!(
            a.questions.iter().map(|q| &q.id).collect::<Vec<_>>(),
            b.questions.iter().map(|q| &q.id).collect::<Vec<_>>()
        );
        assert_eq!(a, b);
    }

    #[test]
    fn names_are_relative_to_the_catalog_folder_at_a_folder_boundary() {
        assert_eq!(relative("catalog/example", "catalog/example/services/x.toml"), "services/x.toml");
        assert_eq!(relative("catalog/example/", "catalog/example/services/x.toml"), "services/x.toml");
        assert_eq!(relative("", "services/x.toml"), "services/x.toml");
        assert_eq!(relative(".", "./services/x.toml"), "services/x.toml");
        assert_eq!(relative("c:\\cat", "c:\\cat\\services\\x.toml"), "services/x.toml");
        assert_eq!(relative("catalog/ex", "catalog/example/services/x.toml"), "catalog/example/services/x.toml");
        assert_eq!(role("", "services/a/b.toml"), Role::Service);
        assert_eq!(role("", "scenarios/birth.toml"), Role::Scenario);
        assert_eq!(role("cat", "cat/questions/family.toml"), Role::Questions);
        assert_eq!(role("", "cat/catalog.toml"), Role::Other);
        assert_eq!(role("cat", "cat/catalog.toml"), Role::Meta);
    }

    #[test]
    fn the_catalog_folder_is_where_catalog_toml_is() {
        let f = |name: &str| SourceFile { name: name.into(), text: String::new() };
        assert_eq!(root_of(&[f("a/services/catalog.toml"), f("a/catalog.toml"), f("a/situations/x.toml")]), "a");
        assert_eq!(root_of(&[f("catalog.toml"), f("services/x.toml")]), "");
        assert_eq!(root_of(&[f("services/x.toml")]), "");
        assert_eq!(root_of(&[f("c:\\cat\\catalog.toml")]), "c:/cat");
    }

    /// The Irkutsk catalog, relative names, with two warnings: an unused document and
    /// a legal basis with no `checked` date.
    fn irkutsk_with_warnings() -> Vec<SourceFile> {
        let (root, files) = testing::files("irkutsk");
        files
            .into_iter()
            .map(|f| {
                let name = relative(&root, &f.name);
                let text = match name.as_str() {
                    "documents.toml" => format!("{}\n[[document]]\nid = \"unused\"\ntitle = \"Никому\"\n", f.text),
                    "services/child-snils.toml" => f.text.replacen("checked = ", "# checked = ", 1),
                    _ => f.text,
                };
                SourceFile { name, text }
            })
            .collect()
    }

    fn files_named<'a>(files: &'a [SourceFile], name: &str) -> &'a SourceFile {
        files.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn files_in_memory_are_checked_exactly_like_the_folder() {
        let files = irkutsk_with_warnings();
        let dir = std::env::temp_dir().join(format!("lifenav-check-files-{}", std::process::id()));
        for f in &files {
            let path = dir.join(&f.name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, &f.text).unwrap();
        }
        let from_dir = check_dir(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        let memory = check_files("", files.clone());
        let prefix = format!("{}/", dir.display());
        let shown = |r: &CheckReport, strip: &str| -> Vec<String> {
            r.diagnostics.iter().map(|d| d.display(Lang::En).to_string().replacen(strip, "", 1)).collect()
        };
        let messages = shown(&memory, "");
        let line_of = |name: &str, needle: &str| {
            let f = files_named(&files, name);
            f.text.lines().position(|l| l.starts_with(needle)).map_or(0, |i| i + 1)
        };
        assert_eq!(
            messages,
            [
                format!(
                    "catalog.toml:{}: warning: meta.calendar: the calendar covers years up to 2026, but today (2026-11-01) \
                     plus the longest term (186 days at most, services.birth-lump-sum.deadline) reaches 2027-05-06: \
                     add the Government's decree on the transfer of days off for 2027 when it is published",
                    line_of("catalog.toml", "[[calendar]]")
                ),
                format!(
                    "documents.toml:{}: warning: documents.unused: no service needs or issues this document",
                    line_of("documents.toml", "id = \"unused\"") - 1
                ),
                format!(
                    "services/child-snils.toml:{}: warning: services.child-snils.legal_basis[1]: the legal basis has no `checked` date",
                    line_of("services/child-snils.toml", "[[legal_basis]]")
                ),
            ]
        );
        assert_eq!(shown(&from_dir, &prefix), messages);
        assert_eq!(from_dir.stats, memory.stats);
        assert!(memory.engine.is_some());
    }

    #[test]
    fn a_wrong_next_situation_is_reported_at_its_file_and_line() {
        let (root, files) = crate::testing::files("example");
        let birth = crate::testing::file(&files, "situations/birth.toml");
        let text = birth.text.replace("situation = \"moving\"", "situation = \"movin\"");
        assert_ne!(text, birth.text);
        let line = text.lines().position(|l| l == "situation = \"movin\"").unwrap() + 1;
        let report = check_files(&root, crate::testing::with_text(&files, "situations/birth.toml", text));
        let found: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path.to_string(), "situations.birth.next[1].situation");
        assert_eq!(found[0].message, "нет такой ситуации `movin` (может быть, `moving`?)");
        assert_eq!(found[0].message_en, "unknown situation `movin` (did you mean `moving`?)");
        assert!(found[0].file.as_deref().is_some_and(|f| f.ends_with("situations/birth.toml")), "{:?}", found[0].file);
        assert_eq!(found[0].line, Some(line));
    }

    #[test]
    fn a_catalog_without_catalog_toml_says_so_with_a_relative_name() {
        let files = vec![SourceFile { name: "questions.toml".into(), text: String::new() }];
        let report = check_files("", files.clone());
        let missing = report.diagnostics.iter().find(|d| d.message.contains("нет catalog.toml")).unwrap();
        assert!(missing.message_en.contains("no catalog.toml"), "{missing:?}");
        assert_eq!(missing.file.as_deref(), Some("catalog.toml"));
        let report = check_files("cat/", files);
        assert!(report.diagnostics.iter().any(|d| d.file.as_deref() == Some("cat/catalog.toml")));
    }
}
