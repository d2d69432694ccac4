package io.kyso.signer.request;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.storage.DocumentStore;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps request states true over time: expires requests nobody confirmed, and recovers requests
 * whose signer died mid-way (a crash or a kill during {@code SIGNING}). A recovered request goes
 * back to {@code AWAITING_CONFIRMATION} with its code still valid, and any signed output it left
 * behind is deleted: it was never delivered, and the request will not know a file it did not commit.
 * An hour after a request ended, the previews its citizen's page showed are deleted from the store.
 */
@Singleton
public class RequestHousekeeping {
    /** Longer than any signing of one dossier takes; a request still SIGNING after this is orphaned. */
    static final Duration SIGNING_LEASE = Duration.ofMinutes(10);
    /** Previews are shown only while a request awaits confirmation; kept a while after, then deleted. */
    static final Duration PREVIEW_RETENTION = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(RequestHousekeeping.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final SigningRequestService service;
    private final DocumentStore store;
    private final AuditLog audit;
    private final Clock clock;

    public RequestHousekeeping(Database database, SigningRequestRepository requests, SigningRequestService service,
                               DocumentStore store, AuditLog audit, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.service = service;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "5s", fixedDelay = "1m")
    void run() {
        try {
            recoverStaleSigning(clock.instant().minus(SIGNING_LEASE));
            expireOverdue();
            purgePreviews(clock.instant().minus(PREVIEW_RETENTION));
        } catch (RuntimeException e) {
            LOG.warn("Housekeeping failed; it runs again in a minute", e);
        }
    }

    /** Expires every awaiting request whose time is up. Returns how many. */
    public int expireOverdue() {
        List<SigningRequest> overdue = database.read(c -> requests.findExpired(c, clock.instant(), 500));
        overdue.forEach(service::expire);
        return overdue.size();
    }

    /** Deletes the previews of requests that ended before {@code endedBefore}. Returns how many requests. */
    public int purgePreviews(Instant endedBefore) {
        List<UUID> ended = database.read(c -> requests.findPreviewsToPurge(c, endedBefore, 500));
        int purged = 0;
        for (UUID id : ended) {
            if (store.deleteFolder("previews/" + id)) {
                database.inTransaction(c -> {
                    requests.markPreviewsPurged(c, id);
                    return null;
                });
                purged++;
            } else {
                LOG.warn("The previews of request {} could not all be deleted; housekeeping tries again", id);
            }
        }
        return purged;
    }

    /** Puts requests that started signing before {@code startedBefore} back to awaiting confirmation. */
    public int recoverStaleSigning(Instant startedBefore) {
        List<SigningRequest> stale = database.read(c -> requests.findStaleSigning(c, startedBefore, 500));
        for (SigningRequest r : stale) {
            List<Document> docs = database.read(c -> requests.documents(c, r.id()));
            docs.stream().filter(d -> d.status() == DocumentStatus.PENDING).forEach(d -> store.delete(d.signedKey()));
            database.inTransaction(c -> {
                if (requests.transition(c, r.id(), RequestStatus.SIGNING, RequestStatus.AWAITING_CONFIRMATION, null,
                        "signing.interrupted")) {
                    requests.reopenDocuments(c, r.id());
                    audit.append(c, AuditRecord.of(AuditEventType.SIGNING_FAILED, Actor.SYSTEM).portal(r.portalId())
                            .request(r.id()).failure("signing.interrupted").build());
                }
                return null;
            });
            LOG.warn("Request {} was interrupted while signing; it awaits confirmation again", r.id());
        }
        return stale.size();
    }
}
