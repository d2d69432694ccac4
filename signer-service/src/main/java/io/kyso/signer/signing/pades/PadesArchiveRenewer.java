package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.signatures.LtvVerification;
import com.itextpdf.signatures.PdfPKCS7;
import com.itextpdf.signatures.SignatureUtil;
import io.kyso.signer.signing.ArchiveRenewer;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.Timestamp;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renews a PAdES-BASELINE-LTA PDF with iText, in two incremental updates ({@link ItextLongTerm}):
 * the document security store gets the validation data of the newest document timestamp (its
 * unit's and CA's certificates and their OCSP answers or CRLs), then a new document timestamp
 * covers everything.
 * Every signature and timestamp before stays as it was: a copy a portal downloaded earlier is a
 * prefix of the renewed file.
 */
@Singleton
public class PadesArchiveRenewer implements ArchiveRenewer {
    private final LongTermSources sources;

    public PadesArchiveRenewer(LongTermSources sources) {
        this.sources = sources;
    }

    @Override
    public boolean supports(String contentType) {
        return "application/pdf".equals(contentType);
    }

    @Override
    public Timestamp renew(KeptSignature signed, Path output) throws IOException, GeneralSecurityException {
        Path withValidationData = Files.createTempFile(signed.workDir(), "pades-ltv-", ".pdf");
        try {
            ItextSources clients = clientsFor(signed);
            ItextLongTerm.addValidationData(signed.signedFile(), newestDocumentTimestamp(signed.signedFile()), clients,
                    LtvVerification.RevocationDataNecessity.OPTIONAL, withValidationData);
            ItextLongTerm.addDocumentTimestamp(withValidationData, clients, signed.workDir(), output);
            return clients.newestTimestamp().orElseThrow(() ->
                    new SignatureException("iText added a document timestamp without asking for one"));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw PadesPending.failure(e);
        } finally {
            Files.deleteIfExists(withValidationData);
        }
    }

    /** Clients that know every certificate the file's signatures and timestamps carry: their chains need no fetching. */
    private ItextSources clientsFor(KeptSignature signed) throws IOException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(signed.signedFile().toFile()))) {
            return new ItextSources(sources, signed.timestampDigest(), certificatesIn(new SignatureUtil(pdf)));
        }
    }

    private static String newestDocumentTimestamp(Path file) throws IOException, SignatureException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(file.toFile()))) {
            return newestDocumentTimestamp(new SignatureUtil(pdf));
        }
    }

    /** The document timestamp that covers the whole file: what an archive renewal extends. */
    private static String newestDocumentTimestamp(SignatureUtil signatures) throws SignatureException {
        for (String name : signatures.getSignatureNames()) {
            if (signatures.signatureCoversWholeDocument(name) && signatures.readSignatureData(name).isTsp()) {
                return name;
            }
        }
        throw new SignatureException("the PDF does not end with a document timestamp: it is not PAdES-BASELINE-LTA");
    }

    private static List<X509Certificate> certificatesIn(SignatureUtil signatures) {
        List<X509Certificate> all = new ArrayList<>();
        for (String name : signatures.getSignatureNames()) {
            PdfPKCS7 data = signatures.readSignatureData(name);
            add(all, data.getCertificates());
            add(all, data.getTimestampCertificates());
        }
        return all;
    }

    private static void add(List<X509Certificate> all, Certificate[] certificates) {
        if (certificates != null) {
            for (Certificate c : certificates) {
                if (c instanceof X509Certificate x509 && !all.contains(x509)) {
                    all.add(x509);
                }
            }
        }
    }
}
