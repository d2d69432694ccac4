package io.kyso.signer.totp;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenNotices;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.factor.FactorCodes;
import io.kyso.signer.factor.FactorMessages;
import io.kyso.signer.factor.FactorPurpose;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.idempotency.IdempotentAnswers;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.support.SecretTokens;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Authenticator apps. A portal may only ask Kyso to invite a citizen: the invitation (a link and a
 * code) goes to the citizen through the channel they already hold, never to the portal. The
 * enrollment page shows the app's secret only to the browser that typed the invitation's code; the
 * app's first code activates it, and the citizen is told on every channel. At confirmation an app
 * code is checked against the citizen's seed, each time step accepted once per citizen. Seeds exist
 * in clear only in memory, for the moment they are used.
 */
@Singleton
public class TotpService {
    /** Wrong codes an enrollment link takes before it stops working. */
    static final int MAX_ENROLLMENT_ATTEMPTS = 5;
    static final String PAGE = "/t/";
    private static final int SEED_BYTES = 20;

    private final SecureRandom random = new SecureRandom();
    private final Database database;
    private final TotpRepository repository;
    private final CitizenRepository citizens;
    private final PortalDirectory portals;
    private final SeedCipher cipher;
    private final FactorCodes codes;
    private final FactorMessages messages;
    private final CitizenNotices notices;
    private final IdempotentAnswers answers;
    private final AuditLog audit;
    private final TotpConfiguration config;
    private final PublicAddress address;
    private final Clock clock;

    public TotpService(Database database, TotpRepository repository, CitizenRepository citizens,
                       PortalDirectory portals, SeedCipher cipher,
                       FactorCodes codes, FactorMessages messages, CitizenNotices notices, IdempotentAnswers answers,
                       AuditLog audit, TotpConfiguration config, PublicAddress address, Clock clock) {
        this.database = database;
        this.repository = repository;
        this.citizens = citizens;
        this.portals = portals;
        this.cipher = cipher;
        this.codes = codes;
        this.messages = messages;
        this.notices = notices;
        this.answers = answers;
        this.audit = audit;
        this.config = config;
        this.address = address;
        this.clock = clock;
    }

    /**
     * What the portal learns of an invitation: that it went, by which kind of channel, and until
     * when it works. Never the link, never the code.
     */
    @Serdeable
    @Schema(name = "TotpInvitation") // its name in the OpenAPI contract and generated clients
    public record Invitation(UUID citizenId, String sentVia, Instant expiresAt) {
    }

    /** What the enrollment page shows before the invitation's code is given: nothing secret. */
    public record Invited(Citizen citizen, Recipient sentTo, Instant expiresAt, boolean provenHere) {
    }

    /** What the enrollment page shows once it was: the secret. {@code otpauthUri} and {@code secret} are never logged. */
    public record PendingEnrollment(Citizen citizen, String otpauthUri, String secret, Instant expiresAt) {
        @Override
        public String toString() {
            return "PendingEnrollment[citizen=" + citizen.id() + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A portal asks Kyso to invite its citizen to enroll an authenticator app. The citizen's
     * credential must be active (their phone is proven); the invitation goes to their channel.
     */
    public Invitation invite(Portal portal, UUID citizenId) {
        Citizen citizen = database.read(c -> citizens.find(c, portal.id(), citizenId))
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND,
                        "No citizen " + citizenId + " for this portal."));
        citizen.requireActive();
        Recipient to = citizen.invitationRecipient();
        if (!messages.canReach(to)) {
            throw new KysoException(ErrorCode.CITIZEN_CHANNEL_UNAVAILABLE,
                    "No channel of this service can reach the citizen with an invitation.");
        }
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        String token = SecretTokens.newToken();
        String hash = SecretTokens.sha256(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.enrollmentLifetime());
        Invitation invitation = new Invitation(citizen.id(), to.channel().name(), expiresAt);
        FactorCodes.Issued code = database.inTransaction(c -> {
            repository.insertEnrollment(c, hash, citizen.id(), cipher.encrypt(seed, citizen.id()), now, expiresAt);
            FactorCodes.Issued issued = codes.issue(c, FactorPurpose.AUTHENTICATOR_INVITATION, hash, to);
            audit.append(c, AuditRecord.of(AuditEventType.TOTP_ENROLLMENT_STARTED, Actor.of(portal)).portal(portal.id())
                    .detail("citizen:" + citizen.id() + " invitation:" + to.channel()).build());
            answers.record(c, 202, null, invitation);
            return issued;
        });
        messages.send(to, invitationText(portal.name(), address.link(PAGE + token), code));
        return invitation;
    }

