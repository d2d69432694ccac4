package io.kyso.signer.signing;

import java.time.Instant;
import java.util.UUID;

/** One document of a signing request: its original's digest, the portal's options, and once signed the output's digest. */
public record Document(
        UUID id,
        UUID requestId,
        int position,
        String name,
        String contentType,
        long size,
        String sha256,
        Integer pages,
        DocumentOptions options,
        DocumentStatus status,
        Long signedSize,
        String signedSha256,
        Instant signedAt) {

    public String originalKey() {
        return "originals/" + requestId + "/" + id;
    }

    public String signedKey() {
        return "signed/" + requestId + "/" + id;
    }
}
