//! Staff accounts in the database: a login, a display name, roles (and, for responders,
//! their departments). Nothing else about a person is kept.

use super::password;
use super::roles::{Role, Roles};
use crate::db::{is_unique_violation, Db, DbError};
use crate::on_db;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    #[serde(skip)]
    pub id: i64,
    pub login: String,
    pub name: String,
    pub roles: Roles,
    pub departments: Vec<String>,
    pub disabled: bool,
    #[serde(skip)]
    pub password_hash: String,
    #[serde(skip)]
    pub session_epoch: i64,
}

/// Why a login cannot be used.
pub fn login_problem(login: &str) -> Option<&'static str> {
    let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_');
    if login.len() < 2 || login.len() > 40 {
        Some("нужно от 2 до 40 знаков")
    } else if !login.chars().all(ok_char) || !login.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        Some("допустимы строчные латинские буквы, цифры, «.», «-» и «_», а начинается логин с буквы или цифры")
    } else {
        None
    }
}

/// Why a display name cannot be used.
pub fn name_problem(name: &str) -> Option<&'static str> {
    let n = name.trim().chars().count();
    if n == 0 || n > 100 {
        Some("нужно от 1 до 100 знаков")
    } else if name.chars().any(char::is_control) {
        Some("есть управляющие символы: уберите их")
    } else {
        None
    }
}

const COLUMNS: &str = "id, login, name, roles, departments, password_hash, session_epoch, disabled";

macro_rules! account_from_row {
    ($r:expr) => {
        Account {
            id: $r.get("id"),
            login: $r.get("login"),
            name: $r.get("name"),
            roles: Roles::from_stored(&$r.get::<String, _>("roles")),
            departments: split_list(&$r.get::<String, _>("departments")),
            password_hash: $r.get("password_hash"),
            session_epoch: $r.get("session_epoch"),
            disabled: $r.get::<i64, _>("disabled") != 0,
        }
    };
}

fn split_list(s: &str) -> Vec<String> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// What creating an account may meet.
#[derive(Debug)]
pub enum CreateError {
    Exists,
    Db(DbError),
}

impl From<sqlx::Error> for CreateError {
    fn from(e: sqlx::Error) -> CreateError {
        if is_unique_violation(&e) {
            CreateError::Exists
        } else {
            CreateError::Db(e.into())
        }
    }
}

pub async fn create(
    db: &Db,
    login: &str,
    name: &str,
    roles: &Roles,
    departments: &[String],
    password: &str,
) -> Result<(), CreateError> {
    let hash = hash_blocking(password).await;
    let sql = "INSERT INTO staff_users (login, name, roles, departments, password_hash) VALUES ($1, $2, $3, $4, $5)";
    on_db!(db, p => sqlx::query(sql)
        .bind(login)
        .bind(name.trim())
        .bind(roles.to_stored())
        .bind(departments.join(","))
        .bind(&hash)
        .execute(p)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Hashing takes tens of milliseconds of CPU: off the async threads.
pub async fn hash_blocking(password: &str) -> String {
    let password = password.to_string();
    tokio::task::spawn_blocking(move || password::hash(&password)).await.unwrap_or_default()
}

pub async fn verify_blocking(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_string(), hash.to_string());
    tokio::task::spawn_blocking(move || password::verify(&password, &hash)).await.unwrap_or(false)
}

pub async fn by_login(db: &Db, login: &str) -> Result<Option<Account>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE login = $1");
    Ok(on_db!(db, p => sqlx::query(&sql).bind(login).fetch_optional(p).await?.map(|r| account_from_row!(r))))
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<Account>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE id = $1");
    Ok(on_db!(db, p => sqlx::query(&sql).bind(id).fetch_optional(p).await?.map(|r| account_from_row!(r))))
}

pub async fn list(db: &Db) -> Result<Vec<Account>, DbError> {
    let sql = format!("SELECT {COLUMNS} FROM staff_users ORDER BY login");
    Ok(on_db!(db, p => sqlx::query(&sql).fetch_all(p).await?.iter().map(|r| account_from_row!(r)).collect()))
}

/// How many enabled accounts hold a role (an admin may not remove the last admin).
pub async fn count_with_role(db: &Db, role: Role) -> Result<usize, DbError> {
    Ok(list(db).await?.iter().filter(|a| !a.disabled && a.roles.has(role)).count())
}

/// Changes what is given; disabling an account ends its sessions.
pub async fn update(
    db: &Db,
    login: &str,
    name: Option<&str>,
    roles: Option<&Roles>,
    departments: Option<&[String]>,
    disabled: Option<bool>,
) -> Result<bool, DbError> {
    let Some(current) = by_login(db, login).await? else { return Ok(false) };
    let epoch = current.session_epoch + i64::from(disabled == Some(true) && !current.disabled);
    let sql = "UPDATE staff_users SET name = $1, roles = $2, departments = $3, disabled = $4, session_epoch = $5 WHERE id = $6";
    on_db!(db, p => sqlx::query(sql)
        .bind(name.map(str::trim).unwrap_or(&current.name))
        .bind(roles.unwrap_or(&current.roles).to_stored())
        .bind(departments.unwrap_or(&current.departments).join(","))
        .bind(i64::from(disabled.unwrap_or(current.disabled)))
        .bind(epoch)
        .bind(current.id)
        .execute(p)
        .await
        .map(|_| ()))?;
    Ok(true)
}

/// Sets a new password and ends every session of the account.
pub async fn set_password(db: &Db, login: &str, password: &str) -> Result<bool, DbError> {
    let hash = hash_blocking(password).await;
    let sql = "UPDATE staff_users SET password_hash = $1, session_epoch = session_epoch + 1 WHERE login = $2";
    let done = on_db!(db, p => sqlx::query(sql).bind(&hash).bind(login).execute(p).await?.rows_affected());
    Ok(done == 1)
}

pub async fn delete(db: &Db, login: &str) -> Result<bool, DbError> {
    let done = on_db!(db, p => sqlx::query("DELETE FROM staff_users WHERE login = $1").bind(login).execute(p).await?.rows_affected());
    Ok(done == 1)
}
