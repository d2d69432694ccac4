-- Idempotency keys of API POSTs, per portal: the hash of the first request and, once it finished,
-- its answer, replayed to retries with the same key. A row without an answer is in progress until
-- locked_until; rows are deleted after expires_at (24 hours). Portable between H2 and PostgreSQL.
CREATE TABLE idempotency_key (
    portal_id          VARCHAR(64)     NOT NULL REFERENCES portal (id),
    idem_key           VARCHAR(255)    NOT NULL,
    request_hash       CHAR(64)        NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until       TIMESTAMP WITH TIME ZONE,
    response_status    INTEGER,
    response_type      VARCHAR(100),
    response_location  VARCHAR(500),
    response_body      VARCHAR(1000000),
    CONSTRAINT idempotency_key_pk PRIMARY KEY (portal_id, idem_key)
);
CREATE INDEX idempotency_key_expiry ON idempotency_key (expires_at);

-- The webhook outbox: one row per event to deliver, written in the transaction that makes the
-- request final, delivered and retried by a worker that leases rows (lease_until) so that several
-- instances never send the same attempt twice. The payload is the exact body that gets signed.
CREATE TABLE webhook_delivery (
    id               UUID           PRIMARY KEY,
    portal_id        VARCHAR(64)    NOT NULL REFERENCES portal (id),
    request_id       UUID           NOT NULL REFERENCES signing_request (id),
    callback_url     VARCHAR(2000)  NOT NULL,
    payload          VARCHAR(1000)  NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    attempts         INTEGER        NOT NULL DEFAULT 0,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_until      TIMESTAMP WITH TIME ZONE,
    delivered_at     TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(200)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);
CREATE INDEX webhook_delivery_request ON webhook_delivery (request_id);
