use super::*;
use crate::testing_json::{catalog, date, engine, service};
use serde_json::json;

fn messages(d: &[Diagnostic]) -> Vec<String> {
    d.iter().map(|d| format!("{}: {}", d.path, d.message_en)).collect()
}

fn fee_until(until: &str, next: bool) -> Engine {
    let mut fee = json!({ "amount": 1500, "basis": "НК", "source": "https://example.ru", "checked": "2026-11-01", "until": until });
    if next {
        fee["periods"] = json!([{ "amount": 2000, "basis": "НК", "source": "https://example.ru", "checked": "2026-11-01", "from": "2027-02-01" }]);
    }
    engine(catalog(json!([]), json!([service("x", json!({ "fee": fee }))]), json!([{ "service": "x" }])))
}

#[test]
fn a_fact_that_ends_soon_with_nothing_after_it_is_a_warning() {
    let diags = ending_facts(&fee_until("2027-01-31", false), date("2026-12-05"), 60);
    let found: Vec<String> = diags.iter().map(|d| format!("{}: {}", d.path, d.message)).collect();
    assert_eq!(found, ["services.x.fee: x, пошлина: значение действует до 31.01.2027, следующего нет"]);
    assert_eq!(messages(&diags), ["services.x.fee: the value is in force until 2027-01-31 and nothing follows it"]);
    // Further off than 60 days, or already over, or followed by a value: nothing to say.
    assert!(ending_facts(&fee_until("2027-01-31", false), date("2026-11-01"), 60).is_empty());
    assert!(ending_facts(&fee_until("2027-01-31", false), date("2027-02-05"), 60).is_empty());
    assert!(ending_facts(&fee_until("2027-01-31", true), date("2026-12-05"), 60).is_empty());
}

/// A made-up catalog: the burial allowance's amount ends on 31 January 2027, the
/// subsistence minimum's on 31 December 2026, and neither has a value after it.
fn lapsing() -> Engine {
    let value = |amount: u32, until: &str| json!({ "amount": amount, "basis": "закон", "source": "https://example.ru", "checked": "2026-11-01", "until": until });
    let term = json!({ "days": 10, "basis": "закон", "source": "https://example.ru", "checked": "2026-11-01", "until": "2026-12-31" });
    engine(catalog(
        json!([]),
        json!([
            service("burial", json!({ "title": "Пособие на погребение", "fee": value(0, "2027-01-31") })),
            service(
                "minimum",
                json!({ "title": "Прожиточный минимум", "term": term, "deadline": {
                "months": 6, "basis": "закон", "source": "https://example.ru", "checked": "2026-11-01", "until": "2026-12-31",
                "periods": [{ "months": 6, "basis": "закон", "source": "https://example.ru", "checked": "2026-11-01", "from": "2027-01-01" }]
            } })
            )
        ]),
        json!([{ "service": "burial" }, { "service": "minimum" }]),
    ))
}

#[test]
fn the_expiry_warning_counts_the_days_it_is_told_on_either_side_of_the_new_year_and_february() {
    let e = lapsing();
    let warned = |today: &str, days: u32| -> Vec<String> {
        let (d, _) = check_within(&e, date(today), days);
        d.iter()
            .filter(|d| d.message.contains("следующего нет"))
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect()
    };
    let burial =
        "services.burial.fee: Пособие на погребение, пошлина: значение действует до 31.01.2027, следующего нет";
    let minimum = "services.minimum.term: Прожиточный минимум, срок рассмотрения: значение действует до 31.12.2026, следующего нет";
    // 60 days by default: 2 December is the first day for 31 January, 1 November for 31 December.
    assert_eq!(warned("2026-10-31", 60), Vec::<String>::new());
    assert_eq!(warned("2026-11-01", 60), [minimum]);
    assert_eq!(warned("2026-12-01", 60), [minimum]);
    assert_eq!(warned("2026-12-02", 60), [burial, minimum]);
    // The deadline is followed by its 2027 value: never warned. On the last day still
    // warned; from 1 January the term is over and only the allowance is left.
    assert_eq!(warned("2026-12-31", 60), [burial, minimum]);
    assert_eq!(warned("2027-01-01", 60), [burial]);
    assert_eq!(warned("2027-01-31", 60), [burial]);
    assert_eq!(warned("2027-02-01", 60), Vec::<String>::new());
    // Told fewer days, the warning comes later; told more, earlier.
    assert_eq!(warned("2026-12-02", 30), [minimum]);
    assert_eq!(warned("2027-01-01", 30), [burial]);
    assert_eq!(warned("2026-10-01", 123), [burial, minimum]);
    assert_eq!(
        check_on(&e, date("2026-12-02")).0.len(),
        check_within(&e, date("2026-12-02"), ENDING_WARN_DAYS).0.len()
    );
}

