//! The catalog in the database: the shared draft (one row per file), versions (whole
//! folders, immutable once written) and the texts both point to, by their SHA-256.
//! Every state change is one conditional statement, so that two instances or two
//! reviewers acting at once cannot both succeed.

use super::workflow::State;
use crate::db::{is_unique_violation, now, Db, DbError};
use crate::on_db;
use crate::record_in;
use lifenav_core::source::SourceFile;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The hash a file is saved against: a save based on another hash is stale.
pub fn hash(text: &str) -> String {
    super::current::hex(&Sha256::digest(text.as_bytes()))
}

#[derive(Debug, Clone, Serialize)]
pub struct DraftFile {
    pub path: String,
    pub text: String,
    pub hash: String,
    pub updated_by: String,
    pub updated_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub number: i64,
    pub state: State,
    pub message: String,
    pub author: String,
    pub created_at: i64,
    /// The version that was published when this one was made (what its diff is against).
    pub based_on: Option<i64>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<i64>,
    pub review_note: Option<String>,
    pub publish_at: Option<i64>,
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
    /// A rollback: the earlier version whose files this one publishes again.
    pub restores: Option<i64>,
}

const VERSION_COLUMNS: &str = "number, state, message, author, created_at, based_on, reviewer, reviewed_at, review_note, publish_at, published_at, published_by, restores";

macro_rules! version_from_row {
    ($r:expr) => {
        Version {
            number: $r.get("number"),
            state: State::parse(&$r.get::<String, _>("state")).unwrap_or(State::Withdrawn),
            message: $r.get("message"),
            author: $r.get("author"),
            created_at: $r.get("created_at"),
            based_on: $r.get("based_on"),
            reviewer: $r.get("reviewer"),
            reviewed_at: $r.get("reviewed_at"),
            review_note: $r.get("review_note"),
            publish_at: $r.get("publish_at"),
            published_at: $r.get("published_at"),
            published_by: $r.get("published_by"),
            restores: $r.get("restores"),
        }
    };
}

const PUT_BLOB: &str = "INSERT INTO catalog_blobs (hash, text) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING";

// Scheduled versions older than a version now published would take its changes back
// when their time came: they are superseded.
macro_rules! supersede_in {
    ($tx:expr, $number:expr) => {
        sqlx::query("UPDATE catalog_versions SET state = 'superseded' WHERE state = 'scheduled' AND number < $1")
            .bind($number)
            .execute($tx)
            .await?;
    };
}

/// The version citizens get at `at` (unix seconds): the newest published one, where a
/// scheduled version counts from its time on, even before the scheduler marks it.
pub async fn current_number(db: &Db, at: i64) -> Result<Option<i64>, DbError> {
    let sql = "SELECT number FROM catalog_versions
               WHERE state = 'published' OR (state = 'scheduled' AND publish_at <= $1)
               ORDER BY number DESC LIMIT 1";
    Ok(on_db!(db, p => sqlx::query(sql).bind(at).fetch_optional(p).await?.map(|r| r.get("number"))))
}

pub async fn version_files(db: &Db, number: i64) -> Result<Vec<SourceFile>, DbError> {
    let sql = "SELECT f.path, b.text FROM catalog_version_files f JOIN catalog_blobs b ON b.hash = f.hash
               WHERE f.version = $1 ORDER BY f.path";
    Ok(on_db!(db, p => sqlx::query(sql).bind(number).fetch_all(p).await?.iter().map(|r| SourceFile {
        name: r.get("path"),
        text: r.get("text"),
    }).collect()))
}

/// (path, hash) of every file of a version, for comparing without the texts.
pub async fn version_hashes(db: &Db, number: i64) -> Result<Vec<(String, String)>, DbError> {
    let sql = "SELECT path, hash FROM catalog_version_files WHERE version = $1 ORDER BY path";
    Ok(
        on_db!(db, p => sqlx::query(sql).bind(number).fetch_all(p).await?.iter().map(|r| (r.get("path"), r.get("hash"))).collect()),
    )
}

