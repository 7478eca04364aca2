//! `lifenav`: the catalog tool for editors and CI.

mod render;

use clap::{Parser, Subcommand};
use lifenav_core::source::{check_dir, check_dir_within, load_dir, read_dir};
use lifenav_core::{check, graph, scenario, Date, Diagnostic, Engine, Lang};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lifenav", version, about = "The life-situation navigator's catalog tool", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report every error and warning in a catalog folder; exits non-zero on any error.
    Check {
        catalog: PathBuf,
        /// The day to judge facts that end soon and the calendar's years from (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Also print, per field, how many services state it from which kind of source.
        #[arg(long)]
        coverage: bool,
        /// Warn this many days before a dated fee, term or deadline ends with no value after it.
        #[arg(long, value_name = "DAYS", default_value_t = lifenav_core::check::ENDING_WARN_DAYS)]
        warn_days: u32,
        /// The language of the messages: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Compile a catalog folder into the JSON bundle the widget loads.
    Build {
        catalog: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Indent the JSON (larger; for reading).
        #[arg(long)]
        pretty: bool,
        /// The build day: dated values that ended more than a year before it are left out
        /// of the bundle (default: today).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// The language of the messages: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// The plan for a situation and answers.
    Plan {
        /// A catalog folder or a bundle.json.
        catalog: PathBuf,
        #[arg(long)]
        situation: String,
        /// An answer, `question=value` (repeatable): yes/no, an option id, `a,b`, a number, YYYY-MM-DD.
        #[arg(long = "answer", value_name = "Q=V")]
        answers: Vec<String>,
        /// The date of the event (the birth, the death, …), YYYY-MM-DD.
        #[arg(long)]
        event_date: Option<String>,
        /// Today's date, YYYY-MM-DD (default: the real today): the catalog's dated facts
        /// are read as of this day.
        #[arg(long, visible_alias = "as-of")]
        today: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Per situation: how many questions, the most and the mean asked over all answer combinations.
    Questions {
        catalog: PathBuf,
        /// The language of the messages: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Run the scenario files in the catalog's scenarios/ folder.
    Test {
        catalog: PathBuf,
        /// The language of the messages: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Write the coverage totals into the generated block of the catalog's SOURCES.md
    /// (between `<!-- generated: lifenav coverage -->` and `<!-- /generated -->`); the
    /// prose around it stays as the editors wrote it.
    Sources {
        catalog: PathBuf,
        /// The file to write (default: SOURCES.md in the catalog folder).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write nothing; exit non-zero when the file's block differs from the files.
        #[arg(long)]
        check: bool,
        /// The language of the messages: ru or en.
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// A situation's chain as Graphviz DOT.
    Graph {
        catalog: PathBuf,
        #[arg(long)]
        situation: String,
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Print the JSON Schema of the bundle.
    Schema,
    /// Ask the questions in the terminal and print the plan.
    Ask {
        catalog: PathBuf,
        #[arg(long, default_value = "ru")]
        lang: String,
        #[arg(long)]
        today: Option<String>,
    },
}

/// A failure to report to the user: never a panic, never a backtrace.
struct Failure(String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("lifenav: internal error: {info}\nPlease report it with the command you ran.");
    }));
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("lifenav: {message}");
            ExitCode::from(2)
        }
    }
}

fn lang(code: &str) -> Result<Lang, Failure> {
    Lang::from_code(code).ok_or_else(|| Failure(format!("unknown language `{code}`: use ru or en")))
}

fn date(raw: &Option<String>, what: &str) -> Result<Option<Date>, Failure> {
    raw.as_deref().map(|s| Date::parse(s).map_err(|e| Failure(format!("{what}: {e}")))).transpose()
}

/// Today in UTC+8 (Irkutsk), so a plan printed at night has the citizen's date.
fn today() -> Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    Date::from_unix_seconds(secs as i64, Date::IRKUTSK_UTC_OFFSET)
}

fn print_errors(diags: &[Diagnostic], lang: Lang) {
    for d in diags.iter().filter(|d| d.is_error()) {
        eprintln!("{}", d.display(lang));
    }
}

