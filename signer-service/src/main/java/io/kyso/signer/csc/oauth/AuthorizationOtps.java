package io.kyso.signer.csc.oauth;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.confirmation.OtpConfiguration;
import io.kyso.signer.confirmation.OtpGenerator;
import io.kyso.signer.confirmation.OtpIssuer;
import io.kyso.signer.csc.CredentialAuthorization;
import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.delivery.OtpDeliveryException;
import io.kyso.signer.delivery.OtpMessage;
import io.kyso.signer.delivery.OtpSender;
import io.kyso.signer.delivery.OtpSenders;
import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.support.PublicAddress;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time codes for credential authorizations: 6 digits from the code generator, stored only as
 * HMAC(key, authorization id ‖ binding ‖ code), so a code is worthless for another authorization or
 * other hashes; sent through the citizen's channel with the same message as a signing request's
 * (portal, what is to be signed, reference, link to the page). A citizen who confirms with an
 * authenticator app gets nothing: the app makes the code, and only Kyso's page takes it.
 */
@Singleton
public class AuthorizationOtps {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizationOtps.class);

    private final OtpGenerator generator;
    private final OtpSenders senders;
    private final OtpConfiguration config;
    private final AuditLog audit;
    private final PublicAddress address;

    public AuthorizationOtps(OtpGenerator generator, OtpSenders senders, OtpConfiguration config, AuditLog audit,
                             PublicAddress address) {
        this.generator = generator;
        this.senders = senders;
        this.config = config;
        this.audit = audit;
        this.address = address;
    }

    /** A new code and its stored hash; the code exists only until it is sent. */
    public record Issued(String code, String hash) {
        @Override
        public String toString() {
            return "Issued[code=(hidden)]";
        }
    }

    /** A new code for {@code authorization}, unless the citizen confirms with an app (then null). */
    public Issued issue(Citizen citizen, CredentialAuthorization authorization) {
        if (OtpIssuer.usesApp(citizen)) {
            return null;
        }
        String code = generator.newOtp();
        return new Issued(code, generator.hash(authorization.id(), authorization.bindingDigest(), code));
    }

    /** Whether {@code code} is the authorization's current code, compared in constant time. */
    public boolean matches(CredentialAuthorization authorization, String code) {
        return generator.matches(authorization.otpHash(), authorization.id(), authorization.bindingDigest(), code);
    }

    /** Sends the code to the citizen and audits the outcome; false if it could not be delivered. */
    public boolean send(Portal portal, Citizen citizen, CredentialAuthorization authorization, Issued issued,
                        String pageLink) {
        OtpChannel kind = citizen.otpChannel() == OtpChannel.EMAIL ? OtpChannel.EMAIL : OtpChannel.SMS;
        OtpSender sender = senders.forKind(kind).orElse(null);
        try {
            if (sender == null) {
                throw new OtpDeliveryException(kind + " delivery is switched off (kyso.delivery)");
            }
            sender.send(message(kind, portal, citizen, authorization, issued.code(), pageLink));
        } catch (OtpDeliveryException e) {
            LOG.warn("Code for CSC authorization {} could not be delivered by {}: {}", authorization.id(), kind,
                    e.getMessage());
            audit.append(AuditRecord.of(AuditEventType.CODE_DELIVERY_FAILED, Actor.SYSTEM).portal(portal.id())
                    .request(authorization.id()).failure("otp.delivery_failed").build());
            return false;
        }
        audit.append(AuditRecord.of(AuditEventType.CODE_SENT, Actor.SYSTEM).portal(portal.id())
                .request(authorization.id()).detail("channel:" + kind + "/" + sender.name()).build());
        return true;
    }

    private OtpMessage message(OtpChannel kind, Portal portal, Citizen citizen, CredentialAuthorization authorization,
                               String code, String pageLink) {
        long minutes = Math.max(1, config.lifetime().toMinutes());
        String title = authorization.description() != null ? authorization.description()
                : "Ký số " + authorization.hashes().size() + " tài liệu";
        String text = config.messageTemplate()
                .replace("{portal}", portal.name())
                .replace("{title}", title)
                .replace("{documents}", Integer.toString(authorization.hashes().size()))
                .replace("{reference}", authorization.reference())
                .replace("{minutes}", Long.toString(minutes))
                .replace("{link}", pageLink)
                .replace("{code}", code);
        String recipient = kind == OtpChannel.EMAIL ? citizen.email() : citizen.phone();
        return new OtpMessage(kind, recipient, "Mã xác nhận Kyso – " + authorization.reference(), text);
    }

    /** The page's link: the public URL of {@code path}. */
    public String link(String path) {
        return address.link(path);
    }
}
