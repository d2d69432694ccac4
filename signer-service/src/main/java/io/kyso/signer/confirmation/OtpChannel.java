package io.kyso.signer.confirmation;

/**
 * Delivers one-time codes to citizens: an SMS gateway, email, or the development outbox. The narrow
 * edge of the system where a fake is allowed in tests.
 */
public interface OtpChannel {

    /** @throws OtpDeliveryException if the message could not be handed to the carrier */
    void send(OtpMessage message) throws OtpDeliveryException;
}
