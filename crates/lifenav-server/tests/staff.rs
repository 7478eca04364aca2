//! Staff accounts and sessions through the HTTP API, on SQLite and on PostgreSQL: every
//! 401, 403, 409 and 422; cross-site requests refused; a new session id at sign-in;
//! password guessing slowed down; sessions ended by a reset or a disabled account.

#[macro_use]
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{account, Client};
use lifenav_server::db::Db;
use lifenav_server::staff::roles::Role;
use serde_json::json;

async fn sign_in_and_out(db: Db) {
    let password = account(&db, "editor1", &[Role::Editor]).await;
    let c = Client::new(db, common::settings()).await;
    assert_eq!(c.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED);

    let wrong = c.sign_in("editor1", "not the password").await;
    assert_eq!((wrong.status, wrong.json()["field"].as_str()), (StatusCode::UNAUTHORIZED, Some("password")));
    let unknown = c.sign_in("nobody", "whatever-password").await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.json()["error"], wrong.json()["error"], "an unknown login is refused like a wrong password");

    let ok = c.sign_in("editor1", &password).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    assert_eq!(ok.json()["roles"], json!(["editor"]));
    let cookie = ok.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing in {cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http on localhost: not Secure ({cookie})");
    // Not remembered: the cookie ends with the browser (a shared office computer).
    assert!(!cookie.contains("Max-Age") && !cookie.contains("Expires"), "a session cookie: {cookie}");
    let remembered = c
        .other()
        .post("/api/v1/staff/login", json!({ "login": "editor1", "password": password, "remember": true }))
        .await;
    assert_eq!(remembered.status, StatusCode::OK, "{}", remembered.text());
    let lasting = remembered.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(lasting.contains("Max-Age") || lasting.contains("Expires"), "«запомнить меня» keeps it: {lasting}");
    let me = c.get("/api/v1/staff/me").await;
    assert_eq!((me.status, me.json()["login"].as_str()), (StatusCode::OK, Some("editor1")));
    // Security headers on staff answers.
    assert!(me.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().contains("frame-ancestors 'self'"));
    assert_eq!(me.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(me.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");

    assert_eq!(c.post("/api/v1/staff/logout", json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED);

    // 422s name the field.
    for (body, field) in [
        (json!({ "login": "editor1" }), "password"),
        (json!({ "login": 5, "password": "x" }), "login"),
        (json!({ "login": "a", "password": "b", "remember": "yes" }), "remember"),
        (json!({ "login": "a", "password": "b", "keep": true }), "keep"),
    ] {
        let a = c.post("/api/v1/staff/login", body).await;
        assert_eq!((a.status, a.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)));
    }
}
on_both_databases!(sign_in_and_out, sign_in_and_out_on_sqlite, sign_in_and_out_on_postgres);

/// A session id planted before sign-in (session fixation) must not become a signed-in one.
async fn the_session_id_changes_at_sign_in(db: Db) {
    let password = account(&db, "editor2", &[Role::Editor]).await;
    let c = Client::new(db, common::settings()).await;
    c.sign_in("editor2", &password).await;
    let first = c.cookie.lock().unwrap().clone().unwrap();
    let again = c.sign_in("editor2", &password).await;
    assert_eq!(again.status, StatusCode::OK);
    let second = c.cookie.lock().unwrap().clone().unwrap();
    assert_ne!(first, second, "a sign-in must start a new session id");
    let old = Request::get("/api/v1/staff/me").header(header::COOKIE, &first).body(Body::empty()).unwrap();
    assert_eq!(c.other().send(old).await.status, StatusCode::UNAUTHORIZED, "the id from before still works");
    assert_eq!(c.get("/api/v1/staff/me").await.status, StatusCode::OK);
}
on_both_databases!(the_session_id_changes_at_sign_in, session_id_changes_on_sqlite, session_id_changes_on_postgres);

async fn cross_site_requests_are_refused(db: Db) {
    let password = account(&db, "editor3", &[Role::Editor]).await;
    let c = Client::new(db, common::settings()).await;
    let from = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut r = Request::post("/api/v1/staff/login").header(header::CONTENT_TYPE, "application/json");
        if let Some(o) = origin {
            r = r.header(header::ORIGIN, o);
        }
        if let Some(s) = fetch_site {
            r = r.header("sec-fetch-site", s);
        }
        r.body(Body::from(json!({ "login": "editor3", "password": password }).to_string())).unwrap()
    };
    let evil = c.send(from(Some("https://evil.example"), None)).await;
    assert_eq!((evil.status, evil.json()["field"].as_str()), (StatusCode::FORBIDDEN, Some("Origin")));
    assert_eq!(c.send(from(None, Some("cross-site"))).await.status, StatusCode::FORBIDDEN);
    assert_eq!(c.send(from(None, None)).await.status, StatusCode::FORBIDDEN, "no Origin, no Sec-Fetch-Site");
    assert_eq!(c.send(from(None, Some("same-origin"))).await.status, StatusCode::OK);
    // Signed in, a cross-site state change is refused too, and changes nothing.
    let save = Request::put("/api/v1/studio/draft/files/services/new-one.toml")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(json!({ "text": "id = \"x\"\n", "base": null }).to_string()))
        .unwrap();
    assert_eq!(c.send(save).await.status, StatusCode::FORBIDDEN);
    let draft = c.get("/api/v1/studio/draft").await.json();
    assert!(!draft["files"].as_array().unwrap().iter().any(|f| f["path"] == "services/new-one.toml"));
}
on_both_databases!(cross_site_requests_are_refused, cross_site_refused_on_sqlite, cross_site_refused_on_postgres);

