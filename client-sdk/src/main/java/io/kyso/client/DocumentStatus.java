package io.kyso.client;

/** Where one document of a request stands. */
public enum DocumentStatus {
    PENDING,
    SIGNED,
    REJECTED
}
