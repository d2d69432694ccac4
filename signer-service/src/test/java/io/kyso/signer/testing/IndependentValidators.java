package io.kyso.signer.testing;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import eu.europa.esig.dss.xades.validation.XMLDocumentValidator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks signatures with validators that are not ours: EU DSS (default validation policy, offline,
 * the trust anchors and CRLs given), poppler's {@code pdfsig} and {@code xmlsec1}; poppler's {@code pdftoppm}
 * renders pages.
 */
public final class IndependentValidators {
    private static final String PDFSIG_VALID = "Signature Validation: Signature is Valid.";
    private static final Pattern PDFSIG_SIGNATURE = Pattern.compile("(?m)^Signature #\\d+:");
    private static final Pattern PDFSIG_VALIDATION = Pattern.compile("(?m)^\\s*- Signature Validation: .*$");

    private IndependentValidators() {
    }

    /** One signature as DSS sees it; {@code errors} are the AdES validation errors of the simple report. */
    public record SignatureVerdict(String id, String indication, String subIndication, String signatureFormat,
                                   String signedBy, List<String> errors) {
        @Override
        public String toString() {
            return id + ": " + indication + (subIndication == null ? "" : "/" + subIndication) + ", "
                    + signatureFormat + ", signed by " + signedBy + (errors.isEmpty() ? "" : ", errors " + errors);
        }
    }

    public record DssVerdict(List<SignatureVerdict> signatures, String simpleReportXml) {
        /** The verdicts and the simple report, for assertion messages. */
        public String summary() {
            return "DSS: " + signatures.size() + " signature(s)\n"
                    + signatures.stream().map(s -> "  " + s).collect(Collectors.joining("\n"))
                    + "\n" + simpleReportXml;
        }
    }

    public record PdfsigResult(int exitCode, String output) {
        public int signatures() {
            return (int) PDFSIG_SIGNATURE.matcher(output).results().count();
        }

        /** The "Signature Validation" line of each signature. */
        public List<String> validations() {
            return PDFSIG_VALIDATION.matcher(output).results().map(m -> m.group().trim()).toList();
        }
    }

    /**
     * Validates with DSS at the current time; the CRLs given are the only revocation data, nothing is
     * fetched. The default policy wants revocation data for every certificate below the trust anchor
     * (with Kyso's hierarchy: the root's CRL for the issuing CA and the issuing CA's CRL for the
     * citizen), and a CRL whose thisUpdate is not before the signing certificate's notBefore (else
     * INDETERMINATE).
     */
    public static DssVerdict validatePdfWithDss(byte[] signedPdf, X509Certificate trustAnchor, byte[]... crlDers) {
        return validatePdfWithDss(signedPdf, List.of(trustAnchor), crlDers);
    }

    /** As {@link #validatePdfWithDss(byte[], X509Certificate, byte[]...)}, trusting each of {@code trustAnchors}. */
    public static DssVerdict validatePdfWithDss(byte[] signedPdf, List<X509Certificate> trustAnchors,
                                                byte[]... crlDers) {
        return validateWithDss(new InMemoryDocument(signedPdf, "signed.pdf"), List.of(), trustAnchors, null, crlDers);
    }

    /**
     * As {@link #validatePdfWithDss(byte[], List, byte[]...)}, as of {@code validationTime} (e.g. the
     * time of a service whose clock a test moved forward).
     */
    public static DssVerdict validatePdfWithDssAt(byte[] signedPdf, Instant validationTime, X509Certificate trustAnchor,
                                                  byte[]... crlDers) {
        return validateWithDss(new InMemoryDocument(signedPdf, "signed.pdf"), List.of(), List.of(trustAnchor),
                Date.from(validationTime), crlDers);
    }

    /** As {@link #validateXmlWithDss}, as of {@code validationTime}. */
    public static DssVerdict validateXmlWithDssAt(Path signed, List<Path> detachedContents, Instant validationTime,
                                                  X509Certificate trustAnchor, byte[]... crlDers) {
        return validateWithDss(new FileDocument(signed.toFile()),
                detachedContents.stream().map(p -> (DSSDocument) new FileDocument(p.toFile())).toList(),
                List.of(trustAnchor), Date.from(validationTime), crlDers);
    }

