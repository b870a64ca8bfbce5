-- The shop's orders (reported with a purchase award or imported), for RFM segments.
CREATE TABLE orders (
    id           BIGSERIAL PRIMARY KEY,
    order_id     TEXT    NOT NULL UNIQUE,
    customer_id  TEXT    NOT NULL,
    amount       BIGINT  NOT NULL,
    currency     TEXT,
    ordered_at   BIGINT  NOT NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_at);
