use super::*;
use crate::model::Service;
use crate::source::SourceFile;
use crate::testing;

fn k(s: &str) -> Seg {
    Seg::Key(s.to_string())
}

fn path(segs: &[&str]) -> Vec<Seg> {
    segs.iter().map(|s| s.parse::<usize>().map_or_else(|_| k(s), Seg::Index)).collect()
}

fn doc(text: &str) -> DocumentMut {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn service(doc: &DocumentMut) -> Service {
    toml::from_str(&doc.to_string()).unwrap_or_else(|e| panic!("{e}\n{doc}"))
}

/// The one line `new` has instead of (or besides) a line of `old`; `None` when the
/// texts differ in anything else.
fn single_change(old: &str, new: &str) -> Option<String> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let inserted = b.len() == a.len() + 1 && a[first..] == b[first + 1..];
    let replaced = b.len() == a.len() && first < a.len() && a[first + 1..] == b[first + 1..];
    (inserted || replaced).then(|| b[first].to_string())
}

fn comments(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.trim_start().starts_with('#') || l.contains(" # ")).collect()
}

#[test]
fn the_diff_helper_sees_more_than_one_change() {
    assert_eq!(single_change("a\nb\nc", "a\nx\nc").as_deref(), Some("x"));
    assert_eq!(single_change("a\nb", "a\nx\nb").as_deref(), Some("x"));
    assert_eq!(single_change("a\nb\nc", "x\nb\ny"), None);
    assert_eq!(single_change("a\nb", "a\nx\ny\nb"), None);
}

#[test]
fn a_variant_fee_of_a_real_service_changes_in_one_line_and_loads() {
    let (root, files) = testing::files("irkutsk");
    let original = &testing::file(&files, "services/birth-registration.toml").text;
    let mut d = doc(original);
    let at = path(&["variants", "1", "fee", "amount"]);
    assert_eq!(get(&d, &at, FieldType::Float), FieldValue::Float(350.0));
    set(&mut d, &at, &FieldValue::Float(400.0)).unwrap();
    let edited = d.to_string();
    assert_eq!(single_change(original, &edited).as_deref(), Some("amount = 400"));
    assert_eq!(comments(original), comments(&edited));
    let engine = testing::build(&root, testing::with_text(&files, "services/birth-registration.toml", edited));
    let s = engine.catalog.service("birth-registration").unwrap();
    assert_eq!(s.variants[1].body.fee.as_ref().map(|f| f.amount), Some(400.0));
    assert_eq!(s.variants[3].body.fee.as_ref().map(|f| f.amount), Some(0.0));
}

#[test]
fn a_department_gets_its_hours_in_one_new_line_and_loads() {
    let (root, files) = testing::files("irkutsk");
    let original = &testing::file(&files, "irkutsk/departments.toml").text;
    let mut d = doc(original);
    let zags = path(&["department", "3"]);
    assert_eq!(get(&d, &[zags.as_slice(), &[k("id")]].concat(), FieldType::Str), FieldValue::Str("zags".into()));
    let hours = [zags.as_slice(), &[k("hours")]].concat();
    set(&mut d, &hours, &FieldValue::Text { ru: "пн–пт 9:00–18:00".into(), en: String::new() }).unwrap();
    let edited = d.to_string();
    assert_eq!(single_change(original, &edited).as_deref(), Some("hours = \"пн–пт 9:00–18:00\""));
    assert_eq!(comments(original), comments(&edited));
    let engine = testing::build(&root, testing::with_text(&files, "irkutsk/departments.toml", edited));
    assert_eq!(engine.department("zags").and_then(|d| d.hours.clone()).map(|t| t.ru), Some("пн–пт 9:00–18:00".into()));
}

#[test]
fn inline_and_standard_tables_read_and_write_alike() {
    let mut d = doc("id = \"x\"\nterm = { days = 5 } # inline\n\n[deadline]\nmonths = 1 # standard\n");
    assert_eq!(get(&d, &path(&["term", "days"]), FieldType::Int), FieldValue::Int(5));
    assert_eq!(get(&d, &path(&["deadline", "months"]), FieldType::Int), FieldValue::Int(1));
    set(&mut d, &path(&["term", "days"]), &FieldValue::Int(7)).unwrap();
    set(&mut d, &path(&["deadline", "months"]), &FieldValue::Int(2)).unwrap();
    set(&mut d, &path(&["term", "basis"]), &FieldValue::Text { ru: "ст. 1".into(), en: String::new() }).unwrap();
    set(&mut d, &path(&["deadline", "basis"]), &FieldValue::Text { ru: "ст. 2".into(), en: String::new() }).unwrap();
    assert_eq!(
        d.to_string(),
        "id = \"x\"\nterm = { days = 7, basis = \"ст. 1\" } # inline\n\n[deadline]\nmonths = 2 # standard\nbasis = \"ст. 2\"\n"
    );
}

