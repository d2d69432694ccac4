package io.kyso.signer.archive;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.TestPdfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kyso.signer.testing.KysoTestService.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dossier Kyso signs at B-LTA to keep: a PDF, an enveloped XML and a detached XML signature (with
 * the original it covers, {@value #DETACHED}), and a PDF at B-LT, which is not renewed.
 *
 * @param documents the documents' ids by name
 */
record KeptDossier(String requestId, Map<String, String> documents) {
    static final String PDF = "giay-phep.pdf";
    static final String XML = "to-khai.xml";
    static final String DETACHED = "hoa-don.xml";
    static final String NOT_KEPT = "bien-nhan.pdf";

    static KeptDossier sign(KysoTestService kyso, String nationalId, String phone) {
        Map<String, Object> citizen = kyso.enroll("Hoàng Thị Lưu", nationalId, phone, null);
        List<Map<String, Object>> documents = new ArrayList<>(List.of(
                options(pdf(PDF, TestPdfs.small()), Map.of("level", "B-LTA")),
                options(xml(XML, "<ToKhai><hoTen>Hoàng Thị Lưu</hoTen></ToKhai>"), Map.of("level", "B-LTA")),
                options(xml(DETACHED, "<HoaDon><so>0000777</so></HoaDon>"), Map.of("level", "B-LTA",
                        "xmlPackaging", "DETACHED")),
                options(pdf(NOT_KEPT, TestPdfs.small()), Map.of("level", "B-LT"))));
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ lưu trữ", documents);
        assertEquals(201, created.status(), created::toString);
        String id = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        assertEquals("SIGNED", confirmed.string("status"), confirmed::toString);
        Map<String, String> ids = new LinkedHashMap<>();
        for (Object d : (List<?>) confirmed.map().get("documents")) {
            ids.put(String.valueOf(((Map<?, ?>) d).get("name")), String.valueOf(((Map<?, ?>) d).get("id")));
        }
        return new KeptDossier(id, ids);
    }

    String path(String name) {
        return "/api/v1/signing-requests/" + requestId + "/documents/" + documents.get(name);
    }

    private static Map<String, Object> xml(String name, String content) {
        return Map.of("name", name, "contentType", "application/xml", "content", Base64.getEncoder().encodeToString(
                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + content + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> options(Map<String, Object> document, Map<String, Object> options) {
        Map<String, Object> with = new HashMap<>(document);
        with.put("options", options);
        return with;
    }
}
