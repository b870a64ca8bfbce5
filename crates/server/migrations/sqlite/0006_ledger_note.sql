-- A manual points change keeps the shop's note (why the points were given or taken).
ALTER TABLE loyalty_ledger ADD COLUMN note TEXT;