#[test]
fn a_table_created_under_an_inline_table_is_inline() {
    let mut d = doc("a = { b = 1 }\n");
    set(&mut d, &path(&["a", "c", "d"]), &FieldValue::Int(2)).unwrap();
    assert_eq!(d.to_string(), "a = { b = 1, c = { d = 2 } }\n");
    assert_eq!(get(&d, &path(&["a", "c", "d"]), FieldType::Int), FieldValue::Int(2));
}

#[test]
fn a_table_created_under_a_dotted_table_is_dotted() {
    let mut d = doc("id = \"x\"\nfee.amount = 1\n");
    set(&mut d, &path(&["fee", "basis", "ru"]), &FieldValue::Str("ст. 1".into())).unwrap();
    assert_eq!(d.to_string(), "id = \"x\"\nfee.amount = 1\nfee.basis.ru = \"ст. 1\"\n");
}

#[test]
fn inline_lists_and_lists_of_tables_read_and_write_alike() {
    let text = "channels = [{ kind = \"mfc\", office = \"mfc\" }]\n\n[[documents]]\ndoc = \"passport\"\n\n[[documents]]\ndoc = \"snils\" # номер\n";
    let mut d = doc(text);
    assert_eq!(len(&d, &path(&["channels"])), 1);
    assert_eq!(len(&d, &path(&["documents"])), 2);
    assert_eq!(get(&d, &path(&["channels", "0", "office"]), FieldType::Str), FieldValue::Str("mfc".into()));
    assert_eq!(get(&d, &path(&["documents", "1", "doc"]), FieldType::Str), FieldValue::Str("snils".into()));
    set(&mut d, &path(&["channels", "0", "office"]), &FieldValue::Str("mfc-2".into())).unwrap();
    set(&mut d, &path(&["documents", "1", "doc"]), &FieldValue::Str("inn".into())).unwrap();
    let at = push(&mut d, &path(&["channels"]), &[("kind", FieldValue::Str("portal".into()))]).unwrap();
    assert_eq!(at, 1);
    let at = push(&mut d, &path(&["documents"]), &[("doc", FieldValue::Str("photo".into()))]).unwrap();
    assert_eq!(at, 2);
    assert_eq!(
        d.to_string(),
        "channels = [{ kind = \"mfc\", office = \"mfc-2\" }, { kind = \"portal\" }]\n\n[[documents]]\ndoc = \"passport\"\n\n[[documents]]\ndoc = \"inn\" # номер\n\n[[documents]]\ndoc = \"photo\"\n"
    );
}

#[test]
fn a_missing_service_fee_is_created_before_the_variants() {
    let (_, files) = testing::files("irkutsk");
    let original = &testing::file(&files, "services/ip-registration.toml").text;
    let mut d = doc(original);
    let before = service(&d);
    assert!(before.common.fee.is_none() && before.variants.iter().any(|v| v.body.fee.is_some()));
    set(&mut d, &path(&["fee", "amount"]), &FieldValue::Float(800.0)).unwrap();
    set(&mut d, &path(&["fee", "basis"]), &FieldValue::Text { ru: "НК РФ".into(), en: String::new() }).unwrap();
    let edited = d.to_string();
    let after = service(&d);
    assert_eq!(after.common.fee.as_ref().map(|f| f.amount), Some(800.0));
    assert_eq!(after.variants, before.variants);
    let fee = edited.find("[fee]\namount = 800\nbasis = \"НК РФ\"\n").expect(&edited);
    assert!(fee < edited.find("[[variants]]").unwrap(), "{edited}");
    assert_eq!(comments(original), comments(&edited));
}

