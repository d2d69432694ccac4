package io.kyso.signer.hsm;

import io.kyso.hsm.HsmToken;
import io.kyso.hsm.Pkcs11Config;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.pki.ServiceSeal;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.signer.timestamping.TimestampAuthority;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Citizens' keys wrapped under the HSM's AES key and kept in the database (the default): the token
 * does not grow with the citizens, the signatures are as valid for EU DSS and pdfsig as with keys
 * stored in the token, citizens enrolled with keys in the token keep signing, and an altered key
 * fails the request cleanly.
 */
@KysoService
class WrappedCitizenKeysTest {
    private static KysoTestService kyso;
    private static int phones;

    private static Pkcs11Config token(KysoTestService service) {
        return new Pkcs11Config(Path.of(service.property("kyso.hsm.library")), service.property("kyso.hsm.token-label"),
                service.property("kyso.hsm.pin").toCharArray());
    }

    private static Map<String, Object> enroll(KysoTestService service, String name) {
        int n = ++phones;
        return service.enroll(name, String.format("0790990%05d", n), String.format("+8491300%04d", n), null);
    }

    @Test
    void shouldStoreNothingInTheTokenPerCitizen() throws Exception {
        enroll(kyso, "Trần Văn An"); // the wrapping key exists from here on
        serviceKeysInUse(kyso);
        int before = SoftHsm.countTokenObjects(token(kyso));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(enroll(kyso, "Công dân số " + i).get("id").toString());
        }

