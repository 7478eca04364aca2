//! The catalog through the HTTP API, on SQLite and on PostgreSQL: the first start, the
//! published bundle with its ETag, the draft saved file by file (a stale save is a 409),
//! review by someone else, publishing now or at a time (exactly once, whichever instance),
//! refusals with their reasons, rollback, import and export.

#[macro_use]
mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{account, Client};
use lifenav_server::catalog::{archive, store};
use lifenav_server::db::{now, Db};
use lifenav_server::staff::roles::Role;
use serde_json::{json, Value};

/// An editor, a reviewer and an anonymous visitor on one server.
struct Team {
    editor: Client,
    reviewer: Client,
    anonymous: Client,
}

async fn team(db: &Db) -> Team {
    let editor_password = account(db, "editor", &[Role::Editor]).await;
    let reviewer_password = account(db, "reviewer", &[Role::Reviewer, Role::Editor]).await;
    let editor = Client::new(db.clone(), common::settings()).await;
    let reviewer = editor.other();
    let anonymous = editor.other();
    assert_eq!(editor.sign_in("editor", &editor_password).await.status, StatusCode::OK);
    assert_eq!(reviewer.sign_in("reviewer", &reviewer_password).await.status, StatusCode::OK);
    Team { editor, reviewer, anonymous }
}

fn file<'a>(draft: &'a Value, path: &str) -> &'a Value {
    draft["files"].as_array().unwrap().iter().find(|f| f["path"] == path).unwrap_or_else(|| panic!("no {path}"))
}

async fn save(c: &Client, path: &str, text: &str, base: Option<&str>) -> common::Answer {
    c.json("PUT", &format!("/api/v1/studio/draft/files/{path}"), json!({ "text": text, "base": base })).await
}

/// Edits a draft file's text with `edit` and saves it against the hash it was read with.
async fn edit(c: &Client, path: &str, edit: impl Fn(&str) -> String) -> String {
    let draft = c.get("/api/v1/studio/draft").await.json();
    let f = file(&draft, path);
    let text = edit(f["text"].as_str().unwrap());
    let saved = save(c, path, &text, f["hash"].as_str()).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    text
}

async fn submit(c: &Client, message: &str) -> i64 {
    let a = c.post("/api/v1/studio/versions", json!({ "message": message })).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
    a.json()["number"].as_i64().unwrap()
}

const HOURS: &str = "hours = \"пн–пт 9:00–18:00, сб 10:00–14:00\"\n";

fn add_zags_hours(text: &str) -> String {
    text.replacen("short = \"ЗАГС\"\n", &format!("short = \"ЗАГС\"\n{HOURS}"), 1)
}

async fn the_published_catalog_and_its_etag(db: Db) {
    let c = Client::new(db, common::settings()).await;
    let first = c.get("/api/v1/catalog/bundle.json").await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(first.headers[header::CACHE_CONTROL], "public, no-cache");
    let etag = first.headers[header::ETAG].to_str().unwrap().to_string();
    assert!(etag.starts_with("\"v1-"), "{etag}");
    assert_eq!(first.json()["situations"].as_array().unwrap().len(), 3, "the seed catalog is version 1");
    let again =
        Request::get("/api/v1/catalog/bundle.json").header(header::IF_NONE_MATCH, &etag).body(Body::empty()).unwrap();
    let again = c.send(again).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    let index = c.get("/api/v1/catalog/index.txt").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.text().contains("birth"));
}
on_both_databases!(the_published_catalog_and_its_etag, bundle_and_etag_on_sqlite, bundle_and_etag_on_postgres);

