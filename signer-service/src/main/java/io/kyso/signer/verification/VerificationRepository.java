package io.kyso.signer.verification;

import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The {@code verification} table: one row per verification, always read with its portal. */
@Singleton
public class VerificationRepository {

    /** A verification's row; its report lives in the document store. */
    public record Row(UUID id, String portalId, Instant createdAt, String verdict, int files, int signatures) {
    }

    void insert(Connection connection, Row row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO verification (id, portal_id, created_at, verdict, file_count, signature_count)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, row.id());
            insert.setString(2, row.portalId());
            Jdbc.setInstant(insert, 3, row.createdAt());
            insert.setString(4, row.verdict());
            insert.setInt(5, row.files());
            insert.setInt(6, row.signatures());
            insert.executeUpdate();
        }
    }

    /** The portal's verification {@code id}; another portal's is as absent as an unknown one. */
    Optional<Row> find(Connection connection, String portalId, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM verification WHERE id = ? AND portal_id = ?")) {
            select.setObject(1, id);
            select.setString(2, portalId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getObject("id", UUID.class), rs.getString("portal_id"),
                        Jdbc.getInstant(rs, "created_at"), rs.getString("verdict"), rs.getInt("file_count"),
                        rs.getInt("signature_count")));
            }
        }
    }
}
