package io.kyso.signer.confirmation;

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

/**
 * The one-time-code state of each signing request: the keyed hash of the current code (never the
 * code), its expiry, how often and when it was sent, whether its delivery is still unrecorded, and the
 * wrong codes entered. Kept in the request's row (its {@code otp_*} and {@code failed_attempts}
 * columns) but read and written only here: the request lifecycle knows nothing of codes.
 */
@Singleton
public class OtpStates {

    /**
     * A request's code state. {@code otpHash} is null once the code was used (or none was sent);
     * {@code usedHash} is the hash of a code spent by a signing that then failed.
     */
    public record OtpState(UUID requestId, String otpHash, Instant expiresAt, int sentCount, Instant lastSentAt,
                           int failedAttempts, boolean pending, String usedHash) {
        public boolean isValidAt(Instant now) {
            return otpHash != null && expiresAt != null && now.isBefore(expiresAt);
        }
    }

    public Optional<OtpState> find(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT otp_hash, otp_expires_at, otp_sent_count, otp_last_sent_at, failed_attempts, otp_pending,
                       otp_used_hash
                FROM signing_request WHERE id = ?""")) {
            select.setObject(1, requestId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new OtpState(requestId, rs.getString("otp_hash"),
                        Jdbc.getInstant(rs, "otp_expires_at"), rs.getInt("otp_sent_count"),
                        Jdbc.getInstant(rs, "otp_last_sent_at"), rs.getInt("failed_attempts"),
                        rs.getBoolean("otp_pending"), rs.getString("otp_used_hash")));
            }
        }
    }

    /**
     * Records a newly issued code, its delivery pending; the previous one stops working. A code sent
     * in place of one a failed signing spent is not a resend: it does not count against the limit.
     */
    public void store(Connection c, UUID requestId, String otpHash, Instant expiresAt, Instant sentAt,
                      boolean countsAsSend) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET otp_hash = ?, otp_expires_at = ?, otp_last_sent_at = ?,
                       otp_sent_count = otp_sent_count + ?, otp_pending = TRUE
                WHERE id = ?""")) {
            update.setString(1, otpHash);
            Jdbc.setInstant(update, 2, expiresAt);
            Jdbc.setInstant(update, 3, sentAt);
            update.setInt(4, countsAsSend ? 1 : 0);
            update.setObject(5, requestId);
            update.executeUpdate();
        }
    }

    /**
     * Spends the code whose hash is {@code otpHash} after the signing it confirmed failed and was
     * rolled back, keeping its hash to recognise it if it is tried again; false if it is no longer
     * the current code (spent by a concurrent call, or replaced).
     */
    public boolean spendAfterFailure(Connection c, UUID requestId, String otpHash) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET otp_used_hash = otp_hash, otp_hash = NULL
                WHERE id = ? AND otp_hash = ?""")) {
            update.setObject(1, requestId);
            update.setString(2, otpHash);
            return update.executeUpdate() == 1;
        }
    }

    /** The latest code's delivery is recorded (delivered or failed): no longer pending. */
    public void deliveryRecorded(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE signing_request SET otp_pending = FALSE WHERE id = ?")) {
            update.setObject(1, requestId);
            update.executeUpdate();
        }
    }

    /** Spends the code whose hash is {@code otpHash}: false if it is not the current one. */
    public boolean spend(Connection c, UUID requestId, String otpHash) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE signing_request SET otp_hash = NULL WHERE id = ? AND otp_hash = ?")) {
            update.setObject(1, requestId);
            update.setString(2, otpHash);
            return update.executeUpdate() == 1;
        }
    }

    /** Counts a wrong code; returns the new count, or -1 if the request no longer awaits a code. */
    public int countFailure(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET failed_attempts = failed_attempts + 1
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION'""")) {
            update.setObject(1, requestId);
            if (update.executeUpdate() == 0) {
                return -1;
            }
        }
        return find(c, requestId).orElseThrow().failedAttempts();
    }

    /**
     * Awaiting requests whose latest code was stored before {@code before} but whose delivery was
     * never recorded: the process died between storing and sending it.
     */
    public List<UUID> findUndelivered(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT id FROM signing_request
                WHERE status = 'AWAITING_CONFIRMATION' AND otp_pending = TRUE AND otp_last_sent_at < ?""")) {
            Jdbc.setInstant(select, 1, before);
            select.setMaxRows(limit);
            List<UUID> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getObject(1, UUID.class));
                }
            }
            return found;
        }
    }

    /** Takes an undelivered code over for resending (one instance wins): false if someone else did, or it was delivered. */
    public boolean claimUndelivered(Connection c, UUID requestId, Instant storedBefore, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET otp_last_sent_at = ?
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION' AND otp_pending = TRUE AND otp_last_sent_at < ?""")) {
            Jdbc.setInstant(update, 1, now);
            update.setObject(2, requestId);
            Jdbc.setInstant(update, 3, storedBefore);
            return update.executeUpdate() == 1;
        }
    }
}
