package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.LtvVerification;
import com.itextpdf.signatures.PdfSigner;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * The two incremental updates above B-T, as iText's PAdES baseline profiles make them (its
 * {@code PdfPadesSigner}: {@link LtvVerification} with every certificate, OCSP where it answers and
 * the CRL otherwise; then {@link PdfSigner#timestamp}), but from file to file: iText's own helper
 * reads its intermediate document back from a stream, which holds the whole file in memory, and a
 * 100 MiB scan must sign within a small heap.
 */
final class ItextLongTerm {
    private ItextLongTerm() {
    }

    /**
     * Adds to the document security store the certificates and revocation data of signature (or
     * document timestamp) {@code signatureName} and of its timestamps' units.
     *
     * @param necessity whether the signer's certificate must get revocation data (signing) or need not
     *                  (renewal of an old document, whose signer's data is already in the store)
     */
    static void addValidationData(Path input, String signatureName, ItextSources sources,
                                  LtvVerification.RevocationDataNecessity necessity, Path output)
            throws IOException, GeneralSecurityException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(input.toFile()), new PdfWriter(output.toFile()),
                new StampingProperties().useAppendMode())) {
            LtvVerification ltv = new LtvVerification(pdf).setRevocationDataNecessity(necessity)
                    .setIssuingCertificateRetriever(sources.issuers());
            ltv.addVerification(signatureName, sources, sources, LtvVerification.CertificateOption.ALL_CERTIFICATES,
                    LtvVerification.Level.OCSP_OPTIONAL_CRL, LtvVerification.CertificateInclusion.YES);
            ltv.merge();
        }
    }

    /** Adds a document timestamp over the whole of {@code input}. */
    static void addDocumentTimestamp(Path input, ItextSources sources, Path workDir, Path output)
            throws IOException, GeneralSecurityException {
        Path scratch = Files.createTempFile(workDir, "pades-ts-", ".pdf");
        try (OutputStream out = Files.newOutputStream(output)) {
            new PdfSigner(new PdfReader(input.toFile()), out, scratch.toString(),
                    new StampingProperties().useAppendMode()).timestamp(sources, "Kyso-TS-" + UUID.randomUUID());
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
