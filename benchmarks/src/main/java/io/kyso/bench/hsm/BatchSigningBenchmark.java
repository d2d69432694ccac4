package io.kyso.bench.hsm;

import io.kyso.hsm.DigestAlgorithm;
import io.kyso.hsm.DigestBatch;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.SignatureScheme;
import io.kyso.hsm.WrappedKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Batches of digests signed with one key in one call ({@code HsmToken.signDigests}), set up as
 * {@link RawSigningBenchmark}'s {@code hsmAdapterBcVerify} is (same token, same key, the verifier
 * signer-service opens the token with), so that a batch's signatures per second
 * ({@code batch} x operations per second) compare with one {@code signDigest} per signature. A
 * wrapped key is unwrapped once per batch.
 */
@State(Scope.Benchmark)
public class BatchSigningBenchmark {
    @Param({"EC_P256", "RSA_2048"})
    public KeySpec key;

    @Param({"1", "20", "200"})
    public int batch;

    HsmToken adapterBc;
    String alias;
    WrappedKey wrapped;
    DigestBatch digests;

    @Setup(Level.Trial)
    public void open() throws Exception {
        BenchToken token = BenchToken.fromSystemProperties();
        alias = BenchToken.alias(key);
        adapterBc = token.openAdapter(new io.kyso.signer.hsm.BouncyCastleVerifier());
        adapterBc.requireWrappingKey("kyso-bench-wrap", true);
        wrapped = adapterBc.generateWrapped("kyso-bench-wrap", key,
                io.kyso.hsm.testing.TestIssuers.selfSigned("Kyso Benchmark wrapped batch " + key));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<byte[]> values = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            values.add(sha256.digest(("Kyso benchmark hash " + i).getBytes()));
        }
        digests = new DigestBatch(DigestAlgorithm.SHA256, key.isEc() ? SignatureScheme.ECDSA
                : SignatureScheme.RSA_PKCS1_V15, values);
    }

    @TearDown(Level.Trial)
    public void close() {
        adapterBc.close();
    }

    /** A key stored in the token: one session, the key's handle, every value verified. */
    @Benchmark
    public List<byte[]> storedKeyBatch() {
        return adapterBc.signDigests(alias, digests);
    }

    /** A wrapped key: unwrapped once, every digest signed and verified, destroyed. */
    @Benchmark
    public List<byte[]> wrappedKeyBatch() {
        return adapterBc.signDigests(wrapped, digests);
    }
}
