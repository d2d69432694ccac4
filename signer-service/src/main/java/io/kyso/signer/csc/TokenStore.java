package io.kyso.signer.csc;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Access tokens of the CSC API, stored as keyed hashes ({@link SecretHashes}); the token is returned once. */
@Singleton
public class TokenStore {
    private final Database database;
    private final SecretHashes secrets;

    public TokenStore(Database database, SecretHashes secrets) {
        this.database = database;
        this.secrets = secrets;
    }

    /** A new token, stored in the caller's transaction; the caller hands it to the client once. */
    public String issue(Connection c, AccessGrant.Kind kind, String portalId, UUID authorizationId, Instant now,
                        Duration lifetime) throws SQLException {
        String token = secrets.newSecret();
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO csc_token (token_hash, kind, portal_id, authorization_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, secrets.hash(token));
            insert.setString(2, kind.name());
            insert.setString(3, portalId);
            insert.setObject(4, authorizationId);
            Jdbc.setInstant(insert, 5, now);
            Jdbc.setInstant(insert, 6, now.plus(lifetime));
            insert.executeUpdate();
        }
        return token;
    }

    /** What {@code token} grants, expired or revoked as it may be; empty for a token Kyso never issued. */
    public Optional<AccessGrant> find(String token) {
        String hash = secrets.hash(token);
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT * FROM csc_token WHERE token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new AccessGrant(AccessGrant.Kind.valueOf(rs.getString("kind")),
                            rs.getString("portal_id"), rs.getObject("authorization_id", UUID.class),
                            Jdbc.getInstant(rs, "issued_at"), Jdbc.getInstant(rs, "expires_at"),
                            Jdbc.getInstant(rs, "revoked_at")));
                }
            }
        });
    }

    /** Revokes {@code token} if {@code portalId} holds it; false if it does not. */
    public boolean revoke(Connection c, String token, String portalId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE csc_token SET revoked_at = ? WHERE token_hash = ? AND portal_id = ? AND revoked_at IS NULL""")) {
            Jdbc.setInstant(update, 1, now);
            update.setString(2, secrets.hash(token));
            update.setString(3, portalId);
            return update.executeUpdate() == 1;
        }
    }

    /** Revokes every token issued for a credential authorization (its code was replayed). */
    public int revokeForAuthorization(Connection c, UUID authorizationId, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE csc_token SET revoked_at = ? WHERE authorization_id = ? AND revoked_at IS NULL")) {
            Jdbc.setInstant(update, 1, now);
            update.setObject(2, authorizationId);
            return update.executeUpdate();
        }
    }
}
