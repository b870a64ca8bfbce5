-- The shop's orders (reported with a purchase award or imported), for RFM segments.
CREATE TABLE orders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id     TEXT    NOT NULL UNIQUE,
    customer_id  TEXT    NOT NULL,
    amount       INTEGER NOT NULL,
    currency     TEXT,
    ordered_at   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX orders_by_customer ON orders (customer_id, ordered_at);
