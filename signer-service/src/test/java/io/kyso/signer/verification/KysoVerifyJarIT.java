package io.kyso.signer.verification;

import eu.europa.esig.dss.enumerations.SignatureLevel;
import io.kyso.signer.testing.ApiResponse;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.KysoTestService.Part;
import io.kyso.signer.testing.OfflineVerifier;
import io.kyso.signer.testing.SignedDossier;
import io.kyso.verification.testing.LongTermSigner;
import io.kyso.verification.testing.RevocationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged command line, {@code java -jar kyso-verify/target/kyso-verify.jar}, in a process of its
 * own with no service behind it, on a dossier and an evidence package Kyso produced, and with
 * {@code --online} against a loopback OCSP responder (what the merged jar needs to fetch is in it).
 */
class KysoVerifyJarIT {
    private static final Path JAR = Path.of("..", "kyso-verify", "target", "kyso-verify.jar");
    private static KysoTestService kyso;
    private static SignedDossier dossier;

    @TempDir
    Path dir;

    @BeforeAll
    static void signDossier() {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR.toAbsolutePath() + " is missing: mvn verify packages kyso-verify before this module");
        }
        kyso = KysoTestService.start();
        dossier = SignedDossier.sign(kyso, "001099012801", "+84912000801");
    }

    @AfterAll
    static void stop() {
        kyso.close();
    }

    private record Run(int exitCode, String output) {
    }

    @Test
    void shouldVerifyKysoSignedDossierValidWithTheJar() throws Exception {
        List<String> args = OfflineVerifier.trustOf(kyso, dir);
        for (Part file : dossier.files()) {
            args.add(Files.write(dir.resolve(file.fileName()), file.content()).toString());
        }

        Run run = java(args);

        assertEquals(0, run.exitCode(), run::output);
        assertTrue(run.output().contains("DOSSIER VALID: Valid: all 4 file(s) are signed and all 3 signature(s) are valid."),
                run::output);
    }

    @Test
    void shouldVerifyEvidencePackageWithTheJar() throws Exception {
        ApiResponse evidence = kyso.get("/api/v1/signing-requests/" + dossier.requestId() + "/evidence");
        Path zip = Files.write(dir.resolve("evidence.zip"), evidence.body());
        Path root = Files.writeString(dir.resolve("root.pem"), OfflineVerifier.pem(kyso.rootCertificate()));

        Run run = java(List.of("evidence", "--trust", root.toString(), zip.toString()));

        assertEquals(0, run.exitCode(), run::output);
        assertTrue(run.output().contains("EVIDENCE VALID"), run::output);
    }

    @Test
    void shouldFetchRevocationDataOnlineWithTheJar() throws Exception {
        try (RevocationServer server = RevocationServer.start()) {
            Path pdf = Files.write(dir.resolve("don.pdf"),
                    new LongTermSigner(server).pades(SignatureLevel.PAdES_BASELINE_T).content());
            Path root = Files.writeString(dir.resolve("test-root.pem"), OfflineVerifier.pem(server.pki().root().certificate()));

            Run run = java(List.of("--trust", root.toString(), "--online", pdf.toString()));

            assertEquals(0, run.exitCode(), run::output);
            assertTrue(run.output().contains("  FETCHED: OCSP " + server.base() + "/ocsp (answered)"), run::output);
            assertTrue(server.requests().contains("POST /ocsp"), () -> server.requests().toString());
        }
    }

    private static Run java(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}
