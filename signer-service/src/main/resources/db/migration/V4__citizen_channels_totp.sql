-- How each citizen receives codes (SMS, EMAIL, or APP: an authenticator app), their authenticator
-- seed (AES-GCM encrypted, never in clear) and the last time step accepted from it (each step once).
ALTER TABLE citizen ADD COLUMN otp_channel VARCHAR(8) DEFAULT 'SMS' NOT NULL;
ALTER TABLE citizen ADD COLUMN totp_seed VARCHAR(200);
ALTER TABLE citizen ADD COLUMN totp_last_step BIGINT;

-- One-time enrollment links for authenticator apps. Only the SHA-256 of the link's token is kept;
-- the seed becomes the citizen's when a first valid code from the app activates it.
CREATE TABLE totp_enrollment (
    token_sha256     CHAR(64)     PRIMARY KEY,
    citizen_id       UUID         NOT NULL REFERENCES citizen (id),
    seed             VARCHAR(200) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts  INTEGER      DEFAULT 0 NOT NULL,
    activated_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX totp_enrollment_citizen ON totp_enrollment (citizen_id);

-- The development outbox stands in for every channel: it records which one a message was for.
ALTER TABLE dev_outbox ADD COLUMN channel VARCHAR(8) DEFAULT 'SMS' NOT NULL;
