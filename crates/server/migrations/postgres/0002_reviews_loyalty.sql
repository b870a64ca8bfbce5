-- Reviews, their photos and helpful votes; the shop's settings; loyalty points and coupons.
CREATE TABLE reviews (
    id            BIGSERIAL PRIMARY KEY,
    product_id    TEXT    NOT NULL,
    rating        BIGINT  NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title         TEXT,
    body          TEXT    NOT NULL,
    author_name   TEXT    NOT NULL,
    email         TEXT,
    locale        TEXT,
    customer_id   TEXT,
    verified      BIGINT  NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    helpful_count BIGINT  NOT NULL DEFAULT 0,
    photo_count   BIGINT  NOT NULL DEFAULT 0,
    reply_body    TEXT,
    reply_at      BIGINT,
    reward        TEXT,
    created_at    BIGINT  NOT NULL,
    published_at  BIGINT
);
CREATE INDEX reviews_by_product ON reviews (product_id, status, created_at);
CREATE INDEX reviews_by_status ON reviews (status, created_at);

CREATE TABLE review_photos (
    id          TEXT    PRIMARY KEY,
    review_id   BIGINT  REFERENCES reviews (id),
    mime        TEXT    NOT NULL,
    bytes       BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX review_photos_by_review ON review_photos (review_id);

CREATE TABLE review_votes (
    review_id   BIGINT  NOT NULL REFERENCES reviews (id),
    visitor_id  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (review_id, visitor_id)
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE loyalty_accounts (
    customer_id  TEXT    PRIMARY KEY,
    balance      BIGINT  NOT NULL DEFAULT 0 CHECK (balance >= 0),
    lifetime     BIGINT  NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL
);

CREATE TABLE loyalty_ledger (
    id           BIGSERIAL PRIMARY KEY,
    customer_id  TEXT    NOT NULL,
    delta        BIGINT  NOT NULL,
    reason       TEXT    NOT NULL,
    ref          TEXT,
    coupon       TEXT,
    created_at   BIGINT  NOT NULL
);
-- One award per reason and reference (a review, an order) for a customer.
CREATE UNIQUE INDEX loyalty_ledger_once ON loyalty_ledger (customer_id, reason, ref);
CREATE INDEX loyalty_ledger_by_customer ON loyalty_ledger (customer_id, id);

CREATE TABLE coupons (
    code         TEXT    PRIMARY KEY,
    source       TEXT    NOT NULL,
    customer_id  TEXT,
    percent      BIGINT,
    amount       BIGINT,
    currency     TEXT,
    created_at   BIGINT  NOT NULL
);
