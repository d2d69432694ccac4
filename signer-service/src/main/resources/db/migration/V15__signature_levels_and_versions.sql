-- The baseline level each document is signed at (B-B, B-T, B-LT, B-LTA), chosen when its request is
-- made: the portal's option for it, the portal's default, or the deployment's. Requests made before
-- levels existed were signed, or will be, at B-B.
ALTER TABLE document ADD COLUMN signature_level VARCHAR(8) DEFAULT 'B-B' NOT NULL;

-- A signed document's versions: version 1 is what the signing made (stored under
-- signed/<request>/<document>); archive renewal adds a version with a new timestamp, under a key of
-- its own (never reused, so two instances renewing at once cannot overwrite each other's file), and
-- never rewrites an earlier one. signed_version is the newest (what downloads serve by default) and
-- signed_key its key (null: version 1's); its newest timestamp's authority certificate expires at
-- timestamp_expires_at, and it was made over a hash of timestamp_digest. A renewal leases its
-- document with renewal_lease_until and a token of its own (conditional UPDATEs, so one instance
-- renews it, and one whose lease ran out cannot record its work), and after a failure waits until
-- renewal_not_before.
ALTER TABLE document ADD COLUMN signed_version INTEGER;
ALTER TABLE document ADD COLUMN signed_key VARCHAR(200);
ALTER TABLE document ADD COLUMN timestamp_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE document ADD COLUMN timestamp_digest VARCHAR(16);
ALTER TABLE document ADD COLUMN renewal_lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE document ADD COLUMN renewal_lease_token VARCHAR(36);
ALTER TABLE document ADD COLUMN renewal_not_before TIMESTAMP WITH TIME ZONE;

UPDATE document SET signed_version = 1 WHERE status = 'SIGNED';

CREATE TABLE signed_version (
    document_id  UUID         NOT NULL REFERENCES document (id),
    version      INTEGER      NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    format       VARCHAR(32)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    storage_key  VARCHAR(200) NOT NULL,
    PRIMARY KEY (document_id, version)
);

INSERT INTO signed_version (document_id, version, size_bytes, sha256, format, created_at, storage_key)
    SELECT id, 1, signed_size, signed_sha256,
           CASE WHEN content_type = 'application/pdf' THEN 'PAdES-BASELINE-B' ELSE 'XAdES-BASELINE-B' END, signed_at,
           'signed/' || CAST(request_id AS VARCHAR(36)) || '/' || CAST(id AS VARCHAR(36))
    FROM document WHERE status = 'SIGNED';

CREATE INDEX document_renewal ON document (signature_level, timestamp_expires_at);
