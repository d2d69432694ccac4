package io.kyso.signer.idempotency;

import io.kyso.signer.idempotency.RequestFingerprint.Fingerprint;
import io.kyso.signer.idempotency.RequestFingerprint.FingerprintKind;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.DatabaseException;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.persistence.ServiceInstances;
import io.micronaut.scheduling.annotation.Scheduled;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The idempotency keys of the database, shared by every instance of the service. Claiming a key is
 * an INSERT on its primary key (portal, key): of several concurrent attempts exactly one inserts
 * and runs the call, the others see its row. The claim commits on its own, before the call runs,
 * so other instances see the key in progress, and names the instance that runs it. The call writes
 * its answer in the transaction of its effect ({@link IdempotentAnswers}), so a key still without an
 * answer did nothing yet: once its instance is gone (no heartbeat, see {@link ServiceInstances}) or
 * its lease ran out, another attempt takes it over and runs the call. A running instance renews the
 * lease of its calls, however long they take.
 *
 * <p>A row keeps a keyed fingerprint of its request ({@link RequestFingerprint}), never the body: a
 * confirmation's body carries the citizen's code. Rows written before fingerprints were keyed say so
 * ({@code request_hash_kind = 'SHA256'}) and are compared with the plain SHA-256 until they expire.
 */
@Singleton
public class IdempotencyKeys {
    private static final int CLAIM_ROUNDS = 3;

    private final Database database;
    private final ServiceInstances instances;
    private final IdempotencyConfiguration config;
    private final Clock clock;

