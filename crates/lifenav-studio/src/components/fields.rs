//! A form for one item of the catalog, built from the core's field schema
//! (`lifenav_core::edit::schema`): every field of the format has an input. The file's text
//! is the only state: each input reads its value from the parsed file and writes one value
//! back with `lifenav_core::edit::set`, so comments and layout of hand-edited files survive
//! and the form and the TOML source can never disagree.

use crate::components::condition::ConditionField;
use crate::i18n::{self, T};
use crate::links::field_id;
use crate::workspace::{use_workspace, Workspace};
use leptos::prelude::*;
use lifenav_core::diagnostic::Seg;
use lifenav_core::edit::{self, FieldSpec, FieldType, FieldValue};
use lifenav_core::ItemKind;
use std::sync::Arc;
use toml_edit::DocumentMut;

/// A parsed file. Two parses are never "equal": every field re-reads its value, and only
/// those whose value changed touch the page.
#[derive(Clone)]
pub struct Doc(pub Arc<DocumentMut>);

impl PartialEq for Doc {
    fn eq(&self, other: &Doc) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What every field of one form shares: the file, its parsed text, where the item is in
/// it, and the check's messages about the item's fields.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub file: StoredValue<String>,
    pub doc: Memo<Option<Doc>>,
    /// How many segments of a path lead to the item (`["department", 3]`: 2).
    pub at_len: usize,
    /// (field id, message) of the check's problems about this item.
    pub problems: Signal<Vec<(String, String)>>,
    ws: Workspace,
}

impl FormCtx {
    pub fn new(file: String, at_len: usize, problems: Signal<Vec<(String, String)>>) -> FormCtx {
        let ws = use_workspace();
        let f = file.clone();
        let doc = Memo::new(move |_| {
            ws.draft.with(|d| d.text(&f).and_then(|t| t.parse::<DocumentMut>().ok())).map(|d| Doc(Arc::new(d)))
        });
        FormCtx { file: StoredValue::new(file), doc, at_len, problems, ws }
    }

    fn get(&self, path: &[Seg], ty: FieldType) -> FieldValue {
        self.doc.with(|d| d.as_ref().map(|d| edit::get(&d.0, path, ty)).unwrap_or(FieldValue::Absent))
    }

    fn len(&self, path: &[Seg]) -> usize {
        self.doc.with(|d| d.as_ref().map(|d| edit::len(&d.0, path)).unwrap_or(0))
    }

    fn change(&self, op: impl FnOnce(&mut DocumentMut) -> Result<(), edit::EditError>) {
        let file = self.file.get_value();
        self.ws.update(&file, |text| {
            let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
            op(&mut doc).map_err(|e| e.to_string())?;
            Ok(doc.to_string())
        });
    }

    pub fn set(&self, path: Vec<Seg>, value: FieldValue) {
        self.change(move |doc| edit::set(doc, &path, &value));
    }

    fn id(&self, path: &[Seg]) -> String {
        field_id(&path[self.at_len.min(path.len())..])
    }

    /// The check's messages about exactly this field.
    fn messages(&self, id: String) -> Signal<Vec<String>> {
        let problems = self.problems;
        Signal::derive(move || problems.with(|p| p.iter().filter(|(f, _)| *f == id).map(|(_, m)| m.clone()).collect()))
    }
}

fn child(path: &[Seg], key: &str) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(Seg::Key(key.to_string()));
    p
}

fn index(path: &[Seg], i: usize) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(Seg::Index(i));
    p
}

fn label_of(spec: &FieldSpec) -> String {
    let l = i18n::label(spec.key);
    let l = if l.is_empty() { spec.key } else { l };
    if spec.required {
        format!("{l} (обязательно)")
    } else {
        l.to_string()
    }
}

