package io.kyso.signer.delivery;


/**
 * Delivers one-time codes to citizens: an SMS gateway, email, or the development outbox. The narrow
 * edge of the system where a fake is allowed in tests. Configuration picks, per kind of channel,
 * which implementation carries it ({@code kyso.delivery.sms}, {@code kyso.delivery.email}).
 */
public interface OtpSender {

    /** The name configuration selects this implementation by, e.g. {@code gateway}, {@code smtp}, {@code outbox}. */
    String name();

    /** Whether this implementation can carry messages of {@code kind}. */
    boolean carries(OtpChannel kind);

    /** @throws OtpDeliveryException if the message could not be handed to the carrier */
    void send(OtpMessage message) throws OtpDeliveryException;
}
