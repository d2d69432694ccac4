package io.kyso.verification;

import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.FileReport.Status;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.Verdict;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file of the shared attack corpus ({@code shared/attack-corpus/README.md}) through the engine,
 * each with the verdict the README requires, and no corpus file without one. Nothing is trusted here
 * (the corpus's signers are foreign), so the valid controls end INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND,
 * never INVALID, and stay intact; every attack is caught by a check that does not depend on trust.
 */
class AttackCorpusVerdictTest {
    private static final Map<String, Consumer<FileReport>> EXPECTED = new LinkedHashMap<>();
    private static Verifier verifier;

    @BeforeAll
    static void engine() {
        verifier = new Verifier(() -> new TrustMaterial(List.of(), List.of()), Clock.systemUTC());
    }

    static {
        pdfSignatureAttacks();
        pdfChangesAfterSigning();
        xmlAttacksAndControls();
    }

    /** Signed bytes untouched, but the signature's dictionary or byte range lies. */
    private static void pdfSignatureAttacks() {
        EXPECTED.put("pdf/pdf-spoofing-attack.pdf", f -> {
            SignatureReport s = only(f);
            assertIntactButFailed(s, "FORMAT_FAILURE", "signature.dictionary_altered");
            assertFalse(s.pdfChanges().signatureDictionaryConsistent());
            assertFalse(s.pdfChanges().otherChanges().isEmpty(), "the rewritten dictionary is an undefined change");
            assertTrue(s.pdfChanges().visualDifferencePages().isEmpty());
            assertNull(s.claimedSigningTime(), "the forged /M must never be shown as the signing time");
        });
        EXPECTED.put("pdf/pades-spoofing-replaced-reason.pdf", f -> {
            SignatureReport s = only(f);
            assertIntactButFailed(s, "FORMAT_FAILURE", "signature.dictionary_altered");
            assertFalse(s.pdfChanges().signatureDictionaryConsistent());
            assertEquals(1, s.pdfChanges().otherChanges().size(), s.pdfChanges()::toString);
            assertTrue(s.pdfChanges().otherChanges().get(0).startsWith("MODIFICATION"));
            assertTrue(s.pdfChanges().otherChanges().get(0).endsWith("/Reason"));
        });
        EXPECTED.put("pdf/pdf-signed-out-of-byteRange.pdf", f -> {
            SignatureReport s = only(f);
            assertEquals(Verdict.INVALID, s.result());
            assertEquals("TOTAL_FAILED", s.indication());
            assertFalse(s.intact());
            assertFalse(s.pdfChanges().byteRangeValid());
            assertEquals("signature.byte_range_invalid", s.reason().code());
        });
        EXPECTED.put("pdf/pdf-byterange-overlap.pdf", f -> {
            assertEquals(2, f.signatures().size());
            assertEquals(1, f.signatures().stream().filter(SignatureReport::intact).count());
            assertEquals(1, f.signatures().stream().filter(s -> s.pdfChanges().byteRangeValid()).count());
            SignatureReport failing = f.signatures().stream().filter(s -> !s.intact()).findFirst().orElseThrow();
            assertEquals("TOTAL_FAILED", failing.indication());
            assertEquals("FORMAT_FAILURE", failing.subIndication());
            SignatureReport other = f.signatures().stream().filter(SignatureReport::intact).findFirst().orElseThrow();
            assertNotEquals("TOTAL_FAILED", other.indication());
            f.signatures().forEach(s -> {
                assertFalse(s.pdfChanges().changedAfterSigning(), s.pdfChanges()::toString);
                assertTrue(s.pdfChanges().otherChanges().isEmpty());
            });
        });
    }

    /** What was added after signing, and the unsigned files. */
    private static void pdfChangesAfterSigning() {
        EXPECTED.put("pdf/modified_after_signature.pdf", f -> {
            SignatureReport s = only(f);
            assertIntactButFailed(s, "FORMAT_FAILURE", "signature.visual_change");
            assertTrue(s.pdfChanges().changedAfterSigning());
            assertFalse(s.pdfChanges().visualDifferencePages().isEmpty(), "the visible content changed after signing");
        });
        EXPECTED.put("pdf/retrieved-modified_after_signature.pdf", f -> {
            assertUnsigned(f);
            assertEquals(sha256Prefix("pdf/modified_after_signature.pdf", f.size()), f.sha256(),
                    "the companion is the signed revision of modified_after_signature.pdf");
        });
        EXPECTED.put("pdf/pades-multiple-pages-annots-overlap.pdf", f -> {
            // the README's third "signature" is a document timestamp (pdfsig: type unknown), not a signature
            assertEquals(2, f.signatures().size());
            f.signatures().forEach(s -> {
                assertTrue(s.intact(), s::toString);
                assertTrue(s.pdfChanges().changedAfterSigning());
                assertTrue(s.pdfChanges().annotationOverlapPages().size() > 2, s.pdfChanges()::toString);
            });
        });
        EXPECTED.put("pdf-refuse-to-sign/2catalogs.pdf", AttackCorpusVerdictTest::assertUnsigned);
    }

    /** DTD injection, signature wrapping, and the valid controls the wrapping files were made from. */
    private static void xmlAttacksAndControls() {
        EXPECTED.put("xml/xades-with-dtd-injection.xml", f -> {
            assertEquals(Status.UNREADABLE, f.status());
            assertEquals(Verdict.INVALID, f.verdict());
            assertEquals("file.xml_doctype", f.reason().code());
            assertTrue(f.signatures().isEmpty(), "nothing is validated");
        });
        EXPECTED.put("xml/xsw/original.xml", AttackCorpusVerdictTest::assertValidControl);
        EXPECTED.put("xml/xsw/TSL-CY-sign.xml", AttackCorpusVerdictTest::assertValidControl);
        EXPECTED.put("xml/xsw/TSL-noID.xml", AttackCorpusVerdictTest::assertValidControl);
        EXPECTED.put("xml/xsw/XSW-enveloped-fake-content.xml", AttackCorpusVerdictTest::assertWrappedRootNotSigned);
        EXPECTED.put("xml/xsw/XSW-enveloped-fake-content-misplaced.xml", AttackCorpusVerdictTest::assertWrappedRootNotSigned);
        EXPECTED.put("xml/xsw/XSW-enveloped-fake-content-two-same-id.xml", f -> {
            SignatureReport s = only(f);
            assertEquals(Verdict.INVALID, s.result());
            assertEquals("TOTAL_FAILED", s.indication());
            assertEquals("FORMAT_FAILURE", s.subIndication());
            assertFalse(s.intact());
            assertEquals("signature.ambiguous_reference", s.reason().code());
        });
        for (String wrapped : List.of("XSW-enveloped-fake-signedProperties.xml", "XSW-enveloping-fake-manifest.xml",
                "XSW-enveloping-fake-object.xml", "disable-checks.xml")) {
            EXPECTED.put("xml/xsw/" + wrapped, AttackCorpusVerdictTest::assertSignedDataNotFound);
        }
    }

    @TestFactory
    Stream<DynamicTest> shouldGiveEveryCorpusFileItsExpectedVerdict() {
        return EXPECTED.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Path file = AttackCorpus.file(e.getKey());
            DossierReport report = verifier.verify(List.of(new InputFile(file.getFileName().toString(), file))).report();
            FileReport only = report.files().get(0);
            e.getValue().accept(only);
            if (only.verdict() != Verdict.VALID) {
                assertNotEquals(Verdict.VALID, report.verdict(), "a dossier is never better than its files");
            }
        }));
    }

    @Test
    void shouldHaveAnExpectedVerdictForEveryCorpusFile() throws IOException {
        Path root = AttackCorpus.root();
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> corpus = files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> p.endsWith(".pdf") || p.endsWith(".xml")).collect(Collectors.toSet());
            assertEquals(corpus, EXPECTED.keySet(), "every corpus file needs its verdict, and every verdict its file");
        }
    }

    private static SignatureReport only(FileReport file) {
        assertEquals(1, file.signatures().size(), file::toString);
        return file.signatures().get(0);
    }

    /** Intact (the attack is not in the signed bytes) but refused by a format check. */
    private static void assertIntactButFailed(SignatureReport s, String subIndication, String reason) {
        assertTrue(s.intact(), s::toString);
        assertEquals(Verdict.INVALID, s.result(), s::toString);
        assertEquals("TOTAL_FAILED", s.indication());
        assertEquals(subIndication, s.subIndication());
        assertEquals(reason, s.reason().code(), s::toString);
    }

    private static void assertUnsigned(FileReport file) {
        assertEquals(Status.NO_SIGNATURE, file.status());
        assertEquals(Verdict.INVALID, file.verdict());
        assertEquals("file.unsigned", file.reason().code());
    }

    /** Cryptographically valid and covering the whole document; only trust is missing. */
    private static void assertValidControl(FileReport file) {
        SignatureReport s = only(file);
        assertTrue(s.intact(), s::toString);
        assertEquals("FULL", s.coverage().type(), s::toString);
        assertEquals(Verdict.INDETERMINATE, s.result(), s::toString);
        assertEquals("NO_CERTIFICATE_CHAIN_FOUND", s.subIndication());
    }

    /** XSW: the moved element still verifies, but the root a reader processes is not signed. */
    private static void assertWrappedRootNotSigned(FileReport file) {
        SignatureReport s = only(file);
        assertTrue(s.intact(), s::toString);
        assertEquals("PARTIAL", s.coverage().type());
        assertEquals(Verdict.INVALID, s.result());
        assertEquals("signature.partial_coverage", s.reason().code());
    }

    private static void assertSignedDataNotFound(FileReport file) {
        SignatureReport s = only(file);
        assertFalse(s.intact(), s::toString);
        assertEquals(Verdict.INDETERMINATE, s.result());
        assertEquals("SIGNED_DATA_NOT_FOUND", s.subIndication());
        assertEquals("signature.signed_data_not_found", s.reason().code());
    }

    private static String sha256Prefix(String corpusFile, long length) {
        try (InputStream in = Files.newInputStream(AttackCorpus.file(corpusFile))) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readNBytes((int) length)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