/// The check's messages under a field, announced by screen readers with the field.
#[component]
fn FieldMessages(id: String, messages: Signal<Vec<String>>) -> impl IntoView {
    let msg_id = format!("{id}-msg");
    view! {
        <Show when=move || messages.with(|m| !m.is_empty())>
            <ul class="field-problems" id=msg_id.clone()>
                {move || messages.get().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
        </Show>
    }
}

/// The fields `specs` of the table at `base`.
#[component]
pub fn Fields(ctx: FormCtx, base: Vec<Seg>, specs: Vec<&'static FieldSpec>) -> impl IntoView {
    specs.into_iter().map(|spec| view! { <Field ctx base=base.clone() spec /> }).collect_view()
}

/// All the fields of a spec list.
pub fn all(specs: &'static [FieldSpec]) -> Vec<&'static FieldSpec> {
    specs.iter().collect()
}

#[component]
fn Field(ctx: FormCtx, base: Vec<Seg>, spec: &'static FieldSpec) -> impl IntoView {
    let path = child(&base, spec.key);
    match spec.ty {
        FieldType::Table if is_period(spec) => view! { <PeriodField ctx path spec /> }.into_any(),
        FieldType::Table => view! { <TableField ctx path spec /> }.into_any(),
        FieldType::TableList => view! { <TableListField ctx path spec /> }.into_any(),
        FieldType::Condition => view! { <ConditionField ctx path label=label_of(spec) /> }.into_any(),
        _ => view! { <ScalarField ctx path spec /> }.into_any(),
    }
}

fn is_period(spec: &FieldSpec) -> bool {
    spec.children.iter().any(|c| c.key == "working_days")
}

/// One input for one value.
#[component]
fn ScalarField(ctx: FormCtx, path: Vec<Seg>, spec: &'static FieldSpec) -> impl IntoView {
    let id = ctx.id(&path);
    let messages = ctx.messages(id.clone());
    let label = label_of(spec);
    let described = format!("{id}-msg");
    let p = path.clone();
    let value = Memo::new(move |_| ctx.get(&p, spec.ty));
    let input = match spec.ty {
        FieldType::Text => view! { <TextInput ctx path value id=id.clone() label=label.clone() key=spec.key /> }.into_any(),
        FieldType::TextList => view! { <TextListInput ctx path value id=id.clone() label=label.clone() /> }.into_any(),
        FieldType::Bool => view! { <BoolInput ctx path value id=id.clone() label=label.clone() key=spec.key /> }.into_any(),
        FieldType::Choice(options) => {
            let options: Vec<(String, String)> =
                options.iter().map(|o| (o.to_string(), Some(i18n::choice(o)).filter(|c| !c.is_empty()).unwrap_or(o).to_string())).collect();
            view! { <SelectInput ctx path value id=id.clone() label=label.clone() options=Signal::stored(options) /> }.into_any()
        }
        FieldType::Ref(kind) if matches!(kind, ItemKind::Document | ItemKind::Department | ItemKind::Service) => {
            let options = ref_options(kind);
            view! { <PickerInput ctx path value id=id.clone() label=label.clone() options /> }.into_any()
        }
        FieldType::Ref(kind) => {
            let options = ref_options(kind);
            view! { <SelectInput ctx path value id=id.clone() label=label.clone() options /> }.into_any()
        }
        FieldType::RefList(kind) => {
            let options = ref_options(kind);
            view! { <RefListInput ctx path value id=id.clone() label=label.clone() options /> }.into_any()
        }
        FieldType::StrList | FieldType::DateList => {
            view! { <LinesInput ctx path value id=id.clone() label=label.clone() dates=matches!(spec.ty, FieldType::DateList) /> }.into_any()
        }
        FieldType::Raw => view! { <RawInput ctx path value id=id.clone() label=label.clone() /> }.into_any(),
        FieldType::Money => view! { <MoneyInput ctx path value id=id.clone() label=label.clone() /> }.into_any(),
        _ => view! { <PlainInput ctx path value id=id.clone() label=label.clone() ty=spec.ty /> }.into_any(),
    };
    view! {
        <div class="field" aria-describedby=described>
            {input}
            <FieldMessages id=id messages />
        </div>
    }
}

fn str_of(v: &FieldValue) -> String {
    match v {
        FieldValue::Str(s) | FieldValue::Raw(s) => s.clone(),
        FieldValue::Int(n) => n.to_string(),
        FieldValue::Float(f) => f.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::Text { ru, .. } => ru.clone(),
        _ => String::new(),
    }
}

/// Ids and titles of the items of a kind, from the last check of the draft.
fn ref_options(kind: ItemKind) -> Signal<Vec<(String, String)>> {
    let ws = use_workspace();
    Signal::derive(move || {
        ws.checked.with(|c| {
            c.as_ref()
                .map(|c| {
                    c.items
                        .iter()
                        .filter(|i| i.kind == kind)
                        .map(|i| (i.id.clone(), if i.title.is_empty() { i.id.clone() } else { i.title.clone() }))
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

#[component]
fn PlainInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    ty: FieldType,
) -> impl IntoView {
    let input_type = match ty {
        FieldType::Int | FieldType::Float => "number",
        FieldType::Date => "date",
        FieldType::Url => "url",
        _ => "text",
    };
    let step = if ty == FieldType::Float { "any" } else { "1" };
    let on_input = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        let raw = raw.trim();
        let v = match ty {
            _ if raw.is_empty() => Some(FieldValue::Absent),
            FieldType::Int => raw.parse().ok().map(FieldValue::Int),
            FieldType::Float => raw.replace(',', ".").parse().ok().map(FieldValue::Float),
            _ => Some(FieldValue::Str(raw.to_string())),
        };
        if let Some(v) = v {
            ctx.set(path.clone(), v);
        }
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id type=input_type step=step prop:value=move || str_of(&value.get()) on:change=on_input />
    }
}

/// A sum of money, typed the Russian way: «350», «350,50», «1 500,50 ₽». It is read by
/// the core's parser as it is typed, so Save lights up at once and a sum that is not one
/// is said at the field, with what to do; what the file holds is always whole kopecks.
#[component]
fn MoneyInput(ctx: FormCtx, path: Vec<Seg>, value: Memo<FieldValue>, id: String, label: String) -> impl IntoView {
    use lifenav_core::money;
    let error = RwSignal::new(None::<String>);
    // What the editor is typing stays as typed («500,5» is not rewritten to «500,50» under
    // the cursor); the sum is shown the usual way once they leave the field.
    let typing = RwSignal::new(None::<String>);
    let shown = move || {
        typing.get().unwrap_or_else(|| match value.get() {
            FieldValue::Float(f) => money::kopecks_of(f).map(money::typed).unwrap_or_else(|| f.to_string()),
            other => str_of(&other),
        })
    };
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <label for=id.clone()>{format!("{label}, ₽")}</label>
        <input id=id type="text" inputmode="decimal" autocomplete="off" class="money"
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=described
            prop:value=shown
            on:input=move |ev| {
                let typed = event_target_value(&ev);
                typing.set(Some(typed.clone()));
                match money::parse(&typed) {
                    Ok(k) => {
                        error.set(None);
                        ctx.set(path.clone(), FieldValue::Float(money::roubles(k)));
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            }
            on:blur=move |_| { if error.with_untracked(Option::is_none) { typing.set(None) } } />
        <p class="hint">{"Например: 350 или 1 500,50"}</p>
        {move || error.get().map(|e| view! { <p class="field-problems" id=error_id.clone() role="alert">{e}</p> })}
    }
}

#[component]
fn TextInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    key: &'static str,
) -> impl IntoView {
    let parts = move || match value.get() {
        FieldValue::Text { ru, en } => (ru, en),
        other => (str_of(&other), String::new()),
    };
    let long = matches!(key, "summary" | "help" | "note" | "text" | "basis" | "name" | "address" | "hours" | "event");
    let en_id = format!("{id}-en");
    let set = move |ru: String, en: String| {
        let v =
            if ru.trim().is_empty() && en.trim().is_empty() { FieldValue::Absent } else { FieldValue::Text { ru, en } };
        ctx.set(path.clone(), v);
    };
    let set_en = set.clone();
    let ru_input = if long {
        view! { <textarea id=id.clone() rows="2" prop:value=move || parts().0
        on:input=move |ev| set(event_target_value(&ev), parts().1)></textarea> }
        .into_any()
    } else {
        view! { <input id=id.clone() type="text" prop:value=move || parts().0
        on:input=move |ev| set(event_target_value(&ev), parts().1) /> }
        .into_any()
    };
    view! {
        <label for=id.clone()>{label.clone()}</label>
        {ru_input}
        <details class="en" open=move || !parts().1.is_empty()>
            <summary>{T.en_optional}</summary>
            <label for=en_id.clone() class="sr-only">{format!("{label}: {}", T.en_optional)}</label>
            <input id=en_id type="text" lang="en" prop:value=move || parts().1
                on:input=move |ev| set_en(parts().0, event_target_value(&ev)) />
        </details>
    }
}

#[component]
fn BoolInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    key: &'static str,
) -> impl IntoView {
    // `original` is true unless written otherwise; the other flags are false.
    let default = key == "original";
    let checked = move || match value.get() {
        FieldValue::Bool(b) => b,
        _ => default,
    };
    view! {
        <input id=id.clone() type="checkbox" prop:checked=checked
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                ctx.set(path.clone(), if on == default { FieldValue::Absent } else { FieldValue::Bool(on) });
            } />
        <label for=id class="check">{label}</label>
    }
}

#[component]
fn SelectInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let current = move || str_of(&value.get());
    // A value the catalog does not know stays visible (the check says why it is wrong).
    let all = move || {
        let mut o = options.get();
        let c = current();
        if !c.is_empty() && !o.iter().any(|(v, _)| *v == c) {
            o.insert(0, (c.clone(), format!("{c} — нет в каталоге")));
        }
        o
    };
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id prop:value=current
            on:change=move |ev| {
                let v = event_target_value(&ev);
                ctx.set(path.clone(), if v.is_empty() { FieldValue::Absent } else { FieldValue::Str(v) });
            }>
            <option value="">{T.not_set}</option>
            {move || all().into_iter().map(|(v, text)| {
                let selected = v == current();
                view! { <option value=v selected=selected>{text}</option> }
            }).collect_view()}
        </select>
    }
}

/// A long list (the catalog's documents, departments, services) chosen by typing part of
/// a name: a text input with the names as suggestions, never a list of a hundred items or
/// an id to type. The file keeps the id; the field shows the name.
#[component]
fn PickerInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let list_id = format!("{id}-options");
    let error_id = format!("{id}-error");
    let name_of = move |v: &str| {
        options.with(|o| o.iter().find(|(k, _)| k == v).map(|(_, t)| t.clone())).unwrap_or_else(|| v.to_string())
    };
    let shown = move || {
        let v = str_of(&value.get());
        if v.is_empty() {
            v
        } else {
            name_of(&v)
        }
    };
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id type="text" list=list_id.clone() autocomplete="off" class="picker"
            placeholder="начните вводить название"
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=error_id.clone()
            prop:value=shown
            on:change=move |ev| {
                let typed = event_target_value(&ev).trim().to_string();
                if typed.is_empty() {
                    error.set(None);
                    ctx.set(path.clone(), FieldValue::Absent);
                    return;
                }
                let found = options.with_untracked(|o| {
                    o.iter().find(|(k, t)| *t == typed || *k == typed).map(|(k, _)| k.clone())
                        .or_else(|| {
                            let low = typed.to_lowercase();
                            let matches: Vec<&String> = o.iter().filter(|(_, t)| t.to_lowercase().contains(&low)).map(|(k, _)| k).collect();
                            (matches.len() == 1).then(|| matches[0].clone())
                        })
                });
                match found {
                    Some(k) => {
                        error.set(None);
                        ctx.set(path.clone(), FieldValue::Str(k));
                    }
                    None => error.set(Some(format!("«{typed}» нет в каталоге: выберите из подсказок"))),
                }
            } />
        <datalist id=list_id>
            {move || options.get().into_iter().map(|(_, t)| view! { <option value=t></option> }).collect_view()}
        </datalist>
        {move || error.get().map(|e| view! { <p class="field-problems" id=error_id.clone() role="alert">{e}</p> })}
    }
}

fn lines_of(v: &FieldValue) -> Vec<String> {
    match v {
        FieldValue::StrList(l) => l.clone(),
        FieldValue::Str(s) => vec![s.clone()],
        _ => Vec::new(),
    }
}

#[component]
fn LinesInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    dates: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    view! {
        <label for=id.clone()>{format!("{label} ({})", T.one_per_line)}</label>
        <textarea id=id rows="3" prop:value=move || lines_of(&value.get()).join("\n")
            on:change=move |ev| {
                let lines: Vec<String> = event_target_value(&ev).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
                let bad = lines.iter().find(|l| dates && lifenav_core::Date::parse(l).is_err());
                match bad {
                    Some(b) => error.set(Some(format!("«{b}» — не дата ГГГГ-ММ-ДД"))),
                    None => {
                        error.set(None);
                        ctx.set(path.clone(), if lines.is_empty() { FieldValue::Absent } else { FieldValue::StrList(lines) });
                    }
                }
            }></textarea>
        {move || error.get().map(|e| view! { <p class="field-problems" role="alert">{e}</p> })}
    }
}

