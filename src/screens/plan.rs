//! The plan: visits, fees and the nearest deadline above the chain of numbered steps,
//! each expandable, with its documents, terms, fees, channels and reasons.

use super::{focus_on_move, EventDate};
use crate::browser;
use crate::feedback::Feedback;
use crate::state::App;
use leptos::prelude::*;
use lifenav_core::model::ChannelKind;
use lifenav_core::plan::{DocLine, Step, StepMode};
use lifenav_core::{present, Date, Engine, Lang, Plan};
use std::sync::Arc;

#[component]
pub fn PlanScreen() -> impl IntoView {
    let app = expect_context::<App>();
    let s = app.s();
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_on_move(app, heading);
    let feedback = expect_context::<Feedback>();
    feedback.load_scores();
    let share_url: RwSignal<Option<String>> = RwSignal::new(None);
    // Whether the browser copied the link: `None` while it is being asked.
    let copied: RwSignal<Option<bool>> = RwSignal::new(None);
    let share_input = NodeRef::<leptos::html::Input>::new();
    let calendar_note: RwSignal<bool> = RwSignal::new(false);
    // One shared copy per plan for the parts below; the event date field stays outside
    // them, so a new date does not replace the field the citizen is typing in.
    let plan = Memo::new(move |_| app.plan.get().map(Arc::new));
    let lang = app.lang.get_untracked();
    let summary = move || plan.get().map(|plan| view! { <Summary plan lang /> });
    let body = move || {
        let engine = app.engine.get()?;
        let plan = plan.get()?;
        Some(view! {
            <Visits engine=engine.clone() plan=plan.clone() lang />
            <Checklist plan=plan.clone() lang />
            <StepList engine plan=plan.clone() lang />
            <NextSteps plan lang />
        })
    };
    let title = move || {
        let engine = app.engine.get()?;
        let sit = engine.catalog.situation(&app.situation_id()?)?;
        Some(sit.title.get(app.lang.get()).to_string())
    };
    let share = move |_| {
        let Some(url) = app.share_link() else { return };
        share_url.set(Some(url.clone()));
        copied.set(None);
        leptos::task::spawn_local(async move {
            let ok = browser::copy_to_clipboard(&url).await;
            copied.set(Some(ok));
            if !ok {
                // Ready to copy by hand.
                if let Some(input) = share_input.get_untracked() {
                    let _ = input.focus();
                    input.select();
                }
            }
        });
    };
    let print = move |_| {
        if let (Some(engine), Some(plan)) = (app.engine.get_untracked(), app.plan.get_untracked()) {
            let next = app.journey.with_untracked(|j| j.next_left(&engine, &plan));
            browser::open_html(&crate::print::plan_html(&engine, &plan, &next, app.lang.get_untracked()));
        }
    };
    let calendar = move |_| {
        let (Some(engine), Some(plan)) = (app.engine.get_untracked(), app.plan.get_untracked()) else { return };
        match lifenav_core::ics::deadlines_calendar(&engine, &plan, app.lang.get_untracked(), &browser::utc_stamp()) {
            Some(ics) => {
                calendar_note.set(false);
                browser::download(&format!("{}.ics", plan.situation), "text/calendar;charset=utf-8", &ics);
            }
            None => calendar_note.set(true),
        }
    };
    view! {
        <h2 tabindex="-1" node_ref=heading>{title}</h2>
        {summary}
        <EventDate />
        {body}
        <div class="ln-actions">
            <button type="button" on:click=share>{s.share}</button>
            <button type="button" on:click=print>{s.print}</button>
            <button type="button" on:click=calendar>{s.calendar}</button>
            <button type="button" on:click=move |_| app.back()>{s.change_answers}</button>
            <button type="button" class="ln-danger" on:click=move |_| app.start_over()>
                {s.start_over}
            </button>
        </div>
        <div role="status" aria-live="polite">
            {move || calendar_note.get().then(|| view! { <p class="ln-hint">{app.s().calendar_none}</p> })}
            {move || {
                share_url
                    .get()
                    .map(|url| {
                        view! {
                            <div class="ln-field">
                                <label for="ln-share">{app.s().share_label}</label>
                                <input
                                    id="ln-share"
                                    class="ln-input"
                                    type="url"
                                    readonly
                                    prop:value=url
                                    node_ref=share_input
                                />
                                {move || {
                                    copied
                                        .get()
                                        .map(|ok| {
                                            let text = if ok { app.s().share_copied } else { app.s().share_copy_failed };
                                            view! { <p class="ln-hint ln-copy-result">{text}</p> }
                                        })
                                }}
                            </div>
                        }
                    })
            }}
        </div>
        <p class="ln-hint">{s.share_note}</p>
        {move || {
            let situation = app.situation_id()?;
            feedback.enabled().then(|| view! { <super::rate::Helpful situation /> })
        }}
    }
}