    private String invitationText(String portalName, String link, FactorCodes.Issued code) {
        return "[Kyso] Mã mời: " + code.code() + ". " + portalName + " đề nghị bạn thêm ứng dụng xác thực cho chữ ký số."
                + " Mở " + link + " và nhập mã này. Mã có hiệu lực " + Math.max(1, codes.lifetime().toMinutes())
                + " phút. Không chia sẻ mã này với bất kỳ ai, kể cả cổng dịch vụ công. Nếu bạn không yêu cầu, hãy bỏ qua tin này.";
    }

    /** The invitation behind a link, if it can still be used; whether {@code browserNonce}'s browser gave its code. */
    public Invited invited(String token, String browserNonce) {
        TotpRepository.StoredEnrollment stored = usable(token);
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        return new Invited(citizen, citizen.invitationRecipient(), stored.expiresAt(), provenIn(stored, browserNonce));
    }

    /** The invitation's code, typed in the browser with {@code browserNonce}: that browser may see the secret. */
    public void prove(String token, String browserNonce, String code) {
        TotpRepository.StoredEnrollment stored = usable(token);
        FactorCodes.Check check = database.inTransaction(c -> {
            FactorCodes.Check k = codes.verify(c, FactorPurpose.AUTHENTICATOR_INVITATION, stored.tokenSha256(),
                    channel -> code);
            if (k.accepted()) {
                repository.proven(c, stored.tokenSha256(), SecretTokens.sha256(browserNonce));
                audit.append(c, AuditRecord.of(AuditEventType.FACTOR_PROVEN, Actor.citizen(stored.citizenId()))
                        .detail("purpose:" + FactorPurpose.AUTHENTICATOR_INVITATION).build());
            } else {
                audit.append(c, AuditRecord.of(AuditEventType.FACTOR_CODE_FAILED, Actor.citizen(stored.citizenId()))
                        .failure(k.outcome().name().toLowerCase(java.util.Locale.ROOT))
                        .detail("purpose:" + FactorPurpose.AUTHENTICATOR_INVITATION).build());
            }
            return k;
        });
        switch (check.outcome()) {
            case ACCEPTED -> {
            }
            case WRONG -> throw new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                    "The code is not valid. " + check.attemptsLeft() + " attempt(s) left.")
                    .withAttemptsLeft(check.attemptsLeft()));
            case EXPIRED -> throw new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired. Ask for a new code.");
            default -> throw locked();
        }
    }

    /** A new invitation code, within the resend limits. */
    public void resendInvitation(String token) {
        TotpRepository.StoredEnrollment stored = usable(token);
        List<FactorCodes.Issued> issued = database.inTransaction(c ->
                codes.reissue(c, FactorPurpose.AUTHENTICATOR_INVITATION, stored.tokenSha256()));
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        String portalName = portals.findById(citizen.portalId()).map(Portal::name).orElse("Kyso");
        messages.sendCodes(issued, code -> invitationText(portalName, address.link(PAGE + token), code));
    }

    /** The secret of an enrollment, for the browser that gave the invitation's code only. */
    public PendingEnrollment pending(String token, String browserNonce) {
        TotpRepository.StoredEnrollment stored = usable(token);
        requireProvenIn(stored, browserNonce);
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        String secret = Base32.encode(cipher.decrypt(stored.sealedSeed(), citizen.id()));
        String label = URLEncoder.encode(config.issuer() + ":" + citizen.nationalId(), StandardCharsets.UTF_8)
                .replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
                + URLEncoder.encode(config.issuer(), StandardCharsets.UTF_8) + "&digits=" + Totp.DIGITS
                + "&period=" + Totp.PERIOD_SECONDS;
        return new PendingEnrollment(citizen, uri, secret, stored.expiresAt());
    }

    /**
     * Activates the app with its first code, typed in the browser that gave the invitation's code; a
     * wrong code counts against the link. The citizen is told on every channel.
     */
    public Citizen activate(String token, String browserNonce, String code) {
        TotpRepository.StoredEnrollment stored = usable(token);
        requireProvenIn(stored, browserNonce);
        byte[] seed = cipher.decrypt(stored.sealedSeed(), stored.citizenId());
        OptionalLong step = Totp.matchingStep(seed, code == null ? null : code.strip(), clock.instant());
        if (step.isEmpty()) {
            throw wrongCode(stored);
        }
        Instant now = clock.instant();
        boolean activated = database.inTransaction(c -> {
            if (!repository.activate(c, stored, step.getAsLong(), now)) {
                return false;
            }
            audit.append(c, AuditRecord.of(AuditEventType.TOTP_ENROLLED, Actor.citizen(stored.citizenId()))
                    .detail("channel:APP").build());
            return true;
        });
        if (!activated) {
            throw expired();
        }
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        notices.announce(citizen, CitizenNotices.Change.AUTHENTICATOR_ADDED, now, List.of());
        return citizen;
    }

    /**
     * Whether {@code code} is the citizen's app code for now (one step of drift), spending its time
     * step: the same step is never accepted twice for a citizen, whichever request it is for.
     *
     * @return the step spent, or empty for a wrong (or replayed) code
     */
    public OptionalLong verifyAndSpend(Connection c, Citizen citizen, String code) throws SQLException {
        String sealed = repository.sealedSeed(c, citizen.id()).orElse(null);
        if (sealed == null) {
            return OptionalLong.empty();
        }
        OptionalLong step = Totp.matchingStep(cipher.decrypt(sealed, citizen.id()), code, clock.instant());
        return step.isPresent() && repository.spendStep(c, citizen.id(), step.getAsLong()) ? step : OptionalLong.empty();
    }

    /**
     * Spends {@code step} for the citizen after its transaction was rolled back (the signing it
     * confirmed failed): the app's code stays used.
     */
    public boolean respend(Connection c, UUID citizenId, long step) throws SQLException {
        return repository.spendStep(c, citizenId, step);
    }

    private TotpRepository.StoredEnrollment usable(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            throw invalid();
        }
        TotpRepository.StoredEnrollment stored = database.read(c -> repository.findEnrollment(c, SecretTokens.sha256(token)))
                .orElseThrow(TotpService::invalid);
        if (stored.activatedAt() != null || !clock.instant().isBefore(stored.expiresAt())) {
            throw expired();
        }
        if (stored.failedAttempts() >= MAX_ENROLLMENT_ATTEMPTS) {
            throw locked();
        }
        return stored;
    }

    private static boolean provenIn(TotpRepository.StoredEnrollment stored, String browserNonce) {
        return stored.provenBrowserSha256() != null && browserNonce != null && MessageDigest.isEqual(
                stored.provenBrowserSha256().getBytes(StandardCharsets.US_ASCII),
                SecretTokens.sha256(browserNonce).getBytes(StandardCharsets.US_ASCII));
    }

    private static void requireProvenIn(TotpRepository.StoredEnrollment stored, String browserNonce) {
        if (!provenIn(stored, browserNonce)) {
            throw new KysoException(ErrorCode.TOTP_INVITATION_NOT_PROVEN,
                    "Enter the invitation's code in this browser first.");
        }
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

    private static KysoException invalid() {
        return new KysoException(ErrorCode.PAGE_LINK_INVALID, "This enrollment link is not valid.");
    }

    private static KysoException expired() {
        return new KysoException(ErrorCode.TOTP_ENROLLMENT_EXPIRED,
                "This enrollment link has expired or was already used. Ask for a new one.");
    }

    private static KysoException locked() {
        return new KysoException(ErrorCode.TOTP_ENROLLMENT_LOCKED,
                "Too many wrong codes for this enrollment link. Ask for a new one.");
    }
}
