package io.kyso.signer.delivery;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP SMS gateway channel against a gateway stand-in on this machine (the one edge we fake). */
class SmsGatewayChannelTest {
    private HttpServer gateway;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile int[] answers = {200};

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int n = calls.getAndIncrement();
            exchange.sendResponseHeaders(answers[Math.min(n, answers.length - 1)], -1);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    private SmsGatewayChannel channel(int retries) {
        URI url = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/send");
        return new SmsGatewayChannel(new SmsGatewayConfiguration(url, "kyso", "s3cret", "KYSO", Duration.ofSeconds(2),
                Duration.ofSeconds(2), retries, Duration.ofMillis(10)), JsonMapper.createDefault());
    }

    private static OtpMessage message() {
        return new OtpMessage(OtpChannel.SMS, "+84912345678", "subject", "[Kyso] Mã xác nhận: 123456.");
    }

    @Test
    void shouldPostTheMessageAsJsonWithBasicAuth() throws Exception {
        channel(0).send(message());
        assertEquals(1, calls.get());
        assertTrue(bodies.get(0).contains("\"to\":\"+84912345678\""), bodies.get(0));
        assertTrue(bodies.get(0).contains("Mã xác nhận: 123456"), bodies.get(0));
        assertTrue(bodies.get(0).contains("\"sender\":\"KYSO\""), bodies.get(0));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("kyso:s3cret".getBytes(StandardCharsets.UTF_8)),
                authorizations.get(0));
    }

    @Test
    void shouldRetryWhenTheGatewayIsBusyOrDown() throws Exception {
        answers = new int[] {503, 429, 200};
        channel(2).send(message());
        assertEquals(3, calls.get());
    }

    @Test
    void shouldGiveUpAfterTheLastRetry() {
        answers = new int[] {500};
        OtpDeliveryException e = assertThrows(OtpDeliveryException.class, () -> channel(2).send(message()));
        assertEquals(3, calls.get());
        assertTrue(e.getMessage().contains("HTTP 500") && !e.getMessage().contains("123456"), e.getMessage());
    }

    @Test
    void shouldNotRetryAMessageTheGatewayRefused() {
        answers = new int[] {400, 200};
        assertThrows(OtpDeliveryException.class, () -> channel(2).send(message()));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldReportAGatewayThatDoesNotAnswer() {
        gateway.stop(0);
        OtpDeliveryException e = assertThrows(OtpDeliveryException.class, () -> channel(1).send(message()));
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
    }
}
