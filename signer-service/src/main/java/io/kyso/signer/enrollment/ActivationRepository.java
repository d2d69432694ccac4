package io.kyso.signer.enrollment;

import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Activation links in the database: only hashes of their tokens, states and binding cookies. */
@Singleton
public class ActivationRepository {

    /** An activation link's progress. Its identity fields exist between the login's start and its answer. */
    public record StoredActivation(String tokenSha256, UUID citizenId, Instant expiresAt, Instant codesVerifiedAt,
                                   String browserSha256, String identityNonce, String identityVerifier,
                                   String identityBindingSha256, int identityFailures, Instant completedAt) {
        @Override
        public String toString() {
            return "StoredActivation[citizen=" + citizenId + ", expiresAt=" + expiresAt + "]";
        }
    }

    public void insert(Connection c, String tokenSha256, UUID citizenId, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO credential_activation (token_sha256, citizen_id, created_at, expires_at)
                VALUES (?, ?, ?, ?)""")) {
            insert.setString(1, tokenSha256);
            insert.setObject(2, citizenId);
            Jdbc.setInstant(insert, 3, now);
            Jdbc.setInstant(insert, 4, expiresAt);
            insert.executeUpdate();
        }
    }

    /** Removes the citizen's activation links (a new one replaces them); returns their token hashes. */
    public List<String> deleteForCitizen(Connection c, UUID citizenId) throws SQLException {
        List<String> tokens = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT token_sha256 FROM credential_activation WHERE citizen_id = ?")) {
            select.setObject(1, citizenId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    tokens.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM credential_activation WHERE citizen_id = ?")) {
            delete.setObject(1, citizenId);
            delete.executeUpdate();
        }
        return tokens;
    }

    public Optional<StoredActivation> find(Connection c, String tokenSha256) throws SQLException {
        return one(c, "SELECT * FROM credential_activation WHERE token_sha256 = ?", tokenSha256);
    }

    /** The activation whose identity login carries the state with this hash. */
    public Optional<StoredActivation> findByState(Connection c, String stateSha256) throws SQLException {
        return one(c, "SELECT * FROM credential_activation WHERE identity_state_sha256 = ?", stateSha256);
    }

    /** The codes were right, given in the browser whose CSRF nonce hashes to {@code browserSha256}. */
    public void codesVerified(Connection c, String tokenSha256, String browserSha256, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE credential_activation SET codes_verified_at = ?, browser_sha256 = ? WHERE token_sha256 = ?""")) {
            Jdbc.setInstant(update, 1, at);
            update.setString(2, browserSha256);
            update.setString(3, tokenSha256);
            update.executeUpdate();
        }
    }

    /** An identity login started: its state (hashed), nonce, PKCE verifier and browser-binding cookie (hashed). */
    public void identityStarted(Connection c, String tokenSha256, String stateSha256, String nonce, String verifier,
                                String bindingSha256) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE credential_activation SET identity_state_sha256 = ?, identity_nonce = ?, identity_verifier = ?,
                       identity_binding_sha256 = ?
                WHERE token_sha256 = ?""")) {
            update.setString(1, stateSha256);
            update.setString(2, nonce);
            update.setString(3, verifier);
            update.setString(4, bindingSha256);
            update.setString(5, tokenSha256);
            update.executeUpdate();
        }
    }

    /** The login's answer came back (whatever it said): its state cannot be used twice. */
    public void identityAnswered(Connection c, String tokenSha256, boolean failed) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE credential_activation SET identity_state_sha256 = NULL, identity_nonce = NULL,
                       identity_verifier = NULL, identity_binding_sha256 = NULL,
                       identity_failures = identity_failures + ?
                WHERE token_sha256 = ?""")) {
            update.setInt(1, failed ? 1 : 0);
            update.setString(2, tokenSha256);
            update.executeUpdate();
        }
    }

    /** The activation is done; false if it was already. */
    public boolean complete(Connection c, String tokenSha256, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE credential_activation SET completed_at = ? WHERE token_sha256 = ? AND completed_at IS NULL")) {
            Jdbc.setInstant(update, 1, at);
            update.setString(2, tokenSha256);
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<StoredActivation> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredActivation(rs.getString("token_sha256"),
                        rs.getObject("citizen_id", UUID.class), Jdbc.getInstant(rs, "expires_at"),
                        Jdbc.getInstant(rs, "codes_verified_at"), rs.getString("browser_sha256"),
                        rs.getString("identity_nonce"), rs.getString("identity_verifier"),
                        rs.getString("identity_binding_sha256"), rs.getInt("identity_failures"),
                        Jdbc.getInstant(rs, "completed_at")));
            }
        }
    }
}
