//! The widget's state: a few small signals, the journey (saved in the browser), and
//! the derived questionnaire walk and plan, computed by `lifenav-core`. Components
//! read these and call the actions here; they hold no logic of their own.

use crate::browser;
use crate::i18n::{self, t};
use leptos::prelude::*;
use lifenav_core::journey::{Journey, Stage};
use lifenav_core::questionnaire::Walk;
use lifenav_core::share::{journey_fragment, parse_fragment, Fragment};
use lifenav_core::{Date, Engine, Lang, Plan, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

use crate::handoff::{self, BackMessage, Keys, Open, OpenMessage};

/// What the host page configured with data attributes.
#[derive(Clone)]
pub struct Config {
    pub host: web_sys::HtmlElement,
    /// Where the app is mounted, in the first screen's shadow root (`handoff`).
    pub slot: web_sys::HtmlElement,
    pub catalog_url: Option<String>,
    pub feedback_url: Option<String>,
    pub lang: Lang,
    /// Where this widget keeps the journey and settings (`handoff::Keys`).
    pub keys: Keys,
    /// The date plans are computed for (`data-today`, the studio's preview "as of" a
    /// date); the browser's today when not given.
    pub today: Option<Date>,
    /// The page's URL fragment when the widget's module started: every widget on the page
    /// reads the share link from here, after the first has cleared it from the address.
    pub fragment: String,
}

thread_local! {
    /// A `#rate/…` link opens the rating form in one widget only: the first that knows
    /// the service.
    static RATE_LINK_TAKEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The journey's state: the catalog, the journey and what the screens show. Feedback
/// keeps its own (`crate::feedback::Feedback`, a context of its own).
#[derive(Clone, Copy)]
pub struct App {
    pub engine: RwSignal<Option<Arc<Engine>>>,
    pub lang: RwSignal<Lang>,
    /// The version for the visually impaired (ГОСТ Р 52872-2019).
    pub vi: RwSignal<bool>,
    pub journey: RwSignal<Journey>,
    pub notice: RwSignal<Option<String>>,
    pub profile_open: RwSignal<bool>,
    pub expanded: RwSignal<BTreeSet<usize>>,
    /// Bumped by actions that move the citizen on: the new screen takes focus.
    pub focus: RwSignal<u32>,
    pub config: StoredValue<Config, LocalStorage>,
    /// The service being rated from a `#rate/<service>` link.
    pub rate: RwSignal<Option<String>>,
    /// The situation and the stage, apart from the rest of the journey, so that a tick on
    /// the checklist does not rebuild the screen.
    pub situation: Memo<Option<String>>,
    pub stage: Memo<Stage>,
    pub walk: Memo<Option<(usize, Walk)>>,
    pub plan: Memo<Option<Plan>>,
}

impl App {
    pub fn new(config: Config) -> App {
        let engine: RwSignal<Option<Arc<Engine>>> = RwSignal::new(None);
        let journey = RwSignal::new(Journey::default());
        let today = config.today.unwrap_or_else(browser::today);
        // The answers that count, apart from the rest of the journey: ticking a checklist
        // or changing the event date must not re-run the questionnaire.
        let answers = Memo::new(move |_| {
            let engine = engine.get()?;
            journey.with(|j| {
                let sit = engine.situation_index(j.situation.as_deref()?)?;
                Some((sit, j.effective_answers(&engine.catalog.situations[sit].id)))
            })
        });
        let event_date =
            Memo::new(move |_| journey.with(|j| j.situation.as_ref().and_then(|s| j.event_dates.get(s).copied())));
        let walk = Memo::new(move |_| {
            let engine = engine.get()?;
            answers.with(|a| {
                let (sit, answers) = a.as_ref()?;
                Some((*sit, engine.walk(*sit, answers)))
            })
        });
        let plan = Memo::new(move |_| {
            let engine = engine.get()?;
            let event = event_date.get();
            walk.with(|w| {
                let (sit, walk) = w.as_ref()?;
                Some(engine.plan_from_walk(*sit, walk, event, today))
            })
        });
        let lang = config.lang;
        let situation = Memo::new(move |_| journey.with(|j| j.situation.clone()));
        let stage = Memo::new(move |_| journey.with(|j| j.stage));
        App {
            situation,
            stage,
            engine,
            lang: RwSignal::new(lang),
            vi: RwSignal::new(false),
            journey,
            notice: RwSignal::new(None),
            profile_open: RwSignal::new(false),
            expanded: RwSignal::new(BTreeSet::new()),
            focus: RwSignal::new(0),
            config: StoredValue::new_local(config),
            rate: RwSignal::new(None),
            walk,
            plan,
        }
    }

    /// The interface strings in the current language (untracked: the shell rebuilds the
    /// screens when the language changes).
    pub fn s(&self) -> &'static crate::i18n::Strings {
        t(self.lang.get_untracked())
    }

    fn keys(&self) -> Keys {
        self.config.with_value(|c| c.keys.clone())
    }

    pub fn event(&self, name: &str, detail: serde_json::Value) {
        self.config.with_value(|c| browser::dispatch(&c.host, name, &detail));
    }

    fn moved(&self) {
        self.focus.update(|n| *n += 1);
    }

    /// The catalog is ready: restore the journey from a share link or saved state.
    pub fn start(&self, engine: Engine, notice: Option<String>) {
        let engine = Arc::new(engine);
        self.restore_settings();
        let mut notices: Vec<String> = notice.into_iter().collect();
        let s = t(self.lang.get_untracked());
        match browser::load(&self.keys().journey) {
            Ok(Some(saved)) => match Journey::restore(&engine, &saved) {
                Ok((journey, dropped)) => {
                    if !dropped.is_empty() {
                        notices.push(s.saved_trimmed.to_string());
                    }
                    self.journey.set(journey);
                }
                Err(_) => {
                    browser::remove(&self.keys().journey);
                    notices.push(s.saved_reset.to_string());
                }
            },
            Ok(None) => {}
            Err(()) => notices.push(s.storage_failed.to_string()),
        }
        let lang = self.lang.get_untracked();
        match parse_fragment(&engine, &self.config.with_value(|c| c.fragment.clone())) {
            Ok(Some(Fragment::Journey(shared))) => {
                self.journey.update(|j| j.apply_shared(&shared));
                notices.push(s.share_opened.to_string());
                if !shared.dropped.is_empty() {
                    notices.push(i18n::share_partial(lang, &shared.dropped));
                }
                browser::clear_fragment();
            }
            Ok(Some(Fragment::Rate(service))) => {
                if !RATE_LINK_TAKEN.with(|t| t.replace(true)) {
                    self.rate.set(Some(service));
                }
                browser::clear_fragment();
            }
            Ok(None) => {}
            Err(e) => {
                notices.push(format!("{}: {}.", s.share_failed, i18n::link_problem(lang, &e)));
                browser::clear_fragment();
            }
        }
        if !notices.is_empty() {
            // After what was said before the catalog came (the ratings' storage reset).
            let earlier = self.notice.get_untracked();
            self.notice.set(Some(earlier.into_iter().chain(notices).collect::<Vec<_>>().join(" ")));
        }
        self.engine.set(Some(engine));
        self.take_open();
        browser::mark("lifenav:ready");
    }

    fn restore_settings(&self) {
        if let Ok(Some(raw)) = browser::load(&self.keys().settings) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw) {
                if let Some(lang) = v.get("lang").and_then(|l| l.as_str()).and_then(Lang::from_code) {
                    self.lang.set(lang);
                }
                self.vi.set(v.get("vi").and_then(|b| b.as_bool()).unwrap_or(false));
            }
        }
    }

    /// Saves the journey and the settings whenever they change.
    pub fn persist(&self) {
        let app = *self;
        Effect::new(move |_| {
            // An empty journey leaves nothing behind ("delete my data" means it).
            let json = app.journey.with(|j| (*j != Journey::default()).then(|| j.to_json()));
            if app.engine.with(|e| e.is_none()) {
                return;
            }
            let key = app.keys().journey;
            match json {
                None => browser::remove(&key),
                Some(json) => {
                    if browser::save(&key, &json).is_err() {
                        app.notice.set(Some(app.s().storage_failed.to_string()));
                    }
                }
            }
        });
        Effect::new(move |_| {
            let (lang, vi) = (app.lang.get(), app.vi.get());
            if app.engine.with(|e| e.is_none()) {
                return;
            }
            let key = app.keys().settings;
            match handoff::settings_json(lang, vi, app.config.with_value(|c| c.lang)) {
                None => browser::remove(&key),
                Some(json) => {
                    let _ = browser::save(&key, &json);
                }
            }
        });
    }

    /// Shares the screen with the first screen (`handoff`): at the start of the journey
    /// (with no profile or rating form open) the first screen shows, with any notice
    /// and the situations of this catalog; anywhere else, the app shows.
    pub fn hand_over(&self) {
        let app = *self;
        let at_start = Memo::new(move |_| {
            app.engine.with(|e| e.is_some())
                && app.stage.get() == Stage::Start
                && !app.profile_open.get()
                && app.rate.with(|r| r.is_none())
        });
        Effect::new(move |was: Option<bool>| {
            let now = at_start.get();
            let notice = app.notice.get();
            let slot = app.config.with_value(|c| c.slot.clone());
            if now {
                if was != Some(true) || notice.is_some() {
                    let index = app.engine.with_untracked(|e| {
                        e.as_ref().map(|e| lifenav_core::search::SituationIndex::from_catalog(&e.catalog).to_text())
                    });
                    let back = BackMessage {
                        lang: app.lang.get_untracked(),
                        vi: app.vi.get_untracked(),
                        moved: app.focus.get_untracked() > 0,
                        notice: notice.clone(),
                        index,
                    };
                    slot.set_hidden(true);
                    browser::signal(&slot, handoff::BACK, Some(&back.to_json()));
                    if notice.is_some() {
                        app.notice.set(None);
                    }
                }
            } else if app.engine.with(|e| e.is_some()) || notice.is_some() {
                app.show();
            }
            now
        });
        // What the first screen asked for before the app had loaded, then whatever it asks.
        let slot = app.config.with_value(|c| c.slot.clone());
        gloo_events::EventListener::new(&slot, handoff::OPEN, move |_| app.take_open()).forget();
    }

    fn show(&self) {
        let slot = self.config.with_value(|c| c.slot.clone());
        if slot.hidden() {
            slot.set_hidden(false);
            browser::signal(&slot, handoff::SHOWN, None);
        }
    }

    /// Does what the first screen asked ([`handoff::OPEN`]), once the catalog is ready.
    pub fn take_open(&self) {
        let Some(engine) = self.engine.get_untracked() else { return };
        let slot = self.config.with_value(|c| c.slot.clone());
        let Some(raw) = slot.get_attribute(handoff::PENDING) else { return };
        let _ = slot.remove_attribute(handoff::PENDING);
        let Some(message) = OpenMessage::parse(&raw) else { return };
        // Set only when changed: a new language rebuilds the whole interface.
        if message.lang != self.lang.get_untracked() {
            self.lang.set(message.lang);
        }
        if message.vi != self.vi.get_untracked() {
            self.vi.set(message.vi);
        }
        // Shown before focus moves: focus cannot go into a hidden slot.
        self.show();
        match message.open {
            Open::Situation(id) if engine.situation_index(&id).is_some() => self.choose_situation(&id),
            Open::Situation(id) => self.notice.set(Some(format!("{}: {id}.", self.s().situation_unknown))),
            Open::Profile => {
                self.profile_open.set(true);
                self.moved();
            }
        }
    }

    pub fn situation_id(&self) -> Option<String> {
        self.situation.get()
    }

    /// The question being changed, if any (its index in the catalog).
    pub fn editing(&self) -> Option<usize> {
        let id = self.journey.with(|j| j.editing.clone())?;
        self.engine.with(|e| e.as_ref()?.question_index(&id))
    }

    /// The questions asked so far in the current situation, by id.
    fn asked(&self) -> Vec<String> {
        let Some(engine) = self.engine.get_untracked() else { return Vec::new() };
        self.walk
            .with_untracked(|w| {
                w.as_ref().map(|(_, w)| w.asked.iter().map(|&q| engine.catalog.questions[q].id.clone()).collect())
            })
            .unwrap_or_default()
    }

    pub fn choose_situation(&self, id: &str) {
        self.journey.update(|j| j.choose(id));
        self.expanded.set(BTreeSet::new());
        self.profile_open.set(false);
        self.settle();
        self.event("lifenav:situation", serde_json::json!({ "situation": id }));
        self.moved();
    }

    /// Past the last question, go to the review.
    fn settle(&self) {
        let done = self.walk.with_untracked(|w| w.as_ref().is_some_and(|(_, w)| w.is_done()));
        // Only when it moves: every change of the journey re-runs what reads it.
        self.journey.maybe_update(|j| j.settle(done));
    }

    pub fn answer(&self, question: usize, value: Value) {
        let Some(engine) = self.engine.get_untracked() else { return };
        let q = engine.catalog.questions[question].id.clone();
        self.journey.update(|j| j.answer(&q, value));
        self.settle();
        self.moved();
    }

    /// Reuse answers from other situations, or not.
    pub fn set_reuse(&self, reuse: bool) {
        self.journey.update(|j| j.reuse = Some(reuse));
        self.settle();
        self.moved();
    }

    pub fn change(&self, question: usize) {
        let Some(engine) = self.engine.get_untracked() else { return };
        self.journey.update(|j| j.change(&engine.catalog.questions[question].id));
        self.moved();
    }

    pub fn back(&self) {
        let asked = self.asked();
        self.journey.update(|j| j.back(&asked));
        self.moved();
    }

    pub fn show_plan(&self) {
        self.journey.update(|j| j.show_plan());
        self.moved();
        if let Some(plan) = self.plan.get_untracked() {
            self.event("lifenav:plan", serde_json::json!({ "situation": plan.situation, "steps": plan.steps.len() }));
        }
    }

    pub fn set_event_date(&self, date: Option<Date>) {
        self.journey.update(|j| j.set_event_date(date));
    }

    pub fn toggle_tick(&self, doc: &str) {
        self.journey.update(|j| j.toggle_tick(doc));
    }

    pub fn toggle_done(&self, service: &str) {
        self.journey.update(|j| j.toggle_done(service));
    }

    pub fn start_over(&self) {
        self.journey.update(|j| j.start_over());
        self.moved();
    }

    pub fn delete_all(&self) {
        self.journey.set(Journey::default());
        self.profile_open.set(false);
        self.vi.set(false);
        self.lang.set(self.config.with_value(|c| c.lang));
        let keys = self.keys();
        browser::remove(&keys.journey);
        browser::remove(&keys.settings);
        self.notice.set(Some(self.s().deleted.to_string()));
        self.moved();
    }

    pub fn share_link(&self) -> Option<String> {
        let (sit, walk) = self.walk.get_untracked()?;
        let engine = self.engine.get_untracked()?;
        let id = engine.catalog.situations[sit].id.clone();
        let answers = walk
            .asked
            .iter()
            .filter_map(|&q| walk.profile[q].clone().map(|v| (engine.catalog.questions[q].id.clone(), v)))
            .collect();
        let event = self.journey.with_untracked(|j| j.event_dates.get(&id).copied());
        Some(browser::url_with_fragment(&journey_fragment(&id, event, &answers)))
    }
}
