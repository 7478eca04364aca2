-- Staff accounts: a login, a display name and roles, nothing else about a person.
-- session_epoch is bumped when a password is reset or an account disabled: sessions
-- carry the epoch they began in, and an older one no longer counts.
CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    login TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    departments TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    session_epoch INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0);
-- The table tower-sessions' SQLite store reads and writes.
CREATE TABLE staff_sessions (
    id TEXT PRIMARY KEY NOT NULL,
    data BLOB NOT NULL,
    expiry_date INTEGER NOT NULL);
-- Every staff action: who, when (unix seconds), what, to what, and why.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL);
CREATE INDEX audit_log_at ON audit_log (at);
