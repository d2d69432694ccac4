package io.kyso.signer.confirmation;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.signing.SigningRequest;
import io.kyso.signer.signing.SigningRequestRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sends a request's one-time code: a new code replaces the previous one, only its keyed hash is
 * stored, and the message names the portal, the title, the number of documents and the reference
 * that the confirmation page shows too.
 */
@Singleton
public class CodeIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(CodeIssuer.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final OneTimeCodes codes;
    private final OtpChannel channel;
    private final AuditLog audit;
    private final OtpConfiguration config;
    private final Clock clock;

    public CodeIssuer(Database database, SigningRequestRepository requests, OneTimeCodes codes, OtpChannel channel,
                      AuditLog audit, OtpConfiguration config, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.codes = codes;
        this.channel = channel;
        this.audit = audit;
        this.config = config;
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

    /**
     * Issues and sends a code. Returns false if the channel failed; the failure is audited and
     * recorded on the request, and the caller decides how to answer.
     */
    public boolean issue(Portal portal, Citizen citizen, SigningRequest request) {
        String code = codes.newCode();
        Instant now = clock.instant();
        String hash = codes.hash(request.id(), request.bindingDigest(), code);
        database.inTransaction(c -> {
            requests.storeCode(c, request.id(), hash, now.plus(config.lifetime()), now);
            return null;
        });
        try {
            channel.send(new OtpMessage(citizen.phone(), citizen.email(), text(portal, request, code)));
        } catch (OtpDeliveryException e) {
            LOG.warn("Code for request {} could not be delivered: {}", request.id(), e.getMessage());
            database.inTransaction(c -> {
                audit.append(c, AuditRecord.of(AuditEventType.CODE_DELIVERY_FAILED, "system").portal(portal.id())
                        .request(request.id()).failure(ErrorCode.OTP_DELIVERY_FAILED.code()).build());
                return null;
            });
            return false;
        }
        audit.append(AuditRecord.of(AuditEventType.CODE_SENT, "system").portal(portal.id())
                .request(request.id()).detail("channel:" + channel.getClass().getSimpleName()).build());
        return true;
    }

    private String text(Portal portal, SigningRequest request, String code) {
        long minutes = Math.max(1, config.lifetime().toMinutes());
        return "[Kyso] Mã xác nhận: " + code + ". " + portal.name() + " đề nghị bạn ký hồ sơ \"" + request.title()
                + "\" (" + request.documents().size() + " tài liệu), mã tham chiếu " + request.reference()
                + ". Mã có hiệu lực " + minutes + " phút. Không chia sẻ mã này với bất kỳ ai.";
    }
}
