package io.kyso.signer.archive;

import io.kyso.signer.signing.pades.PadesDossierSigningTest;
import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.AuditQueries;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.IndependentValidators.DssVerdict;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Relay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archive renewal on the service's clock, moved forward by the test: the timestamping unit's
 * certificates last 30 days (a new unit key every 10), and documents are renewed 10 days before their
 * newest timestamp's certificate expires. A renewal is a new version under a key of its own; the
 * version before stays as it was and is still served on request; both validate with EU DSS (as of the
 * service's time), the new one with one more timestamp. Two instances renew each document once; a
 * renewal cut short is resumed once its lease runs out; an authority that is down makes it wait.
 */
class ArchiveRenewalTest {
    private static final List<String> KEPT = List.of(KeptDossier.PDF, KeptDossier.XML, KeptDossier.DETACHED);
    private KysoTestService kyso;
    private Relay relay;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (kyso != null) {
            kyso.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    /** A service whose timestamps come through a relay the test controls, renewal run by the test. */
    private KysoTestService start(Map<String, Object> more) {
        int port = KysoTestService.freePort();
        relay = Relay.to(URI.create("http://localhost:" + port));
        Map<String, Object> settings = new HashMap<>(Map.of("micronaut.server.port", port,
                "kyso.public-url", "http://localhost:" + port, "kyso.timestamping.url", relay.url("/pki/tsa"),
                "kyso.test.adjustable-clock", "true", "kyso.tsa.certificate-validity", "30d",
                "kyso.archive.renewal-horizon", "10d", "kyso.archive.initial-delay", "1h", "kyso.archive.poll-interval", "1h"));
        settings.putAll(more);
        kyso = KysoTestService.start(settings);
        return kyso;
    }

    @Test
    void shouldRenewKeptDocumentsAsNewVersionsThatValidateWithOneMoreTimestamp() throws IOException {
        start(Map.of());
        KeptDossier dossier = KeptDossier.sign(kyso, "079099001201", "+84901001201");
        Map<String, byte[]> first = download(dossier, null);
        assertEquals(new ArchiveRenewal.Round(0, 0, 0), renewal(kyso).renewDue(), "nothing is due yet");

        AdjustableClock.of(kyso).advance(Duration.ofDays(21));
        assertEquals(new ArchiveRenewal.Round(3, 3, 0), renewal(kyso).renewDue());
        assertEquals(new ArchiveRenewal.Round(0, 0, 0), renewal(kyso).renewDue(), "renewed once");

        Map<String, byte[]> renewed = download(dossier, null);
        for (String name : KEPT) {
            assertEquals(2, signedVersion(dossier, name), name);
            assertArrayEquals(first.get(name), get(dossier.path(name) + "/signed?version=1").body(), "version 1 kept: " + name);
            DssVerdict before = validate(dossier, name, first.get(name));
            DssVerdict after = validate(dossier, name, renewed.get(name));
            IndependentValidators.assertDssPasses(before, format(name));
            IndependentValidators.assertDssPasses(after, format(name));
            assertEquals(timestamps(before) + 1, timestamps(after), after::summary);
        }
        assertEquals(1, signedVersion(dossier, KeptDossier.NOT_KEPT), "B-LT is not renewed");
        byte[] pdf = renewed.get(KeptDossier.PDF);
        assertArrayEquals(first.get(KeptDossier.PDF), Arrays.copyOf(pdf, first.get(KeptDossier.PDF).length),
                "the renewed PDF is the signed one plus incremental updates");
        IndependentValidators.assertPdfsigShowsDocumentTimestamps(pdf, 2, "Kyso Development Timestamping Unit");
        IndependentValidators.assertDssRejects(PadesDossierSigningTest.changeInsideSignedRange(pdf), kyso.rootCertificate(),
                kyso.crl(), kyso.rootCrl());
        assertEquals(3, AuditQueries.count(kyso, "ARCHIVE_RENEWED", dossier.requestId()));
        assertTrue(kyso.get("/prometheus", null).text().contains("kyso_archive_renewals_total{outcome=\"renewed\"} 3.0"));

        List<Map<String, Object>> versions = get(dossier.path(KeptDossier.PDF) + "/versions").list();
        assertEquals(List.of(1, 2), versions.stream().map(v -> v.get("version")).toList());
        assertEquals(List.of("PAdES-BASELINE-LTA", "PAdES-BASELINE-LTA"), versions.stream().map(v -> v.get("format")).toList());
        assertEquals(404, get(dossier.path(KeptDossier.PDF) + "/signed?version=3").status());
    }

    @Test
    void shouldRenewAgainBeforeTheRenewedTimestampExpires() {
        start(Map.of());
        KeptDossier dossier = KeptDossier.sign(kyso, "079099001202", "+84901001202");
        AdjustableClock.of(kyso).advance(Duration.ofDays(21));
        assertEquals(3, renewal(kyso).renewDue().renewed());
        AdjustableClock.of(kyso).advance(Duration.ofDays(21));
        assertEquals(3, renewal(kyso).renewDue().renewed());
        for (String name : KEPT) {
            assertEquals(3, signedVersion(dossier, name), name);
            DssVerdict verdict = validate(dossier, name, get(dossier.path(name) + "/signed").body());
            IndependentValidators.assertDssPasses(verdict, format(name));
            assertEquals(4, timestamps(verdict), verdict::summary);
        }
    }

    @Test
    void shouldRenewEachDocumentOnceWithTwoInstancesRunningTogether() throws Exception {
        start(Map.of());
        KeptDossier dossier = KeptDossier.sign(kyso, "079099001203", "+84901001203");
        try (KysoTestService other = kyso.sibling()) {
            AdjustableClock.of(kyso).advance(Duration.ofDays(21));
            AdjustableClock.of(other).advance(Duration.ofDays(21));
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                List<Future<ArchiveRenewal.Round>> rounds = both.invokeAll(List.<Callable<ArchiveRenewal.Round>>of(
                        () -> renewal(kyso).renewDue(), () -> renewal(other).renewDue()));
                int renewed = rounds.get(0).get().renewed() + rounds.get(1).get().renewed();
                assertEquals(3, renewed);
            } finally {
                both.shutdownNow();
            }
        }
        for (String name : KEPT) {
            assertEquals(List.of(1, 2), get(dossier.path(name) + "/versions").list().stream().map(v -> v.get("version"))
                    .toList(), name);
        }
        assertEquals(3, AuditQueries.count(kyso, "ARCHIVE_RENEWED", dossier.requestId()));
        assertEquals(0, AuditQueries.count(kyso, "ARCHIVE_RENEWAL_FAILED", dossier.requestId()), "nobody renewed in vain");
    }

    @Test
    void shouldResumeARenewalCutShortOnceItsLeaseRunsOut() {
        start(Map.of());
        KeptDossier dossier = KeptDossier.sign(kyso, "079099001204", "+84901001204");
        AdjustableClock clock = AdjustableClock.of(kyso);
        clock.advance(Duration.ofDays(21));
        KeptDocuments documents = kyso.context().getBean(KeptDocuments.class);
        java.util.UUID pdf = java.util.UUID.fromString(dossier.documents().get(KeptDossier.PDF));
        // an instance takes the PDF's lease and dies before it renews it
        assertTrue(documents.claim(pdf, clock.instant(), clock.instant().plus(Duration.ofMinutes(15)),
                clock.instant().plus(Duration.ofDays(10)), List.of()).isPresent());
        assertEquals(2, renewal(kyso).renewDue().renewed(), "the leased PDF waits");
        assertEquals(1, signedVersion(dossier, KeptDossier.PDF));
        clock.advance(Duration.ofMinutes(16));
        assertEquals(new ArchiveRenewal.Round(1, 1, 0), renewal(kyso).renewDue());
        assertEquals(2, signedVersion(dossier, KeptDossier.PDF));
    }

    @Test
    void shouldWaitAndRetryWhileTheTimestampingAuthorityIsDown() {
        start(Map.of("kyso.archive.retry-delay", "1h"));
        KeptDossier dossier = KeptDossier.sign(kyso, "079099001205", "+84901001205");
        AdjustableClock clock = AdjustableClock.of(kyso);
        clock.advance(Duration.ofDays(21));
        relay.set("/pki/tsa", Relay.Mode.UNAVAILABLE);
        assertEquals(new ArchiveRenewal.Round(3, 0, 3), renewal(kyso).renewDue());
        assertEquals(3, AuditQueries.count(kyso, "ARCHIVE_RENEWAL_FAILED", dossier.requestId()));
        relay.passAll();
        assertEquals(new ArchiveRenewal.Round(0, 0, 0), renewal(kyso).renewDue(), "not before the retry delay");
        clock.advance(Duration.ofMinutes(61));
        assertEquals(new ArchiveRenewal.Round(3, 3, 0), renewal(kyso).renewDue());
        for (String name : KEPT) {
            assertEquals(2, signedVersion(dossier, name), name);
        }
        assertTrue(kyso.get("/prometheus", null).text().contains("kyso_archive_renewals_total{outcome=\"failed\"} 3.0"));
    }

    private static ArchiveRenewal renewal(KysoTestService service) {
        return service.context().getBean(ArchiveRenewal.class);
    }

    private ApiResponse get(String path) {
        return kyso.get(path);
    }

    private Map<String, byte[]> download(KeptDossier dossier, Integer version) {
        Map<String, byte[]> files = new HashMap<>();
        for (String name : dossier.documents().keySet()) {
            files.put(name, get(dossier.path(name) + "/signed" + (version == null ? "" : "?version=" + version)).body());
        }
        return files;
    }

    private int signedVersion(KeptDossier dossier, String name) {
        for (Object d : (List<?>) get("/api/v1/signing-requests/" + dossier.requestId()).map().get("documents")) {
            if (name.equals(((Map<?, ?>) d).get("name"))) {
                return ((Number) ((Map<?, ?>) d).get("signedVersion")).intValue();
            }
        }
        throw new AssertionError("no " + name);
    }

    /** EU DSS's verdict as of the service's (moved) time, with its CRLs of now. */
    private DssVerdict validate(KeptDossier dossier, String name, byte[] signed) {
        java.time.Instant at = kyso.context().getBean(Clock.class).instant();
        if (name.endsWith(".pdf")) {
            return IndependentValidators.validatePdfWithDssAt(signed, at, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        }
        try {
            Path folder = Files.createTempDirectory(dir, "xml-");
            if (KeptDossier.DETACHED.equals(name)) {
                Path original = Files.write(folder.resolve(name), get(dossier.path(name) + "/original").body());
                Path signature = Files.write(folder.resolve("hoa-don-signature.xml"), signed);
                return IndependentValidators.validateXmlWithDssAt(signature, List.of(original), at, kyso.rootCertificate(),
                        kyso.crl(), kyso.rootCrl());
            }
            return IndependentValidators.validateXmlWithDssAt(Files.write(folder.resolve(name), signed), List.of(), at,
                    kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String format(String name) {
        return name.endsWith(".pdf") ? "PAdES-BASELINE-LTA" : "XAdES-BASELINE-LTA";
    }

    private static int timestamps(DssVerdict verdict) {
        return verdict.simpleReportXml().split("<Timestamp ", -1).length - 1;
    }
}
