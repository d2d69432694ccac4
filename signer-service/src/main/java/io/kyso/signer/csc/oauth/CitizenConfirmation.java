package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.confirmation.OtpConfiguration;
import io.kyso.signer.confirmation.OtpIssuer;
import io.kyso.signer.confirmation.WrongOtps;
import io.kyso.signer.csc.AuthorizationStatus;
import io.kyso.signer.csc.Authorizations;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.csc.CscConfiguration;
import io.kyso.signer.csc.SecretHashes;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.totp.TotpService;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The citizen's side of a credential authorization, on Kyso's page: they see what the portal asks
 * them to sign and confirm with the code sent to them (or their authenticator app's), or refuse.
 * A right code turns the authorization into an authorization code for the portal, carried back in
 * the redirect; the same limits hold as for a signing request (5 wrong codes lock it, and count
 * towards the citizen's lock across requests). Failures answer {@link KysoException}s whose stable
 * codes the page turns into the citizen's words.
 */
@Singleton
public class CitizenConfirmation {
    private final Database database;
    private final Authorizations authorizations;
    private final CitizenRepository citizens;
    private final PortalDirectory portals;
    private final SecretHashes secrets;
    private final AuthorizationOtps otps;
    private final WrongOtps wrongOtps;
    private final TotpService totp;
    private final AuditLog audit;
    private final CscConfiguration config;
    private final OtpConfiguration otpConfig;
    private final Clock clock;

    public CitizenConfirmation(Database database, Authorizations authorizations, CitizenRepository citizens,
                               PortalDirectory portals, SecretHashes secrets, AuthorizationOtps otps, WrongOtps wrongOtps,
                               TotpService totp, AuditLog audit, CscConfiguration config, OtpConfiguration otpConfig,
                               Clock clock) {
        this.database = database;
        this.authorizations = authorizations;
        this.citizens = citizens;
        this.portals = portals;
        this.secrets = secrets;
        this.otps = otps;
        this.wrongOtps = wrongOtps;
        this.totp = totp;
        this.audit = audit;
        this.config = config;
        this.otpConfig = otpConfig;
        this.clock = clock;
    }

    /** An authorization reached through its page's link, with its portal and citizen. */
    public record Opened(CredentialAuthorization authorization, Portal portal, Citizen citizen) {
        /** Whether the citizen confirms with an authenticator app (no code is sent). */
        public boolean usesApp() {
            return OtpIssuer.usesApp(citizen);
        }
    }

    /** The authorization of the page's link, if the link is one Kyso made. */
    public Optional<Opened> find(String pageToken) {
        if (pageToken == null || !pageToken.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        return database.inTransaction(c -> {
            Optional<CredentialAuthorization> found = authorizations.findByPageToken(c, secrets.hash(pageToken));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            CredentialAuthorization a = expireIfDue(c, found.get());
            Optional<Citizen> citizen = citizens.find(c, a.portalId(), a.citizenId());
            Optional<Portal> portal = portals.findById(a.portalId());
            return citizen.isEmpty() || portal.isEmpty() ? Optional.empty()
                    : Optional.of(new Opened(a, portal.get(), citizen.get()));
        });
    }

    /**
     * Confirms with {@code code}; returns where the browser goes: the portal's redirect URI with the
     * authorization code and the portal's state.
     */
    public URI confirm(Opened opened, String code) {
        Instant now = clock.instant();
        Outcome outcome = database.inTransaction(c -> {
            CredentialAuthorization a = authorizations.lock(c, opened.authorization().id()).orElseThrow();
            requireAwaiting(a, now);
            opened.citizen().requireNotBlockedAt(now);
            if (!opened.usesApp() && (a.otpExpiresAt() == null || !now.isBefore(a.otpExpiresAt()))) {
                return Outcome.failed(new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired; ask for a new one."));
            }
            boolean right = opened.usesApp() ? totp.verifyAndSpend(c, opened.citizen(), code).isPresent() : otps.matches(a, code);
            if (!right) {
                return Outcome.failed(wrongCode(c, opened, a));
            }
            String authorizationCode = secrets.newSecret();
            authorizations.confirm(c, a.id(), secrets.hash(authorizationCode), now.plus(config.codeLifetime()), now);
            audit.append(c, AuditRecord.of(AuditEventType.CSC_AUTHORIZATION_CONFIRMED, opened.citizen().actor())
                    .portal(a.portalId()).request(a.id()).detail("hashes:" + a.hashes().size()).build());
            return Outcome.redirect(new AuthorizationSuccessResponse(a.redirectUri(), new AuthorizationCode(authorizationCode),
                    null, state(a), ResponseMode.QUERY).toURI());
        });
        return outcome.orThrow();
    }

    /** The citizen refuses: the portal is told {@code access_denied}. */
    public URI reject(Opened opened) {
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            CredentialAuthorization a = authorizations.lock(c, opened.authorization().id()).orElseThrow();
            requireAwaiting(a, now);
            authorizations.transition(c, a.id(), AuthorizationStatus.AWAITING_CONFIRMATION, AuthorizationStatus.REJECTED);
            audit.append(c, AuditRecord.of(AuditEventType.CSC_AUTHORIZATION_REJECTED, opened.citizen().actor())
                    .portal(a.portalId()).request(a.id()).build());
            return new AuthorizationErrorResponse(a.redirectUri(), OAuth2Error.ACCESS_DENIED, state(a), ResponseMode.QUERY)
                    .toURI();
        });
    }

    /** A new code, within the same limits as a signing request's (count and pause). */
    public void resend(Opened opened, String pagePath) {
        Instant now = clock.instant();
        CredentialAuthorization a = opened.authorization();
        if (opened.usesApp()) {
            throw new KysoException(ErrorCode.OTP_APP_CHANNEL, "The citizen confirms with an authenticator app.");
        }
        if (a.otpSentCount() > otpConfig.maxResends()) {
            throw new KysoException(ErrorCode.OTP_RESEND_LIMIT, "No more codes can be sent.");
        }
        if (a.otpLastSentAt() != null && now.isBefore(a.otpLastSentAt().plus(otpConfig.resendInterval()))) {
            long wait = java.time.Duration.between(now, a.otpLastSentAt().plus(otpConfig.resendInterval())).toSeconds() + 1;
            throw new KysoException(Problem.of(ErrorCode.OTP_RESEND_TOO_SOON, "A code was sent too recently.")
                    .withRetryAfter(wait));
        }
        opened.citizen().requireNotBlockedAt(now);
        AuthorizationOtps.Issued issued = otps.issue(opened.citizen(), a);
        boolean stored = database.inTransaction(c -> {
            requireAwaiting(authorizations.lock(c, a.id()).orElseThrow(), now);
            return authorizations.storeOtp(c, a.id(), issued.hash(), now.plus(otpConfig.lifetime()), now);
        });
        if (stored) {
            otps.send(opened.portal(), opened.citizen(), a, issued, otps.link(pagePath));
        }
    }

    private KysoException wrongCode(Connection c, Opened opened, CredentialAuthorization a) throws SQLException {
        int failures = authorizations.countFailure(c, a.id());
        audit.append(c, AuditRecord.of(AuditEventType.CODE_FAILED, opened.citizen().actor()).portal(a.portalId())
                .request(a.id()).failure("otp.invalid").detail("attempt " + failures).build());
        wrongOtps.recordCitizenFailure(c, a.portalId(), opened.citizen(), null, a.id());
        if (failures >= otpConfig.maxAttempts()) {
            authorizations.transition(c, a.id(), AuthorizationStatus.AWAITING_CONFIRMATION, AuthorizationStatus.LOCKED);
            audit.append(c, AuditRecord.of(AuditEventType.CSC_AUTHORIZATION_LOCKED, Actor.SYSTEM).portal(a.portalId())
                    .request(a.id()).failure("too many wrong codes").build());
            return new KysoException(ErrorCode.REQUEST_LOCKED, "Too many wrong codes: this authorization is locked.");
        }
        int left = otpConfig.maxAttempts() - failures;
        return new KysoException(Problem.of(ErrorCode.OTP_INVALID, "The code is not valid. " + left
                + " attempt(s) left.").withAttemptsLeft(left));
    }

    private static void requireAwaiting(CredentialAuthorization a, Instant now) {
        if (a.status() == AuthorizationStatus.EXPIRED
                || a.status() == AuthorizationStatus.AWAITING_CONFIRMATION && a.isExpiredAt(now)) {
            throw new KysoException(ErrorCode.REQUEST_EXPIRED, "The authorization has expired.");
        }
        if (a.status() == AuthorizationStatus.LOCKED) {
            throw new KysoException(ErrorCode.REQUEST_LOCKED, "This authorization is locked.");
        }
        if (!a.status().awaitsCitizen()) {
            throw new KysoException(ErrorCode.REQUEST_NOT_AWAITING, "The authorization no longer awaits confirmation.");
        }
    }

    /** The authorization as the page shows it: one past its deadline is shown expired. */
    private CredentialAuthorization expireIfDue(Connection c, CredentialAuthorization a) throws SQLException {
        if (a.status() == AuthorizationStatus.AWAITING_CONFIRMATION && a.isExpiredAt(clock.instant())
                && authorizations.transition(c, a.id(), AuthorizationStatus.AWAITING_CONFIRMATION,
                AuthorizationStatus.EXPIRED)) {
            return authorizations.find(c, a.id()).orElse(a);
        }
        return a;
    }

    private static State state(CredentialAuthorization a) {
        return a.state() == null ? null : new State(a.state());
    }

    /** What a confirmation transaction decided: where to go, or the failure to answer once it committed. */
    private record Outcome(URI redirect, KysoException failure) {
        static Outcome redirect(URI uri) {
            return new Outcome(uri, null);
        }

        static Outcome failed(KysoException failure) {
            return new Outcome(null, failure);
        }

        URI orThrow() {
            if (failure != null) {
                throw failure;
            }
            return redirect;
        }
    }
}
