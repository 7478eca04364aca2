//! Where ratings are kept: SQLite (a file, the default) or PostgreSQL (for cities
//! that run several instances). The same SQL runs on both; only the placeholders
//! differ (`$1` for PostgreSQL, `?1` for SQLite).
//!
//! No personal data is stored (Federal Law 152-ФЗ): no addresses, no accounts, and
//! only the day a rating arrived, not the moment.

use crate::rating::{Helpful, Rating};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Row, SqlitePool};
use std::str::FromStr;

#[derive(Clone, Debug)]
pub enum Store {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// What happened to a submitted rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Stored now (201).
    Created,
    /// The same id with the same content was already stored (200).
    Duplicate,
    /// The same id with different content is stored (409).
    Conflict,
}

/// Something to store.
#[derive(Debug, Clone)]
pub enum Item {
    Rating(Rating),
    Helpful(Helpful),
}

/// Counts and sums of ratings for one service and channel; everything else is added up from these.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub service: String,
    pub channel: String,
    pub count: i64,
    pub overall: i64,
    pub criteria: [i64; 4],
    pub satisfied: i64,
    pub term_known: i64,
    pub term_met: i64,
}

/// Ratings per day, for the weekly trend.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub day: String,
    pub count: i64,
    pub satisfied: i64,
}

/// A stored rating with the day it arrived (for analysts' CSV).
#[derive(Debug, Clone)]
pub struct Stored {
    pub rating: Rating,
    pub received_on: String,
}

const MIGRATIONS: [&str; 4] = [
    "CREATE TABLE IF NOT EXISTS ratings (
        id TEXT PRIMARY KEY,
        service TEXT NOT NULL,
        overall INTEGER NOT NULL,
        waiting INTEGER NOT NULL,
        politeness INTEGER NOT NULL,
        comfort INTEGER NOT NULL,
        information INTEGER NOT NULL,
        channel TEXT NOT NULL,
        term_met INTEGER,
        comment TEXT,
        received_on TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ratings_service ON ratings (service)",
    "CREATE TABLE IF NOT EXISTS helpful (
        id TEXT PRIMARY KEY,
        situation TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        comment TEXT,
        received_on TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ratings_day ON ratings (received_on)",
];

/// `$1` → `?1` for SQLite.
fn sqlite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

