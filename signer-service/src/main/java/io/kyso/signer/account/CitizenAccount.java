package io.kyso.signer.account;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenNotices;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.enrollment.CredentialRevocation;
import io.kyso.signer.enrollment.CredentialState;
import io.kyso.signer.factor.FactorCodes;
import io.kyso.signer.factor.FactorMessages;
import io.kyso.signer.factor.FactorPurpose;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.pki.RevocationReason;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the citizen does on their own page, once logged in with a code sent to their phone: see
 * every credential enrolled with that phone, everything ever asked of each key (portal, title,
 * documents, time, outcome) and its factors; suspend a credential at once (its certificate is
 * revoked: it never signs again); change the phone or the email, each proven by a code sent to the
 * new one. Every change is announced on all the citizen's channels, old and new.
 */
@Singleton
public class CitizenAccount {
    /** How much of a key's history the page shows. */
    static final int HISTORY = 200;

    private final Database database;
    private final CitizenRepository citizens;
    private final SigningRequestRepository requests;
    private final SessionRepository sessions;
    private final CredentialRevocation revocation;
    private final PortalDirectory portals;
    private final FactorCodes codes;
    private final FactorMessages messages;
    private final CitizenNotices notices;
    private final AuditLog audit;
    private final Clock clock;

    public CitizenAccount(Database database, CitizenRepository citizens, SigningRequestRepository requests,
                          SessionRepository sessions, CredentialRevocation revocation, PortalDirectory portals,
                          FactorCodes codes, FactorMessages messages, CitizenNotices notices, AuditLog audit,
                          Clock clock) {
        this.database = database;
        this.citizens = citizens;
        this.requests = requests;
        this.sessions = sessions;
        this.revocation = revocation;
        this.portals = portals;
        this.codes = codes;
        this.messages = messages;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** One credential on the page: who enrolled it, its state, and what was asked of it, newest first. */
    public record Credential(Citizen citizen, String portalName, CredentialState state, List<SigningRequest> history) {
    }

    /** A factor change waiting for its code: the new phone or email it was sent to. */
    public record PendingChange(OtpChannel channel, String address) {
    }

    /** Everything the page shows to an open session. */
    public record Overview(String phone, List<Credential> credentials, List<PendingChange> pending) {
    }

    public Overview overview(CitizenSession session) {
        return database.read(c -> {
            List<Credential> found = new ArrayList<>();
            for (Citizen citizen : citizens.findByPhone(c, session.phone())) {
                CredentialState state = revocation.isRevoked(citizen) ? CredentialState.REVOKED : citizen.credentialState();
                String portal = portals.findById(citizen.portalId()).map(Portal::name).orElse(citizen.portalId());
                found.add(new Credential(citizen, portal, state, requests.findForCitizen(c, citizen.id(), HISTORY)));
            }
            List<PendingChange> pending = new ArrayList<>();
            codes.recipientOf(c, FactorPurpose.NEW_PHONE, session.tokenSha256(), OtpChannel.SMS)
                    .ifPresent(r -> pending.add(new PendingChange(OtpChannel.SMS, r.address())));
            codes.recipientOf(c, FactorPurpose.NEW_EMAIL, session.tokenSha256(), OtpChannel.EMAIL)
                    .ifPresent(r -> pending.add(new PendingChange(OtpChannel.EMAIL, r.address())));
            return new Overview(session.phone(), found, pending);
        });
    }

    /**
     * Suspends one of the session's credentials at once: its certificate is revoked (the CRL and
     * OCSP say so), and the key signs nothing more, whatever a portal does.
     */
    public void suspend(CitizenSession session, UUID citizenId) {
        Citizen citizen = owned(session, citizenId);
        revocation.revoke(citizen, RevocationReason.KEY_COMPROMISE, citizen.actor());
        notices.announce(citizen, CitizenNotices.Change.CREDENTIAL_SUSPENDED, clock.instant(), List.of());
    }

    /** Sends a code to {@code phoneInput}, the phone the citizen wants codes on from now on. */
    public void startPhoneChange(CitizenSession session, String phoneInput) {
        String phone = CitizenSessions.normalize(phoneInput);
        start(session, FactorPurpose.NEW_PHONE, Recipient.sms(phone), "số điện thoại mới");
    }

    /** Sends a code to {@code emailInput}, the email address the citizen adds or changes to. */
    public void startEmailChange(CitizenSession session, String emailInput) {
        String email = emailInput == null ? "" : emailInput.strip();
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 254) {
            throw new KysoException(ErrorCode.REQUEST_MALFORMED, "Enter an email address.");
        }
        start(session, FactorPurpose.NEW_EMAIL, Recipient.email(email), "địa chỉ email mới");
    }

