package io.kyso.bench.hsm;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.Pkcs11HsmToken;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.hsm.testing.TestIssuers;
import sun.security.pkcs11.wrapper.PKCS11;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.util.List;

/**
 * The SoftHSM2 token of the in-process benchmarks, with one EC P-256 and one RSA-2048 key that every
 * library figure (raw SunPKCS11, hsm-adapter, iText, EU DSS) signs with.
 *
 * <p>The token is created by the benchmark driver before any JMH fork starts, and handed to each
 * fork as system properties: SoftHSM2 sees only tokens that exist when a process loads it. The PIN
 * of this throw-away token travels on the fork's command line; it guards nothing else.
 */
public record BenchToken(Path library, String label, String pin) {
    public static final String EC_ALIAS = "bench-ec-p256";
    public static final String RSA_ALIAS = "bench-rsa-2048";
    private static final String PREFIX = "kyso.bench.token.";

    /** A fresh token with both keys, self-signed certificates. Call before anything loads libsofthsm2. */
    public static BenchToken create() {
        System.setProperty(SoftHsm.POOL_PROPERTY, "1");
        Pkcs11Config config = SoftHsm.freshToken("benchmarks");
        try (Pkcs11HsmToken token = Pkcs11HsmToken.open(config)) {
            token.generate(EC_ALIAS, KeySpec.EC_P256, TestIssuers.selfSigned("Kyso Benchmark EC P-256"));
            token.generate(RSA_ALIAS, KeySpec.RSA_2048, TestIssuers.selfSigned("Kyso Benchmark RSA-2048"));
        }
        return new BenchToken(config.libraryPath(), config.tokenLabel(), new String(config.pin()));
    }

    /** The token named by this JVM's system properties (a JMH fork). */
    public static BenchToken fromSystemProperties() {
        String library = System.getProperty(PREFIX + "library");
        if (library == null) {
            throw new IllegalStateException("no benchmark token: run the benchmarks through scripts/bench");
        }
        return new BenchToken(Path.of(library), System.getProperty(PREFIX + "label"), System.getProperty(PREFIX + "pin"));
    }

    public List<String> systemProperties() {
        return List.of("-D" + PREFIX + "library=" + library, "-D" + PREFIX + "label=" + label, "-D" + PREFIX + "pin=" + pin);
    }

    public static String alias(KeySpec spec) {
        return spec.isEc() ? EC_ALIAS : RSA_ALIAS;
    }

    public HsmToken openAdapter() {
        return openAdapter(io.kyso.hsm.ValueVerifier.jdk());
    }

    public HsmToken openAdapter(io.kyso.hsm.ValueVerifier verifier) {
        return Pkcs11HsmToken.open(new Pkcs11Config(library, label, pin.toCharArray()), verifier);
    }

    /**
     * SunPKCS11 on the token's slot, logged in, and the private key under {@code alias}: the path a
     * JCA user takes without Kyso's adapter.
     */
    public RawKey sunPkcs11Key(String alias) throws Exception {
        Provider template = Security.getProvider("SunPKCS11");
        Provider provider = template.configure("--name = KysoBenchRaw\nlibrary = \"" + library + "\"\nslot = " + slot() + "\n");
        KeyStore store = KeyStore.getInstance("PKCS11", provider);
        store.load(null, pin.toCharArray());
        return new RawKey(provider, (PrivateKey) store.getKey(alias, null));
    }

    /** A private key in the token as SunPKCS11 gives it, and the provider instance that signs with it. */
    public record RawKey(Provider provider, PrivateKey key) {
    }

    /** SunPKCS11 knows slots, not labels: find the slot the way hsm-adapter does. */
    private long slot() throws Exception {
        PKCS11 p11 = PKCS11.getInstance(library.toString(), "C_GetFunctionList", null, false);
        for (long slot : p11.C_GetSlotList(true)) {
            if (new String(p11.C_GetTokenInfo(slot).label).trim().equals(label)) {
                return slot;
            }
        }
        throw new IllegalStateException("no slot holds token " + label);
    }
}
