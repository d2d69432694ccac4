package io.kyso.signer.delivery;

/**
 * How a citizen receives one-time codes. {@code SMS} and {@code EMAIL} carry a code Kyso sends;
 * with {@code APP} the citizen reads the code from an enrolled authenticator app (TOTP) and
 * nothing is sent. Names are stored and part of the API: never rename one.
 */
public enum OtpChannel {
    SMS,
    EMAIL,
    APP
}
