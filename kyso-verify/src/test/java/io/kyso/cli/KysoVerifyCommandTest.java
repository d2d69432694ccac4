package io.kyso.cli;

import io.kyso.verification.audit.AuditExportLine;
import io.kyso.verification.audit.AuditJsonLines;
import io.kyso.verification.audit.ChainedEntry;
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
import java.time.Instant;

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

    @Test
    void shouldStillCheckAnExportOfTheEarlierFormatWithoutASeal() throws Exception {
        StringWriter lines = new StringWriter();
        String prev = ChainedEntry.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            ChainedEntry unhashed = new ChainedEntry(seq, Instant.parse("2026-01-0" + seq + "T08:00:00Z"), "CODE_SENT",
                    "system", "dev-portal", null, null, null, "SUCCESS", null, prev, "");
            ChainedEntry entry = seq == 2 ? ChainedEntry.redacted(seq, prev, unhashed.computeHash())
                    : new ChainedEntry(seq, unhashed.occurredAt(), "CODE_SENT", "system", "dev-portal", null, null, null,
                    "SUCCESS", null, prev, unhashed.computeHash());
            AuditJsonLines.write(entry, lines);
            prev = entry.entryHash();
        }
        Path export = Files.writeString(dir.resolve("old-export.jsonl"), lines.toString());

        Run run = run("audit", export.toString());

        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().startsWith("AUDIT CHAIN INTACT: 3 entries (1 of other portals, hashes only; an export"
                + " without a seal)"), run::toString);
    }

    @Test
    void shouldRefuseAnExportOfTheCurrentFormatWithoutItsSeal() throws Exception {
        StringWriter lines = new StringWriter();
        AuditJsonLines.write(new AuditExportLine.Header(AuditExportLine.Header.FORMAT, "portal:dev-portal",
                Instant.parse("2026-01-02T08:00:00Z")), lines);
        ChainedEntry unhashed = new ChainedEntry(1, Instant.parse("2026-01-01T08:00:00Z"), "CODE_SENT", "system",
                "dev-portal", null, null, null, "SUCCESS", null, ChainedEntry.GENESIS, "");
        AuditJsonLines.write(new ChainedEntry(1, unhashed.occurredAt(), "CODE_SENT", "system", "dev-portal", null, null,
                null, "SUCCESS", null, ChainedEntry.GENESIS, unhashed.computeHash()), lines);
        Path export = Files.writeString(dir.resolve("unsealed.jsonl"), lines.toString());

        Run run = run("audit", export.toString());

        assertEquals(1, run.status(), run::toString);
        assertTrue(run.out().contains("AUDIT CHAIN NOT PROVEN: the export has no seal over its last entry"), run::toString);
    }
}
