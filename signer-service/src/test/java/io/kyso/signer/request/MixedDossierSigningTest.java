package io.kyso.signer.request;

import io.kyso.signer.signing.pades.PadesDossierSigningTest;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dossier of 3 PDFs and 2 XMLs signed with one code: every PDF checked by EU DSS and pdfsig,
 * every XML by xmlsec1 and EU DSS.
 */
@KysoService
class MixedDossierSigningTest {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<ToKhai xmlns=\"urn:kyso:test:to-khai\"><hoTen>Nguyễn Thị Hồng Nhung</hoTen>"
            + "<diaChi>Đà Nẵng</diaChi><nganhNghe>Bán lẻ</nganhNghe></ToKhai>\n";
    private static final String INVOICE = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<HoaDon><soHoaDon>0000123</soHoaDon><tongTien>1500000</tongTien></HoaDon>\n";

    private static KysoTestService kyso;

    private static Map<String, Object> xml(String name, String content, String packaging) {
        Map<String, Object> doc = new HashMap<>(Map.of("name", name, "contentType", "application/xml",
                "content", Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8))));
        if (packaging != null) {
            doc.put("options", Map.of("xmlPackaging", packaging));
        }
        return doc;
    }

    @Test
    void shouldSignPdfsAndXmlsOfOneDossierWithOneCode() throws Exception {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Hồng Nhung", "079099000801", "+84901000801", null);
        Map<String, Object> visible = new HashMap<>(pdf("don.pdf", TestPdfs.withPages(2, "Don")));
        visible.put("options", Map.of("reason", "Đồng ý nội dung", "location", "Đà Nẵng",
                "visibleSignature", Map.of("position", "BOTTOM_LEFT")));
        List<Map<String, Object>> documents = List.of(
                pdf("giay-de-nghi.pdf", TestPdfs.withPages(3, "Giay de nghi")), visible,
                pdf("cam-ket.pdf", TestPdfs.small()),
                xml("to-khai.xml", DECLARATION, null), xml("hoa-don.xml", INVOICE, "DETACHED"));
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ đăng ký hộ kinh doanh", documents);
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");

        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode("+84901000801")));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);

        List<X509Certificate> chain = kyso.caChain();
        X509Certificate root = chain.get(chain.size() - 1);
        byte[] crl = kyso.crl();
        byte[] rootCrl = kyso.rootCrl();
        Path work = Files.createTempDirectory(Path.of("target"), "mixed-");
        List<String> checked = new ArrayList<>();
        for (Map<String, Object> doc : PadesDossierSigningTest.documents(confirmed)) {
            assertEquals("SIGNED", doc.get("status"));
            String base = "/api/v1/signing-requests/" + id + "/documents/" + doc.get("id");
            byte[] signed = kyso.get(base + "/signed").body();
            String name = doc.get("name").toString();
            if (name.endsWith(".pdf")) {
                IndependentValidators.assertPadesValid(signed, "PAdES-BASELINE-LT", root, crl, rootCrl);
                IndependentValidators.assertPdfsigValid(signed);
            } else {
                Path dir = Files.createDirectories(work.resolve(name.replace('.', '-')));
                Path signature = Files.write(dir.resolve("signed.xml"), signed);
                Path[] originals = new Path[0];
                if (name.equals("hoa-don.xml")) {
                    originals = new Path[] {Files.write(dir.resolve(name), kyso.get(base + "/original").body())};
                } else {
                    assertTrue(new String(signed, StandardCharsets.UTF_8).contains("<hoTen>Nguyễn Thị Hồng Nhung</hoTen>"));
                }
                IndependentValidators.assertXmlsec1Valid(signature, root);
                // DSS's default policy wants revocation data below the anchor: trust the issuing CA, give its CRL.
                IndependentValidators.assertDssPasses(IndependentValidators.validateXmlWithDss(signature,
                        List.of(originals), chain.get(0), crl), "XAdES-BASELINE-LT");
            }
            checked.add(name);
        }
        assertEquals(5, checked.size());
    }

    @Test
    void shouldRefuseAnXmlWithADoctype() {
        String withDoctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        Map<String, Object> citizen = kyso.enroll("Đặng Quốc Việt", "079099000802", "+84901000802", null);
        ApiResponse answer = kyso.createRequest(citizen.get("id"), "Hồ sơ",
                List.of(pdf("a.pdf", TestPdfs.small()), xml("x.xml", withDoctype, null)));
        assertEquals(400, answer.status(), answer::toString);
        assertEquals("document.dtd_forbidden", answer.code());
        assertTrue(!answer.text().contains("root:"), "the entity was never read");
    }
}
