package io.kyso.signer.totp;

import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Enrollment links and citizens' active seeds (always encrypted) in the database. */
@Singleton
public class TotpRepository {

    /** A pending enrollment as stored: the seed still encrypted. */
    public record StoredEnrollment(String tokenSha256, UUID citizenId, String sealedSeed, Instant expiresAt,
                                   int failedAttempts, Instant activatedAt, String provenBrowserSha256) {
        @Override
        public String toString() {
            return "StoredEnrollment[citizenId=" + citizenId + ", expiresAt=" + expiresAt + "]";
        }
    }

    public void insertEnrollment(Connection c, String tokenSha256, UUID citizenId, String sealedSeed, Instant now,
                                 Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO totp_enrollment (token_sha256, citizen_id, seed, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?)""")) {
            insert.setString(1, tokenSha256);
            insert.setObject(2, citizenId);
            insert.setString(3, sealedSeed);
            Jdbc.setInstant(insert, 4, now);
            Jdbc.setInstant(insert, 5, expiresAt);
            insert.executeUpdate();
        }
    }

    public Optional<StoredEnrollment> findEnrollment(Connection c, String tokenSha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM totp_enrollment WHERE token_sha256 = ?")) {
            select.setString(1, tokenSha256);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredEnrollment(rs.getString("token_sha256"),
                        rs.getObject("citizen_id", UUID.class), rs.getString("seed"),
                        Jdbc.getInstant(rs, "expires_at"), rs.getInt("failed_attempts"),
                        Jdbc.getInstant(rs, "activated_at"), rs.getString("proven_browser_sha256")));
            }
        }
    }

    /**
     * The invitation's code was given in the browser whose CSRF nonce hashes to {@code browserSha256}:
     * only that browser is shown the seed.
     */
    public void proven(Connection c, String tokenSha256, String browserSha256) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE totp_enrollment SET proven_browser_sha256 = ? WHERE token_sha256 = ?")) {
            update.setString(1, browserSha256);
            update.setString(2, tokenSha256);
            update.executeUpdate();
        }
    }

    /** Counts a wrong code on an enrollment link; returns the new count. */
    public int countEnrollmentFailure(Connection c, String tokenSha256) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE totp_enrollment SET failed_attempts = failed_attempts + 1 WHERE token_sha256 = ?")) {
            update.setString(1, tokenSha256);
            update.executeUpdate();
        }
        return findEnrollment(c, tokenSha256).map(StoredEnrollment::failedAttempts).orElse(0);
    }

    /**
     * Makes the enrollment's seed the citizen's, with the activating step already spent, and switches
     * the citizen to the app; false if the link was used meanwhile.
     */
    public boolean activate(Connection c, StoredEnrollment enrollment, long step, Instant now) throws SQLException {
        try (PreparedStatement used = c.prepareStatement(
                "UPDATE totp_enrollment SET activated_at = ? WHERE token_sha256 = ? AND activated_at IS NULL")) {
            Jdbc.setInstant(used, 1, now);
            used.setString(2, enrollment.tokenSha256());
            if (used.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE citizen SET totp_seed = ?, totp_last_step = ?, otp_channel = 'APP' WHERE id = ?")) {
            update.setString(1, enrollment.sealedSeed());
            update.setLong(2, step);
            update.setObject(3, enrollment.citizenId());
            return update.executeUpdate() == 1;
        }
    }

    /** The citizen's active seed, encrypted. */
    public Optional<String> sealedSeed(Connection c, UUID citizenId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT totp_seed FROM citizen WHERE id = ?")) {
            select.setObject(1, citizenId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Spends a time step for the citizen; false if it, or a later one, was used already. */
    public boolean spendStep(Connection c, UUID citizenId, long step) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE citizen SET totp_last_step = ?
                WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)""")) {
            update.setLong(1, step);
            update.setObject(2, citizenId);
            update.setLong(3, step);
            return update.executeUpdate() == 1;
        }
    }
}
