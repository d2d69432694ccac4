package io.kyso.signer.confirmation;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.request.RequestGuards;
import io.kyso.signer.request.RequestStatus;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Counts wrong codes, per request (the fifth locks it) and per citizen across requests (too many
 * in the window block new codes for a cooling period), and builds the answer: attempts left, or
 * locked. The same rules hold whether the code came through the API or the citizen's page, and
 * whether it was sent or made by an authenticator app.
 */
@Singleton
public class WrongOtps {
    private final SigningRequestRepository requests;
    private final OtpStates otps;
    private final CitizenRepository citizens;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final OtpConfiguration config;
    private final Clock clock;

    public WrongOtps(SigningRequestRepository requests, OtpStates otps, CitizenRepository citizens,
                      AuditLog audit, KysoMetrics metrics, OtpConfiguration config, Clock clock) {
        this.metrics = metrics;
        this.requests = requests;
        this.otps = otps;
        this.citizens = citizens;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** What a wrong code did: how many wrong codes the request has now, and whether it locked it. */
    public record Failure(Outcome outcome, int failures) {
    }

    public enum Outcome { RETRY, LOCKED, GONE }

    /**
     * Counts a wrong code in the caller's transaction (which holds the request's row): the request's
     * count, the citizen's, the audit entries, the lock when it is the last attempt.
     */
    public Failure recordIn(Connection c, Citizen citizen, SigningRequest request) throws SQLException {
        return recordFailure(c, citizen, request);
    }

    /** The answer to a wrong code, once its transaction committed; counts it in the metrics. */
    public KysoException answer(Failure failure, SigningRequest request) {
        if (failure.outcome() != Outcome.GONE) {
            metrics.codeFailed();
        }
        return switch (failure.outcome()) {
            case LOCKED -> {
                metrics.lockout("request");
                metrics.requestCompleted(RequestStatus.LOCKED);
                yield new KysoException(ErrorCode.REQUEST_LOCKED,
                        "Too many wrong codes: this request is locked. The portal must send a new request.");
            }
            case GONE -> {
                RequestGuards.requireAwaiting(request);
                yield new KysoException(ErrorCode.REQUEST_NOT_AWAITING, "The request no longer awaits confirmation.");
            }
            case RETRY -> {
                int left = config.maxAttempts() - failure.failures();
                yield new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                        "The code is not valid. " + left + " attempt(s) left.").withAttemptsLeft(left));
            }
        };
    }

    private Failure recordFailure(Connection c, Citizen citizen, SigningRequest request) throws SQLException {
        int failures = otps.countFailure(c, request.id());
        if (failures < 0) {
            return new Failure(Outcome.GONE, failures);
        }
        Instant now = clock.instant();
        audit.append(c, AuditRecord.of(AuditEventType.CODE_FAILED, citizen.actor()).portal(request.portalId())
                .request(request.id()).failure("otp.invalid").detail("attempt " + failures).build());
        recordCitizenFailure(c, request.portalId(), citizen, request.id(), null);
        if (failures >= config.maxAttempts()) {
            requests.transition(c, request.id(), RequestStatus.AWAITING_CONFIRMATION,
                    RequestStatus.LOCKED, now, ErrorCode.REQUEST_LOCKED.code());
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_LOCKED, Actor.SYSTEM).portal(request.portalId())
                    .request(request.id()).failure("too many wrong codes").build());
            return new Failure(Outcome.LOCKED, failures);
        }
        return new Failure(Outcome.RETRY, failures);
    }

    /**
     * Counts a wrong code against the citizen, whichever request ({@code requestId}) or CSC credential
     * authorization ({@code cscAuthorizationId}) it was entered for, and blocks the citizen when they
     * reach the limit within the window; in the caller's transaction.
     */
    public void recordCitizenFailure(Connection c, String portalId, Citizen citizen, UUID requestId,
                                     UUID cscAuthorizationId) throws SQLException {
        Instant now = clock.instant();
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO otp_failure (citizen_id, request_id, csc_authorization_id, failed_at) VALUES (?, ?, ?, ?)""")) {
            insert.setObject(1, citizen.id());
            insert.setObject(2, requestId);
            insert.setObject(3, cscAuthorizationId);
            Jdbc.setInstant(insert, 4, now);
            insert.executeUpdate();
        }
        blockCitizenIfNeeded(c, portalId, citizen, now);
    }

    private void blockCitizenIfNeeded(Connection c, String portalId, Citizen citizen, Instant now) throws SQLException {
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
        audit.append(c, AuditRecord.of(AuditEventType.CITIZEN_LOCKED, Actor.SYSTEM).portal(portalId)
                .failure("too many wrong codes across requests").detail("citizen:" + citizen.id()).build());
    }
}
