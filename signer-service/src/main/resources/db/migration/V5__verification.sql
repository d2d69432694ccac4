-- Verifications a portal ran: the verdict here, the report (JSON) and the ETSI validation reports (XML)
-- in the document store under verifications/<id>/. The uploaded files are not kept.
CREATE TABLE verification (
    id               UUID         PRIMARY KEY,
    portal_id        VARCHAR(64)  NOT NULL REFERENCES portal (id),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    verdict          VARCHAR(16)  NOT NULL,
    file_count       INTEGER      NOT NULL,
    signature_count  INTEGER      NOT NULL
);
CREATE INDEX verification_portal ON verification (portal_id, created_at);
