package io.kyso.signer.evidence;

import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.ExternalTools;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.SignedDossier;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.evidence.EvidenceManifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/v1/signing-requests/{id}/evidence}: a sealed ZIP that {@code kyso-verify evidence}
 * checks offline; its seal checked independently by EU DSS and {@code openssl cms}, and every kind
 * of tampering caught.
 */
@KysoService
class EvidencePackageTest {
    private static KysoTestService kyso;
    private static SignedDossier dossier;
    private static byte[] evidence;

    @TempDir
    Path dir;

    @BeforeAll
    static void signAndPackage() {
        dossier = SignedDossier.sign(kyso, "001099012399", "+84912000599");
        ApiResponse answer = kyso.get("/api/v1/signing-requests/" + dossier.requestId() + "/evidence");
        assertEquals(200, answer.status(), answer::toString);
        assertEquals("application/zip", answer.contentType());
        evidence = answer.body();
    }

    @Test
    void shouldVerifyEvidencePackageOffline() throws Exception {
        OfflineVerifier.Result result = verifyOffline(evidence);

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("EVIDENCE VALID: signing request " + dossier.requestId()), result::toString);
        assertTrue(result.out().contains("SEAL: VALID CAdES-BASELINE-B, Kyso Evidence Seal"), result::toString);
        assertTrue(result.out().contains("DOSSIER VALID"), result::toString);
    }

    @Test
    void shouldListEveryFileWithItsSha256() throws Exception {
        Map<String, byte[]> files = unzip(evidence);
        EvidenceManifest manifest = EvidenceManifest.fromJson(files.get(EvidenceManifest.MANIFEST));

        assertEquals(files.size() - 2, manifest.files().size());
        for (EvidenceManifest.Entry entry : manifest.files()) {
            assertEquals(entry.sha256(), sha256(files.get(entry.path())), entry.path());
        }
        assertEquals(List.of("ORIGINAL", "SIGNED", "ORIGINAL", "SIGNED", "ORIGINAL", "SIGNED", "AUDIT", "REVOCATION",
                "REVOCATION"), manifest.files().stream().map(e -> e.role().name()).toList());
        assertTrue(new String(files.get("audit/entries.jsonl"), StandardCharsets.UTF_8).contains("\"REQUEST_SIGNED\""));
    }

    @Test
    void shouldSealManifestSoThatDssAndOpensslAccept() throws Exception {
        Map<String, byte[]> files = unzip(evidence);
        byte[] manifest = files.get(EvidenceManifest.MANIFEST);
        byte[] seal = files.get(EvidenceManifest.SIGNATURE);

        IndependentValidators.assertDssPasses(IndependentValidators.validateCmsWithDss(seal, manifest,
                EvidenceManifest.MANIFEST, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl()), "CAdES-BASELINE-B");
        Path manifestFile = Files.write(dir.resolve("manifest.json"), manifest);
        Path sealFile = Files.write(dir.resolve("manifest.json.p7s"), seal);
        Path root = Files.writeString(dir.resolve("root.pem"), OfflineVerifier.pem(kyso.rootCertificate()));
        ExternalTools.ensureTool("openssl", "openssl");
        ExternalTools.Result openssl = ExternalTools.run("openssl", "cms", "-verify", "-binary", "-inform", "DER",
                "-in", sealFile.toString(), "-content", manifestFile.toString(), "-CAfile", root.toString(),
                "-purpose", "any", "-out", "/dev/null");
        assertEquals(0, openssl.exitCode(), openssl::output);
        assertTrue(openssl.output().contains("Verification successful"), openssl::output);
    }

    @Test
    void shouldNameChangedDocument() throws Exception {
        String pdf = "documents/1/giay-de-nghi-signed.pdf";
        byte[] tampered = rezip(evidence, pdf, bytes -> {
            byte[] copy = bytes.clone();
            copy[copy.length / 2] ^= 1;
            return copy;
        });

        assertProblem(tampered, pdf + " was changed");
    }

    /** A swapped document with the manifest "fixed" to match: the seal no longer covers the manifest. */
    @Test
    void shouldNameEditedManifestThroughItsSeal() throws Exception {
        String pdf = "documents/1/giay-de-nghi-signed.pdf";
        Map<String, byte[]> files = unzip(evidence);
        byte[] forged = TestPdfs.small();
        String manifest = new String(files.get(EvidenceManifest.MANIFEST), StandardCharsets.UTF_8)
                .replace(sha256(files.get(pdf)), sha256(forged))
                .replace("\"size\" : " + files.get(pdf).length + ",", "\"size\" : " + forged.length + ",");
        files.put(pdf, forged);
        files.put(EvidenceManifest.MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));

        assertProblem(zip(files), "the manifest's seal is not valid");
    }

    @Test
    void shouldNameFileAddedOrRemoved() throws Exception {
        Map<String, byte[]> files = unzip(evidence);
        files.put("documents/1/ghi-chu.txt", "thêm sau".getBytes(StandardCharsets.UTF_8));
        files.remove("audit/entries.jsonl");

        OfflineVerifier.Result result = verifyOffline(zip(files));

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains("documents/1/ghi-chu.txt is in the package but not in the manifest"), result::toString);
        assertTrue(result.out().contains("audit/entries.jsonl is listed in the manifest but missing"), result::toString);
    }

    @Test
    void shouldHideEvidenceFromAnotherPortal() {
        ApiResponse other = kyso.get("/api/v1/signing-requests/" + dossier.requestId() + "/evidence",
                KysoTestService.OTHER_API_KEY);

        assertEquals(404, other.status());
        assertEquals("request.not_found", other.code());
    }

    private void assertProblem(byte[] zip, String problem) throws Exception {
        OfflineVerifier.Result result = verifyOffline(zip);
        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("EVIDENCE NOT VALID"), result::toString);
        assertTrue(result.out().contains("PROBLEM: " + problem), () -> "expected '" + problem + "': " + result);
    }

    private OfflineVerifier.Result verifyOffline(byte[] zip) throws Exception {
        Path file = Files.write(dir.resolve("evidence-" + System.nanoTime() + ".zip"), zip);
        Path root = Files.writeString(dir.resolve("root.pem"), OfflineVerifier.pem(kyso.rootCertificate()));
        return OfflineVerifier.run("evidence", "--trust", root.toString(), file.toString());
    }

    private static byte[] rezip(byte[] zip, String path, UnaryOperator<byte[]> change) throws Exception {
        Map<String, byte[]> files = unzip(zip);
        files.put(path, change.apply(files.get(path)));
        return zip(files);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : new ArrayList<>(files.entrySet())) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
