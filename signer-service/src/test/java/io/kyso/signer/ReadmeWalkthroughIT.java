package io.kyso.signer;

import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoTestService;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the README's two walk-throughs, exactly as written, with bash against a real service: the
 * citizen's signing (the signed PDF then checked with EU DSS; pdfsig and xmlsec1 run in the
 * walk-through itself) and the officer's verification, online and with the packaged
 * {@code kyso-verify} jar. If the README drifts from the API or the command line, this fails.
 */
class ReadmeWalkthroughIT {

    @Test
    void shouldSignAndVerifyTheDossierOfTheReadmeWalkthroughs() throws Exception {
        Path repo = repositoryRoot();
        String readme = Files.readString(repo.resolve("README.md"));
        String script = walkthrough(readme, "walkthrough") + walkthrough(readme, "verification-walkthrough");
        Path work = Files.createTempDirectory(Path.of("target"), "walkthrough-");
        Files.createDirectories(work.resolve("docs/examples"));
        for (String example : new String[] {"giay-de-nghi.pdf", "to-khai.xml"}) {
            Files.copy(repo.resolve("docs/examples").resolve(example), work.resolve("docs/examples").resolve(example));
        }
        packagedKysoVerify(repo, work);

        // reachable at its public URL, as scripts/run's service is: its audit export is sealed and timestamped there
        try (KysoTestService kyso = KysoTestService.startReachable(java.util.Map.of())) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(work.toFile()).redirectErrorStream(true);
            bash.environment().put("KYSO", kyso.url("").toString().replaceAll("/$", ""));
            bash.environment().put("KYSO_API_KEY", KysoTestService.API_KEY);
            Process process = bash.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "walk-through did not finish");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("\"status\": \"SIGNED\""), output);
            assertTrue(output.contains("Signature is Valid."), output);
            assertTrue(output.contains("OK\nSignedInfo References (ok/all): 2/2"), output);
            assertTrue(output.contains("\"verdict\": \"VALID\""), output);
            assertTrue(output.contains("DOSSIER VALID: Valid: all 2 file(s) are signed"), output);
            assertTrue(output.contains("EVIDENCE VALID") && output.contains("AUDIT CHAIN INTACT"), output);
            assertTrue(Files.readString(work.resolve("bao-cao.html")).contains("<strong>HỢP LỆ</strong>"));

            byte[] signed = Files.readAllBytes(work.resolve("giay-de-nghi-signed.pdf"));
            IndependentValidators.assertPadesLtValid(signed, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        }
    }

    /**
     * {@code scripts/kyso-verify} in the work folder runs the jar {@code mvn verify} packaged; the
     * repository's own script would also rebuild it when stale, which is not this test's business.
     */
    private static void packagedKysoVerify(Path repo, Path work) throws IOException {
        Path jar = repo.resolve("kyso-verify/target/kyso-verify.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: mvn verify packages kyso-verify before signer-service");
        Path script = Files.createDirectories(work.resolve("scripts")).resolve("kyso-verify");
        Files.writeString(script, "#!/usr/bin/env bash\nexec java -jar '" + jar + "' \"$@\"\n");
        assertTrue(script.toFile().setExecutable(true));
    }

    private static String walkthrough(String readme, String name) {
        int start = readme.indexOf("<!-- " + name + ":start -->");
        int end = readme.indexOf("<!-- " + name + ":end -->");
        assertTrue(start >= 0 && end > start, "README has no " + name + " markers");
        String block = readme.substring(start, end);
        return block.substring(block.indexOf("```bash") + "```bash".length(), block.lastIndexOf("```"));
    }

    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("hsm-adapter"))) {
                return dir;
            }
        }
        throw new IOException("repository root not found");
    }
}
