-- Idempotency rows keep a keyed fingerprint of their request (HMAC under a key the database does not
-- hold), since a confirmation's body carries the citizen's code. Rows written before carry a plain
-- SHA-256 and say so; so do rows an instance of the previous version writes during a rolling upgrade,
-- which does not name the column. They are compared as they were made until they expire (24 hours).
ALTER TABLE idempotency_key ADD COLUMN request_hash_kind VARCHAR(8) DEFAULT 'SHA256' NOT NULL;