    public IdempotencyKeys(Database database, ServiceInstances instances, IdempotencyConfiguration config, Clock clock) {
        this.database = database;
        this.instances = instances;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Claims {@code key} for a request with {@code fingerprint}. Empty: the caller runs the call and
     * then {@link #complete}s (with the fingerprint's keyed hash) or {@link #release}s the key.
     * Present: the answer to replay. Throws 422 {@code idempotency.key_reused} if the key was used
     * for another request, 409 {@code idempotency.in_progress} if the first request with it is still
     * running.
     */
    public Optional<StoredResponse> begin(String portalId, String key, Fingerprint fingerprint) {
        String hash = fingerprint.keyed();
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            if (tryInsert(portalId, key, hash)) {
                return Optional.empty();
            }
            Outcome outcome = database.inTransaction(c -> examine(c, portalId, key, fingerprint));
            if (outcome.replay() != null) {
                return Optional.of(outcome.replay());
            }
            if (outcome.claimed()) {
                return Optional.empty();
            }
            // the row went away (expired and purged) between the INSERT and the SELECT: insert again
        }
        throw inProgress();
    }

    /** Stores the answer of a claimed key, for replay. */
    public void complete(String portalId, String key, String hash, StoredResponse response) {
        database.inTransaction(c -> complete(c, portalId, key, hash, response));
    }

    /** Stores the answer of a claimed key in the caller's transaction; false if the key is not there. */
    boolean complete(Connection c, String portalId, String key, String hash, StoredResponse response)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE idempotency_key SET response_status = ?, response_type = ?, response_location = ?,
                       response_body = ?, locked_until = NULL, owner_instance = NULL
                WHERE portal_id = ? AND idem_key = ? AND request_hash = ?""")) {
            update.setInt(1, response.status());
            update.setString(2, response.contentType());
            update.setString(3, response.location());
            update.setString(4, response.body());
            update.setString(5, portalId);
            update.setString(6, key);
            update.setString(7, hash);
            return update.executeUpdate() == 1;
        }
    }

    /** Extends the lease of every call this instance is still running; they may take minutes (a 100 MB PDF). */
    @Scheduled(fixedDelay = "10s", initialDelay = "10s")
    void renewLeases() {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE idempotency_key SET locked_until = ?
                    WHERE owner_instance = ? AND response_status IS NULL""")) {
                Jdbc.setInstant(update, 1, clock.instant().plus(config.lease()));
                update.setObject(2, instances.self());
                return update.executeUpdate();
            }
        });
    }

    /** Forgets a claimed key whose call ended without an answer worth replaying (5xx): a retry runs it again. */
    public void release(String portalId, String key) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM idempotency_key WHERE portal_id = ? AND idem_key = ? AND response_status IS NULL")) {
                delete.setString(1, portalId);
                delete.setString(2, key);
                return delete.executeUpdate();
            }
        });
    }

    /** Deletes keys past their retention. Returns how many. */
    public int purgeExpired() {
        return database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_key WHERE expires_at <= ?")) {
                Jdbc.setInstant(delete, 1, clock.instant());
                return delete.executeUpdate();
            }
        });
    }

    private boolean tryInsert(String portalId, String key, String hash) {
        Instant now = clock.instant();
        try {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO idempotency_key (portal_id, idem_key, request_hash, request_hash_kind, created_at,
                                                     expires_at, locked_until, owner_instance)
                        VALUES (?, ?, ?, 'HMAC', ?, ?, ?, ?)""")) {
                    insert.setString(1, portalId);
                    insert.setString(2, key);
                    insert.setString(3, hash);
                    Jdbc.setInstant(insert, 4, now);
                    Jdbc.setInstant(insert, 5, now.plus(config.retention()));
                    Jdbc.setInstant(insert, 6, now.plus(config.lease()));
                    insert.setObject(7, instances.self());
                    return insert.executeUpdate();
                }
            });
            return true;
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** What the existing row means for this attempt; decided under the row's lock. */
    private record Outcome(StoredResponse replay, boolean claimed) {
        static final Outcome GONE = new Outcome(null, false);
        static final Outcome CLAIMED = new Outcome(null, true);
    }

    private Outcome examine(Connection c, String portalId, String key, Fingerprint fingerprint) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT * FROM idempotency_key WHERE portal_id = ? AND idem_key = ? FOR UPDATE")) {
            select.setString(1, portalId);
            select.setString(2, key);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.GONE;
                }
                Instant now = clock.instant();
                if (!Jdbc.getInstant(rs, "expires_at").isAfter(now)) {
                    return reclaim(c, portalId, key, fingerprint.keyed(), now);
                }
                FingerprintKind kind = FingerprintKind.valueOf(rs.getString("request_hash_kind").strip());
                if (!fingerprint.matches(rs.getString("request_hash"), kind)) {
                    throw new KysoException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a "
                            + "different request in the last " + config.retention().toHours() + " hours; use a new key.");
                }
                Integer status = Jdbc.getInteger(rs, "response_status");
                if (status != null) {
                    return new Outcome(new StoredResponse(status, rs.getString("response_type"),
                            rs.getString("response_location"), rs.getString("response_body")), false);
                }
                Instant lockedUntil = Jdbc.getInstant(rs, "locked_until");
                UUID owner = rs.getObject("owner_instance", UUID.class);
                if (lockedUntil != null && lockedUntil.isAfter(now) && (owner == null || instances.isAlive(owner))) {
                    throw inProgress();
                }
                // its instance died (or let the lease run out) before the call's effect committed: run it here
                return reclaim(c, portalId, key, fingerprint.keyed(), now);
            }
        }
    }

    /** Takes over a key whose holder died or whose retention ended: it starts afresh for this request. */
    private Outcome reclaim(Connection c, String portalId, String key, String hash, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE idempotency_key SET request_hash = ?, request_hash_kind = 'HMAC', created_at = ?, expires_at = ?,
                       locked_until = ?,
                       owner_instance = ?, response_status = NULL, response_type = NULL, response_location = NULL,
                       response_body = NULL
                WHERE portal_id = ? AND idem_key = ?""")) {
            update.setString(1, hash);
            Jdbc.setInstant(update, 2, now);
            Jdbc.setInstant(update, 3, now.plus(config.retention()));
            Jdbc.setInstant(update, 4, now.plus(config.lease()));
            update.setObject(5, instances.self());
            update.setString(6, portalId);
            update.setString(7, key);
            update.executeUpdate();
        }
        return Outcome.CLAIMED;
    }

    private static KysoException inProgress() {
        return new KysoException(Problem.of(ErrorCode.IDEMPOTENCY_IN_PROGRESS,
                "A request with this Idempotency-Key is still being processed; retry in a moment.").withRetryAfter(1));
    }
}
