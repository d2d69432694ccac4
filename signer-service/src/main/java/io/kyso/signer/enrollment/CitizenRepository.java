package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.hsm.KeySpec;
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

/** Citizens in the database. Every lookup is scoped to a portal. */
@Singleton
public class CitizenRepository {

    public void insert(Connection connection, Citizen c, String certificateSerial) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO citizen (id, portal_id, national_id, full_name, phone, email, key_algorithm, key_alias,
                                     certificate_pem, certificate_serial, created_at, otp_channel, wrapping_key,
                                     wrapped_key, key_chain_pem, credential_state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, c.id());
            insert.setString(2, c.portalId());
            insert.setString(3, c.nationalId());
            insert.setString(4, c.fullName());
            insert.setString(5, c.phone());
            insert.setString(6, c.email());
            insert.setString(7, c.keyAlgorithm().name());
            insert.setString(8, c.keyAlias());
            insert.setString(9, c.certificatePem());
            insert.setString(10, certificateSerial);
            Jdbc.setInstant(insert, 11, c.createdAt());
            insert.setString(12, c.otpChannel().name());
            CitizenKey key = c.wrappedKey();
            insert.setString(13, key == null ? null : key.wrappingKey());
            insert.setString(14, key == null ? null : key.wrappedBase64());
            insert.setString(15, key == null ? null : key.chainPem());
            insert.setString(16, c.credentialState().name());
            insert.executeUpdate();
        }
    }

    public Optional<Citizen> find(Connection connection, String portalId, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM citizen WHERE id = ? AND portal_id = ?")) {
            select.setObject(1, id);
            select.setString(2, portalId);
            return one(select);
        }
    }

    public boolean existsByNationalId(Connection connection, String portalId, String nationalId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM citizen WHERE portal_id = ? AND national_id = ?")) {
            select.setString(1, portalId);
            select.setString(2, nationalId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The portal's citizen with this national id, if enrolled. */
    public Optional<Citizen> findByNationalId(Connection connection, String portalId, String nationalId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM citizen WHERE portal_id = ? AND national_id = ?")) {
            select.setString(1, portalId);
            select.setString(2, nationalId);
            return one(select);
        }
    }

    /** The portal's citizens in order of enrollment, at most {@code limit}. */
    public List<Citizen> listByPortal(Connection connection, String portalId, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM citizen WHERE portal_id = ? ORDER BY created_at, id")) {
            select.setString(1, portalId);
            select.setMaxRows(limit);
            List<Citizen> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(citizen(rs));
                }
            }
            return found;
        }
    }

    /** The citizen, whichever portal it belongs to: for the citizen's own pages, reached by a secret link. */
    public Optional<Citizen> findById(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM citizen WHERE id = ?")) {
            select.setObject(1, id);
            return one(select);
        }
    }

    public void setOtpChannel(Connection connection, UUID id, OtpChannel channel) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE citizen SET otp_channel = ? WHERE id = ?")) {
            update.setString(1, channel.name());
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    /**
     * Every citizen (of any portal) enrolled with {@code phone}: the credentials the holder of that
     * phone sees on their own page.
     */
    public List<Citizen> findByPhone(Connection connection, String phone) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM citizen WHERE phone = ? ORDER BY created_at")) {
            select.setString(1, phone);
            List<Citizen> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(citizen(rs));
                }
            }
            return found;
        }
    }

    /** Makes a pending credential active; false if it was not pending (activated meanwhile, or revoked). */
    public boolean activate(Connection connection, UUID id, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE citizen SET credential_state = 'ACTIVE', activated_at = ?
                WHERE id = ? AND credential_state = 'PENDING_ACTIVATION'""")) {
            Jdbc.setInstant(update, 1, at);
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /** The citizen proved they hold {@code email}: it may carry codes from now on. */
    public void setVerifiedEmail(Connection connection, UUID id, String email, Instant at) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE citizen SET email = ?, email_verified_at = ? WHERE id = ?")) {
            update.setString(1, email);
            Jdbc.setInstant(update, 2, at);
            update.setObject(3, id);
            update.executeUpdate();
        }
    }

    /** The citizen proved they hold {@code phone}: codes go there from now on. */
    public void setPhone(Connection connection, UUID id, String phone) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE citizen SET phone = ? WHERE id = ?")) {
            update.setString(1, phone);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    /** The credential is revoked: it never signs again. */
    public void markRevoked(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE citizen SET credential_state = 'REVOKED' WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    /** Blocks new codes for the citizen until {@code until}. */
    public void block(Connection connection, UUID id, Instant until) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE citizen SET blocked_until = ? WHERE id = ?")) {
            Jdbc.setInstant(update, 1, until);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    private static Optional<Citizen> one(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(citizen(rs)) : Optional.empty();
        }
    }

    private static Citizen citizen(ResultSet rs) throws SQLException {
        return new Citizen(
                rs.getObject("id", UUID.class),
                rs.getString("portal_id"),
                rs.getString("national_id"),
                rs.getString("full_name"),
                rs.getString("phone"),
                rs.getString("email"),
                KeySpec.valueOf(rs.getString("key_algorithm")),
                rs.getString("key_alias"),
                rs.getString("certificate_pem"),
                Jdbc.getInstant(rs, "blocked_until"),
                Jdbc.getInstant(rs, "created_at"),
                OtpChannel.valueOf(rs.getString("otp_channel")),
                rs.getString("totp_seed") != null,
                rs.getString("wrapped_key") == null ? null : new CitizenKey(rs.getString("wrapping_key"),
                        rs.getString("wrapped_key"), rs.getString("key_chain_pem")),
                CredentialState.valueOf(rs.getString("credential_state")),
                rs.getObject("email_verified_at") != null);
    }
}
