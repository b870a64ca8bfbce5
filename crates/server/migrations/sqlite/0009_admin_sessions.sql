-- Staff sessions of the merchant console: the admin key is exchanged once for an HttpOnly
-- cookie. Kept by the SHA-256 of the cookie's token (a copy of the table opens no session).
CREATE TABLE admin_sessions (
    id            TEXT    PRIMARY KEY,
    csrf          TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);