async fn a_change_goes_through_review_to_citizens(db: Db) {
    let t = team(&db).await;
    assert_eq!(t.anonymous.get("/api/v1/studio/draft").await.status, StatusCode::UNAUTHORIZED);
    let before = t.anonymous.get("/api/v1/catalog/bundle.json").await.headers[header::ETAG].clone();

    edit(&t.editor, "departments.toml", add_zags_hours).await;
    let draft = t.editor.get("/api/v1/studio/draft").await.json();
    assert_eq!(draft["changed"], json!(["departments.toml"]));
    let diff = t.editor.get("/api/v1/studio/draft/diff").await.json();
    assert_eq!(diff["files"][0]["path"], "departments.toml");
    assert_eq!(diff["files"][0]["added"], 1);

    // Submitting needs a message; the author cannot approve; another reviewer can.
    let no_message = t.editor.post("/api/v1/studio/versions", json!({ "message": "  " })).await;
    assert_eq!(
        (no_message.status, no_message.json()["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("message"))
    );
    let number = submit(&t.editor, "Часы работы ЗАГС").await;
    assert_eq!(number, 2);
    let own = t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await;
    assert_eq!(own.status, StatusCode::NO_CONTENT, "the reviewer is not the author: {}", own.text());
    assert_eq!(
        t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await.status,
        StatusCode::CONFLICT
    );
    // Not yet published: citizens still get version 1.
    assert_eq!(t.anonymous.get("/api/v1/catalog/bundle.json").await.headers[header::ETAG], before);

    let published = t.editor.post(&format!("/api/v1/studio/versions/{number}/publish"), json!({})).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    let bundle = t.anonymous.get("/api/v1/catalog/bundle.json").await;
    assert_ne!(bundle.headers[header::ETAG], before);
    assert!(bundle.text().contains("сб 10:00–14:00"), "the new hours reach citizens");

    let versions = t.editor.get("/api/v1/studio/versions").await.json();
    assert_eq!(versions["current"], number);
    let v = &versions["versions"][0];
    assert_eq!(
        (v["state"].as_str(), v["author"].as_str(), v["reviewer"].as_str()),
        (Some("published"), Some("editor"), Some("reviewer"))
    );
    // Published versions are immutable: nothing moves them back.
    assert_eq!(
        t.reviewer.post(&format!("/api/v1/studio/versions/{number}/withdraw"), json!({})).await.status,
        StatusCode::CONFLICT
    );
}
on_both_databases!(
    a_change_goes_through_review_to_citizens,
    review_to_citizens_on_sqlite,
    review_to_citizens_on_postgres
);

async fn an_author_cannot_approve_their_own_change(db: Db) {
    let t = team(&db).await;
    edit(&t.reviewer, "departments.toml", add_zags_hours).await;
    let number = submit(&t.reviewer, "Часы ЗАГС").await;
    let own = t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await;
    assert_eq!((own.status, own.json()["field"].as_str()), (StatusCode::FORBIDDEN, Some("role")));
    assert!(own.json()["error"].as_str().unwrap().contains("автор не может одобрить своё изменение"), "{}", own.json());
    // An editor without the reviewer role cannot approve at all.
    assert_eq!(
        t.editor.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await.status,
        StatusCode::FORBIDDEN
    );
    // Nor publish what is not approved.
    assert_eq!(
        t.reviewer.post(&format!("/api/v1/studio/versions/{number}/publish"), json!({})).await.status,
        StatusCode::CONFLICT
    );
}
on_both_databases!(an_author_cannot_approve_their_own_change, own_approval_on_sqlite, own_approval_on_postgres);

async fn a_stale_save_gets_409_with_the_other_text(db: Db) {
    let t = team(&db).await;
    let draft = t.editor.get("/api/v1/studio/draft").await.json();
    let opened = file(&draft, "departments.toml")["hash"].as_str().unwrap().to_string();
    let theirs = edit(&t.reviewer, "departments.toml", add_zags_hours).await;
    let mine = save(&t.editor, "departments.toml", "# my version\n", Some(&opened)).await;
    assert_eq!((mine.status, mine.json()["field"].as_str()), (StatusCode::CONFLICT, Some("base")));
    assert_eq!(mine.json()["current"]["text"], theirs, "the 409 carries the text saved meanwhile");
    assert_eq!(mine.json()["current"]["updated_by"], "reviewer");
    // Nothing of the stale save was written.
    let now_text = t.editor.get("/api/v1/studio/draft").await.json();
    assert_eq!(file(&now_text, "departments.toml")["text"], theirs);
    // A new file must not exist yet; bad paths and texts name their field.
    let created = save(&t.editor, "services/extra.toml", "id = \"extra\"\n", None).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(save(&t.editor, "services/extra.toml", "id = \"x\"\n", None).await.status, StatusCode::CONFLICT);
    for (path, text, field) in
        [("services/Bad.toml", "x", "path"), ("services/notes.txt", "x", "path"), ("services/nul.toml", "a\0b", "text")]
    {
        let a = save(&t.editor, path, text, None).await;
        assert_eq!((a.status, a.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some(field)), "{path}");
    }
    let deleted = t
        .editor
        .send(
            Client::request("DELETE", "/api/v1/studio/draft/files/services/extra.toml?base=stale")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::CONFLICT);
    // A reviewer without the editor role cannot write the draft.
    let only_reviewer = account(&db, "only-reviewer", &[Role::Reviewer]).await;
    let r = t.anonymous.other();
    r.sign_in("only-reviewer", &only_reviewer).await;
    assert_eq!(save(&r, "services/extra2.toml", "x", None).await.status, StatusCode::FORBIDDEN);
}
on_both_databases!(a_stale_save_gets_409_with_the_other_text, stale_save_on_sqlite, stale_save_on_postgres);

async fn what_cannot_be_published_is_refused_with_reasons(db: Db) {
    let t = team(&db).await;
    // Nothing changed: nothing to submit.
    let same = t.editor.post("/api/v1/studio/versions", json!({ "message": "x" })).await;
    assert_eq!((same.status, same.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("draft")));
    // A check error: refused at submission, with the messages of `lifenav check`.
    let good = edit(&t.editor, "services/birth-registration.toml", |s| {
        s.replacen("provider = \"zags\"", "provider = \"zagz\"", 1)
    })
    .await;
    let broken = t.editor.post("/api/v1/studio/versions", json!({ "message": "опечатка" })).await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = broken.json()["problems"].to_string();
    assert!(problems.contains("catalog/services/birth-registration.toml"), "{problems}");
    assert!(problems.contains("zagz"), "{problems}");
    let check = t.editor.get("/api/v1/studio/draft/check").await.json();
    assert!(check["errors"].as_u64().unwrap() >= 1);
    // A changed fee breaks a scenario. The defect this guards: such a draft was submitted
    // and approved, and only refused at publishing. Now submitting is refused, naming the
    // scenario and what differs.
    edit(&t.editor, "services/birth-registration.toml", |_| {
        good.replacen("provider = \"zagz\"", "provider = \"zags\"", 1).replacen("amount = 350", "amount = 400", 1)
    })
    .await;
    let refused = t.editor.post("/api/v1/studio/versions", json!({ "message": "Пошлина 400" })).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text());
    let why = refused.json()["problems"].to_string();
    assert!(why.contains("пошлины всего: ожидалось 350"), "{why}");
    assert!(why.contains("по плану 400"), "{why}");
    assert_eq!(
        t.anonymous.get("/api/v1/catalog/bundle.json").await.headers[header::ETAG].to_str().unwrap()[..4],
        *"\"v1-"
    );
}
on_both_databases!(what_cannot_be_published_is_refused_with_reasons, refusals_on_sqlite, refusals_on_postgres);

/// Two instances on one database: a publish through A is what B serves next, and a
/// scheduled version is published exactly once.
async fn two_instances_share_one_database(db: Db) {
    let t = team(&db).await;
    let b = Client::new(db.clone(), common::settings()).await;
    edit(&t.editor, "departments.toml", add_zags_hours).await;
    let number = submit(&t.editor, "Часы ЗАГС").await;
    assert_eq!(b.get("/api/v1/catalog/bundle.json").await.headers[header::ETAG].to_str().unwrap()[..4], *"\"v1-");
    t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await;
    assert_eq!(
        t.reviewer.post(&format!("/api/v1/studio/versions/{number}/publish"), json!({})).await.status,
        StatusCode::OK
    );
    let served = b.get("/api/v1/catalog/bundle.json").await;
    assert!(served.headers[header::ETAG].to_str().unwrap().starts_with(&format!("\"v{number}-")));
    assert!(served.text().contains("сб 10:00–14:00"));

    // Schedule the next one an hour ahead, then let both instances' schedulers look at once.
    edit(&t.editor, "departments.toml", |s| s.replace("сб 10:00–14:00", "сб 10:00–15:00")).await;
    let next = submit(&t.editor, "Суббота до 15").await;
    t.reviewer.post(&format!("/api/v1/studio/versions/{next}/approve"), json!({})).await;
    let scheduled = t
        .reviewer
        .post(&format!("/api/v1/studio/versions/{next}/publish"), json!({ "at": (now() + 3600).to_string() }))
        .await;
    assert_eq!(scheduled.json()["state"], "scheduled", "{}", scheduled.text());
    assert!(!b.get("/api/v1/catalog/bundle.json").await.text().contains("сб 10:00–15:00"), "not before its time");
    let later = now() + 3601;
    let (a_did, b_did) = tokio::join!(store::publish_due(&db, later), store::publish_due(&db, later));
    let (a_did, b_did) = (a_did.unwrap(), b_did.unwrap());
    assert_eq!(a_did.len() + b_did.len(), 1, "published exactly once: {a_did:?} {b_did:?}");
    let v = store::version(&db, next).await.unwrap().unwrap();
    assert_eq!(v.state.as_str(), "published");
    let audit = t.reviewer.get("/api/v1/staff/audit").await.json();
    let times = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "version_published" && e["target"] == format!("version {next}"))
        .count();
    assert_eq!(times, 1);
}
on_both_databases!(two_instances_share_one_database, two_instances_on_sqlite, two_instances_on_postgres);

