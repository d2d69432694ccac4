package io.kyso.signer.request;

import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.signing.SignatureLevel;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Signing requests and their documents. State changes are conditional updates on the expected
 * status, so two racing callers cannot both move a request: exactly one update wins. Every move to a
 * final state goes through {@link #transition} or {@link #completeSigning}, which tell the
 * {@link FinalStateListener}s in the same transaction.
 */
@Singleton
public class SigningRequestRepository {
    private final OptionsJson json;
    private final List<FinalStateListener> finalStateListeners;
    private final Clock clock;

    public SigningRequestRepository(OptionsJson json, List<FinalStateListener> finalStateListeners, Clock clock) {
        this.json = json;
        this.clock = clock;
        this.finalStateListeners = List.copyOf(finalStateListeners);
    }

    public void insert(Connection c, SigningRequest r) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO signing_request (id, portal_id, citizen_id, title, reference, confirmation_token, status,
                                             binding_digest, callback_url, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, r.id());
            insert.setString(2, r.portalId());
            insert.setObject(3, r.citizenId());
            insert.setString(4, r.title());
            insert.setString(5, r.reference());
            insert.setString(6, r.confirmationToken());
            insert.setString(7, r.status().name());
            insert.setString(8, r.bindingDigest());
            insert.setString(9, r.callbackUrl());
            Jdbc.setInstant(insert, 10, r.createdAt());
            Jdbc.setInstant(insert, 11, r.expiresAt());
            insert.executeUpdate();
        }
        for (Document d : r.documents()) {
            insertDocument(c, d);
        }
    }

    private void insertDocument(Connection c, Document d) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO document (id, request_id, position, name, content_type, size_bytes, sha256, pages, status,
                                      options, signature_level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, d.id());
            insert.setObject(2, d.requestId());
            insert.setInt(3, d.position());
            insert.setString(4, d.name());
            insert.setString(5, d.contentType());
            insert.setLong(6, d.size());
            insert.setString(7, d.sha256());
            insert.setObject(8, d.pages());
            insert.setString(9, d.status().name());
            insert.setString(10, json.write(d.options()));
            insert.setString(11, d.level().label());
            insert.executeUpdate();
        }
    }

    /** How a read treats the request's row. */
    public enum Lock {
        /** A plain read. */
        NONE,
        /** Locks the row until the transaction ends: nobody else changes the request meanwhile. */
        FOR_UPDATE
    }

    /** The request if it belongs to the portal. */
    public Optional<SigningRequest> find(Connection c, String portalId, UUID id, Lock lock) throws SQLException {
        String sql = "SELECT * FROM signing_request WHERE id = ? AND portal_id = ?" + (lock == Lock.FOR_UPDATE ? " FOR UPDATE" : "");
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setObject(1, id);
            select.setString(2, portalId);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(read(rs).withDocuments(documents(c, id)));
            }
        }
    }

    public List<Document> documents(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT * FROM document WHERE request_id = ? ORDER BY position")) {
            select.setObject(1, requestId);
            List<Document> docs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    docs.add(readDocument(rs));
                }
            }
            return docs;
        }
    }

    /** Moves the request from {@code from} to {@code to}; false if it was not in {@code from}. */
    public boolean transition(Connection c, UUID id, RequestStatus from, RequestStatus to, Instant completedAt,
                              String lastError) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET status = ?, completed_at = ?, last_error = ?
                WHERE id = ? AND status = ?""")) {
            update.setString(1, to.name());
            Jdbc.setInstant(update, 2, completedAt);
            update.setString(3, lastError);
            update.setObject(4, id);
            update.setString(5, from.name());
            if (update.executeUpdate() != 1) {
                return false;
            }
        }
        if (to.isFinal()) {
            announceFinal(c, id, to, completedAt);
        }
        return true;
    }

    /** Sets the request's {@code lastError} if it is in {@code status}; false if it is not. */
    public boolean recordError(Connection c, UUID id, RequestStatus status, String lastError) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE signing_request SET last_error = ? WHERE id = ? AND status = ?")) {
            update.setString(1, lastError);
            update.setObject(2, id);
            update.setString(3, status.name());
            return update.executeUpdate() == 1;
        }
    }

    private void announceFinal(Connection c, UUID id, RequestStatus status, Instant at) throws SQLException {
        for (FinalStateListener listener : finalStateListeners) {
            listener.onFinalState(c, id, status, at);
        }
    }

    /** Claims the request for signing, once its confirmation was checked; exactly one caller wins. */
    public boolean claimForSigning(Connection c, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET status = 'SIGNING', signing_started_at = ?, last_error = NULL
                WHERE id = ? AND status = 'AWAITING_CONFIRMATION'""")) {
            Jdbc.setInstant(update, 1, clock.instant());
            update.setObject(2, id);
            return update.executeUpdate() == 1;
        }
    }

    /** Shows {@code code} as the request's {@code lastError}. */
    public void setLastError(Connection c, UUID id, String code) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE signing_request SET last_error = ? WHERE id = ?")) {
            update.setString(1, code);
            update.setObject(2, id);
            update.executeUpdate();
        }
    }

    /** Clears the request's {@code lastError} if it is {@code code}: what it reported is over. */
    public void clearLastError(Connection c, UUID id, String code) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE signing_request SET last_error = NULL WHERE id = ? AND last_error = ?")) {
            update.setObject(1, id);
            update.setString(2, code);
            update.executeUpdate();
        }
    }

    /** The request with {@code id}, whichever portal it belongs to (for the service's own housekeeping). */
    public Optional<SigningRequest> findById(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM signing_request WHERE id = ?")) {
            select.setObject(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs).withDocuments(documents(c, id))) : Optional.empty();
            }
        }
    }

    /**
     * The newest {@code limit} requests for a citizen, with their documents, whichever portal sent
     * them: what the citizen's own page shows of everything asked of their key.
     */
    public List<SigningRequest> findForCitizen(Connection c, UUID citizenId, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT * FROM signing_request WHERE citizen_id = ? ORDER BY created_at DESC")) {
            select.setObject(1, citizenId);
            select.setMaxRows(limit);
            List<SigningRequest> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            List<SigningRequest> withDocuments = new ArrayList<>();
            for (SigningRequest r : found) {
                withDocuments.add(r.withDocuments(documents(c, r.id())));
            }
            return withDocuments;
        }
    }

    /** Finds a request by its confirmation link's token, whichever portal it belongs to. */
    public Optional<SigningRequest> findByToken(Connection c, String token) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM signing_request WHERE confirmation_token = ?")) {
            select.setString(1, token);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SigningRequest r = read(rs);
                return Optional.of(r.withDocuments(documents(c, r.id())));
            }
        }
    }

    /**
     * Marks the request signed ({@code SIGNED}, or {@code PARTIALLY_SIGNED} when the citizen rejected
     * some documents): every signed document gets its output's digest as its version 1, and the
     * strength of its newest timestamp.
     */
    public void completeSigning(Connection c, UUID id, List<SignedOutput> outputs, Instant at, RequestStatus status)
            throws SQLException {
        for (SignedOutput out : outputs) {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE document SET status = 'SIGNED', signed_size = ?, signed_sha256 = ?, signed_at = ?,
                                        signed_version = 1, timestamp_expires_at = ?, timestamp_digest = ?
                    WHERE id = ? AND request_id = ?""")) {
                update.setLong(1, out.size());
                update.setString(2, out.sha256());
                Jdbc.setInstant(update, 3, at);
                Jdbc.setInstant(update, 4, out.newestTimestamp() == null ? null : out.newestTimestamp().expiresAt());
                update.setString(5, out.newestTimestamp() == null ? null : out.newestTimestamp().digest().name());
                update.setObject(6, out.documentId());
                update.setObject(7, id);
                update.executeUpdate();
            }
            SignedVersions.insert(c, out.documentId(), new SignedVersions.Version(1, out.size(), out.sha256(), out.format(),
                    at), Document.firstSignedKey(id, out.documentId()));
        }
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE signing_request SET status = ?, completed_at = ?, last_error = NULL
                WHERE id = ? AND status = 'SIGNING'""")) {
            update.setString(1, status.name());
            Jdbc.setInstant(update, 2, at);
            update.setObject(3, id);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("request " + id + " left SIGNING while it was being signed");
            }
        }
        announceFinal(c, id, status, at);
    }

    /** The citizen did not approve this document: it will not be signed. */
    public void rejectDocument(Connection c, UUID requestId, UUID documentId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE document SET status = 'REJECTED' WHERE request_id = ? AND id = ? AND status = 'PENDING'")) {
            update.setObject(1, requestId);
            update.setObject(2, documentId);
            update.executeUpdate();
        }
    }

    /**
     * Undoes a confirmation's choice of documents when its signing is abandoned and the request
     * awaits confirmation again: the citizen chooses anew with the next confirmation.
     */
    public void reopenDocuments(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE document SET status = 'PENDING' WHERE request_id = ? AND status = 'REJECTED'")) {
            update.setObject(1, requestId);
            update.executeUpdate();
        }
    }

    public void rejectDocuments(Connection c, UUID requestId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE document SET status = 'REJECTED' WHERE request_id = ? AND status = 'PENDING'")) {
            update.setObject(1, requestId);
            update.executeUpdate();
        }
    }

    /** Awaiting requests of any portal whose expiry has passed. */
    public List<SigningRequest> findExpired(Connection c, Instant now, int limit) throws SQLException {
        return findWhere(c, "status = 'AWAITING_CONFIRMATION' AND expires_at <= ?", now, limit);
    }

    /** Requests whose signing started before {@code before} and never finished: the signer died. */
    public List<SigningRequest> findStaleSigning(Connection c, Instant before, int limit) throws SQLException {
        return findWhere(c, "status = 'SIGNING' AND signing_started_at < ?", before, limit);
    }

    /** Ended requests (completed before {@code before}) whose previews are still in the store. */
    public List<UUID> findPreviewsToPurge(Connection c, Instant before, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM signing_request WHERE previews_purged = FALSE AND completed_at < ?")) {
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

    public void markPreviewsPurged(Connection c, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE signing_request SET previews_purged = TRUE WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private static List<SigningRequest> findWhere(Connection c, String condition, Instant at, int limit)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM signing_request WHERE " + condition)) {
            Jdbc.setInstant(select, 1, at);
            select.setMaxRows(limit);
            List<SigningRequest> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs).withDocuments(List.of()));
                }
            }
            return found;
        }
    }

    private static SigningRequest read(ResultSet rs) throws SQLException {
        return new SigningRequest(
                rs.getObject("id", UUID.class),
                rs.getString("portal_id"),
                rs.getObject("citizen_id", UUID.class),
                rs.getString("title"),
                rs.getString("reference"),
                rs.getString("confirmation_token"),
                RequestStatus.valueOf(rs.getString("status")),
                rs.getString("binding_digest"),
                rs.getString("callback_url"),
                Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "expires_at"),
                Jdbc.getInstant(rs, "completed_at"),
                rs.getString("last_error"),
                List.of());
    }

    private Document readDocument(ResultSet rs) throws SQLException {
        long signedSize = rs.getLong("signed_size");
        Long signed = rs.wasNull() ? null : signedSize;
        return new Document(
                rs.getObject("id", UUID.class),
                rs.getObject("request_id", UUID.class),
                rs.getInt("position"),
                rs.getString("name"),
                rs.getString("content_type"),
                rs.getLong("size_bytes"),
                rs.getString("sha256"),
                Jdbc.getInteger(rs, "pages"),
                json.read(rs.getString("options")),
                SignatureLevel.of(rs.getString("signature_level")),
                DocumentStatus.valueOf(rs.getString("status")),
                signed,
                rs.getString("signed_sha256"),
                Jdbc.getInstant(rs, "signed_at"),
                Jdbc.getInteger(rs, "signed_version"),
                rs.getString("signed_key"));
    }
}
