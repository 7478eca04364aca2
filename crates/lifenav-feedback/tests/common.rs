//! Shared by the feedback tests: databases to test on, and a catalog.

#![allow(dead_code)]

use lifenav_feedback::store::Store;
use lifenav_feedback::CatalogInfo;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn catalog() -> CatalogInfo {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/example");
    let json = std::fs::read_to_string(bundle_path(&dir)).expect("bundle");
    CatalogInfo::from_engine(&lifenav_core::Engine::from_json(&json).expect("bundle loads"))
}

/// Builds the example bundle once per test process with the CLI's library code path.
pub fn bundle_path(_dir: &std::path::Path) -> std::path::PathBuf {
    let out = std::env::temp_dir().join(format!("lifenav-feedback-test-bundle-{}.json", std::process::id()));
    if !out.exists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalog/example");
        let catalog = lifenav_core_source(&dir);
        std::fs::write(&out, serde_json::to_string(&catalog).unwrap()).unwrap();
    }
    out
}

fn lifenav_core_source(dir: &std::path::Path) -> lifenav_core::Catalog {
    // The feedback crate does not read TOML; the example's JSON is produced by parsing
    // the TOML through the core's `source` feature in a dev-dependency.
    lifenav_core::source::load_dir(dir).catalog.expect("example catalog")
}

pub fn unique(name: &str) -> String {
    format!("{name}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A fresh SQLite file.
pub async fn sqlite() -> Store {
    let path = std::env::temp_dir().join(format!("{}.db", unique("lifenav_feedback_test")));
    Store::connect(&format!("sqlite://{}", path.display())).await.expect("sqlite")
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

/// A fresh database on the test server.
pub async fn postgres() -> Option<Store> {
    let admin = postgres_admin_url()?;
    let name = unique("lifenav_test");
    let admin_store = Store::connect(&admin).await.expect("connect to the test PostgreSQL");
    if let Store::Postgres(pool) = &admin_store {
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(pool).await.expect("create database");
    }
    admin_store.close().await;
    let base = admin.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin);
    Some(Store::connect(&format!("{base}/{name}")).await.expect("connect to the new database"))
}
