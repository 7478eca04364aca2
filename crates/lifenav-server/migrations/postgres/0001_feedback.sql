-- Citizens' ratings and "was this plan helpful?" answers. No personal data: no
-- addresses, no accounts, only the day a rating arrived (Federal Law 152-ФЗ).
-- IF NOT EXISTS: databases made before versioned migrations already hold these tables.
CREATE TABLE IF NOT EXISTS ratings (
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
    received_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ratings_service ON ratings (service);
CREATE TABLE IF NOT EXISTS helpful (
    id TEXT PRIMARY KEY,
    situation TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    comment TEXT,
    received_on TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ratings_day ON ratings (received_on);
