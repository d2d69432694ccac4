package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
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

    /** Whether the signed output is a detached XML signature that refers to this original by its name. */
    public boolean isDetachedSignature() {
        return !"application/pdf".equals(contentType) && options.packaging() == DocumentOptions.XmlPackaging.DETACHED;
    }

    /**
     * The signed output's file name: {@code ho-so.pdf} becomes {@code ho-so-signed.pdf}; a detached XML
     * signature of {@code to-khai.xml} is {@code to-khai-signature.xml} (it refers to the original by its
     * name, so the original keeps it).
     */
    public String signedName() {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        if (isDetachedSignature()) {
            return base + "-signature.xml";
        }
        return dot > 0 ? base + "-signed" + name.substring(dot) : name + "-signed";
    }
}
