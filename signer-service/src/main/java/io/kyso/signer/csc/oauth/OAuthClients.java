package io.kyso.signer.csc.oauth;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import io.kyso.signer.csc.CscClientDefinition;
import io.kyso.signer.csc.CscException;
import io.kyso.signer.portal.ApiKeys;
import io.kyso.signer.portal.Portal;
import io.kyso.signer.portal.PortalDirectory;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The portals as OAuth 2.0 clients: client id = portal id; client secret = the portal's API key, or
 * the secret configured for it ({@link CscClientDefinition}). Confidential clients only: a request
 * without client authentication, or with a method other than {@code client_secret_basic} or
 * {@code client_secret_post}, is refused.
 */
@Context
public class OAuthClients {
    private final PortalDirectory portals;
    private final List<CscClientDefinition> clients;

    public OAuthClients(PortalDirectory portals, List<CscClientDefinition> clients) {
        this.portals = portals;
        this.clients = clients;
        clients.forEach(OAuthClients::requireSafeRedirects);
    }

    /** A redirect URI must be absolute, without fragment, and https (http only to this machine, RFC 8252). */
    private static void requireSafeRedirects(CscClientDefinition client) {
        for (URI uri : client.redirectUris()) {
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
            boolean scheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback;
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null || !scheme) {
                throw new ConfigurationException("kyso.csc.clients." + client.id() + ".redirect-uris: " + uri
                        + " must be an absolute https URI without fragment");
            }
        }
    }

    /**
     * The portal that {@code authentication} proves to be.
     *
     * @throws CscException 401 {@code invalid_client} otherwise
     */
    public Portal authenticate(ClientAuthentication authentication) {
        if (!(authentication instanceof ClientSecretBasic) && !(authentication instanceof ClientSecretPost)) {
            throw invalidClient();
        }
        String clientId = authentication.getClientID().getValue();
        Secret secret = authentication instanceof ClientSecretBasic basic ? basic.getClientSecret()
                : ((ClientSecretPost) authentication).getClientSecret();
        Optional<Portal> byKey = portals.findByApiKey(secret.getValue()).filter(p -> p.id().equals(clientId));
        if (byKey.isPresent()) {
            return byKey.get();
        }
        String hash = ApiKeys.sha256Hex(secret.getValue());
        boolean configured = registration(clientId).map(CscClientDefinition::clientSecretSha256)
                .filter(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .isPresent();
        return configured ? portals.findById(clientId).orElseThrow(OAuthClients::invalidClient) : throwInvalid();
    }

    /** The portal's registration for credential authorizations, if it has one. */
    public Optional<CscClientDefinition> registration(String clientId) {
        return clients.stream().filter(c -> c.id().equals(clientId)).findFirst();
    }

    /** Whether {@code redirectUri} is exactly one the portal registered. */
    public boolean isRegisteredRedirect(String clientId, URI redirectUri) {
        return redirectUri != null && registration(clientId).map(c -> c.redirectUris().contains(redirectUri)).orElse(false);
    }

    private static Portal throwInvalid() {
        throw invalidClient();
    }

    private static CscException invalidClient() {
        return new CscException(401, OAuth2Error.INVALID_CLIENT.getCode(), "Client authentication failed");
    }
}
