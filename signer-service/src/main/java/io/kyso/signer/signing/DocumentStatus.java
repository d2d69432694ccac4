package io.kyso.signer.signing;

/** Where one document of a request stands. */
public enum DocumentStatus {
    PENDING,
    SIGNED,
    REJECTED
}
