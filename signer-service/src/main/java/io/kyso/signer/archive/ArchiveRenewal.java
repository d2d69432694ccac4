package io.kyso.signer.archive;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.FailureCauses;
import io.kyso.signer.request.SignedVersions;
import io.kyso.signer.signing.ArchiveRenewer;
import io.kyso.signer.signing.ArchiveRenewer.KeptSignature;
import io.kyso.signer.signing.TimestampStrength;
import io.kyso.signer.storage.DocumentStore;
import io.kyso.signer.storage.StagedBlob;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the B-LTA documents Kyso keeps provable: every {@code kyso.archive.poll-interval}, each
 * signed document whose newest timestamp's authority certificate expires within
 * {@code renewal-horizon} (or whose hash's sunset is that near) gets a new archive timestamp, as a
 * new signed version under a key of its own; the versions before stay as they are, so what portals
 * downloaded stays valid. Any number of instances may run it (documents are leased); a renewal cut
 * short by a crash leaves the document as it was, and it is renewed again once the lease expires.
 * Renewals are audited ({@code ARCHIVE_RENEWED}, {@code ARCHIVE_RENEWAL_FAILED}) and counted
 * ({@code kyso.archive.renewals}, {@code kyso.archive.due}).
 */
@Singleton
@Requires(property = "kyso.archive.enabled", notEquals = "false")
public class ArchiveRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRenewal.class);

    private final KeptDocuments documents;
    private final List<ArchiveRenewer> renewers;
    private final DocumentStore store;
    private final Database database;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final ArchiveConfiguration config;
    private final Clock clock;

    public ArchiveRenewal(KeptDocuments documents, List<ArchiveRenewer> renewers, DocumentStore store, Database database,
                          AuditLog audit, KysoMetrics metrics, ArchiveConfiguration config, Clock clock) {
        this.documents = documents;
        this.renewers = renewers;
        this.store = store;
        this.database = database;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** What one round did. */
    public record Round(int due, int renewed, int failed) {
    }

    @Scheduled(fixedDelay = "${kyso.archive.poll-interval:1h}", initialDelay = "${kyso.archive.initial-delay:1m}")
    void scheduled() {
        try {
            renewDue();
        } catch (RuntimeException e) {
            LOG.warn("Archive renewal round failed; it runs again in {}", config.pollInterval(), e);
        }
    }

    /** One round: renews every due document this instance can lease, up to the batch size. */
    public Round renewDue() {
        Instant now = clock.instant();
        Instant horizon = now.plus(config.renewalHorizon());
        List<DigestAlgorithm> weakening = config.sunsets().entrySet().stream()
                .filter(e -> !e.getValue().isAfter(horizon)).map(Map.Entry::getKey).toList();
        metrics.archiveDue(documents.countDue(horizon, weakening));
        int renewed = 0;
        int failed = 0;
        List<UUID> due = documents.due(now, horizon, weakening, config.batchSize());
        for (UUID id : due) {
            var claimed = documents.claim(id, now, now.plus(config.lease()), horizon, weakening);
            if (claimed.isEmpty()) {
                continue; // another instance has it
            }
            if (renew(claimed.get(), weakening)) {
                renewed++;
            } else {
                failed++;
            }
        }
        return new Round(due.size(), renewed, failed);
    }

    private boolean renew(KeptDocuments.Claimed claimed, List<DigestAlgorithm> weakening) {
        Document doc = claimed.document();
        Path output = null;
        try {
            output = store.newTempFile();
            TimestampStrength strength = TimestampStrength.of(renewerOf(doc).renew(new KeptSignature(
                    store.file(doc.signedKey()), store.file(doc.originalKey()), doc.name(), doc.options(),
                    config.timestampDigest(), store.workFolder()), output));
            requireGain(claimed.strength(), strength, weakening);
            record(claimed, store.stageFile(output), strength);
            metrics.archiveRenewal("renewed");
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            deleteQuietly(output);
            failed(claimed, e);
            return false;
        }
    }

    /** The new version under a key of its own, then, if the lease still holds, recorded with its audit entry. */
    private void record(KeptDocuments.Claimed claimed, StagedBlob blob, TimestampStrength strength) throws IOException {
        Document doc = claimed.document();
        int version = (doc.signedVersion() == null ? 1 : doc.signedVersion()) + 1;
        String key = doc.newVersionKey(version);
        store.commit(blob, key);
        String format = doc.level().formatName("application/pdf".equals(doc.contentType()) ? "PAdES" : "XAdES");
        Instant now = clock.instant();
        boolean recorded;
        try {
            recorded = database.inTransaction(c -> {
                if (!documents.recordRenewal(c, claimed, version, key, blob, strength)) {
                    return false;
                }
                SignedVersions.insert(c, doc.id(), new SignedVersions.Version(version, blob.size(), blob.sha256(), format,
                        now), key);
                audit.append(c, AuditRecord.of(AuditEventType.ARCHIVE_RENEWED, Actor.SYSTEM).portal(claimed.portalId())
                        .request(doc.requestId()).document(doc.id(), blob.sha256())
                        .detail("version " + version + ", " + format + ", timestamp until " + strength.expiresAt()
                                + " over " + strength.digest()).build());
                return true;
            });
        } catch (RuntimeException e) {
            store.delete(key); // the key is this attempt's own: nobody else refers to it
            throw e;
        }
        if (!recorded) {
            store.delete(key);
            throw new LeaseLostException(doc.id());
        }
        LOG.info("Document {} renewed: version {}, timestamp until {}", doc.id(), version, strength.expiresAt());
    }

    private void failed(KeptDocuments.Claimed claimed, Exception e) {
        Document doc = claimed.document();
        Optional<KysoException> problem = FailureCauses.problemIn(e);
        String code = problem.map(p -> p.problem().code()).orElse(
                e instanceof RenewalWithoutGainException ? RenewalWithoutGainException.CODE : "archive.renewal_failed");
        boolean explained = problem.isPresent() || e instanceof RenewalWithoutGainException
                || e instanceof LeaseLostException;
        LOG.warn("Document {} could not be renewed ({}); it is tried again after {}", doc.id(),
                problem.map(Throwable::getMessage).orElse(e.getMessage()), config.retryDelay(), explained ? null : e);
        metrics.archiveRenewal("failed");
        if (e instanceof LeaseLostException) {
            return; // another instance renews it: nothing to give back, nothing failed
        }
        documents.release(claimed, clock.instant().plus(config.retryDelay()));
        audit.append(AuditRecord.of(AuditEventType.ARCHIVE_RENEWAL_FAILED, Actor.SYSTEM).portal(claimed.portalId())
                .request(doc.requestId()).document(doc.id(), doc.signedSha256())
                .failure(code + "; version " + doc.signedVersion() + " kept").build());
    }

    /**
     * A renewal must leave the document stronger than it was: a timestamp whose certificate lasts
     * longer, or one over a hash that is not weakening where the old one's was. Otherwise (the
     * authority's certificate expires no later than the one before) it would renew again at once.
     */
    private static void requireGain(TimestampStrength before, TimestampStrength after, List<DigestAlgorithm> weakening) {
        if (before == null || after.expiresAt().isAfter(before.expiresAt())
                || (weakening.contains(before.digest()) && !weakening.contains(after.digest()))) {
            return;
        }
        throw new RenewalWithoutGainException(before, after);
    }

    private ArchiveRenewer renewerOf(Document doc) {
        return renewers.stream().filter(r -> r.supports(doc.contentType())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no archive renewer for " + doc.contentType()));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover in the store's tmp/ is harmless
            }
        }
    }

    /** The new timestamp would not keep the document provable longer than the one it has. */
    static final class RenewalWithoutGainException extends RuntimeException {
        static final String CODE = "archive.no_gain";

        RenewalWithoutGainException(TimestampStrength before, TimestampStrength after) {
            super("the timestamping authority's certificate expires at " + after.expiresAt()
                    + ", no later than the current timestamp's (" + before.expiresAt() + ")");
        }
    }

    /** Another instance took the document over while this one renewed it (this one was too slow). */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(UUID document) {
            super("the renewal lease of document " + document + " was taken over");
        }
    }
}
