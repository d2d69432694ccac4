package io.kyso.signer.enrollment;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.factor.FactorCodes;
import io.kyso.signer.factor.FactorMessages;
import io.kyso.signer.factor.FactorPurpose;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.identity.NationalIdentity;
import io.kyso.signer.idempotency.IdempotentAnswers;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.support.SecretTokens;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A newly enrolled credential cannot sign until its citizen activates it on Kyso's page
 * ({@code /a/<token>}): with the codes Kyso sends to the enrolled phone (and to the enrolled email,
 * which becomes a factor that way), and, where a national identity provider is configured, a login
 * there whose CCCD number is the credential's ({@link ActivationIdentity}). The portal gets the
 * link to hand over, never a code: a portal that enrolled a citizen cannot activate the credential
 * without the citizen's phone, and not without their national identity where one is configured.
 */
@Singleton
public class CredentialActivation {
    static final String PAGE = "/a/";

    private final Database database;
    private final CitizenRepository citizens;
    private final ActivationRepository activations;
    private final FactorCodes codes;
    private final FactorMessages messages;
    private final CredentialRevocation revocation;
    private final NationalIdentity identity;
    private final PortalDirectory portals;
    private final AuditLog audit;
    private final IdempotentAnswers answers;
    private final ActivationConfiguration config;
    private final PublicAddress address;
    private final Clock clock;

    public CredentialActivation(Database database, CitizenRepository citizens, ActivationRepository activations,
                                FactorCodes codes, FactorMessages messages, CredentialRevocation revocation,
                                NationalIdentity identity, PortalDirectory portals, AuditLog audit,
                                IdempotentAnswers answers, ActivationConfiguration config, PublicAddress address,
                                Clock clock) {
        this.database = database;
        this.citizens = citizens;
        this.activations = activations;
        this.codes = codes;
        this.messages = messages;
        this.revocation = revocation;
        this.identity = identity;
        this.portals = portals;
        this.audit = audit;
        this.answers = answers;
        this.config = config;
        this.address = address;
        this.clock = clock;
    }

    /** A link made in a transaction, and the codes to send once that transaction has committed. */
    public record Started(ActivationLink link, List<FactorCodes.Issued> codes) {
    }

    /**
     * In the caller's transaction: a new activation link for {@code citizen}, replacing any earlier
     * one, with a code for the phone and one for the email (where those can be reached).
     */
    Started start(Connection c, Portal portal, Citizen citizen) throws SQLException {
        List<Recipient> to = activationRecipients(citizen);
        for (String earlier : activations.deleteForCitizen(c, citizen.id())) {
            codes.discard(c, FactorPurpose.ACTIVATION, earlier);
        }
        String token = SecretTokens.newToken();
        String hash = SecretTokens.sha256(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.linkLifetime());
        activations.insert(c, hash, citizen.id(), now, expiresAt);
        List<FactorCodes.Issued> issued = new ArrayList<>();
        for (Recipient r : to) {
            issued.add(codes.issue(c, FactorPurpose.ACTIVATION, hash, r));
        }
        audit.append(c, AuditRecord.of(AuditEventType.ACTIVATION_STARTED, Actor.of(portal)).portal(portal.id())
                .detail("citizen:" + citizen.id() + " codes:" + to.stream().map(r -> r.channel().name()).toList()
                        + (identity.configured() ? " identity:required" : "")).build());
        return new Started(new ActivationLink(address.link(PAGE + token), expiresAt), issued);
    }

    /** Sends the codes of a link whose transaction committed. A code that could not go can be sent again from the page. */
    void send(Portal portal, Citizen citizen, Started started) {
        messages.sendCodes(started.codes(), code -> codeText(portal.name(), started.link().activationUrl(), code));
    }

    /** The phone (and the email): activation proves the citizen holds what the portal enrolled. */
    private List<Recipient> activationRecipients(Citizen citizen) {
        List<Recipient> to = new ArrayList<>();
        if (messages.canReach(Recipient.sms(citizen.phone()))) {
            to.add(Recipient.sms(citizen.phone()));
        }
        if (citizen.email() != null && messages.canReach(Recipient.email(citizen.email()))) {
            to.add(Recipient.email(citizen.email()));
        }
        if (to.isEmpty()) {
            throw new KysoException(ErrorCode.CITIZEN_CHANNEL_UNAVAILABLE,
                    "No channel of this service can reach the citizen to activate their credential.");
        }
        return to;
    }

