package io.kyso.bench.api;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A portal driving Kyso's API over HTTP (java.net.http, HTTP/1.1 keep-alive): enroll, create a
 * request, read the code from the development outbox (the citizen's phone), confirm, download.
 * Any answer other than the expected status fails the flow loudly: a benchmark of errors is worthless.
 */
public final class PortalClient {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String apiKey;
    private final DocumentUpload upload;

    public PortalClient(URI base, String apiKey, DocumentUpload upload) {
        this.base = base;
        this.apiKey = apiKey;
        this.upload = upload;
    }

    /** A request that was created, with its one document. */
    public record Created(UUID requestId, UUID documentId) {
    }

    /** A citizen the portal enrolled: its id, and the link where the citizen activates the credential. */
    public record Enrollment(UUID id, String activationUrl) {
    }

    /** The portal's part of an enrollment: the credential waits for its citizen's activation. */
    public Enrollment enroll(String nationalId, String fullName, String phone) throws IOException, InterruptedException {
        String body = "{\"nationalId\":\"" + nationalId + "\",\"fullName\":\"" + fullName + "\",\"phone\":\"" + phone + "\"}";
        Map<String, Object> citizen = json(send(api("/api/v1/citizens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201));
        return new Enrollment(UUID.fromString((String) citizen.get("id")), (String) citizen.get("activationUrl"));
    }

    private static final Pattern ACTIVATION_CODE = Pattern.compile("Mã kích hoạt: (\\d{6})");
    private static final Pattern CSRF = Pattern.compile("action=\"([^\"]*/codes)\"[^>]*>\\s*<input type=\"hidden\" name=\"csrf\" value=\"([^\"]*)\"");

    /**
     * The citizen's part: opens the activation page and types the code the development outbox holds
     * for their phone (what a citizen does once, before any signing; not part of a measured flow).
     * A service from before activation (the "compare" section's previous build) gives no link: its
     * credentials sign at once.
     */
    public void activate(Enrollment enrollment, String phone) throws IOException, InterruptedException {
        if (enrollment.activationUrl() == null) {
            return;
        }
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI page = base.resolve(URI.create(enrollment.activationUrl()).getRawPath());
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(page).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no activation form at " + page.getPath().replaceAll("/a/.*", "/a/…"));
        }
        HttpRequest.Builder outbox = HttpRequest.newBuilder(base.resolve("/dev/outbox?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8))).GET();
        Matcher code = ACTIVATION_CODE.matcher(new String(send(outbox, 200), StandardCharsets.UTF_8));
        if (!code.find()) {
            throw new IllegalStateException("no activation code in the outbox for " + phone);
        }
        String fields = "csrf=" + URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8) + "&lang=vi&otp=" + code.group(1);
        HttpResponse<String> activated = browser.send(HttpRequest.newBuilder(base.resolve(csrf.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), HttpResponse.BodyHandlers.ofString());
        if (activated.statusCode() != 303) {
            throw new IllegalStateException("activation answered " + activated.statusCode());
        }
    }

    public Created create(UUID citizenId, DocumentUpload.BenchDocument document) throws IOException, InterruptedException {
        Map<String, Object> request = json(send(upload.encode(api("/api/v1/signing-requests"), citizenId,
                "Hồ sơ đăng ký hộ kinh doanh", document), 201));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) request.get("documents");
        return new Created(UUID.fromString((String) request.get("id")), UUID.fromString((String) documents.get(0).get("id")));
    }

    /** The newest code the development outbox holds for {@code phone}. */
    public String code(String phone) throws IOException, InterruptedException {
        HttpRequest.Builder outbox = HttpRequest.newBuilder(base.resolve("/dev/outbox?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8))).GET();
        String text = new String(send(outbox, 200), StandardCharsets.UTF_8);
        Matcher m = CODE.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no code in the outbox for " + phone);
        }
        return m.group(1);
    }

    public void confirm(UUID requestId, String code) throws IOException, InterruptedException {
        Map<String, Object> answer = json(send(api("/api/v1/signing-requests/" + requestId + "/confirmation")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"otp\":\"" + code + "\"}")), 200));
        if (!"SIGNED".equals(answer.get("status"))) {
            throw new IllegalStateException("request " + requestId + " ended " + answer.get("status"));
        }
    }

    /** Streams the signed document and returns its length; the bytes are not kept. */
    public long download(Created created) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(api("/api/v1/signing-requests/" + created.requestId()
                + "/documents/" + created.documentId() + "/signed").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            long length = in.transferTo(java.io.OutputStream.nullOutputStream());
            if (response.statusCode() != 200 || length == 0) {
                throw new IllegalStateException("download of " + created + " answered " + response.statusCode());
            }
            return length;
        }
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + apiKey);
    }

    private byte[] send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != expected) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            throw new IllegalStateException(request.build().method() + " " + request.build().uri().getPath() + " answered "
                    + response.statusCode() + ": " + body.substring(0, Math.min(body.length(), 500)));
        }
        return response.body();
    }

    private static Map<String, Object> json(byte[] body) throws IOException {
        return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
    }
}
