package io.kyso.signer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP relay on loopback in front of a service's PKI endpoints (timestamps, OCSP, CRLs), the edge
 * a test controls: each path passes requests through to the same path of the target, or plays an
 * authority that is down (503), slow (answers after a pause), answers garbage (200 with the right
 * content type and a body that is not what it claims), or is gone altogether ({@link #refuse()}:
 * the port closed). Point {@code kyso.timestamping.url} and {@code kyso.pki.*-url} at it.
 */
public final class Relay implements AutoCloseable {
    /** How a path answers. */
    public enum Mode { PASS, UNAVAILABLE, SLOW, GARBAGE }

    private static final Duration SLOW_PAUSE = Duration.ofSeconds(4);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final URI target;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile HttpServer server;

    private Relay(int port, URI target) {
        this.port = port;
        this.target = target;
        accept();
    }

    /** A relay on a free port to {@code target} (scheme, host and port; paths are kept). */
    public static Relay to(URI target) {
        return new Relay(KysoTestService.freePort(), target);
    }

    /** A relay on {@code port} (chosen before the target runs) to {@code target}. */
    public static Relay on(int port, URI target) {
        return new Relay(port, target);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Makes {@code path} answer as {@code mode} from now on. */
    public void set(String path, Mode mode) {
        modes.put(path, mode);
    }

    /** Passes every path through again. */
    public void passAll() {
        modes.clear();
    }

    /** How many requests reached {@code path}. */
    public int requests(String path) {
        return counts.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    /** Closes the port: connections are refused until {@link #accept()}. */
    public synchronized void refuse() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens on the port again. */
    public synchronized void accept() {
        if (server != null) {
            return;
        }
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listening.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "relay-" + port);
                t.setDaemon(true);
                return t;
            }));
            listening.createContext("/", this::handle);
            listening.start();
            server = listening;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Mode mode = modes.getOrDefault(path, Mode.PASS);
            switch (mode) {
                case UNAVAILABLE -> answer(exchange, 503, "text/plain", "down for maintenance".getBytes());
                case GARBAGE -> answer(exchange, 200, garbageType(path), "<html>not what you asked for</html>".getBytes());
                case SLOW -> {
                    pause();
                    pass(exchange, body);
                }
                case PASS -> pass(exchange, body);
            }
        }
    }

    /** The content type the real answer would have, so that only the body is wrong. */
    private static String garbageType(String path) {
        if (path.endsWith("/tsa")) {
            return "application/timestamp-reply";
        }
        return path.endsWith("/ocsp") ? "application/ocsp-response" : "application/pkix-crl";
    }

    private void pass(HttpExchange exchange, byte[] body) throws IOException {
        URI to = target.resolve(exchange.getRequestURI().getRawPath());
        HttpRequest.Builder request = HttpRequest.newBuilder(to);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if ("POST".equals(exchange.getRequestMethod())) {
            request.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.GET();
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(
                    "application/octet-stream"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 502, "text/plain", new byte[0]);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(SLOW_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        refuse();
    }
}
