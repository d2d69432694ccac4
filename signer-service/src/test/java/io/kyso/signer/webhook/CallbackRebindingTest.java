package io.kyso.signer.webhook;

import io.kyso.signer.portal.PortalDefinition;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.kyso.signer.testing.CallbackEndpoint;
import io.kyso.signer.testing.RebindingDns;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal whose callback host's name server it controls answers the service's check with a public
 * address and the connection that follows with a private one (DNS rebinding), to make the service
 * call into its own network. The sender resolves the host once per attempt and connects to an
 * address of that checked answer: a private address is reached only if the check itself was told
 * it, and then refused. TLS is still checked against the host's name.
 */
class CallbackRebindingTest {
    private static final String HOST = "portal.rebind.test";
    private static final WebhookConfiguration CONFIG = new WebhookConfiguration(true, Duration.ofSeconds(1), 20,
            Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1));
    private static final WebhookSecrets SECRETS = new WebhookSecrets(List.<PortalDefinition>of(),
            List.of(new PortalWebhookSecret("portal", "whsec_rebinding_test_0123456789abcdefghij", "test")), new Secrets() {
                @Override
                public Optional<String> find(Secret secret) {
                    return Optional.empty();
                }

                @Override
                public String location(Secret secret) {
                    return "nowhere";
                }
            });

    private static WebhookDelivery delivery(String url) {
        return new WebhookDelivery(UUID.randomUUID(), "portal", UUID.randomUUID(), url,
                "{\"event\":\"signing_request.completed\"}", 0, Instant.now());
    }

    private static WebhookSender sender(boolean localAllowed, RebindingDns dns, CallbackEndpoint endpoint) {
        return new WebhookSender(new CallbackUrlPolicy(localAllowed, dns), SECRETS, CONFIG, Clock.systemUTC(),
                endpoint.clientTrust());
    }

    @Test
    void shouldConnectToTheAddressTheCheckApprovedNotToTheHostNameAgain() throws Exception {
        // a .test name no system resolver knows: the delivery arrives only if it goes to the checked answer
        try (CallbackEndpoint endpoint = CallbackEndpoint.https(HOST)) {
            RebindingDns dns = RebindingDns.of(HOST, "127.0.0.1");
            WebhookSender.Result result = sender(true, dns, endpoint)
                    .send(delivery("https://" + HOST + ":" + endpoint.port() + "/kyso/events?portal=1"));
            assertTrue(result.delivered(), result.error());
            assertEquals(1, dns.questions(HOST), "resolved once, for the check");
            assertEquals(List.of(HOST), endpoint.serverNames(), "SNI names the host, not the address");
            assertEquals(List.of("POST /kyso/events?portal=1 HTTP/1.1 Host=" + HOST + ":" + endpoint.port()),
                    endpoint.requests());
        }
    }

    @Test
    void shouldNeverReachThePrivateAddressAHostRebindsToAfterTheCheck() throws Exception {
        try (CallbackEndpoint inside = CallbackEndpoint.https(HOST)) {
            // the check hears a public address (unreachable here); every later question, this machine
            RebindingDns dns = RebindingDns.of(HOST, "203.0.113.7", "127.0.0.1");
            WebhookSender sender = sender(false, dns, inside);
            String url = "https://" + HOST + ":" + inside.port() + "/kyso/events";

            WebhookSender.Result first = sender.send(delivery(url));
            WebhookSender.Result second = sender.send(delivery(url));

            assertFalse(first.delivered());
            assertEquals(0, inside.connections(), "nothing reached the private address: " + first.error());
            assertFalse(second.delivered());
            assertTrue(second.error().contains("127.0.0.1, which is not a public address"), second.error());
            assertEquals(0, inside.connections());
            assertEquals(2, dns.questions(HOST), "one question per attempt");
        }
    }

    @Test
    void shouldRefuseACertificateForAnotherHostEvenAtTheCheckedAddress() throws Exception {
        try (CallbackEndpoint impostor = CallbackEndpoint.https("other.rebind.test")) {
            RebindingDns dns = RebindingDns.of(HOST, "127.0.0.1");
            WebhookSender.Result result = sender(true, dns, impostor)
                    .send(delivery("https://" + HOST + ":" + impostor.port() + "/kyso/events"));
            assertFalse(result.delivered());
            assertTrue(result.error().startsWith("SSL"), result.error());
            assertEquals(List.of(), impostor.requests(), "no request was sent to it");
        }
    }
}
