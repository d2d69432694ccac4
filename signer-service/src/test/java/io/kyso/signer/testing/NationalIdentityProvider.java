package io.kyso.signer.testing;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A real OpenID Connect provider in the test's process (NAV's mock-oauth2-server, with its login
 * page): discovery document, authorization endpoint, token endpoint, JWKS, RS256-signed ID tokens,
 * over HTTP. It stands in for VNeID: {@link #logIn} is a person logging in on its page, and the
 * ID token that follows carries their CCCD number.
 */
public final class NationalIdentityProvider implements AutoCloseable {
    public static final String ISSUER_ID = "vneid";
    public static final String CLIENT_ID = "kyso-activation";
    public static final String CLIENT_SECRET = "kyso-activation-client-secret";
    public static final String CLAIM = "cccd";

    private final MockOAuth2Server server = new MockOAuth2Server(new OAuth2Config(true));
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public NationalIdentityProvider() {
        server.start();
    }

    /** The properties that point Kyso at this provider. */
    public Map<String, Object> kysoProperties() {
        return Map.of("kyso.identity.issuer", issuer().toString(), "kyso.identity.client-id", CLIENT_ID,
                "kyso.identity.client-secret", CLIENT_SECRET, "kyso.identity.national-id-claim", CLAIM,
                "kyso.identity.display-name", "VNeID");
    }

    public URI issuer() {
        return server.issuerUrl(ISSUER_ID).uri();
    }

    /**
     * A browser at the provider's authorization endpoint: the provider shows its login page, the
     * person with CCCD {@code nationalId} logs in, and the provider redirects back. Returns where it
     * redirects to (Kyso's callback, with code and state).
     */
    public URI logIn(URI authorizationUri, String nationalId) {
        HttpResponse<String> page = send(HttpRequest.newBuilder(authorizationUri).GET().build());
        if (page.statusCode() != 200 || !page.body().contains("name=\"username\"")) {
            throw new AssertionError("no login page at the provider: " + page.statusCode() + " " + page.body());
        }
        String form = "username=" + URLEncoder.encode("vneid-" + nationalId, StandardCharsets.UTF_8) + "&claims="
                + URLEncoder.encode("{\"" + CLAIM + "\": \"" + nationalId + "\"}", StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(authorizationUri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        String location = answer.headers().firstValue("location").orElseThrow(() ->
                new AssertionError("the provider did not redirect: " + answer.statusCode() + " " + answer.body()));
        return URI.create(location);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
