package io.kyso.signer.request;

import io.kyso.signer.persistence.Jdbc;
import io.micronaut.serde.annotation.Serdeable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The versions of a signed document: version 1 as signed, one more per archive renewal. A version
 * is never changed or removed once recorded, and neither is its file.
 */
public final class SignedVersions {
    private SignedVersions() {
    }

    /** One version as the API shows it: its number, its file's size and digest, its format, when it was made. */
    @Serdeable
    public record Version(int version, long size, String sha256, String format, Instant createdAt) {
    }

    /** A version and where its file is kept. */
    public record Stored(Version version, String key) {
    }

    public static void insert(Connection c, UUID documentId, Version version, String key) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO signed_version (document_id, version, size_bytes, sha256, format, created_at, storage_key)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, documentId);
            insert.setInt(2, version.version());
            insert.setLong(3, version.size());
            insert.setString(4, version.sha256());
            insert.setString(5, version.format());
            Jdbc.setInstant(insert, 6, version.createdAt());
            insert.setString(7, key);
            insert.executeUpdate();
        }
    }

    /** Every version of the document, oldest first. */
    public static List<Stored> of(Connection c, UUID documentId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT version, size_bytes, sha256, format, created_at, storage_key FROM signed_version
                WHERE document_id = ? ORDER BY version""")) {
            select.setObject(1, documentId);
            List<Stored> versions = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    versions.add(new Stored(new Version(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Jdbc.getInstant(rs, "created_at")), rs.getString(6)));
                }
            }
            return versions;
        }
    }
}
