//! A `when` condition: as text, with every problem shown at its column as the editor
//! types, and, when it is a plain `and` of comparisons, as builder rows (question →
//! comparison → a value from that question's options). Both write the same text.

use super::fields::FormCtx;
use crate::i18n::T;
use crate::workspace::use_workspace;
use leptos::prelude::*;
use lifenav_core::condition::{from_clauses, problems, to_clauses, Clause, ClauseOp};
use lifenav_core::diagnostic::Seg;
use lifenav_core::edit::{FieldType, FieldValue};
use lifenav_core::model::{Question, QuestionKind};

fn ops_for(kind: Option<QuestionKind>) -> &'static [(ClauseOp, &'static str)] {
    match kind {
        Some(QuestionKind::YesNo) => &[(ClauseOp::Is, "да"), (ClauseOp::IsNot, "нет")],
        Some(QuestionKind::Single) => &[(ClauseOp::Eq, "равен"), (ClauseOp::Ne, "не равен"), (ClauseOp::In, "один из")],
        Some(QuestionKind::Multiple) => &[(ClauseOp::Contains, "включает")],
        Some(QuestionKind::Number) | Some(QuestionKind::Date) => &[
            (ClauseOp::Eq, "="),
            (ClauseOp::Ne, "≠"),
            (ClauseOp::Lt, "<"),
            (ClauseOp::Le, "≤"),
            (ClauseOp::Gt, ">"),
            (ClauseOp::Ge, "≥"),
        ],
        None => &[(ClauseOp::Is, "да"), (ClauseOp::IsNot, "нет"), (ClauseOp::Eq, "равен")],
    }
}

const OPS: [(ClauseOp, &str); 10] = [
    (ClauseOp::Is, "is"),
    (ClauseOp::IsNot, "is_not"),
    (ClauseOp::Eq, "eq"),
    (ClauseOp::Ne, "ne"),
    (ClauseOp::In, "in"),
    (ClauseOp::Contains, "contains"),
    (ClauseOp::Lt, "lt"),
    (ClauseOp::Le, "le"),
    (ClauseOp::Gt, "gt"),
    (ClauseOp::Ge, "ge"),
];

fn op_name(op: ClauseOp) -> &'static str {
    OPS.iter().find(|(o, _)| *o == op).map_or("", |(_, n)| n)
}

fn op_of(name: &str) -> Option<ClauseOp> {
    OPS.iter().find(|(_, n)| *n == name).map(|(o, _)| *o)
}

#[component]
pub fn ConditionField(ctx: FormCtx, path: Vec<Seg>, label: String) -> impl IntoView {
    let ws = use_workspace();
    let p = path.clone();
    let text = Memo::new(move |_| match ctx_get(&ctx, &p) {
        FieldValue::Str(s) => s,
        _ => String::new(),
    });
    let questions =
        Memo::new(move |_| ws.catalog.with(|c| c.as_ref().map(|c| c.questions.clone()).unwrap_or_default()));
    let errors = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            Vec::new()
        } else {
            questions.with(|q| problems(&t, q)).into_iter().map(|e| (e.column, e.message)).collect::<Vec<_>>()
        }
    });
    let clauses = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            Some(Vec::new())
        } else {
            to_clauses(&t)
        }
    });
    let id = super::super::links::field_id(&path[ctx.at_len.min(path.len())..]);
    let msg_id = format!("{id}-cond");
    let text_id = format!("{id}-text");
    let write = move |t: String| {
        ctx.set(path.clone(), if t.trim().is_empty() { FieldValue::Absent } else { FieldValue::Str(t) });
    };
    let write_rows = write.clone();
    let set_rows = move |rows: Vec<Clause>| write_rows(from_clauses(&rows));
    view! {
        <fieldset class="condition" id=id.clone()>
            <legend>{label}</legend>
            <label for=text_id.clone()>{T.condition_text}</label>
            <input id=text_id class="code" type="text" spellcheck="false"
                aria-invalid=move || (!errors.with(Vec::is_empty)).to_string()
                aria-describedby=msg_id.clone()
                prop:value=move || text.get()
                on:input=move |ev| write(event_target_value(&ev)) />
            <div id=msg_id aria-live="polite">
                {move || {
                    let t = text.get();
                    errors.get().into_iter().map(|(column, message)| {
                        let caret = format!("{}^", " ".repeat(column.saturating_sub(1)));
                        view! {
                            <div class="cond-error" role="alert">
                                <pre aria-hidden="true">{t.clone()}"\n"{caret}</pre>
                                <p>{format!("{} {column}: {message}", T.column)}</p>
                            </div>
                        }
                    }).collect_view()
                }}
            </div>
            {
                let id = id.clone();
                move || match clauses.get() {
                    None => view! { <p class="hint">{T.condition_complex}</p> }.into_any(),
                    Some(rows) => view! { <Builder rows questions set_rows=set_rows.clone() id=id.clone() /> }.into_any(),
                }
            }
        </fieldset>
    }
}

fn ctx_get(ctx: &FormCtx, path: &[Seg]) -> FieldValue {
    ctx.doc.with(|d| {
        d.as_ref().map(|d| lifenav_core::edit::get(&d.0, path, FieldType::Condition)).unwrap_or(FieldValue::Absent)
    })
}

