-- Previews (first-page images, XML excerpts) are derived from the originals for the citizen's page
-- and only shown while a request awaits confirmation. Housekeeping deletes them some time after the
-- request ended and marks the request here, so that each is purged once.
ALTER TABLE signing_request ADD COLUMN previews_purged BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX signing_request_previews ON signing_request (previews_purged, completed_at);
