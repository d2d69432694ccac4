package io.kyso.signer.request;

import io.kyso.signer.signing.pades.PadesDossierSigningTest;
import io.kyso.signer.confirmation.OtpHousekeeping;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.AdjustableClock;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restart keeps everything; a request interrupted while signing is recovered, never half-signed. */
class RestartAndRecoveryTest {

    @Test
    void shouldKeepCitizensRequestsKeysAndSignedDocumentsAcrossARestart() {
        KysoTestService kyso = KysoTestService.start();
        try {
            Map<String, Object> citizen = kyso.enroll("Trưng Trắc", "079099000601", "+84901000601", null);
            String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
            String code = kyso.latestCode("+84901000601");

            kyso = kyso.restart();
            assertEquals(200, kyso.get("/health", null).status());
            assertEquals(citizen.get("certificate"), kyso.get("/api/v1/citizens/" + citizen.get("id")).string("certificate"));
            ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
            assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
            String documentId = PadesDossierSigningTest.documents(confirmed).get(0).get("id").toString();

            kyso = kyso.restart();
            ApiResponse signed = kyso.get("/api/v1/signing-requests/" + id + "/documents/" + documentId + "/signed");
            assertEquals(200, signed.status());
            assertEquals(true, kyso.get("/api/v1/audit/verify").map().get("valid"));
        } finally {
            kyso.close();
        }
    }

    @Test
    void shouldRecoverARequestInterruptedWhileSigning() {
        try (KysoTestService kyso = KysoTestService.start()) {
            Map<String, Object> citizen = kyso.enroll("Trưng Nhị", "079099000602", "+84901000602", null);
            String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
            String code = kyso.latestCode("+84901000602");
            // What a crash mid-signing leaves: the request claimed long ago, a stray output on disk.
            kyso.context().getBean(Database.class).inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE signing_request SET status = 'SIGNING', signing_started_at = ? WHERE id = ?")) {
                    s.setObject(1, Instant.now().minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC));
                    s.setObject(2, UUID.fromString(id));
                    return s.executeUpdate();
                }
            });
            ApiResponse during = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
            assertEquals(409, during.status(), during::toString);

            int recovered = kyso.context().getBean(RequestHousekeeping.class)
                    .recoverStaleSigning(Instant.now().minus(RequestHousekeeping.SIGNING_LEASE));
            assertEquals(1, recovered);
            ApiResponse request = kyso.get("/api/v1/signing-requests/" + id);
            assertEquals("AWAITING_CONFIRMATION", request.string("status"));
            assertEquals("signing.interrupted", request.string("lastError"));
            ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
            assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        }
    }

    @Test
    void shouldExpireARequestNobodyConfirmed() {
        try (KysoTestService kyso = KysoTestService.start(Map.of("kyso.test.adjustable-clock", "true"))) {
            Map<String, Object> citizen = kyso.enroll("Lý Thường Kiệt", "079099000603", "+84901000603", null);
            String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
            String code = kyso.latestCode("+84901000603");
            RequestHousekeeping housekeeping = kyso.context().getBean(RequestHousekeeping.class);
            AdjustableClock.of(kyso).advance(Duration.ofHours(23));
            housekeeping.expireOverdue();
            assertEquals("AWAITING_CONFIRMATION", kyso.get("/api/v1/signing-requests/" + id).string("status"),
                    "within its 24 hours");
            AdjustableClock.of(kyso).advance(Duration.ofHours(1).plusSeconds(1));
            housekeeping.expireOverdue(); // the scheduled run may have been first: either way it is expired once
            assertEquals("EXPIRED", kyso.get("/api/v1/signing-requests/" + id).string("status"));
            ApiResponse late = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", code));
            assertEquals(410, late.status());
            assertEquals("request.expired", late.code());
        }
    }

    @Test
    void shouldSendAFreshCodeWhenTheProcessDiedBetweenStoringTheCodeAndSendingIt() {
        try (KysoTestService kyso = KysoTestService.start()) {
            Map<String, Object> citizen = kyso.enroll("Lê Ngọc Hân", "079099000604", "+84901000604", null);
            String id = kyso.createRequest(citizen.get("id"), "Hồ sơ", List.of(pdf("a.pdf", TestPdfs.small()))).string("id");
            String lost = kyso.latestCode("+84901000604");
            // What a crash between the code's transaction and the message leaves: a code nobody received.
            kyso.context().getBean(Database.class).inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE signing_request SET otp_pending = TRUE, otp_last_sent_at = ? WHERE id = ?")) {
                    s.setObject(1, Instant.now().minus(2, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC));
                    s.setObject(2, UUID.fromString(id));
                    return s.executeUpdate();
                }
            });
            OtpHousekeeping housekeeping = kyso.context().getBean(OtpHousekeeping.class);
            housekeeping.sendUndeliveredOtps(Instant.now().minus(OtpHousekeeping.UNDELIVERED_AFTER));
            assertEquals(0, housekeeping.sendUndeliveredOtps(Instant.now().minus(OtpHousekeeping.UNDELIVERED_AFTER)),
                    "sent once");
            String fresh = kyso.latestCode("+84901000604");
            ApiResponse stale = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", lost));
            assertEquals("otp.invalid", stale.code(), "the fresh code replaced the undelivered one");
            ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation", Map.of("otp", fresh));
            assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        }
    }
}
