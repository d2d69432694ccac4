package io.kyso.signer.confirmation;

import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
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
 * Sends a fresh code for every awaiting request whose code was stored but never recorded as
 * delivered: the process died between storing and sending it, and the citizen got nothing. One
 * instance wins each request.
 */
@Singleton
public class OtpHousekeeping {
    /** Longer than any delivery takes (the SMS gateway's timeouts and retries included). */
    public static final Duration UNDELIVERED_AFTER = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(OtpHousekeeping.class);

    private final Database database;
    private final OtpStates otps;
    private final SigningRequestRepository requests;
    private final CitizenRepository citizens;
    private final PortalDirectory portals;
    private final OtpIssuer issuer;
    private final Clock clock;

    public OtpHousekeeping(Database database, OtpStates otps, SigningRequestRepository requests,
                           CitizenRepository citizens, PortalDirectory portals, OtpIssuer issuer, Clock clock) {
        this.database = database;
        this.otps = otps;
        this.requests = requests;
        this.citizens = citizens;
        this.portals = portals;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "20s", fixedDelay = "30s")
    void run() {
        try {
            sendUndeliveredOtps(clock.instant().minus(UNDELIVERED_AFTER));
        } catch (RuntimeException e) {
            LOG.warn("Undelivered codes could not be checked; trying again in 30 seconds", e);
        }
    }

    /** Sends a fresh code for the undelivered codes stored before {@code storedBefore}; returns how many. */
    public int sendUndeliveredOtps(Instant storedBefore) {
        List<UUID> stuck = database.read(c -> otps.findUndelivered(c, storedBefore, 100));
        int sent = 0;
        for (UUID id : stuck) {
            SigningRequest request = database.read(c -> requests.findById(c, id)).orElse(null);
            Portal portal = request == null ? null : portals.findById(request.portalId()).orElse(null);
            if (portal == null || !database.inTransaction(c -> otps.claimUndelivered(c, id, storedBefore, clock.instant()))) {
                continue;
            }
            Citizen citizen = database.read(c -> citizens.findById(c, request.citizenId())).orElseThrow();
            LOG.warn("The code of request {} was never delivered (interrupted); sending a fresh one", id);
            issuer.issue(portal, citizen, request);
            sent++;
        }
        return sent;
    }
}
