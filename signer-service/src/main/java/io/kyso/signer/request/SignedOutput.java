package io.kyso.signer.request;

import io.kyso.signer.storage.StagedBlob;

import java.util.UUID;

/** A document's signed output, staged in the store until the request commits, and its format and level. */
public record SignedOutput(UUID documentId, StagedBlob blob, String format) {
    public long size() {
        return blob.size();
    }

    public String sha256() {
        return blob.sha256();
    }
}
