//! The `lifenav` binary, run as editors and CI run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn lifenav(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lifenav")).args(args).current_dir(root()).output().expect("run lifenav")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the example catalog in a temporary folder, to break on purpose.
fn scratch_catalog(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lifenav-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join("catalog/example"), &dir);
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn replace(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn check_passes_on_the_example_and_ends_with_the_summary() {
    let o = lifenav(&["check", "catalog/example", "--as-of", "2026-11-01"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or_default().to_string();
    // The one warning: no decree on the transfer of days off for 2027 could be found yet.
    assert_eq!(last, "situations=3 services=12 questions=10 documents=23 errors=0 warnings=1");
    assert!(
        out.contains(
            "предупреждение: meta.calendar: производственный календарь охватывает годы по 2026, а сегодня (2026-11-01)"
        ),
        "{out}"
    );
}

/// A made-up catalog whose permit fee and deadline change on 1 February 2027.
const DATED: &str = "crates/lifenav-cli/tests/fixtures/dated";

#[test]
fn scenarios_on_either_side_of_a_change_pass_and_can_fail() {
    let o = lifenav(&["test", DATED]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).ends_with("3 passed, 0 failed\n"), "{}", stdout(&o));
    // The same scenarios expecting the old fee after the change fail.
    let dir = std::env::temp_dir().join(format!("lifenav-cli-test-dated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join(DATED), &dir);
    replace(&dir.join("scenarios/dated.toml"), "total_fee = 2000", "total_fee = 1500");
    let o = lifenav(&["test", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("пошлины всего: ожидалось 1\u{202f}500\u{a0}₽, по плану 2\u{202f}000\u{a0}₽"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_plan_as_of_a_day_says_which_day_a_figure_is_for() {
    let o = lifenav(&["plan", DATED, "--situation", "event", "--event-date", "2027-01-10", "--as-of", "2027-01-25"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("2\u{202f}000\u{a0}₽ (Правила, п. 5 (новая редакция)) (пошлина на 3 февраля 2027)"), "{out}");
    assert!(out.contains("рабочие дни 2027 года посчитаны без переносов: уточняйте"), "{out}");
    assert!(out.contains("основания для отказа уточняйте в ведомстве: Ведомство, ул. Примерная, 1"), "{out}");
    // A fee with one value for all time names no day.
    assert!(out.contains("Пошлина: бесплатно\n"), "{out}");
}

#[test]
fn check_warns_about_a_fact_that_ends_soon() {
    let dir = std::env::temp_dir().join(format!("lifenav-cli-test-ends-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join(DATED), &dir);
    let permit = dir.join("services/permit.toml");
    let text = std::fs::read_to_string(&permit).unwrap();
    let cut = text.find("[[fee.periods]]").unwrap();
    let end = text[cut..].find("[[documents]]").unwrap() + cut;
    std::fs::write(&permit, format!("{}{}", &text[..cut], &text[end..])).unwrap();
    let o = lifenav(&["check", dir.to_str().unwrap(), "--as-of", "2026-12-15"]);
    let out = stdout(&o);
    assert!(
        out.contains("services.permit.fee: ") && out.contains(": значение действует до 31.01.2027, следующего нет"),
        "{out}"
    );
    let o = lifenav(&["check", dir.to_str().unwrap(), "--as-of", "2026-11-01"]);
    assert!(!stdout(&o).contains("следующего нет"), "{}", stdout(&o));
    // Told to look 100 days ahead, 1 November is close enough; 30 days from 15 December is not.
    let o = lifenav(&["check", dir.to_str().unwrap(), "--as-of", "2026-11-01", "--warn-days", "100"]);
    assert!(stdout(&o).contains("значение действует до 31.01.2027, следующего нет"), "{}", stdout(&o));
    let o = lifenav(&["check", dir.to_str().unwrap(), "--as-of", "2026-12-15", "--warn-days", "30"]);
    assert!(!stdout(&o).contains("следующего нет"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn coverage_counts_every_irkutsk_service_in_every_field() {
    let o = lifenav(&["check", "catalog/irkutsk", "--coverage", "--as-of", "2026-12-01"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    // As many services as the catalog has: new ones need no edit here.
    let services: usize = out
        .split("coverage of ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(services >= 63, "{out}");
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| field")).collect();
    assert_eq!(rows.len(), 6, "{out}");
    for row in rows {
        let counts: Vec<usize> = row.split('|').filter_map(|c| c.trim().parse().ok()).collect();
        assert_eq!(counts.iter().sum::<usize>(), services, "{row}");
        assert_eq!(counts.last(), Some(&0), "every field is stated or marked unknown: {row}");
    }
    assert!(!out.contains("missing (neither stated nor marked unknown)"), "{out}");
}

#[test]
fn build_leaves_out_values_that_ended_over_a_year_before() {
    let out = std::env::temp_dir().join(format!("lifenav-cli-test-pruned-{}.json", std::process::id()));
    let bundle = |as_of: &str| {
        let o = lifenav(&["build", DATED, "-o", out.to_str().unwrap(), "--as-of", as_of]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read_to_string(&out).unwrap()
    };
    let recent = bundle("2027-06-01");
    assert!(recent.contains("\"amount\":1500.0") && recent.contains("\"amount\":2000.0"), "{recent}");
    let later = bundle("2028-03-01");
    assert!(!later.contains("\"amount\":1500.0") && later.contains("\"amount\":2000.0"), "{later}");
    assert!(!later.contains("\"year\":2026"), "the 2026 calendar ended over a year before");
    let _ = std::fs::remove_file(out);
}

#[test]
fn check_reports_every_error_with_file_line_and_path() {
    let dir = scratch_catalog("broken");
    let services = dir.join("services");
    // Three independent mistakes in three files.
    replace(
        &services.join("birth-registration.toml"),
        "doc = \"marriage-certificate\"",
        "doc = \"mariage-certificate\"",
    );
    replace(
        &services.join("residence-registration.toml"),
        "when = \"housing == \\\"tenant\\\"\"",
        "when = \"housing == \\\"renter\\\"\"",
    );
    replace(&dir.join("situations/death.toml"), "service = \"burial-allowance\"", "service = \"burial-alowance\"");
    let o = lifenav(&["check", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let birth = format!("{}:", services.join("birth-registration.toml").display());
    let line = out.lines().find(|l| l.contains("mariage-certificate")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with(&birth), "{line}");
    assert!(line.contains("services.birth-registration.variants[1].documents[1].doc"), "{line}");
    assert!(
        line.contains("нет такого документа `mariage-certificate` (может быть, `marriage-certificate`?)"),
        "{line}"
    );
    // The line number points at the document's `doc = ` line.
    let text = std::fs::read_to_string(services.join("birth-registration.toml")).unwrap();
    let expected = text.lines().position(|l| l.contains("mariage-certificate")).unwrap() + 1;
    assert!(line.starts_with(&format!("{birth}{expected}:")), "{line} (expected line {expected})");
    assert!(out.contains("нет варианта ответа \"renter\""), "{out}");
    assert!(out.contains("позиция 12"), "{out}");
    assert!(out.contains("нет такой услуги `burial-alowance` (может быть, `burial-allowance`?)"), "{out}");
    assert!(out.lines().last().unwrap().ends_with("errors=3 warnings=0"), "{out}");
    // The same mistakes in English.
    let o = lifenav(&["check", dir.to_str().unwrap(), "--lang", "en"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let line = out.lines().find(|l| l.contains("mariage-certificate")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.starts_with(&format!("{birth}{expected}: error: ")), "{line}");
    assert!(line.contains("did you mean `marriage-certificate`"), "{line}");
    assert!(out.contains("no option \"renter\""), "{out}");
    assert!(out.contains("column 12"), "{out}");
    assert!(out.contains("unknown service `burial-alowance` (did you mean `burial-allowance`?)"), "{out}");
    assert!(!out.contains("нет такой услуги"), "{out}");
    assert!(out.lines().last().unwrap().ends_with("errors=3 warnings=0"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_warns_about_unused_content_and_overlapping_variants() {
    let dir = scratch_catalog("warnings");
    std::fs::write(
        dir.join("documents.toml"),
        std::fs::read_to_string(dir.join("documents.toml")).unwrap()
            + "\n[[document]]\nid = \"unused-paper\"\ntitle = \"Ненужная бумага\"\n",
    )
    .unwrap();
    // English is offered, but one situation lost its English title.
    replace(
        &dir.join("situations/moving.toml"),
        "title = { ru = \"Переезд\", en = \"Moving home\" }",
        "title = \"Переезд\"",
    );
    // Two variants that both apply to married parents.
    replace(
        &dir.join("services/birth-registration.toml"),
        "when = \"not parents_married and paternity_acknowledged\"",
        "when = \"parents_married or paternity_acknowledged\"",
    );
    let o = lifenav(&["check", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(
        out.contains(
            "предупреждение: documents.unused-paper: этот документ не нужен ни одной услуге и ни одна его не выдаёт"
        ),
        "{out}"
    );
    assert!(out.contains("варианты пересекаются: married, paternity подходят одновременно"), "{out}");
    assert!(out.contains("situations.moving.title: каталог предлагает английский язык"), "{out}");
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_syntax_error_names_file_and_line() {
    let dir = scratch_catalog("syntax");
    replace(&dir.join("questions.toml"), "kind = \"yes_no\"", "kind = yes_no");
    let text = std::fs::read_to_string(dir.join("questions.toml")).unwrap();
    let line = text.lines().position(|l| l == "kind = yes_no").unwrap() + 1;
    let o = lifenav(&["check", dir.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains(&format!("{}:{line}: ошибка", dir.join("questions.toml").display())), "{out}");
    assert_eq!(o.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn missing_catalog_is_a_clear_message_not_a_panic() {
    let o = lifenav(&["check", "no/such/folder"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("no/such/folder: ошибка: нет такой папки каталога"), "{}", stdout(&o));
    let o = lifenav(&["check", "no/such/folder", "--lang", "en"]);
    assert!(stdout(&o).contains("no/such/folder: error: no such catalog folder"), "{}", stdout(&o));
    let o = lifenav(&["plan", "no/such/folder", "--situation", "birth"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn plan_prints_the_chain_with_dates() {
    let o = lifenav(&[
        "plan",
        "catalog/example",
        "--situation",
        "birth",
        "--answer",
        "by_representative=no",
        "--answer",
        "parents_married=yes",
        "--answer",
        "low_income=no",
        "--answer",
        "need_kindergarten=no",
        "--event-date",
        "2026-11-14",
        "--today",
        "2026-11-20",
    ]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.contains("Ближайший срок: 14 декабря 2026"), "{out}");
    assert!(out.contains("Шаг 1. Регистрация рождения ребёнка"), "{out}");
}

#[test]
fn plan_ends_with_what_may_come_next_and_the_questions_it_would_still_ask() {
    let args = |kindergarten: &str, lang: &str| {
        lifenav(&[
            "plan",
            "catalog/example",
            "--situation",
            "birth",
            "--answer",
            "by_representative=no",
            "--answer",
            "parents_married=yes",
            "--answer",
            "low_income=no",
            "--answer",
            &format!("need_kindergarten={kindergarten}"),
            "--today",
            "2026-11-20",
            "--lang",
            lang,
        ])
    };
    let o = args("yes", "ru");
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    // Moving asks 4 questions on its own; the 2 answered here carry over.
    let tail =
        "\nЧто может понадобиться дальше:\n  - Переезд (moving): ещё не больше 2 вопросов\n    Если вы переезжаете";
    assert!(out.contains(tail), "{out}");
    assert!(out.trim_end().ends_with("очередь в детский сад переводят туда."), "{out}");
    assert!(
        stdout(&args("yes", "en")).contains("What may come next:\n  - Moving home (moving): at most 2 more questions")
    );
    assert!(!stdout(&args("no", "ru")).contains("Что может понадобиться дальше"));
}

#[test]
fn plan_json_is_machine_readable() {
    let o = lifenav(&[
        "plan",
        "catalog/example",
        "--situation",
        "death",
        "--answer",
        "by_representative=no",
        "--answer",
        "has_inheritance=no",
        "--answer",
        "paid_funeral=no",
        "--today",
        "2026-11-20",
        "--json",
    ]);
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(plan["complete"], true);
    assert_eq!(plan["steps"][0]["service"], "death-registration");
    assert_eq!(plan["steps"].as_array().unwrap().len(), 2);
}

#[test]
fn plan_with_missing_answers_names_the_next_question() {
    let o = lifenav(&["plan", "catalog/example", "--situation", "birth", "--answer", "by_representative=no"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("--answer parents_married="), "{}", stdout(&o));
}

#[test]
fn bad_answers_and_ids_get_clear_messages() {
    let o = lifenav(&["plan", "catalog/example", "--situation", "birht"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown situation `birht` (did you mean `birth`?)"), "{}", stderr(&o));
    let o = lifenav(&["plan", "catalog/example", "--situation", "moving", "--answer", "housing=castle"]);
    assert!(
        stderr(&o).contains("question `housing` has no option `castle`; its options are: owner, tenant, relative"),
        "{}",
        stderr(&o)
    );
    let o = lifenav(&["plan", "catalog/example", "--situation", "birth", "--event-date", "14.11.2026"]);
    assert!(stderr(&o).contains("--event-date: `14.11.2026` is not a date"), "{}", stderr(&o));
}

#[test]
fn build_writes_a_bundle_that_loads() {
    let out = std::env::temp_dir().join(format!("lifenav-bundle-{}.json", std::process::id()));
    let o = lifenav(&["build", "catalog/example", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = std::fs::read_to_string(&out).unwrap();
    let engine = lifenav_core::Engine::from_json(&json).unwrap();
    assert_eq!(engine.catalog.services.len(), 12);
    // The CLI reads bundles too.
    let o = lifenav(&["plan", out.to_str().unwrap(), "--situation", "death", "--answer", "by_representative=no"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let _ = std::fs::remove_file(out);
}

#[test]
fn questions_reports_counts_per_situation() {
    let o = lifenav(&["questions", "catalog/example"]);
    let out = stdout(&o);
    let death = out.lines().find(|l| l.starts_with("death ")).unwrap_or_else(|| panic!("{out}"));
    let cols: Vec<&str> = death.split_whitespace().collect();
    assert_eq!(&cols[1..5], ["4", "4", "3.50", "12"], "{death}");
}

#[test]
fn test_runs_the_scenarios() {
    let o = lifenav(&["test", "catalog/example"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().last(), Some("9 passed, 0 failed"));
}

#[test]
fn a_failing_scenario_fails_the_command() {
    let dir = scratch_catalog("scenario");
    replace(&dir.join("scenarios/death.toml"), "visits = 3", "visits = 1");
    let o = lifenav(&["test", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("визитов: ожидалось 1, по плану 3"), "{}", stdout(&o));
    assert_eq!(stdout(&o).lines().last(), Some("8 passed, 1 failed"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn graph_is_dot() {
    let o = lifenav(&["graph", "catalog/example", "--situation", "moving"]);
    let out = stdout(&o);
    assert!(out.starts_with("digraph \"moving\""), "{out}");
    assert!(out.contains("\"child-registration\" -> \"kindergarten-queue\""), "{out}");
}

#[test]
fn the_published_schema_is_up_to_date() {
    let o = lifenav(&["schema"]);
    let published = std::fs::read_to_string(root().join("docs/bundle.schema.json")).expect("docs/bundle.schema.json");
    assert_eq!(
        published.trim(),
        stdout(&o).trim(),
        "run `cargo run -p lifenav-cli -- schema > docs/bundle.schema.json`"
    );
}

#[test]
fn the_committed_sources_block_agrees_with_the_irkutsk_files() {
    let o = lifenav(&["sources", "catalog/irkutsk", "--check"]);
    assert!(
        o.status.success(),
        "catalog/irkutsk/SOURCES.md: run `cargo run -p lifenav-cli -- sources catalog/irkutsk`\n{}{}",
        stdout(&o),
        stderr(&o)
    );
}

#[test]
fn sources_rewrites_only_its_block_and_check_finds_a_stale_one() {
    let dir = std::env::temp_dir().join(format!("lifenav-cli-test-sources-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&root().join(DATED), &dir);
    let md = dir.join("SOURCES.md");
    let prose = "# Источники\n\nНаписано редактором.\n\n<!-- generated: lifenav coverage -->\nстарые итоги\n<!-- /generated -->\n\nИ ещё абзац.\n";
    std::fs::write(&md, prose).unwrap();
    let d = dir.to_str().unwrap();
    assert!(!lifenav(&["sources", d, "--check"]).status.success(), "the old totals are stale");
    let o = lifenav(&["sources", d]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# Источники\n\nНаписано редактором.\n\n<!-- generated: lifenav coverage -->"), "{text}");
    assert!(text.ends_with("<!-- /generated -->\n\nИ ещё абзац.\n") && !text.contains("старые итоги"), "{text}");
    assert!(text.contains("| поле | первичный |"), "{text}");
    assert!(lifenav(&["sources", d, "--check"]).status.success());
    // A fact changes: the block no longer agrees until it is written again.
    let permit = dir.join("services/permit.toml");
    let changed = std::fs::read_to_string(&permit).unwrap().replacen("[term]\n", "[term]\nunverified = true\n", 1);
    std::fs::write(&permit, changed).unwrap();
    assert!(!lifenav(&["sources", d, "--check"]).status.success());
    std::fs::write(&md, "без блока\n").unwrap();
    assert!(lifenav(&["sources", d]).status.success());
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("без блока\n\n<!-- generated: lifenav coverage -->"));
    let _ = std::fs::remove_dir_all(dir);
}
