package io.kyso.signer.delivery;

import io.kyso.signer.support.Masked;


/**
 * A message carrying a one-time code to one recipient: a phone number for {@code SMS}, an address
 * for {@code EMAIL}. Its {@code text} contains the code: channels deliver it and must never log it.
 */
public record OtpMessage(OtpChannel channel, String recipient, String subject, String text) {

    @Override
    public String toString() {
        return "OtpMessage[channel=" + channel + ", recipient=" + recipient + ", text=" + Masked.HIDDEN + "]";
    }
}
