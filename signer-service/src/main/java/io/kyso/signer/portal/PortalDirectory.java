package io.kyso.signer.portal;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/** Finds portals by API key and records the portals configuration declares. */
@Singleton
public class PortalDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(PortalDirectory.class);

    private final Database database;
    private final Clock clock;

    public PortalDirectory(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Optional<Portal> findByApiKey(String apiKey) {
        String hash = ApiKeys.sha256Hex(apiKey);
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, name FROM portal WHERE api_key_sha256 = ?")) {
                select.setString(1, hash);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Portal(rs.getString("id"), rs.getString("name"))) : Optional.empty();
                }
            }
        });
    }

    public Optional<Portal> findById(String id) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT id, name FROM portal WHERE id = ?")) {
                select.setString(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Portal(rs.getString("id"), rs.getString("name"))) : Optional.empty();
                }
            }
        });
    }

    /** Inserts or updates a portal; its id never changes, its name and key may. */
    public void register(String id, String name, String apiKeySha256) {
        database.inTransaction(connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE portal SET name = ?, api_key_sha256 = ? WHERE id = ?")) {
                update.setString(1, name);
                update.setString(2, apiKeySha256);
                update.setString(3, id);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO portal (id, name, api_key_sha256, created_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, id);
                    insert.setString(2, name);
                    insert.setString(3, apiKeySha256);
                    Jdbc.setInstant(insert, 4, clock.instant());
                    insert.executeUpdate();
                }
            }
            return null;
        });
        LOG.info("Portal '{}' registered", id);
    }
}
