-- Citizens' private keys kept outside the HSM's object list: wrapped (AES key wrap with padding)
-- under an AES key that never leaves the HSM, base64 here, with the label of that key and the
-- certificate chain (PEM, end entity first) the token would otherwise have stored. A citizen
-- enrolled before has NULL here and keeps signing with the key in the token under key_alias.
ALTER TABLE citizen ADD COLUMN wrapping_key VARCHAR(64);
ALTER TABLE citizen ADD COLUMN wrapped_key VARCHAR(4000);
ALTER TABLE citizen ADD COLUMN key_chain_pem VARCHAR(16000);