impl Store {
    /// Connects (creating a SQLite file if needed) and brings the schema up to date.
    pub async fn connect(url: &str) -> Result<Store, String> {
        let store = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(|e| format!("database URL: {e}"))?;
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(|e| format!("cannot connect to PostgreSQL: {e}"))?;
            Store::Postgres(pool)
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| format!("database URL: {e}"))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // A 201 promises the rating is on disk: sync the WAL at every commit.
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(std::time::Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options)
                .await
                .map_err(|e| format!("cannot open the SQLite database: {e}"))?;
            Store::Sqlite(pool)
        } else {
            return Err(format!("unsupported database URL `{url}`: use sqlite://FILE or postgres://…"));
        };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<(), String> {
        for sql in MIGRATIONS {
            let result = match self {
                Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
                Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
            };
            result.map_err(|e| format!("cannot create the tables: {e}"))?;
        }
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite(p) => p.close().await,
            Store::Postgres(p) => p.close().await,
        }
    }

    /// Stores a batch in one transaction (one disk sync for many ratings), and says
    /// for each item whether it was new, a repeat, or a conflicting repeat.
    pub async fn insert_batch(&self, items: &[Item], today: &str) -> Result<Vec<Outcome>, String> {
        match self {
            Store::Sqlite(p) => {
                let mut tx = p.begin().await.map_err(|e| e.to_string())?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(insert_one_sqlite(&mut tx, item, today).await?);
                }
                tx.commit().await.map_err(|e| e.to_string())?;
                Ok(out)
            }
            Store::Postgres(p) => {
                let mut tx = p.begin().await.map_err(|e| e.to_string())?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(insert_one_pg(&mut tx, item, today).await?);
                }
                tx.commit().await.map_err(|e| e.to_string())?;
                Ok(out)
            }
        }
    }

    pub async fn tallies(&self) -> Result<Vec<Tally>, String> {
        let sql = "SELECT service, channel, COUNT(*) AS n, SUM(overall) AS o, SUM(waiting) AS w,
                    SUM(politeness) AS p, SUM(comfort) AS c, SUM(information) AS i,
                    SUM(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) AS s,
                    SUM(CASE WHEN term_met IS NULL THEN 0 ELSE 1 END) AS tk,
                    SUM(CASE WHEN term_met = 1 THEN 1 ELSE 0 END) AS tm
                   FROM ratings GROUP BY service, channel ORDER BY service, channel";
        macro_rules! read {
            ($rows:expr) => {
                $rows
                    .iter()
                    .map(|r| Tally {
                        service: r.get("service"),
                        channel: r.get("channel"),
                        count: r.get("n"),
                        overall: r.get("o"),
                        criteria: [r.get("w"), r.get("p"), r.get("c"), r.get("i")],
                        satisfied: r.get("s"),
                        term_known: r.get("tk"),
                        term_met: r.get("tm"),
                    })
                    .collect()
            };
        }
        Ok(match self {
            Store::Sqlite(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
            Store::Postgres(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
        })
    }

    pub async fn days(&self) -> Result<Vec<Day>, String> {
        let sql = "SELECT received_on, COUNT(*) AS n, SUM(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) AS s
                   FROM ratings GROUP BY received_on ORDER BY received_on";
        macro_rules! read {
            ($rows:expr) => {
                $rows
                    .iter()
                    .map(|r| Day { day: r.get("received_on"), count: r.get("n"), satisfied: r.get("s") })
                    .collect()
            };
        }
        Ok(match self {
            Store::Sqlite(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
            Store::Postgres(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
        })
    }

    /// Every rating, for the analysts' CSV, oldest first.
    pub async fn all(&self) -> Result<Vec<Stored>, String> {
        let sql = "SELECT id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on
                   FROM ratings ORDER BY received_on, id";
        Ok(match self {
            Store::Sqlite(p) => {
                sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?.iter().map(stored_sqlite).collect()
            }
            Store::Postgres(p) => {
                sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?.iter().map(stored_pg).collect()
            }
        })
    }

    /// "Was this plan helpful?" answers per situation: (situation, yes, no).
    pub async fn helpful_counts(&self) -> Result<Vec<(String, i64, i64)>, String> {
        let sql = "SELECT situation, SUM(helpful) AS yes, SUM(1 - helpful) AS no FROM helpful GROUP BY situation ORDER BY situation";
        macro_rules! read {
            ($rows:expr) => {
                $rows.iter().map(|r| (r.get("situation"), r.get("yes"), r.get("no"))).collect()
            };
        }
        Ok(match self {
            Store::Sqlite(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
            Store::Postgres(p) => read!(sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?),
        })
    }

    /// Whether a rating with this id is stored (for tests of durability).
    pub async fn has_rating(&self, id: &str) -> Result<bool, String> {
        let sql = "SELECT COUNT(*) AS n FROM ratings WHERE id = $1";
        let n: i64 = match self {
            Store::Sqlite(p) => {
                sqlx::query(&sqlite_sql(sql)).bind(id).fetch_one(p).await.map_err(|e| e.to_string())?.get("n")
            }
            Store::Postgres(p) => sqlx::query(sql).bind(id).fetch_one(p).await.map_err(|e| e.to_string())?.get("n"),
        };
        Ok(n > 0)
    }
}

const INSERT_RATING: &str = "INSERT INTO ratings (id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING";
const SELECT_RATING: &str =
    "SELECT id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on
    FROM ratings WHERE id = $1";
const INSERT_HELPFUL: &str =
    "INSERT INTO helpful (id, situation, helpful, comment, received_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING";
const SELECT_HELPFUL: &str = "SELECT id, situation, helpful, comment FROM helpful WHERE id = $1";

macro_rules! stored_from_row {
    ($name:ident, $row:ty) => {
        fn $name(r: &$row) -> Stored {
            Stored {
                rating: Rating {
                    id: r.get("id"),
                    service: r.get("service"),
                    overall: r.get("overall"),
                    criteria: [r.get("waiting"), r.get("politeness"), r.get("comfort"), r.get("information")],
                    channel: r.get("channel"),
                    term_met: r.get::<Option<i32>, _>("term_met").map(|t| t == 1),
                    comment: r.get("comment"),
                },
                received_on: r.get("received_on"),
            }
        }
    };
}
stored_from_row!(stored_sqlite, sqlx::sqlite::SqliteRow);
stored_from_row!(stored_pg, sqlx::postgres::PgRow);

// One insert, then on a conflict a look at what is stored. Written once per backend:
// sqlx's types differ, the statements do not.
macro_rules! insert_one {
    ($name:ident, $tx:ty, $sql:expr, $stored:ident) => {
        async fn $name(tx: &mut $tx, item: &Item, today: &str) -> Result<Outcome, String> {
            match item {
                Item::Rating(r) => {
                    let done = sqlx::query(&$sql(INSERT_RATING))
                        .bind(&r.id)
                        .bind(&r.service)
                        .bind(r.overall)
                        .bind(r.criteria[0])
                        .bind(r.criteria[1])
                        .bind(r.criteria[2])
                        .bind(r.criteria[3])
                        .bind(&r.channel)
                        .bind(r.term_met.map(i32::from))
                        .bind(&r.comment)
                        .bind(today)
                        .execute(&mut **tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    if done.rows_affected() == 1 {
                        return Ok(Outcome::Created);
                    }
                    let row = sqlx::query(&$sql(SELECT_RATING))
                        .bind(&r.id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    Ok(if $stored(&row).rating == *r { Outcome::Duplicate } else { Outcome::Conflict })
                }
                Item::Helpful(h) => {
                    let done = sqlx::query(&$sql(INSERT_HELPFUL))
                        .bind(&h.id)
                        .bind(&h.situation)
                        .bind(i32::from(h.helpful))
                        .bind(&h.comment)
                        .bind(today)
                        .execute(&mut **tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    if done.rows_affected() == 1 {
                        return Ok(Outcome::Created);
                    }
                    let row = sqlx::query(&$sql(SELECT_HELPFUL))
                        .bind(&h.id)
                        .fetch_one(&mut **tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    let stored = Helpful {
                        id: row.get("id"),
                        situation: row.get("situation"),
                        helpful: row.get::<i32, _>("helpful") == 1,
                        comment: row.get("comment"),
                    };
                    Ok(if stored == *h { Outcome::Duplicate } else { Outcome::Conflict })
                }
            }
        }
    };
}

fn pg_sql(sql: &str) -> String {
    sql.to_string()
}

insert_one!(insert_one_sqlite, sqlx::Transaction<'static, sqlx::Sqlite>, sqlite_sql, stored_sqlite);
insert_one!(insert_one_pg, sqlx::Transaction<'static, sqlx::Postgres>, pg_sql, stored_pg);
