package io.kyso.signer.delivery;

/** A channel could not deliver a code. The message says why, never the code. */
public class OtpDeliveryException extends Exception {
    public OtpDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public OtpDeliveryException(String message) {
        super(message);
    }
}
