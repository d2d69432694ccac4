package io.kyso.signer.csc.api;

/** Where the CSC API v2 lives. */
final class CscPaths {
    static final String BASE = "/csc/v2";

    private CscPaths() {
    }
}
