package io.kyso.bench.api;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A portal on Kyso's CSC API over HTTP: a credential authorization (pushed request, the citizen's
 * page confirmed with the code from the development outbox, code exchange with PKCE), then
 * signHash calls under the credential token. Any unexpected answer fails loudly.
 */
public final class CscPortal {
    public static final String REDIRECT_URI = "https://portal.bench/csc/callback";
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Pattern CSRF = Pattern.compile(
            "action=\"([^\"]+/confirmation)\".*?name=\"csrf\" value=\"([^\"]+)\"", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private final String basic;
    private final PortalClient portal;

    public CscPortal(URI base, String apiKey) {
        this.base = base;
        this.basic = "Basic " + Base64.getEncoder().encodeToString(("dev-portal:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.portal = new PortalClient(base, apiKey, DocumentUpload.MULTIPART);
    }

    /** Authorizes {@code hashes} (SHA-256) of the citizen's credential and returns the credential token. */
    public String authorize(Citizens.Enrolled citizen, List<byte[]> hashes) throws Exception {
        String verifier = random();
        List<Map<String, Object>> digests = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            digests.add(Map.of("hash", Base64.getEncoder().encodeToString(hashes.get(i)), "label", "bench-" + i + ".pdf"));
        }
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", "dev-portal");
        request.put("redirect_uri", REDIRECT_URI);
        request.put("code_challenge", Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
        request.put("code_challenge_method", "S256");
        request.put("authorization_details", JSON.writeValueAsString(List.of(Map.of("type", "credential",
                "credentialID", citizen.id().toString(), "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1",
                "documentDigests", digests))));
        Map<String, Object> pushed = json(send(form("/oauth2/pushed_authorize", request), 201));
        String page = location(send(HttpRequest.newBuilder(base.resolve("/oauth2/authorize?client_id=dev-portal&request_uri="
                + URLEncoder.encode((String) pushed.get("request_uri"), StandardCharsets.UTF_8))).GET(), 303));
        String code = confirm(page, portal.code(citizen.phone()));
        Map<String, Object> token = json(send(form("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier)), 200));
        return (String) token.get("access_token");
    }

    /** The citizen's browser: the page, its form, the code; returns the authorization code of the redirect. */
    private String confirm(String page, String otp) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String html = browser.send(HttpRequest.newBuilder(base.resolve(page)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher form = CSRF.matcher(html);
        if (!form.find()) {
            throw new IllegalStateException("no confirmation form on the authorization page");
        }
        String body = "csrf=" + URLEncoder.encode(form.group(2), StandardCharsets.UTF_8) + "&otp=" + otp;
        HttpResponse<String> back = browser.send(HttpRequest.newBuilder(base.resolve(form.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = back.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("the citizen's confirmation answered " + back.statusCode()));
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no code in the redirect");
    }

    /** One signHash call: the values for {@code hashes}, in order. */
    public int signHash(String token, Citizens.Enrolled citizen, List<byte[]> hashes) throws Exception {
        String body = JSON.writeValueAsString(Map.of("credentialID", citizen.id().toString(),
                "hashAlgorithmOID", "2.16.840.1.101.3.4.2.1", "signAlgo", "1.2.840.10045.4.3.2",
                "hashes", hashes.stream().map(Base64.getEncoder()::encodeToString).toList()));
        Map<String, Object> answer = json(send(HttpRequest.newBuilder(base.resolve("/csc/v2/signatures/signHash"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 200));
        int signed = ((List<?>) answer.get("signatures")).size();
        if (signed != hashes.size()) {
            throw new IllegalStateException("signHash returned " + signed + " values for " + hashes.size() + " hashes");
        }
        return signed;
    }

    private HttpRequest.Builder form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri().getPath() + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response;
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static Map<String, Object> json(HttpResponse<String> response) throws IOException {
        return JSON.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
