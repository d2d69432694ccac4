package io.kyso.signer.signing.pades;

import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfReader;
import com.itextpdf.kernel.pdf.PdfWriter;
import com.itextpdf.kernel.pdf.StampingProperties;
import com.itextpdf.signatures.LtvVerification;
import com.itextpdf.signatures.PdfPKCS7;
import com.itextpdf.signatures.PdfSigner;
import com.itextpdf.signatures.SignatureUtil;
import io.kyso.signer.signing.ArchiveRenewer;
import io.kyso.signer.signing.LongTermSources;
import io.kyso.signer.signing.Timestamp;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Renews a PAdES-BASELINE-LTA PDF with iText, in two incremental updates: the document security
 * store gets the validation data of the newest document timestamp (its unit's and CA's
 * certificates and their OCSP answers or CRLs), then a new document timestamp covers everything.
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
            ItextSources clients = addValidationData(signed, withValidationData);
            try (OutputStream out = Files.newOutputStream(output)) {
                new PdfSigner(new PdfReader(withValidationData.toFile()), out, null,
                        new StampingProperties().useAppendMode()).timestamp(clients, "Kyso-TS-" + UUID.randomUUID());
            } catch (Exception e) {
                throw PadesPending.failure(e);
            }
            return clients.newestTimestamp().orElseThrow(() ->
                    new SignatureException("iText added a document timestamp without asking for one"));
        } finally {
            Files.deleteIfExists(withValidationData);
        }
    }

    /** The newest document timestamp's validation data, in an incremental update; returns the clients used. */
    private ItextSources addValidationData(KeptSignature signed, Path output) throws IOException, GeneralSecurityException {
        try (PdfDocument pdf = new PdfDocument(new PdfReader(signed.signedFile().toFile()), new PdfWriter(output.toFile()),
                new StampingProperties().useAppendMode())) {
            SignatureUtil signatures = new SignatureUtil(pdf);
            String newest = newestDocumentTimestamp(signatures);
            ItextSources clients = new ItextSources(sources, signed.timestampDigest(), certificatesIn(signatures));
            LtvVerification ltv = new LtvVerification(pdf).setIssuingCertificateRetriever(clients.issuers());
            ltv.addVerification(newest, clients, clients, LtvVerification.CertificateOption.ALL_CERTIFICATES,
                    LtvVerification.Level.OCSP_OPTIONAL_CRL, LtvVerification.CertificateInclusion.YES);
            ltv.merge();
            return clients;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw PadesPending.failure(e);
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

    /** Every certificate the file's signatures and timestamps carry: their chains need no fetching. */
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