#[component]
fn Summary(plan: Arc<Plan>, lang: Lang) -> impl IntoView {
    let app = expect_context::<App>();
    let l = present::labels(lang);
    let s = app.s();
    let fees = if plan.total_fee == 0.0 { l.free.to_string() } else { present::fee_amount(plan.total_fee) };
    let nearest = plan.nearest_deadline.as_ref().map(|n| {
        let title = plan.steps.iter().find(|s| s.number == n.step).map(|s| s.title.get(lang).to_string());
        format!("{}: {} ({} {}: {})", l.nearest, n.date.human(lang), l.step, n.step, title.unwrap_or_default())
    });
    view! {
        <ul class="ln-summary">
            <li>
                {crate::i18n::count(plan.steps.len(), lang, present::STEPS)}
            </li>
            <li>{crate::i18n::count(plan.visits.len(), lang, present::VISITS)}</li>
            <li>
                {format!("{}: {fees}", s.total_fees)}
                {plan.fee_unverified.then(|| view! { <span class="ln-check">{format!(" ({})", l.check)}</span> })}
            </li>
            {nearest.map(|n| view! { <li class="ln-deadline">{n}</li> })}
        </ul>
        {(!plan.undecided.is_empty()).then(|| view! { <p class="ln-hint">{l.undecided}</p> })}
        {lifenav_core::notes::uncovered_years(&plan, lang)
            .map(|note| view! { <p class="ln-hint ln-uncovered">{present::capitalised(&note)}</p> })}
    }
}

