-- The catalog as versions: each version is the whole folder of TOML files (path → text),
-- kept as content-addressed texts so that a version repeating most files costs little.
CREATE TABLE catalog_blobs (
    hash TEXT PRIMARY KEY,
    text TEXT NOT NULL);
-- state: submitted | changes_requested | withdrawn | approved | scheduled | published | superseded
CREATE TABLE catalog_versions (
    number INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    message TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    based_on INTEGER,
    reviewer TEXT,
    reviewed_at INTEGER,
    review_note TEXT,
    publish_at INTEGER,
    published_at INTEGER,
    published_by TEXT,
    restores INTEGER);
CREATE INDEX catalog_versions_state ON catalog_versions (state);
CREATE TABLE catalog_version_files (
    version INTEGER NOT NULL,
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (version, path));
-- The one shared draft: each file saved with optimistic concurrency on its hash.
CREATE TABLE catalog_draft (
    path TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL);