async fn guessing_a_password_is_slowed_down(db: Db) {
    let password = account(&db, "reviewer1", &[Role::Reviewer]).await;
    let colleague = account(&db, "editor9", &[Role::Editor]).await;
    let c = Client::new(db, common::settings()).await;
    for _ in 0..5 {
        assert_eq!(c.sign_in("reviewer1", "guess-guess-guess").await.status, StatusCode::UNAUTHORIZED);
    }
    // Past 3 failures every attempt of this login from this address waits before its check.
    let started = std::time::Instant::now();
    assert_eq!(c.sign_in("reviewer1", "guess-guess-guess").await.status, StatusCode::UNAUTHORIZED);
    assert!(started.elapsed() >= std::time::Duration::from_millis(900), "slowed: {:?}", started.elapsed());
    // The defect this guards: five failures locked the right password out for a minute,
    // and ten from one address locked out every colleague behind it. Now the right password
    // signs in after the wait, and a colleague at the same address is not slowed at all.
    let right = c.sign_in("reviewer1", &password).await;
    assert_eq!(right.status, StatusCode::OK, "{}", right.text());
    let other = c.other();
    for n in 0..12 {
        assert_eq!(other.sign_in(&format!("someone{n}"), "guess-guess-guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let started = std::time::Instant::now();
    assert_eq!(c.sign_in("editor9", &colleague).await.status, StatusCode::OK);
    assert!(started.elapsed() < std::time::Duration::from_millis(900), "{:?}", started.elapsed());
}
on_both_databases!(guessing_a_password_is_slowed_down, guessing_slowed_on_sqlite, guessing_slowed_on_postgres);

async fn admins_manage_accounts(db: Db) {
    let admin_password = account(&db, "admin", &[Role::Admin]).await;
    let editor_password = account(&db, "editor4", &[Role::Editor]).await;
    let admin = Client::new(db, common::settings()).await;
    let editor = admin.other();
    admin.sign_in("admin", &admin_password).await;
    editor.sign_in("editor4", &editor_password).await;

    assert_eq!(editor.get("/api/v1/staff/users").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        editor.post("/api/v1/staff/users", json!({ "login": "x1", "name": "X", "roles": ["admin"] })).await.status,
        StatusCode::FORBIDDEN
    );

    let created = admin
        .post("/api/v1/staff/users", json!({ "login": "anna", "name": "Анна Петрова", "roles": ["reviewer"] }))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let anna_password = created.json()["password"].as_str().unwrap().to_string();
    let anna = admin.other();
    assert_eq!(anna.sign_in("anna", &anna_password).await.status, StatusCode::OK);

    for (body, status, field) in [
        (json!({ "login": "anna", "name": "A", "roles": ["editor"] }), StatusCode::CONFLICT, "login"),
        (json!({ "login": "Анна", "name": "A", "roles": ["editor"] }), StatusCode::UNPROCESSABLE_ENTITY, "login"),
        (json!({ "login": "boris", "name": "B", "roles": ["astronaut"] }), StatusCode::UNPROCESSABLE_ENTITY, "roles"),
        (json!({ "login": "boris", "name": "", "roles": ["editor"] }), StatusCode::UNPROCESSABLE_ENTITY, "name"),
        (
            json!({ "login": "boris", "name": "B", "roles": ["editor"], "email": "b@x" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            "email",
        ),
    ] {
        let a = admin.post("/api/v1/staff/users", body.clone()).await;
        assert_eq!((a.status, a.json()["field"].as_str()), (status, Some(field)), "{body}");
    }
    let list = admin.get("/api/v1/staff/users").await.json();
    let logins: Vec<&str> = list["users"].as_array().unwrap().iter().map(|u| u["login"].as_str().unwrap()).collect();
    assert_eq!(logins, ["admin", "anna", "editor4"]);
    assert!(!list.to_string().contains("argon2"), "hashes never leave the server");

    // A reset ends the account's sessions; so does disabling it.
    let reset = admin.post("/api/v1/staff/users/anna/password", json!({})).await;
    assert_eq!(reset.status, StatusCode::OK);
    assert_eq!(anna.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED);
    let new_password = reset.json()["password"].as_str().unwrap().to_string();
    assert_eq!(anna.sign_in("anna", &new_password).await.status, StatusCode::OK);
    let patch = admin.json("PATCH", "/api/v1/staff/users/anna", json!({ "disabled": true })).await;
    assert_eq!(patch.status, StatusCode::NO_CONTENT);
    assert_eq!(anna.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(anna.sign_in("anna", &new_password).await.status, StatusCode::UNAUTHORIZED);

    // The last admin stays an admin.
    let demote = admin.json("PATCH", "/api/v1/staff/users/admin", json!({ "roles": ["editor"] })).await;
    assert_eq!((demote.status, demote.json()["field"].as_str()), (StatusCode::CONFLICT, Some("roles")));
    assert_eq!(
        admin.json("PATCH", "/api/v1/staff/users/ghost", json!({ "name": "G" })).await.status,
        StatusCode::NOT_FOUND
    );

    // Everything above is in the audit log.
    let audit = admin.get("/api/v1/staff/audit").await.json();
    let actions: Vec<&str> =
        audit["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in ["user_created", "password_reset", "user_updated", "sign_in", "sign_in_failed"] {
        assert!(actions.contains(&action), "{action} missing in {actions:?}");
    }
    assert_eq!(editor.get("/api/v1/staff/audit").await.status, StatusCode::FORBIDDEN);
}
on_both_databases!(admins_manage_accounts, admins_manage_accounts_on_sqlite, admins_manage_accounts_on_postgres);

async fn changing_ones_own_password(db: Db) {
    let password = account(&db, "editor5", &[Role::Editor]).await;
    let c = Client::new(db, common::settings()).await;
    let other_device = c.other();
    c.sign_in("editor5", &password).await;
    other_device.sign_in("editor5", &password).await;
    let weak = c.post("/api/v1/staff/me/password", json!({ "current": password, "new": "short" })).await;
    assert_eq!((weak.status, weak.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("new")));
    let wrong = c.post("/api/v1/staff/me/password", json!({ "current": "nope", "new": "a much longer one" })).await;
    assert_eq!((wrong.status, wrong.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("current")));
    let ok = c.post("/api/v1/staff/me/password", json!({ "current": password, "new": "a much longer one" })).await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(c.get("/api/v1/staff/me").await.status, StatusCode::OK, "this session goes on");
    assert_eq!(other_device.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED, "the others end");
}
on_both_databases!(changing_ones_own_password, own_password_on_sqlite, own_password_on_postgres);

/// The studio's pages: any path under /studio/ is its page (the app routes itself), with
/// the security headers; files whose names start with a dot are never served.
#[tokio::test]
async fn the_studio_pages_and_no_dotfiles() {
    let dir = std::env::temp_dir().join(common::unique("lifenav_static"));
    std::fs::create_dir_all(dir.join("studio")).unwrap();
    std::fs::write(dir.join("studio/index.html"), "<!doctype html><title>studio</title>").unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>city</title>").unwrap();
    std::fs::write(dir.join(".env"), "SECRET=1").unwrap();
    let settings = lifenav_server::Settings { static_dir: Some(dir.clone()), ..common::settings() };
    let c = Client::new(common::sqlite().await, settings).await;
    for path in ["/studio/", "/studio/items/services", "/studio"] {
        let page = c.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.text().contains("<title>studio</title>"), "{path}: {}", page.text());
        assert!(page.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .contains("script-src 'self' 'wasm-unsafe-eval'"));
        assert_eq!(page.headers[header::X_FRAME_OPTIONS], "SAMEORIGIN");
    }
    assert!(c.get("/").await.text().contains("city"));
    assert_eq!(c.get("/.env").await.status, StatusCode::NOT_FOUND);
    assert_eq!(c.get("/studio/.env").await.status, StatusCode::NOT_FOUND);
}

/// Behind a load balancer, a session begun on one instance works on another: sessions
/// live in the database.
async fn a_session_works_on_every_instance(db: Db) {
    let password = account(&db, "editor6", &[Role::Editor]).await;
    let a = Client::new(db.clone(), common::settings()).await;
    let b = Client::new(db, common::settings()).await;
    assert_eq!(a.sign_in("editor6", &password).await.status, StatusCode::OK);
    *b.cookie.lock().unwrap() = a.cookie.lock().unwrap().clone();
    let me = b.get("/api/v1/staff/me").await;
    assert_eq!((me.status, me.json()["login"].as_str()), (StatusCode::OK, Some("editor6")));
    assert_eq!(b.post("/api/v1/staff/logout", json!({})).await.status, StatusCode::NO_CONTENT);
    assert_eq!(a.get("/api/v1/staff/me").await.status, StatusCode::UNAUTHORIZED, "signed out everywhere");
}
on_both_databases!(
    a_session_works_on_every_instance,
    sessions_across_instances_on_sqlite,
    sessions_across_instances_on_postgres
);
