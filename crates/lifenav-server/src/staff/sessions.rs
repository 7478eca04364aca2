//! Staff sessions, kept in the database by tower-sessions' own stores, so that every
//! instance behind a load balancer knows them. The tables come from our migrations (the
//! stores' own `migrate` would race when instances start together).

use crate::db::Db;
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Debug, Clone)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

const TABLE: &str = "staff_sessions";

impl Sessions {
    pub fn new(db: &Db) -> Sessions {
        match db {
            Db::Sqlite(p) => {
                Sessions::Sqlite(SqliteStore::new(p.clone()).with_table_name(TABLE).expect("a valid table name"))
            }
            Db::Postgres(p) => Sessions::Postgres(
                PostgresStore::new(p.clone())
                    .with_schema_name("public")
                    .and_then(|s| s.with_table_name(TABLE))
                    .expect("a valid table name"),
            ),
        }
    }
}

#[async_trait]
impl SessionStore for Sessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.create(record).await,
            Sessions::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.save(record).await,
            Sessions::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Sessions::Sqlite(s) => s.load(id).await,
            Sessions::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Sessions::Sqlite(s) => s.delete(id).await,
            Sessions::Postgres(s) => s.delete(id).await,
        }
    }
}

/// Deletes expired sessions every ten minutes.
pub async fn sweep(store: Sessions) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
    loop {
        tick.tick().await;
        let swept = match &store {
            Sessions::Sqlite(s) => s.delete_expired().await,
            Sessions::Postgres(s) => s.delete_expired().await,
        };
        if let Err(e) = swept {
            tracing::warn!(error = %e, "expired sessions could not be deleted");
        }
    }
}