pub async fn draft(db: &Db) -> Result<Vec<DraftFile>, DbError> {
    let sql = "SELECT d.path, d.hash, d.updated_by, d.updated_at, b.text FROM catalog_draft d
               JOIN catalog_blobs b ON b.hash = d.hash ORDER BY d.path";
    Ok(on_db!(db, p => sqlx::query(sql).fetch_all(p).await?.iter().map(|r| DraftFile {
        path: r.get("path"),
        hash: r.get("hash"),
        text: r.get("text"),
        updated_by: r.get("updated_by"),
        updated_at: r.get("updated_at"),
    }).collect()))
}

pub async fn draft_file(db: &Db, path: &str) -> Result<Option<DraftFile>, DbError> {
    Ok(draft(db).await?.into_iter().find(|f| f.path == path))
}

pub async fn version(db: &Db, number: i64) -> Result<Option<Version>, DbError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM catalog_versions WHERE number = $1");
    Ok(on_db!(db, p => sqlx::query(&sql).bind(number).fetch_optional(p).await?.map(|r| version_from_row!(r))))
}

pub async fn versions(db: &Db) -> Result<Vec<Version>, DbError> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM catalog_versions ORDER BY number DESC");
    Ok(on_db!(db, p => sqlx::query(&sql).fetch_all(p).await?.iter().map(|r| version_from_row!(r)).collect()))
}

pub async fn has_versions(db: &Db) -> Result<bool, DbError> {
    let n: i64 =
        on_db!(db, p => sqlx::query("SELECT COUNT(*) AS n FROM catalog_versions").fetch_one(p).await?.get("n"));
    Ok(n > 0)
}

/// What saving a draft file met.
#[derive(Debug)]
pub enum Save {
    Saved {
        hash: String,
    },
    /// The file changed since the copy the save was based on (or exists / is gone).
    Stale {
        current: Option<DraftFile>,
    },
}

/// Saves one draft file if it is still as `base` says (`None`: the file must not exist yet).
pub async fn save_draft_file(db: &Db, path: &str, text: &str, base: Option<&str>, who: &str) -> Result<Save, DbError> {
    let new_hash = hash(text);
    let at = now();
    let changed: u64 = on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query(PUT_BLOB).bind(&new_hash).bind(text).execute(&mut *tx).await?;
        let done = match base {
            Some(base) => sqlx::query(
                "UPDATE catalog_draft SET hash = $1, updated_by = $2, updated_at = $3 WHERE path = $4 AND hash = $5",
            )
            .bind(&new_hash).bind(who).bind(at).bind(path).bind(base)
            .execute(&mut *tx).await?.rows_affected(),
            None => sqlx::query(
                "INSERT INTO catalog_draft (path, hash, updated_by, updated_at) VALUES ($1, $2, $3, $4) ON CONFLICT (path) DO NOTHING",
            )
            .bind(path).bind(&new_hash).bind(who).bind(at)
            .execute(&mut *tx).await?.rows_affected(),
        };
        if done == 1 {
            record_in!(&mut *tx, who, "file_saved", path, "");
        }
        tx.commit().await?;
        done
    });
    if changed == 1 {
        Ok(Save::Saved { hash: new_hash })
    } else {
        Ok(Save::Stale { current: draft_file(db, path).await? })
    }
}

/// Deletes a draft file if it is still as `base` says.
pub async fn delete_draft_file(db: &Db, path: &str, base: &str, who: &str) -> Result<Save, DbError> {
    let changed: u64 = on_db!(db, p => {
        let mut tx = p.begin().await?;
        let done = sqlx::query("DELETE FROM catalog_draft WHERE path = $1 AND hash = $2")
            .bind(path).bind(base).execute(&mut *tx).await?.rows_affected();
        if done == 1 {
            record_in!(&mut *tx, who, "file_deleted", path, "");
        }
        tx.commit().await?;
        done
    });
    if changed == 1 {
        Ok(Save::Saved { hash: String::new() })
    } else {
        Ok(Save::Stale { current: draft_file(db, path).await? })
    }
}

