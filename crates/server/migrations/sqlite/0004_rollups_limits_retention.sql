-- Cost that does not grow with the data: counts kept in step with the rows they count (in
-- the same transaction), one index per sort of every list, and keyset cursors on (…, id).

-- Published reviews per product and rating (the summary and the histogram).
CREATE TABLE review_rating_counts (
    product_id  TEXT    NOT NULL,
    rating      INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    PRIMARY KEY (product_id, rating)
);
INSERT INTO review_rating_counts (product_id, rating, count)
    SELECT product_id, rating, COUNT(*) FROM reviews WHERE status = 'published' GROUP BY product_id, rating;

-- The public list: one index per sort, over published reviews only.
DROP INDEX reviews_by_product;
CREATE INDEX reviews_newest ON reviews (product_id, created_at, id) WHERE status = 'published';
CREATE INDEX reviews_by_rating ON reviews (product_id, rating, created_at, id) WHERE status = 'published';
CREATE INDEX reviews_helpful ON reviews (product_id, helpful_count, created_at, id) WHERE status = 'published';
CREATE INDEX reviews_helpful_by_rating ON reviews (product_id, rating, helpful_count, created_at, id) WHERE status = 'published';
CREATE INDEX reviews_with_photos ON reviews (product_id, created_at, id) WHERE status = 'published' AND photo_count > 0;
-- The moderation queue: one index per status (an index on status would compete with the
-- public list's and win without statistics, scanning every product's reviews).
DROP INDEX reviews_by_status;
CREATE INDEX reviews_pending ON reviews (created_at, id) WHERE status = 'pending';
CREATE INDEX reviews_rejected ON reviews (created_at, id) WHERE status = 'rejected';
CREATE INDEX reviews_published ON reviews (created_at, id) WHERE status = 'published';

-- One review reward per product and claimant (a customer, an order, an e-mail address).
ALTER TABLE reviews ADD COLUMN order_id TEXT;
CREATE TABLE review_rewards (
    product_id  TEXT    NOT NULL,
    claimant    TEXT    NOT NULL,
    review_id   INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (product_id, claimant)
);

-- Helpful votes remember the (hashed) network they came from, to bound votes per review.
ALTER TABLE review_votes ADD COLUMN voter TEXT;
CREATE INDEX review_votes_by_voter ON review_votes (review_id, voter);

-- Uploads remember the (hashed) network too (a quota), and unattached ones are swept.
ALTER TABLE review_photos ADD COLUMN uploader TEXT;
CREATE INDEX review_photos_unattached ON review_photos (created_at) WHERE review_id IS NULL;
CREATE INDEX review_photos_by_uploader ON review_photos (uploader, created_at);

-- Survey answers and displays per UTC day (`answer`: the score, the choice, or '' for text).
CREATE TABLE survey_daily (
    survey_id  TEXT    NOT NULL,
    day        INTEGER NOT NULL,
    answer     TEXT    NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (survey_id, day, answer)
);
INSERT INTO survey_daily (survey_id, day, answer, count)
    SELECT survey_id, created_at / 86400, COALESCE(CAST(score AS TEXT), choice, ''), COUNT(*)
    FROM survey_responses GROUP BY survey_id, created_at / 86400, COALESCE(CAST(score AS TEXT), choice, '');
CREATE TABLE survey_display_daily (
    survey_id  TEXT    NOT NULL,
    day        INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (survey_id, day)
);
INSERT INTO survey_display_daily (survey_id, day, count)
    SELECT survey_id, created_at / 86400, COUNT(*) FROM survey_displays GROUP BY survey_id, created_at / 86400;
DROP INDEX survey_responses_by_survey;
CREATE INDEX survey_responses_by_survey ON survey_responses (survey_id, created_at, id);

-- Offer events per UTC day and kind; leads per offer.
CREATE TABLE offer_daily (
    offer_id  TEXT    NOT NULL,
    day       INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    count     INTEGER NOT NULL,
    PRIMARY KEY (offer_id, day, kind)
);
INSERT INTO offer_daily (offer_id, day, kind, count)
    SELECT offer_id, created_at / 86400, kind, COUNT(*) FROM offer_events GROUP BY offer_id, created_at / 86400, kind;
CREATE INDEX leads_by_offer ON leads (offer_id, created_at, id);

-- Stored answers of idempotent creates expire (see sweep.rs).
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

-- Write-rate buckets shared by every server process on one database (GCRA: the theoretical
-- arrival time of the next request, in milliseconds).
CREATE TABLE rate_buckets (
    key  TEXT    PRIMARY KEY,
    tat  INTEGER NOT NULL
);
CREATE INDEX rate_buckets_by_tat ON rate_buckets (tat);

-- /readyz writes here (16 KiB of noise) to prove the database takes writes.
CREATE TABLE health (
    id          INTEGER PRIMARY KEY,
    checked_at  INTEGER NOT NULL,
    pad         TEXT
);