#[test]
fn a_missing_variant_fee_is_created_inside_its_variant() {
    let (_, files) = testing::files("irkutsk");
    let mut d = doc(&testing::file(&files, "services/kindergarten-queue.toml").text);
    let before = service(&d);
    set(&mut d, &path(&["variants", "0", "fee", "amount"]), &FieldValue::Float(10.5)).unwrap();
    let after = service(&d);
    assert_eq!(after.variants[0].body.fee.as_ref().map(|f| f.amount), Some(10.5));
    assert_eq!(after.variants[1], before.variants[1]);
    assert_eq!(after.common, before.common);
    assert!(d.to_string().contains("[variants.fee]\namount = 10.5\n"));
}

#[test]
fn removing_a_key_removes_its_line_only() {
    let original = "[fee]\namount = 0\nnote = \"x\" # why\nchecked = \"2026-11-25\"\n";
    let mut d = doc(original);
    set(&mut d, &path(&["fee", "note"]), &FieldValue::Absent).unwrap();
    assert_eq!(d.to_string(), "[fee]\namount = 0\nchecked = \"2026-11-25\"\n");
    assert_eq!(get(&d, &path(&["fee", "note"]), FieldType::Text), FieldValue::Absent);
    // Removing what is not there changes nothing and creates nothing.
    set(&mut d, &path(&["term", "days"]), &FieldValue::Absent).unwrap();
    assert_eq!(d.to_string(), "[fee]\namount = 0\nchecked = \"2026-11-25\"\n");
}

#[test]
fn variants_move_with_their_own_tables_and_comments() {
    let (_, files) = testing::files("irkutsk");
    let original = &testing::file(&files, "services/birth-registration.toml").text;
    let mut d = doc(original);
    let variants = path(&["variants"]);
    let before = service(&d);
    swap(&mut d, &variants, 0, 1).unwrap();
    let after = service(&d);
    let ids = |s: &Service| s.variants.iter().map(|v| v.id.clone().unwrap_or_default()).collect::<Vec<_>>();
    assert_eq!(ids(&after), ["paternity", "married", "mother-only", "abroad"]);
    assert_eq!(after.variants[0], before.variants[1]);
    assert_eq!(after.variants[1], before.variants[0]);
    let swapped = d.to_string();
    let mut sorted = comments(&swapped);
    sorted.sort_unstable();
    let mut expected = comments(original);
    expected.sort_unstable();
    assert_eq!(sorted, expected);
    swap(&mut d, &variants, 1, 0).unwrap();
    assert_eq!(d.to_string(), *original);
}

#[test]
fn a_pushed_variant_comes_last_and_removing_it_restores_the_file() {
    let (_, files) = testing::files("irkutsk");
    let original = &testing::file(&files, "services/birth-registration.toml").text;
    let mut d = doc(original);
    let variants = path(&["variants"]);
    let fields = [("id", FieldValue::Str("test".into())), ("when", FieldValue::Str("representative".into()))];
    assert_eq!(push(&mut d, &variants, &fields).unwrap(), 4);
    assert_eq!(len(&d, &variants), 5);
    let at = push(&mut d, &path(&["variants", "4", "documents"]), &[("doc", FieldValue::Str("passport".into()))]);
    assert_eq!(at, Ok(0));
    let s = service(&d);
    assert_eq!(s.variants[4].id.as_deref(), Some("test"));
    assert_eq!(s.variants[4].body.documents[0].doc, "passport");
    assert_eq!(s.variants[3], service(&doc(original)).variants[3]);
    remove(&mut d, &variants, 4).unwrap();
    assert_eq!(d.to_string(), *original);
    assert!(remove(&mut d, &variants, 4).is_err());
}

#[test]
fn removing_the_last_entry_removes_the_list() {
    let mut d = doc("channels = [{ kind = \"mfc\" }]\n\n[[documents]]\ndoc = \"passport\"\n");
    remove(&mut d, &path(&["channels"]), 0).unwrap();
    remove(&mut d, &path(&["documents"]), 0).unwrap();
    assert_eq!(d.to_string().trim(), "");
    assert_eq!(len(&d, &path(&["documents"])), 0);
}

#[test]
fn a_first_list_under_a_standard_table_is_a_list_of_tables() {
    let mut d = doc("id = \"x\"\n\n[[variants]]\nid = \"a\"\n\n[variants.fee]\namount = 1\n");
    push(&mut d, &path(&["channels"]), &[("kind", FieldValue::Str("mfc".into()))]).unwrap();
    let text = d.to_string();
    assert!(text.find("[[channels]]\nkind = \"mfc\"").unwrap() < text.find("[[variants]]").unwrap(), "{text}");
    push(&mut d, &path(&["variants", "0", "fee", "x"]), &[]).unwrap();
    assert!(d.to_string().contains("[[variants.fee.x]]"));
}