/// Moves the draft onto the version now in force after `old` was (a publish, a rollback):
/// what editors changed since `old` stays, field by field, and everything else follows
/// `new`, so a rolled-back change is not submitted again as if someone had made it. Each
/// file changes only if nobody saved it meanwhile; a save that wins keeps its text.
pub async fn rebase_draft(db: &Db, old: &[SourceFile], new: &[SourceFile], who: &str) -> Result<usize, DbError> {
    let by_path = |files: &[SourceFile]| -> std::collections::BTreeMap<String, String> {
        files.iter().map(|f| (f.name.clone(), f.text.clone())).collect()
    };
    let (old, new) = (by_path(old), by_path(new));
    let draft: std::collections::BTreeMap<String, DraftFile> =
        draft(db).await?.into_iter().map(|f| (f.path.clone(), f)).collect();
    let mut paths: Vec<&String> = draft.keys().chain(new.keys()).chain(old.keys()).collect();
    paths.sort();
    paths.dedup();
    let mut changed = 0;
    for path in paths {
        let mine = draft.get(path);
        let text = lifenav_core::draft::rebase(
            old.get(path).map(String::as_str),
            mine.map(|f| f.text.as_str()),
            new.get(path).map(String::as_str),
        );
        let done = match (text, mine) {
            (Some(t), Some(f)) if t != f.text => save_draft_file(db, path, &t, Some(&f.hash), who).await?,
            (Some(t), None) => save_draft_file(db, path, &t, None, who).await?,
            (None, Some(f)) => delete_draft_file(db, path, &f.hash, who).await?,
            _ => continue,
        };
        if matches!(done, Save::Saved { .. }) {
            changed += 1;
        }
    }
    Ok(changed)
}

/// Replaces the whole draft (an imported folder, or a version taken back into the draft).
pub async fn replace_draft(
    db: &Db,
    files: &[SourceFile],
    who: &str,
    action: &str,
    detail: &str,
) -> Result<(), DbError> {
    let at = now();
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        sqlx::query("DELETE FROM catalog_draft").execute(&mut *tx).await?;
        for f in files {
            let h = hash(&f.text);
            sqlx::query(PUT_BLOB).bind(&h).bind(&f.text).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO catalog_draft (path, hash, updated_by, updated_at) VALUES ($1, $2, $3, $4)")
                .bind(&f.name).bind(&h).bind(who).bind(at).execute(&mut *tx).await?;
        }
        record_in!(&mut *tx, who, action, "draft", detail);
        tx.commit().await?;
    });
    Ok(())
}

/// A new version to write.
pub struct NewVersion<'a> {
    pub state: State,
    pub message: &'a str,
    pub author: &'a str,
    pub based_on: Option<i64>,
    pub restores: Option<i64>,
    /// For a version published as it is written (the first one, a rollback).
    pub published_by: Option<&'a str>,
    pub audit_action: &'a str,
}

