package io.kyso.signer.testing;

import io.kyso.client.KysoClient;
import io.kyso.client.KysoConfig;
import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real signer-service for a test: its own SoftHSM2 token, H2 file database and data folder, in
 * the {@code dev} environment, on a free port chosen before it starts, so that its public URL
 * ({@code kyso.public-url}) is its real address: the CRL, OCSP and CA-certificate URLs it writes into
 * certificates, and its own timestamping authority, which long-term signatures use, are reachable.
 * {@link #restart()} starts a new service on the same token, database, folder and port, as after a
 * process restart.
 */
public final class KysoTestService implements AutoCloseable {
    public static final String API_KEY = "kyso-test-portal-key-0123456789abcdef";
    public static final String OTHER_API_KEY = "kyso-test-other-portal-key-fedcba9876543210";
    public static final String WEBHOOK_SECRET = "whsec_test_dev_portal_0123456789abcdefghij";

    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, Object> properties;
    private final EmbeddedServer server;

    private KysoTestService(Map<String, Object> properties) {
        this.properties = properties;
        this.server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.DEVELOPMENT, "test");
    }

    /** A fresh service; {@code overrides} replace any default property. */
    public static KysoTestService start(Map<String, Object> overrides) {
        return start(overrides, java.util.Set.of());
    }

    /** The secrets this harness generates, as the properties that carry them. */
    public String property(String name) {
        return String.valueOf(properties.get(name));
    }

    /** A fresh service without the default properties named in {@code without} (e.g. secrets that come from Vault). */
    public static KysoTestService start(Map<String, Object> overrides, java.util.Set<String> without) {
        Pkcs11Config token = SoftHsm.freshToken();
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory(Path.of("target"), "kyso-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] otpKey = new byte[32];
        new SecureRandom().nextBytes(otpKey);
        Map<String, Object> props = new HashMap<>();
        int port = freePort();
        props.put("micronaut.server.port", port);
        props.put("kyso.public-url", "http://localhost:" + port);
        props.put("kyso.data-dir", dataDir.toAbsolutePath().toString());
        props.put("kyso.hsm.library", token.libraryPath().toString());
        props.put("kyso.hsm.token-label", token.tokenLabel());
        props.put("kyso.hsm.pin", new String(token.pin()));
        props.put("kyso.otp.hash-key", Base64.getEncoder().encodeToString(otpKey));
        byte[] seedKey = new byte[32];
        new SecureRandom().nextBytes(seedKey);
        props.put("kyso.totp.seed-key", Base64.getEncoder().encodeToString(seedKey));
        props.put("kyso.dev.api-key", API_KEY);
        props.put("kyso.dev.webhook-secret", WEBHOOK_SECRET);
        // webhooks go out within moments in tests, and are retried after a short pause
        props.put("kyso.webhooks.poll-interval", "200ms");
        props.put("kyso.webhooks.initial-backoff", "300ms");
        props.put("kyso.portals.other.name", "Cổng dịch vụ công tỉnh khác");
        props.put("kyso.portals.other.api-key-sha256", io.kyso.signer.portal.ApiKeys.sha256Hex(OTHER_API_KEY));
        if (onPostgres()) {
            props.put("kyso.db.url", Postgres.cluster().newDatabase());
            props.put("kyso.db.user", Postgres.USER);
            props.put("kyso.db.password", "");
        }
        props.putAll(overrides);
        props.keySet().removeAll(without);
        return new KysoTestService(props);
    }

    public static KysoTestService start() {
        return start(Map.of());
    }

    /** A fresh service; every service is reachable at its public URL now, as {@link #start} says. */
    public static KysoTestService startReachable(Map<String, Object> overrides) {
        return start(overrides);
    }

    /** A port nobody listens on now, for a service whose address must be known before it starts. */
    public static int freePort() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether services run on PostgreSQL ({@code -Dkyso.test.db=postgresql}, the second pass of
     * the suite) rather than on H2.
     */
    public static boolean onPostgres() {
        return "postgresql".equals(System.getProperty("kyso.test.db"));
    }

    /**
     * Stops this service and starts a new one on the same token, database and folder, with
     * {@code overrides} added and the properties in {@code without} removed.
     */
    public KysoTestService restartWith(Map<String, Object> overrides, java.util.Set<String> without) {
        close();
        Map<String, Object> changed = new HashMap<>(properties);
        changed.putAll(overrides);
        changed.keySet().removeAll(without);
        return onTheSamePort(changed);
    }

    /**
     * A service started again on the port its predecessor just closed: the old listening socket may
     * take a moment to go, so a bind refused as "already in use" is tried again for up to 10 s.
     */
    private static KysoTestService onTheSamePort(Map<String, Object> properties) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new KysoTestService(properties);
            } catch (RuntimeException e) {
                if (attempt == 40 || !bindRefused(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean bindRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Another instance of this service: same database, token, secrets and document store, another
     * port, and its own public URL (there is no load balancer in front of the two).
     */
    public KysoTestService sibling() {
        Map<String, Object> same = new HashMap<>(properties);
        int port = freePort();
        same.put("micronaut.server.port", port);
        same.put("kyso.public-url", "http://localhost:" + port);
        return new KysoTestService(same);
    }

    /** Stops this service and starts a new one on the same token, database and data folder. */
    public KysoTestService restart() {
        return restart(Map.of());
    }

    /** Like {@link #restart()}, with some properties changed for the new service (on the same port). */
    public KysoTestService restart(Map<String, Object> changes) {
        close();
        Map<String, Object> again = new HashMap<>(properties);
        again.putAll(changes);
        return onTheSamePort(again);
    }

    /** The portal's SDK client for this service, with the development portal's key. */
    public KysoClient client() {
        return client(url(""));
    }

    /** An SDK client that reaches this service through {@code baseUrl} (e.g. a proxy in front of it). */
    public static KysoClient client(URI baseUrl) {
        return KysoClient.create(KysoConfig.builder().baseUrl(baseUrl).apiKey(API_KEY)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                .pollInterval(Duration.ofMillis(100), Duration.ofMillis(500))
                .build());
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public URI url(String path) {
        return URI.create(server.getURL().toString() + path);
    }

    /**
     * A link the service handed out ({@code kyso.public-url} + path), pointed at this test server
     * (the same address, unless a test configured another public URL).
     */
    public String local(String publicLink) {
        return url(URI.create(publicLink).getRawPath()).toString();
    }

    public Path dataDir() {
        return Path.of((String) properties.get("kyso.data-dir"));
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    public ApiResponse get(String path) {
        return get(path, API_KEY);
    }

    public ApiResponse get(String path, String apiKey) {
        return send(request(path, apiKey).GET().build());
    }

    public ApiResponse post(String path, Object body) {
        return post(path, body, API_KEY);
    }

    public ApiResponse post(String path, Object body, String apiKey) {
        return post(path, body, apiKey, Map.of());
    }

    /** A POST with extra headers, e.g. {@code Idempotency-Key}. */
    public ApiResponse post(String path, Object body, String apiKey, Map<String, String> headers) {
        try {
            byte[] json = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
            HttpRequest.Builder builder = request(path, apiKey).header("Content-Type", "application/json");
            headers.forEach(builder::header);
            return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A POST of exactly {@code json} (e.g. a body the harness's own JSON writer would never produce). */
    public ApiResponse postJson(String path, String json, Map<String, String> headers) {
        return sendJson("POST", path, json, headers);
    }

    /** A call with {@code method} and exactly {@code json} as its body, with the development portal's key. */
    public ApiResponse sendJson(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, API_KEY).header("Content-Type", "application/json");
        headers.forEach(builder::header);
        return send(builder.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /**
     * A multipart upload of a signing request as the SDK sends it: a {@code request} part with
     * exactly {@code metadataJson}, then one {@code document} part per content.
     */
    public ApiResponse postRequestParts(String metadataJson, List<byte[]> documents) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + metadataJson + "\r\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < documents.size(); i++) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"d" + i
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(documents.get(i));
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(request("/api/v1/signing-requests", API_KEY)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    public ApiResponse put(String path, Object body) {
        try {
            return send(request(path, API_KEY).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of a multipart upload. */
    public record Part(String fileName, byte[] content) {
    }

    /** POSTs {@code parts} as multipart/form-data, one {@code file} part each, with a Content-Length. */
    public ApiResponse postMultipart(String path, List<Part> parts, String apiKey) {
        return send(request(path, apiKey).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(parts))).build());
    }

    public ApiResponse postMultipart(String path, List<Part> parts) {
        return postMultipart(path, parts, API_KEY);
    }

    /** As {@link #postMultipart(String, List)}, streamed without a Content-Length (chunked). */
    public ApiResponse postMultipartChunked(String path, List<Part> parts) {
        byte[] body = multipart(parts);
        return send(request(path, API_KEY).header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
    }

    private static final String BOUNDARY = "kyso-test-boundary-7d3f";

    private static byte[] multipart(List<Part> parts) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (Part part : parts) {
            String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private HttpRequest.Builder request(String path, String apiKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url(path));
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private static ApiResponse send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("content-type").orElse("");
            Object json = type.contains("json") && response.body().length > 0
                    ? JSON.readValue(new ByteArrayInputStream(response.body()), Argument.OBJECT_ARGUMENT) : null;
            return new ApiResponse(response.statusCode(), response.headers(), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- the flow, as a portal drives it ---------------------------------------------------------

    /**
     * Enrolls a citizen and activates their credential as the citizen would ({@link #activate}), so
     * that it can sign; returns the enrollment answer's JSON.
     */
    public Map<String, Object> enroll(String fullName, String nationalId, String phone, String keyAlgorithm) {
        Map<String, Object> enrolled = enrollPending(fullName, nationalId, phone, keyAlgorithm);
        activate(enrolled);
        return enrolled;
    }

    /** The portal's part only: a citizen whose credential waits for activation. */
    public Map<String, Object> enrollPending(String fullName, String nationalId, String phone, String keyAlgorithm) {
        Map<String, Object> body = new HashMap<>(Map.of("nationalId", nationalId, "fullName", fullName, "phone", phone));
        if (keyAlgorithm != null) {
            body.put("keyAlgorithm", keyAlgorithm);
        }
        ApiResponse response = post("/api/v1/citizens", body);
        if (response.status() != 201) {
            throw new AssertionError("enrollment failed: " + response);
        }
        return response.map();
    }

    /**
     * Activates the credential of an enrollment answer (or of a new activation link) as its citizen
     * does: opens the activation page and types the codes the development outbox holds for the
     * citizen's phone (and email).
     */
    public void activate(Map<String, Object> enrolled) {
        Object email = enrolled.get("email");
        activate((String) enrolled.get("activationUrl"), (String) enrolled.get("phone"),
                email == null ? null : email.toString());
    }

    /** {@link #activate(Map)} from its parts; {@code email} null when the citizen has none. */
    public void activate(String activationUrl, String phone, String email) {
        CitizenActivation.activate(url(""), activationUrl, phone, email);
    }

    /** Activates with codes read elsewhere (a test's SMS gateway, an SMTP server). */
    public void activateWith(String activationUrl, String phoneCode, String emailCode) {
        CitizenActivation.activateWith(url(""), activationUrl, phoneCode, emailCode);
    }

    /** The newest activation code the development outbox holds for a {@code phone} or an {@code email}. */
    public String latestActivationCode(String kind, String recipient) {
        return CitizenActivation.latestCode(url(""), kind, recipient);
    }

    /**
     * The citizen confirms a request on its page (the only place an authenticator's code is
     * accepted), approving every document; returns the form's answer (303 when it signed).
     */
    public HttpResponse<String> confirmOnPage(ApiResponse created, String code) {
        String path = URI.create(created.string("confirmationUrl")).getRawPath();
        PageClient citizen = new PageClient(url(""));
        citizen.get(path);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) created.map().get("documents");
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(List.of(Map.entry("otp", code)));
        documents.forEach(d -> fields.add(Map.entry("approved", d.get("id").toString())));
        return citizen.post(path + "/confirmation", citizen.formWith("/confirmation", fields));
    }

    public static Map<String, Object> pdf(String name, byte[] content) {
        return Map.of("name", name, "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString(content));
    }

    public ApiResponse createRequest(Object citizenId, String title, List<Map<String, Object>> documents) {
        return post("/api/v1/signing-requests", Map.of("citizenId", citizenId, "title", title, "documents", documents));
    }

    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");

    /**
     * The newest signing code the development outbox holds for {@code phone} (messages of another
     * kind, such as activation codes or notices, are passed over).
     */
    public String latestCode(String phone) {
        ApiResponse outbox = get("/dev/outbox?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), null);
        if (outbox.status() != 200 || outbox.list().isEmpty()) {
            throw new AssertionError("no message in the outbox for " + phone + ": " + outbox);
        }
        for (Map<String, Object> message : outbox.list()) {
            Matcher m = CODE.matcher((String) message.get("text"));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no signing code in the outbox for " + phone + ": " + outbox.list().get(0));
    }

    /** The newest code the development outbox holds for {@code phone} in a message naming {@code reference}. */
    public String latestCode(String phone, String reference) {
        ApiResponse outbox = get("/dev/outbox?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8), null);
        for (Map<String, Object> message : outbox.list()) {
            String text = (String) message.get("text");
            Matcher m = CODE.matcher(text);
            if (text.contains(reference) && m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no code for " + reference + " in the outbox for " + phone + ": " + outbox);
    }

    // ---- PKI ---------------------------------------------------------------------------------

    /** The development root CA, from {@code GET /pki/ca}. */
    public X509Certificate rootCertificate() {
        List<X509Certificate> chain = caChain();
        return chain.get(chain.size() - 1);
    }

    public List<X509Certificate> caChain() {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificates(new ByteArrayInputStream(get("/pki/ca", null).body())).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuing CA's CRL (citizens' certificates). */
    public byte[] crl() {
        return served("/pki/crl");
    }

    /** The root's CRL (the issuing CA's certificate). */
    public byte[] rootCrl() {
        return served("/pki/root-crl");
    }

    private byte[] served(String path) {
        ApiResponse answer = get(path, null);
        if (answer.status() != 200 || !answer.contentType().startsWith("application/pkix-crl")) {
            throw new AssertionError(path + " not served: " + answer);
        }
        return answer.body();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.getApplicationContext().close();
        }
    }
}
