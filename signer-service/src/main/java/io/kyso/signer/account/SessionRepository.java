package io.kyso.signer.account;

import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Sessions of the citizen's own page: only the SHA-256 of their cookie is kept. */
@Singleton
public class SessionRepository {

    public void insert(Connection c, String tokenSha256, String phone, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO citizen_session (token_sha256, phone, created_at, expires_at) VALUES (?, ?, ?, ?)""")) {
            insert.setString(1, tokenSha256);
            insert.setString(2, phone);
            Jdbc.setInstant(insert, 3, now);
            Jdbc.setInstant(insert, 4, expiresAt);
            insert.executeUpdate();
        }
    }

    public Optional<CitizenSession> find(Connection c, String tokenSha256) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM citizen_session WHERE token_sha256 = ?")) {
            select.setString(1, tokenSha256);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CitizenSession(rs.getString("token_sha256"), rs.getString("phone"),
                        Jdbc.getInstant(rs, "expires_at"), Jdbc.getInstant(rs, "verified_at")));
            }
        }
    }

    /** The login's code was right: the session is open until {@code expiresAt}. */
    public void verified(Connection c, String tokenSha256, Instant at, Instant expiresAt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE citizen_session SET verified_at = ?, expires_at = ? WHERE token_sha256 = ?")) {
            Jdbc.setInstant(update, 1, at);
            Jdbc.setInstant(update, 2, expiresAt);
            update.setString(3, tokenSha256);
            update.executeUpdate();
        }
    }

    /** The citizen proved a new phone: the session follows it. */
    public void setPhone(Connection c, String tokenSha256, String phone) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE citizen_session SET phone = ? WHERE token_sha256 = ?")) {
            update.setString(1, phone);
            update.setString(2, tokenSha256);
            update.executeUpdate();
        }
    }

    public void delete(Connection c, String tokenSha256) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM citizen_session WHERE token_sha256 = ?")) {
            delete.setString(1, tokenSha256);
            delete.executeUpdate();
        }
    }

    /** How many login sessions were opened for {@code phone} since {@code since} (codes sent or not). */
    public int countSince(Connection c, String phone, Instant since) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM citizen_session WHERE phone = ? AND created_at > ?")) {
            count.setString(1, phone);
            Jdbc.setInstant(count, 2, since);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
