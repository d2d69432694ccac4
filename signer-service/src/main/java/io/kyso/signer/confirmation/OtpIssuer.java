package io.kyso.signer.confirmation;

import io.kyso.signer.delivery.OtpSender;
import io.kyso.signer.delivery.OtpSenders;
import io.kyso.signer.delivery.OtpDeliveryException;
import io.kyso.signer.delivery.OtpMessage;
import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.support.PublicAddress;
import io.kyso.signer.request.RequestCreated;
import io.kyso.signer.request.RequestCreationListener;
import io.kyso.signer.request.SigningRequest;
import io.kyso.signer.request.SigningRequestRepository;
import io.kyso.signer.request.SigningRequestView;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
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
public class OtpIssuer implements RequestCreationListener {
    private static final Logger LOG = LoggerFactory.getLogger(OtpIssuer.class);

    private final Database database;
    private final SigningRequestRepository requests;
    private final OtpStates otps;
    private final OtpGenerator generator;
    private final OtpSenders senders;
    private final AuditLog audit;
    private final OtpConfiguration config;
    private final PublicAddress address;
    private final Clock clock;

    public OtpIssuer(Database database, SigningRequestRepository requests, OtpStates otps, OtpGenerator generator, OtpSenders senders,
                      AuditLog audit, OtpConfiguration config, PublicAddress address, Clock clock) {
        this.database = database;
        this.requests = requests;
        this.otps = otps;
        this.generator = generator;
        this.senders = senders;
        this.audit = audit;
        this.config = config;
        this.address = address;
        this.clock = clock;
    }

    /** Whether the citizen confirms with an authenticator app, so no code is sent. */
    public static boolean usesApp(Citizen citizen) {
        return citizen.otpChannel() == OtpChannel.APP && citizen.totpEnrolled();
    }

    /**
     * A new request, in the transaction that creates it: its OTP is stored there (pending delivery)
     * and sent once the request is durable; a citizen with an authenticator app gets nothing.
     */
    @Override
    public AfterCommit onCreating(Connection c, RequestCreated created) throws SQLException {
        if (usesApp(created.citizen())) {
            return NOTHING;
        }
        String code = storeIn(c, created.request());
        return () -> send(created.portal(), created.citizen(), created.request(), code);
    }

    /**
     * Issues and sends a new OTP, replacing the previous one. Returns false if the channel failed;
     * the failure is audited and recorded on the request ({@code lastError}), and the caller decides
     * how to answer.
     */
    public boolean issue(Portal portal, Citizen citizen, SigningRequest request) {
        if (usesApp(citizen)) {
            return true;
        }
        String code = database.inTransaction(c -> storeIn(c, request));
        return send(portal, citizen, request, code);
    }

    /** A fresh OTP for the request, stored (as its keyed hash) pending delivery; returns the OTP to send. */
    private String storeIn(Connection c, SigningRequest request) throws SQLException {
        String code = generator.newOtp();
        Instant now = clock.instant();
        otps.store(c, request.id(), generator.hash(request.id(), request.bindingDigest(), code),
                now.plus(config.lifetime()), now);
        return code;
    }

    private boolean send(Portal portal, Citizen citizen, SigningRequest request, String code) {
        OtpChannel kind = citizen.otpChannel() == OtpChannel.EMAIL ? OtpChannel.EMAIL : OtpChannel.SMS;
        OtpSender sender = senders.forKind(kind).orElse(null);
        try {
            if (sender == null) {
                throw new OtpDeliveryException(kind + " delivery is switched off (kyso.delivery)");
            }
            sender.send(message(kind, portal, citizen, request, code));
        } catch (OtpDeliveryException e) {
            LOG.warn("Code for request {} could not be delivered by {}: {}", request.id(), kind, e.getMessage());
            record(AuditRecord.of(AuditEventType.CODE_DELIVERY_FAILED, Actor.SYSTEM).portal(portal.id())
                    .request(request.id()).failure(ErrorCode.OTP_DELIVERY_FAILED.code()).build(), request, false);
            return false;
        }
        record(AuditRecord.of(AuditEventType.CODE_SENT, Actor.SYSTEM).portal(portal.id()).request(request.id())
                .detail("channel:" + kind + "/" + sender.name()).build(), request, true);
        return true;
    }

    private void record(AuditRecord entry, SigningRequest request, boolean delivered) {
        database.inTransaction(c -> {
            otps.deliveryRecorded(c, request.id());
            if (delivered) {
                requests.clearLastError(c, request.id(), ErrorCode.OTP_DELIVERY_FAILED.code());
            } else {
                requests.setLastError(c, request.id(), ErrorCode.OTP_DELIVERY_FAILED.code());
            }
            audit.append(c, entry);
            return null;
        });
    }

    private OtpMessage message(OtpChannel kind, Portal portal, Citizen citizen, SigningRequest request, String code) {
        long minutes = Math.max(1, config.lifetime().toMinutes());
        String text = config.messageTemplate()
                .replace("{portal}", portal.name())
                .replace("{title}", request.title())
                .replace("{documents}", Integer.toString(request.documents().size()))
                .replace("{reference}", request.reference())
                .replace("{minutes}", Long.toString(minutes))
                .replace("{link}", SigningRequestView.confirmationUrl(address, request))
                .replace("{code}", code);
        String recipient = kind == OtpChannel.EMAIL ? citizen.email() : citizen.phone();
        return new OtpMessage(kind, recipient, "Mã xác nhận Kyso – " + request.reference(), text);
    }
}
