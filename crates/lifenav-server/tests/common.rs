//! Shared by the server's tests: databases to test on (a fresh SQLite file, a fresh
//! database on the PostgreSQL server the test script started), the example catalog, and
//! a client that talks to the router like a browser of the server's own pages does.

#![allow(dead_code)]

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use lifenav_core::source::SourceFile;
use lifenav_server::db::Db;
use lifenav_server::{app, Settings};
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use tower::ServiceExt;

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Two tests of one scenario: on a fresh SQLite file and on a fresh PostgreSQL database.
#[allow(unused_macros)]
macro_rules! on_both_databases {
    ($scenario:ident, $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            $scenario(common::sqlite().await).await;
        }
        #[tokio::test]
        async fn $postgres() {
            if let Some(db) = common::postgres().await {
                $scenario(db).await;
            }
        }
    };
}

pub fn unique(name: &str) -> String {
    format!("{name}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A catalog folder's files, named by their path in the folder.
pub fn catalog_files(folder: &str) -> Vec<SourceFile> {
    let dir = root().join(folder);
    let prefix = dir.display().to_string();
    lifenav_core::source::read_dir(&dir)
        .expect("catalog folder")
        .into_iter()
        .map(|f| SourceFile {
            name: f.name.strip_prefix(&prefix).unwrap().trim_start_matches('/').to_string(),
            text: f.text,
        })
        .collect()
}

/// Settings on the example catalog (3 situations, 12 services, with scenarios).
pub fn settings() -> Settings {
    Settings {
        seed: catalog_files("catalog/example"),
        analyst_token: Some("s3cret-token".into()),
        allowed_origins: vec!["https://city.example".into()],
        ..Settings::default()
    }
}

/// A fresh SQLite file.
pub async fn sqlite() -> Db {
    let path = std::env::temp_dir().join(format!("{}.db", unique("lifenav_server_test")));
    Db::connect(&format!("sqlite://{}", path.display())).await.expect("sqlite")
}

/// The PostgreSQL server the test script started (`LIFENAV_TEST_POSTGRES`, an admin
/// URL). In CI it must be there (`LIFENAV_REQUIRE_POSTGRES=1`): a missing server fails
/// the run rather than skipping half the tests.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("LIFENAV_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("LIFENAV_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("LIFENAV_REQUIRE_POSTGRES=1 but LIFENAV_TEST_POSTGRES is not set");
            }
            eprintln!("PostgreSQL tests skipped: set LIFENAV_TEST_POSTGRES (scripts/test.sh does)");
            None
        }
    }
}

/// The URL of a new, empty database on the test server.
pub async fn postgres_url(name: &str) -> Option<String> {
    let admin = postgres_admin_url()?;
    let name = unique(name);
    let pool = sqlx::PgPool::connect(&admin).await.expect("connect to the test PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.expect("create database");
    pool.close().await;
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
    Some(format!("{base}/{name}"))
}

/// A fresh database on the test server.
pub async fn postgres() -> Option<Db> {
    let url = postgres_url("lifenav_test").await?;
    Some(Db::connect(&url).await.expect("connect to the new database"))
}

/// The host the test client says it talks to; staff requests come from its origin.
pub const HOST: &str = "studio.test";
pub const ORIGIN: &str = "http://studio.test";

/// A client of the router: keeps the session cookie like a browser, sends the server's
/// own Origin on every request (as the studio's pages do) unless told otherwise.
pub struct Client {
    pub router: axum::Router,
    pub cookie: Mutex<Option<String>>,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Client {
    pub async fn new(db: Db, settings: Settings) -> Client {
        let app = app(db, settings).await.expect("app");
        let router = app.router.layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 1], 4000))));
        Client { router, cookie: Mutex::new(None) }
    }

    /// Another browser on the same server: no cookie.
    pub fn other(&self) -> Client {
        Client { router: self.router.clone(), cookie: Mutex::new(None) }
    }

    pub async fn send(&self, mut req: Request<Body>) -> Answer {
        let h = req.headers_mut();
        h.entry(header::HOST).or_insert(HOST.parse().unwrap());
        if let Some(c) = self.cookie.lock().unwrap().clone() {
            h.insert(header::COOKIE, c.parse().unwrap());
        }
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        if let Some(set) = headers.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()) {
            let pair = set.split(';').next().unwrap_or("").to_string();
            let expired = set.contains("Max-Age=0") || pair.ends_with('=');
            *self.cookie.lock().unwrap() = if expired { None } else { Some(pair) };
        }
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Answer { status, headers, body }
    }

    pub fn request(method: &str, path: &str) -> axum::http::request::Builder {
        Request::builder().method(method).uri(path).header(header::ORIGIN, ORIGIN)
    }

    pub async fn json(&self, method: &str, path: &str, body: Value) -> Answer {
        let req = Client::request(method, path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap();
        self.send(req).await
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Request::get(path).body(Body::empty()).unwrap()).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.json("POST", path, body).await
    }

    pub async fn sign_in(&self, login: &str, password: &str) -> Answer {
        self.post("/api/v1/staff/login", serde_json::json!({ "login": login, "password": password })).await
    }
}

/// Creates an account straight in the database and returns its password.
pub async fn account(db: &Db, login: &str, roles: &[lifenav_server::staff::roles::Role]) -> String {
    let password = format!("{login}-password-123");
    let roles = lifenav_server::staff::roles::Roles::new(roles.to_vec());
    lifenav_server::staff::accounts::create(db, login, login, &roles, &[], &password).await.expect("account");
    password
}
