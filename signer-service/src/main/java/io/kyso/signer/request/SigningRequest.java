package io.kyso.signer.request;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A dossier sent for one citizen's signature: who asked, for whom, where it stands, and its
 * documents. How the citizen confirms it (codes, attempts) is the confirmation feature's business.
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
                callbackUrl, createdAt, expiresAt, completedAt, lastError, docs);
    }

    /** A new request awaiting confirmation, with a fresh reference and confirmation token. */
    public static SigningRequest awaiting(UUID id, String portalId, UUID citizenId, String title, String callbackUrl,
                                          Instant createdAt, Instant expiresAt, List<Document> documents) {
        return new SigningRequest(id, portalId, citizenId, title, References.newReference(), References.newToken(),
                RequestStatus.AWAITING_CONFIRMATION, BindingDigest.of(documents.stream().map(Document::sha256).toList()),
                callbackUrl, createdAt, expiresAt, null, null, documents);
    }
}
