package io.kyso.signer.signing;

import java.time.Instant;
import java.util.UUID;

/** One document of a signing request, with its original's digest and, once signed, the output's. */
public record Document(
        UUID id,
        UUID requestId,
        int position,
        String name,
        String contentType,
        long size,
        String sha256,
        Integer pages,
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
