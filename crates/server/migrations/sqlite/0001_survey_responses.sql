-- Answers to micro-surveys (NPS for now).
CREATE TABLE survey_responses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id   TEXT    NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    category    TEXT    NOT NULL CHECK (category IN ('detractor', 'passive', 'promoter')),
    comment     TEXT,
    locale      TEXT,
    page        TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX survey_responses_by_survey ON survey_responses (survey_id, created_at);

-- The first answer to every create request, replayed when the same Idempotency-Key comes again.
CREATE TABLE idempotency_keys (
    scope         TEXT    NOT NULL,
    key           TEXT    NOT NULL,
    request_hash  TEXT    NOT NULL,
    status        INTEGER NOT NULL,
    response      TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
);
