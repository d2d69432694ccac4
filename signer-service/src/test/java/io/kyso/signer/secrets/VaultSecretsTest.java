package io.kyso.signer.secrets;

import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.testing.VaultStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code kyso.secrets.vault.*} set, the HSM PIN and the code key come from Vault's KV v2 (a
 * stand-in server here), with a token or an AppRole login; a missing secret or an unreachable Vault
 * stops the start with a message naming where it looked.
 */
class VaultSecretsTest {
    private static final Set<String> SECRETS_IN_CONFIG = Set.of("kyso.hsm.pin", "kyso.otp.hash-key", "kyso.totp.seed-key");
    private VaultStandIn vault;

    @BeforeEach
    void startVault() {
        vault = new VaultStandIn();
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    /** A service's own generated secrets, moved from its configuration into Vault. */
    private Map<String, String> secretsOf(KysoTestService template) {
        return Map.of("hsm-pin", template.property("kyso.hsm.pin"), "otp-hash-key", template.property("kyso.otp.hash-key"),
                "totp-seed-key", template.property("kyso.totp.seed-key"));
    }

    private static void signSomething(KysoTestService kyso) {
        Map<String, Object> citizen = kyso.enroll("Phan Bội Châu", "079099001001", "+84901001001", null);
        String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
        assertEquals("SIGNED", kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode("+84901001001"))).string("status"));
    }

    @Test
    void shouldTakeThePinAndTheCodeKeyFromVaultWithAToken() {
        KysoTestService template = KysoTestService.start();
        Map<String, Object> props = Map.of("kyso.secrets.vault.address", vault.address(),
                "kyso.secrets.vault.token", vault.rootToken());
        vault.put("secret", "kyso", secretsOf(template));
        try (KysoTestService kyso = template.restartWith(props, SECRETS_IN_CONFIG)) {
            signSomething(kyso);
        }
    }

    @Test
    void shouldLogInWithAppRole() {
        KysoTestService template = KysoTestService.start();
        vault.put("kv", "kyso/prod", secretsOf(template));
        Map<String, Object> props = Map.of("kyso.secrets.vault.address", vault.address(),
                "kyso.secrets.vault.role-id", vault.roleId(), "kyso.secrets.vault.secret-id", vault.secretId(),
                "kyso.secrets.vault.kv-mount", "kv", "kyso.secrets.vault.path", "kyso/prod");
        try (KysoTestService kyso = template.restartWith(props, SECRETS_IN_CONFIG)) {
            signSomething(kyso);
        }
    }

    @Test
    void shouldRefuseToStartWhenASecretIsMissingAndNameWhereItLooked() {
        KysoTestService template = KysoTestService.start();
        vault.put("secret", "kyso", Map.of("hsm-pin", template.property("kyso.hsm.pin")));
        Map<String, Object> props = Map.of("kyso.secrets.vault.address", vault.address(),
                "kyso.secrets.vault.token", vault.rootToken());
        String failure = messages(assertThrows(RuntimeException.class, () -> template.restartWith(props, SECRETS_IN_CONFIG)));
        assertTrue(failure.contains("secret/data/kyso") && failure.contains("otp-hash-key"), failure);
    }

    @Test
    void shouldRefuseToStartWhenVaultCannotBeReachedAndNameIt() {
        KysoTestService template = KysoTestService.start();
        String address = vault.address();
        vault.close();
        Map<String, Object> props = Map.of("kyso.secrets.vault.address", address,
                "kyso.secrets.vault.token", "hvs.whatever", "kyso.secrets.vault.timeout", "1s");
        String failure = messages(assertThrows(RuntimeException.class, () -> template.restartWith(props, SECRETS_IN_CONFIG)));
        assertTrue(failure.contains(address), failure);
        vault = new VaultStandIn();
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
