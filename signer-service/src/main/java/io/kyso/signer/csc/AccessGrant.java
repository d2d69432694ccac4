package io.kyso.signer.csc;

import java.time.Instant;
import java.util.UUID;

/**
 * What an access token grants, as the token store keeps it (the token itself is not kept).
 *
 * @param kind            a portal's service access, or one credential authorization (the SAD)
 * @param authorizationId the credential authorization, for a credential token
 */
public record AccessGrant(Kind kind, String portalId, UUID authorizationId, Instant issuedAt, Instant expiresAt,
                          Instant revokedAt) {

    /** The OAuth 2.0 scopes of the CSC API. */
    public enum Kind {
        SERVICE("service"), CREDENTIAL("credential");

        private final String scope;

        Kind(String scope) {
            this.scope = scope;
        }

        public String scope() {
            return scope;
        }
    }

    public boolean isUsableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
