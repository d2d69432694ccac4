package io.kyso.signer.request;

import io.kyso.signer.signing.TimestampStrength;
import io.kyso.signer.storage.StagedBlob;

import java.util.UUID;

/**
 * A document's signed output, staged in the store until the request commits, its format and level,
 * and the strength of the newest timestamp it carries (null at B-B).
 */
public record SignedOutput(UUID documentId, StagedBlob blob, String format, TimestampStrength newestTimestamp) {
    public long size() {
        return blob.size();
    }

    public String sha256() {
        return blob.sha256();
    }
}
