package io.kyso.signer.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CSC API client for tests, written against the wire (forms and JSON) so that tests can also send
 * what a faulty or hostile portal would: the portal's OAuth 2.0 calls (client credentials, pushed
 * authorization requests, code exchange with PKCE) and the CSC calls; and, as the citizen, the
 * authorization page opened and confirmed with the code from the development outbox.
 */
public final class CscClient {
    public static final String REDIRECT_URI = "https://portal.example/csc/callback";
    public static final String SHA256 = "2.16.840.1.101.3.4.2.1";
    public static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    public static final String RSA_SHA256 = "1.2.840.113549.1.1.11";

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final KysoTestService kyso;
    private final String clientId;
    private final String secret;

    public CscClient(KysoTestService kyso, String clientId, String secret) {
        this.kyso = kyso;
        this.clientId = clientId;
        this.secret = secret;
    }

    /** The development portal, authenticating with its API key. */
    public static CscClient devPortal(KysoTestService kyso) {
        return new CscClient(kyso, "dev-portal", KysoTestService.API_KEY);
    }

    /** What an HTTP call answered: status, Location, body, and the body's JSON object if it has one. */
    public record Answer(int status, String location, String body, Map<String, Object> json) {
        public String string(String field) {
            return json == null ? null : (String) json.get(field);
        }

        @SuppressWarnings("unchecked")
        public List<String> strings(String field) {
            return json == null ? null : (List<String>) json.get(field);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    // ---- OAuth 2.0 -----------------------------------------------------------------------------

    public Answer tokenRequest(Map<String, String> form) {
        return postForm("/oauth2/token", form, true);
    }

    public String serviceToken() {
        Answer answer = tokenRequest(Map.of("grant_type", "client_credentials", "scope", "service"));
        require(answer, 200);
        return answer.string("access_token");
    }

    /** A pushed authorization request with these parameters (client authentication added). */
    public Answer push(Map<String, String> parameters) {
        return postForm("/oauth2/pushed_authorize", parameters, true);
    }

    /** The parameters of a credential authorization through authorization details, with PKCE. */
    public Map<String, String> credentialRequest(String credentialId, List<byte[]> hashes, List<String> labels,
                                                        String verifier) {
        List<Map<String, Object>> digests = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            Map<String, Object> digest = new HashMap<>();
            digest.put("hash", Base64.getEncoder().encodeToString(hashes.get(i)));
            digest.put("label", labels.get(i));
            digests.add(digest);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("type", "credential");
        detail.put("credentialID", credentialId);
        detail.put("documentDigests", digests);
        detail.put("hashAlgorithmOID", SHA256);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", clientId);
        parameters.put("redirect_uri", REDIRECT_URI);
        parameters.put("scope", "credential");
        parameters.put("state", "portal-state-" + System.nanoTime());
        parameters.put("code_challenge", challenge(verifier));
        parameters.put("code_challenge_method", "S256");
        parameters.put("authorization_details", json(List.of(detail)));
        return parameters;
    }

    public static String newVerifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The browser follows {@code oauth2/authorize}: where it is sent (the citizen's page, or back with an error). */
    public Answer openAuthorization(Map<String, String> query) {
        return send(HttpRequest.newBuilder(kyso.url("/oauth2/authorize?" + form(query))).GET().build());
    }

    /** As the citizen: opens the page at {@code pagePath} and confirms with {@code code}; the answer's Location goes back to the portal. */
    public Answer confirmAsCitizen(String pagePath, String code) {
        PageClient browser = new PageClient(kyso.url(""));
        HttpResponse<String> page = browser.get(pagePath);
        if (page.statusCode() != 200) {
            throw new AssertionError("the authorization page did not open: " + page.statusCode());
        }
        HttpResponse<String> answer = browser.post(pagePath + "/confirmation",
                browser.formWith("/confirmation", List.of(Map.entry("otp", code))));
        return new Answer(answer.statusCode(), answer.headers().firstValue("Location").orElse(null), answer.body(), null);
    }

    /** The query parameters of a redirect back to the portal. */
    public static Map<String, String> query(String location) {
        String query = URI.create(location).getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** A credential token and the state it came with. */
    public record Authorized(String credentialToken, Answer tokenAnswer) {
    }

    /**
     * The whole authorization as a portal and its citizen go through it: pushed request, the
     * citizen's page with the code sent to {@code phone}, code exchange. Returns the credential token.
     */
    public Authorized authorize(String credentialId, String phone, List<byte[]> hashes, List<String> labels) {
        String verifier = newVerifier();
        Answer pushed = push(credentialRequest(credentialId, hashes, labels, verifier));
        require(pushed, 201);
        Answer opened = openAuthorization(Map.of("client_id", clientId, "request_uri", pushed.string("request_uri")));
        require(opened, 303);
        Answer back = confirmAsCitizen(opened.location(), kyso.latestCode(phone));
        require(back, 303);
        Answer token = exchange(query(back.location()).get("code"), verifier);
        require(token, 200);
        return new Authorized(token.string("access_token"), token);
    }

    public Answer exchange(String code, String verifier) {
        return tokenRequest(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI,
                "code_verifier", verifier));
    }

    // ---- CSC API -----------------------------------------------------------------------------

    public Answer call(String method, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(kyso.url("/csc/v2/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(kyso.url(path)).GET().build());
    }

    public Answer signHash(String bearer, String credentialId, List<byte[]> hashes, String signAlgo) {
        return call("signatures/signHash", bearer, Map.of("credentialID", credentialId, "hashAlgorithmOID", SHA256,
                "signAlgo", signAlgo, "hashes", hashes.stream().map(Base64.getEncoder()::encodeToString).toList()));
    }

    // ---- wire ----------------------------------------------------------------------------------

    private Answer postForm(String path, Map<String, String> parameters, boolean authenticate) {
        HttpRequest.Builder request = HttpRequest.newBuilder(kyso.url(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)));
        if (authenticate) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8)));
        }
        return send(request.build());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            Map<String, Object> json = type.contains("json") && !response.body().isBlank() && response.body().startsWith("{")
                    ? JSON.readValue(response.body(), Argument.mapOf(String.class, Object.class)) : null;
            return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null),
                    response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void require(Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + ", got " + answer);
        }
    }
}
