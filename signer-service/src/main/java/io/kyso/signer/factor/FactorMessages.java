package io.kyso.signer.factor;

import io.kyso.signer.delivery.OtpDeliveryException;
import io.kyso.signer.delivery.OtpMessage;
import io.kyso.signer.delivery.OtpSender;
import io.kyso.signer.delivery.OtpSenders;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Sends factor codes and notices through the channels configuration selects (the same carriers as
 * signing codes). A message that cannot be delivered is logged (never its text) and reported as
 * false: the caller's page offers to send again, and a notice is best effort on every channel.
 */
@Singleton
public class FactorMessages {
    private static final Logger LOG = LoggerFactory.getLogger(FactorMessages.class);
    private static final String SUBJECT = "Kyso – chữ ký số của bạn";

    private final OtpSenders senders;

    public FactorMessages(OtpSenders senders) {
        this.senders = senders;
    }

    /** Whether messages can reach {@code recipient}'s kind of channel in this service. */
    public boolean canReach(Recipient recipient) {
        return senders.isActive(recipient.channel());
    }

    /** Sends {@code text} to {@code to}; false if its channel is off or the carrier refused it. */
    public boolean send(Recipient to, String text) {
        Optional<OtpSender> sender = senders.forKind(to.channel());
        if (sender.isEmpty()) {
            LOG.warn("A {} message could not be sent: {} delivery is switched off (kyso.delivery)", to.channel(), to.channel());
            return false;
        }
        try {
            sender.get().send(new OtpMessage(to.channel(), to.address(), SUBJECT, text));
            return true;
        } catch (OtpDeliveryException e) {
            LOG.warn("A {} message could not be delivered: {}", to.channel(), e.getMessage());
            return false;
        }
    }

    /** Sends each code with the text {@code textOf} makes for it; false if any could not be sent. */
    public boolean sendCodes(List<FactorCodes.Issued> codes, java.util.function.Function<FactorCodes.Issued, String> textOf) {
        boolean all = true;
        for (FactorCodes.Issued code : codes) {
            all &= send(code.recipient(), textOf.apply(code));
        }
        return all;
    }

    /** A notice to every one of {@code recipients}, best effort; returns how many it reached. */
    public int announce(List<Recipient> recipients, String text) {
        int reached = 0;
        for (Recipient r : recipients) {
            if (send(r, text)) {
                reached++;
            }
        }
        return reached;
    }
}
