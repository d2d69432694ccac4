package io.kyso.signer.support;

/**
 * How a value that must never reach a log (an OTP, a password, a secret, a message carrying a code)
 * shows in a {@code toString()}: as {@link #HIDDEN}, or as whether it was given at all. The one way
 * records that carry such values describe themselves.
 */
public final class Masked {
    /** In place of a value that is always there and never shown (an OTP, a message's text). */
    public static final String HIDDEN = "(hidden)";

    private Masked() {
    }

    /** {@code (set)} or {@code (none)}: whether a secret was given, never the secret. */
    public static String presence(Object secret) {
        return secret == null ? "(none)" : "(set)";
    }
}