    private String codeText(String portalName, String link, FactorCodes.Issued code) {
        return "[Kyso] Mã kích hoạt: " + code.code() + ". " + portalName + " đã đăng ký chữ ký số cho bạn. Kích hoạt tại "
                + link + " . Mã có hiệu lực " + Math.max(1, codes.lifetime().toMinutes()) + " phút. Không chia sẻ mã này"
                + " với bất kỳ ai, kể cả cổng dịch vụ công. Nếu bạn không đăng ký, hãy bỏ qua tin này.";
    }

    /**
     * A new activation link for a portal's citizen (the earlier one stops working), with new codes:
     * {@code POST /api/v1/citizens/{id}/activation}.
     */
    public CitizenView renew(Portal portal, UUID citizenId) {
        Citizen citizen = database.read(c -> citizens.find(c, portal.id(), citizenId)).orElseThrow(() ->
                new KysoException(ErrorCode.CITIZEN_NOT_FOUND, "No citizen " + citizenId + " for this portal."));
        if (citizen.credentialState() == CredentialState.ACTIVE) {
            throw new KysoException(ErrorCode.CREDENTIAL_ALREADY_ACTIVE, "The citizen has activated their credential.");
        }
        requireNotRevoked(citizen);
        Started started = database.inTransaction(c -> {
            Started s = start(c, portal, citizen);
            answers.record(c, 201, null, CitizenView.of(citizen, s.link()));
            return s;
        });
        send(portal, citizen, started);
        return CitizenView.of(citizen, started.link());
    }

    // ---- the citizen's page -------------------------------------------------------------------

    /** What the activation page shows. */
    public record Pending(Citizen citizen, String portalName, List<Recipient> codesSentTo, boolean codesVerified,
                          boolean identityRequired, String identityName, Instant expiresAt, boolean completed) {
    }

    /** The activation behind a link: 404-like if unknown, {@code activation.expired} if replaced or past its time. */
    public Pending pending(String token) {
        Loaded l = load(token);
        if (l.stored().completedAt() == null) {
            usable(token);
        }
        List<Recipient> sentTo = new ArrayList<>();
        database.read(c -> {
            for (OtpChannel channel : List.of(OtpChannel.SMS, OtpChannel.EMAIL)) {
                if (codes.hasCode(c, FactorPurpose.ACTIVATION, l.stored().tokenSha256(), channel)) {
                    sentTo.add(new Recipient(channel, channel == OtpChannel.SMS ? l.citizen().phone() : l.citizen().email()));
                }
            }
            return null;
        });
        String portalName = portals.findById(l.citizen().portalId()).map(Portal::name).orElse(l.citizen().portalId());
        return new Pending(l.citizen(), portalName, sentTo, l.stored().codesVerifiedAt() != null, identity.configured(),
                identity.displayName(), l.stored().expiresAt(), l.stored().completedAt() != null);
    }

    /** What the right codes led to: the credential is active, or the identity login comes next. */
    public enum Step { ACTIVATED, IDENTITY_REQUIRED }

