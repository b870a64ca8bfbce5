-- Answers of every survey kind: a score (NPS, CSAT), a choice or a text; the follow-up
-- comment may come later (PATCH with the edit token).
CREATE TABLE survey_responses_v2 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id   TEXT    NOT NULL,
    score       INTEGER CHECK (score BETWEEN 0 AND 10),
    category    TEXT    CHECK (category IN ('detractor', 'passive', 'promoter')),
    choice      TEXT,
    text        TEXT,
    comment     TEXT,
    locale      TEXT,
    page        TEXT,
    display_id  INTEGER,
    edit_token  TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER
);
INSERT INTO survey_responses_v2 (id, survey_id, score, category, comment, locale, page, created_at)
    SELECT id, survey_id, score, category, comment, locale, page, created_at FROM survey_responses;
DROP TABLE survey_responses;
ALTER TABLE survey_responses_v2 RENAME TO survey_responses;
CREATE INDEX survey_responses_by_survey ON survey_responses (survey_id, created_at);

CREATE TABLE survey_definitions (
    id          TEXT    PRIMARY KEY,
    definition  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE survey_displays (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id   TEXT    NOT NULL,
    visitor_id  TEXT    NOT NULL,
    page        TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX survey_displays_by_survey ON survey_displays (survey_id);

CREATE TABLE offers (
    id          TEXT    PRIMARY KEY,
    definition  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- A unique code per visitor and offer, so a visitor sees the same code again.
CREATE TABLE offer_codes (
    code        TEXT    PRIMARY KEY,
    offer_id    TEXT    NOT NULL,
    visitor_id  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (offer_id, visitor_id)
);

CREATE TABLE offer_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('impression', 'dismiss', 'copy', 'convert')),
    visitor_id  TEXT    NOT NULL,
    page        TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX offer_events_by_offer ON offer_events (offer_id, kind);

CREATE TABLE leads (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id      TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    consent       INTEGER NOT NULL,
    consented_at  INTEGER NOT NULL,
    visitor_id    TEXT    NOT NULL,
    locale        TEXT,
    page          TEXT,
    created_at    INTEGER NOT NULL
);
