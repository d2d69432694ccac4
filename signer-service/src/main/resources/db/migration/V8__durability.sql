-- Instances of the service that share this database, each with a heartbeat: an instance whose
-- heartbeat stopped died (or was stopped), so what it held in progress may be taken over at once.
CREATE TABLE service_instance (
    id            UUID PRIMARY KEY,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which instance runs the call of an idempotency key still in progress. Its answer is written in
-- the same transaction as the call's effect, so a key without an answer whose instance is gone
-- did nothing, and may be run again.
ALTER TABLE idempotency_key ADD COLUMN owner_instance UUID;

-- A code whose delivery was not recorded yet: stored, then sent, then marked delivered (or failed).
-- One still pending a minute later was never sent (the process died in between): housekeeping
-- sends a fresh code.
ALTER TABLE signing_request ADD COLUMN otp_pending BOOLEAN DEFAULT FALSE NOT NULL;
