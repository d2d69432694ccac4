package io.kyso.signer.hsm;

import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.metrics.KysoMetrics;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outside development, an operator (or a copied development setting) must not get a wrapping key
 * that someone holding the HSM PIN and a copy of the database could unwrap citizens' keys through:
 * the service never creates one (it could not give it an unwrap template), and it refuses to start
 * on one provisioned without the protections docs/operations.md asks for, naming the property.
 */
class WrappingKeyOutsideDevelopmentTest {

    private static Map<String, Object> production(Pkcs11Config token) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("kyso.data-dir", Path.of("target/kyso-prod-like-wrap").toAbsolutePath().toString());
        props.put("kyso.hsm.library", token.libraryPath().toString());
        props.put("kyso.hsm.token-label", token.tokenLabel());
        props.put("kyso.hsm.pin", new String(token.pin()));
        props.put("kyso.otp.hash-key", Base64.getEncoder().encodeToString(new byte[32]));
        props.put("kyso.totp.seed-key", Base64.getEncoder().encodeToString(new byte[32]));
        return props;
    }

    private static String startFailure(Map<String, Object> props) {
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
    void shouldNeverCreateAWrappingKeyOutsideDevelopment() {
        Pkcs11Config token = SoftHsm.freshToken();
        Map<String, Object> props = production(token);
        props.put("kyso.hsm.create-wrapping-key", "true");
        String failure = startFailure(props);
        assertTrue(failure.contains("kyso.hsm.create-wrapping-key"), failure);
        assertEquals(0, SoftHsm.countTokenObjects(token), "nothing was created in the token");
    }

    @Test
    void shouldRefuseAWrappingKeyThatCanDeriveKeys() {
        Pkcs11Config token = SoftHsm.freshToken();
        SoftHsm.provisionWrappingKey(token, "kyso-citizen-wrap", SoftHsm.WrappingKeyFlaw.DERIVES);
        String failure = tokenFailure(token);
        assertTrue(failure.contains("kyso.hsm.wrapping-key") && failure.contains("it can derive keys"), failure);
    }

    @Test
    void shouldRefuseAWrappingKeyThatWasOnceExtractable() {
        Pkcs11Config token = SoftHsm.freshToken();
        SoftHsm.provisionWrappingKey(token, "kyso-citizen-wrap", SoftHsm.WrappingKeyFlaw.ONCE_EXTRACTABLE);
        String failure = tokenFailure(token);
        assertTrue(failure.contains("kyso.hsm.wrapping-key") && failure.contains("was once"), failure);
    }

    /**
     * What the service's HSM token (a bean made at start-up: its failure stops the start) says of
     * {@code token}'s wrapping key, with creation off as outside development.
     */
    private static String tokenFailure(Pkcs11Config token) {
        HsmConfiguration config = new HsmConfiguration(token.libraryPath().toString(), token.tokenLabel(),
                HsmConfiguration.CitizenKeys.WRAPPED, "kyso-citizen-wrap", false);
        Secrets secrets = new Secrets() {
            @Override
            public Optional<String> find(Secret secret) {
                return secret.equals(Secret.HSM_PIN) ? Optional.of(new String(token.pin())) : Optional.empty();
            }

            @Override
            public String location(Secret secret) {
                return secret.property();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new HsmFactory()
                .hsmToken(config, secrets, new KysoMetrics(new SimpleMeterRegistry())).close());
        return e.getMessage();
    }
}
