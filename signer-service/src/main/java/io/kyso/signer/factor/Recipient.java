package io.kyso.signer.factor;

import io.kyso.signer.delivery.OtpChannel;

import java.util.Objects;

/**
 * Where a factor code or a notice goes: a phone number (SMS) or an email address (EMAIL). Never an
 * authenticator app: nothing can be sent to one.
 */
public record Recipient(OtpChannel channel, String address) {

    public Recipient {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        if (channel == OtpChannel.APP) {
            throw new IllegalArgumentException("nothing can be sent to an authenticator app");
        }
    }

    public static Recipient sms(String phone) {
        return new Recipient(OtpChannel.SMS, phone);
    }

    public static Recipient email(String address) {
        return new Recipient(OtpChannel.EMAIL, address);
    }
}
