package io.kyso.signer.csc;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Credential authorizations and their hashes in the database. Moves between states are conditional
 * updates ({@code … WHERE status = ?}), so of two concurrent attempts exactly one wins; the secrets
 * that lead to an authorization are looked up by their keyed hashes only.
 */
@Singleton
public class Authorizations {

    /** Inserts a new authorization with its hashes; {@code requestUriHash} when it was pushed. */
    public void insert(Connection c, CredentialAuthorization a, String requestUriHash) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO csc_authorization (id, portal_id, citizen_id, status, reference, hash_algorithm,
                    num_signatures, binding_digest, description, redirect_uri, state, code_challenge,
                    request_uri_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, a.id());
            insert.setString(2, a.portalId());
            insert.setObject(3, a.citizenId());
            insert.setString(4, a.status().name());
            insert.setString(5, a.reference());
            insert.setString(6, a.hashAlgorithm().name());
            insert.setInt(7, a.numSignatures());
            insert.setString(8, a.bindingDigest());
            insert.setString(9, a.description());
            insert.setString(10, a.redirectUri().toString());
            insert.setString(11, a.state());
            insert.setString(12, a.codeChallenge());
            insert.setString(13, requestUriHash);
            Jdbc.setInstant(insert, 14, a.createdAt());
            Jdbc.setInstant(insert, 15, a.expiresAt());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO csc_authorized_hash (authorization_id, position, digest, label) VALUES (?, ?, ?, ?)")) {
            for (AuthorizedHash hash : a.hashes()) {
                insert.setObject(1, a.id());
                insert.setInt(2, hash.position());
                insert.setString(3, hash.digestHex());
                insert.setString(4, hash.label());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public Optional<CredentialAuthorization> find(Connection c, UUID id) throws SQLException {
        return one(c, "SELECT * FROM csc_authorization WHERE id = ?", id.toString(), true);
    }

    /** The authorization, its row locked until the transaction ends. */
    public Optional<CredentialAuthorization> lock(Connection c, UUID id) throws SQLException {
        return one(c, "SELECT * FROM csc_authorization WHERE id = ? FOR UPDATE", id.toString(), true);
    }

    public Optional<CredentialAuthorization> findByRequestUri(Connection c, String requestUriHash) throws SQLException {
        return one(c, "SELECT * FROM csc_authorization WHERE request_uri_hash = ?", requestUriHash, false);
    }

    public Optional<CredentialAuthorization> findByPageToken(Connection c, String pageTokenHash) throws SQLException {
        return one(c, "SELECT * FROM csc_authorization WHERE page_token_hash = ?", pageTokenHash, false);
    }

    public Optional<CredentialAuthorization> findByCode(Connection c, String codeHash) throws SQLException {
        return one(c, "SELECT * FROM csc_authorization WHERE code_hash = ?", codeHash, false);
    }

    /** Pushed → awaiting: the page's link, the first code (null for an authenticator app) and the citizen's deadline are set. */
    public boolean open(Connection c, UUID id, String pageTokenHash, String otpHash, Instant otpExpiresAt, Instant now,
                        Instant expiresAt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_authorization SET status = 'AWAITING_CONFIRMATION', page_token_hash = ?, otp_hash = ?,
                       otp_expires_at = ?, otp_last_sent_at = ?, otp_sent_count = ?, expires_at = ?
                WHERE id = ? AND status = 'PUSHED'""")) {
            update.setString(1, pageTokenHash);
            update.setString(2, otpHash);
            Jdbc.setInstant(update, 3, otpExpiresAt);
            Jdbc.setInstant(update, 4, otpHash == null ? null : now);
            update.setInt(5, otpHash == null ? 0 : 1);
            Jdbc.setInstant(update, 6, expiresAt);
            update.setObject(7, id);
            return update.executeUpdate() == 1;
        }
    }

    /** A new code for an authorization awaiting the citizen; the previous one stops working. */
    public boolean storeOtp(Connection c, UUID id, String otpHash, Instant otpExpiresAt, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_authorization SET otp_hash = ?, otp_expires_at = ?, otp_last_sent_at = ?,
                       otp_sent_count = otp_sent_count + 1
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION'""")) {
            update.setString(1, otpHash);
            Jdbc.setInstant(update, 2, otpExpiresAt);
            Jdbc.setInstant(update, 3, now);
            update.setObject(4, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Counts a wrong code; returns the new count, or -1 if the authorization no longer awaits one. */
    public int countFailure(Connection c, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_authorization SET failed_attempts = failed_attempts + 1
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION'""")) {
            update.setObject(1, id);
            if (update.executeUpdate() == 0) {
                return -1;
            }
        }
        return find(c, id).orElseThrow().failedAttempts();
    }

    /** Awaiting → confirmed, with the authorization code's hash; the one-time code is spent. */
    public boolean confirm(Connection c, UUID id, String codeHash, Instant codeExpiresAt, Instant now)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_authorization SET status = 'CONFIRMED', otp_hash = NULL, code_hash = ?,
                       code_expires_at = ?, confirmed_at = ?
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION'""")) {
            update.setString(1, codeHash);
            Jdbc.setInstant(update, 2, codeExpiresAt);
            Jdbc.setInstant(update, 3, now);
            update.setObject(4, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Moves {@code from} → {@code to}; false if the authorization was not in {@code from}. */
    public boolean transition(Connection c, UUID id, AuthorizationStatus from, AuthorizationStatus to)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE csc_authorization SET status = ?, otp_hash = NULL WHERE id = ? AND status = ?")) {
            update.setString(1, to.name());
            update.setObject(2, id);
            update.setString(3, from.name());
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Marks each of {@code digestsHex} signed, if the authorization covers it and it was not signed
     * yet; returns, per digest, whether it was claimed. Runs in the signing's transaction: a rollback
     * leaves every hash unsigned. Concurrent claims of one hash wait for each other; one wins.
     */
    public boolean[] claim(Connection c, UUID id, List<String> digestsHex, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_authorized_hash SET signed_at = ?
                WHERE authorization_id = ? AND digest = ? AND signed_at IS NULL""")) {
            for (String digest : digestsHex) {
                Jdbc.setInstant(update, 1, now);
                update.setObject(2, id);
                update.setString(3, digest);
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            boolean[] claimed = new boolean[counts.length];
            for (int i = 0; i < counts.length; i++) {
                claimed[i] = counts[i] == 1;
            }
            return claimed;
        }
    }

    private Optional<CredentialAuthorization> one(Connection c, String sql, String key, boolean byId)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            if (byId) {
                select.setObject(1, UUID.fromString(key));
            } else {
                select.setString(1, key);
            }
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UUID id = rs.getObject("id", UUID.class);
                return Optional.of(new CredentialAuthorization(id, rs.getString("portal_id"),
                        rs.getObject("citizen_id", UUID.class), AuthorizationStatus.valueOf(rs.getString("status")),
                        rs.getString("reference"), DigestAlgorithm.valueOf(rs.getString("hash_algorithm")),
                        rs.getInt("num_signatures"), rs.getString("binding_digest"), rs.getString("description"),
                        URI.create(rs.getString("redirect_uri")), rs.getString("state"), rs.getString("code_challenge"),
                        rs.getString("otp_hash"), Jdbc.getInstant(rs, "otp_expires_at"), rs.getInt("otp_sent_count"),
                        Jdbc.getInstant(rs, "otp_last_sent_at"), rs.getInt("failed_attempts"),
                        Jdbc.getInstant(rs, "code_expires_at"), Jdbc.getInstant(rs, "created_at"),
                        Jdbc.getInstant(rs, "expires_at"), hashes(c, id)));
            }
        }
    }

    private static List<AuthorizedHash> hashes(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT position, digest, label, signed_at FROM csc_authorized_hash
                WHERE authorization_id = ? ORDER BY position""")) {
            select.setObject(1, id);
            List<AuthorizedHash> hashes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    hashes.add(new AuthorizedHash(rs.getInt("position"), rs.getString("digest"), rs.getString("label"),
                            Jdbc.getInstant(rs, "signed_at")));
                }
            }
            return hashes;
        }
    }
}
