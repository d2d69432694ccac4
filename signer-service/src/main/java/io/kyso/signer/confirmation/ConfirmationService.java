package io.kyso.signer.confirmation;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.signing.BindingDigest;
import io.kyso.signer.signing.Document;
import io.kyso.signer.signing.DossierSigner;
import io.kyso.signer.signing.RequestGuards;
import io.kyso.signer.signing.RequestStatus;
import io.kyso.signer.signing.SigningRequest;
import io.kyso.signer.signing.SigningRequestRepository;
import io.kyso.signer.signing.SigningRequestService;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The citizen's confirmation: checks the code against the request and its exact documents, counts
 * wrong codes (per request and per citizen), and hands a confirmed request to the signer. Exactly
 * one of several concurrent right answers wins the claim; the others get 409.
 */
@Singleton
public class ConfirmationService {
    private final Database database;
    private final SigningRequestRepository requests;
    private final SigningRequestService requestService;
    private final CitizenRepository citizens;
    private final OneTimeCodes codes;
    private final CodeIssuer issuer;
    private final DossierSigner signer;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final OtpConfiguration config;
    private final Clock clock;

    public ConfirmationService(Database database, SigningRequestRepository requests,
                               SigningRequestService requestService, CitizenRepository citizens, OneTimeCodes codes,
                               CodeIssuer issuer, DossierSigner signer, AuditLog audit, KysoMetrics metrics,
                               OtpConfiguration config, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.requestService = requestService;
        this.citizens = citizens;
        this.codes = codes;
        this.issuer = issuer;
        this.signer = signer;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    public SigningRequest confirm(Portal portal, UUID id, String otp) {
        SigningRequest request = requestService.get(portal, id);
        RequestGuards.requireAwaiting(request);
        Citizen citizen = citizen(portal, request);
        issuer.requireNotBlocked(citizen);
        if (request.otpExpiresAt() == null || !clock.instant().isBefore(request.otpExpiresAt())) {
            throw new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired. Ask for a new code and try again.");
        }
        String binding = BindingDigest.of(request.documents().stream().map(Document::sha256).toList());
        if (!binding.equals(request.bindingDigest()) || !codes.matches(request.otpHash(), id, binding, otp)) {
            throw wrongCode(portal, citizen, request);
        }
        boolean claimed = database.inTransaction(c -> {
            if (!requests.claimForSigning(c, id, request.otpHash())) {
                return false;
            }
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_CONFIRMED, citizen.actor()).portal(portal.id())
                    .request(id).build());
            return true;
        });
        if (!claimed) {
            RequestGuards.requireAwaiting(requestService.get(portal, id));
            throw new KysoException(ErrorCode.REQUEST_ALREADY_CONFIRMED, "This request was already confirmed.");
        }
        signer.signAll(citizen, request);
        return requestService.get(portal, id);
    }

    /** Sends a new code, within the resend limits. */
    public SigningRequest resend(Portal portal, UUID id) {
        SigningRequest request = requestService.get(portal, id);
        RequestGuards.requireAwaiting(request);
        Citizen citizen = citizen(portal, request);
        issuer.requireNotBlocked(citizen);
        if (request.otpSentCount() > config.maxResends()) {
            throw new KysoException(ErrorCode.OTP_RESEND_LIMIT,
                    "No more codes can be sent for this request (" + config.maxResends() + " resends at most).");
        }
        Instant next = request.otpLastSentAt() == null ? Instant.MIN : request.otpLastSentAt().plus(config.resendInterval());
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            long wait = Duration.between(now, next).toSeconds() + 1;
            throw new KysoException(Problem.of(ErrorCode.OTP_RESEND_TOO_SOON,
                    "A code was sent less than " + config.resendInterval().toSeconds() + " seconds ago; wait "
                            + wait + " seconds.").withRetryAfter(wait));
        }
        if (!issuer.issue(portal, citizen, request)) {
            throw new KysoException(ErrorCode.OTP_DELIVERY_FAILED,
                    "The code could not be sent to the citizen. Try again in a moment.");
        }
        return requestService.get(portal, id);
    }

    private Citizen citizen(Portal portal, SigningRequest request) {
        return database.read(c -> citizens.find(c, portal.id(), request.citizenId())).orElseThrow();
    }

    /** Counts the failure and builds the answer: attempts left, or locked. */
    private KysoException wrongCode(Portal portal, Citizen citizen, SigningRequest request) {
        Outcome outcome = database.inTransaction(c -> recordFailure(c, portal, citizen, request));
        if (outcome != Outcome.GONE) {
            metrics.codeFailed();
        }
        if (outcome == Outcome.LOCKED) {
            metrics.lockout("request");
            metrics.requestCompleted(RequestStatus.LOCKED);
        }
        return switch (outcome) {
            case LOCKED -> new KysoException(ErrorCode.REQUEST_LOCKED,
                    "Too many wrong codes: this request is locked. The portal must send a new request.");
            case GONE -> {
                RequestGuards.requireAwaiting(requestService.get(portal, request.id()));
                yield new KysoException(ErrorCode.REQUEST_NOT_AWAITING, "The request no longer awaits confirmation.");
            }
            case RETRY -> {
                int left = config.maxAttempts() - requestService.get(portal, request.id()).failedAttempts();
                yield new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                        "The code is not valid. " + left + " attempt(s) left.").withAttemptsLeft(left));
            }
        };
    }

    private enum Outcome { RETRY, LOCKED, GONE }

    private Outcome recordFailure(Connection c, Portal portal, Citizen citizen, SigningRequest request)
            throws SQLException {
        int failures = requests.countFailure(c, request.id());
        if (failures < 0) {
            return Outcome.GONE;
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO otp_failure (citizen_id, request_id, failed_at) VALUES (?, ?, ?)")) {
            insert.setObject(1, citizen.id());
            insert.setObject(2, request.id());
            Jdbc.setInstant(insert, 3, now);
            insert.executeUpdate();
        }
        audit.append(c, AuditRecord.of(AuditEventType.CODE_FAILED, citizen.actor()).portal(portal.id())
                .request(request.id()).failure("otp.invalid").detail("attempt " + failures).build());
        blockCitizenIfNeeded(c, portal, citizen, now);
        if (failures >= config.maxAttempts()) {
            requests.transition(c, request.id(), RequestStatus.AWAITING_CONFIRMATION,
                    RequestStatus.LOCKED, now, ErrorCode.REQUEST_LOCKED.code());
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_LOCKED, "system").portal(portal.id())
                    .request(request.id()).failure("too many wrong codes").build());
            return Outcome.LOCKED;
        }
        return Outcome.RETRY;
    }

    private void blockCitizenIfNeeded(Connection c, Portal portal, Citizen citizen, Instant now) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM otp_failure WHERE citizen_id = ? AND failed_at > ?")) {
            count.setObject(1, citizen.id());
            Jdbc.setInstant(count, 2, now.minus(config.citizenFailureWindow()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getInt(1) < config.citizenFailureLimit()) {
                    return;
                }
            }
        }
        citizens.block(c, citizen.id(), now.plus(config.citizenCooldown()));
        metrics.lockout("citizen");
        audit.append(c, AuditRecord.of(AuditEventType.CITIZEN_LOCKED, "system").portal(portal.id())
                .failure("too many wrong codes across requests").detail("citizen:" + citizen.id()).build());
    }
}
