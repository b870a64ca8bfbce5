-- Points given and spent over time (GET /v1/admin/loyalty/activity): ranges of the ledger and
-- of the accounts by time.
CREATE INDEX loyalty_ledger_by_time ON loyalty_ledger (created_at);
CREATE INDEX loyalty_accounts_by_time ON loyalty_accounts (created_at);
