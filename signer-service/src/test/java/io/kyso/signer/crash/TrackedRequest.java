package io.kyso.signer.crash;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A signing request as the portal knows it from the service's answers: what was acknowledged last
 * ({@code acknowledged}, e.g. {@code SIGNED}, and {@code where}: which call, which round), the
 * signed documents' digests the confirmation answered, and the bytes downloaded.
 */
record TrackedRequest(UUID id, UUID citizenId, String phone, String reference, String code, List<UUID> documents,
                      String acknowledged, String where, Map<UUID, String> signedSha256, Map<UUID, byte[]> downloaded) {

    TrackedRequest {
        documents = List.copyOf(documents);
        signedSha256 = Map.copyOf(signedSha256);
        downloaded = Map.copyOf(downloaded);
    }

    static TrackedRequest created(UUID id, UUID citizenId, String phone, String reference, List<UUID> documents,
                                  String status, String where) {
        return new TrackedRequest(id, citizenId, phone, reference, null, documents, status, where, Map.of(), Map.of());
    }

    TrackedRequest withCode(String newCode) {
        return new TrackedRequest(id, citizenId, phone, reference, newCode, documents, acknowledged, where, signedSha256,
                downloaded);
    }

    /** A later state answered, with the signed digests the answer named (if any). */
    TrackedRequest acknowledging(String status, String at, Map<UUID, String> digests) {
        Map<UUID, String> signed = new HashMap<>(signedSha256);
        signed.putAll(digests);
        return new TrackedRequest(id, citizenId, phone, reference, code, documents, status, at, signed, downloaded);
    }

    TrackedRequest withDownload(UUID document, byte[] bytes) {
        Map<UUID, byte[]> all = new HashMap<>(downloaded);
        all.put(document, bytes);
        return new TrackedRequest(id, citizenId, phone, reference, code, documents, acknowledged, where, signedSha256, all);
    }

    /** What was acknowledged and where, for violation messages. */
    String acknowledgement() {
        return acknowledged + " (" + where + ")";
    }
}
