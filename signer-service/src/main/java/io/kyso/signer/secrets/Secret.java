package io.kyso.signer.secrets;

/**
 * A secret the service needs: its key in Vault's KV secret, and the configuration property (or
 * environment variable) it comes from when Vault is not used.
 */
public record Secret(String vaultKey, String property) {
    public static final Secret HSM_PIN = new Secret("hsm-pin", "kyso.hsm.pin");
    public static final Secret OTP_HASH_KEY = new Secret("otp-hash-key", "kyso.otp.hash-key");
    public static final Secret TOTP_SEED_KEY = new Secret("totp-seed-key", "kyso.totp.seed-key");
    /** Kyso's client secret at the national identity provider (OpenID Connect), when one is configured. */
    public static final Secret IDENTITY_CLIENT_SECRET = new Secret("identity-client-secret", "kyso.identity.client-secret");

    /** The webhook signing secret of one portal. */
    public static Secret webhookSecret(String portalId) {
        return new Secret("webhook-secret." + portalId, "kyso.portals." + portalId + ".webhook-secret");
    }
}
