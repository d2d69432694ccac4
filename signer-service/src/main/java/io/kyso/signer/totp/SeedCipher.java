package io.kyso.signer.totp;

import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Order;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Encrypts authenticator seeds at rest with AES-256-GCM under the secret {@code totp-seed-key}
 * ({@code kyso.totp.seed-key}, or Vault). The citizen's
 * id is the associated data, so a seed copied onto another citizen's row does not decrypt. Stored
 * form: base64(version ‖ 12-byte nonce ‖ ciphertext and tag). Thread-safe.
 */
@Context
@Order(-100)
public class SeedCipher {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    public SeedCipher(Secrets secrets) {
        this.key = new SecretKeySpec(seedKey(secrets), 0, 32, "AES");
    }

    /** At least 32 random bytes, base64; the first 32 are the AES-256 key. */
    private static byte[] seedKey(Secrets secrets) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secrets.require(Secret.TOTP_SEED_KEY).strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(secrets.location(Secret.TOTP_SEED_KEY) + ": not valid base64");
        }
        if (key.length < 32) {
            throw new ConfigurationException(secrets.location(Secret.TOTP_SEED_KEY) + ": must be at least 32 bytes");
        }
        return key;
    }

    public String encrypt(byte[] seed, UUID citizenId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, citizenId, seed);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(VERSION).put(nonce).put(sealed).array());
    }

    /** @throws IllegalStateException if the stored value was altered, moved, or sealed under another key */
    public byte[] decrypt(String stored, UUID citizenId) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(stored));
        if (in.get() != VERSION) {
            throw new IllegalStateException("unknown seed format");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return run(Cipher.DECRYPT_MODE, nonce, citizenId, sealed);
    }

    private byte[] run(int mode, byte[] nonce, UUID citizenId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(citizenId.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an authenticator seed does not decrypt under kyso.totp.seed-key", e);
        }
    }
}
