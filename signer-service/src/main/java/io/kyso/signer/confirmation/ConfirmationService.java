package io.kyso.signer.confirmation;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.idempotency.IdempotentAnswers;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.request.BindingDigest;
import io.kyso.signer.request.Document;
import io.kyso.signer.request.DossierSigner;
import io.kyso.signer.request.RequestGuards;
import io.kyso.signer.request.RequestStatus;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import io.kyso.signer.request.SigningRequestService;
import io.kyso.signer.request.SigningRequestViews;
import io.kyso.signer.totp.TotpService;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The citizen's confirmation: checks the code against the request and its exact documents (a sent
 * code is bound to them; an app code is checked against the citizen's seed while the documents'
 * digests are checked against the binding the page showed), counts wrong codes, and hands a
 * confirmed request to the signer. The citizen may approve a subset of the presented documents:
 * the others are rejected in the same transaction that claims the request, and the audit log
 * records the digest of exactly the approved set. Exactly one of several concurrent right answers
 * wins the claim; the others get 409.
 *
 * <p>An app code carries no binding to a request or its documents, so it is accepted only from
 * Kyso's own page, which shows them: the API refuses it ({@code otp.app_code_page_only}) without
 * looking at it. A code is spent even when the signing it confirmed fails: after an HSM outage the
 * citizen gets a fresh code (an app user types the app's next one) and the request stays
 * confirmable; the spent code, tried again, answers {@code otp.used} and counts as no wrong code.
 */
@Singleton
public class ConfirmationService {
    private final Database database;
    private final SigningRequestRepository requests;
    private final OtpStates otps;
    private final SigningRequestService requestService;
    private final CitizenRepository citizens;
    private final OtpGenerator generator;
    private final OtpIssuer issuer;
    private final TotpService totp;
    private final WrongOtps wrongOtps;
    private final DossierSigner signer;
    private final AuditLog audit;
    private final KysoMetrics metrics;
    private final OtpConfiguration config;
    private final SigningRequestViews views;
    private final IdempotentAnswers answers;
    private final Clock clock;

    public ConfirmationService(Database database, SigningRequestRepository requests, OtpStates otps,
                               SigningRequestService requestService, CitizenRepository citizens, OtpGenerator generator,
                               OtpIssuer issuer, TotpService totp, WrongOtps wrongOtps, DossierSigner signer,
                               AuditLog audit, KysoMetrics metrics, OtpConfiguration config, SigningRequestViews views,
                               IdempotentAnswers answers, Clock clock) {
        this.views = views;
        this.answers = answers;
        this.database = database;
        this.requests = requests;
        this.otps = otps;
        this.requestService = requestService;
        this.citizens = citizens;
        this.generator = generator;
        this.issuer = issuer;
        this.totp = totp;
        this.wrongOtps = wrongOtps;
        this.signer = signer;
        this.audit = audit;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /** Confirms with every document approved: the portal relays the code. */
    public SigningRequest confirm(Portal portal, UUID id, String otp) {
        return confirm(portal, id, new Confirmation(otp, null, null, Confirmation.Via.API));
    }

    /**
     * Checks the code and signs, in one transaction that holds the request's row from the check to
     * the signed state: a crash at any point leaves the request as it was (the code still works) or
     * signed, never in between; a concurrent confirmation waits for the row and then finds the
     * request confirmed.
     */
    public SigningRequest confirm(Portal portal, UUID id, Confirmation confirmation) {
        SigningRequest request = requestService.get(portal, id);
        RequestGuards.requireAwaiting(request);
        Citizen citizen = citizen(portal, request);
        citizen.requireNotBlockedAt(clock.instant());
        String binding = BindingDigest.of(request.documents().stream().map(Document::sha256).toList());
        if (!binding.equals(request.bindingDigest()) || (confirmation.presentedBinding() != null
                && !confirmation.presentedBinding().equals(request.bindingDigest()))) {
            throw new KysoException(ErrorCode.CONFIRMATION_DOCUMENTS_CHANGED,
                    "The documents are not the ones presented for confirmation. Reload the page and check them again.");
        }
        if (confirmation.via() == Confirmation.Via.API && OtpIssuer.usesApp(citizen)) {
            throw refuseAppCodeFromApi(portal, citizen, request);
        }
        Set<UUID> approved = approvedSet(request, confirmation.approved());
        AtomicReference<AcceptedCode> accepted = new AtomicReference<>();
        Outcome outcome;
        try {
            outcome = database.inTransaction(c -> confirmIn(c, portal, citizen, id, confirmation, approved, accepted));
        } catch (RuntimeException e) {
            if (DossierSigner.isSigningFailure(e)) {
                signer.recordFailure(request, e);
                spendAfterFailure(portal, citizen, request, accepted.get(), e);
            }
            throw e;
        }
        if (outcome.wrongCode() != null) {
            throw wrongOtps.answer(outcome.wrongCode(), outcome.request());
        }
        if (outcome.signed() != null) {
            outcome.signed().count(metrics);
        } else {
            metrics.requestCompleted(RequestStatus.REJECTED);
        }
        return requestService.get(portal, id);
    }

    /** What the confirmation's transaction did: a wrong code counted, or the request signed or rejected. */
    private record Outcome(SigningRequest request, WrongOtps.Failure wrongCode, DossierSigner.Signed signed) {
    }

    /** The code a confirmation's transaction accepted: a sent code's hash, or an app code's time step. */
    private record AcceptedCode(String otpHash, OptionalLong step) {
    }

    private KysoException refuseAppCodeFromApi(Portal portal, Citizen citizen, SigningRequest request) {
        audit.append(AuditRecord.of(AuditEventType.CONFIRMATION_REFUSED, io.kyso.signer.audit.Actor.of(portal))
                .portal(portal.id()).request(request.id()).failure(ErrorCode.OTP_APP_CODE_PAGE_ONLY.code()).build());
        return new KysoException(ErrorCode.OTP_APP_CODE_PAGE_ONLY, "Citizen " + citizen.id() + " confirms with an"
                + " authenticator app, whose codes are bound to no request: they are accepted only on the citizen's"
                + " confirmation page (confirmationUrl), which shows the documents. The code was not looked at.");
    }

    private Outcome confirmIn(Connection c, Portal portal, Citizen citizen, UUID id, Confirmation confirmation,
                              Set<UUID> approved, AtomicReference<AcceptedCode> accepted) throws SQLException {
        SigningRequest request = requests.find(c, portal.id(), id, SigningRequestRepository.Lock.FOR_UPDATE).orElseThrow();
        RequestGuards.requireAwaiting(request);
        String code = confirmation.otp() == null ? "" : confirmation.otp().strip();
        String claimedHash;
        if (OtpIssuer.usesApp(citizen)) {
            OptionalLong step = totp.verifyAndSpend(c, citizen, code);
            if (step.isEmpty()) {
                return new Outcome(request, wrongOtps.recordIn(c, citizen, request), null);
            }
            accepted.set(new AcceptedCode(null, step));
            claimedHash = null;
        } else {
            OtpStates.OtpState otp = otps.find(c, id).orElseThrow();
            if (generator.matches(otp.usedHash(), request.id(), request.bindingDigest(), code)) {
                throw new KysoException(ErrorCode.OTP_USED, "This code was already used for a signing that could not"
                        + " finish; a new code was sent to the citizen.");
            }
            if (!otp.isValidAt(clock.instant())) {
                throw new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired. Ask for a new code and try again.");
            }
            if (!generator.matches(otp.otpHash(), request.id(), request.bindingDigest(), code)) {
                return new Outcome(request, wrongOtps.recordIn(c, citizen, request), null);
            }
            claimedHash = otp.otpHash();
            accepted.set(new AcceptedCode(claimedHash, OptionalLong.empty()));
        }
        if (!claim(c, citizen, request, claimedHash, approved, confirmation.via())) {
            throw new KysoException(ErrorCode.REQUEST_ALREADY_CONFIRMED, "This request was already confirmed.");
        }
        DossierSigner.Signed signed = null;
        if (!approved.isEmpty()) {
            signed = signer.signAll(c, citizen, requests.find(c, portal.id(), id, SigningRequestRepository.Lock.NONE).orElseThrow());
        }
        SigningRequest done = requests.find(c, portal.id(), id, SigningRequestRepository.Lock.NONE).orElseThrow();
        answers.record(c, 200, null, views.of(c, done));
        return new Outcome(done, null, signed);
    }

    private static Set<UUID> approvedSet(SigningRequest request, List<UUID> approved) {
        Set<UUID> all = new HashSet<>(request.documents().stream().map(Document::id).toList());
        if (approved == null) {
            return all;
        }
        Set<UUID> chosen = new HashSet<>(approved);
        if (!all.containsAll(chosen)) {
            chosen.removeAll(all);
            throw new KysoException(ErrorCode.CONFIRMATION_UNKNOWN_DOCUMENT,
                    "Document(s) " + chosen + " are not part of this request.");
        }
        return chosen;
    }

    /**
     * Claims the request and records the citizen's choice, document by document. With nothing
     * approved, the confirmed request is rejected as a whole and nothing is signed.
     */
    private boolean claim(Connection c, Citizen citizen, SigningRequest request, String otpHash, Set<UUID> approved,
                          Confirmation.Via via) throws SQLException {
        // a sent code is spent here; an app code's time step was spent when it was checked
        if ((otpHash != null && !otps.spend(c, request.id(), otpHash)) || !requests.claimForSigning(c, request.id())) {
            return false;
        }
        // the digest of exactly the approved set, in the request's order: what this code's acceptance signs
        String approvedDigest = BindingDigest.of(request.documents().stream().filter(d -> approved.contains(d.id()))
                .map(Document::sha256).toList());
        audit.append(c, AuditRecord.of(AuditEventType.REQUEST_CONFIRMED, citizen.actor()).portal(request.portalId())
                .request(request.id()).detail("via:" + via.label() + " approved:" + approved.size() + "/"
                        + request.documents().size() + " approvedDigest:" + approvedDigest).build());
        for (Document doc : request.documents()) {
            boolean yes = approved.contains(doc.id());
            if (!yes) {
                requests.rejectDocument(c, request.id(), doc.id());
            }
            audit.append(c, AuditRecord.of(yes ? AuditEventType.DOCUMENT_APPROVED : AuditEventType.DOCUMENT_REJECTED,
                    citizen.actor()).portal(request.portalId()).request(request.id())
                    .document(doc.id(), doc.sha256()).build());
        }
        if (approved.isEmpty()) {
            requests.transition(c, request.id(), RequestStatus.SIGNING, RequestStatus.REJECTED, clock.instant(), null);
            audit.append(c, AuditRecord.of(AuditEventType.REQUEST_REJECTED, citizen.actor())
                    .portal(request.portalId()).request(request.id()).detail("no document approved").build());
        }
        return true;
    }

    /**
     * After a signing that failed and was rolled back: the code that confirmed it is spent all the
     * same (a sent code keeps only its hash, to answer {@code otp.used}; an app code's time step is
     * spent again), and if the request still awaits confirmation (the HSM was away) the citizen gets
     * a fresh code at once, so that they can confirm again when it is back.
     */
    private void spendAfterFailure(Portal portal, Citizen citizen, SigningRequest request, AcceptedCode code,
                                   RuntimeException cause) {
        if (code == null) {
            return;
        }
        boolean spent = database.inTransaction(c -> {
            boolean done = code.step().isPresent()
                    ? totp.respend(c, citizen.id(), code.step().getAsLong())
                    : otps.spendAfterFailure(c, request.id(), code.otpHash());
            if (done) {
                audit.append(c, AuditRecord.of(AuditEventType.CODE_SPENT, io.kyso.signer.audit.Actor.SYSTEM)
                        .portal(request.portalId()).request(request.id())
                        .detail("signing failed: " + cause.getClass().getSimpleName()).build());
            }
            return done;
        });
        boolean awaiting = database.read(c -> requests.findById(c, request.id()))
                .map(r -> r.status() == RequestStatus.AWAITING_CONFIRMATION).orElse(false);
        if (spent && awaiting && code.step().isEmpty()) {
            issuer.reissue(portal, citizen, request);
        }
    }

    /** Sends a new code, within the resend limits. */
    public SigningRequest resend(Portal portal, UUID id) {
        SigningRequest request = requestService.get(portal, id);
        RequestGuards.requireAwaiting(request);
        Citizen citizen = citizen(portal, request);
        citizen.requireNotBlockedAt(clock.instant());
        if (OtpIssuer.usesApp(citizen)) {
            throw new KysoException(ErrorCode.OTP_APP_CHANNEL,
                    "This citizen confirms with the code of their authenticator app; no code is sent.");
        }
        OtpStates.OtpState otp = database.read(c -> otps.find(c, id)).orElseThrow();
        if (otp.sentCount() > config.maxResends()) {
            throw new KysoException(ErrorCode.OTP_RESEND_LIMIT,
                    "No more codes can be sent for this request (" + config.maxResends() + " resends at most).");
        }
        Instant next = otp.lastSentAt() == null ? Instant.MIN : otp.lastSentAt().plus(config.resendInterval());
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

    /** The citizen a request is for. */
    public Citizen citizen(Portal portal, SigningRequest request) {
        return database.read(c -> citizens.find(c, portal.id(), request.citizenId())).orElseThrow();
    }
}
