package io.kyso.verification;

import io.kyso.verification.trust.TrustMaterial;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.CertificateRevocation.Datum;
import io.kyso.verification.report.DossierReport;
import io.kyso.verification.report.Fetch;
import io.kyso.verification.report.FileReport;
import io.kyso.verification.report.ReportJson;
import io.kyso.verification.report.RevocationSource;
import io.kyso.verification.report.SignatureReport;
import io.kyso.verification.report.TimestampReport;
import io.kyso.verification.report.Verdict;
import io.kyso.verification.testing.LongTermSigner;
import io.kyso.verification.testing.LongTermSigner.Signed;
import io.kyso.verification.testing.RevocationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PAdES and XAdES signatures made by EU DSS at B-B, B-T, B-LT and B-LTA with an in-test PKI (a root and
 * an issuing CA, an OCSP responder and CRLs over loopback HTTP, a TSA): the report gives each its exact
 * level, every timestamp with its type, time, authority and coverage, the proof of existence, and where
 * each certificate's revocation data came from. Offline nothing is fetched; online the OCSP responder
 * and the CRL are asked, and the report says so.
 */
class LongTermSignatureReportTest {
    private static final String TSA = "CN=Kyso Test TSA,O=Kyso Test,C=VN";
    private static final String SIGNER = "UID=CCCD:001099012347,CN=Lê Thị Mai,C=VN";
    private static final String ISSUING_CA = "CN=Kyso Test Issuing CA,O=Kyso Test,C=VN";
    private static final Map<SignatureLevel, Signed> SIGNED = new EnumMap<>(SignatureLevel.class);
    private static RevocationServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void sign() {
        server = RevocationServer.start();
        LongTermSigner signer = new LongTermSigner(server);
        for (SignatureLevel level : List.of(SignatureLevel.PAdES_BASELINE_B, SignatureLevel.PAdES_BASELINE_T,
                SignatureLevel.PAdES_BASELINE_LT, SignatureLevel.PAdES_BASELINE_LTA)) {
            SIGNED.put(level, signer.pades(level));
        }
        for (SignatureLevel level : List.of(SignatureLevel.XAdES_BASELINE_T, SignatureLevel.XAdES_BASELINE_LT,
                SignatureLevel.XAdES_BASELINE_LTA)) {
            SIGNED.put(level, signer.xades(level));
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldReportPadesBaselineBWithoutTimestampAndProofOnlyAtValidationTime() throws Exception {
        DossierReport report = verifyOffline(SignatureLevel.PAdES_BASELINE_B, crls());
        SignatureReport s = only(report);

        assertLevel(s, "PAdES-BASELINE-B", "B");
        assertTrue(s.timestamps().isEmpty(), s::toString);
        assertEquals(report.verifiedAt(), s.proofOfExistence().time(), "nothing proves an earlier time");
        assertNull(s.proofOfExistence().timestampId());
        assertSources(s, RevocationSource.CONFIGURED, RevocationSource.CONFIGURED);
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldReportPadesBaselineTWithItsSignatureTimestampAndTheConfiguredCrls() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.PAdES_BASELINE_T, crls()));

        assertLevel(s, "PAdES-BASELINE-T", "T");
        assertTimestamps(s, SignatureLevel.PAdES_BASELINE_T, "SIGNATURE_TIMESTAMP");
        assertTrue(s.timestamps().get(0).covers().signature());
        assertProvenBy(s, s.timestamps().get(0));
        assertSources(s, RevocationSource.CONFIGURED, RevocationSource.CONFIGURED);
        Datum crl = s.revocationData().get(0).data().get(0);
        assertEquals("CRL", crl.type());
        assertTrue(crl.used() && crl.embeddedIn().isEmpty() && crl.url() == null, crl::toString);
        assertEquals(RevocationSource.CONFIGURED, s.revocation().source());
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldReportPadesBaselineLtRevocationDataEmbeddedInTheDssDictionary() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.PAdES_BASELINE_LT, List.of()));

        assertLevel(s, "PAdES-BASELINE-LT", "LT");
        assertTimestamps(s, SignatureLevel.PAdES_BASELINE_LT, "SIGNATURE_TIMESTAMP");
        assertSources(s, RevocationSource.EMBEDDED, RevocationSource.EMBEDDED);
        Datum ocsp = s.revocationData().get(0).data().get(0);
        assertEquals("OCSP", ocsp.type(), "DSS asks the signer's OCSP responder first");
        assertEquals(List.of("DSS_DICTIONARY"), ocsp.embeddedIn());
        assertEquals("GOOD", ocsp.status());
        assertEquals("CRL", s.revocationData().get(1).data().get(0).type(), "the issuing CA names only a CRL");
        assertEquals(Verdict.VALID, s.result(), "the file carries everything needed, with no CRL given: " + s);
    }

    @Test
    void shouldReportPadesBaselineLtaDocumentTimestampOverTheSignatureAndItsValidationData() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.PAdES_BASELINE_LTA, List.of()));

        assertLevel(s, "PAdES-BASELINE-LTA", "LTA");
        assertTimestamps(s, SignatureLevel.PAdES_BASELINE_LTA, "SIGNATURE_TIMESTAMP", "DOCUMENT_TIMESTAMP");
        TimestampReport archive = s.timestamps().get(1);
        assertTrue(archive.covers().signature() && archive.covers().signedData(), archive::toString);
        assertEquals(List.of(s.timestamps().get(0).id()), archive.covers().timestamps());
        assertTrue(archive.covers().revocationData() > 0 && archive.covers().certificates() > 0, archive::toString);
        assertEquals("Full PDF", archive.covers().scope());
        assertSources(s, RevocationSource.EMBEDDED, RevocationSource.EMBEDDED);
        assertProvenBy(s, s.timestamps().get(0));
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldReportXadesBaselineTWithItsSignatureTimestampAndTheConfiguredCrls() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.XAdES_BASELINE_T, crls()));

        assertLevel(s, "XAdES-BASELINE-T", "T");
        assertTimestamps(s, SignatureLevel.XAdES_BASELINE_T, "SIGNATURE_TIMESTAMP");
        assertProvenBy(s, s.timestamps().get(0));
        assertSources(s, RevocationSource.CONFIGURED, RevocationSource.CONFIGURED);
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldReportXadesBaselineLtRevocationDataEmbeddedInRevocationValues() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.XAdES_BASELINE_LT, List.of()));

        assertLevel(s, "XAdES-BASELINE-LT", "LT");
        assertTimestamps(s, SignatureLevel.XAdES_BASELINE_LT, "SIGNATURE_TIMESTAMP");
        assertSources(s, RevocationSource.EMBEDDED, RevocationSource.EMBEDDED);
        assertEquals(List.of("REVOCATION_VALUES"), s.revocationData().get(0).data().get(0).embeddedIn());
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldReportXadesBaselineLtaArchiveTimestampOverTheSignatureTimestamp() throws Exception {
        SignatureReport s = only(verifyOffline(SignatureLevel.XAdES_BASELINE_LTA, List.of()));

        assertLevel(s, "XAdES-BASELINE-LTA", "LTA");
        assertTimestamps(s, SignatureLevel.XAdES_BASELINE_LTA, "SIGNATURE_TIMESTAMP", "ARCHIVE_TIMESTAMP");
        TimestampReport archive = s.timestamps().get(1);
        assertTrue(archive.covers().signature(), archive::toString);
        assertEquals(List.of(s.timestamps().get(0).id()), archive.covers().timestamps());
        assertTrue(archive.covers().revocationData() > 0, archive::toString);
        assertSources(s, RevocationSource.EMBEDDED, RevocationSource.EMBEDDED);
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldSayRevocationDataIsMissingOfflineWithoutCrlsAndFetchNothing() throws Exception {
        DossierReport report = verifyOffline(SignatureLevel.PAdES_BASELINE_T, List.of());
        SignatureReport s = only(report);

        assertFalse(report.online());
        assertTrue(report.files().get(0).fetched().isEmpty());
        assertSources(s, RevocationSource.NONE, RevocationSource.NONE);
        assertEquals(RevocationSource.NONE, s.revocation().source());
        assertEquals(Verdict.INDETERMINATE, s.result(), s::toString);
        assertEquals("signature.no_revocation_data", s.reason().code(), s::toString);
    }

    @Test
    void shouldFetchTheSignersOcspAndTheRootsCrlOnlineAndSaySo() throws Exception {
        int before = server.requests().size();

        DossierReport report = verify(SignatureLevel.PAdES_BASELINE_T, List.of(), RevocationFetching.ONLINE);

        List<String> requests = server.requests().subList(before, server.requests().size());
        assertTrue(requests.contains("POST /ocsp") && requests.contains("GET /root.crl"), requests::toString);
        FileReport file = report.files().get(0);
        assertTrue(report.online());
        assertTrue(file.fetched().contains(new Fetch("OCSP", server.base() + "/ocsp", true)), file.fetched()::toString);
        assertTrue(file.fetched().contains(new Fetch("CRL", server.base() + "/root.crl", true)), file.fetched()::toString);
        SignatureReport s = only(report);
        assertSources(s, RevocationSource.FETCHED, RevocationSource.FETCHED);
        assertEquals(server.base() + "/ocsp", s.revocationData().get(0).data().get(0).url());
        assertEquals(server.base() + "/root.crl", s.revocationData().get(1).data().get(0).url());
        assertEquals(Verdict.VALID, s.result(), s::toString);
    }

    @Test
    void shouldFindTamperedLongTermSignaturesInvalid() throws Exception {
        Path pdf = Files.write(dir.resolve("don.pdf"), replaced(SIGNED.get(SignatureLevel.PAdES_BASELINE_LTA).content(),
                LongTermSigner.PDF_TEXT, LongTermSigner.PDF_TEXT.replace("Giay", "Giao")));
        Path xml = Files.write(dir.resolve("to-khai.xml"), replaced(SIGNED.get(SignatureLevel.XAdES_BASELINE_LTA).content(),
                LongTermSigner.XML_NAME, LongTermSigner.XML_NAME.replace("Mai", "Mao")));

        DossierReport report = verifier(List.of(), RevocationFetching.OFFLINE)
                .verify(List.of(new InputFile("don.pdf", pdf), new InputFile("to-khai.xml", xml))).report();

        assertEquals(Verdict.INVALID, report.verdict());
        for (FileReport file : report.files()) {
            SignatureReport s = file.signatures().get(0);
            assertEquals(Verdict.INVALID, s.result(), s::toString);
            assertFalse(s.intact(), s::toString);
        }
    }

    @Test
    void shouldKeepEveryLongTermFieldThroughTheJson() throws Exception {
        DossierReport report = verifyOffline(SignatureLevel.PAdES_BASELINE_LTA, List.of());

        assertEquals(report, ReportJson.read(ReportJson.write(report)));
    }

    @Test
    void shouldReadAReportStoredBeforeLongTermFieldsExisted() throws Exception {
        ObjectNode old = (ObjectNode) ReportJson.MAPPER.readTree(ReportJson.write(verifyOffline(SignatureLevel.PAdES_BASELINE_B,
                crls())));
        old.remove("online");
        ObjectNode file = (ObjectNode) old.get("files").get(0);
        file.remove("fetched");
        ObjectNode signature = (ObjectNode) file.get("signatures").get(0);
        signature.remove(List.of("level", "proofOfExistence", "timestamps", "revocationData"));
        ((ObjectNode) signature.get("revocation")).remove("source");

        SignatureReport s = only(ReportJson.read(ReportJson.MAPPER.writeValueAsBytes(old)));

        assertTrue(s.timestamps().isEmpty() && s.revocationData().isEmpty());
        assertNull(s.level());
        assertNull(s.revocation().source());
        assertEquals(Verdict.VALID, s.result());
    }

    private DossierReport verifyOffline(SignatureLevel level, List<byte[]> crls) throws IOException {
        int before = server.requests().size();
        DossierReport report = verify(level, crls, RevocationFetching.OFFLINE);
        assertEquals(List.of(), server.requests().subList(before, server.requests().size()), "offline fetches nothing");
        return report;
    }

    private DossierReport verify(SignatureLevel level, List<byte[]> crls, RevocationFetching fetching) throws IOException {
        String name = level.name() + (level.name().startsWith("PAdES") ? ".pdf" : ".xml");
        Path file = Files.write(dir.resolve(name), SIGNED.get(level).content());
        return verifier(crls, fetching).verify(List.of(new InputFile(name, file))).report();
    }

    private static Verifier verifier(List<byte[]> crls, RevocationFetching fetching) {
        TrustMaterial trust = new TrustMaterial(List.of(server.pki().root().certificate()), crls);
        return new Verifier(() -> trust, Clock.systemUTC(), fetching);
    }

    /** Both CAs' CRLs, signed now. */
    private static List<byte[]> crls() throws CRLException {
        return List.of(server.pki().crl(server.pki().issuing()).getEncoded(), server.pki().crl(server.pki().root()).getEncoded());
    }

    private static SignatureReport only(DossierReport report) {
        List<SignatureReport> signatures = report.files().get(0).signatures();
        assertEquals(1, signatures.size(), report::toString);
        return signatures.get(0);
    }

    private static void assertLevel(SignatureReport s, String format, String level) {
        assertEquals(format, s.format(), s::toString);
        assertEquals(level, s.level(), s::toString);
    }

    /** Exactly these types, oldest first, each at the time the TSA issued it, by the TSA, valid. */
    private static void assertTimestamps(SignatureReport s, SignatureLevel level, String... types) {
        List<Instant> issued = SIGNED.get(level).timestamps();
        assertEquals(List.of(types), s.timestamps().stream().map(TimestampReport::type).toList(), s::toString);
        assertEquals(issued, s.timestamps().stream().map(TimestampReport::productionTime).toList());
        for (TimestampReport t : s.timestamps()) {
            assertEquals(TSA, t.authority());
            assertEquals(Verdict.VALID, t.result(), t::toString);
            assertTrue(t.intact(), t::toString);
        }
    }

    private static void assertProvenBy(SignatureReport s, TimestampReport timestamp) {
        assertNotNull(s.proofOfExistence(), s::toString);
        assertEquals(timestamp.productionTime(), s.proofOfExistence().time());
        assertEquals(timestamp.id(), s.proofOfExistence().timestampId());
    }

    private static void assertSources(SignatureReport s, RevocationSource signer, RevocationSource issuingCa) {
        List<CertificateRevocation> chain = s.revocationData();
        assertEquals(List.of(SIGNER, ISSUING_CA), chain.stream().map(CertificateRevocation::certificate).toList(),
                "the chain below the trusted root, signer first");
        assertEquals(List.of(signer, issuingCa), chain.stream().map(CertificateRevocation::source).toList(), chain::toString);
        assertEquals(signer, s.revocation().source());
    }

    private static byte[] replaced(byte[] content, String from, String to) {
        byte[] what = from.getBytes(StandardCharsets.UTF_8);
        byte[] with = to.getBytes(StandardCharsets.UTF_8);
        assertEquals(what.length, with.length, "same length, so nothing else moves");
        for (int i = 0; i <= content.length - what.length; i++) {
            if (java.util.Arrays.equals(content, i, i + what.length, what, 0, what.length)) {
                byte[] copy = content.clone();
                System.arraycopy(with, 0, copy, i, with.length);
                return copy;
            }
        }
        throw new AssertionError("'" + from + "' is not in the signed file");
    }
}
