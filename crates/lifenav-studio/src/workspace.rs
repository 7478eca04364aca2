//! The shared draft as this browser has it: loaded once after sign-in, edited in memory
//! (`lifenav_core::draft::Draft`), saved file by file against the hash it was read with,
//! kept in the browser while unsaved, and checked in full a moment after every change
//! with the same core functions as `lifenav check` and `lifenav test`.

use crate::api;
use crate::i18n::T;
use crate::session::{use_session, Session};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use lifenav_core::diagnostic::Diagnostic;
use lifenav_core::draft::{Draft, Met, Theirs, Unsaved};
use lifenav_core::edit::merge::Pick;
use lifenav_core::edit::Item;
use lifenav_core::source::SourceFile;
use lifenav_core::{Catalog, Engine};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Unsaved changes survive a reload and a sign-out here, kept per login: on an
/// office's shared computer one editor's changes never come back to another.
const UNSAVED_KEY: &str = "lifenav.studio.unsaved";

fn unsaved_key(login: &str) -> String {
    format!("{UNSAVED_KEY}.{login}")
}
/// The check runs when the editor pauses this long.
const CHECK_DELAY_MS: u32 = 300;

/// What the last check found, and what it was run on.
#[derive(Debug)]
pub struct Checked {
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
    /// Failing scenarios: (name, file, failures).
    pub scenarios: Vec<(String, String, Vec<String>)>,
    pub scenarios_run: usize,
    pub items: Vec<Item>,
    /// The draft compiled, when it has no errors (the preview runs on it).
    pub engine: Option<Arc<Engine>>,
    /// How long the check took in this browser, in milliseconds.
    pub ms: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub draft: RwSignal<Draft>,
    /// The version in force, and its files' hashes (to tell which draft files differ).
    pub published: RwSignal<i64>,
    pub published_files: RwSignal<BTreeMap<String, String>>,
    pub loaded: RwSignal<bool>,
    pub load_error: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<Notice>>,
    /// Bumped at every change of the draft: the check follows it.
    pub revision: RwSignal<u64>,
    pub checked: RwSignal<Option<Arc<Checked>>>,
    /// The last catalog that could be read, for the condition builder's questions while
    /// the draft has errors.
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    pub saving: RwSignal<bool>,
    session: Session,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

impl Workspace {
    pub fn new() -> Workspace {
        let ws = Workspace {
            draft: RwSignal::new(Draft::default()),
            published: RwSignal::new(0),
            published_files: RwSignal::new(BTreeMap::new()),
            loaded: RwSignal::new(false),
            load_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            revision: RwSignal::new(0),
            checked: RwSignal::new(None),
            catalog: RwSignal::new(None),
            saving: RwSignal::new(false),
            session: use_session(),
        };
        ws.check_after_changes();
        ws.keep_unsaved();
        ws
    }

    /// Loads the draft from the server and puts back this browser's unsaved changes.
    pub fn load(self) {
        let session = self.session;
        leptos::task::spawn_local(async move {
            match api::get("studio/draft").await {
                Ok(v) => {
                    let files = v["files"].as_array().cloned().unwrap_or_default().into_iter().filter_map(|f| {
                        Some((
                            f["path"].as_str()?.to_string(),
                            f["text"].as_str()?.to_string(),
                            f["hash"].as_str()?.to_string(),
                        ))
                    });
                    let mut draft = Draft::from_server(files);
                    let login = session.me.get_untracked().map(|m| m.login).unwrap_or_default();
                    if let Some(kept) = load_unsaved(&unsaved_key(&login)) {
                        let n = kept.len();
                        draft.restore(kept);
                        if n > 0 {
                            self.say(Notice::Info(format!("{} {n}", T.unsaved_restored)));
                        }
                    }
                    self.published.set(v["published"].as_i64().unwrap_or(0));
                    let published: BTreeMap<String, String> =
                        serde_json::from_value(v["published_files"].clone()).unwrap_or_default();
                    self.published_files.set(published);
                    self.draft.set(draft);
                    self.loaded.set(true);
                    self.changed_now();
                }
                Err(e) if e.is_unauthorized() => session.expired(),
                Err(e) => self.load_error.set(Some(e.message)),
            }
        });
    }

    pub fn say(&self, notice: Notice) {
        self.notice.set(Some(notice));
    }

    fn changed_now(&self) {
        self.revision.update(|r| *r += 1);
    }

