package io.kyso.bench.api;

import io.kyso.bench.hsm.BenchToken;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.pades.PadesSigner;
import io.kyso.signer.intake.PdfInspector;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.KeySigner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What the service does with a stored PDF once the upload is done, in a JVM of its own with a small
 * heap: intake inspection (structure scan, iText parse) and PAdES signing, file to file. Run by
 * {@link HeapBenchmark} with -Xmx256m and a GC log, it shows whether the 100 MB target is within
 * reach of the signing path itself, whatever the upload format. Exits non-zero on failure.
 */
public final class LargePdfProbe {
    private LargePdfProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path input = Path.of(args[0]);
        Path output = Files.createTempFile(input.getParent(), "probe-", ".signed.pdf");
        try (HsmToken hsm = BenchToken.fromSystemProperties().openAdapter(new io.kyso.signer.hsm.BouncyCastleVerifier())) {
            KeyEntry key = hsm.find(BenchToken.alias(KeySpec.EC_P256)).orElseThrow();
            int pages = new PdfInspector().inspect(input);
            new PadesSigner().sign(input, output, new SignerIdentity(key.alias(), key.spec(), "Nguyễn Văn Bền", key.chain()),
                    new SigningContext(Instant.now(), "Kyso benchmark", DocumentOptions.DEFAULT, "large.pdf", "application/pdf",
                            SignatureLevel.B_B, output.getParent()), new KeySigner(hsm));
            System.out.println("signed " + pages + " pages, " + Files.size(output) + " bytes");
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
