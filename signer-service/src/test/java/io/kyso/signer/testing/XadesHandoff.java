package io.kyso.signer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Hands signed XML to the {@code validation-tests} module, where EU DSS checks it. DSS 6.3's XAdES
 * validation is built for Santuario 3.0.6 and fails with {@code NoSuchMethodError} on the 4.0.4 that
 * Kyso ships, so it cannot run on this module's class path.
 *
 * <p>The contract, read by {@code io.kyso.validation.XadesHandoffCase}: one directory per case under
 * {@code -Dkyso.xades.handoff} (default {@code target/xades-handoff}, i.e. this module's), holding
 * <pre>
 *   signed.xml         the enveloped document or the detached signature
 *   detached/NAME      for a detached signature: the original, under the name its reference uses
 *   trust-anchor.der   the only trust anchor (DER certificate)
 *   crl.der            the only revocation data
 *   expected.txt       TOTAL_PASSED or TOTAL_FAILED
 * </pre>
 */
public final class XadesHandoff {
    public static final Path DIRECTORY = Path.of(System.getProperty("kyso.xades.handoff", "target/xades-handoff"));

    public enum Expectation { TOTAL_PASSED, TOTAL_FAILED }

    private XadesHandoff() {
    }

    private static boolean cleared;

    /**
     * Removes every case of an earlier run, so the validation module never checks stale outputs.
     * Only the first call in a test JVM clears: several test classes hand cases over.
     */
    public static synchronized void clear() {
        if (cleared) {
            return;
        }
        cleared = true;
        if (!Files.exists(DIRECTORY)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(DIRECTORY)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + DIRECTORY, e);
        }
    }

    /**
     * @param detachedOriginals for a detached signature, the originals, each named as its reference's URI
     *                          (decoded) names it
     */
    public static synchronized void hand(String caseName, Expectation expected, Path signed, X509Certificate anchor,
                                         byte[] crl, Path... detachedOriginals) {
        Path dir = DIRECTORY.resolve(caseName);
        try {
            Files.createDirectories(dir);
            Files.copy(signed, dir.resolve("signed.xml"));
            for (Path original : detachedOriginals) {
                Files.createDirectories(dir.resolve("detached"));
                Files.copy(original, dir.resolve("detached").resolve(original.getFileName().toString()));
            }
            Files.write(dir.resolve("trust-anchor.der"), anchor.getEncoded());
            Files.write(dir.resolve("crl.der"), crl);
            Files.writeString(dir.resolve("expected.txt"), expected.name(), StandardCharsets.US_ASCII);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hand over " + caseName, e);
        }
    }
}