    private void start(CitizenSession session, FactorPurpose purpose, Recipient to, String what) {
        requireSomeActive(session);
        if (!messages.canReach(to)) {
            throw new KysoException(ErrorCode.CITIZEN_CHANNEL_UNAVAILABLE, "This service cannot send codes there.");
        }
        FactorCodes.Issued code = database.inTransaction(c -> codes.issue(c, purpose, session.tokenSha256(), to));
        messages.send(to, "[Kyso] Mã xác minh " + what + ": " + code.code() + ". Mã có hiệu lực "
                + Math.max(1, codes.lifetime().toMinutes()) + " phút. Không chia sẻ mã này với bất kỳ ai. Nếu bạn không"
                + " yêu cầu, hãy bỏ qua tin này.");
    }

    /**
     * The code sent to the new phone: every credential of the session gets it, the session follows
     * it, and the change is announced on the new phone, the old one and the citizen's email.
     */
    public void confirmPhoneChange(CitizenSession session, String code) {
        Recipient to = confirm(session, FactorPurpose.NEW_PHONE, OtpChannel.SMS, code);
        List<Citizen> changed = database.inTransaction(c -> {
            List<Citizen> all = citizens.findByPhone(c, session.phone());
            for (Citizen citizen : all) {
                citizens.setPhone(c, citizen.id(), to.address());
                audit.append(c, AuditRecord.of(AuditEventType.FACTOR_CHANGED, citizen.actor()).portal(citizen.portalId())
                        .detail("citizen:" + citizen.id() + " factor:phone").build());
            }
            sessions.setPhone(c, session.tokenSha256(), to.address());
            return all;
        });
        announce(changed, CitizenNotices.Change.PHONE_CHANGED, List.of(Recipient.sms(session.phone())));
    }

    /** The code sent to the new email: every credential of the session gets it, proven; announced everywhere. */
    public void confirmEmailChange(CitizenSession session, String code) {
        Recipient to = confirm(session, FactorPurpose.NEW_EMAIL, OtpChannel.EMAIL, code);
        Instant now = clock.instant();
        List<Citizen> changed = database.inTransaction(c -> {
            List<Citizen> all = citizens.findByPhone(c, session.phone());
            for (Citizen citizen : all) {
                citizens.setVerifiedEmail(c, citizen.id(), to.address(), now);
                audit.append(c, AuditRecord.of(AuditEventType.FACTOR_CHANGED, citizen.actor()).portal(citizen.portalId())
                        .detail("citizen:" + citizen.id() + " factor:email").build());
            }
            return all;
        });
        List<Recipient> previous = changed.stream().filter(c -> c.emailVerified() && c.email() != null)
                .map(c -> Recipient.email(c.email())).distinct().toList();
        announce(changed, CitizenNotices.Change.EMAIL_CHANGED, previous);
    }

    private void announce(List<Citizen> changed, CitizenNotices.Change change, List<Recipient> alsoTo) {
        Instant now = clock.instant();
        database.read(c -> {
            for (Citizen before : changed) {
                notices.announce(citizens.findById(c, before.id()).orElseThrow(), change, now, alsoTo);
            }
            return null;
        });
    }

    private Recipient confirm(CitizenSession session, FactorPurpose purpose, OtpChannel channel, String code) {
        requireSomeActive(session);
        Recipient to = database.read(c -> codes.recipientOf(c, purpose, session.tokenSha256(), channel)).orElseThrow(() ->
                new KysoException(ErrorCode.OTP_EXPIRED, "No code is waiting: start the change again."));
        FactorCodes.Check check = database.inTransaction(c -> {
            FactorCodes.Check k = codes.verify(c, purpose, session.tokenSha256(), ch -> code);
            if (k.accepted()) {
                codes.discard(c, purpose, session.tokenSha256());
            }
            return k;
        });
        switch (check.outcome()) {
            case ACCEPTED -> {
                return to;
            }
            case WRONG -> throw new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                    "The code is not valid. " + check.attemptsLeft() + " attempt(s) left.")
                    .withAttemptsLeft(check.attemptsLeft()));
            default -> {
                database.inTransaction(c -> {
                    codes.discard(c, purpose, session.tokenSha256());
                    return null;
                });
                throw new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired or was entered wrong too often:"
                        + " start the change again.");
            }
        }
    }

    /** A change of factors needs a credential that is the citizen's: activated, not revoked. */
    private void requireSomeActive(CitizenSession session) {
        boolean any = database.read(c -> citizens.findByPhone(c, session.phone())).stream()
                .anyMatch(c -> c.credentialState() == CredentialState.ACTIVE && !revocation.isRevoked(c));
        if (!any) {
            throw new KysoException(ErrorCode.CREDENTIAL_NOT_ACTIVATED,
                    "Only an activated credential's factors can be changed.");
        }
    }

    private Citizen owned(CitizenSession session, UUID citizenId) {
        return database.read(c -> citizens.findByPhone(c, session.phone())).stream()
                .filter(c -> c.id().equals(citizenId)).findFirst()
                .orElseThrow(() -> new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No such credential on this page."));
    }
}
