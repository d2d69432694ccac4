package io.kyso.signer.totp;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Authenticator seeds at rest: AES-GCM, bound to their citizen, tamper-evident. */
class SeedCipherTest {
    private static final byte[] SEED = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static SeedCipher cipher(byte fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        return new SeedCipher(secretsWithSeedKey(Base64.getEncoder().encodeToString(key)));
    }

    private static Secrets secretsWithSeedKey(String value) {
        return new Secrets() {
            @Override
            public Optional<String> find(Secret secret) {
                return Secret.TOTP_SEED_KEY.equals(secret) ? Optional.of(value) : Optional.empty();
            }

            @Override
            public String location(Secret secret) {
                return secret.property();
            }
        };
    }

    @Test
    void shouldDecryptWhatItEncryptedForTheSameCitizen() {
        UUID citizen = UUID.randomUUID();
        SeedCipher cipher = cipher((byte) 1);
        String stored = cipher.encrypt(SEED, citizen);
        assertArrayEquals(SEED, cipher.decrypt(stored, citizen));
        assertFalse(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("1234567890"), "the seed is not stored in clear");
        assertNotEquals(stored, cipher.encrypt(SEED, citizen), "a fresh nonce each time");
    }

    @Test
    void shouldRefuseASeedMovedToAnotherCitizen() {
        SeedCipher cipher = cipher((byte) 1);
        String stored = cipher.encrypt(SEED, UUID.randomUUID());
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(stored, UUID.randomUUID()));
    }

    @Test
    void shouldRefuseAnAlteredSeedOrAnotherKey() {
        UUID citizen = UUID.randomUUID();
        String stored = cipher((byte) 1).encrypt(SEED, citizen);
        byte[] raw = Base64.getDecoder().decode(stored);
        raw[raw.length - 1] ^= 1;
        String altered = Base64.getEncoder().encodeToString(raw);
        assertThrows(IllegalStateException.class, () -> cipher((byte) 1).decrypt(altered, citizen));
        assertThrows(IllegalStateException.class, () -> cipher((byte) 2).decrypt(stored, citizen));
    }

    @Test
    void shouldRefuseAKeyShorterThan32Bytes() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new SeedCipher(secretsWithSeedKey(shortKey)));
        assertTrue(e.getMessage().contains("kyso.totp.seed-key"));
    }
}
