package io.kyso.signer.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kyso.signer.guide.PortalIntegrationGuideSnippetsTest;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.testing.ExternalTools;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.KysoService;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Repository;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal's TypeScript client generated from the contract the service serves, as
 * {@code docs/portal-integration.md} tells portals to: openapi-typescript reads {@code GET /openapi.yaml}
 * from the running service, tsc checks the portal's code ({@code src/test/typescript/portal.ts}) against
 * the generated types, and node runs it through openapi-fetch: enrollment, a signing request read back,
 * two refusals as problems, then the citizen's code and the signed PDF, which EU DSS validates. The
 * pinned tools are {@code tools/openapi} (installed by {@code scripts/test}, or here with npm); node
 * missing fails the test.
 */
@KysoService
class GeneratedTypeScriptClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TOOLS = Repository.root().resolve("tools/openapi");
    private static final Path PORTAL = Repository.root().resolve("signer-service/src/test/typescript");
    private static final Path GUIDE = Repository.root().resolve("docs/portal-integration.md");
    private static final Pattern GUIDE_BLOCK = Pattern.compile("<!-- typescript:([a-z-]+) -->\\n```typescript\\n(.*?)```\\n",
            Pattern.DOTALL);
    private static final String PHONE = "+84912345678";
    private static KysoTestService kyso;

    @Test
    void shouldEnrollSignAndReadProblemsThroughTheGeneratedClient() throws Exception {
        Path work = portalProject();
        node(work, TOOLS.resolve("node_modules/openapi-typescript/bin/cli.js").toString(),
                kyso.url(OpenApiController.PATH).toString(), "--output", "kyso.d.ts");
        node(work, TOOLS.resolve("node_modules/typescript/bin/tsc").toString(), "-p", ".");
        Path pdf = Files.write(work.resolve("giay-de-nghi.pdf"), TestPdfs.small());

        JsonNode started = node(work, "portal.js", "enroll");
        JsonNode citizen = started.path("citizen");
        assertEquals(201, citizen.path("status").asInt(), started.toString());
        assertEquals(200, kyso.get("/api/v1/citizens/" + citizen.path("id").asText()).status());
        assertTrue(citizen.path("certificate").asInt() > 0, started.toString());
        assertProblem(started.path("unknownCitizen"), 404, "citizen.not_found");
        assertProblem(started.path("malformedEnrollment"), 400, "request.malformed");
        kyso.activate(started.path("activationUrl").asText(), PHONE, null); // the citizen, on Kyso's page

        JsonNode requested = node(work, "portal.js", "request", citizen.path("id").asText(), pdf.toString());
        JsonNode request = requested.path("request");
        assertEquals(201, request.path("status").asInt(), requested.toString());
        assertEquals("AWAITING_CONFIRMATION", request.path("state").asText(), requested.toString());
        assertEquals("giay-de-nghi.pdf", request.path("documents").path(0).path("name").asText(), requested.toString());

        Path signedFile = work.resolve("giay-de-nghi-signed.pdf");
        JsonNode confirmed = node(work, "portal.js", "confirm", request.path("id").asText(), kyso.latestCode(PHONE),
                signedFile.toString());
        assertEquals("SIGNED", confirmed.path("request").path("state").asText(), confirmed.toString());
        assertEquals("application/pdf", confirmed.path("signed").path("contentType").asText(), confirmed.toString());
        byte[] signed = Files.readAllBytes(signedFile);
        assertEquals(signed.length, confirmed.path("signed").path("bytes").asInt());
        IndependentValidators.assertPadesLtValid(signed, kyso.rootCertificate(), kyso.crl(), kyso.rootCrl());
    }

    /** The guide's TypeScript is the code this test runs, and it names the versions this test uses. */
    @Test
    void shouldShowInTheGuideTheTypeScriptThatRuns() throws IOException {
        Map<String, String> regions = PortalIntegrationGuideSnippetsTest.regions(Files.readString(PORTAL.resolve("portal.ts")));
        String guide = Files.readString(GUIDE);
        List<String> shown = new ArrayList<>();
        for (Matcher m = GUIDE_BLOCK.matcher(guide); m.find(); ) {
            assertEquals(regions.get(m.group(1)), m.group(2), "the guide's typescript:" + m.group(1) + " and portal.ts");
            shown.add(m.group(1));
        }
        assertEquals(List.copyOf(regions.keySet()), shown, "every tagged region of portal.ts is in the guide, in order");
        JsonNode pinned = JSON.readTree(TOOLS.resolve("package.json").toFile()).path("dependencies");
        for (String tool : List.of("openapi-fetch", "openapi-typescript", "typescript")) {
            assertTrue(guide.contains(tool + "@" + pinned.path(tool).asText()), "the guide installs " + tool + " "
                    + pinned.path(tool).asText() + ", as tools/openapi does");
        }
    }

    private static void assertProblem(JsonNode problem, int status, String code) {
        assertEquals(status, problem.path("status").asInt(), problem.toString());
        assertTrue(problem.path("contentType").asText().startsWith(Problem.MEDIA_TYPE), problem.toString());
        assertEquals(code, problem.path("code").asText(), problem.toString());
        assertTrue(!problem.path("detail").asText().isBlank(), problem.toString());
    }

    /**
     * A fresh folder with the portal's code and the pinned tools beside it, as a portal's project would
     * have them; npm installs the tools when they are not there yet.
     */
    private static Path portalProject() throws IOException {
        ExternalTools.ensureTool("node", "nodejs");
        if (!Files.isRegularFile(TOOLS.resolve("node_modules/openapi-typescript/bin/cli.js"))) {
            ExternalTools.ensureTool("npm", "npm");
            ExternalTools.Result install = ExternalTools.runIn(TOOLS, "npm", "ci", "--no-audit", "--no-fund");
            assertEquals(0, install.exitCode(), "npm ci in " + TOOLS + ":\n" + install.output());
        }
        Path work = Path.of("target/generated-typescript-client").toAbsolutePath();
        Files.deleteIfExists(work.resolve("node_modules")); // the link only, not what it points to
        Files.createDirectories(work);
        try (Stream<Path> sources = Files.list(PORTAL)) {
            for (Path source : sources.toList()) {
                Files.copy(source, work.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createSymbolicLink(work.resolve("node_modules"), TOOLS.resolve("node_modules"));
        return work;
    }

    /** Runs node in {@code work} against the test service; its last line of output, when JSON, is the answer. */
    private static JsonNode node(Path work, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of("node"), Stream.of(args)).toList())
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().put("KYSO_URL", kyso.url("").toString().replaceAll("/$", ""));
        builder.environment().put("KYSO_API_KEY", KysoTestService.API_KEY);
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "node " + String.join(" ", args) + " did not finish");
        assertEquals(0, process.exitValue(), "node " + String.join(" ", args) + ":\n" + output);
        List<String> lines = output.lines().toList();
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return last.startsWith("{") ? JSON.readTree(last) : JSON.nullNode();
    }
}
