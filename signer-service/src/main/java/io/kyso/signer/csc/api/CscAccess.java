package io.kyso.signer.csc.api;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import io.kyso.signer.csc.AccessGrant;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.csc.TokenStore;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Who calls the CSC API: the access token of {@code Authorization: Bearer} (RFC 6750, parsed by the
 * OAuth 2.0 SDK), looked up by its keyed hash. A token Kyso never issued, an expired and a revoked
 * one are all 401 {@code invalid_token}.
 */
@Singleton
public class CscAccess {
    private final TokenStore tokens;
    private final Clock clock;

    public CscAccess(TokenStore tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** The caller's grant, service or credential. */
    public AccessGrant of(HttpRequest<?> request) {
        String header = request.getHeaders().findFirst(HttpHeaders.AUTHORIZATION)
                .orElseThrow(() -> CscException.invalidToken("An access token is required (Authorization: Bearer)"));
        BearerAccessToken token;
        try {
            token = BearerAccessToken.parse(header);
        } catch (ParseException e) {
            throw CscException.invalidToken("An access token is required (Authorization: Bearer)");
        }
        return grantOf(token.getValue(), CscException.invalidToken("The access token is not valid"),
                CscException.invalidToken("The access token expired or was revoked"));
    }

    /**
     * The credential grant a signing call works under: the bearer token when it is a credential
     * token, else the {@code SAD} parameter (CSC API v2 lets clients pass a credential token there).
     * A service token alone never signs.
     */
    public AccessGrant credentialGrant(AccessGrant caller, String sad) {
        if (caller.kind() == AccessGrant.Kind.CREDENTIAL) {
            if (sad != null) {
                throw CscException.invalidRequest("Invalid parameter SAD: the access token is the credential authorization");
            }
            return caller;
        }
        if (sad == null) {
            throw CscException.invalidRequest("Missing (or invalid type) string parameter SAD");
        }
        AccessGrant grant = grantOf(sad, CscException.invalidRequest("Invalid parameter SAD"),
                CscException.invalidRequest("SAD expired"));
        if (grant.kind() != AccessGrant.Kind.CREDENTIAL || !grant.portalId().equals(caller.portalId())) {
            throw CscException.invalidRequest("Invalid parameter SAD");
        }
        return grant;
    }

    private AccessGrant grantOf(String token, CscException unknown, CscException expired) {
        AccessGrant grant = tokens.find(token).orElseThrow(() -> unknown);
        if (!grant.isUsableAt(clock.instant())) {
            throw expired;
        }
        return grant;
    }
}
