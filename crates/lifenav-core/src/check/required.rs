//! Texts a citizen needs that must not be empty: an item without a Russian name shows as
//! a step with no name in the plan.

use crate::diagnostic::{Diagnostic, Path};
use crate::engine::Engine;

pub(super) fn check(engine: &Engine) -> Vec<Diagnostic> {
    let c = &engine.catalog;
    let mut out = Vec::new();
    let mut need = |path: Path, ru: &str, (what, what_en): (&str, &str)| {
        if ru.trim().is_empty() {
            out.push(Diagnostic::error(
                path,
                format!("{what} на русском не заполнено: без него горожанин увидит пустой шаг"),
                format!("{what_en} is empty in Russian: the citizen would see a step with no name"),
            ));
        }
    };
    for s in &c.situations {
        need(
            Path::root("situations").key(&s.id).key("title"),
            &s.title.ru,
            ("Название ситуации", "The situation's title"),
        );
    }
    for s in &c.services {
        need(Path::root("services").key(&s.id).key("title"), &s.title.ru, ("Название услуги", "The service's title"));
    }
    for q in &c.questions {
        need(Path::root("questions").key(&q.id).key("text"), &q.text.ru, ("Текст вопроса", "The question's text"));
    }
    for d in &c.documents {
        need(
            Path::root("documents").key(&d.id).key("title"),
            &d.title.ru,
            ("Название документа", "The document's title"),
        );
    }
    for d in &c.departments {
        need(
            Path::root("departments").key(&d.id).key("name"),
            &d.name.ru,
            ("Название ведомства", "The department's name"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::testing;

    #[test]
    fn an_empty_russian_title_is_an_error_at_its_field() {
        // The defect this guards: an emptied title gave «Проблем нет» and a nameless step.
        let (root, files) = testing::files("example");
        let text = testing::file(&files, "services/birth-registration.toml").text.clone();
        let title = text.lines().find(|l| l.starts_with("title")).unwrap().to_string();
        let emptied = text.replacen(&title, "title = { ru = \"  \", en = \"Birth registration\" }", 1);
        let engine = testing::build(&root, testing::with_text(&files, "services/birth-registration.toml", emptied));
        let (diags, _) = crate::check::check(&engine);
        let found: Vec<_> = diags.iter().filter(|d| d.is_error() && d.message.contains("Название услуги")).collect();
        assert_eq!(found.len(), 1, "{diags:?}");
        assert_eq!(found[0].path.to_string(), "services.birth-registration.title");
    }
}