fn with_term(days: u32) -> Engine {
    engine(catalog(
        json!([]),
        json!([service(
            "x",
            json!({ "term": { "days": days, "basis": "закон", "source": "https://example.ru", "checked": "2026-11-01" } })
        )]),
        json!([{ "service": "x" }]),
    ))
}

#[test]
fn the_calendar_must_reach_as_far_as_the_longest_term() {
    let e = with_term(30);
    assert!(
        calendar::check(&e, date("2026-11-01")).is_empty(),
        "{:?}",
        messages(&calendar::check(&e, date("2026-11-01")))
    );
    let found = messages(&calendar::check(&e, date("2026-12-15")));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("meta.calendar: the calendar covers years up to 2026, but today (2026-12-15) plus the longest term (30 days at most, services.x.term) reaches 2027-01-14"), "{found:?}");
    assert_eq!(longest_period(&with_term(400)).map(|(d, _)| d), Some(400));
}

#[test]
fn a_calendar_year_holds_its_own_dates_only() {
    let mut c = catalog(json!([]), json!([service("x", json!({}))]), json!([{ "service": "x" }]));
    c.meta.calendar[0].holidays.push(date("2027-01-11"));
    c.meta.calendar[0].workdays.push(date("2026-11-03"));
    let found = messages(&calendar::check(&engine(c), date("2026-11-01")));
    assert!(found.contains(&"meta.calendar[1].holidays: 2027-01-11 is not in 2026".to_string()), "{found:?}");
    assert!(found.iter().any(|m| m.contains("2026-11-03 is a weekday")), "{found:?}");
}

fn variants(second_from: &str) -> Engine {
    engine(catalog(
        json!([{ "id": "q", "kind": "yes_no", "text": "?" }]),
        json!([service(
            "x",
            json!({ "variants": [
            { "id": "old", "when": "q", "until": "2027-01-31" },
            { "id": "new", "when": "q", "from": second_from },
            { "id": "no", "when": "not q" }
        ] })
        )]),
        json!([{ "service": "x" }]),
    ))
}

#[test]
fn variants_in_force_on_different_days_do_not_overlap() {
    let (diags, _) = check_on(&variants("2027-02-01"), date("2026-11-01"));
    assert!(diags.iter().all(|d| !d.message_en.contains("variants")), "{:?}", messages(&diags));
}

#[test]
fn variants_in_force_on_the_same_day_overlap_and_a_missing_day_is_a_gap() {
    let (diags, _) = check_on(&variants("2027-01-20"), date("2026-11-01"));
    let found = messages(&diags);
    assert!(
        found.iter().any(|m| m.contains(
            "variants overlap: old, new all apply in situation `s` with answers q=yes for events on 2027-01-20"
        )),
        "{found:?}"
    );
    let (diags, _) = check_on(&variants("2027-02-10"), date("2026-11-01"));
    let found = messages(&diags);
    assert!(
        found.iter().any(|m| m.contains(
            "variants leave a gap: no variant applies in situation `s` with answers q=yes for events on 2027-02-01"
        )),
        "{found:?}"
    );
}

#[test]
fn a_day_list_is_one_day_before_and_each_change() {
    assert_eq!(
        variant_days(&variants("2027-02-01"), 0),
        [Some(date("2027-01-31")), Some(date("2027-02-01"))].map(|d| d)
    );
    let undated = engine(catalog(json!([]), json!([service("x", json!({}))]), json!([{ "service": "x" }])));
    assert_eq!(variant_days(&undated, 0), [None]);
}
