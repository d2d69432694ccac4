package io.kyso.signer.confirmation;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.delivery.OtpChannels;
import io.kyso.signer.delivery.OtpDeliveryException;
import io.kyso.signer.delivery.OtpMessage;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.delivery.CodeChannel;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.request.SigningConfiguration;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import io.kyso.signer.request.SigningRequestView;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends a request's one-time code through the citizen's channel: a new code replaces the previous
 * one, only its keyed hash is stored, and the message names the portal, the title, the number of
 * documents and the reference that the confirmation page shows too. A citizen who confirms with an
 * authenticator app gets nothing: the app makes the code.
 */
@Singleton
public class CodeIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(CodeIssuer.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final OneTimeCodes codes;
    private final OtpChannels channels;
    private final AuditLog audit;
    private final OtpConfiguration config;
    private final SigningConfiguration signing;
    private final Clock clock;

    public CodeIssuer(Database database, SigningRequestRepository requests, OneTimeCodes codes, OtpChannels channels,
                      AuditLog audit, OtpConfiguration config, SigningConfiguration signing, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.codes = codes;
        this.channels = channels;
        this.audit = audit;
        this.config = config;
        this.signing = signing;
        this.clock = clock;
    }

    /** Refuses new codes for a citizen who is blocked after too many wrong codes. */
    public void requireNotBlocked(Citizen citizen) {
        Instant now = clock.instant();
        if (citizen.blockedUntil() != null && citizen.blockedUntil().isAfter(now)) {
            long seconds = Duration.between(now, citizen.blockedUntil()).toSeconds() + 1;
            throw new KysoException(Problem.of(ErrorCode.CITIZEN_LOCKED,
                    "Too many wrong codes were entered for this citizen. Try again in " + (seconds / 60 + 1) + " minutes.")
                    .withRetryAfter(seconds));
        }
    }

    /** Whether the citizen confirms with an authenticator app, so no code is sent. */
    public static boolean usesApp(Citizen citizen) {
        return citizen.otpChannel() == CodeChannel.APP && citizen.totpEnrolled();
    }

    /**
     * Issues and sends a code. Returns false if the channel failed; the failure is audited and
     * recorded on the request ({@code lastError}), and the caller decides how to answer.
     */
    public boolean issue(Portal portal, Citizen citizen, SigningRequest request) {
        if (usesApp(citizen)) {
            return true;
        }
        String code = codes.newCode();
        Instant now = clock.instant();
        String hash = codes.hash(request.id(), request.bindingDigest(), code);
        database.inTransaction(c -> {
            requests.storeCode(c, request.id(), hash, now.plus(config.lifetime()), now);
            return null;
        });
        CodeChannel kind = citizen.otpChannel() == CodeChannel.EMAIL ? CodeChannel.EMAIL : CodeChannel.SMS;
        OtpChannel channel = channels.forKind(kind).orElse(null);
        try {
            if (channel == null) {
                throw new OtpDeliveryException(kind + " delivery is switched off (kyso.delivery)");
            }
            channel.send(message(kind, portal, citizen, request, code));
        } catch (OtpDeliveryException e) {
            LOG.warn("Code for request {} could not be delivered by {}: {}", request.id(), kind, e.getMessage());
            record(AuditRecord.of(AuditEventType.CODE_DELIVERY_FAILED, "system").portal(portal.id())
                    .request(request.id()).failure(ErrorCode.OTP_DELIVERY_FAILED.code()).build(), request, false);
            return false;
        }
        record(AuditRecord.of(AuditEventType.CODE_SENT, "system").portal(portal.id()).request(request.id())
                .detail("channel:" + kind + "/" + channel.name()).build(), request, true);
        return true;
    }

    private void record(AuditRecord entry, SigningRequest request, boolean delivered) {
        database.inTransaction(c -> {
            requests.recordDelivery(c, request.id(), delivered);
            audit.append(c, entry);
            return null;
        });
    }

    private OtpMessage message(CodeChannel kind, Portal portal, Citizen citizen, SigningRequest request, String code) {
        long minutes = Math.max(1, config.lifetime().toMinutes());
        String text = config.messageTemplate()
                .replace("{portal}", portal.name())
                .replace("{title}", request.title())
                .replace("{documents}", Integer.toString(request.documents().size()))
                .replace("{reference}", request.reference())
                .replace("{minutes}", Long.toString(minutes))
                .replace("{link}", SigningRequestView.confirmationUrl(signing.publicUrl(), request))
                .replace("{code}", code);
        String recipient = kind == CodeChannel.EMAIL ? citizen.email() : citizen.phone();
        return new OtpMessage(kind, recipient, "Mã xác nhận Kyso – " + request.reference(), text);
    }
}
