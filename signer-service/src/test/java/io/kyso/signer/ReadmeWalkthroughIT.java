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
 * Runs the README's walk-through, exactly as written, with bash against a real service, and checks
 * the signed PDF it downloads with EU DSS (pdfsig and xmlsec1 run in the walk-through itself). If
 * the README drifts from the API, this fails.
 */
class ReadmeWalkthroughIT {

    @Test
    void shouldSignTheDossierOfTheReadmeWalkthrough() throws Exception {
        Path repo = repositoryRoot();
        String script = walkthrough(Files.readString(repo.resolve("README.md")));
        Path work = Files.createTempDirectory(Path.of("target"), "walkthrough-");
        Files.createDirectories(work.resolve("docs/examples"));
        for (String example : new String[] {"giay-de-nghi.pdf", "to-khai.xml"}) {
            Files.copy(repo.resolve("docs/examples").resolve(example), work.resolve("docs/examples").resolve(example));
        }

        try (KysoTestService kyso = KysoTestService.start()) {
            ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(work.toFile()).redirectErrorStream(true);
            bash.environment().put("KYSO", kyso.url("").toString().replaceAll("/$", ""));
            bash.environment().put("KYSO_API_KEY", KysoTestService.API_KEY);
            Process process = bash.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "walk-through did not finish");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("\"status\": \"SIGNED\""), output);
            assertTrue(output.contains("Signature is Valid."), output);
            assertTrue(output.contains("OK\nSignedInfo References (ok/all): 2/2"), output);

            byte[] signed = Files.readAllBytes(work.resolve("giay-de-nghi-signed.pdf"));
            IndependentValidators.assertPadesBaselineBValid(signed, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
        }
    }

    private static String walkthrough(String readme) {
        int start = readme.indexOf("<!-- walkthrough:start -->");
        int end = readme.indexOf("<!-- walkthrough:end -->");
        assertTrue(start >= 0 && end > start, "README has no walk-through markers");
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
