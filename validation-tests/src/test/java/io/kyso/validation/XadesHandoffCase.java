package io.kyso.validation;

import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * One signed XML file handed over by signer-service's tests ({@code io.kyso.signer.testing.XadesHandoff}
 * writes the layout read here) with what EU DSS must say about it.
 *
 * @param expectedIndication {@code TOTAL_PASSED} or {@code TOTAL_FAILED}
 */
record XadesHandoffCase(String name, Path signed, List<DSSDocument> detachedContents, X509Certificate trustAnchor,
                        byte[] crl, String expectedIndication) {

    static Path directory() {
        String configured = System.getProperty("kyso.xades.handoff");
        if (configured == null) {
            throw new IllegalStateException("-Dkyso.xades.handoff is not set (the pom sets it)");
        }
        return Path.of(configured);
    }

    /** Every case in the hand-over directory; fails if there is none, so a missing hand-over never passes. */
    static List<XadesHandoffCase> all() throws IOException {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " does not exist: run signer-service's XadesSigningTest first"
                    + " (mvn test from the root runs it before this module)");
        }
        try (Stream<Path> cases = Files.list(dir)) {
            List<XadesHandoffCase> all = cases.filter(Files::isDirectory).sorted().map(XadesHandoffCase::read).toList();
            if (all.isEmpty()) {
                throw new IllegalStateException(dir + " holds no case: run signer-service's XadesSigningTest first");
            }
            return all;
        }
    }

    private static XadesHandoffCase read(Path dir) {
        try {
            return new XadesHandoffCase(dir.getFileName().toString(), dir.resolve("signed.xml"), detached(dir),
                    certificate(dir.resolve("trust-anchor.der")), Files.readAllBytes(dir.resolve("crl.der")),
                    Files.readString(dir.resolve("expected.txt"), StandardCharsets.US_ASCII).trim());
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the hand-over case " + dir, e);
        }
    }

    /** Each original under the name the detached reference gives it, which is how DSS matches them. */
    private static List<DSSDocument> detached(Path dir) throws IOException {
        Path detached = dir.resolve("detached");
        if (!Files.isDirectory(detached)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(detached)) {
            return files.map(file -> (DSSDocument) new FileDocument(file.toFile())).toList();
        }
    }

    private static X509Certificate certificate(Path der) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(der)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Override
    public String toString() {
        return name + " (expect " + expectedIndication + ")";
    }
}
