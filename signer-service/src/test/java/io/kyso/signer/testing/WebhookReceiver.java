package io.kyso.signer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A portal's webhook endpoint on loopback (the JDK's HTTP server): records every delivery and
 * answers with scripted statuses (200 once the script runs out), as a portal that is down and then
 * comes back.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();

    /** One delivery as the portal received it: the raw body and the signature header. */
    public record Delivery(String signature, String deliveryId, byte[] body) {
    }

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/kyso/events", this::handle);
        server.start();
    }

    /** The next deliveries are answered with these statuses, in order. */
    public WebhookReceiver answer(int... codes) {
        synchronized (statuses) {
            for (int code : codes) {
                statuses.add(code);
            }
        }
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kyso/events");
    }

    /** The next delivery; fails if none arrives within {@code patience}. */
    public Delivery next(Duration patience) throws InterruptedException {
        Delivery delivery = deliveries.poll(patience.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no webhook arrived within " + patience);
        }
        return delivery;
    }

    /** A delivery that has already arrived, if any, without waiting. */
    public Delivery poll() {
        return deliveries.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("Kyso-Signature"),
                exchange.getRequestHeaders().getFirst("Kyso-Delivery"), body));
        int status;
        synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.poll();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
