package io.kyso.signer.totp;

import io.swagger.v3.oas.annotations.media.Schema;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.support.PublicAddress;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Authenticator apps: one-time enrollment links for portals, activation by the citizen's first
 * valid code, and verification of app codes at confirmation, each time step accepted once per
 * citizen. Seeds exist in clear only in memory, for the moment they are used.
 */
@Singleton
public class TotpService {
    /** Wrong codes an enrollment link takes before it stops working. */
    static final int MAX_ENROLLMENT_ATTEMPTS = 5;
    private static final int SEED_BYTES = 20;

    private final SecureRandom random = new SecureRandom();
    private final Database database;
    private final TotpRepository repository;
    private final CitizenRepository citizens;
    private final SeedCipher cipher;
    private final AuditLog audit;
    private final TotpConfiguration config;
    private final PublicAddress address;
    private final Clock clock;

    public TotpService(Database database, TotpRepository repository, CitizenRepository citizens, SeedCipher cipher,
                       AuditLog audit, TotpConfiguration config, PublicAddress address, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.citizens = citizens;
        this.cipher = cipher;
        this.audit = audit;
        this.config = config;
        this.address = address;
        this.clock = clock;
    }

    /** What the portal hands the citizen: a link that works once, until {@code expiresAt}. */
    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "TotpEnrollmentLink") // its name in the OpenAPI contract and generated clients
    public record EnrollmentLink(String enrollmentUrl, Instant expiresAt) {
    }

    /** What the enrollment page shows. {@code otpauthUri} and {@code secret} are secrets: never logged. */
    public record PendingEnrollment(Citizen citizen, String otpauthUri, String secret, Instant expiresAt) {
        @Override
        public String toString() {
            return "PendingEnrollment[citizen=" + citizen.id() + ", expiresAt=" + expiresAt + "]";
        }
    }

    public EnrollmentLink startEnrollment(Portal portal, UUID citizenId) {
        Citizen citizen = database.read(c -> citizens.find(c, portal.id(), citizenId))
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND,
                        "No citizen " + citizenId + " for this portal."));
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        byte[] tokenBytes = new byte[32];
        random.nextBytes(tokenBytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.enrollmentLifetime());
        database.inTransaction(c -> {
            repository.insertEnrollment(c, sha256(token), citizen.id(), cipher.encrypt(seed, citizen.id()), now,
                    expiresAt);
            audit.append(c, AuditRecord.of(AuditEventType.TOTP_ENROLLMENT_STARTED, Actor.of(portal)).portal(portal.id())
                    .detail("citizen:" + citizen.id()).build());
            return null;
        });
        return new EnrollmentLink(address.link("/t/" + token), expiresAt);
    }

    /** The enrollment behind a link, if it can still be activated. */
    public PendingEnrollment pending(String token) {
        TotpRepository.StoredEnrollment stored = usable(token);
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        String secret = Base32.encode(cipher.decrypt(stored.sealedSeed(), citizen.id()));
        String label = URLEncoder.encode(config.issuer() + ":" + citizen.nationalId(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(config.issuer(), StandardCharsets.UTF_8) + "&digits=" + Totp.DIGITS
                + "&period=" + Totp.PERIOD_SECONDS;
        return new PendingEnrollment(citizen, uri, secret, stored.expiresAt());
    }

    /** Activates the app with its first code; a wrong code counts against the link. */
    public Citizen activate(String token, String code) {
        TotpRepository.StoredEnrollment stored = usable(token);
        byte[] seed = cipher.decrypt(stored.sealedSeed(), stored.citizenId());
        OptionalLong step = Totp.matchingStep(seed, code == null ? null : code.strip(), clock.instant());
        if (step.isEmpty()) {
            throw wrongCode(stored);
        }
        boolean activated = database.inTransaction(c -> {
            if (!repository.activate(c, stored, step.getAsLong(), clock.instant())) {
                return false;
            }
            audit.append(c, AuditRecord.of(AuditEventType.TOTP_ENROLLED, Actor.citizen(stored.citizenId()))
                    .detail("channel:APP").build());
            return true;
        });
        if (!activated) {
            throw expired();
        }
        return database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
    }

    /**
     * Whether {@code code} is the citizen's app code for now (one step of drift), spending its time
     * step: the same step is never accepted twice for a citizen, whichever request it is for.
     */
    public boolean verifyAndSpend(Connection c, Citizen citizen, String code) throws SQLException {
        String sealed = repository.sealedSeed(c, citizen.id()).orElse(null);
        if (sealed == null) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(cipher.decrypt(sealed, citizen.id()), code, clock.instant());
        return step.isPresent() && repository.spendStep(c, citizen.id(), step.getAsLong());
    }

    private TotpRepository.StoredEnrollment usable(String token) {
        TotpRepository.StoredEnrollment stored = database.read(c -> repository.findEnrollment(c, sha256(token)))
                .orElseThrow(() -> new KysoException(ErrorCode.PAGE_LINK_INVALID, "This enrollment link is not valid."));
        if (stored.activatedAt() != null || !clock.instant().isBefore(stored.expiresAt())) {
            throw expired();
        }
        if (stored.failedAttempts() >= MAX_ENROLLMENT_ATTEMPTS) {
            throw locked();
        }
        return stored;
    }

    private KysoException wrongCode(TotpRepository.StoredEnrollment stored) {
        int failures = database.inTransaction(c -> {
            int count = repository.countEnrollmentFailure(c, stored.tokenSha256());
            audit.append(c, AuditRecord.of(AuditEventType.TOTP_ENROLLMENT_FAILED, Actor.citizen(stored.citizenId()))
                    .failure("otp.invalid").detail("attempt " + count).build());
            return count;
        });
        int left = MAX_ENROLLMENT_ATTEMPTS - failures;
        if (left <= 0) {
            return locked();
        }
        return new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                "The code is not valid. " + left + " attempt(s) left.").withAttemptsLeft(left));
    }

    private static KysoException expired() {
        return new KysoException(ErrorCode.TOTP_ENROLLMENT_EXPIRED,
                "This enrollment link has expired or was already used. Ask for a new one.");
    }

    private static KysoException locked() {
        return new KysoException(ErrorCode.TOTP_ENROLLMENT_LOCKED,
                "Too many wrong codes for this enrollment link. Ask for a new one.");
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
