-- Reviews, their photos and helpful votes; the shop's settings; loyalty points and coupons.
CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id    TEXT    NOT NULL,
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title         TEXT,
    body          TEXT    NOT NULL,
    author_name   TEXT    NOT NULL,
    email         TEXT,
    locale        TEXT,
    customer_id   TEXT,
    verified      INTEGER NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    helpful_count INTEGER NOT NULL DEFAULT 0,
    photo_count   INTEGER NOT NULL DEFAULT 0,
    reply_body    TEXT,
    reply_at      INTEGER,
    reward        TEXT,
    created_at    INTEGER NOT NULL,
    published_at  INTEGER
);
CREATE INDEX reviews_by_product ON reviews (product_id, status, created_at);
CREATE INDEX reviews_by_status ON reviews (status, created_at);

CREATE TABLE review_photos (
    id          TEXT    PRIMARY KEY,
    review_id   INTEGER REFERENCES reviews (id),
    mime        TEXT    NOT NULL,
    bytes       INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX review_photos_by_review ON review_photos (review_id);

CREATE TABLE review_votes (
    review_id   INTEGER NOT NULL REFERENCES reviews (id),
    visitor_id  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (review_id, visitor_id)
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE loyalty_accounts (
    customer_id  TEXT    PRIMARY KEY,
    balance      INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    lifetime     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL
);

CREATE TABLE loyalty_ledger (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id  TEXT    NOT NULL,
    delta        INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    ref          TEXT,
    coupon       TEXT,
    created_at   INTEGER NOT NULL
);
-- One award per reason and reference (a review, an order) for a customer.
CREATE UNIQUE INDEX loyalty_ledger_once ON loyalty_ledger (customer_id, reason, ref);
CREATE INDEX loyalty_ledger_by_customer ON loyalty_ledger (customer_id, id);

CREATE TABLE coupons (
    code         TEXT    PRIMARY KEY,
    source       TEXT    NOT NULL,
    customer_id  TEXT,
    percent      INTEGER,
    amount       INTEGER,
    currency     TEXT,
    created_at   INTEGER NOT NULL
);
