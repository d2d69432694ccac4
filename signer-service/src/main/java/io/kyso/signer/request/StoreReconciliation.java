package io.kyso.signer.request;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.persistence.ServiceInstances;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.OrphanSweep;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Keeps the store and the database telling the same story for the requests' documents. Originals
 * and signed outputs are committed to the store before the transaction that refers to them; if
 * that transaction never commits (a crash, a failure whose clean-up was cut short), the file is an
 * orphan: never served, since downloads follow the database. At start-up and every hour, each orphan
 * is moved to {@code quarantine/} and reported — a log line, the {@code kyso.store.quarantined}
 * metric and a {@code STORE_FILE_QUARANTINED} audit entry — and each signed document whose file is
 * missing is reported the same way ({@code STORE_FILE_MISSING}).
 *
 * <p>Which files may be judged: those committed before this instance started, when no other
 * instance is alive (nobody else can be about to refer to them); otherwise only those older than
 * {@link #IN_FLIGHT}, far longer than any call takes between the file and its transaction.
 */
@Singleton
public class StoreReconciliation {
    static final Duration IN_FLIGHT = Duration.ofMinutes(10);
    private static final Duration FULL_PASS_EVERY = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(StoreReconciliation.class);

    private final DocumentStore store;
    private final Database database;
    private final ServiceInstances instances;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private volatile boolean startupPassDone;
    private volatile Instant lastPass = Instant.MIN;

    public StoreReconciliation(DocumentStore store, Database database, ServiceInstances instances, AuditLog audit,
                               KysoMetrics metrics, Clock clock) {
        this.store = store;
        this.database = database;
        this.instances = instances;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /**
     * Every 15 seconds until the start-up pass could judge everything written before this instance
     * started (an instance killed just before may look alive for a few seconds), then hourly.
     */
    @Scheduled(initialDelay = "0s", fixedDelay = "15s")
    void scheduled() {
        if (startupPassDone && clock.instant().isBefore(lastPass.plus(FULL_PASS_EVERY))) {
            return;
        }
        try {
            reconcile();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Store reconciliation failed ({}); it runs again shortly", e.toString());
        }
    }

    /** One pass; returns the files quarantined. */
    public List<OrphanSweep.Quarantined> reconcile() throws IOException {
        Instant now = clock.instant();
        boolean alone = !instances.othersAlive();
        Instant inFlightEdge = now.minus(IN_FLIGHT);
        Instant before = alone && startedAt.isAfter(inFlightEdge) ? startedAt : inFlightEdge;
        List<OrphanSweep.Quarantined> moved = new ArrayList<>();
        moved.addAll(OrphanSweep.sweep(store, "originals", keys -> referenced(keys, false), before));
        moved.addAll(OrphanSweep.sweep(store, "signed", keys -> referenced(keys, true), before));
        moved.forEach(this::reportQuarantined);
        if (alone) {
            removeAbandonedTemporaryFiles();
        }
        reportMissingSignedFiles();
        lastPass = now;
        startupPassDone = startupPassDone || alone || !before.isBefore(startedAt);
        return moved;
    }

    /**
     * Temporary files (staged uploads, signing outputs) that calls of a process that died left in the
     * store's work folder: nothing refers to them, and no live call will (they predate this instance,
     * and no other instance is alive).
     */
    private void removeAbandonedTemporaryFiles() {
        try (Stream<Path> files = Files.list(store.workFolder())) {
            long removed = files.filter(Files::isRegularFile).filter(this::predatesThisInstance)
                    .filter(file -> file.toFile().delete()).count();
            if (removed > 0) {
                LOG.info("Removed {} temporary file(s) left by calls of a process that stopped", removed);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("The store's temporary files could not be listed ({})", e.toString());
        }
    }

    private boolean predatesThisInstance(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(startedAt);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The keys among {@code keys} whose document exists (and, for signed outputs, is signed, with the
     * key one of its recorded versions').
     */
    private Set<String> referenced(Collection<String> keys, boolean signed) {
        Set<UUID> documents = new HashSet<>();
        for (String key : keys) {
            UUID id = documentId(key);
            if (id != null) {
                documents.add(id);
            }
        }
        Set<String> found = new HashSet<>();
        if (documents.isEmpty()) {
            return found;
        }
        String marks = String.join(",", java.util.Collections.nCopies(documents.size(), "?"));
        database.read(c -> {
            String sql = signed
                    ? "SELECT v.storage_key FROM signed_version v JOIN document d ON d.id = v.document_id"
                    + " WHERE d.status = 'SIGNED' AND d.id IN (" + marks + ")"
                    : "SELECT 'originals/' || CAST(request_id AS VARCHAR(36)) || '/' || CAST(id AS VARCHAR(36))"
                    + " FROM document WHERE id IN (" + marks + ")";
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 1;
                for (UUID id : documents) {
                    select.setObject(i++, id);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            }
            return null;
        });
        return found;
    }

    /** The document a key belongs to: {@code <folder>/<request>/<document>}, or a later version's {@code <document>.v<n>.<random>}. */
    private static UUID documentId(String key) {
        String[] parts = key.split("/");
        if (parts.length != 3 || parts[2].length() < 36) {
            return null;
        }
        try {
            return UUID.fromString(parts[2].substring(0, 36));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void reportQuarantined(OrphanSweep.Quarantined q) {
        String folder = q.key().substring(0, q.key().indexOf('/'));
        LOG.warn("Store file {} belongs to no committed request; moved to {} (never served)", q.key(), q.movedTo());
        metrics.fileQuarantined(folder);
        audit.append(AuditRecord.of(AuditEventType.STORE_FILE_QUARANTINED, Actor.SYSTEM)
                .failure("store.orphan").detail(q.key() + " -> " + q.movedTo()).build());
    }

    /**
     * Signed documents whose output is not in the store: nothing can bring it back, but it must be
     * said. The first pass checks every signed document, later ones those signed since the last.
     */
    private void reportMissingSignedFiles() {
        Instant since = lastPass == Instant.MIN ? Instant.EPOCH : lastPass.minus(Duration.ofMinutes(1));
        List<String[]> signed = database.read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, request_id, signed_key FROM document WHERE status = 'SIGNED' AND signed_at >= ?")) {
                Jdbc.setInstant(select, 1, since);
                List<String[]> found = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(2), rs.getString(1), rs.getString(3)});
                    }
                }
                return found;
            }
        });
        for (String[] doc : signed) {
            String key = doc[2] != null ? doc[2] : Document.firstSignedKey(UUID.fromString(doc[0]), UUID.fromString(doc[1]));
            if (!store.exists(key)) {
                LOG.error("Signed document {} of request {} has no file in the store ({})", doc[1], doc[0], key);
                metrics.fileMissing("signed");
                audit.append(AuditRecord.of(AuditEventType.STORE_FILE_MISSING, Actor.SYSTEM)
                        .request(UUID.fromString(doc[0])).document(UUID.fromString(doc[1]), null)
                        .failure("store.missing").detail(key).build());
            }
        }
    }
}
