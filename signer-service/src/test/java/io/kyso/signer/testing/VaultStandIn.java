package io.kyso.signer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for HashiCorp Vault (no Vault server can be installed here): an HTTP server on
 * loopback that answers the documented endpoints Kyso uses, KV version 2 reads
 * ({@code GET /v1/<mount>/data/<path>}) and AppRole login ({@code POST /v1/auth/approle/login}),
 * with Vault's status codes: 403 for a bad token or bad credentials, 404 for a missing secret.
 */
public final class VaultStandIn implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpServer server;
    private final String rootToken = "hvs." + UUID.randomUUID();
    private final String roleId = UUID.randomUUID().toString();
    private final String secretId = UUID.randomUUID().toString();
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();

    public VaultStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tokens.put(rootToken, true);
        server.createContext("/v1/auth/approle/login", this::login);
        server.createContext("/v1/sys/health", exchange -> send(exchange, 200,
                Map.of("initialized", true, "sealed", false, "standby", false, "version", "stand-in")));
        server.createContext("/v1/", this::read);
        server.start();
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String rootToken() {
        return rootToken;
    }

    public String roleId() {
        return roleId;
    }

    public String secretId() {
        return secretId;
    }

    /** Stores a KV v2 secret, e.g. {@code put("secret", "kyso", Map.of("hsm-pin", "…"))}. */
    public void put(String mount, String path, Map<String, String> data) {
        secrets.put(mount + "/data/" + path, Map.copyOf(data));
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, Object> body = JSON.readValue(exchange.getRequestBody().readAllBytes(), Argument.mapOf(String.class, Object.class));
        if (!"POST".equals(exchange.getRequestMethod()) || !roleId.equals(body.get("role_id"))
                || !secretId.equals(body.get("secret_id"))) {
            send(exchange, 400, Map.of("errors", new String[] {"invalid role or secret ID"}));
            return;
        }
        String token = "hvs." + UUID.randomUUID();
        tokens.put(token, true);
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("client_token", token);
        auth.put("accessor", UUID.randomUUID().toString());
        auth.put("policies", new String[] {"default", "kyso"});
        auth.put("token_policies", new String[] {"default", "kyso"});
        auth.put("metadata", Map.of("role_name", "kyso"));
        auth.put("lease_duration", 3600);
        auth.put("renewable", true);
        auth.put("entity_id", UUID.randomUUID().toString());
        auth.put("token_type", "service");
        auth.put("orphan", true);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("request_id", UUID.randomUUID().toString());
        response.put("lease_id", "");
        response.put("renewable", false);
        response.put("lease_duration", 0);
        response.put("auth", auth);
        send(exchange, 200, response);
    }

    private void read(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (token == null || !tokens.containsKey(token)) {
            send(exchange, 403, Map.of("errors", new String[] {"permission denied"}));
            return;
        }
        Map<String, String> data = secrets.get(exchange.getRequestURI().getPath().substring("/v1/".length()));
        if (data == null) {
            send(exchange, 404, Map.of("errors", new String[0]));
            return;
        }
        Map<String, Object> metadata = Map.of("created_time", "2026-11-28T00:00:00Z", "version", 1,
                "destroyed", false, "deletion_time", "");
        send(exchange, 200, Map.of("data", Map.of("data", data, "metadata", metadata)));
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
