//! The feedback loop through the API, on both databases: a citizen's low rating with a
//! comment reaches the responders of its service's department (and nobody else's), is
//! answered on time, the citizen reads the answer by the rating's id and says it helped,
//! and the indicators count it.

#[macro_use]
mod common;

use axum::http::StatusCode;
use common::Client;
use lifenav_server::db::Db;
use lifenav_server::staff::accounts;
use lifenav_server::staff::roles::{Role, Roles};
use serde_json::{json, Value};

const LOW: &str = "5a1b2c3d-0000-4000-8000-000000000001";
const OTHER_DEPT: &str = "5a1b2c3d-0000-4000-8000-000000000002";
const PASSED: &str = "5a1b2c3d-0000-4000-8000-000000000003";
const HAPPY: &str = "5a1b2c3d-0000-4000-8000-000000000004";
const NEVER_RATED: &str = "5a1b2c3d-0000-4000-8000-0000000000ff";

fn rating(id: &str, service: &str, overall: i64, comment: Option<&str>) -> Value {
    let mut r = json!({
        "id": id, "service": service, "overall": overall, "waiting": 2, "politeness": 3,
        "comfort": 3, "information": 2, "channel": "mfc", "waited_minutes": 40, "visits": 3
    });
    if let Some(c) = comment {
        r["comment"] = json!(c);
    }
    r
}

async fn staff(db: &Db, login: &str, roles: &[Role], departments: &[&str]) -> String {
    let password = format!("{login}-password-123");
    let departments: Vec<String> = departments.iter().map(|d| d.to_string()).collect();
    accounts::create(db, login, login, &Roles::new(roles.to_vec()), &departments, &password).await.expect("account");
    password
}

async fn signed_in(citizen: &Client, db: &Db, login: &str, roles: &[Role], departments: &[&str]) -> Client {
    let password = staff(db, login, roles, departments).await;
    let c = citizen.other();
    assert_eq!(c.sign_in(login, &password).await.status, StatusCode::OK);
    c
}