#[test]
fn inline_lists_swap_and_keep_their_spacing() {
    let mut d = doc("criteria = [\n  \"a\",\n  \"b\",\n  \"c\",\n]\n");
    swap(&mut d, &path(&["criteria"]), 0, 2).unwrap();
    assert_eq!(d.to_string(), "criteria = [\n  \"c\",\n  \"b\",\n  \"a\",\n]\n");
    remove(&mut d, &path(&["criteria"]), 0).unwrap();
    assert_eq!(d.to_string(), "criteria = [\n  \"b\",\n  \"a\",\n]\n");
}

#[test]
fn texts_with_and_without_english() {
    let mut d = doc("title = \"Старое\" # заголовок\n");
    assert_eq!(
        get(&d, &path(&["title"]), FieldType::Text),
        FieldValue::Text { ru: "Старое".into(), en: String::new() }
    );
    set(&mut d, &path(&["title"]), &FieldValue::Text { ru: "Новое".into(), en: "New".into() }).unwrap();
    assert_eq!(d.to_string(), "title = { ru = \"Новое\", en = \"New\" } # заголовок\n");
    assert_eq!(get(&d, &path(&["title"]), FieldType::Text), FieldValue::Text { ru: "Новое".into(), en: "New".into() });
    set(&mut d, &path(&["title"]), &FieldValue::Text { ru: "Только".into(), en: String::new() }).unwrap();
    assert_eq!(d.to_string(), "title = \"Только\" # заголовок\n");
}

#[test]
fn text_lists_keep_one_entry_per_line() {
    let mut d = doc("criteria = [\n  { ru = \"а\", en = \"a\" },\n  \"б\",\n]\n");
    let got = get(&d, &path(&["criteria"]), FieldType::TextList);
    assert_eq!(got, FieldValue::TextList(vec![("а".into(), "a".into()), ("б".into(), String::new())]));
    let list = vec![("а".into(), "a".into()), ("в".into(), String::new()), ("г".into(), "d".into())];
    set(&mut d, &path(&["criteria"]), &FieldValue::TextList(list)).unwrap();
    assert_eq!(
        d.to_string(),
        "criteria = [\n  { ru = \"а\", en = \"a\" },\n  \"в\",\n  { ru = \"г\", en = \"d\" },\n]\n"
    );
}

#[test]
fn dates_keep_their_form() {
    let mut d = doc("checked = 2026-11-01\nsource_checked = \"2026-11-01\"\nholidays = [2026-01-09]\n");
    assert_eq!(get(&d, &path(&["checked"]), FieldType::Date), FieldValue::Str("2026-11-01".into()));
    set(&mut d, &path(&["checked"]), &FieldValue::Str("2026-12-01".into())).unwrap();
    set(&mut d, &path(&["source_checked"]), &FieldValue::Str("2026-12-01".into())).unwrap();
    set(&mut d, &path(&["holidays"]), &FieldValue::StrList(vec!["2026-01-09".into(), "2026-12-31".into()])).unwrap();
    set(&mut d, &path(&["new"]), &FieldValue::Str("2026-12-02".into())).unwrap();
    assert_eq!(
        d.to_string(),
        "checked = 2026-12-01\nsource_checked = \"2026-12-01\"\nholidays = [2026-01-09, 2026-12-31]\nnew = \"2026-12-02\"\n"
    );
}

#[test]
fn whole_sums_are_written_as_integers() {
    let mut d = doc("[fee]\namount = 350.0 # рублей\n");
    assert_eq!(get(&d, &path(&["fee", "amount"]), FieldType::Float), FieldValue::Float(350.0));
    set(&mut d, &path(&["fee", "amount"]), &FieldValue::Float(500.0)).unwrap();
    assert_eq!(d.to_string(), "[fee]\namount = 500 # рублей\n");
    set(&mut d, &path(&["fee", "amount"]), &FieldValue::Float(500.5)).unwrap();
    assert_eq!(d.to_string(), "[fee]\namount = 500.5 # рублей\n");
    assert!(set(&mut d, &path(&["fee", "amount"]), &FieldValue::Float(f64::NAN)).is_err());
}

