package io.kyso.signer.idempotency;

import io.kyso.client.Citizen;
import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoClient;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.RequestStatus;
import io.kyso.client.SigningRequest;
import io.kyso.signer.testing.DatabaseProbe;
import io.kyso.signer.testing.DroppingProxy;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The network fails at the worst moment: the service acted on the portal's call, and the answer
 * never reached the portal. The SDK calls again with the same Idempotency-Key and gets the first
 * answer: one citizen, one request, one signature.
 */
@KysoService
class LostAnswersTest {
    private static KysoTestService kyso;

    @Test
    void shouldEnrollOnceWhenTheAnswerToAnEnrollmentIsLost() throws IOException {
        try (DroppingProxy proxy = DroppingProxy.to(kyso.url(""), 1)) {
            Citizen citizen = KysoTestService.client(proxy.url()).citizens()
                    .enroll(EnrollCitizen.of("079099000801", "Hai Bà Trưng", "+84901000801"));
            assertEquals(1, proxy.dropped());
            assertEquals("Hai Bà Trưng", citizen.fullName(), "the first answer, not 409 citizen.already_enrolled");
            assertEquals(1, DatabaseProbe.number(kyso, "SELECT COUNT(*) FROM citizen WHERE national_id = ?", "079099000801"));
        }
    }

    @Test
    void shouldCreateOneRequestWhenTheAnswerToAnUploadIsLost() throws IOException {
        UUID citizen = kyso.client().citizens().enroll(EnrollCitizen.of("079099000802", "Lý Công Uẩn", "+84901000802")).id();
        try (DroppingProxy proxy = DroppingProxy.to(kyso.url(""), 2)) {
            SigningRequest created = KysoTestService.client(proxy.url()).signingRequests().create(
                    NewSigningRequest.builder(citizen, "Hồ sơ mất câu trả lời")
                            .document(DocumentUpload.ofBytes("a.pdf", "application/pdf", TestPdfs.withPages(3, "Trang")))
                            .build());
            assertEquals(2, proxy.dropped());
            assertEquals(1, DatabaseProbe.number(kyso, "SELECT COUNT(*) FROM signing_request WHERE citizen_id = ?", citizen));
            assertEquals(created.id().toString(), DatabaseProbe.text(kyso,
                    "SELECT CAST(id AS VARCHAR(36)) FROM signing_request WHERE citizen_id = ?", citizen));
        }
    }

    @Test
    void shouldSignOnceWhenTheAnswerToAConfirmationIsLost() throws IOException {
        KysoClient direct = kyso.client();
        UUID citizen = direct.citizens().enroll(EnrollCitizen.of("079099000803", "Lê Thánh Tông", "+84901000803")).id();
        SigningRequest request = direct.signingRequests().create(NewSigningRequest.builder(citizen, "Hồ sơ")
                .document(DocumentUpload.ofBytes("a.pdf", "application/pdf", TestPdfs.small()))
                .document(DocumentUpload.ofBytes("b.pdf", "application/pdf", TestPdfs.small()))
                .build());
        try (DroppingProxy proxy = DroppingProxy.to(kyso.url(""), 1)) {
            SigningRequest signed = KysoTestService.client(proxy.url()).signingRequests()
                    .confirm(request.id(), kyso.latestCode("+84901000803"));
            assertEquals(1, proxy.dropped());
            assertEquals(RequestStatus.SIGNED, signed.status(), "the first answer, not 409 request.already_confirmed");
        }
        assertEquals(1, DatabaseProbe.auditEntries(kyso, "REQUEST_CONFIRMED", request.id()));
        assertEquals(2, DatabaseProbe.auditEntries(kyso, "DOCUMENT_SIGNED", request.id()), "one signature per document");
    }
}
