//! What `lifenav check` and `lifenav test` say about a version, computed by the same core
//! functions, so that the studio, the server and the CLI on an exported folder agree.

use lifenav_core::source::SourceFile;
use lifenav_core::{scenario, Diagnostic, Severity};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Problem {
    pub severity: &'static str,
    pub file: Option<String>,
    pub line: Option<usize>,
    /// The catalog path (`services.x.variants[1].fee`), for the studio to find the field.
    pub path: String,
    pub message: String,
    /// The whole line as `lifenav check` prints it.
    pub text: String,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            severity: if d.severity == Severity::Error { "error" } else { "warning" },
            file: d.file.clone(),
            line: d.line,
            path: d.path.to_string(),
            message: d.message.clone(),
            text: d.to_string(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ScenarioResult {
    pub name: String,
    pub file: String,
    pub failures: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub errors: usize,
    pub warnings: usize,
    pub problems: Vec<Problem>,
    pub scenarios: Vec<ScenarioResult>,
    pub scenarios_failed: usize,
    /// Scenario files that cannot be read at all.
    pub scenario_errors: Vec<String>,
}

impl Outcome {
    /// Whether citizens may get this version: no error, and every scenario passes.
    pub fn publishable(&self) -> bool {
        self.errors == 0 && self.scenarios_failed == 0 && self.scenario_errors.is_empty()
    }

    /// The reasons it may not, as short lines for a 422.
    pub fn refusals(&self) -> Vec<String> {
        let errors = self.problems.iter().filter(|p| p.severity == "error").map(|p| p.text.clone());
        let scenarios = self
            .scenarios
            .iter()
            .filter(|s| !s.failures.is_empty())
            .map(|s| format!("Сценарий «{}» не проходит: {}", s.name, s.failures.join("; ")));
        errors.chain(scenarios).chain(self.scenario_errors.iter().cloned()).collect()
    }
}

/// Checks a catalog folder held in memory (names as in `catalog/…`) and runs its scenarios.
pub fn run(files: Vec<SourceFile>) -> Outcome {
    let report = lifenav_core::source::check_files(super::ROOT, files.clone());
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let problems: Vec<Problem> = report.diagnostics.iter().map(Problem::from).collect();
    let mut outcome = Outcome {
        errors,
        warnings: problems.len() - errors,
        problems,
        scenarios: Vec::new(),
        scenarios_failed: 0,
        scenario_errors: Vec::new(),
    };
    let Some(engine) = report.engine.filter(|_| errors == 0) else { return outcome };
    match scenario::run_files(&engine, super::ROOT, &files) {
        Ok(results) => {
            outcome.scenarios_failed = results.iter().filter(|r| !r.failures.is_empty()).count();
            outcome.scenarios = results
                .into_iter()
                .map(|r| ScenarioResult { name: r.name, file: r.file, failures: r.failures })
                .collect();
        }
        Err(errors) => outcome.scenario_errors = errors,
    }
    outcome
}

/// How the change from `old` to `new` alters the plans of `new`'s scenarios (both folders
/// as in `catalog/…`). `Err`: one of them does not compile, with why.
pub fn impact(old: Vec<SourceFile>, new: Vec<SourceFile>) -> Result<Vec<lifenav_core::ScenarioImpact>, String> {
    let build = |files: Vec<SourceFile>, which: &str| {
        let loaded = lifenav_core::source::load_files(super::ROOT, files);
        let catalog = loaded.catalog.ok_or_else(|| format!("{which} версия не читается"))?;
        lifenav_core::Engine::build(catalog).0.ok_or_else(|| format!("{which} версия содержит ошибки"))
    };
    let scenarios = scenario::read_in(super::ROOT, &new).map_err(|e| e.join("; "))?;
    let (old, new) = (build(old, "действующая")?, build(new, "новая")?);
    Ok(lifenav_core::impact(&old, &new, &scenarios, new.catalog.meta.effective))
}
