-- Sole control: a citizen's credential and factors are the citizen's, never the portal's alone.

-- A credential signs only once its citizen has activated it on Kyso's page: codes sent to the
-- enrolled phone (and email), and a national-identity login where one is configured. Credentials
-- enrolled before activation existed were never proven by their citizen: they wait for activation
-- like new ones (the portal asks for an activation link with POST /api/v1/citizens/{id}/activation).
ALTER TABLE citizen ADD COLUMN credential_state VARCHAR(20) DEFAULT 'PENDING_ACTIVATION' NOT NULL;
ALTER TABLE citizen ADD COLUMN activated_at TIMESTAMP WITH TIME ZONE;
-- An email address carries codes only once its citizen proved it holds it (at activation, or on
-- their own page).
ALTER TABLE citizen ADD COLUMN email_verified_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX citizen_phone ON citizen (phone);

-- Authenticator apps enrolled through links that were handed to portals cannot be told from apps a
-- portal enrolled for itself: they are dropped, and their citizens go back to SMS until they enroll
-- an app again through an invitation that only they receive.
UPDATE citizen SET totp_seed = NULL, totp_last_step = NULL WHERE totp_seed IS NOT NULL;
UPDATE citizen SET otp_channel = 'SMS' WHERE otp_channel = 'APP';
DELETE FROM totp_enrollment WHERE activated_at IS NULL;
-- The browser that gave an invitation's code: only it is shown the new app's secret.
ALTER TABLE totp_enrollment ADD COLUMN proven_browser_sha256 CHAR(64);

-- A request's code that was accepted but whose signing then failed (the HSM away): spent, kept as
-- its keyed hash only so that a retry with it is told so instead of counted as a wrong code.
ALTER TABLE signing_request ADD COLUMN otp_used_hash CHAR(64);
CREATE INDEX signing_request_citizen ON signing_request (citizen_id, created_at);

-- One-time codes proving that a citizen holds a factor (a phone, an email address) outside signing
-- requests: activation, the citizen's own page, authenticator invitations, a new phone or email.
-- Only an HMAC of the code (bound to its purpose, subject and recipient) is kept.
CREATE TABLE factor_code (
    id               UUID         PRIMARY KEY,
    purpose          VARCHAR(24)  NOT NULL,
    subject          VARCHAR(64)  NOT NULL,
    channel          VARCHAR(8)   NOT NULL,
    recipient        VARCHAR(254) NOT NULL,
    code_hash        CHAR(64),
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_count       INTEGER      DEFAULT 1 NOT NULL,
    last_sent_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    failed_attempts  INTEGER      DEFAULT 0 NOT NULL,
    CONSTRAINT factor_code_one_per_channel UNIQUE (purpose, subject, channel)
);

-- Activation links (only the SHA-256 of the link's token is kept). The codes are factor_code rows
-- whose subject is the token's hash. The identity login must start in the browser that gave the
-- codes (browser_sha256: the hash of its CSRF nonce), and its answer must come back to that browser
-- (identity_binding_sha256: the hash of a cookie set when it started).
CREATE TABLE credential_activation (
    token_sha256             CHAR(64)     PRIMARY KEY,
    citizen_id               UUID         NOT NULL REFERENCES citizen (id),
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    codes_verified_at        TIMESTAMP WITH TIME ZONE,
    browser_sha256           CHAR(64),
    identity_state_sha256    CHAR(64),
    identity_nonce           VARCHAR(64),
    identity_verifier        VARCHAR(128),
    identity_binding_sha256  CHAR(64),
    identity_failures        INTEGER      DEFAULT 0 NOT NULL,
    completed_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX credential_activation_citizen ON credential_activation (citizen_id);
CREATE INDEX credential_activation_state ON credential_activation (identity_state_sha256);

-- The citizen's own page: a session opened by a code sent to a phone; it shows every credential
-- enrolled with that phone. Only the SHA-256 of the session's cookie is kept.
CREATE TABLE citizen_session (
    token_sha256  CHAR(64)     PRIMARY KEY,
    phone         VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_at   TIMESTAMP WITH TIME ZONE
);
