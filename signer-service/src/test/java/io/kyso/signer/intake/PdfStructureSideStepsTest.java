package io.kyso.signer.intake;

import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal crafts a PDF whose second catalog (or second page content) is laid out to slip past the
 * structure check, so that the citizen's preview and a repairing reader show one document and the
 * cross-reference table another: white-space other than spaces, comments inside an object's header,
 * a definition that does not start a line, a "%%EOF" comment that pretends a new revision begins, a
 * redefinition after the one the table uses, and junk before the header. Each is refused as
 * {@code document.ambiguous_structure}; the same layouts without a second definition are accepted.
 */
class PdfStructureSideStepsTest {
    private static final String EVIL_CONTENT = "BT /F1 12 Tf 20 100 Td (Forged) Tj ET";
    private final PdfInspector inspector = new PdfInspector();

    @TempDir
    Path dir;

    private Path write(byte[] pdf) throws IOException {
        return Files.write(Files.createTempFile(dir, "crafted", ".pdf"), pdf);
    }

    private DocumentRejectedException refused(byte[] pdf) throws IOException {
        Path file = write(pdf);
        return assertThrows(DocumentRejectedException.class, () -> inspector.inspect(file));
    }

    private void assertAmbiguous(byte[] pdf) throws IOException {
        DocumentRejectedException e = refused(pdf);
        assertEquals("document.ambiguous_structure", e.code().code(), e.getMessage());
    }

    /** The one-page document with a second content object 4, written as {@code header} ... endobj. */
    private static byte[] withSecondContent(String header) {
        return CraftedPdf.onePage().text(header + "\n<< /Length " + EVIL_CONTENT.length() + " >>\nstream\n"
                + EVIL_CONTENT + "\nendstream\nendobj\n").finish();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"4 0 obj", "4\u00000\u0000obj", "4\f0\fobj", "4\t0\tobj", "\t 4 0 obj", "4 0\r\nobj",
        "endobj 4 0 obj", "% note\r4 0 obj", ">>4 0 obj"})
    void shouldFindASecondDefinitionWhateverWhiteSpaceOrDelimiterSurroundsItsHeader(String header) throws IOException {
        assertAmbiguous(withSecondContent(header));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"4 0 %comment\nobj", "4 %a\r0 %b\r\nobj", "4\u0000%\u0000\n0 obj"})
    void shouldFindASecondDefinitionWhoseHeaderIsSplitByComments(String header) throws IOException {
        assertAmbiguous(withSecondContent(header));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"%%EOF\n", "startxref\n0\n%%EOF\n", "startxref\n999999\n%%EOF\n",
        "4 0 obj\n<< /Length 30 >>\nstream\nstartxref\n9\n%%EOF\nendstream\nendobj\n"})
    void shouldNotTakeAFakeEndOfFileForANewRevision(String fake) throws IOException {
        byte[] pdf = CraftedPdf.onePage().text(fake).text(CraftedPdf.stream(4, EVIL_CONTENT)).finish();
        assertAmbiguous(pdf);
    }

    @Test
    void shouldRefuseARedefinitionThatTheCrossReferenceTableDoesNotUse() throws IOException {
        // a genuine second revision that defines object 4 again but leaves the table pointing at the first:
        // readers that follow the table show "Original", readers that repair show "Forged"
        byte[] pdf = CraftedPdf.onePage().revision()
                .text(CraftedPdf.stream(4, EVIL_CONTENT))
                .object(3, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>\nendobj\n")
                .finish();
        DocumentRejectedException e = refused(pdf);
        assertEquals("document.ambiguous_structure", e.code().code(), e.getMessage());
        assertTrue(e.getMessage().contains("object 4 0 is defined again"), e.getMessage());
    }

    @Test
    void shouldRefuseDefinitionsAfterTheLastEndOfFile() throws IOException {
        byte[] pdf = concat(CraftedPdf.onePage().finish(), CraftedPdf.stream(4, EVIL_CONTENT));
        assertAmbiguous(pdf);
    }

    @Test
    void shouldRefuseAHeaderThatIsNotAtTheStart() throws IOException {
        DocumentRejectedException e = refused(concat("\n".getBytes(StandardCharsets.US_ASCII), TestPdfs.small()));
        assertEquals("document.ambiguous_structure", e.code().code());
        assertTrue(e.getMessage().contains("header is at byte 1"), e.getMessage());
        assertAmbiguous(concat("4 0 obj\n<< >>\nendobj\n".getBytes(StandardCharsets.US_ASCII), TestPdfs.small()));
    }

    @Test
    void shouldRefuseTheSignServerCorpusFileWithTwoCatalogs() throws IOException {
        assertAmbiguous(AttackCorpus.read("pdf-refuse-to-sign/2catalogs.pdf"));
    }

    @Test
    void shouldAcceptTheSameLayoutsWithOneDefinitionEach() throws IOException, DocumentRejectedException {
        byte[] pdf = CraftedPdf.startingWith("%PDF-1.7\n")
                .object(1, "1\u00000\u0000obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj %%EOF\n")
                .object(2, "2 0 %c\nobj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n")
                .object(3, "3\f0\fobj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R >>\nendobj\n")
                .object(4, CraftedPdf.stream(4, "BT /F1 12 Tf 20 100 Td (Original) Tj ET"))
                .finish();
        assertEquals(1, inspector.inspect(write(pdf)));
    }

    @Test
    void shouldAcceptAnIncrementalUpdateThatRedefinesAnObjectTheTableUses() throws IOException, DocumentRejectedException {
        byte[] pdf = CraftedPdf.onePage().revision()
                .object(4, CraftedPdf.stream(4, "BT /F1 12 Tf 20 100 Td (Amended) Tj ET"))
                .finish();
        assertEquals(1, inspector.inspect(write(pdf)));
    }

    @Test
    void shouldRefuseAFileOfMoreDefinitionsThanAnyDocumentHasWithoutHoldingThemAll() throws IOException {
        Path file = dir.resolve("many.pdf");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 1; i <= PdfStructure.MAX_DEFINITIONS + 1; i++) {
                out.write((i + " 0 obj null endobj\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> inspector.inspect(file));
        assertEquals("document.too_large", e.code().code(), e.getMessage());
    }

    private static byte[] concat(byte[] first, String second) {
        return concat(first, second.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
