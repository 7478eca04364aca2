-- Two optional indicators of a rating (seed 004): minutes waited in the queue (not asked
-- for the portal or post) and how many times the citizen had to come.
ALTER TABLE ratings ADD COLUMN waited_minutes INTEGER;
ALTER TABLE ratings ADD COLUMN visits INTEGER;
-- A department's handling of a rating: its answer (public, or for the citizen alone, with
-- an excerpt of the comment the responder chose to publish), resolved, or passed to the
-- department it concerns; and whether the citizen said the answer helped. A rating has a
-- row only once someone acted on it.
CREATE TABLE rating_cases (
    rating TEXT PRIMARY KEY,
    department TEXT,
    status TEXT NOT NULL,
    answer TEXT,
    public INTEGER NOT NULL DEFAULT 0,
    excerpt TEXT,
    answered_by TEXT,
    answered_at INTEGER,
    helped INTEGER,
    updated_at INTEGER NOT NULL);
CREATE INDEX rating_cases_department ON rating_cases (department);
