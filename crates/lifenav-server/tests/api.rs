//! Every status code of the feedback API, on SQLite and on PostgreSQL.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::Client;
use lifenav_server::db::Db;
use lifenav_server::Settings;
use serde_json::{json, Value};

struct Api {
    client: Client,
}

impl Api {
    async fn new(db: Db, settings: Settings) -> Api {
        Api { client: Client::new(db, settings).await }
    }

    async fn call(&self, req: Request<Body>) -> (StatusCode, Vec<u8>, axum::http::HeaderMap) {
        let a = self.client.send(req).await;
        (a.status, a.body, a.headers)
    }

    async fn post(&self, path: &str, body: impl Into<Body>) -> (StatusCode, Value) {
        let req = Request::post(path).header(header::CONTENT_TYPE, "application/json").body(body.into()).unwrap();
        let (status, body, _) = self.call(req).await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Vec<u8>, axum::http::HeaderMap) {
        let mut req = Request::get(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.call(req.body(Body::empty()).unwrap()).await
    }
}

fn settings() -> Settings {
    common::settings()
}

fn rating(id: &str, service: &str, overall: i64) -> Value {
    json!({
        "id": id, "service": service, "overall": overall, "waiting": 4, "politeness": 5,
        "comfort": 3, "information": 4, "channel": "mfc", "term_met": true, "comment": "Всё понятно"
    })
}

const ID: &str = "3f2b1c9e-8d4a-4f6b-9c1d-2e7a5b8c0d1f";

async fn every_status_code(db: Db) {
    let api = Api::new(db, settings()).await;
    let body = rating(ID, "birth-registration", 5).to_string();

    let (s, v) = api.post("/api/v1/ratings", body.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["status"], "created");
    // The same id and content again: stored once, 200.
    let (s, _) = api.post("/api/v1/ratings", body.clone()).await;
    assert_eq!(s, StatusCode::OK);
    // The same id, different content: 409.
    let (s, v) = api.post("/api/v1/ratings", rating(ID, "birth-registration", 2).to_string()).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(v["field"], "id");
    // Invalid fields: 422 naming the field.
    for (bad, field) in [
        (rating("a1b2c3d4-0000-4000-8000-000000000001", "moon-landing", 5), "service"),
        (rating("a1b2c3d4-0000-4000-8000-000000000002", "birth-registration", 0), "overall"),
        (rating("not-a-uuid", "birth-registration", 5), "id"),
        (
            json!({"id": "a1b2c3d4-0000-4000-8000-000000000003", "service": "snils", "overall": 5, "waiting": 5, "politeness": 5, "comfort": 5, "information": 5, "channel": "mfc", "email": "a@b.c"}),
            "email",
        ),
    ] {
        let (s, v) = api.post("/api/v1/ratings", bad.to_string()).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(v["field"], field, "{v}");
    }
    let (s, v) = api.post("/api/v1/ratings", "{not json").await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["field"], "");
    // Too large: 413.
    let huge = json!({"id": ID, "comment": "я".repeat(20_000)}).to_string();
    let (s, v) = api.post("/api/v1/ratings", huge).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        v,
        json!({ "error": "Отзыв слишком большой: не больше 16 КБ; сократите комментарий и отправьте снова", "field": "" })
    );

    // "Was this plan helpful?": the same rules.
    let h = json!({"id": "b7e4a1f2-1111-4111-8111-111111111111", "situation": "birth", "helpful": true}).to_string();
    assert_eq!(api.post("/api/v1/helpful", h.clone()).await.0, StatusCode::CREATED);
    assert_eq!(api.post("/api/v1/helpful", h).await.0, StatusCode::OK);
    let changed = json!({"id": "b7e4a1f2-1111-4111-8111-111111111111", "situation": "birth", "helpful": false});
    assert_eq!(api.post("/api/v1/helpful", changed.to_string()).await.0, StatusCode::CONFLICT);
    let (s, v) =
        api.post("/api/v1/helpful", json!({"id": ID, "situation": "wedding", "helpful": true}).to_string()).await;
    assert_eq!((s, v["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("situation")));

    // Public summary.
    for (id, overall) in [("c0000000-0000-4000-8000-000000000001", 3), ("c0000000-0000-4000-8000-000000000002", 4)] {
        assert_eq!(
            api.post("/api/v1/ratings", rating(id, "birth-registration", overall).to_string()).await.0,
            StatusCode::CREATED
        );
    }
    let (s, body, _) = api.get("/api/v1/summary?service=birth-registration", None).await;
    assert_eq!(s, StatusCode::OK);
    let v: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(v["count"], 3);
    assert_eq!(v["mean_overall"], 4.0);
    assert_eq!(v["share_satisfied"], 0.667);
    assert_eq!(v["criteria"]["comfort"], 3.0);
    assert_eq!(v["channels"]["mfc"]["count"], 3);
    assert_eq!(v["department"], "ЗАГС");
    let (s, body, _) = api.get("/api/v1/summary", None).await;
    assert_eq!(s, StatusCode::OK);
    let all: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(all["all"]["count"], 3);
    assert!(all["under_rated"].as_array().unwrap().iter().any(|s| s == "birth-registration"));
    let (s, body, _) = api.get("/api/v1/summary?service=snils", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(serde_json::from_slice::<Value>(&body).unwrap()["count"], 0);
    assert_eq!(api.get("/api/v1/summary?service=moon", None).await.0, StatusCode::NOT_FOUND);
    // Comments are for analysts: never in the public summary.
    assert!(!String::from_utf8_lossy(&api.get("/api/v1/summary", None).await.1).contains("Всё понятно"));

    // Analysts only: 401 without the token, the CSV with it.
    assert_eq!(api.get("/api/v1/ratings.csv", None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(api.get("/api/v1/ratings.csv", Some("wrong")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(api.get("/dashboard", None).await.0, StatusCode::UNAUTHORIZED);
    let (s, csv, headers) = api.get("/api/v1/ratings.csv?sep=semicolon", Some("s3cret-token")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("\u{feff}\"id\";\"day\";\"service\";\"department\";\"overall\""), "{csv}");
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.contains(";\"ЗАГС\";5;4;5;3;4;\"mfc\";\"yes\";\"\";\"\";\"Всё понятно\""), "{csv}");
    let (s, page, _) = api.get("/dashboard", Some("s3cret-token")).await;
    assert_eq!(s, StatusCode::OK);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("Регистрация рождения ребёнка"));
    assert!(page.contains("<svg"));
}

#[tokio::test]
async fn every_status_code_on_sqlite() {
    every_status_code(common::sqlite().await).await;
}

#[tokio::test]
async fn every_status_code_on_postgres() {
    if let Some(db) = common::postgres().await {
        every_status_code(db).await;
    }
}

#[tokio::test]
async fn too_many_requests_from_one_client_get_429() {
    let api = Api::new(common::sqlite().await, Settings { rate_per_minute: 60, rate_burst: 3, ..settings() }).await;
    let mut answers = Vec::new();
    for i in 0..5 {
        let id = format!("d0000000-0000-4000-8000-00000000000{i}");
        answers.push(api.post("/api/v1/ratings", rating(&id, "snils", 5).to_string()).await);
    }
    let statuses: Vec<StatusCode> = answers.iter().map(|a| a.0).collect();
    assert_eq!(&statuses[..3], [StatusCode::CREATED; 3]);
    assert_eq!(statuses[3], StatusCode::TOO_MANY_REQUESTS);
    // One token a second: the wait is said in seconds, with what to do.
    assert_eq!(answers[3].1["error"], "Слишком много запросов: подождите 1 секунду и повторите");
}

/// What axum would answer in plain English text (a wrong method, no such address) is JSON
/// in Russian, with the same status (a path or query that does not parse: tests/catalog.rs).
#[tokio::test]
async fn the_routers_own_refusals_are_json_in_russian() {
    let api = Api::new(common::sqlite().await, settings()).await;
    let said = |body: &[u8]| serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
    let (s, body, headers) = api.get("/api/v1/ratings", None).await;
    assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(headers[header::ALLOW], "POST");
    assert_eq!(
        said(&body),
        json!({ "error": "Этот адрес не принимает такой запрос: обновите страницу и повторите действие", "field": "" })
    );
    let (s, body, _) = api.get("/api/v1/nothing-here", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(said(&body)["error"], "Такого адреса нет: проверьте ссылку или откройте студию заново");
    // Our own answers pass as they were.
    let (s, body, _) = api.get("/api/v1/summary?service=moon", None).await;
    assert_eq!((s, said(&body)["field"].as_str()), (StatusCode::NOT_FOUND, Some("service")));
}

#[tokio::test]
async fn cors_allows_only_the_listed_origins() {
    let api = Api::new(common::sqlite().await, settings()).await;
    let preflight = |origin: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri("/api/v1/ratings")
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
            .header(header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
            .body(Body::empty())
            .unwrap()
    };
    let (_, _, h) = api.call(preflight("https://city.example")).await;
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://city.example");
    let (_, _, h) = api.call(preflight("https://evil.example")).await;
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());
}

/// Analysts sign in with their staff account (the session of the studio), not with a
/// cookie that held the token itself; other staff are refused.
#[tokio::test]
async fn an_analysts_account_opens_the_dashboard_and_others_do_not() {
    let db = common::sqlite().await;
    let analyst = common::account(&db, "ana", &[lifenav_server::staff::roles::Role::Analyst]).await;
    let editor = common::account(&db, "ed", &[lifenav_server::staff::roles::Role::Editor]).await;
    let a = Client::new(db, settings()).await;
    let e = a.other();
    let nobody = a.other();
    a.sign_in("ana", &analyst).await;
    e.sign_in("ed", &editor).await;
    let page = a.get("/dashboard").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("<svg"));
    assert!(
        page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("default-src 'self'"),
        "staff pages carry a CSP"
    );
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    assert_eq!(a.get("/api/v1/ratings.csv").await.status, StatusCode::OK);
    assert_eq!(e.get("/dashboard").await.status, StatusCode::FORBIDDEN);
    let anonymous = nobody.get("/dashboard").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.text().contains("/studio/"), "told where to sign in");
    assert_eq!(
        nobody.post("/dashboard/login", serde_json::json!({ "token": "s3cret-token" })).await.status,
        StatusCode::NOT_FOUND,
        "no token cookie any more"
    );
}

/// Guards the defects where the `Bearer` check was case-sensitive and a token could be
/// guessed thousands of times a second.
#[tokio::test]
async fn the_token_scheme_is_case_insensitive_and_guessing_is_slowed() {
    let api = Api::new(common::sqlite().await, settings()).await;
    let with = |auth: &str| {
        Request::get("/api/v1/ratings.csv").header(header::AUTHORIZATION, auth).body(Body::empty()).unwrap()
    };
    assert_eq!(api.call(with("bearer s3cret-token")).await.0, StatusCode::OK);
    assert_eq!(api.call(with("BEARER s3cret-token")).await.0, StatusCode::OK);
    let mut statuses = Vec::new();
    for n in 0..15 {
        statuses.push(api.call(with(&format!("Bearer guess-{n}"))).await.0);
    }
    assert_eq!(statuses[0], StatusCode::UNAUTHORIZED);
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
}

/// Guards the defect where a `text/plain` POST, which any page can send without a CORS
/// preflight, was stored.
#[tokio::test]
async fn only_json_is_accepted_from_citizens() {
    let api = Api::new(common::sqlite().await, settings()).await;
    let body = rating("e0000000-0000-4000-8000-000000000001", "snils", 5).to_string();
    for ct in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
        let req =
            Request::post("/api/v1/ratings").header(header::CONTENT_TYPE, ct).body(Body::from(body.clone())).unwrap();
        let (s, b, _) = api.call(req).await;
        assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{ct}");
        assert_eq!(serde_json::from_slice::<Value>(&b).unwrap()["field"], "Content-Type");
    }
    let missing = Request::post("/api/v1/ratings").body(Body::from(body.clone())).unwrap();
    assert_eq!(api.call(missing).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let ok = Request::post("/api/v1/ratings")
        .header(header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(api.call(ok).await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn without_a_token_the_analyst_endpoints_stay_closed() {
    let api = Api::new(common::sqlite().await, Settings { analyst_token: None, ..settings() }).await;
    assert_eq!(api.get("/api/v1/ratings.csv", Some("")).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(api.get("/dashboard", Some("anything")).await.0, StatusCode::UNAUTHORIZED);
}
