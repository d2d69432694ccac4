package io.kyso.signer.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kyso.signer.testing.KysoTestService.pdf;

/**
 * A dossier signed by Kyso through its API, as a portal gets it back: a PDF with a visible signature,
 * an enveloped XAdES XML, and a detached XAdES signature with the original it covers (under the name
 * its reference uses).
 *
 * @param files every file of the dossier as downloaded: the signed PDF, the signed XML, the detached
 *              signature and the detached signature's original
 */
public record SignedDossier(String requestId, String citizenId, List<KysoTestService.Part> files) {
    public static final String DETACHED_ORIGINAL = "hoa-don.xml";
    private static final Pattern FILENAME = Pattern.compile("filename=\"?([^\";]+)\"?");

    /** Enrolls a citizen (EC P-256) and has Kyso sign a three-document dossier for them, at the service's default level. */
    public static SignedDossier sign(KysoTestService kyso, String nationalId, String phone) {
        return sign(kyso, nationalId, phone, null);
    }

    /** As {@link #sign(KysoTestService, String, String)}, every document at {@code level} (e.g. {@code B-B}). */
    public static SignedDossier sign(KysoTestService kyso, String nationalId, String phone, String level) {
        Map<String, Object> citizen = kyso.enroll("Nguyễn Thị Hồng Nhung", nationalId, phone, null);
        Map<String, Object> visible = new HashMap<>(pdf("giay-de-nghi.pdf", TestPdfs.withPages(2, "Giay de nghi")));
        visible.put("options", withLevel(Map.of("location", "Hà Nội", "visibleSignature", Map.of("position", "BOTTOM_RIGHT")),
                level));
        List<Map<String, Object>> documents = List.of(visible,
                xml("to-khai.xml", "<ToKhai><hoTen>Nguyễn Thị Hồng Nhung</hoTen></ToKhai>", null, level),
                xml(DETACHED_ORIGINAL, "<HoaDon><soHoaDon>0000123</soHoaDon></HoaDon>", "DETACHED", level));
        ApiResponse created = kyso.createRequest(citizen.get("id"), "Hồ sơ đăng ký hộ kinh doanh", documents);
        if (created.status() != 201) {
            throw new AssertionError("request refused: " + created);
        }
        String id = created.string("id");
        ApiResponse confirmed = kyso.post("/api/v1/signing-requests/" + id + "/confirmation",
                Map.of("otp", kyso.latestCode(phone)));
        if (!"SIGNED".equals(confirmed.string("status"))) {
            throw new AssertionError("not signed: " + confirmed);
        }
        List<KysoTestService.Part> files = new ArrayList<>();
        for (Object document : (List<?>) confirmed.map().get("documents")) {
            String base = "/api/v1/signing-requests/" + id + "/documents/" + ((Map<?, ?>) document).get("id");
            files.add(download(kyso, base + "/signed"));
            if (DETACHED_ORIGINAL.equals(((Map<?, ?>) document).get("name"))) {
                files.add(download(kyso, base + "/original"));
            }
        }
        return new SignedDossier(id, citizen.get("id").toString(), files);
    }

    public KysoTestService.Part file(String name) {
        return files.stream().filter(f -> f.fileName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + files.stream().map(KysoTestService.Part::fileName).toList()));
    }

    private static KysoTestService.Part download(KysoTestService kyso, String path) {
        ApiResponse answer = kyso.get(path);
        String disposition = answer.headers().firstValue("content-disposition").orElseThrow();
        Matcher name = FILENAME.matcher(disposition);
        if (answer.status() != 200 || !name.find()) {
            throw new AssertionError("download failed: " + answer.status() + " " + disposition);
        }
        return new KysoTestService.Part(name.group(1), answer.body());
    }

    private static Map<String, Object> xml(String name, String content, String packaging, String level) {
        Map<String, Object> doc = new HashMap<>(Map.of("name", name, "contentType", "application/xml",
                "content", Base64.getEncoder().encodeToString(
                        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + content + "\n").getBytes(StandardCharsets.UTF_8))));
        Map<String, Object> options = withLevel(packaging == null ? Map.of() : Map.of("xmlPackaging", packaging), level);
        if (!options.isEmpty()) {
            doc.put("options", options);
        }
        return doc;
    }

    private static Map<String, Object> withLevel(Map<String, Object> options, String level) {
        Map<String, Object> with = new HashMap<>(options);
        if (level != null) {
            with.put("level", level);
        }
        return with;
    }
}