    /// Changes a file's text (a form or the source editor).
    pub fn edit(&self, path: &str, text: String) {
        let same = self.draft.with_untracked(|d| d.text(path) == Some(text.as_str()));
        if !same {
            self.draft.update(|d| d.edit(path, text));
            self.changed_now();
        }
    }

    /// Changes a file's text through a function of it; a failure is said, the text kept.
    pub fn update(&self, path: &str, change: impl FnOnce(&str) -> Result<String, String>) {
        let Some(text) = self.draft.with_untracked(|d| d.text(path).map(str::to_string)) else { return };
        match change(&text) {
            Ok(new) => self.edit(path, new),
            Err(e) => self.say(Notice::Error(e)),
        }
    }

    pub fn delete(&self, path: &str) {
        self.draft.update(|d| d.delete(path));
        self.changed_now();
    }

    pub fn revert(&self, path: &str) {
        self.draft.update(|d| d.revert(path));
        self.changed_now();
    }

    /// Settles a field both editors changed.
    pub fn pick(&self, path: &str, field: &lifenav_core::Path, pick: Pick) {
        let done = self.draft.try_update(|d| d.pick(path, field, pick)).unwrap_or(false);
        if done {
            self.changed_now();
        }
    }

    pub fn keep_mine(&self, path: &str) {
        self.draft.update(|d| d.keep_mine(path));
    }

    pub fn take_theirs(&self, path: &str) {
        self.draft.update(|d| d.take_theirs(path));
        self.changed_now();
    }

    /// Files whose saved text differs from the version in force (what a submission carries).
    pub fn differs_from_published(&self) -> Vec<String> {
        let published = self.published_files.get();
        self.draft.with(|d| {
            let mut out: Vec<String> = d
                .paths()
                .filter(|p| d.base(p).is_none_or(|h| published.get(*p).map(String::as_str) != Some(h)))
                .map(str::to_string)
                .collect();
            out.extend(published.keys().filter(|p| d.saved_text(p).is_none()).cloned());
            out.sort();
            out.dedup();
            out
        })
    }

    /// Saves one file. A stale save is merged by field with what was saved meanwhile and
    /// saved again; a field both changed waits for the editor to pick its value.
    pub async fn save(self, path: String) -> bool {
        for _ in 0..3 {
            match self.save_once(&path).await {
                Saved::Done => return true,
                Saved::Failed => return false,
                Saved::Merged => continue,
            }
        }
        false
    }

    async fn save_once(self, path: &str) -> Saved {
        let path = path.to_string();
        if self.draft.with_untracked(|d| !d.field_conflicts(&path).0.is_empty()) {
            self.say(Notice::Error(format!("{}: {}", self.title_of(&path), T.fields_to_pick)));
            return Saved::Failed;
        }
        let session = self.session;
        let (text, base) =
            self.draft.with_untracked(|d| (d.text(&path).map(str::to_string), d.base(&path).map(str::to_string)));
        let url = format!("studio/draft/files/{}", api::encode_path(&path));
        let done = match &text {
            Some(t) => api::put(&url, &json!({ "text": t, "base": base })).await,
            None => match &base {
                Some(b) => api::delete(&format!("{url}?base={}", String::from(js_sys::encode_uri_component(b)))).await,
                None => Ok(Value::Null),
            },
        };
        match done {
            Ok(v) => {
                self.draft.update(|d| match (&text, v["hash"].as_str()) {
                    (Some(t), Some(h)) => d.saved(&path, t, h),
                    _ => d.deleted(&path),
                });
                self.say(Notice::Info(format!("{}: {}", T.saved, self.title_of(&path))));
                Saved::Done
            }
            Err(e) if e.status == 409 => {
                let current = &e.body["current"];
                let theirs = Theirs {
                    text: current["text"].as_str().map(str::to_string),
                    hash: current["hash"].as_str().map(str::to_string),
                    by: current["updated_by"].as_str().unwrap_or("").to_string(),
                };
                let met = self.draft.try_update(|d| d.met(&path, theirs)).unwrap_or(Met::Whole);
                self.changed_now();
                let title = self.title_of(&path);
                match met {
                    Met::Merged => Saved::Merged,
                    Met::Fields(n) => {
                        self.say(Notice::Error(format!("{title}: {}", crate::i18n::fields_both_changed(n))));
                        Saved::Failed
                    }
                    Met::Whole => {
                        self.say(Notice::Error(format!("{title}: {}", T.conflict_notice)));
                        Saved::Failed
                    }
                }
            }
            Err(e) if e.is_unauthorized() => {
                session.expired();
                Saved::Failed
            }
            Err(e) => {
                self.say(Notice::Error(format!("{}: {}", self.title_of(&path), e.message)));
                Saved::Failed
            }
        }
    }

