package io.kyso.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signing request as Kyso reports it.
 *
 * @param reference       a short reference the citizen also sees in the code's message and on the confirmation page
 * @param confirmationUrl while awaiting confirmation: the page the citizen may open on the phone; otherwise null
 * @param attemptsLeft    while awaiting confirmation: wrong codes left before the request locks; otherwise null
 * @param completedAt     when the request reached its final state; null before
 * @param lastError       the stable code of the last failure, e.g. {@code hsm.unavailable}; null if none
 */
public record SigningRequest(UUID id, UUID citizenId, String title, RequestStatus status, String reference,
                             Instant createdAt, Instant expiresAt, Instant completedAt, String confirmationUrl,
                             Integer attemptsLeft, String lastError, List<Document> documents) {

    public SigningRequest {
        documents = List.copyOf(documents);
    }

    /** True once the request can no longer change. */
    public boolean isFinal() {
        return status.isFinal();
    }

    /**
     * One document of the request: the original's digest, the level it is signed at, and once signed
     * the newest signed version's.
     *
     * @param pages         for PDFs; null for XML
     * @param level         the baseline level chosen when the request was made
     * @param signedSha256  hex SHA-256 of the newest signed version (or detached signature); null until signed
     * @param signedVersion 1 as signed; Kyso's archive renewal of a B-LTA document adds versions
     */
    public record Document(UUID id, String name, String contentType, long size, String sha256, Integer pages,
                           DocumentOptions options, SignatureLevel level, DocumentStatus status, Long signedSize,
                           String signedSha256, Instant signedAt, Integer signedVersion) {
    }
}