async fn rolling_back_publishes_an_earlier_version_again(db: Db) {
    let t = team(&db).await;
    let v1 = t.anonymous.get("/api/v1/catalog/bundle.json").await.body;
    edit(&t.editor, "departments.toml", add_zags_hours).await;
    let number = submit(&t.editor, "Часы").await;
    t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await;
    t.reviewer.post(&format!("/api/v1/studio/versions/{number}/publish"), json!({})).await;
    assert_eq!(
        t.editor.post("/api/v1/studio/versions/1/rollback", json!({})).await.status,
        StatusCode::FORBIDDEN,
        "editors do not roll back"
    );
    // Meanwhile an editor changes another department in the same file, unsaved to any version.
    edit(&t.editor, "departments.toml", |text| {
        text.replacen("short = \"МФЦ\"\n", "short = \"МФЦ\"\nhours = \"ежедневно\"\n", 1)
    })
    .await;
    let no_reason = t.reviewer.post("/api/v1/studio/versions/1/rollback", json!({})).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY, "a rollback names its reason: {}", no_reason.text());
    assert_eq!(no_reason.json()["field"], "note");
    let rolled = t.reviewer.post("/api/v1/studio/versions/1/rollback", json!({ "note": "Ошибка в часах" })).await;
    assert_eq!(rolled.status, StatusCode::CREATED, "{}", rolled.text());
    // The defect this guards: the draft kept the rolled-back hours as an ordinary change,
    // so the next submission shipped them again. Now the draft follows the rollback and
    // keeps only what editors changed since.
    let draft = t.editor.get("/api/v1/studio/draft").await.json();
    let departments = file(&draft, "departments.toml")["text"].as_str().unwrap().to_string();
    assert!(!departments.contains(HOURS), "the rolled-back hours are gone from the draft: {departments}");
    assert!(departments.contains("hours = \"ежедневно\""), "the editor's own change stays");
    let new = rolled.json()["number"].as_i64().unwrap();
    assert_eq!(new, number + 1, "a rollback is a new version");
    assert_eq!(t.anonymous.get("/api/v1/catalog/bundle.json").await.body, v1);
    let diff = t.reviewer.get(&format!("/api/v1/studio/versions/{new}/diff?against={number}")).await.json();
    assert_eq!(diff["files"][0]["removed"], 1);
    assert_eq!(
        t.reviewer.post(&format!("/api/v1/studio/versions/{new}/rollback"), json!({})).await.status,
        StatusCode::CONFLICT,
        "already in force"
    );
}
on_both_databases!(rolling_back_publishes_an_earlier_version_again, rollback_on_sqlite, rollback_on_postgres);