    /// What staff call a file: the titles of the items it holds.
    pub fn title_of(&self, path: &str) -> String {
        let items: Vec<(lifenav_core::ItemKind, String)> = self.checked.with_untracked(|c| {
            c.as_ref()
                .map(|c| c.items.iter().filter(|i| i.file == path).map(|i| (i.kind, i.title.clone())).collect())
                .unwrap_or_default()
        });
        match items.as_slice() {
            [] => crate::i18n::file_title(path),
            [(_, title)] => title.clone(),
            [(kind, _), ..] => {
                format!("{} ({})", crate::i18n::kind_name(*kind).1, crate::i18n::items_count(items.len()))
            }
        }
    }

    pub async fn save_all(self) -> bool {
        self.saving.set(true);
        let dirty: Vec<String> = self.draft.with_untracked(|d| d.dirty().into_iter().map(str::to_string).collect());
        let mut ok = true;
        for path in dirty {
            ok &= self.save(path).await;
        }
        self.saving.set(false);
        ok
    }

    /// Runs the check a moment after the last change (the same core functions as the CLI).
    fn check_after_changes(self) {
        Effect::new(move |_| {
            let revision = self.revision.get();
            if !self.loaded.get_untracked() && revision == 0 {
                return;
            }
            leptos::task::spawn_local(async move {
                TimeoutFuture::new(CHECK_DELAY_MS).await;
                if self.revision.get_untracked() == revision {
                    self.run_check();
                }
            });
        });
    }

    pub fn run_check(&self) {
        let sources = self.draft.with_untracked(Draft::sources);
        let checked = check(sources);
        if let Some(engine) = &checked.engine {
            self.catalog.set(Some(Arc::new(engine.catalog.clone())));
        }
        self.checked.set(Some(Arc::new(checked)));
    }

    fn keep_unsaved(self) {
        Effect::new(move |_| {
            let unsaved = self.draft.with(Draft::unsaved);
            if !self.loaded.get_untracked() {
                return;
            }
            let Some(login) = self.session.me.get_untracked().map(|m| m.login) else { return };
            if let Some(s) = storage() {
                let key = unsaved_key(&login);
                let _ = if unsaved.is_empty() {
                    s.remove_item(&key)
                } else {
                    s.set_item(&key, &serde_json::to_string(&unsaved).unwrap_or_default())
                };
            }
        });
    }
}

enum Saved {
    Done,
    Failed,
    /// Merged with a colleague's save: to be saved again.
    Merged,
}

/// The changes kept from an earlier visit; a damaged record is dropped with a notice.
fn load_unsaved(key: &str) -> Option<Vec<Unsaved>> {
    let s = storage()?;
    let raw = s.get_item(key).ok().flatten()?;
    match serde_json::from_str(&raw) {
        Ok(kept) => Some(kept),
        Err(_) => {
            let _ = s.remove_item(key);
            None
        }
    }
}

/// `lifenav check` and `lifenav test` on the draft in memory, timed.
pub fn check(sources: Vec<SourceFile>) -> Checked {
    let started = now_ms();
    let items = lifenav_core::edit::items(&sources);
    let report = lifenav_core::source::check_files("", sources.clone());
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let (mut scenarios, mut scenarios_run) = (Vec::new(), 0);
    let engine = report.engine.filter(|_| errors == 0).map(Arc::new);
    if let Some(engine) = &engine {
        match lifenav_core::scenario::run_files(engine, "", &sources) {
            Ok(outcomes) => {
                scenarios_run = outcomes.len();
                scenarios = outcomes
                    .into_iter()
                    .filter(|o| !o.failures.is_empty())
                    .map(|o| (o.name, o.file, o.failures))
                    .collect();
            }
            Err(e) => scenarios.push((T.scenario_files.to_string(), String::new(), e)),
        }
    }
    let ms = now_ms() - started;
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(&format!("lifenav-studio:checked:{ms:.1}"));
    }
    Checked {
        warnings: report.diagnostics.len() - errors,
        errors,
        diagnostics: report.diagnostics,
        scenarios,
        scenarios_run,
        items,
        engine,
        ms,
    }
}

pub fn use_workspace() -> Workspace {
    expect_context::<Workspace>()
}