/// Writes a version with these files under the next free number, and returns the number.
/// Two instances writing at once both get a number: the loser of a race tries the next.
pub async fn create_version(db: &Db, v: &NewVersion<'_>, files: &[SourceFile]) -> Result<i64, DbError> {
    for _attempt in 0..5 {
        match try_create_version(db, v, files).await {
            Ok(n) => return Ok(n),
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(DbError("could not find a free version number after 5 attempts".into()))
}

async fn try_create_version(db: &Db, v: &NewVersion<'_>, files: &[SourceFile]) -> Result<i64, sqlx::Error> {
    let at = now();
    let published_at = v.published_by.map(|_| at);
    on_db!(db, p => {
        let mut tx = p.begin().await?;
        let number: i64 = sqlx::query("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM catalog_versions")
            .fetch_one(&mut *tx).await?.get("n");
        sqlx::query(
            "INSERT INTO catalog_versions (number, state, message, author, created_at, based_on, restores, published_at, published_by, reviewer, reviewed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(number).bind(v.state.as_str()).bind(v.message).bind(v.author).bind(at)
        .bind(v.based_on).bind(v.restores).bind(published_at).bind(v.published_by)
        .bind(v.published_by).bind(published_at)
        .execute(&mut *tx).await?;
        for f in files {
            let h = hash(&f.text);
            sqlx::query(PUT_BLOB).bind(&h).bind(&f.text).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO catalog_version_files (version, path, hash) VALUES ($1, $2, $3)")
                .bind(number).bind(&f.name).bind(&h).execute(&mut *tx).await?;
        }
        if v.state == State::Published {
            supersede_in!(&mut *tx, number);
        }
        record_in!(&mut *tx, v.author, v.audit_action, &format!("version {number}"), v.message);
        tx.commit().await?;
        Ok(number)
    })
}

/// The first start on an empty database: `files` become version 1, published, and the draft.
/// Returns false when another instance got there first.
pub async fn seed(db: &Db, files: &[SourceFile]) -> Result<bool, DbError> {
    let at = now();
    let message = "Каталог, встроенный в навигатор (первый запуск)";
    let written: Result<(), sqlx::Error> = on_db!(db, p => async {
        let mut tx = p.begin().await?;
        sqlx::query(
            "INSERT INTO catalog_versions (number, state, message, author, created_at, published_at, published_by)
             VALUES (1, 'published', $1, 'system', $2, $2, 'system')",
        )
        .bind(message).bind(at).execute(&mut *tx).await?;
        for f in files {
            let h = hash(&f.text);
            sqlx::query(PUT_BLOB).bind(&h).bind(&f.text).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO catalog_version_files (version, path, hash) VALUES (1, $1, $2)")
                .bind(&f.name).bind(&h).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO catalog_draft (path, hash, updated_by, updated_at) VALUES ($1, $2, 'system', $3)")
                .bind(&f.name).bind(&h).bind(at).execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, 'system', 'seeded', 'version 1', $2)")
            .bind(at).bind(message).execute(&mut *tx).await?;
        tx.commit().await
    }.await);
    match written {
        Ok(()) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// What a transition sets besides the state.
#[derive(Default)]
pub struct Fields<'a> {
    pub reviewer: Option<&'a str>,
    pub review_note: Option<&'a str>,
    pub publish_at: Option<i64>,
    pub published_by: Option<&'a str>,
}

/// Who did what and why, for the audit log.
pub struct Audit<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub detail: &'a str,
}

/// Moves a version from one of `from` to `to`, recording it in the audit log; false when
/// it was no longer in one of `from` (someone else acted first).
pub async fn transition(
    db: &Db,
    number: i64,
    from: &[State],
    to: State,
    fields: &Fields<'_>,
    audit: &Audit<'_>,
) -> Result<bool, DbError> {
    let at = now();
    let allowed: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
    // The states are our own words, never a client's: safe to write into the statement.
    let from_list = allowed.iter().map(|s| format!("'{s}'")).collect::<Vec<_>>().join(", ");
    let sql = format!(
        "UPDATE catalog_versions SET state = $1,
            reviewer = COALESCE($2, reviewer), reviewed_at = CASE WHEN $2 IS NULL THEN reviewed_at ELSE $3 END,
            review_note = COALESCE($4, review_note),
            publish_at = CASE WHEN $1 = 'scheduled' THEN $5 WHEN $1 = 'approved' THEN NULL ELSE publish_at END,
            published_at = CASE WHEN $1 = 'published' THEN $3 ELSE published_at END,
            published_by = COALESCE($6, published_by)
         WHERE number = $7 AND state IN ({from_list})"
    );
    let done: u64 = on_db!(db, p => {
        let mut tx = p.begin().await?;
        let n = sqlx::query(&sql)
            .bind(to.as_str()).bind(fields.reviewer).bind(at).bind(fields.review_note)
            .bind(fields.publish_at).bind(fields.published_by).bind(number)
            .execute(&mut *tx).await?.rows_affected();
        if n == 1 {
            if to == State::Published || to == State::Scheduled {
                supersede_in!(&mut *tx, number);
            }
            record_in!(&mut *tx, audit.actor, audit.action, &format!("version {number}"), audit.detail);
        }
        tx.commit().await?;
        n
    });
    Ok(done == 1)
}

/// Marks scheduled versions whose time has come as published and returns them. Each is
/// marked by exactly one instance: the update that changes its row.
pub async fn publish_due(db: &Db, at: i64) -> Result<Vec<i64>, DbError> {
    let due: Vec<i64> = on_db!(db, p => sqlx::query(
        "SELECT number FROM catalog_versions WHERE state = 'scheduled' AND publish_at <= $1 ORDER BY number",
    ).bind(at).fetch_all(p).await?.iter().map(|r| r.get("number")).collect());
    let mut published = Vec::new();
    for number in due {
        let audit =
            Audit {
                actor: "scheduler", action: "version_published", detail: "опубликовано в назначенное время"
            };
        if transition(db, number, &[State::Scheduled], State::Published, &Fields::default(), &audit).await? {
            published.push(number);
        }
    }
    Ok(published)
}