    /**
     * As {@link #validatePdfWithDss(byte[], X509Certificate, byte[]...)}, for an XML signature;
     * {@code detachedContents} are the files a detached signature covers, each under the name its
     * reference gives it (which is how DSS matches them).
     */
    public static DssVerdict validateXmlWithDss(Path signed, List<Path> detachedContents, X509Certificate trustAnchor,
                                                byte[]... crlDers) {
        // the XML validator directly: DSS's format sniffing does not recognise UTF-16 documents
        return validateWithDss(new FileDocument(signed.toFile()),
                detachedContents.stream().map(p -> (DSSDocument) new FileDocument(p.toFile())).toList(),
                List.of(trustAnchor), null, crlDers);
    }

    /** As {@link #validatePdfWithDss(byte[], X509Certificate, byte[]...)}, for a detached CMS signature over {@code content}. */
    public static DssVerdict validateCmsWithDss(byte[] cms, byte[] content, String contentName,
                                                X509Certificate trustAnchor, byte[]... crlDers) {
        return validateWithDss(new InMemoryDocument(cms, contentName + ".p7s"),
                List.of(new InMemoryDocument(content, contentName)), List.of(trustAnchor), null, crlDers);
    }

    private static DssVerdict validateWithDss(DSSDocument signed, List<DSSDocument> detachedContents,
                                              List<X509Certificate> trustAnchors, Date validationTime,
                                              byte[]... crlDers) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trustAnchors.forEach(anchor -> trusted.addCertificate(new CertificateToken(anchor)));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(new ExternalResourcesCRLSource(java.util.Arrays.stream(crlDers)
                .map(crl -> new InMemoryDocument(crl, "kyso.crl")).toArray(InMemoryDocument[]::new)));
        verifier.setOcspSource(null); // nothing online: no OCSP, no AIA, no CRL distribution point
        verifier.setAIASource(null);
        // a report, never an exception, whatever is wrong with the signature
        verifier.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnInvalidSignature(new SilentOnStatusAlert());
        verifier.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new SilentOnStatusAlert());

        SignedDocumentValidator validator = signed.getName().endsWith(".xml")
                ? new XMLDocumentValidator(signed) : SignedDocumentValidator.fromDocument(signed);
        validator.setCertificateVerifier(verifier);
        if (!detachedContents.isEmpty()) {
            validator.setDetachedContents(detachedContents);
        }
        if (validationTime != null) {
            validator.setValidationTime(validationTime);
        }
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        List<SignatureVerdict> signatures = simple.getSignatureIdList().stream().map(id -> new SignatureVerdict(id,
                String.valueOf(simple.getIndication(id)),
                simple.getSubIndication(id) == null ? null : simple.getSubIndication(id).name(),
                String.valueOf(simple.getSignatureFormat(id)),
                simple.getSignedBy(id),
                simple.getAdESValidationErrors(id).stream().map(Message::getValue).toList())).toList();
        return new DssVerdict(signatures, reports.getXmlSimpleReport());
    }

    /** At least one signature, and every one TOTAL_PASSED as {@code format} (e.g. PAdES-BASELINE-LT). */
    public static void assertPadesValid(byte[] pdf, String format, X509Certificate root, byte[]... crls) {
        assertDssPasses(validatePdfWithDss(pdf, List.of(root), crls), format);
    }

    /** At least one signature, and every one TOTAL_PASSED as PAdES-BASELINE-LT (Kyso's default level). */
    public static void assertPadesLtValid(byte[] pdf, X509Certificate root, byte[]... crls) {
        assertPadesValid(pdf, "PAdES-BASELINE-LT", root, crls);
    }

    /** At least one signature, and every one TOTAL_PASSED as PAdES-BASELINE-B. */
    public static void assertPadesBaselineBValid(byte[] pdf, X509Certificate root, byte[]... crls) {
        assertPadesBaselineBValid(pdf, List.of(root), crls);
    }

    /** At least one signature, and every one TOTAL_PASSED as PAdES-BASELINE-B under one of {@code roots}. */
    public static void assertPadesBaselineBValid(byte[] pdf, List<X509Certificate> roots, byte[]... crls) {
        DssVerdict verdict = validatePdfWithDss(pdf, roots, crls);
        assertFalse(verdict.signatures().isEmpty(), verdict::summary);
        for (SignatureVerdict signature : verdict.signatures()) {
            assertEquals("TOTAL_PASSED", signature.indication(), verdict::summary);
            assertEquals("PAdES-BASELINE-B", signature.signatureFormat(), verdict::summary);
        }
    }

    /** At least one signature is TOTAL_FAILED. */
    public static void assertDssRejects(byte[] pdf, X509Certificate root, byte[]... crls) {
        DssVerdict verdict = validatePdfWithDss(pdf, root, crls);
        assertTrue(verdict.signatures().stream().anyMatch(s -> "TOTAL_FAILED".equals(s.indication())),
                () -> "expected a TOTAL_FAILED signature; " + verdict.summary());
    }

    /** At least one signature, and every one TOTAL_PASSED with {@code format} (e.g. XAdES-BASELINE-B). */
    public static void assertDssPasses(DssVerdict verdict, String format) {
        assertFalse(verdict.signatures().isEmpty(), verdict::summary);
        for (SignatureVerdict signature : verdict.signatures()) {
            assertEquals("TOTAL_PASSED", signature.indication(), verdict::summary);
            assertEquals(format, signature.signatureFormat(), verdict::summary);
        }
    }

    /** At least one signature, and every one TOTAL_FAILED. */
    public static void assertDssFails(DssVerdict verdict) {
        assertFalse(verdict.signatures().isEmpty(), verdict::summary);
        assertTrue(verdict.signatures().stream().allMatch(s -> "TOTAL_FAILED".equals(s.indication())),
                verdict::summary);
    }

    public record Xmlsec1Result(int exitCode, String output) {
    }

    /**
     * Runs {@code xmlsec1 --verify} on a signature file with {@code root} as the only trusted
     * certificate. XAdES's SignedProperties/@Id is declared an ID ({@code --id-attr}), since without a
     * schema xmlsec1 knows none. It runs in the signature's directory, so a detached signature finds
     * the original beside it.
     * Installs xmlsec1 if missing, and fails if it cannot.
     */
    public static Xmlsec1Result xmlsec1(Path signature, X509Certificate root) {
        ExternalTools.ensureTool("xmlsec1", "xmlsec1");
        Path pem = null;
        try {
            pem = Files.createTempFile("kyso-root-", ".pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(root.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            // xmlsec1 opens a relative reference URI from its working directory, not the signature's
            ExternalTools.Result result = ExternalTools.runIn(signature.toAbsolutePath().getParent(), "xmlsec1", "--verify",
                    "--trusted-pem", pem.toString(), "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
                    signature.toAbsolutePath().toString());
            return new Xmlsec1Result(result.exitCode(), result.output());
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot run xmlsec1", e);
        } finally {
            if (pem != null) {
                pem.toFile().delete();
            }
        }
    }

    /** xmlsec1 says OK (exit 0). */
    public static void assertXmlsec1Valid(Path signature, X509Certificate root) {
        Xmlsec1Result result = xmlsec1(signature, root);
        assertEquals(0, result.exitCode(), () -> "xmlsec1:\n" + result.output());
        assertTrue(result.output().contains("OK"), () -> "xmlsec1:\n" + result.output());
    }

    /** xmlsec1 says FAIL (a non-zero exit for a reason other than a missing file or bad option). */
    public static void assertXmlsec1Invalid(Path signature, X509Certificate root) {
        Xmlsec1Result result = xmlsec1(signature, root);
        assertTrue(result.exitCode() != 0 && result.output().contains("FAIL"), () -> "xmlsec1:\n" + result.output());
    }

    /**
     * Runs {@code pdfsig -nocert} (signature check only: NSS does not know our root). Installs
     * poppler-utils if {@code pdfsig} is missing, and fails if it cannot.
     */
    public static PdfsigResult pdfsig(byte[] pdf) {
        ensurePdfsig();
        Path file = null;
        try {
            file = Files.createTempFile("kyso-pdfsig-", ".pdf");
            Files.write(file, pdf);
            ExternalTools.Result result = ExternalTools.run("pdfsig", "-nocert", file.toString());
            return new PdfsigResult(result.exitCode(), result.output());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pdfsig", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** pdfsig finds at least one signature and says "Signature is Valid." for each. */
    public static void assertPdfsigValid(byte[] pdf) {
        PdfsigResult result = pdfsig(pdf);
        String message = "pdfsig (exit " + result.exitCode() + "):\n" + result.output();
        assertTrue(result.signatures() > 0, message);
        assertEquals(result.signatures(), result.validations().size(), message);
        assertTrue(result.validations().stream().allMatch(v -> v.endsWith(PDFSIG_VALID)), message);
    }

    /**
     * pdfsig finds the signer's signature valid, then {@code timestamps} document timestamps (pdfsig
     * lists them as signatures of the timestamping unit, type {@code ETSI.RFC3161}, which it cannot
     * check itself), the last covering the whole file.
     */
    public static void assertPdfsigShowsDocumentTimestamps(byte[] pdf, int timestamps, String unitName) {
        PdfsigResult result = pdfsig(pdf);
        String message = "pdfsig (exit " + result.exitCode() + "):\n" + result.output();
        assertEquals(1 + timestamps, result.signatures(), message);
        assertTrue(result.validations().get(0).endsWith(PDFSIG_VALID), message);
        String[] blocks = result.output().split("(?m)^Signature #\\d+:");
        for (int i = 2; i < blocks.length; i++) {
            assertTrue(blocks[i].contains("Signer Certificate Common Name: " + unitName), message);
        }
        assertTrue(blocks[blocks.length - 1].contains("Total document signed"), message);
    }

    /** pdfsig finds at least one signature, and at least one is not "Signature is Valid.". */
    public static void assertPdfsigInvalid(byte[] pdf) {
        PdfsigResult result = pdfsig(pdf);
        String message = "pdfsig (exit " + result.exitCode() + "):\n" + result.output();
        assertTrue(result.signatures() > 0, message);
        long valid = result.validations().stream().filter(v -> v.endsWith(PDFSIG_VALID)).count();
        assertTrue(valid < result.signatures(), message);
    }

    /**
     * Renders one page (1-based) as poppler's {@code pdftoppm -r 72} sees it: one pixel per point,
     * the CropBox turned by the page's /Rotate. Installs poppler-utils if missing, and fails if it cannot.
     */
    public static BufferedImage renderPage(byte[] pdf, int page) {
        ensurePdfsig();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("kyso-pdftoppm-");
            Path file = Files.write(dir.resolve("in.pdf"), pdf);
            String number = String.valueOf(page);
            // viewers show the CropBox, pdftoppm the MediaBox unless told
            ExternalTools.Result result = ExternalTools.run("pdftoppm", "-r", "72", "-f", number, "-l", number, "-png", "-cropbox", "-singlefile",
                    file.toString(), dir.resolve("page").toString());
            Path png = dir.resolve("page.png");
            if (result.exitCode() != 0 || !Files.exists(png)) {
                throw new AssertionError("pdftoppm failed (exit " + result.exitCode() + "):\n" + result.output());
            }
            return ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pdftoppm", e);
        } finally {
            ExternalTools.deleteTree(dir);
        }
    }

    /** The text of one page (1-based) as poppler's {@code pdftotext} extracts it, annotations' appearances included. */
    public static String pdftotext(byte[] pdf, int page) {
        ensurePdfsig();
        Path file = null;
        try {
            file = Files.createTempFile("kyso-pdftotext-", ".pdf");
            Files.write(file, pdf);
            String number = String.valueOf(page);
            ExternalTools.Result result = ExternalTools.run("pdftotext", "-q", "-enc", "UTF-8", "-f", number, "-l", number,
                    file.toString(), "-");
            if (result.exitCode() != 0) {
                throw new AssertionError("pdftotext failed (exit " + result.exitCode() + "):\n" + result.output());
            }
            return result.output();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run pdftotext", e);
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** pdfsig, pdftoppm and pdftotext all come with poppler-utils. */
    private static void ensurePdfsig() {
        ExternalTools.ensureTool("pdfsig", "poppler-utils");
    }
}
