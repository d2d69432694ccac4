package io.kyso.signer.confirmation;

import io.micronaut.core.annotation.Nullable;

/**
 * A message carrying a one-time code. Its {@code text} contains the code: channels deliver it and
 * must never log it.
 */
public record OtpMessage(String phone, @Nullable String email, String text) {

    @Override
    public String toString() {
        return "OtpMessage[phone=" + phone + ", text=(hidden)]";
    }
}