#[test]
fn what_does_not_fit_the_type_is_shown_raw_and_raw_values_are_written_as_toml() {
    let mut d = doc("answers = { married = true, children = 2 }\nrank = \"high\"\n");
    assert_eq!(get(&d, &path(&["rank"]), FieldType::Int), FieldValue::Raw("\"high\"".into()));
    assert_eq!(
        get(&d, &path(&["answers"]), FieldType::Raw),
        FieldValue::Raw("{ married = true, children = 2 }".into())
    );
    set(&mut d, &path(&["answers"]), &FieldValue::Raw("{ married = false }".into())).unwrap();
    assert_eq!(d.to_string(), "answers = { married = false }\nrank = \"high\"\n");
    assert!(set(&mut d, &path(&["answers"]), &FieldValue::Raw("{ married = ".into())).is_err());
}

#[test]
fn paths_through_values_that_are_not_tables_are_errors() {
    let mut d = doc("id = \"x\"\nlist = [1, 2]\n");
    assert!(set(&mut d, &path(&["id", "ru"]), &FieldValue::Str("y".into())).is_err());
    assert!(set(&mut d, &path(&["variants", "0", "id"]), &FieldValue::Str("y".into())).is_err());
    assert!(set(&mut d, &path(&["list", "5"]), &FieldValue::Int(3)).is_err());
    set(&mut d, &path(&["list", "1"]), &FieldValue::Int(3)).unwrap();
    assert_eq!(d.to_string(), "id = \"x\"\nlist = [1, 3]\n");
    assert!(set(&mut d, &[], &FieldValue::Int(3)).is_err());
}

#[test]
fn items_of_a_real_catalog_with_full_and_relative_names() {
    let (root, files) = testing::files("irkutsk");
    let found = items(&files);
    let count = |kind| found.iter().filter(|i| i.kind == kind).count();
    let engine = testing::engine("irkutsk");
    let c = &engine.catalog;
    assert_eq!(count(ItemKind::Meta), 1);
    assert_eq!(count(ItemKind::Service), c.services.len());
    assert_eq!(count(ItemKind::Situation), c.situations.len());
    assert_eq!(count(ItemKind::Question), c.questions.len());
    assert_eq!(count(ItemKind::Document), c.documents.len());
    assert_eq!(count(ItemKind::Department), c.departments.len());
    assert!(count(ItemKind::Scenario) >= 11);
    let zags = found.iter().find(|i| i.kind == ItemKind::Department && i.id == "zags").unwrap();
    assert_eq!(zags.at, path(&["department", "3"]));
    assert_eq!(zags.title, c.department("zags").unwrap().name.ru);
    let snils = found.iter().find(|i| i.id == "child-snils").unwrap();
    assert_eq!((snils.kind, snils.at.is_empty()), (ItemKind::Service, true));

    let relative: Vec<SourceFile> = files
        .iter()
        .map(|f| SourceFile { name: crate::source::relative(&root, &f.name), text: f.text.clone() })
        .chain([SourceFile { name: "services/broken.toml".into(), text: "id = ".into() }])
        .collect();
    let again = items(&relative);
    assert_eq!(again.len(), found.len());
    assert!(again.iter().all(|i| !i.file.contains("irkutsk")));
}

mod schema_covers_the_model {
    use super::super::{schema, FieldSpec, FieldType, ItemKind};
    use serde_json::Value as J;

    fn target<'a>(defs: &'a J, s: &'a J) -> Option<&'a J> {
        if let Some(r) = s.get("$ref").and_then(J::as_str) {
            return defs.get(r.trim_start_matches("#/$defs/"));
        }
        let nested = ["items", "anyOf", "oneOf"].into_iter().filter_map(|k| s.get(k));
        nested.flat_map(|n| n.as_array().cloned().unwrap_or_else(|| vec![n.clone()])).find_map(|n| {
            let r = n.get("$ref").or_else(|| n.get("items").and_then(|i| i.get("$ref")))?.as_str()?.to_string();
            defs.get(r.trim_start_matches("#/$defs/"))
        })
    }