async fn import_and_export(db: Db) {
    let t = team(&db).await;
    let exported = t.editor.get("/api/v1/studio/draft/export.zip").await;
    assert_eq!(exported.headers[header::CONTENT_TYPE], "application/zip");
    let (files, _) = archive::unpack(&exported.body).unwrap();
    let draft = t.editor.get("/api/v1/studio/draft").await.json();
    assert_eq!(files.len(), draft["files"].as_array().unwrap().len());
    // Import the Irkutsk catalog as a .zip: the draft becomes it.
    let irkutsk = common::catalog_files("catalog/irkutsk");
    let upload = Client::request("POST", "/api/v1/studio/draft/import")
        .header(header::CONTENT_TYPE, "application/zip")
        .body(Body::from(archive::pack(&irkutsk)))
        .unwrap();
    let imported = t.editor.send(upload).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.text());
    assert_eq!(imported.json()["check"]["errors"], 0);
    let draft = t.editor.get("/api/v1/studio/draft").await.json();
    assert_eq!(draft["files"].as_array().unwrap().len(), irkutsk.len());
    // Not an archive: 422 naming the file.
    let junk = Client::request("POST", "/api/v1/studio/draft/import").body(Body::from("hello")).unwrap();
    let junk = t.editor.send(junk).await;
    assert_eq!((junk.status, junk.json()["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("file")));
    assert_eq!(t.anonymous.get("/api/v1/studio/versions/1/export.zip").await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(t.editor.get("/api/v1/studio/versions/99/export.zip").await.status, StatusCode::NOT_FOUND);
}
on_both_databases!(import_and_export, import_export_on_sqlite, import_export_on_postgres);

/// Catalog texts are data to every client: JSON for the widget, escaped on HTML pages.
async fn a_script_in_a_catalog_text_stays_text(db: Db) {
    let t = team(&db).await;
    edit(&t.editor, "services/snils.toml", |s| {
        s.replacen("title = { ru = \"СНИЛС ребёнка\"", "title = { ru = \"<script>alert(1)</script>СНИЛС\"", 1)
    })
    .await;
    let number = submit(&t.editor, "Проверка экранирования").await;
    t.reviewer.post(&format!("/api/v1/studio/versions/{number}/approve"), json!({})).await;
    let published = t.reviewer.post(&format!("/api/v1/studio/versions/{number}/publish"), json!({})).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.text());
    let bundle = t.anonymous.get("/api/v1/catalog/bundle.json").await;
    assert_eq!(bundle.headers[header::CONTENT_TYPE], "application/json");
    assert!(bundle.text().contains("<script>alert(1)</script>СНИЛС"));
    // The analysts' page is HTML: the title appears escaped, never as markup.
    let rating = json!({ "id": "5f2b1c9e-8d4a-4f6b-9c1d-2e7a5b8c0d1f", "service": "snils", "overall": 5, "waiting": 5, "politeness": 5, "comfort": 5, "information": 5, "channel": "mfc" });
    assert_eq!(t.anonymous.post("/api/v1/ratings", rating).await.status, StatusCode::CREATED);
    let page = t
        .anonymous
        .send(
            Request::get("/dashboard")
                .header(header::AUTHORIZATION, "Bearer s3cret-token")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .text();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;СНИЛС"), "escaped on the dashboard");
    assert!(!page.contains("<script>alert(1)"));
}
on_both_databases!(a_script_in_a_catalog_text_stays_text, script_stays_text_on_sqlite, script_stays_text_on_postgres);

/// On the embedded Irkutsk catalog, a fee change shows in the scenarios' plans as a
/// changed fee, not as scenarios that cannot run.
#[tokio::test]
async fn impact_on_the_irkutsk_catalog() {
    let db = common::sqlite().await;
    let editor_password = account(&db, "editor", &[Role::Editor]).await;
    let settings = lifenav_server::Settings { seed: lifenav_server::catalog::embedded_files(), ..common::settings() };
    let editor = Client::new(db, settings).await;
    editor.sign_in("editor", &editor_password).await;
    edit(&editor, "services/marriage-registration.toml", |s| s.replacen("amount = 350", "amount = 400", 1)).await;
    let impact = editor.get("/api/v1/studio/draft/impact").await.json();
    let scenarios = impact["scenarios"].as_array().unwrap();
    let status = |st: &str| scenarios.iter().filter(|s| s["change"]["status"] == st).count();
    assert_eq!(status("broken"), 0, "{impact}");
    assert_eq!(status("changed"), 3, "the three marriage scenarios: {impact}");
}

/// Refusals say what to do, in Russian: a body over a limit, an address that does not
/// parse, a role that is missing; and the audit log says what was done in words.
#[tokio::test]
async fn refusals_and_the_audit_log_are_in_the_staffs_words() {
    let db = common::sqlite().await;
    let t = team(&db).await;
    let number = t.reviewer.get("/api/v1/studio/versions/abc").await;
    assert_eq!(number.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        number.json(),
        json!({ "error": "Неверный адрес запроса: проверьте ссылку или обновите страницу", "field": "" })
    );
    let query = t.reviewer.get("/api/v1/staff/audit?limit=many").await;
    assert_eq!(query.status, StatusCode::BAD_REQUEST);
    assert_eq!(query.json()["error"], "В адресе запроса неверные параметры: проверьте ссылку или обновите страницу");
    // Over 1 MB in one save: 413, said with the limit and what to do.
    let huge = t
        .editor
        .json(
            "PUT",
            "/api/v1/studio/draft/files/services/huge.toml",
            json!({ "text": "#".repeat(1 << 20), "base": null }),
        )
        .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        huge.json(),
        json!({ "error": "Запрос слишком большой: не больше 1 МБ; сократите текст и сохраните снова", "field": "" })
    );
    // An archive over 16 MB.
    let upload = Client::request("POST", "/api/v1/studio/draft/import")
        .header(header::CONTENT_TYPE, "application/zip")
        .body(Body::from(vec![0u8; (16 << 20) + 1]))
        .unwrap();
    let big = t.editor.send(upload).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        big.json()["error"],
        "Архив слишком большой: не больше 16 МБ; оставьте в нём только папку каталога, без картинок, документов и других файлов, и загрузите снова"
    );
    // A missing role is named, with who gives it.
    let users = t.editor.get("/api/v1/staff/users").await;
    assert_eq!((users.status, users.json()["field"].as_str()), (StatusCode::FORBIDDEN, Some("role")));
    assert_eq!(users.json()["error"], "Нужна роль «администратор»: её даёт администратор");
    // The audit log's details are in words.
    assert_eq!(t.editor.post("/api/v1/studio/draft/reset", json!({ "version": 1 })).await.status, StatusCode::OK);
    let log = t.reviewer.get("/api/v1/staff/audit").await.json();
    let reset = log["entries"].as_array().unwrap().iter().find(|e| e["action"] == "draft_reset").unwrap();
    assert_eq!(reset["detail"], "к версии 1");
}
