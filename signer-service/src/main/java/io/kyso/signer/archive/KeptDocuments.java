package io.kyso.signer.archive;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import io.kyso.signer.signing.TimestampStrength;
import io.kyso.signer.storage.StagedBlob;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The signed B-LTA documents Kyso keeps, as renewal sees them: which are due, and their renewal
 * leases. A lease is taken and given back by conditional UPDATEs carrying a token of the claim, so
 * of several instances exactly one renews a document, and one whose lease ran out (it was too slow,
 * or another took over after its crash) cannot record a version.
 */
@Singleton
class KeptDocuments {
    private final Database database;
    private final SigningRequestRepository requests;

    KeptDocuments(Database database, SigningRequestRepository requests) {
        this.database = database;
        this.requests = requests;
    }

    /** A document this instance holds the renewal lease of, with its newest timestamp's strength. */
    record Claimed(Document document, String portalId, String token, TimestampStrength strength) {
    }

    /**
     * Documents whose newest timestamp's certificate expires before {@code horizon}, or whose hash is
     * among {@code weakening}, not leased, and not waiting after a failure; the soonest to expire first.
     */
    List<UUID> due(Instant now, Instant horizon, Collection<DigestAlgorithm> weakening, int limit) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM document WHERE " + DUE
                    + weakening(weakening) + ")" + FREE + " ORDER BY timestamp_expires_at")) {
                int i = setDue(select, 1, horizon, weakening);
                Jdbc.setInstant(select, i++, now);
                Jdbc.setInstant(select, i, now);
                select.setMaxRows(limit);
                List<UUID> ids = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                }
                return ids;
            }
        });
    }

    /** Signed at B-LTA, its newest timestamp's certificate expiring before the horizon or its hash weakening. */
    private static final String DUE = "status = 'SIGNED' AND signature_level = 'B-LTA' AND (timestamp_expires_at <= ?";
    /** Not leased, and not waiting after a failure. */
    private static final String FREE = " AND (renewal_not_before IS NULL OR renewal_not_before <= ?)"
            + " AND (renewal_lease_until IS NULL OR renewal_lease_until < ?)";

    private static String weakening(Collection<DigestAlgorithm> weakening) {
        return weakening.isEmpty() ? ""
                : " OR timestamp_digest IN (" + String.join(",", weakening.stream().map(a -> "?").toList()) + ")";
    }

    private static int setDue(PreparedStatement statement, int first, Instant horizon, Collection<DigestAlgorithm> weakening)
            throws SQLException {
        int i = first;
        Jdbc.setInstant(statement, i++, horizon);
        for (DigestAlgorithm algorithm : weakening) {
            statement.setString(i++, algorithm.name());
        }
        return i;
    }

    /**
     * Takes the renewal lease of document {@code id} until {@code until}, if it is still due (another
     * instance may have renewed it since it was found) and no other instance holds it.
     */
    Optional<Claimed> claim(UUID id, Instant now, Instant until, Instant horizon, Collection<DigestAlgorithm> weakening) {
        String token = UUID.randomUUID().toString();
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE document SET renewal_lease_until = ?,"
                    + " renewal_lease_token = ? WHERE id = ? AND " + DUE + weakening(weakening) + ")" + FREE)) {
                Jdbc.setInstant(update, 1, until);
                update.setString(2, token);
                update.setObject(3, id);
                int i = setDue(update, 4, horizon, weakening);
                Jdbc.setInstant(update, i++, now);
                Jdbc.setInstant(update, i, now);
                if (update.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(read(c, id, token));
        });
    }

    private Claimed read(Connection c, UUID id, String token) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT request_id, timestamp_expires_at, timestamp_digest FROM document WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                SigningRequest request = requests.findById(c, rs.getObject(1, UUID.class)).orElseThrow();
                Document document = request.documents().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
                Instant expires = Jdbc.getInstant(rs, "timestamp_expires_at");
                String digest = rs.getString("timestamp_digest");
                TimestampStrength strength = expires == null || digest == null ? null
                        : new TimestampStrength(expires, DigestAlgorithm.valueOf(digest));
                return new Claimed(document, request.portalId(), token, strength);
            }
        }
    }

    /**
     * Records the renewed version as the document's newest, in the caller's transaction, if the
     * claim still holds; false if it does not (nothing changed).
     */
    boolean recordRenewal(Connection c, Claimed claimed, int version, String key, StagedBlob blob,
                          TimestampStrength strength) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE document SET signed_version = ?, signed_key = ?, signed_size = ?, signed_sha256 = ?,
                       timestamp_expires_at = ?, timestamp_digest = ?, renewal_lease_until = NULL,
                       renewal_lease_token = NULL, renewal_not_before = NULL
                WHERE id = ? AND renewal_lease_token = ? AND signed_version = ?""")) {
            update.setInt(1, version);
            update.setString(2, key);
            update.setLong(3, blob.size());
            update.setString(4, blob.sha256());
            Jdbc.setInstant(update, 5, strength.expiresAt());
            update.setString(6, strength.digest().name());
            update.setObject(7, claimed.document().id());
            update.setString(8, claimed.token());
            update.setInt(9, version - 1);
            return update.executeUpdate() == 1;
        }
    }

    /** Gives the lease back after a failure: the document is not tried again before {@code notBefore}. */
    void release(Claimed claimed, Instant notBefore) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE document SET renewal_lease_until = NULL, renewal_lease_token = NULL, renewal_not_before = ?
                    WHERE id = ? AND renewal_lease_token = ?""")) {
                Jdbc.setInstant(update, 1, notBefore);
                update.setObject(2, claimed.document().id());
                update.setString(3, claimed.token());
                return update.executeUpdate();
            }
        });
    }

    /** How many documents are due now, leased or not (for the metrics). */
    int countDue(Instant horizon, Collection<DigestAlgorithm> weakening) {
        return database.read(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM document WHERE " + DUE
                    + weakening(weakening) + ")")) {
                setDue(select, 1, horizon, weakening);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
