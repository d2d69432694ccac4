-- Per-document signing options (visible signature, reason, XML packaging), as JSON text.
ALTER TABLE document ADD COLUMN options VARCHAR(4000);
