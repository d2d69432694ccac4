package io.kyso.cli;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.Fetch;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.testing.LongTermSigner;
import io.kyso.verification.testing.RevocationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --online}: a PAdES-BASELINE-T signature carries no revocation data; with {@code --online}
 * kyso-verify asks the certificates' OCSP responder and CRL distribution point (an HTTP server on the
 * loopback interface) and says so, without it nothing is fetched and it says the data is missing.
 */
class KysoVerifyOnlineTest {
    private static RevocationServer server;
    private static byte[] signedPdf;

    @TempDir
    Path dir;
    private Path root;
    private Path pdf;

    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void sign() {
        server = RevocationServer.start();
        signedPdf = new LongTermSigner(server).pades(SignatureLevel.PAdES_BASELINE_T).content();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void files() throws Exception {
        root = Files.writeString(dir.resolve("root.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(server.pki().root().certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        pdf = Files.write(dir.resolve("don.pdf"), signedPdf);
    }

    @Test
    void shouldFetchRevocationDataOnlineWhenAskedAndSayFromWhere() {
        int before = server.requests().size();

        Run run = run("--trust", root.toString(), "--online", pdf.toString());

        assertEquals(0, run.status(), run::toString);
        assertTrue(server.requests().subList(before, server.requests().size()).contains("POST /ocsp"), () -> server.requests().toString());
        String ocsp = server.base() + "/ocsp";
        String crl = server.base() + "/root.crl";
        assertTrue(run.out().contains("ONLINE: revocation data and missing certificates could be fetched over the network"),
                run::toString);
        assertTrue(run.out().contains("  FETCHED: OCSP " + ocsp + " (answered)"), run::toString);
        assertTrue(run.out().contains("  FETCHED: CRL " + crl + " (answered)"), run::toString);
        assertTrue(run.out().contains("    REVOCATION: fetched online from " + ocsp + ": OCSP response issued "), run::toString);
        assertTrue(run.out().contains("    REVOCATION CN=Kyso Test Issuing CA,O=Kyso Test,C=VN: fetched online from " + crl
                + ": CRL issued "), run::toString);
    }

    @Test
    void shouldFetchNothingWithoutOnlineAndSayRevocationDataIsMissing() {
        int before = server.requests().size();

        Run run = run("--trust", root.toString(), pdf.toString());

        assertEquals(1, run.status(), run::toString);
        assertEquals(List.of(), server.requests().subList(before, server.requests().size()), "nothing is fetched");
        assertFalse(run.out().contains("ONLINE") || run.out().contains("FETCHED"), run::toString);
        assertTrue(run.out().contains("SIGNATURE 1: INDETERMINATE PAdES-BASELINE-T, Lê Thị Mai, CCCD 001099012347"),
                run::toString);
        assertTrue(run.out().contains("No revocation information is available for the signer's certificate."), run::toString);
        assertTrue(run.out().contains("    REVOCATION: none: no CRL or OCSP response for this certificate"), run::toString);
    }

    @Test
    void shouldPrintLevelProofOfExistenceAndTimestampPerSignature() {
        Run run = run("--trust", root.toString(), "--online", "--lang", "vi", pdf.toString());

        assertTrue(run.out().contains("    LEVEL: T: có dấu thời gian tin cậy"), run::toString);
        assertTrue(run.out().contains("    PROVEN TO EXIST: "), run::toString);
        assertTrue(run.out().contains(", theo dấu thời gian"), run::toString);
        assertTrue(run.out().contains("    TIMESTAMP 1: dấu thời gian chữ ký, "), run::toString);
        assertTrue(run.out().contains("do CN=Kyso Test TSA,O=Kyso Test,C=VN cấp; bao phủ chữ ký"), run::toString);
        assertTrue(run.out().contains("— HỢP LỆ"), run::toString);
        assertTrue(run.out().contains("tải trực tuyến từ " + server.base() + "/ocsp"), run::toString);
    }

    @Test
    void shouldListWhatWasFetchedInTheJson() {
        Run run = run("--json", "--trust", root.toString(), "--online", pdf.toString());

        DossierReport report = ReportJson.read(run.out().getBytes(StandardCharsets.UTF_8));
        assertTrue(report.online());
        assertTrue(report.files().get(0).fetched().contains(new Fetch("OCSP", server.base() + "/ocsp", true)), run::toString);
        assertEquals("T", report.files().get(0).signatures().get(0).level());
        assertEquals(0, run.status(), run::toString);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = KysoVerify.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }
}
