//! Small catalogs written inline, for the unit tests of the engine, the plan and the check.

use crate::{Catalog, Diagnostic, Engine};
use serde_json::{json, Value};

/// A catalog of one situation `s` over `services`, with the questions given; the rest
/// of what a catalog needs is filled in.
pub fn catalog(questions: Value, services: Value, inclusions: Value) -> Catalog {
    serde_json::from_value(json!({
        "meta": {
            "city": "Тест", "version": "t", "effective": "2026-11-01",
            "categories": [{ "id": "c", "title": "К" }],
            "calendar": [{ "year": 2026, "holidays": ["2026-12-31"], "source": "https://example.ru/calendar", "checked": "2026-11-01" }]
        },
        "departments": [{ "id": "d", "name": "Ведомство", "address": "ул. Ленина, 1", "phone": "+7 3952 000000" }],
        "questions": questions,
        "documents": [
            { "id": "passport", "title": "Паспорт" },
            { "id": "certificate", "title": "Свидетельство" },
            { "id": "form", "title": "Бланк" }
        ],
        "situations": [{ "id": "s", "title": "С", "summary": "С", "category": "c", "services": inclusions }],
        "services": services
    }))
    .unwrap_or_else(|e| panic!("test catalog: {e}"))
}

/// A service with what every service needs and `extra` fields on top.
pub fn service(id: &str, extra: Value) -> Value {
    let mut s = json!({
        "id": id, "title": id, "level": "municipal", "provider": "d",
        "legal_basis": [{ "title": "Закон", "source": "https://example.ru/law", "checked": "2026-11-01" }]
    });
    if let (Some(s), Some(extra)) = (s.as_object_mut(), extra.as_object()) {
        s.extend(extra.clone());
    }
    s
}

/// The engine, or the errors it does not build with.
pub fn build(c: Catalog) -> Result<(Engine, Vec<Diagnostic>), Vec<Diagnostic>> {
    match Engine::build(c) {
        (Some(e), d) => Ok((e, d)),
        (None, d) => Err(d),
    }
}

/// The engine; panics with the errors when it does not build.
pub fn engine(c: Catalog) -> Engine {
    build(c).unwrap_or_else(|d| panic!("{d:?}")).0
}

pub fn date(s: &str) -> crate::Date {
    crate::Date::parse(s).unwrap()
}
