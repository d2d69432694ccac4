package io.kyso.signer.request;

/** Where one document of a request stands. */
public enum DocumentStatus {
    PENDING,
    SIGNED,
    REJECTED
}