/// A catalog folder (compiled without the slower whole-catalog checks) or a bundle.
fn engine(path: &Path, lang: Lang) -> Result<Engine, Failure> {
    if path.is_file() {
        let json = std::fs::read_to_string(path).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        return Engine::from_json(&json).map_err(|e| Failure(format!("{}: {e}", path.display())));
    }
    let loaded = load_dir(path);
    let Some(catalog) = loaded.catalog else {
        print_errors(&loaded.diagnostics, lang);
        return Err(Failure(format!("{} cannot be read; `lifenav check` tells more", path.display())));
    };
    let (engine, mut diags) = Engine::build(catalog);
    for d in &mut diags {
        loaded.sources.locate(d);
    }
    engine.ok_or_else(|| {
        print_errors(&diags, lang);
        Failure(format!("{} has errors; `lifenav check` tells more", path.display()))
    })
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Check { catalog, as_of, coverage, warn_days, lang: lang_code } => {
            let lang = lang(&lang_code)?;
            let as_of = date(&as_of, "--as-of")?.unwrap_or_else(today);
            let report = check_dir_within(&catalog, Some(as_of), warn_days);
            let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = report.diagnostics.len() - errors;
            for d in &report.diagnostics {
                println!("{}", d.display(lang));
            }
            let count = |f: fn(&lifenav_core::Catalog) -> usize| report.engine.as_ref().map_or(0, |e| f(&e.catalog));
            println!(
                "situations={} services={} questions={} documents={} errors={errors} warnings={warnings}",
                count(|c| c.situations.len()),
                count(|c| c.services.len()),
                count(|c| c.questions.len()),
                count(|c| c.documents.len()),
            );
            if let (true, Some(engine)) = (coverage, &report.engine) {
                let rows = lifenav_core::coverage::coverage(&engine.catalog);
                println!(
                    "\ncoverage of {} services:\n{}",
                    engine.catalog.services.len(),
                    lifenav_core::coverage::table(&rows)
                );
                let share = lifenav_core::coverage::primary_share(&engine.catalog);
                println!(
                    "primary sources of fees, terms, deadlines and legal bases: {} of {} ({}%)",
                    share.primary,
                    share.total,
                    share.percent()
                );
                let home = lifenav_core::coverage::portal_home_links(&engine.catalog);
                if !home.is_empty() {
                    println!(
                        "portal channels linking the portal's home page, not the service's card ({}): {}",
                        home.len(),
                        home.join(", ")
                    );
                }
                for r in rows.iter().filter(|r| !r.missing.is_empty()) {
                    println!("{} missing (neither stated nor marked unknown): {}", r.field.key(), r.missing.join(", "));
                }
            }
            Ok(if errors == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Build { catalog, output, pretty, as_of, lang: lang_code } => {
            let lang = lang(&lang_code)?;
            let as_of = date(&as_of, "--as-of")?.unwrap_or_else(today);
            let report = check_dir(&catalog);
            let Some(mut engine) = report.engine.filter(|_| !report.diagnostics.iter().any(|d| d.is_error())) else {
                print_errors(&report.diagnostics, lang);
                return Err(Failure(format!("{} has errors: no bundle written", catalog.display())));
            };
            lifenav_core::engine::dated::prune_ended(&mut engine.catalog, as_of);
            let json = if pretty {
                serde_json::to_string_pretty(&engine.catalog)?
            } else {
                serde_json::to_string(&engine.catalog)?
            };
            std::fs::write(&output, json.as_bytes()).map_err(|e| Failure(format!("{}: {e}", output.display())))?;
            println!(
                "{}: {} bytes, {} situations, {} services",
                output.display(),
                json.len(),
                engine.catalog.situations.len(),
                engine.catalog.services.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Plan { catalog, situation, answers, event_date, today: today_arg, json, lang: lang_code } => {
            let lang = lang(&lang_code)?;
            let engine = engine(&catalog, lang)?;
            let mut pairs = Vec::new();
            for a in &answers {
                let (q, v) =
                    a.split_once('=').ok_or_else(|| Failure(format!("`--answer {a}`: write it as question=value")))?;
                pairs.push((q.trim(), v.trim()));
            }
            let answers = engine.parse_answers(pairs).map_err(|errors| Failure(errors.join("\n")))?;
            let event = date(&event_date, "--event-date")?;
            let today = date(&today_arg, "--today")?.unwrap_or_else(today);
            let plan = engine.plan_for(&situation, &answers, event, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&plan)?);
            } else {
                print!("{}", render::plan(&engine, &plan, lang));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Questions { catalog, lang: lang_code } => {
            let engine = engine(&catalog, lang(&lang_code)?)?;
            println!(
                "{:<28} {:>9} {:>9} {:>6} {:>7}  order on the first path",
                "situation", "questions", "max asked", "mean", "paths"
            );
            let mut worst = 0;
            for s in 0..engine.catalog.situations.len() {
                let st = check::explore(&engine, s).stats;
                worst = worst.max(st.max_asked);
                println!(
                    "{:<28} {:>9} {:>9} {:>6.2} {:>7}{}  {}",
                    st.situation,
                    st.questions,
                    st.max_asked,
                    st.mean_asked,
                    st.paths,
                    if st.exhaustive { "" } else { "+" },
                    st.first_path.join(" → ")
                );
            }
            println!("longest path: {worst} questions");
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { catalog, output, check, lang: lang_code } => {
            let engine = engine(&catalog, lang(&lang_code)?)?;
            let path = output.unwrap_or_else(|| catalog.join("SOURCES.md"));
            let old = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !check => String::new(),
                Err(e) => return Err(Failure(format!("{}: {e}", path.display()))),
            };
            let block = lifenav_core::coverage::sources_block(&engine.catalog);
            let new = lifenav_core::coverage::splice_generated(&old, &block)
                .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            if check {
                if lifenav_core::coverage::generated_part(&old) == Some(block.as_str()) {
                    println!("{}: the generated block agrees with the files", path.display());
                    return Ok(ExitCode::SUCCESS);
                }
                println!(
                    "{}: the generated block disagrees with the files; run `lifenav sources {}`",
                    path.display(),
                    catalog.display()
                );
                return Ok(ExitCode::from(1));
            }
            std::fs::write(&path, new).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
            println!("{}: the generated block is written", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Test { catalog, lang: lang_code } => {
            let lang = lang(&lang_code)?;
            let engine = engine(&catalog, lang)?;
            let files = read_dir(&catalog).map_err(|d| Failure(d.display(lang).to_string()))?;
            // The same run as the studio's and the server's (`scenario::run_files`).
            let outcomes = scenario::run_files(&engine, &catalog.display().to_string(), &files)
                .map_err(|errors| Failure(errors.join("\n")))?;
            if outcomes.is_empty() {
                println!("0 passed, 0 failed");
                return Err(Failure(format!("no scenarios in {}/scenarios", catalog.display())));
            }
            let (mut passed, mut failed) = (0, 0);
            for s in &outcomes {
                if s.failures.is_empty() {
                    passed += 1;
                    println!("ok   {} ({})", s.name, s.file);
                } else {
                    failed += 1;
                    println!("FAIL {} ({})", s.name, s.file);
                    for f in &s.failures {
                        println!("       {f}");
                    }
                }
            }
            println!("{passed} passed, {failed} failed");
            Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
        Command::Graph { catalog, situation, lang: lang_code } => {
            let lang = lang(&lang_code)?;
            let engine = engine(&catalog, lang)?;
            let sit = engine.situation_index(&situation).ok_or_else(|| {
                Failure(format!(
                    "unknown situation `{situation}`; the catalog has: {}",
                    engine.catalog.situations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
                ))
            })?;
            print!("{}", graph::situation_dot(&engine, sit, lang));
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let schema = schemars::schema_for!(lifenav_core::Catalog);
            println!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Ask { catalog, lang: lang_code, today: today_arg } => {
            let lang = lang(&lang_code)?;
            let engine = engine(&catalog, lang)?;
            let today = date(&today_arg, "--today")?.unwrap_or_else(today);
            ask(&engine, lang, today)
        }
    }
}

/// The navigator in a terminal: pick a situation, answer, get the plan.
fn ask(engine: &Engine, lang: Lang, today: Date) -> Result<ExitCode, Failure> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut read = |prompt: &str| -> Option<String> {
        print!("{prompt}");
        let _ = std::io::stdout().flush();
        lines.next().and_then(|l| l.ok()).map(|l| l.trim().to_string())
    };
    let c = &engine.catalog;
    let mut situations: Vec<usize> = (0..c.situations.len()).collect();
    situations.sort_by_key(|&i| (c.situations[i].rank, i));
    println!(
        "{} — {}",
        c.meta.city.get(lang),
        if lang == Lang::Ru {
            "навигатор жизненных ситуаций"
        } else {
            "life-situation navigator"
        }
    );
    for (n, &i) in situations.iter().enumerate() {
        println!("  {:>2}. {} — {}", n + 1, c.situations[i].title.get(lang), c.situations[i].summary.get(lang));
    }
    let sit = loop {
        let Some(line) = read(if lang == Lang::Ru { "Номер ситуации: " } else { "Situation number: " })
        else {
            return Ok(ExitCode::SUCCESS);
        };
        match line.parse::<usize>().ok().and_then(|n| situations.get(n.wrapping_sub(1))) {
            Some(&i) => break i,
            None => println!("?"),
        }
    };
    let mut answers = lifenav_core::Answers::new();
    let mut event = None;
    if let Some(label) = &c.situations[sit].event {
        loop {
            let Some(line) = read(&format!("{} (YYYY-MM-DD, Enter — skip): ", label.get(lang))) else {
                return Ok(ExitCode::SUCCESS);
            };
            if line.is_empty() {
                break;
            }
            match Date::parse(&line) {
                Ok(d) => {
                    event = Some(d);
                    break;
                }
                Err(e) => println!("{e}"),
            }
        }
    }
    loop {
        let walk = engine.walk(sit, &answers);
        let Some(q) = walk.next else { break };
        let question = &c.questions[q];
        println!(
            "\n{} {} ({} {})",
            if lang == Lang::Ru { "Вопрос" } else { "Question" },
            walk.asked.len() + 1,
            if lang == Lang::Ru { "осталось не больше" } else { "at most left:" },
            walk.remaining_max
        );
        println!("{}", question.text.get(lang));
        if let Some(h) = &question.help {
            println!("  ({})", h.get(lang));
        }
        for (n, o) in question.options.iter().enumerate() {
            println!("  {}. {}", n + 1, o.text.get(lang));
        }
        let Some(line) = read("> ") else {
            return Ok(ExitCode::SUCCESS);
        };
        let raw = match line.parse::<usize>().ok().and_then(|n| question.options.get(n.wrapping_sub(1))) {
            Some(o) => o.id.clone(),
            None => line,
        };
        match question.parse_answer(&raw) {
            Ok(v) => {
                answers.insert(question.id.clone(), v);
            }
            Err(e) => println!("{e}"),
        }
    }
    println!();
    print!("{}", render::plan(engine, &engine.plan(sit, &answers, event, today), lang));
    Ok(ExitCode::SUCCESS)
}
