-- The CSC API v2 and its OAuth 2.0 authorization server.

-- A credential authorization: a portal asked, for one citizen's credential, to sign exactly these
-- hashes; the citizen confirms it on Kyso's page with a code sent to them. Secrets (the page's link
-- token, the pushed request's URI, the code, the authorization code) are stored only as keyed hashes.
CREATE TABLE csc_authorization (
    id                 UUID          PRIMARY KEY,
    portal_id          VARCHAR(64)   NOT NULL REFERENCES portal (id),
    citizen_id         UUID          NOT NULL REFERENCES citizen (id),
    status             VARCHAR(32)   NOT NULL,
    reference          VARCHAR(16)   NOT NULL,
    hash_algorithm     VARCHAR(16)   NOT NULL,
    num_signatures     INTEGER       NOT NULL,
    binding_digest     CHAR(64)      NOT NULL,
    description        VARCHAR(500),
    redirect_uri       VARCHAR(2000) NOT NULL,
    state              VARCHAR(512),
    code_challenge     VARCHAR(128)  NOT NULL,
    request_uri_hash   CHAR(64)      UNIQUE,
    page_token_hash    CHAR(64)      UNIQUE,
    otp_hash           CHAR(64),
    otp_expires_at     TIMESTAMP WITH TIME ZONE,
    otp_sent_count     INTEGER       NOT NULL DEFAULT 0,
    otp_last_sent_at   TIMESTAMP WITH TIME ZONE,
    failed_attempts    INTEGER       NOT NULL DEFAULT 0,
    code_hash          CHAR(64)      UNIQUE,
    code_expires_at    TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    confirmed_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX csc_authorization_status ON csc_authorization (status, expires_at);

-- The hashes of an authorization, in the order the portal sent them, each signed at most once.
CREATE TABLE csc_authorized_hash (
    authorization_id  UUID          NOT NULL REFERENCES csc_authorization (id),
    position          INTEGER       NOT NULL,
    digest            VARCHAR(128)  NOT NULL,
    label             VARCHAR(500),
    signed_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (authorization_id, position),
    CONSTRAINT csc_authorized_hash_once UNIQUE (authorization_id, digest)
);

-- Access tokens: a portal's service token, or a credential token bound to one confirmed
-- authorization (the SAD). Only HMAC-SHA256(key, token) is stored.
CREATE TABLE csc_token (
    token_hash        CHAR(64)     PRIMARY KEY,
    kind              VARCHAR(16)  NOT NULL,
    portal_id         VARCHAR(64)  NOT NULL REFERENCES portal (id),
    authorization_id  UUID         REFERENCES csc_authorization (id),
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX csc_token_authorization ON csc_token (authorization_id);

-- A wrong code entered for a credential authorization counts towards the citizen's lock as one
-- entered for a signing request does: one row in otp_failure, naming one or the other.
ALTER TABLE otp_failure ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE otp_failure ADD COLUMN csc_authorization_id UUID REFERENCES csc_authorization (id);