fn ids(queue: &Value) -> Vec<String> {
    queue["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

async fn the_loop(db: Db) {
    let citizen = Client::new(db.clone(), common::settings()).await;
    let comment = "Ждали в очереди два часа, окно работало одно. Сотрудник был вежлив.";
    for r in [
        rating(LOW, "birth-registration", 2, Some(comment)),
        rating(OTHER_DEPT, "snils", 1, Some("Не приняли заявление")),
        rating(PASSED, "death-registration", 2, Some("Справку о смерти выдали с ошибкой в больнице")),
        rating(HAPPY, "birth-registration", 5, None),
    ] {
        let a = citizen.post("/api/v1/ratings", r).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    }

    let zags = signed_in(&citizen, &db, "zags-responder", &[Role::Responder], &["zags"]).await;
    let editor = signed_in(&citizen, &db, "an-editor", &[Role::Editor], &["zags"]).await;

    // The queue holds the zags department's ratings to look at, the one due first on top.
    let queue = zags.get("/api/v1/responses").await;
    assert_eq!(queue.status, StatusCode::OK, "{}", queue.text());
    let queue = queue.json();
    let mine = ids(&queue);
    assert!(mine.contains(&LOW.to_string()) && mine.contains(&PASSED.to_string()), "{queue}");
    assert!(!mine.contains(&OTHER_DEPT.to_string()), "the SFR's rating is not the zags's business: {queue}");
    assert!(!mine.contains(&HAPPY.to_string()), "a 5 without a comment needs nobody: {queue}");
    let low = queue["items"].as_array().unwrap().iter().find(|i| i["id"] == LOW).unwrap();
    assert_eq!(low["must_answer"], true);
    assert_eq!(low["status"], "open");
    assert_eq!(low["comment"], comment);
    assert_eq!(low["waited_minutes"], 40);
    assert_eq!(low["department_name"], "ЗАГС");
    let received = lifenav_core::Date::parse(low["received_on"].as_str().unwrap()).unwrap();
    assert_eq!(low["due"], received.add_days(30).to_string(), "due 30 days after the rating");

    // Who may act: a responder of the rating's department only.
    assert_eq!(editor.get("/api/v1/responses").await.status, StatusCode::FORBIDDEN, "an editor is not a responder");
    let answer = json!({ "text": "Извините. С декабря работают два окна.", "public": true, "excerpt": "Ждали в очереди два часа" });
    let a = zags.post(&format!("/api/v1/responses/{OTHER_DEPT}/answer"), answer.clone()).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "another department's rating: {}", a.text());
    let a = citizen.other().post(&format!("/api/v1/responses/{LOW}/answer"), answer.clone()).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);

    // Bad answers name their field and change nothing.
    for (bad, field) in [
        (json!({ "text": "  ", "public": false }), "text"),
        (json!({ "text": "Ответ", "public": "yes" }), "public"),
        (json!({ "text": "Ответ", "public": true, "excerpt": "Ждали три часа" }), "excerpt"),
        (json!({ "text": "Ответ", "public": false, "excerpt": "Ждали в очереди" }), "excerpt"),
        (json!({ "text": "Ответ", "public": true, "name": "Иванов" }), "name"),
    ] {
        let a = zags.post(&format!("/api/v1/responses/{LOW}/answer"), bad.clone()).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}: {}", a.text());
        assert_eq!(a.json()["field"], field, "{bad}");
    }
    let mut before = citizen.post("/api/v1/answers", json!({ "ids": [LOW] })).await.json();
    assert_eq!(before["answers"], json!([]), "nothing answered yet");

    // The answer, public with an excerpt the responder chose.
    let a = zags.post(&format!("/api/v1/responses/{LOW}/answer"), answer).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.text());
    // Passed on (the error was the hospital's; in the example catalog, the MFC answers for it).
    let a = zags.post(&format!("/api/v1/responses/{PASSED}/pass"), json!({ "department": "nowhere" })).await;
    assert_eq!((a.status, a.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("department")));
    let a = zags.post(&format!("/api/v1/responses/{PASSED}/pass"), json!({ "department": "mfc" })).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.text());
    assert!(!ids(&zags.get("/api/v1/responses").await.json()).contains(&PASSED.to_string()));
    let mfc = signed_in(&citizen, &db, "mfc-responder", &[Role::Responder], &["mfc"]).await;
    let theirs = mfc.get("/api/v1/responses").await.json();
    let passed = theirs["items"].as_array().unwrap().iter().find(|i| i["id"] == PASSED).expect("passed to the MFC");
    assert_eq!(passed["status"], "passed");

    // The citizen's browser asks by the ids it keeps; unknown ids give nothing.
    let a = citizen.post("/api/v1/answers", json!({ "ids": [LOW, NEVER_RATED, HAPPY] })).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    before = a.json();
    let answers = before["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 1, "{before}");
    assert_eq!(answers[0]["id"], LOW);
    assert_eq!(answers[0]["answer"], "Извините. С декабря работают два окна.");
    assert_eq!(answers[0]["department"], "ЗАГС");
    assert_eq!(answers[0]["helped"], Value::Null);
    for bad in [json!({ "ids": "x" }), json!({ "ids": ["not-an-id"] }), json!({ "ids": vec![LOW; 201] })] {
        let a = citizen.post("/api/v1/answers", bad).await;
        assert_eq!((a.status, a.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("ids")));
    }

    // The citizen says it helped; there is nothing to say about a rating with no answer.
    let a = citizen.post(&format!("/api/v1/answers/{LOW}/helped"), json!({ "helped": true })).await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.text());
    let a = citizen.post(&format!("/api/v1/answers/{HAPPY}/helped"), json!({ "helped": true })).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
    let a = citizen.post(&format!("/api/v1/answers/{LOW}/helped"), json!({ "helped": "да" })).await;
    assert_eq!((a.status, a.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("helped")));

    // The public answer is shown with the service's score, with the excerpt and nothing else of the comment.
    let summary = citizen.get("/api/v1/summary?service=birth-registration").await.json();
    let public = summary["answers"].as_array().expect("answers beside the score");
    assert_eq!(public.len(), 1, "{summary}");
    assert_eq!(public[0]["excerpt"], "Ждали в очереди два часа");
    assert!(!summary.to_string().contains("окно работало одно"), "the rest of the comment stays private");

    // The indicators: the zags department had one rating to answer and answered it on time.
    let analyst = signed_in(&citizen, &db, "an-analyst", &[Role::Analyst], &[]).await;
    assert_eq!(zags.get("/api/v1/indicators").await.status, StatusCode::FORBIDDEN);
    let ind = analyst.get("/api/v1/indicators?department=zags").await;
    assert_eq!(ind.status, StatusCode::OK, "{}", ind.text());
    let ind = ind.json();
    let i = &ind["indicators"];
    assert_eq!(i["count"], 2, "{ind}");
    assert_eq!(i["share_satisfied"], 0.5);
    assert_eq!(i["must_answer"], 1);
    assert_eq!(i["answered_on_time"], 1);
    assert_eq!(i["answers_helped"], 1);
    assert_eq!(i["mean_waiting_minutes"], 40.0);
    assert_eq!(i["mean_visits"], 3.0);
    let all = analyst.get("/api/v1/indicators").await.json();
    assert_eq!(all["indicators"]["must_answer"], 3, "every department's: {all}");
    assert_eq!(all["indicators"]["answered_on_time"], 1);
    let a = analyst.get("/api/v1/indicators?department=moon").await;
    assert_eq!((a.status, a.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("department")));
    let a = analyst.get("/api/v1/indicators?from=2026-12-31&to=2026-01-01").await;
    assert_eq!((a.status, a.json()["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("from")));

    // Each action is in the audit log, under the responder's login.
    let audit = lifenav_server::audit::entries(&db, 50, None).await.unwrap();
    assert!(audit.iter().any(|e| e.actor == "zags-responder" && e.action == "rating_answered"), "{audit:?}");
    assert!(audit.iter().any(|e| e.actor == "zags-responder" && e.action == "rating_passed"), "{audit:?}");
}

on_both_databases!(the_loop, the_loop_on_sqlite, the_loop_on_postgres);
