package io.kyso.signer.enrollment;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.hsm.ChainIssuer;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.WrappedKey;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.delivery.OtpSenders;
import io.kyso.signer.hsm.HsmConfiguration;
import io.kyso.signer.idempotency.IdempotentAnswers;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.DatabaseException;
import io.kyso.signer.pki.CertificateAuthority;
import io.kyso.signer.pki.CitizenSubject;
import io.kyso.signer.pki.Pem;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolls citizens: a key pair generated in the HSM, certified by the CA, and the citizen record.
 *
 * <p>The key is generated before the record is written. If the write fails the key is destroyed;
 * if the process dies in between, the key is an orphan that no citizen can reach, never a citizen
 * without a key.
 */
@Singleton
public class EnrollmentService {
    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentService.class);

    private final Database database;
    private final CitizenRepository citizens;
    private final HsmToken hsm;
    private final CertificateAuthority ca;
    private final AuditLog audit;
    private final OtpSenders senders;
    private final Clock clock;
    private final HsmConfiguration hsmConfig;
    private final IdempotentAnswers answers;
    private final CredentialActivation activation;

    public EnrollmentService(Database database, CitizenRepository citizens, HsmToken hsm, CertificateAuthority ca,
                             AuditLog audit, OtpSenders senders, Clock clock, HsmConfiguration hsmConfig,
                             IdempotentAnswers answers, CredentialActivation activation) {
        this.answers = answers;
        this.activation = activation;
        this.hsmConfig = hsmConfig;
        this.senders = senders;
        this.database = database;
        this.citizens = citizens;
        this.hsm = hsm;
        this.ca = ca;
        this.audit = audit;
        this.clock = clock;
    }

    /** A citizen just enrolled, with the link to the page where they activate their credential. */
    public record Enrolled(Citizen citizen, ActivationLink activationLink) {
        public CitizenView view() {
            return CitizenView.of(citizen, activationLink);
        }
    }

    /**
     * Enrolls a citizen: their key pair, its certificate, and their record, with a credential that
     * waits for the citizen to activate it; the activation codes go to the citizen once it is stored.
     */
    public Enrolled enroll(Portal portal, EnrollCitizen request) {
        String fullName = Normalizer.normalize(request.fullName().strip(), Normalizer.Form.NFC);
        String phone = PhoneNumbers.normalize(request.phone());
        KeySpec spec = request.keyAlgorithm() == null ? KeySpec.EC_P256 : request.keyAlgorithm();
        OtpChannel channel = request.otpChannel() == null ? OtpChannel.SMS : request.otpChannel();
        requireReachable(channel, request.email(), false);
        if (database.read(c -> citizens.existsByNationalId(c, portal.id(), request.nationalId()))) {
            throw alreadyEnrolled();
        }
        UUID id = UUID.randomUUID();
        String alias = "citizen-" + id;
        ChainIssuer issuer = ca.citizenIssuer(new CitizenSubject(fullName, request.nationalId()));
        boolean wrapped = hsmConfig.citizenKeys() == HsmConfiguration.CitizenKeys.WRAPPED;
        X509Certificate certificate;
        CitizenKey stored = null;
        if (wrapped) {
            // nothing is stored in the token: the wrapped key goes into the citizen's row below. The
            // wrapping key was checked at start-up unless the HSM was down then: checked here (cached)
            hsm.requireWrappingKey(hsmConfig.wrappingKey(), hsmConfig.createWrappingKey());
            WrappedKey key = hsm.generateWrapped(hsmConfig.wrappingKey(), spec, issuer);
            certificate = key.certificate();
            stored = CitizenKey.of(key);
        } else {
            certificate = hsm.generate(alias, spec, issuer).certificate();
        }
        Citizen citizen = new Citizen(id, portal.id(), request.nationalId(), fullName, phone, request.email(), spec,
                alias, Pem.certificate(certificate), null, clock.instant(), channel, false, stored,
                CredentialState.PENDING_ACTIVATION, false);
        CredentialActivation.Started started;
        try {
            started = database.inTransaction(connection -> {
                citizens.insert(connection, citizen, certificate.getSerialNumber().toString(16));
                audit.append(connection, AuditRecord.of(AuditEventType.CITIZEN_ENROLLED, Actor.of(portal))
                        .portal(portal.id()).detail("citizen:" + id + " key:" + spec).build());
                CredentialActivation.Started link = activation.start(connection, portal, citizen);
                answers.record(connection, 201, location(id), CitizenView.of(citizen, link.link()));
                return link;
            });
        } catch (RuntimeException e) {
            if (!wrapped) {
                destroyQuietly(alias);
            }
            if (e instanceof DatabaseException db && db.isUniqueViolation()) {
                throw alreadyEnrolled();
            }
            throw e;
        }
        LOG.info("Citizen {} enrolled for portal {} with a {} key", id, portal.id(), spec);
        activation.send(portal, citizen, started);
        return new Enrolled(citizen, started.link());
    }

    /** Where the API serves a citizen. */
    public static String location(UUID id) {
        return "/api/v1/citizens/" + id;
    }

    /** Changes how the citizen receives codes; the channel must be able to reach them. */
    public Citizen changeOtpChannel(Portal portal, UUID id, OtpChannel channel) {
        Citizen citizen = find(portal, id).orElseThrow(() -> notFound(id));
        requireReachable(channel, citizen.email(), citizen.totpEnrolled());
        if (channel == OtpChannel.EMAIL && !citizen.emailVerified()) {
            throw new KysoException(ErrorCode.CITIZEN_EMAIL_NOT_VERIFIED, "Codes go by email only to an address the"
                    + " citizen has proven they hold: at activation, or on their own page (/me).");
        }
        database.inTransaction(c -> {
            citizens.setOtpChannel(c, id, channel);
            audit.append(c, AuditRecord.of(AuditEventType.OTP_CHANNEL_CHANGED, Actor.of(portal)).portal(portal.id())
                    .detail("citizen:" + id + " channel:" + channel).build());
            return null;
        });
        return find(portal, id).orElseThrow(() -> notFound(id));
    }

    private void requireReachable(OtpChannel channel, String email, boolean totpEnrolled) {
        if (channel == OtpChannel.APP && !totpEnrolled) {
            throw new KysoException(ErrorCode.CITIZEN_TOTP_NOT_ENROLLED,
                    "The citizen has no authenticator app yet: POST /api/v1/citizens/{id}/totp-enrollment sends them an"
                            + " invitation; enrolling the app switches them to APP.");
        }
        if (channel != OtpChannel.APP && !senders.isActive(channel)) {
            throw new KysoException(ErrorCode.CITIZEN_CHANNEL_UNAVAILABLE,
                    channel + " delivery of codes is not switched on in this service.");
        }
        if (channel == OtpChannel.EMAIL && (email == null || email.isBlank())) {
            throw new KysoException(ErrorCode.CITIZEN_CHANNEL_UNAVAILABLE,
                    "Codes cannot go by email to a citizen without an email address.");
        }
    }

    private static KysoException notFound(UUID id) {
        return new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No citizen " + id + " for this portal.");
    }

    public Optional<Citizen> find(Portal portal, UUID id) {
        return database.read(c -> citizens.find(c, portal.id(), id));
    }

    private void destroyQuietly(String alias) {
        try {
            hsm.destroy(alias);
        } catch (RuntimeException e) {
            LOG.warn("Could not destroy the orphan key {} after a failed enrollment", alias, e);
        }
    }

    private static KysoException alreadyEnrolled() {
        return new KysoException(ErrorCode.CITIZEN_ALREADY_ENROLLED,
                "A citizen with this national ID is already enrolled for this portal.");
    }
}
