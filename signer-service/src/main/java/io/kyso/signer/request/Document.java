package io.kyso.signer.request;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.SignatureLevel;

import java.time.Instant;
import java.util.UUID;

/**
 * One document of a signing request: its original's digest, the portal's options, the level it is
 * signed at, and once signed the newest signed version's digest and number (1 as signed; archive
 * renewal adds versions).
 */
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
        SignatureLevel level,
        DocumentStatus status,
        Long signedSize,
        String signedSha256,
        Instant signedAt,
        Integer signedVersion,
        String signedVersionKey) {

    public String originalKey() {
        return "originals/" + requestId + "/" + id;
    }

    /**
     * The newest signed version's key: version 1's is {@code signed/<request>/<document>} (as
     * documents were kept before there were versions); a renewal's is its own, recorded with it.
     */
    public String signedKey() {
        return signedVersionKey != null ? signedVersionKey : firstSignedKey(requestId, id);
    }

    /** Where version 1 of a document's signed output is kept. */
    public static String firstSignedKey(UUID requestId, UUID documentId) {
        return "signed/" + requestId + "/" + documentId;
    }

    /**
     * A new key for a later version: {@code signed/<request>/<document>.v<n>.<random>}, never used
     * before, so an attempt that lost its lease cannot overwrite another's file.
     */
    public String newVersionKey(int version) {
        return firstSignedKey(requestId, id) + ".v" + version + "." + UUID.randomUUID().toString().substring(0, 8);
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