#[component]
fn RawInput(ctx: FormCtx, path: Vec<Seg>, value: Memo<FieldValue>, id: String, label: String) -> impl IntoView {
    view! {
        <label for=id.clone()>{format!("{label} (TOML)")}</label>
        <textarea id=id class="code" rows="2" prop:value=move || str_of(&value.get())
            on:change=move |ev| {
                let raw = event_target_value(&ev);
                ctx.set(path.clone(), if raw.trim().is_empty() { FieldValue::Absent } else { FieldValue::Raw(raw) });
            }></textarea>
    }
}

#[component]
fn TextListInput(ctx: FormCtx, path: Vec<Seg>, value: Memo<FieldValue>, id: String, label: String) -> impl IntoView {
    let attr_id = id.clone();
    let items = move || match value.get() {
        FieldValue::TextList(l) => l,
        _ => Vec::new(),
    };
    let write = move |list: Vec<(String, String)>| {
        ctx.set(path.clone(), if list.is_empty() { FieldValue::Absent } else { FieldValue::TextList(list) })
    };
    let add = write.clone();
    view! {
        <fieldset class="textlist" id=attr_id>
            <legend>{label}</legend>
            <For each=move || 0..items().len() key=|i| *i let:i>
                {
                    let write = write.clone();
                    let remove = write.clone();
                    let item_id = format!("{id}-{i}");
                    view! {
                        <div class="textlist-item">
                            <label for=item_id.clone() class="sr-only">{format!("{} {}", T.text, i + 1)}</label>
                            <textarea id=item_id rows="2" prop:value=move || items().get(i).map(|t| t.0.clone()).unwrap_or_default()
                                on:input=move |ev| {
                                    let mut l = items();
                                    if let Some(t) = l.get_mut(i) { t.0 = event_target_value(&ev); }
                                    write(l);
                                }></textarea>
                            <button type="button" class="small" on:click=move |_| {
                                let mut l = items();
                                if i < l.len() { l.remove(i); }
                                remove(l);
                            }>{format!("{} {}", T.remove, i + 1)}</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="small" on:click=move |_| {
                let mut l = items();
                l.push((String::new(), String::new()));
                add(l);
            }>{T.add}</button>
        </fieldset>
    }
}

#[component]
fn RefListInput(
    ctx: FormCtx,
    path: Vec<Seg>,
    value: Memo<FieldValue>,
    id: String,
    label: String,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let attr_id = id.clone();
    let items = move || lines_of(&value.get());
    let write = move |list: Vec<String>| {
        ctx.set(path.clone(), if list.is_empty() { FieldValue::Absent } else { FieldValue::StrList(list) })
    };
    let add = write.clone();
    view! {
        <fieldset class="reflist" id=attr_id>
            <legend>{label}</legend>
            <For each=move || 0..items().len() key=|i| *i let:i>
                {
                    let write = write.clone();
                    let remove = write.clone();
                    let item_id = format!("{id}-{i}");
                    let current = move || items().get(i).cloned().unwrap_or_default();
                    view! {
                        <div class="reflist-item">
                            <label for=item_id.clone() class="sr-only">{format!("{} {}", i18n::label("doc"), i + 1)}</label>
                            <select id=item_id prop:value=current on:change=move |ev| {
                                let mut l = items();
                                if let Some(x) = l.get_mut(i) { *x = event_target_value(&ev); }
                                write(l);
                            }>
                                {move || {
                                    let c = current();
                                    let mut o = options.get();
                                    if !o.iter().any(|(v, _)| *v == c) { o.insert(0, (c.clone(), format!("{c} — нет в каталоге"))); }
                                    o.into_iter().map(|(v, t)| { let s = v == c; view! { <option value=v selected=s>{t}</option> } }).collect_view()
                                }}
                            </select>
                            <button type="button" class="small" on:click=move |_| {
                                let mut l = items();
                                if i < l.len() { l.remove(i); }
                                remove(l);
                            }>{format!("{} {}", T.remove, i + 1)}</button>
                        </div>
                    }
                }
            </For>
            <button type="button" class="small" on:click=move |_| {
                let mut l = items();
                l.push(options.get_untracked().first().map(|o| o.0.clone()).unwrap_or_default());
                add(l);
            }>{T.add}</button>
        </fieldset>
    }
}

/// A sub-table (`[fee]`): added when missing, removed whole.
#[component]
fn TableField(ctx: FormCtx, path: Vec<Seg>, spec: &'static FieldSpec) -> impl IntoView {
    let id = ctx.id(&path);
    let attr_id = id.clone();
    let messages = ctx.messages(id.clone());
    let p = path.clone();
    let present = Memo::new(move |_| ctx.get(&p, FieldType::Raw) != FieldValue::Absent);
    let label = label_of(spec);
    let first = spec.children.first().map(|c| c.key).unwrap_or("amount");
    let (add_path, remove_path, fields_path) = (path.clone(), path.clone(), path);
    view! {
        <fieldset class="table" id=attr_id>
            <legend>{label.clone()}</legend>
            <FieldMessages id=id messages />
            <Show when=move || present.get()
                fallback=move || {
                    let add_path = add_path.clone();
                    view! { <button type="button" class="small" on:click=move |_| {
                        let default = if first == "amount" { FieldValue::Float(0.0) } else { FieldValue::Int(0) };
                        ctx.set(child(&add_path, first), default);
                    }>{format!("{}: {}", T.add, label.to_lowercase())}</button> }
                }>
                <Fields ctx base=fields_path.clone() specs=all(spec.children) />
                {
                    let remove_path = remove_path.clone();
                    view! { <button type="button" class="small danger" on:click=move |_| ctx.set(remove_path.clone(), FieldValue::Absent)>{T.remove}</button> }
                }
            </Show>
        </fieldset>
    }
}

const UNITS: [(&str, &str); 3] =
    [("days", "календарных дней"), ("working_days", "рабочих дней"), ("months", "месяцев")];

/// A term or deadline: one number and its unit (the format allows exactly one of days,
/// working days and months), with its basis and source below.
#[component]
fn PeriodField(ctx: FormCtx, path: Vec<Seg>, spec: &'static FieldSpec) -> impl IntoView {
    let id = ctx.id(&path);
    let attr_id = id.clone();
    let messages = ctx.messages(id.clone());
    let p = path.clone();
    let amount = Memo::new(move |_| {
        UNITS.iter().find_map(|(k, _)| match ctx.get(&child(&p, k), FieldType::Int) {
            FieldValue::Int(n) => Some((k.to_string(), n)),
            _ => None,
        })
    });
    let present = {
        let p = path.clone();
        Memo::new(move |_| ctx.get(&p, FieldType::Raw) != FieldValue::Absent)
    };
    let label = label_of(spec);
    let number_id = format!("{id}-amount");
    let unit_id = format!("{id}-unit");
    let others: Vec<&'static FieldSpec> =
        spec.children.iter().filter(|c| !UNITS.iter().any(|(k, _)| *k == c.key)).collect();
    let write = {
        let path = path.clone();
        move |unit: String, n: i64| {
            let path = path.clone();
            ctx.change(move |doc| {
                for (k, _) in UNITS {
                    edit::set(doc, &child(&path, k), &FieldValue::Absent)?;
                }
                edit::set(doc, &child(&path, &unit), &FieldValue::Int(n))
            });
        }
    };
    let write_unit = write.clone();
    let add = write.clone();
    let remove_path = path.clone();
    let fields_path = path;
    view! {
        <fieldset class="table" id=attr_id>
            <legend>{label.clone()}</legend>
            <FieldMessages id=id messages />
            <Show when=move || present.get()
                fallback=move || {
                    let add = add.clone();
                    view! { <button type="button" class="small" on:click=move |_| add("working_days".into(), 0)>{format!("{}: {}", T.add, label.to_lowercase())}</button> }
                }>
                <div class="period">
                    <label for=number_id.clone()>{"Срок"}</label>
                    <input id=number_id.clone() type="number" min="0" step="1"
                        prop:value=move || amount.get().map(|a| a.1.to_string()).unwrap_or_default()
                        on:change={
                            let write = write.clone();
                            move |ev| {
                                if let Ok(n) = event_target_value(&ev).trim().parse::<i64>() {
                                    let unit = amount.get_untracked().map(|a| a.0).unwrap_or_else(|| "working_days".into());
                                    write(unit, n);
                                }
                            }
                        } />
                    <label for=unit_id.clone() class="sr-only">{"Единица срока"}</label>
                    <select id=unit_id.clone() prop:value=move || amount.get().map(|a| a.0).unwrap_or_default()
                        on:change={
                            let write_unit = write_unit.clone();
                            move |ev| write_unit(event_target_value(&ev), amount.get_untracked().map(|a| a.1).unwrap_or(0))
                        }>
                        {UNITS.iter().map(|(k, t)| {
                            let selected = move || amount.get().is_some_and(|a| a.0 == *k);
                            view! { <option value=*k selected=selected>{*t}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <Fields ctx base=fields_path.clone() specs=others.clone() />
                {
                    let remove_path = remove_path.clone();
                    view! { <button type="button" class="small danger" on:click=move |_| ctx.set(remove_path.clone(), FieldValue::Absent)>{T.remove}</button> }
                }
            </Show>
        </fieldset>
    }
}

/// What to call an entry of a list in its heading: its title, document, service, kind or id.
fn entry_name(ctx: &FormCtx, path: &[Seg], spec: &FieldSpec) -> String {
    for key in ["title", "text", "doc", "service", "kind", "id", "name"] {
        if let Some(c) = spec.children.iter().find(|c| c.key == key) {
            let v = str_of(&ctx.get(&child(path, key), c.ty));
            if !v.is_empty() {
                return if c.key == "kind" { i18n::choice(&v).to_string() } else { v };
            }
        }
    }
    String::new()
}

/// A list of tables (`[[variants]]`, a service's documents, channels, …): each entry
/// with its fields, moved up and down, removed; new ones added at the end.
#[component]
fn TableListField(ctx: FormCtx, path: Vec<Seg>, spec: &'static FieldSpec) -> impl IntoView {
    let id = ctx.id(&path);
    let attr_id = id.clone();
    let messages = ctx.messages(id.clone());
    let p = path.clone();
    let len = Memo::new(move |_| ctx.len(&p));
    let label = label_of(spec);
    let add_path = path.clone();
    view! {
        <fieldset class="list" id=attr_id>
            <legend>{format!("{label}: {}", len.get_untracked())}</legend>
            <FieldMessages id=id messages />
            <For each=move || 0..len.get() key=|i| *i let:i>
                {
                    let entry = index(&path, i);
                    let entry_id = ctx.id(&entry);
                    let name_path = entry.clone();
                    let heading = move || {
                        let name = entry_name(&ctx, &name_path, spec);
                        if name.is_empty() { format!("{}", i + 1) } else { format!("{}. {name}", i + 1) }
                    };
                    let (up, down, remove) = (path.clone(), path.clone(), path.clone());
                    view! {
                        <details class="entry" id=entry_id open={move || len.get() <= 3 || spec.children.len() <= 4}>
                            <summary>{heading}</summary>
                            <Fields ctx base=entry.clone() specs=all(spec.children) />
                            <div class="entry-actions">
                                <button type="button" class="small" disabled=move || i == 0
                                    on:click=move |_| { let p = up.clone(); ctx.change(move |d| edit::swap(d, &p, i - 1, i)) }>{T.up}</button>
                                <button type="button" class="small" disabled={move || i + 1 >= len.get()}
                                    on:click=move |_| { let p = down.clone(); ctx.change(move |d| edit::swap(d, &p, i, i + 1)) }>{T.down}</button>
                                <button type="button" class="small danger"
                                    on:click=move |_| { let p = remove.clone(); ctx.change(move |d| edit::remove(d, &p, i)) }>{format!("{} {}", T.remove, i + 1)}</button>
                            </div>
                        </details>
                    }
                }
            </For>
            <button type="button" class="small" on:click=move |_| {
                let p = add_path.clone();
                let fields: Vec<(&str, FieldValue)> = spec.children.iter().filter(|c| c.required).map(|c| (c.key, default_of(c))).collect();
                ctx.change(move |d| edit::push(d, &p, &fields).map(|_| ()));
            }>{format!("{}: {}", T.add, label.to_lowercase())}</button>
        </fieldset>
    }
}

/// What a required field of a new entry starts as: empty, for the check to point at.
fn default_of(spec: &FieldSpec) -> FieldValue {
    match spec.ty {
        FieldType::Text => FieldValue::Text { ru: String::new(), en: String::new() },
        FieldType::Choice(options) => FieldValue::Str(options.first().map(|o| o.to_string()).unwrap_or_default()),
        FieldType::Float | FieldType::Money => FieldValue::Float(0.0),
        FieldType::Int => FieldValue::Int(0),
        FieldType::Bool => FieldValue::Bool(false),
        _ => FieldValue::Str(String::new()),
    }
}
