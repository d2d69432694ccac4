package io.kyso.bench.hsm;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * Signatures per second over a SHA-256 digest: straight through SunPKCS11 (one {@link Signature}
 * per thread, initialised once), through hsm-adapter's {@code signDigest} (which verifies every
 * value in software: with the JDK's verifier, the adapter's default, and with Bouncy Castle's, as
 * signer-service opens it), with a wrapped key (unwrapped in the token for each signature, as
 * signer-service signs for citizens), and the JDK verification alone, to see what the adapter adds.
 */
@State(Scope.Benchmark)
public class RawSigningBenchmark {
    /** DER DigestInfo prefix for SHA-256: what RSASSA-PKCS1-v1_5 signs around the digest. */
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    @Param({"EC_P256", "RSA_2048"})
    public KeySpec key;

    HsmToken adapter;
    /** The same token through hsm-adapter, checking values as signer-service does (Bouncy Castle). */
    HsmToken adapterBc;
    BenchToken.RawKey privateKey;
    PublicKey publicKey;
    byte[] digest;
    byte[] rawInput;
    SignatureScheme scheme;
    String alias;
    /** A key of the same kind wrapped under the token's AES key, as signer-service keeps citizens' keys. */
    io.kyso.hsm.WrappedKey wrapped;

    @Setup(Level.Trial)
    public void open() throws Exception {
        BenchToken token = BenchToken.fromSystemProperties();
        alias = BenchToken.alias(key);
        adapter = token.openAdapter();
        adapterBc = token.openAdapter(new io.kyso.signer.hsm.BouncyCastleVerifier());
        publicKey = adapter.find(alias).orElseThrow().publicKey();
        adapterBc.requireWrappingKey("kyso-bench-wrap", true);
        wrapped = adapterBc.generateWrapped("kyso-bench-wrap", key,
                io.kyso.hsm.testing.TestIssuers.selfSigned("Kyso Benchmark wrapped " + key));
        privateKey = token.sunPkcs11Key(alias);
        digest = MessageDigest.getInstance("SHA-256").digest("Kyso benchmark".getBytes());
        scheme = key.isEc() ? SignatureScheme.ECDSA : SignatureScheme.RSA_PKCS1_V15;
        rawInput = key.isEc() ? digest : concat(SHA256_DIGEST_INFO, digest);
    }

    @TearDown(Level.Trial)
    public void close() {
        adapter.close();
        adapterBc.close();
    }

    /** A SunPKCS11 signature object per thread: they are not thread-safe, and init costs a session. */
    @State(Scope.Thread)
    public static class PerThread {
        Signature signer;
        Signature verifier;
        byte[] value;

        @Setup(Level.Trial)
        public void init(RawSigningBenchmark b) throws Exception {
            signer = Signature.getInstance(b.key.isEc() ? "NONEwithECDSA" : "NONEwithRSA", b.privateKey.provider());
            signer.initSign(b.privateKey.key());
            value = b.adapter.signDigest(b.alias, DigestAlgorithm.SHA256, b.scheme, b.digest);
            verifier = Signature.getInstance(b.key.isEc() ? "NONEwithECDSA" : "NONEwithRSA");
        }
    }

    @Benchmark
    public byte[] sunPkcs11(PerThread t) throws Exception {
        t.signer.update(rawInput);
        return t.signer.sign();
    }

    @Benchmark
    public byte[] hsmAdapter() {
        return adapter.signDigest(alias, DigestAlgorithm.SHA256, scheme, digest);
    }

    @Benchmark
    public byte[] hsmAdapterBcVerify() {
        return adapterBc.signDigest(alias, DigestAlgorithm.SHA256, scheme, digest);
    }

    /** A wrapped key: unwrapped as a session object, used, destroyed, value checked as signer-service does. */
    @Benchmark
    public byte[] hsmAdapterWrapped() {
        return adapterBc.signDigest(wrapped, DigestAlgorithm.SHA256, scheme, digest);
    }

    /** What the adapter's check of one value costs, on its own (the JDK's verifier, as the adapter uses). */
    @Benchmark
    public boolean jdkVerify(PerThread t) throws Exception {
        t.verifier.initVerify(publicKey);
        t.verifier.update(rawInput);
        return t.verifier.verify(t.value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
