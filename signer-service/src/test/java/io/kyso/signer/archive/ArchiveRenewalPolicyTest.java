package io.kyso.signer.archive;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When renewal runs, and when it must not: the scheduled job renews timestamps over a hash whose
 * sunset is near with timestamps over a stronger one; a renewal that could not keep a document
 * provable longer than it already is (the authority's certificate expires no later) is not made,
 * and says so in the audit trail.
 */
class ArchiveRenewalPolicyTest {

    @Test
    void shouldRenewTimestampsOverAWeakeningHashWithAStrongerOneOnSchedule() throws InterruptedException {
        String sunset = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.archive.algorithm-sunsets.SHA256", sunset,
                "kyso.archive.timestamp-digest", "SHA512", "kyso.archive.renewal-horizon", "10d",
                "kyso.archive.poll-interval", "1s", "kyso.archive.initial-delay", "1s"))) {
            KeptDossier dossier = KeptDossier.sign(kyso, "079099001301", "+84901001301");
            for (int i = 0; i < 600 && signedVersion(kyso, dossier, KeptDossier.XML) < 2; i++) {
                Thread.sleep(100); // the scheduled job renews within a round or two
            }
            for (String name : List.of(KeptDossier.PDF, KeptDossier.XML)) {
                assertEquals(2, signedVersion(kyso, dossier, name), name);
            }
            assertEquals(0, kyso.context().getBean(ArchiveRenewal.class).renewDue().due(),
                    "timestamps over SHA-512 are not due");
            IndependentValidators.assertPadesValid(kyso.get(dossier.path(KeptDossier.PDF) + "/signed").body(),
                    "PAdES-BASELINE-LTA", kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        }
    }

    @Test
    void shouldNotRenewWhenTheNewTimestampWouldExpireNoLater() {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.tsa.certificate-validity", "30d",
                "kyso.archive.renewal-horizon", "35d", "kyso.archive.initial-delay", "1h"))) {
            KeptDossier dossier = KeptDossier.sign(kyso, "079099001302", "+84901001302");
            ArchiveRenewal.Round round = kyso.context().getBean(ArchiveRenewal.class).renewDue();
            assertEquals(new ArchiveRenewal.Round(3, 0, 3), round);
            assertEquals(1, signedVersion(kyso, dossier, KeptDossier.PDF));
            ApiResponse events = kyso.get("/api/v1/audit/events?requestId=" + dossier.requestId());
            List<?> failures = ((List<?>) events.map().get("entries")).stream()
                    .filter(e -> "ARCHIVE_RENEWAL_FAILED".equals(((Map<?, ?>) e).get("type"))).toList();
            assertEquals(3, failures.size(), events::toString);
            assertTrue(failures.toString().contains("archive.no_gain"), failures::toString);
        }
    }

    private static int signedVersion(KysoTestService kyso, KeptDossier dossier, String name) {
        for (Object d : (List<?>) kyso.get("/api/v1/signing-requests/" + dossier.requestId()).map().get("documents")) {
            if (name.equals(((Map<?, ?>) d).get("name"))) {
                return ((Number) ((Map<?, ?>) d).get("signedVersion")).intValue();
            }
        }
        throw new AssertionError("no " + name);
    }
}