    /// The words an enum takes, sorted: schemars writes them as `enum` or as `oneOf`
    /// entries of `const` (variants with a doc comment) or one-word `enum`s.
    fn choices(def: &J) -> Option<Vec<String>> {
        let mut words: Vec<String> = match (def.get("enum"), def.get("oneOf")) {
            (Some(e), _) => e.as_array()?.iter().filter_map(J::as_str).map(str::to_string).collect(),
            (None, Some(one_of)) => one_of
                .as_array()?
                .iter()
                .flat_map(|o| {
                    o.get("const").into_iter().chain(o.get("enum").and_then(J::as_array).into_iter().flatten())
                })
                .filter_map(J::as_str)
                .map(str::to_string)
                .collect(),
            (None, None) => return None,
        };
        words.sort();
        Some(words)
    }

    /// Every property of `def` has a field spec (and the reverse), with matching
    /// `required`, choices and children.
    fn cover(defs: &J, def: &J, specs: &[FieldSpec], at: &str, problems: &mut Vec<String>) {
        let props = def.get("properties").and_then(J::as_object).cloned().unwrap_or_default();
        let required: Vec<&str> =
            def.get("required").and_then(J::as_array).into_iter().flatten().filter_map(J::as_str).collect();
        for (name, prop) in &props {
            let Some(spec) = specs.iter().find(|s| s.key == name) else {
                problems.push(format!("{at}.{name} has no field spec"));
                continue;
            };
            if spec.required != required.contains(&name.as_str()) {
                problems.push(format!("{at}.{name}: required is {} in the spec", spec.required));
            }
            let Some(inner) = target(defs, prop) else { continue };
            if inner.get("properties").is_some() {
                cover(defs, inner, spec.children, &format!("{at}.{name}"), problems);
            } else if let Some(words) = choices(inner) {
                let mut spec_words = match spec.ty {
                    FieldType::Choice(c) => c.to_vec(),
                    _ => Vec::new(),
                };
                spec_words.sort_unstable();
                if spec_words != words {
                    problems.push(format!("{at}.{name}: the choices are {words:?}"));
                }
            }
        }
        for spec in specs.iter().filter(|s| !props.contains_key(s.key)) {
            problems.push(format!("{at}.{} is not in the model", spec.key));
        }
    }

    fn problems_of(schema_json: J, kinds: &[(&str, ItemKind)]) -> Vec<String> {
        let defs = schema_json.get("$defs").cloned().unwrap_or(J::Null);
        let mut problems = Vec::new();
        for (name, prop) in schema_json["properties"].as_object().unwrap() {
            match kinds.iter().find(|(k, _)| k == name) {
                None => problems.push(format!("{name} has no kind of item")),
                Some((_, kind)) => cover(&defs, target(&defs, prop).unwrap(), schema(*kind), name, &mut problems),
            }
        }
        problems
    }

    #[test]
    fn every_field_of_the_catalog_has_a_form_field() {
        let s = serde_json::to_value(schemars::schema_for!(crate::Catalog)).unwrap();
        let kinds = [
            ("meta", ItemKind::Meta),
            ("departments", ItemKind::Department),
            ("questions", ItemKind::Question),
            ("documents", ItemKind::Document),
            ("situations", ItemKind::Situation),
            ("services", ItemKind::Service),
        ];
        let mut s = s;
        // The bundle's format number is written by `lifenav build`, never by editors.
        s["properties"].as_object_mut().unwrap().remove("format");
        assert_eq!(problems_of(s, &kinds), Vec::<String>::new());
        assert_eq!(schema(ItemKind::Category), schema(ItemKind::Meta)[4].children);
    }

    #[test]
    fn every_field_of_a_scenario_has_a_form_field() {
        let s = serde_json::to_value(schemars::schema_for!(crate::scenario::ScenarioFile)).unwrap();
        assert_eq!(problems_of(s, &[("scenario", ItemKind::Scenario)]), Vec::<String>::new());
    }

    #[test]
    fn the_check_finds_a_field_without_a_form() {
        let s = serde_json::to_value(schemars::schema_for!(crate::Catalog)).unwrap();
        let defs = s["$defs"].clone();
        let mut problems = Vec::new();
        let trimmed: Vec<FieldSpec> =
            schema(ItemKind::Department).iter().filter(|f| f.key != "hours").copied().collect();
        cover(&defs, &defs["Department"], &trimmed, "departments", &mut problems);
        assert_eq!(problems, ["departments.hours has no field spec"]);
    }
}
