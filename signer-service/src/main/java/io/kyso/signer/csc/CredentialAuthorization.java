package io.kyso.signer.csc;

import io.kyso.hsm.DigestAlgorithm;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A portal's request, for one citizen's credential, to sign exactly {@code hashes}, and how far the
 * citizen has taken it. Secrets (the page's link, the code, the authorization code) are not here:
 * only their keyed hashes are stored, and only the repository compares them.
 *
 * @param bindingDigest what the one-time code is bound to: the credential, the hash function and
 *                      every hash, in order ({@link AuthorizationBinding})
 * @param codeChallenge the PKCE S256 challenge the authorization code is exchanged against
 */
public record CredentialAuthorization(
        UUID id,
        String portalId,
        UUID citizenId,
        AuthorizationStatus status,
        String reference,
        DigestAlgorithm hashAlgorithm,
        int numSignatures,
        String bindingDigest,
        String description,
        URI redirectUri,
        String state,
        String codeChallenge,
        String otpHash,
        Instant otpExpiresAt,
        int otpSentCount,
        Instant otpLastSentAt,
        int failedAttempts,
        Instant codeExpiresAt,
        Instant createdAt,
        Instant expiresAt,
        List<AuthorizedHash> hashes) {

    public CredentialAuthorization {
        hashes = List.copyOf(hashes);
    }

    /** The credential's id in the CSC API: the citizen's id. */
    public String credentialId() {
        return citizenId.toString();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
