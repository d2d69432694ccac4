package io.kyso.signer.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dossier sent for one citizen's signature, with its one-time-code state. {@code otpHash} is the
 * keyed hash of the current code, never the code.
 */
public record SigningRequest(
        UUID id,
        String portalId,
        UUID citizenId,
        String title,
        String reference,
        String confirmationToken,
        RequestStatus status,
        String bindingDigest,
        String callbackUrl,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt,
        String otpHash,
        Instant otpExpiresAt,
        int otpSentCount,
        Instant otpLastSentAt,
        int failedAttempts,
        String lastError,
        List<Document> documents) {

    public SigningRequest {
        documents = List.copyOf(documents);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public SigningRequest withDocuments(List<Document> docs) {
        return new SigningRequest(id, portalId, citizenId, title, reference, confirmationToken, status, bindingDigest,
                callbackUrl, createdAt, expiresAt, completedAt, otpHash, otpExpiresAt, otpSentCount, otpLastSentAt,
                failedAttempts, lastError, docs);
    }
}
