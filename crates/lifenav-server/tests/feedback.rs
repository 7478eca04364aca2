//! Feedback on PostgreSQL and several instances: the defects a review of the service found
//! (each test says which), on the real database.

#[macro_use]
mod common;

use common::Client;
use lifenav_server::db::Db;
use lifenav_server::feedback::rating::Rating;
use lifenav_server::feedback::store::{Item, Outcome};
use lifenav_server::feedback::writer::Writer;
use serde_json::{json, Value};
use std::time::Duration;

fn rating(id: &str, comment: Option<&str>) -> Item {
    Item::Rating(Rating {
        id: id.to_string(),
        service: "snils".into(),
        overall: 4,
        criteria: [4, 4, 4, 4],
        channel: "mfc".into(),
        term_met: None,
        comment: comment.map(str::to_string),
        waited_minutes: None,
        visits: None,
    })
}

fn id(n: u32) -> String {
    format!("f{n:07x}-0000-4000-8000-{:012x}", std::process::id())
}

/// Guards the defect where one rating PostgreSQL refuses (a NUL in its text) failed the
/// whole group commit, and so every other citizen's rating in it: the others are stored.
#[tokio::test]
async fn one_bad_row_does_not_fail_the_others_on_postgres() {
    let Some(db) = common::postgres().await else { return };
    let (writer, task) = Writer::start(db.clone(), || {});
    let mut pending = Vec::new();
    for n in 0..40u32 {
        let bad = n == 17;
        let item = rating(&id(n), bad.then_some("a\0b"));
        let w = writer.clone();
        pending.push(tokio::spawn(async move { (bad, w.submit(item).await) }));
    }
    let mut failed = 0;
    for p in pending {
        let (bad, outcome) = p.await.unwrap();
        match outcome {
            Ok(Outcome::Created) => assert!(!bad, "the NUL row cannot be stored on PostgreSQL"),
            Err(_) if bad => failed += 1,
            other => panic!("a good rating got {other:?}"),
        }
    }
    assert_eq!(failed, 1);
    drop(writer);
    task.await.unwrap();
}

/// Guards the defect where two instances given the same ids in different orders
/// deadlocked ("deadlock detected", 1 s stalls): each batch writes its rows in id order.
#[tokio::test]
async fn two_batches_with_the_same_ids_in_opposite_orders_do_not_deadlock() {
    let Some(db) = common::postgres().await else { return };
    for round in 0..5u32 {
        let items: Vec<Item> = (0..200).map(|n| rating(&id(10_000 * (round + 1) + n), None)).collect();
        let mut reversed = items.clone();
        reversed.reverse();
        let (a, b) = tokio::join!(
            lifenav_server::feedback::store::insert_batch(&db, &items, "2026-12-01"),
            lifenav_server::feedback::store::insert_batch(&db, &reversed, "2026-12-01")
        );
        let (a, b) = (a.expect("no deadlock"), b.expect("no deadlock"));
        let created = a.iter().chain(&b).filter(|o| **o == Outcome::Created).count();
        assert_eq!(created, 200, "each row stored once");
        assert_eq!(b.len(), 200, "outcomes in the order given");
    }
}

/// The same through two instances' group-commit writers under concurrent load.
#[tokio::test]
async fn two_writers_with_the_same_ids_in_opposite_orders_do_not_deadlock() {
    let Some(db) = common::postgres().await else { return };
    let (a, ta) = Writer::start(db.clone(), || {});
    let (b, tb) = Writer::start(db.clone(), || {});
    let ids: Vec<String> = (100..400).map(id).collect();
    let send = |w: Writer, ids: Vec<String>| {
        tokio::spawn(async move {
            let all = ids.into_iter().map(|i| {
                let w = w.clone();
                tokio::spawn(async move { w.submit(rating(&i, None)).await })
            });
            let mut out = Vec::new();
            for h in all.collect::<Vec<_>>() {
                out.push(h.await.unwrap());
            }
            out
        })
    };
    let mut reversed = ids.clone();
    reversed.reverse();
    let started = std::time::Instant::now();
    let (ra, rb) = tokio::join!(send(a, ids), send(b, reversed));
    let outcomes: Vec<_> = ra.unwrap().into_iter().chain(rb.unwrap()).collect();
    assert!(
        outcomes.iter().all(|o| matches!(o, Ok(Outcome::Created | Outcome::Duplicate))),
        "{:?}",
        outcomes.iter().find(|o| o.is_err())
    );
    assert_eq!(outcomes.iter().filter(|o| matches!(o, Ok(Outcome::Created))).count(), 300, "each stored once");
    assert!(started.elapsed() < Duration::from_secs(10));
    ta.await.unwrap();
    tb.await.unwrap();
}

/// Guards the defect where two instances starting at once on a fresh database made one
/// of them exit (a duplicate key in `pg_type`): versioned migrations take a lock, and the
/// first catalog version is written once.
#[tokio::test]
async fn two_instances_start_at_once_on_a_fresh_database() {
    let Some(url) = common::postgres_url("lifenav_twostart").await else { return };
    let (a, b) = tokio::join!(Db::connect(&url), Db::connect(&url));
    let (a, b) = (a.expect("first instance"), b.expect("second instance"));
    let (x, y) =
        tokio::join!(lifenav_server::app(a.clone(), common::settings()), lifenav_server::app(b, common::settings()));
    assert!(x.is_ok() && y.is_ok());
    let versions = lifenav_server::catalog::store::versions(&a).await.unwrap();
    assert_eq!(versions.len(), 1, "version 1 once");
}

/// Guards the defect where an instance's summary never saw ratings stored by another
/// until it stored one itself: the summary is at most `summary_max_age` old.
async fn another_instances_ratings_show_in_the_summary(db: Db) {
    let settings = lifenav_server::Settings { summary_max_age: Duration::from_millis(300), ..common::settings() };
    let a = Client::new(db.clone(), settings.clone()).await;
    let b = Client::new(db, settings).await;
    let count = |v: Value| v["all"]["count"].as_i64().unwrap();
    assert_eq!(count(b.get("/api/v1/summary").await.json()), 0);
    let r = json!({ "id": id(900), "service": "snils", "overall": 5, "waiting": 5, "politeness": 5, "comfort": 5, "information": 5, "channel": "mfc" });
    assert_eq!(a.post("/api/v1/ratings", r).await.status, axum::http::StatusCode::CREATED);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(count(b.get("/api/v1/summary").await.json()), 1);
}
on_both_databases!(
    another_instances_ratings_show_in_the_summary,
    summaries_across_instances_on_sqlite,
    summaries_across_instances_on_postgres
);