        assertEquals(before, SoftHsm.countTokenObjects(token(kyso)), "token objects after 10 enrollments");
        for (String id : ids) {
            Row row = row(kyso, id);
            assertEquals("kyso-citizen-wrap", row.wrappingKey());
            assertTrue(Base64.getDecoder().decode(row.wrappedKey()).length > 64, "a PKCS#8 key, wrapped");
            List<X509Certificate> chain = chain(row.chainPem());
            assertEquals(3, chain.size(), "citizen, issuing CA, root");
            assertEquals(certificate(row.certificatePem()), chain.get(0));
            assertEquals(kyso.rootCertificate(), chain.get(2));
            assertTrue(kyso.context().getBean(HsmToken.class).find(row.keyAlias()).isEmpty(), "no key in the token");
        }
    }

    /**
     * The service's own keys (its seal and its timestamping authority) come into the token on their first
     * use, an audit seal that may fall in the middle of the enrollments: one key each for the whole
     * service, used here so that the count compares citizens only.
     */
    private static void serviceKeysInUse(KysoTestService service) throws Exception {
        service.context().getBean(ServiceSeal.class).signDetached(new byte[] {1});
        service.context().getBean(TimestampAuthority.class).respond(
                new TimeStampRequestGenerator().generate(TSPAlgorithms.SHA256, new byte[32]).getEncoded());
    }

    @Test
    void shouldSignWithTheWrappedKeySignaturesThatDssAndPdfsigAccept() throws Exception {
        Map<String, Object> citizen = enroll(kyso, "Nguyễn Thị Hồng Nhung");
        byte[] signed = signOnePdf(kyso, citizen);

        IndependentValidators.assertPadesLtValid(signed, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        IndependentValidators.assertPdfsigValid(signed);
        assertTrue(new String(signed, StandardCharsets.ISO_8859_1).contains("/ByteRange"));
    }

    @Test
    void shouldKeepSigningForCitizensWhoseKeysAreInTheToken() throws Exception {
        KysoTestService legacy = KysoTestService.start(Map.of("kyso.hsm.citizen-keys", "TOKEN"));
        try {
            int before = SoftHsm.countTokenObjects(token(legacy));
            Map<String, Object> old = enroll(legacy, "Đặng Quốc Việt");
            assertTrue(SoftHsm.countTokenObjects(token(legacy)) >= before + 2, "key and certificate in the token");
            assertNull(row(legacy, old.get("id").toString()).wrappedKey());

            legacy = legacy.restart(Map.of("kyso.hsm.citizen-keys", "WRAPPED"));
            byte[] signed = signOnePdf(legacy, old);
            IndependentValidators.assertPadesLtValid(signed, legacy.rootCertificate(), legacy.crl(),
                    legacy.rootCrl());

            Map<String, Object> fresh = enroll(legacy, "Lê Thị Mai");
            assertNotNull(row(legacy, fresh.get("id").toString()).wrappedKey());
            IndependentValidators.assertPadesLtValid(signOnePdf(legacy, fresh), legacy.rootCertificate(),
                    legacy.crl(), legacy.rootCrl());
        } finally {
            legacy.close();
        }
    }

    @Test
    void shouldRefuseToStartWithoutAWrappingKeyItMayNotCreate() {
        Throwable failure = assertThrows(Throwable.class,
                () -> KysoTestService.start(Map.of("kyso.hsm.create-wrapping-key", "false")).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("kyso.hsm.wrapping-key: the token")
                && messages.toString().contains("has no AES key labelled 'kyso-citizen-wrap'"), messages::toString);
    }

    @Test
    void shouldFailTheRequestCleanlyWhenTheWrappedKeyWasAltered() throws Exception {
        Map<String, Object> citizen = enroll(kyso, "Phạm Minh Tuấn");
        String id = citizen.get("id").toString();
        byte[] blob = Base64.getDecoder().decode(row(kyso, id).wrappedKey());
        blob[blob.length / 2] ^= 0x01;
        kyso.context().getBean(Database.class).inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE citizen SET wrapped_key = ? WHERE id = ?")) {
                update.setString(1, Base64.getEncoder().encodeToString(blob));
                update.setObject(2, UUID.fromString(id));
                assertEquals(1, update.executeUpdate());
            }
            return null;
        });

        ApiResponse created = kyso.createRequest(id, "Hồ sơ", List.of(pdf("don.pdf", TestPdfs.small())));
        assertEquals(201, created.status(), created::toString);
        String requestId = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + requestId + "/confirmation",
                Map.of("otp", kyso.latestCode(citizen.get("phone").toString())));

        assertEquals(500, confirmed.status(), confirmed::toString);
        assertEquals("signing.failed", confirmed.code());
        assertTrue(confirmed.string("detail").contains("none was delivered"), confirmed::toString);
        ApiResponse after = kyso.get("/api/v1/signing-requests/" + requestId);
        assertEquals("FAILED", after.string("status"));
        String documentId = ((List<Map<String, Object>>) after.map().get("documents")).get(0).get("id").toString();
        assertFalse(kyso.get("/api/v1/signing-requests/" + requestId + "/documents/" + documentId + "/signed").status()
                == 200, "no signed document");
        assertEquals(200, kyso.get("/api/v1/signing-requests/" + requestId + "/documents/" + documentId + "/original")
                .status(), "the original is kept");
    }

    private static byte[] signOnePdf(KysoTestService service, Map<String, Object> citizen) {
        ApiResponse created = service.createRequest(citizen.get("id"), "Hồ sơ đăng ký",
                List.of(pdf("de-nghi.pdf", TestPdfs.withPages(2, "Giay de nghi"))));
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        ApiResponse confirmed = service.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", service.latestCode(citizen.get("phone").toString())));
        assertEquals(200, confirmed.status(), confirmed::toString);
        @SuppressWarnings("unchecked")
        String documentId = ((List<Map<String, Object>>) confirmed.map().get("documents")).get(0).get("id").toString();
        ApiResponse signed = service.get("/api/v1/signing-requests/" + id + "/documents/" + documentId + "/signed");
        assertEquals(200, signed.status());
        return signed.body();
    }

    private record Row(String keyAlias, String certificatePem, String wrappingKey, String wrappedKey, String chainPem) {
    }

    private static Row row(KysoTestService service, String id) {
        return service.context().getBean(Database.class).read(c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT key_alias, certificate_pem, wrapping_key, wrapped_key, key_chain_pem FROM citizen WHERE id = ?")) {
                select.setObject(1, UUID.fromString(id));
                try (ResultSet rs = select.executeQuery()) {
                    assertTrue(rs.next(), "citizen row " + id);
                    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
                }
            }
        });
    }

    private static List<X509Certificate> chain(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream().map(X509Certificate.class::cast).toList();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return chain(pem).get(0);
    }
}