#[component]
fn Visits(engine: Arc<Engine>, plan: Arc<Plan>, lang: Lang) -> impl IntoView {
    let l = present::labels(lang);
    view! {
        <section class="ln-visits" aria-labelledby="ln-visits-h">
            <h3 id="ln-visits-h">{l.visit_plan}</h3>
            {if plan.visits.is_empty() {
                view! { <p>{present::no_visits(&plan, lang)}</p> }.into_any()
            } else {
                view! {
                    <ol>
                        {plan
                            .visits
                            .iter()
                            .map(|v| {
                                let place = v.offices.first().map(|id| present::office(&engine, id, lang)).unwrap_or_default();
                                view! {
                                    <li>
                                        {format!(
                                            "{place}: {} ({} {})",
                                            present::visit_reasons(&plan, v, lang),
                                            l.start_from,
                                            v.date.human(lang),
                                        )}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn Checklist(plan: Arc<Plan>, lang: Lang) -> impl IntoView {
    let app = expect_context::<App>();
    let l = present::labels(lang);
    if plan.checklist.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="ln-checklist" aria-labelledby="ln-checklist-h">
            <h3 id="ln-checklist-h">{l.checklist}</h3>
            <ul>
                {plan
                    .checklist
                    .iter()
                    .map(|item| {
                        let doc = item.doc.clone();
                        let doc_for_tick = doc.clone();
                        let text = present::checklist_item(item, lang);
                        let steps = present::step_numbers(&item.steps, lang);
                        view! {
                            <li>
                                <label class="ln-option">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || app.journey.with(|j| j.is_ticked(&doc))
                                        on:change=move |_| app.toggle_tick(&doc_for_tick)
                                    />
                                    // One flex item beside the box, the steps on a line of their
                                    // own: three items squeezed the names until words broke.
                                    <span class="ln-check-text">
                                        <span>{text}</span>
                                        <span class="ln-hint ln-check-steps">{steps}</span>
                                    </span>
                                </label>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

#[component]
fn StepList(engine: Arc<Engine>, plan: Arc<Plan>, lang: Lang) -> impl IntoView {
    let app = expect_context::<App>();
    let numbers: Vec<usize> = plan.steps.iter().map(|s| s.number).collect();
    let count = numbers.len();
    let all_open = move || app.expanded.with(|e| e.len() == count);
    let toggle_all = {
        let numbers = numbers.clone();
        move |_| {
            if all_open() {
                app.expanded.set(Default::default());
            } else {
                app.expanded.set(numbers.iter().copied().collect());
            }
        }
    };
    view! {
        <section class="ln-steps" aria-labelledby="ln-steps-h">
            <h3 id="ln-steps-h">{present::labels(lang).plan}</h3>
            <button type="button" class="ln-link" on:click=toggle_all>
                {move || if all_open() { app.s().collapse_all } else { app.s().expand_all }}
            </button>
            <ol class="ln-step-list">
                {plan
                    .steps
                    .iter()
                    .map(|step| view! { <StepView engine=engine.clone() step=step.clone() today=plan.today lang /> })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// The situations that may come next, each with its reason, the questions it would
/// still ask (as the citizen's consent to reuse answers allows) and a button to start it.
#[component]
fn NextSteps(plan: Arc<Plan>, lang: Lang) -> impl IntoView {
    let app = expect_context::<App>();
    if plan.next.is_empty() {
        return ().into_any();
    }
    let s = app.s();
    // Worked out again only when an answer or the consent changes the count, not on a tick.
    let counts_plan = plan.clone();
    let left = Memo::new(move |_| {
        let engine = app.engine.get()?;
        Some(app.journey.with(|j| j.next_left(&engine, &counts_plan)))
    });
    let items = plan
        .next
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let id = n.situation.clone();
            let title = n.title.get(lang).to_string();
            let why = n.why.as_ref().map(|w| w.get(lang).to_string());
            let left_id = format!("ln-next-left-{}", n.situation);
            let count = move || {
                left.with(|l| l.as_ref().and_then(|l| l.get(i).copied()).map(|l| present::questions_left(l, lang)))
            };
            view! {
                <li class="ln-next-item" data-situation=n.situation.clone()>
                    <h4>{title.clone()}</h4>
                    {why.map(|w| view! { <p class="ln-next-why">{w}</p> })}
                    <p id=left_id.clone() class="ln-hint ln-next-left">{count}</p>
                    <button
                        type="button"
                        class="ln-next-start"
                        aria-describedby=left_id
                        on:click=move |_| app.choose_situation(&id)
                    >
                        {format!("{}: {title}", s.next_start)}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="ln-next" aria-labelledby="ln-next-h">
            <h3 id="ln-next-h">{present::labels(lang).next}</h3>
            <ul class="ln-next-list">{items}</ul>
        </section>
    }
    .into_any()
}

fn doc_list(label: &'static str, lines: &[DocLine], lang: Lang, to_bring: bool) -> Option<AnyView> {
    if lines.is_empty() {
        return None;
    }
    let items: Vec<String> = lines.iter().map(|d| present::doc(d, lang, to_bring)).collect();
    Some(
        view! {
            <h5>{label}</h5>
            <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        }
        .into_any(),
    )
}

fn text_list(label: &'static str, items: &[lifenav_core::Text], lang: Lang) -> Option<AnyView> {
    if items.is_empty() {
        return None;
    }
    let items: Vec<String> = items.iter().map(|t| t.get(lang).to_string()).collect();
    Some(
        view! {
            <h5>{label}</h5>
            <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        }
        .into_any(),
    )
}

#[component]
fn StepView(engine: Arc<Engine>, step: Step, today: Date, lang: Lang) -> impl IntoView {
    let app = expect_context::<App>();
    let l = present::labels(lang);
    let s = app.s();
    let number = step.number;
    let open = move || app.expanded.with(|e| e.contains(&number));
    let toggle = move |_| {
        app.expanded.update(|e| {
            if !e.remove(&number) {
                e.insert(number);
            }
        })
    };
    let service = step.service.clone();
    let service_attr = service.clone();
    let done = Memo::new(move |_| app.journey.with(|j| j.is_done(&service)));
    let region = format!("ln-step-{number}");
    let deadline = step.deadline_date.map(|d| (d.to_string(), format!("{} {}", l.until, d.human(lang))));
    let title = step.title.get(lang).to_string();
    let level = present::level(step.level, lang);
    view! {
        <li class="ln-step" data-service=service_attr class:ln-done=done>
            <h4>
                <button
                    type="button"
                    class="ln-step-toggle"
                    aria-expanded=move || open().to_string()
                    aria-controls=region.clone()
                    on:click=toggle
                >
                    <span class="ln-step-number">{format!("{} {number}", l.step)}</span>
                    <span class="ln-step-title">{title}</span>
                    <span class="ln-badge">{level}</span>
                    {deadline
                        .map(|(iso, text)| view! { <time class="ln-badge ln-deadline" datetime=iso>{text}</time> })}
                    {move || done.get().then(|| view! { <span class="ln-badge ln-ok">{s.step_done_mark}</span> })}
                </button>
            </h4>
            // Built only while open: a collapsed step costs nothing when the plan changes.
            <div id=region class="ln-step-body" hidden=move || !open()>
                {move || {
                    open().then(|| view! { <StepBody engine=engine.clone() step=step.clone() today lang done /> })
                }}
            </div>
        </li>
    }
}

#[component]
fn StepBody(engine: Arc<Engine>, step: Step, today: Date, lang: Lang, done: Memo<bool>) -> impl IntoView {
    let app = expect_context::<App>();
    let feedback = expect_context::<Feedback>();
    let l = present::labels(lang);
    let s = app.s();
    let service = step.service.clone();
    let service_for_score = service.clone();
    let service_for_rating = service.clone();
    let service_for_done = service.clone();
    let service_for_public = service.clone();
    let service_for_answer = service.clone();
    let provider = engine.department(&step.provider).map(|d| d.name.get(lang).to_string()).unwrap_or_default();
    let why = present::why(&engine, &step, lang);
    let term = present::term_line(&step, today, lang);
    let deadline_line = present::deadline_line(&step, lang);
    let fee = present::fee_line(&step, today, lang);
    let unknown = lifenav_core::notes::unknown_facts(&engine, &step, lang);
    let basis: Vec<(String, Option<String>)> =
        step.legal_basis.iter().map(|b| (b.title.get(lang).to_string(), b.source.clone())).collect();
    let channels = step
        .channels
        .iter()
        .map(|c| {
            let name = present::channel(c.kind, lang).to_string();
            let office = c.office.as_ref().and_then(|id| engine.department(id)).map(|d| {
                let mut bits = vec![d.name.get(lang).to_string()];
                if let Some(a) = &d.address {
                    bits.push(format!("{}: {}", s.address, a.get(lang)));
                }
                if let Some(h) = &d.hours {
                    bits.push(format!("{}: {}", s.hours, h.get(lang)));
                }
                if let Some(p) = &d.phone {
                    bits.push(format!("{}: {p}", s.phone));
                }
                (bits.join("; "), d.site.clone())
            });
            let note = c.note.as_ref().map(|n| n.get(lang).to_string());
            let link_text = if c.kind == ChannelKind::Portal { s.open_portal } else { s.site };
            view! {
                <li>
                    <strong>{name}</strong>
                    {office.map(|(text, site)| {
                        view! {
                            " — "
                            {text}
                            {site.map(|u| view! { " " <a href=u target="_blank" rel="noopener">{s.site}</a> })}
                        }
                    })}
                    {note.map(|n| view! { <span>{format!(" — {n}")}</span> })}
                    {c.url.clone().map(|u| view! { " " <a href=u target="_blank" rel="noopener">{link_text}</a> })}
                </li>
            }
        })
        .collect_view();
    let results = doc_list(l.results, &step.results, lang, false);
    view! {
                {move || {
                    super::rate::score_line(app, feedback, &service_for_score).map(|t| view! { <p class="ln-score">{t}</p> })
                }}
                {feedback.enabled().then(|| view! { <super::answers::PublicAnswers service=service_for_public /> })}
                {step.summary.map(|t| view! { <p>{t.get(lang).to_string()}</p> })}
                {step.variant_title.map(|t| view! { <p class="ln-variant">{t.get(lang).to_string()}</p> })}
                <p>{format!("{}: {provider}", s.provider)}</p>
                {match step.mode {
                    StepMode::Automatic => Some(view! { <p class="ln-ok">{s.nothing_to_do}</p> }),
                    StepMode::Remote => Some(view! { <p class="ln-ok">{l.remote}</p> }),
                    StepMode::Visit => None,
                }}
                {doc_list(l.bring, &step.bring, lang, true)}
                {doc_list(l.obtained, &step.obtained, lang, false)}
                {doc_list(l.received, &step.received, lang, false)}
                {term.map(|t| view! { <p>{t}</p> })}
                {deadline_line.map(|t| view! { <p class:ln-overdue=step.overdue>{t}</p> })}
                {fee.map(|t| view! { <p>{t}</p> })}
                {unknown.map(|t| view! { <p class="ln-hint ln-unknown">{present::capitalised(&t)}</p> })}
                {text_list(l.criteria, &step.criteria, lang)}
                {text_list(l.refusal, &step.refusal, lang)}
                {(!step.channels.is_empty()).then(|| view! { <h5>{l.channels}</h5> <ul>{channels}</ul> })}
                {results}
                {step.note.map(|n| view! { <p class="ln-hint">{n.get(lang).to_string()}</p> })}
                {(!basis.is_empty())
                    .then(|| {
                        view! {
                            <h5>{l.legal_basis}</h5>
                            <ul>
                                {basis
                                    .into_iter()
                                    .map(|(t, src)| match src {
                                        Some(u) => view! { <li><a href=u target="_blank" rel="noopener">{t}</a></li> }.into_any(),
                                        None => view! { <li>{t}</li> }.into_any(),
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
                {(!why.is_empty())
                    .then(|| {
                        view! {
                            <h5>{l.why}</h5>
                            <ul>{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        }
                    })}
                <label class="ln-option">
                    <input type="checkbox" prop:checked=done on:change=move |_| app.toggle_done(&service_for_done) />
                    <span>{s.step_done}</span>
                </label>
                {move || {
                    (done.get() && feedback.enabled())
                        .then(|| view! { <super::rate::RatingForm service=service_for_rating.clone() /> })
                }}
                {feedback.enabled().then(|| view! { <super::answers::StepAnswer service=service_for_answer /> })}
    }
}
