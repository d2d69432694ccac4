package io.kyso.hsm;

/** The token returned a signature value that does not verify with the key's public key. */
public class SignatureVerificationException extends HsmException {
    public SignatureVerificationException(String message) {
        super(message);
    }
}
