package io.kyso.bench.library;

import io.kyso.bench.hsm.BenchToken;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.pades.PadesSigner;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.KeySigner;
import io.kyso.signer.signing.xades.XadesSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One document signed in-process with the benchmark token's key: Kyso's {@code PadesSigner} (iText)
 * and EU DSS on the same PDF, and Kyso's {@code XadesSigner} on the small XML. File to file, as the
 * service signs (it never holds a document in memory on purpose).
 */
@State(Scope.Benchmark)
public class LibrarySigningBenchmark {
    public static final String DOCUMENTS_PROPERTY = "kyso.bench.documents";

    @Param({"EC_P256", "RSA_2048"})
    public KeySpec key;

    /** {@code 10-pages}, {@code 5-MB} (PDF) or {@code xml}; the XML figure runs only with {@link #xades}. */
    @Param({"10-pages", "5-MB"})
    public String document;

    HsmToken hsm;
    PadesSigner pades;
    KeySigner keys;
    XadesSigner xades;
    DssPadesSigner dss;
    SignerIdentity identity;
    Path input;
    Path output;

    @Setup(Level.Trial)
    public void open() throws Exception {
        // values checked as signer-service checks them, so the API / library ratio compares like with like
        hsm = BenchToken.fromSystemProperties().openAdapter(new io.kyso.signer.hsm.BouncyCastleVerifier());
        KeyEntry entry = hsm.find(BenchToken.alias(key)).orElseThrow();
        identity = new SignerIdentity(entry.alias(), entry.spec(), "Nguyễn Thị Hồng Nhung", entry.chain());
        pades = new PadesSigner();
        keys = new KeySigner(hsm);
        xades = new XadesSigner();
        dss = new DssPadesSigner(hsm, entry);
        input = BenchDocuments.file(Path.of(System.getProperty(DOCUMENTS_PROPERTY)), document);
        output = Files.createTempFile("kyso-bench-", ".signed");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        Files.deleteIfExists(output);
        hsm.close();
    }

    private SigningContext context(String contentType) {
        return new SigningContext(Instant.now(), "Kyso benchmark", DocumentOptions.DEFAULT, input.getFileName().toString(),
                contentType, SignatureLevel.B_B, output.getParent());
    }

    @Benchmark
    public Path kysoPades() throws Exception {
        pades.sign(input, output, identity, context("application/pdf"), keys);
        return output;
    }

    @Benchmark
    public Path dssPades() throws Exception {
        dss.sign(input, output);
        return output;
    }

    @Benchmark
    public Path kysoXades() throws Exception {
        xades.sign(input, output, identity, context("application/xml"), keys);
        return output;
    }
}
