package io.kyso.signer.enrollment;

import io.kyso.signer.pki.Revocation;
import io.kyso.signer.pki.RevocationList;
import io.kyso.signer.pki.RevocationReason;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.DatabaseException;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Revokes citizens' signing credentials and keeps revoked ones from signing. A revocation is one
 * row beside the CRL's and the OCSP responder's other records, written with its audit entry in one
 * transaction: the next CRL and the next OCSP answer, from any instance, show it. Revoking is
 * final and idempotent: a credential already revoked keeps its first revocation (time and reason).
 */
@Singleton
public class CredentialRevocation {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRevocation.class);

    private final Database database;
    private final CitizenRepository citizens;
    private final RevocationList revocations;
    private final AuditLog audit;
    private final Clock clock;

    public CredentialRevocation(Database database, CitizenRepository citizens, RevocationList revocations,
                                AuditLog audit, Clock clock) {
        this.database = database;
        this.citizens = citizens;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A portal revokes the credential of one of its citizens; another portal's citizen is not found (404). */
    public Revocation revoke(Portal portal, UUID citizenId, RevocationReason reason) {
        return revoke(citizenOf(portal, citizenId), reason, Actor.of(portal));
    }

    /** The revocation of a portal's citizen's credential, if it is revoked. */
    public Optional<Revocation> revocationOf(Portal portal, UUID citizenId) {
        return revocations.find(certificateOf(citizenOf(portal, citizenId)).getSerialNumber());
    }

    /**
     * Revokes {@code citizen}'s credential on behalf of {@code actor} (as the audit log names it:
     * the portal, or the citizen for a suspension they ask for).
     */
    public Revocation revoke(Citizen citizen, RevocationReason reason, Actor actor) {
        BigInteger serial = certificateOf(citizen).getSerialNumber();
        try {
            Revocation revocation = database.inTransaction(connection -> {
                Optional<Revocation> earlier = revocations.find(connection, serial);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                // whole seconds: what the CRL and OCSP answers can state (GeneralizedTime), so all three agree
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                revocations.revoke(connection, serial, reason.code(), now);
                citizens.markRevoked(connection, citizen.id());
                audit.append(connection, AuditRecord.of(AuditEventType.CREDENTIAL_REVOKED, actor).portal(citizen.portalId())
                        .detail("citizen:" + citizen.id() + " serial:" + serial.toString(16) + " reason:" + reason).build());
                return new Revocation(serial, now, reason.code());
            });
            LOG.info("Credential of citizen {} revoked ({})", citizen.id(), RevocationReason.of(revocation.reasonCode()));
            return revocation;
        } catch (DatabaseException e) {
            if (e.isUniqueViolation()) { // revoked at the same moment through another call
                return revocations.find(serial).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * Refuses a revoked credential: called where a citizen's key is resolved for signing, so that a
     * revoked credential never signs again.
     *
     * @throws CredentialRevokedException if {@code certificate} is revoked
     */
    public void requireNotRevoked(X509Certificate certificate) {
        Optional<Revocation> revocation = revocations.find(certificate.getSerialNumber());
        if (revocation.isPresent()) {
            throw new CredentialRevokedException(revocation.get());
        }
    }

    /** Whether {@code citizen}'s credential is revoked (by its certificate's serial, as the CRL says). */
    public boolean isRevoked(Citizen citizen) {
        return revocations.find(certificateOf(citizen).getSerialNumber()).isPresent();
    }

    private Citizen citizenOf(Portal portal, UUID citizenId) {
        return database.read(c -> citizens.find(c, portal.id(), citizenId)).orElseThrow(() ->
                new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No citizen " + citizenId + " for this portal."));
    }

    private static X509Certificate certificateOf(Citizen citizen) {
        return CitizenCertificates.parse(citizen.certificatePem());
    }
}
