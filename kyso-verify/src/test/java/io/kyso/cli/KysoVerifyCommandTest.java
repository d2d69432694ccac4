package io.kyso.cli;

import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's contract: its exit status, its output forms, its refusals. End-to-end runs are in signer-service. */
class KysoVerifyCommandTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KysoVerify.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void shouldSayNoSignatureAndExitOneForUnsignedPdf() {
        Run run = run(AttackCorpus.file("pdf/retrieved-modified_after_signature.pdf").toString());

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().startsWith("DOSSIER INVALID"), run::toString);
        assertTrue(run.out().contains("No signature found in this file."), run::toString);
    }

    @Test
    void shouldExitOneAndNameTheReasonForAnAttack() {
        Run run = run(AttackCorpus.file("xml/xsw/XSW-enveloped-fake-content.xml").toString());

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().contains("SIGNATURE 1: INVALID"), run::toString);
        assertTrue(run.out().contains("covers only part of the document"), run::toString);
    }

    @Test
    void shouldPrintTheServicesJsonWithJsonOption() {
        Run run = run("--json", AttackCorpus.file("pdf/pdf-spoofing-attack.pdf").toString());

        DossierReport report = ReportJson.read(run.out().getBytes(StandardCharsets.UTF_8));
        assertEquals("signature.dictionary_altered", report.files().get(0).signatures().get(0).reason().code());
        assertEquals(1, run.status());
    }

    @Test
    void shouldPrintVietnameseWithLangVi() {
        Run run = run("--lang", "vi", AttackCorpus.file("pdf-refuse-to-sign/2catalogs.pdf").toString());

        assertTrue(run.out().contains("Không tìm thấy chữ ký nào trong tệp này."), run::toString);
    }

    @Test
    void shouldExitTwoNamingFileThatIsNeitherPdfNorXml() throws Exception {
        Path photo = Files.write(dir.resolve("anh.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});

        Run run = run(photo.toString());

        assertEquals(2, run.status(), run::toString);
        assertTrue(run.err().contains("'anh.png' is neither a PDF nor an XML document"), run::toString);
    }

    @Test
    void shouldExitTwoWithoutFileOrWithUnknownOption() {
        assertEquals(2, run().status());
        assertEquals(2, run("--no-such-option", "x.pdf").status());
        assertEquals(2, run("--trust", dir.resolve("missing.pem").toString(), "x.pdf").status());
    }

    @Test
    void shouldRejectSomethingThatIsNotAnEvidencePackage() throws Exception {
        Path notZip = Files.writeString(dir.resolve("evidence.zip"), "not a zip");

        Run run = run("evidence", notZip.toString());

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().contains("EVIDENCE NOT VALID") && run.out().contains("cannot be read"), run::toString);
    }

    @Test
    void shouldRejectEmptyAuditExport() throws Exception {
        Path empty = Files.writeString(dir.resolve("export.jsonl"), "");

        assertEquals(1, run("audit", empty.toString()).status());
    }
}
