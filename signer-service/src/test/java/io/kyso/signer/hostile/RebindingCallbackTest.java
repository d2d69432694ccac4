package io.kyso.signer.hostile;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.CallbackEndpoint;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.RebindingDns;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dishonest portal, with only its API key, names a callback host whose name server it runs: a
 * public address when the service checks the URL, this machine's loopback afterwards, hoping the
 * service's webhook will POST into its own network. The service never connects there: the request
 * is accepted on the public answer, each delivery attempt connects to the address its own check
 * approved, and once the check hears the private address the attempt is refused. A host that answers
 * a private address from the start is refused at once with {@code request.invalid_callback_url}.
 * (The service runs with development callbacks off, as in production: https and public addresses only.)
 */
@KysoService(properties = {RebindingDns.PROPERTY + "=rebind.kyso.test=203.0.113.7,203.0.113.7,127.0.0.1",
        "kyso.dev.local-callbacks=false", "kyso.webhooks.timeout=1s"})
class RebindingCallbackTest {
    private static KysoTestService kyso;
    private static CallbackEndpoint inside;
    private static Object citizenId;

    @BeforeAll
    static void start() throws Exception {
        inside = CallbackEndpoint.https("rebind.kyso.test");
        citizenId = kyso.enroll("Lý Thường Kiệt", "079099000731", "+84901000731", null).get("id");
    }

    @AfterAll
    static void stop() {
        inside.close();
    }

    @Test
    void shouldNeverCallIntoItsOwnNetworkWhenTheCallbackHostRebinds() throws Exception {
        ApiResponse created = kyso.post("/api/v1/signing-requests", Map.of("citizenId", citizenId, "title", "Hồ sơ",
                "documents", List.of(pdf("a.pdf", TestPdfs.small())),
                "callbackUrl", "https://rebind.kyso.test:" + inside.port() + "/kyso/events"));
        assertEquals(201, created.status(), created::toString);
        UUID id = UUID.fromString(created.string("id"));
        assertEquals(200, kyso.post("/api/v1/signing-requests/" + id + "/rejection", null).status());

        awaitAttempts(id, 3);
        assertEquals(0, inside.connections(), "no delivery attempt reached the loopback address");
        String lastError = DatabaseProbe.text(kyso, "SELECT last_error FROM webhook_delivery WHERE request_id = ?", id);
        assertTrue(lastError.contains("127.0.0.1, which is not a public address"), lastError);
        RebindingDns dns = kyso.context().getBean(RebindingDns.class);
        assertEquals(dns.questions("rebind.kyso.test"),
                1 + DatabaseProbe.number(kyso, "SELECT attempts FROM webhook_delivery WHERE request_id = ?", id),
                "one question at creation, one per attempt: never a second one to connect");
    }

    @Test
    void shouldRefuseACallbackHostThatAnswersAPrivateAddress() {
        ApiResponse refused = kyso.post("/api/v1/signing-requests", Map.of("citizenId", citizenId, "title", "Hồ sơ",
                "documents", List.of(pdf("a.pdf", TestPdfs.small())),
                "callbackUrl", "https://127.0.0.1:" + inside.port() + "/kyso/events"));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("request.invalid_callback_url", refused.code());
        assertEquals(0, inside.connections());
    }

    private static void awaitAttempts(UUID requestId, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (DatabaseProbe.number(kyso, "SELECT COALESCE(MAX(attempts), 0) FROM webhook_delivery WHERE request_id = ?",
                requestId) < attempts) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + attempts + " delivery attempts after a minute");
            }
            Thread.sleep(100);
        }
    }
}
