-- Answers of every survey kind: a score (NPS, CSAT), a choice or a text; the follow-up
-- comment may come later (PATCH with the edit token).
ALTER TABLE survey_responses
    ALTER COLUMN score DROP NOT NULL,
    ALTER COLUMN category DROP NOT NULL,
    ADD COLUMN choice TEXT,
    ADD COLUMN text TEXT,
    ADD COLUMN display_id BIGINT,
    ADD COLUMN edit_token TEXT,
    ADD COLUMN updated_at BIGINT;

CREATE TABLE survey_definitions (
    id          TEXT    PRIMARY KEY,
    definition  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

CREATE TABLE survey_displays (
    id          BIGSERIAL PRIMARY KEY,
    survey_id   TEXT    NOT NULL,
    visitor_id  TEXT    NOT NULL,
    page        TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX survey_displays_by_survey ON survey_displays (survey_id);

CREATE TABLE offers (
    id          TEXT    PRIMARY KEY,
    definition  TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- A unique code per visitor and offer, so a visitor sees the same code again.
CREATE TABLE offer_codes (
    code        TEXT    PRIMARY KEY,
    offer_id    TEXT    NOT NULL,
    visitor_id  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (offer_id, visitor_id)
);

CREATE TABLE offer_events (
    id          BIGSERIAL PRIMARY KEY,
    offer_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('impression', 'dismiss', 'copy', 'convert')),
    visitor_id  TEXT    NOT NULL,
    page        TEXT,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX offer_events_by_offer ON offer_events (offer_id, kind);

CREATE TABLE leads (
    id            BIGSERIAL PRIMARY KEY,
    offer_id      TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    consent       BIGINT  NOT NULL,
    consented_at  BIGINT  NOT NULL,
    visitor_id    TEXT    NOT NULL,
    locale        TEXT,
    page          TEXT,
    created_at    BIGINT  NOT NULL
);
