package io.kyso.signer;

import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outside the dev environment, development defaults stop the start with a message naming the property. */
class DevelopmentDefaultsRefusedTest {

    private static Map<String, Object> productionLike(Pkcs11Config token) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kyso.data-dir", java.nio.file.Path.of("target/kyso-prod-like").toAbsolutePath().toString());
        props.put("kyso.hsm.library", token.libraryPath().toString());
        props.put("kyso.hsm.token-label", token.tokenLabel());
        props.put("kyso.hsm.pin", new String(token.pin()));
        props.put("kyso.otp.hash-key", Base64.getEncoder().encodeToString(new byte[32]));
        props.put("kyso.totp.seed-key", Base64.getEncoder().encodeToString(new byte[32]));
        return props;
    }

    private static String failureOf(Map<String, Object> props) {
        Throwable failure = assertThrows(Throwable.class, () -> {
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props, "prod")) {
                server.getURL();
            }
        });
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void shouldRefuseTheDevelopmentApiKeyOutsideDev() {
        Map<String, Object> props = productionLike(SoftHsm.freshToken());
        props.put("kyso.dev.api-key", "kyso_dev_whatever");
        String failure = failureOf(props);
        assertTrue(failure.contains("kyso.dev"), failure);
    }

    @Test
    void shouldRefuseTheDevelopmentOutboxOutsideDev() {
        Map<String, Object> props = productionLike(SoftHsm.freshToken());
        props.put("kyso.delivery.sms", "outbox");
        String failure = failureOf(props);
        assertTrue(failure.contains("kyso.delivery.sms"), failure);
    }

    @Test
    void shouldRefuseTheDevelopmentCaOutsideDev() {
        Map<String, Object> props = productionLike(SoftHsm.freshToken());
        props.put("kyso.pki.dev-ca", true);
        String failure = failureOf(props);
        assertTrue(failure.contains("kyso.pki.dev-ca"), failure);
    }

    @Test
    void shouldRefuseToStartWithoutACertificateAuthorityOrCodeChannel() {
        String failure = failureOf(productionLike(SoftHsm.freshToken()));
        assertTrue(failure.contains("kyso.pki") || failure.contains("kyso.otp"), failure);
    }

    @Test
    void shouldRefuseAMissingPinNamingTheProperty() {
        Map<String, Object> props = productionLike(SoftHsm.freshToken());
        props.remove("kyso.hsm.pin");
        String failure = failureOf(props);
        assertTrue(failure.contains("pin"), failure);
    }
}
