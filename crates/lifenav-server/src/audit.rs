//! The audit log: every staff action, who did it, when, to what and why. Written in the
//! same database as the change; read by admins and reviewers in the studio.

use crate::db::{Db, DbError};
use crate::on_db;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// Records an action on a connection or inside a transaction of either database, so that
/// a change and its record are committed together.
#[macro_export]
macro_rules! record_in {
    ($conn:expr, $actor:expr, $action:expr, $target:expr, $detail:expr) => {
        sqlx::query("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind($crate::db::now())
            .bind($actor)
            .bind($action)
            .bind($target)
            .bind($detail)
            .execute($conn)
            .await
            .map(|_| ())?
    };
}

/// Records an action on its own.
pub async fn record(db: &Db, actor: &str, action: &str, target: &str, detail: &str) -> Result<(), DbError> {
    on_db!(db, p => record_in!(p, actor, action, target, detail));
    Ok(())
}

/// The newest entries first, `before` an id for the next page.
pub async fn entries(db: &Db, limit: i64, before: Option<i64>) -> Result<Vec<Entry>, DbError> {
    let sql = "SELECT id, at, actor, action, target, detail FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2";
    let before = before.unwrap_or(i64::MAX);
    Ok(on_db!(db, p => sqlx::query(sql).bind(before).bind(limit).fetch_all(p).await?.iter().map(|r| Entry {
        id: r.get("id"),
        at: r.get("at"),
        actor: r.get("actor"),
        action: r.get("action"),
        target: r.get("target"),
        detail: r.get("detail"),
    }).collect()))
}
