//! Where ratings are kept, on either database ([`crate::db`]).
//!
//! No personal data is stored (Federal Law 152-ФЗ): no addresses, no accounts, and
//! only the day a rating arrived, not the moment.

use super::rating::{Helpful, Rating};
use crate::db::Db;
use crate::on_db;
use sqlx::Row;

const INSERT_RATING: &str = "INSERT INTO ratings (id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on, waited_minutes, visits)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING";
const RATING_COLUMNS: &str =
    "id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on, waited_minutes, visits";
const SELECT_RATING: &str =
    "SELECT id, service, overall, waiting, politeness, comfort, information, channel, term_met, comment, received_on, waited_minutes, visits
    FROM ratings WHERE id = $1";
const INSERT_HELPFUL: &str =
    "INSERT INTO helpful (id, situation, helpful, comment, received_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING";
const SELECT_HELPFUL: &str = "SELECT id, situation, helpful, comment FROM helpful WHERE id = $1";

macro_rules! stored_from_row {
    ($r:expr) => {
        $crate::feedback::store::Stored {
            rating: $crate::feedback::rating::Rating {
                id: $r.get("id"),
                service: $r.get("service"),
                overall: $r.get("overall"),
                criteria: [$r.get("waiting"), $r.get("politeness"), $r.get("comfort"), $r.get("information")],
                channel: $r.get("channel"),
                term_met: $r.get::<Option<i32>, _>("term_met").map(|t| t == 1),
                comment: $r.get("comment"),
                waited_minutes: $r.get("waited_minutes"),
                visits: $r.get("visits"),
            },
            received_on: $r.get("received_on"),
        }
    };
}
// cases.rs reads the same columns under its join.
pub(crate) use stored_from_row;

// One insert, then on a conflict a look at what is stored. A macro, so that the same
// statements run inside either database's transaction type.
macro_rules! insert_one {
    ($tx:expr, $item:expr, $today:expr) => {
        match $item {
            Item::Rating(r) => {
                let done = sqlx::query(INSERT_RATING)
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
                    .bind($today)
                    .bind(r.waited_minutes)
                    .bind(r.visits)
                    .execute(&mut **$tx)
                    .await
                    .map_err(|e| e.to_string())?;
                if done.rows_affected() == 1 {
                    Outcome::Created
                } else {
                    let row = sqlx::query(SELECT_RATING)
                        .bind(&r.id)
                        .fetch_one(&mut **$tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    if stored_from_row!(row).rating == *r {
                        Outcome::Duplicate
                    } else {
                        Outcome::Conflict
                    }
                }
            }
            Item::Helpful(h) => {
                let done = sqlx::query(INSERT_HELPFUL)
                    .bind(&h.id)
                    .bind(&h.situation)
                    .bind(i32::from(h.helpful))
                    .bind(&h.comment)
                    .bind($today)
                    .execute(&mut **$tx)
                    .await
                    .map_err(|e| e.to_string())?;
                if done.rows_affected() == 1 {
                    Outcome::Created
                } else {
                    let row = sqlx::query(SELECT_HELPFUL)
                        .bind(&h.id)
                        .fetch_one(&mut **$tx)
                        .await
                        .map_err(|e| e.to_string())?;
                    let stored = Helpful {
                        id: row.get("id"),
                        situation: row.get("situation"),
                        helpful: row.get::<i32, _>("helpful") == 1,
                        comment: row.get("comment"),
                    };
                    if stored == *h {
                        Outcome::Duplicate
                    } else {
                        Outcome::Conflict
                    }
                }
            }
        }
    };
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

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Rating(r) => &r.id,
            Item::Helpful(h) => &h.id,
        }
    }
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

/// Stores a batch in one transaction (one disk sync for many ratings), and says for each
/// item, in the order given, whether it was new, a repeat, or a conflicting repeat.
/// Rows are written in id order: two instances given the same ids in different orders
/// would otherwise each hold a row the other waits for (a deadlock on PostgreSQL).
pub async fn insert_batch(db: &Db, items: &[Item], today: &str) -> Result<Vec<Outcome>, String> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].id().cmp(items[b].id()));
    let mut out = vec![Outcome::Created; items.len()];
    on_db!(db, p => {
        let mut tx = p.begin().await.map_err(|e| e.to_string())?;
        for &k in &order {
            out[k] = insert_one!(&mut tx, &items[k], today);
        }
        tx.commit().await.map_err(|e| e.to_string())?;
    });
    Ok(out)
}

pub async fn tallies(db: &Db) -> Result<Vec<Tally>, String> {
    let sql = "SELECT service, channel, COUNT(*) AS n, SUM(overall) AS o, SUM(waiting) AS w,
                SUM(politeness) AS p, SUM(comfort) AS c, SUM(information) AS i,
                SUM(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) AS s,
                SUM(CASE WHEN term_met IS NULL THEN 0 ELSE 1 END) AS tk,
                SUM(CASE WHEN term_met = 1 THEN 1 ELSE 0 END) AS tm
               FROM ratings GROUP BY service, channel ORDER BY service, channel";
    on_db!(db, p => {
        let rows = sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?;
        Ok(rows
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
            .collect())
    })
}

pub async fn days(db: &Db) -> Result<Vec<Day>, String> {
    let sql = "SELECT received_on, COUNT(*) AS n, SUM(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) AS s
               FROM ratings GROUP BY received_on ORDER BY received_on";
    on_db!(db, p => {
        let rows = sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?;
        Ok(rows.iter().map(|r| Day { day: r.get("received_on"), count: r.get("n"), satisfied: r.get("s") }).collect())
    })
}

/// Every rating, for the analysts' CSV, oldest first.
pub async fn all(db: &Db) -> Result<Vec<Stored>, String> {
    let sql = format!("SELECT {RATING_COLUMNS} FROM ratings ORDER BY received_on, id");
    on_db!(db, p => {
        let rows = sqlx::query(&sql).fetch_all(p).await.map_err(|e| e.to_string())?;
        Ok(rows.iter().map(|r| stored_from_row!(r)).collect())
    })
}

/// "Was this plan helpful?" answers per situation: (situation, yes, no).
pub async fn helpful_counts(db: &Db) -> Result<Vec<(String, i64, i64)>, String> {
    let sql = "SELECT situation, SUM(helpful) AS yes, SUM(1 - helpful) AS no FROM helpful GROUP BY situation ORDER BY situation";
    on_db!(db, p => {
        let rows = sqlx::query(sql).fetch_all(p).await.map_err(|e| e.to_string())?;
        Ok(rows.iter().map(|r| (r.get("situation"), r.get("yes"), r.get("no"))).collect())
    })
}

/// Whether a rating with this id is stored (for tests of durability).
pub async fn has_rating(db: &Db, id: &str) -> Result<bool, String> {
    let sql = "SELECT COUNT(*) AS n FROM ratings WHERE id = $1";
    let n: i64 = on_db!(db, p => sqlx::query(sql).bind(id).fetch_one(p).await.map_err(|e| e.to_string())?.get("n"));
    Ok(n > 0)
}