#[component]
fn Builder(
    rows: Vec<Clause>,
    questions: Memo<Vec<Question>>,
    set_rows: impl Fn(Vec<Clause>) + Clone + Send + Sync + 'static,
    id: String,
) -> impl IntoView {
    let rows = StoredValue::new(rows);
    let add = set_rows.clone();
    view! {
        <div class="builder" role="group" aria-label=T.condition_builder>
            <p class="hint">{T.condition_builder}{": все части должны выполняться («и»)."}</p>
            {rows.get_value().into_iter().enumerate().map(|(i, row)| {
                let set_rows = set_rows.clone();
                view! { <ClauseRow i row rows questions set_rows id=id.clone() /> }
            }).collect_view()}
            <button type="button" class="small" on:click=move |_| {
                let mut r = rows.get_value();
                let q = questions.get_untracked().first().map(|q| q.id.clone()).unwrap_or_default();
                r.push(Clause { question: q, op: ClauseOp::Is, values: Vec::new() });
                add(r);
            }>{T.condition_add}</button>
        </div>
    }
}

#[component]
fn ClauseRow(
    i: usize,
    row: Clause,
    rows: StoredValue<Vec<Clause>>,
    questions: Memo<Vec<Question>>,
    set_rows: impl Fn(Vec<Clause>) + Clone + Send + Sync + 'static,
    id: String,
) -> impl IntoView {
    let question = questions.with_untracked(|qs| qs.iter().find(|q| q.id == row.question).cloned());
    let kind = question.as_ref().map(|q| q.kind);
    let change = move |f: &dyn Fn(&mut Clause)| {
        let mut r = rows.get_value();
        if let Some(c) = r.get_mut(i) {
            f(c);
        }
        r
    };
    let (s1, s2, s3, s4) = (set_rows.clone(), set_rows.clone(), set_rows.clone(), set_rows);
    let q_id = format!("{id}-q{i}");
    let op_id = format!("{id}-op{i}");
    let v_id = format!("{id}-v{i}");
    let current_q = row.question.clone();
    let value_input = match question.as_ref().filter(|q| !q.options.is_empty()) {
        Some(q) if row.op == ClauseOp::In => {
            let options = q.options.clone();
            let chosen = row.values.clone();
            view! {
                <fieldset class="values">
                    <legend>{T.condition_value}</legend>
                    {options.into_iter().map(|o| {
                        let on = chosen.contains(&o.id);
                        let oid = o.id.clone();
                        let cid = format!("{v_id}-{}", o.id);
                        let s = s3.clone();
                        view! {
                            <input type="checkbox" id=cid.clone() checked=on on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                let oid = oid.clone();
                                s(change(&move |c: &mut Clause| {
                                    c.values.retain(|v| *v != oid);
                                    if checked { c.values.push(oid.clone()); }
                                }));
                            } />
                            <label for=cid class="check">{o.text.ru.clone()}</label>
                        }
                    }).collect_view()}
                </fieldset>
            }
            .into_any()
        }
        Some(q) if !matches!(row.op, ClauseOp::Is | ClauseOp::IsNot) => {
            let current = row.values.first().cloned().unwrap_or_default();
            let known = q.options.iter().any(|o| o.id == current);
            let options = q.options.clone();
            view! {
                <label for=v_id.clone() class="sr-only">{T.condition_value}</label>
                <select id=v_id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    s3(change(&move |c: &mut Clause| c.values = vec![v.clone()]));
                }>
                    {(!known).then(|| view! { <option value=current.clone() selected=true>{format!("{current} — такого ответа нет")}</option> })}
                    {options.into_iter().map(|o| {
                        let selected = o.id == current;
                        view! { <option value=o.id.clone() selected=selected>{format!("{} ({})", o.text.ru, o.id)}</option> }
                    }).collect_view()}
                </select>
            }.into_any()
        }
        _ if matches!(row.op, ClauseOp::Is | ClauseOp::IsNot) => view! { <span></span> }.into_any(),
        _ => {
            let current = row.values.first().cloned().unwrap_or_default();
            let input_type = if kind == Some(QuestionKind::Date) { "date" } else { "text" };
            view! {
                <label for=v_id.clone() class="sr-only">{T.condition_value}</label>
                <input id=v_id type=input_type value=current on:change=move |ev| {
                    let v = event_target_value(&ev);
                    s3(change(&move |c: &mut Clause| c.values = vec![v.clone()]));
                } />
            }
            .into_any()
        }
    };
    view! {
        <div class="clause">
            <label for=q_id.clone() class="sr-only">{format!("{} {}", T.condition_question, i + 1)}</label>
            <select id=q_id on:change=move |ev| {
                let q = event_target_value(&ev);
                let kind = questions.with_untracked(|qs| qs.iter().find(|x| x.id == q).map(|x| x.kind));
                let op = ops_for(kind)[0].0;
                s1(change(&move |c: &mut Clause| { c.question = q.clone(); c.op = op; c.values.clear(); }));
            }>
                {move || questions.get().into_iter().map(|q| {
                    let selected = q.id == current_q;
                    view! { <option value=q.id.clone() selected=selected>{format!("{} ({})", q.text.ru, q.id)}</option> }
                }).collect_view()}
            </select>
            <label for=op_id.clone() class="sr-only">{T.condition_op}</label>
            <select id=op_id on:change=move |ev| {
                if let Some(op) = op_of(&event_target_value(&ev)) {
                    s2(change(&move |c: &mut Clause| { c.op = op; if matches!(op, ClauseOp::Is | ClauseOp::IsNot) { c.values.clear(); } }));
                }
            }>
                {ops_for(kind).iter().map(|(op, text)| {
                    let selected = *op == row.op;
                    view! { <option value=op_name(*op) selected=selected>{*text}</option> }
                }).collect_view()}
            </select>
            {value_input}
            <button type="button" class="small danger" on:click=move |_| {
                let mut r = rows.get_value();
                if i < r.len() { r.remove(i); }
                s4(r);
            }>{format!("{} {}", T.remove, i + 1)}</button>
        </div>
    }
}