    /**
     * Checks the codes the citizen typed ({@code presented} answers the code for each channel), in
     * the browser whose CSRF nonce is {@code browserNonce}: the identity login, if one is needed,
     * must start from that browser.
     */
    public Step verifyCodes(String token, String browserNonce, Function<OtpChannel, String> presented) {
        Loaded l = usable(token);
        if (l.stored().codesVerifiedAt() != null) {
            return Step.IDENTITY_REQUIRED;
        }
        String hash = l.stored().tokenSha256();
        FactorCodes.Check check = database.inTransaction(c -> {
            boolean emailCode = codes.hasCode(c, FactorPurpose.ACTIVATION, hash, OtpChannel.EMAIL);
            FactorCodes.Check k = codes.verify(c, FactorPurpose.ACTIVATION, hash, presented);
            if (!k.accepted()) {
                audit.append(c, AuditRecord.of(AuditEventType.ACTIVATION_CODE_FAILED, l.citizen().actor())
                        .portal(l.citizen().portalId()).failure(k.outcome().name().toLowerCase(java.util.Locale.ROOT))
                        .detail("citizen:" + l.citizen().id()).build());
                return k;
            }
            Instant now = clock.instant();
            if (emailCode) {
                citizens.setVerifiedEmail(c, l.citizen().id(), l.citizen().email(), now);
            }
            activations.codesVerified(c, hash, SecretTokens.sha256(browserNonce), now);
            audit.append(c, AuditRecord.of(AuditEventType.ACTIVATION_CODES_VERIFIED, l.citizen().actor())
                    .portal(l.citizen().portalId()).detail("citizen:" + l.citizen().id() + (emailCode ? " email" : ""))
                    .build());
            if (!identity.configured()) {
                complete(c, hash, l.citizen());
            }
            return k;
        });
        switch (check.outcome()) {
            case ACCEPTED -> {
                return identity.configured() ? Step.IDENTITY_REQUIRED : Step.ACTIVATED;
            }
            case WRONG -> throw new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                    "The code is not valid. " + check.attemptsLeft() + " attempt(s) left.")
                    .withAttemptsLeft(check.attemptsLeft()));
            case EXPIRED -> throw new KysoException(ErrorCode.OTP_EXPIRED,
                    "The code has expired. Ask for a new code and try again.");
            default -> throw locked();
        }
    }

    /** New codes for the link, within the resend limits. */
    public void resendCodes(String token) {
        Loaded l = usable(token);
        if (l.stored().codesVerifiedAt() != null) {
            return;
        }
        List<FactorCodes.Issued> issued = database.inTransaction(c ->
                codes.reissue(c, FactorPurpose.ACTIVATION, l.stored().tokenSha256()));
        String portalName = portals.findById(l.citizen().portalId()).map(Portal::name).orElse(l.citizen().portalId());
        messages.sendCodes(issued, code -> codeText(portalName, address.link(PAGE + token), code));
    }

    /** Makes the credential active, in the caller's transaction. */
    void complete(Connection c, String tokenSha256, Citizen citizen) throws SQLException {
        if (!activations.complete(c, tokenSha256, clock.instant()) || !citizens.activate(c, citizen.id(), clock.instant())) {
            throw expired();
        }
        audit.append(c, AuditRecord.of(AuditEventType.CREDENTIAL_ACTIVATED, citizen.actor()).portal(citizen.portalId())
                .detail("citizen:" + citizen.id() + (identity.configured() ? " identity:" + identity.displayName() : ""))
                .build());
    }

    /** A link with its citizen. */
    record Loaded(ActivationRepository.StoredActivation stored, Citizen citizen) {
    }

    /** The link's activation, which must still be open: not completed, not expired, not locked, not revoked. */
    Loaded usable(String token) {
        return requireOpen(load(token));
    }

    /** {@code l}, if its activation is still open. */
    Loaded requireOpen(Loaded l) {
        if (l.stored().completedAt() != null || !clock.instant().isBefore(l.stored().expiresAt())
                || l.citizen().credentialState() != CredentialState.PENDING_ACTIVATION) {
            throw expired();
        }
        if (l.stored().identityFailures() >= config.maxIdentityFailures()) {
            throw locked();
        }
        return l;
    }

    Loaded load(String token) {
        if (!SecretTokens.looksLikeToken(token)) {
            throw unknown();
        }
        ActivationRepository.StoredActivation stored = database.read(c -> activations.find(c, SecretTokens.sha256(token)))
                .orElseThrow(CredentialActivation::unknown);
        return withCitizen(stored);
    }

    /** The activation's citizen, as they are now. */
    Loaded withCitizen(ActivationRepository.StoredActivation stored) {
        Citizen citizen = database.read(c -> citizens.findById(c, stored.citizenId())).orElseThrow();
        if (stored.completedAt() == null && revocation.isRevoked(citizen)) {
            throw expired();
        }
        return new Loaded(stored, citizen);
    }

    private void requireNotRevoked(Citizen citizen) {
        if (citizen.credentialState() == CredentialState.REVOKED || revocation.isRevoked(citizen)) {
            throw new KysoException(ErrorCode.CREDENTIAL_REVOKED, "The citizen's credential is revoked.");
        }
    }

    static KysoException unknown() {
        return new KysoException(ErrorCode.PAGE_LINK_INVALID, "This activation link is not valid.");
    }

    static KysoException expired() {
        return new KysoException(ErrorCode.ACTIVATION_EXPIRED,
                "This activation link has expired, was replaced by a newer one, or was already used.");
    }

    static KysoException locked() {
        return new KysoException(ErrorCode.ACTIVATION_LOCKED,
                "Too many wrong attempts for this activation link. Ask the portal for a new one.");
    }
}
