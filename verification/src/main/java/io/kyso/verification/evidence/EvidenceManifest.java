package io.kyso.verification.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The manifest of an evidence package ({@code manifest.json}): what the package is about and every
 * other file in it with its SHA-256. The service's seal signs exactly these bytes
 * ({@code manifest.json.p7s}, CAdES-BASELINE-B, detached), so a file that is changed, added or
 * removed, or a manifest that is edited, is caught.
 *
 * @param format      {@value #FORMAT}
 * @param requestId   the signing request the package is the evidence of
 * @param status      the request's status when the package was made
 * @param generatedAt when the package was made
 */
public record EvidenceManifest(String format, String requestId, String title, String portalId, String status,
                               Instant createdAt, Instant generatedAt, List<Entry> files) {
    public static final String FORMAT = "kyso-evidence/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.p7s";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public EvidenceManifest {
        files = List.copyOf(files);
    }

    /** What a file of the package is. */
    public enum Role { ORIGINAL, SIGNED, AUDIT, REVOCATION }

    /**
     * One file of the package.
     *
     * @param path              where it is in the ZIP
     * @param role              what it is
     * @param name              the name to verify it under: a document's name as the portal gave it (a
     *                          detached signature refers to its original by that name), the signed file's name
     * @param detached          the document is signed with a detached signature: its signed file is that
     *                          signature, which must be verified together with its original
     */
    public record Entry(String path, Role role, String name, String sha256, long size, boolean detached) {
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EvidenceManifest fromJson(byte[] json) throws IOException {
        EvidenceManifest manifest = JSON.readValue(json, EvidenceManifest.class);
        if (!FORMAT.equals(manifest.format()) || manifest.files() == null) {
            throw new IOException("not a " + FORMAT + " manifest");
        }
        return manifest;
    }
}
