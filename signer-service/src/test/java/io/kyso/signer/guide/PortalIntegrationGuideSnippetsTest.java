package io.kyso.signer.guide;

import io.kyso.signer.testing.Repository;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented code is the tested code: every {@code <!-- snippet:name -->} block of
 * {@code docs/portal-integration.md} and of the README must equal the region {@code tag::name[]} …
 * {@code end::name[]} of {@link PortalIntegrationGuideTest}, and every region must be shown in one of
 * them. After changing the test, {@code -Dkyso.docs.update=true} copies the regions into the documents.
 */
public class PortalIntegrationGuideSnippetsTest {
    private static final List<Path> DOCUMENTS = List.of(Repository.root().resolve("docs/portal-integration.md"),
            Repository.root().resolve("README.md"));
    private static final Path SOURCE = Repository.root()
            .resolve("signer-service/src/test/java/io/kyso/signer/guide/PortalIntegrationGuideTest.java");
    private static final Pattern REGION = Pattern.compile("(?m)^[ \\t]*// tag::([a-z-]+)\\[]\\n(.*?)^[ \\t]*// end::\\1\\[]\\n",
            Pattern.DOTALL);
    private static final Pattern BLOCK = Pattern.compile("<!-- snippet:([a-z-]+) -->\\n```java\\n(.*?)```\\n", Pattern.DOTALL);

    @Test
    void shouldShowExactlyTheCodeThatTheGuideTestRuns() throws IOException {
        Map<String, String> regions = regions(Files.readString(SOURCE));
        Set<String> shown = new HashSet<>();
        for (Path document : DOCUMENTS) {
            String text = Files.readString(document);
            if (Boolean.getBoolean("kyso.docs.update")) {
                text = update(text, regions);
                Files.writeString(document, text);
            }
            for (Matcher m = BLOCK.matcher(text); m.find(); ) {
                String name = m.group(1);
                assertTrue(regions.containsKey(name), document.getFileName() + " shows snippet '" + name
                        + "', which the test does not have");
                assertEquals(regions.get(name), m.group(2), "snippet '" + name + "' of " + document.getFileName()
                        + " differs from the test; run with -Dkyso.docs.update=true");
                shown.add(name);
            }
        }
        assertEquals(regions.keySet(), shown, "every tagged region of the test is shown");
    }

    @Test
    void shouldFindTheRegionsItCompares() throws IOException {
        assertTrue(regions(Files.readString(SOURCE)).keySet().containsAll(
                List.of("client", "enroll", "activate", "request", "confirm", "webhook", "download", "errors",
                        "readme")));
    }

    /** Each region with its common indentation removed (also of the TypeScript portal, GeneratedTypeScriptClientIT). */
    public static Map<String, String> regions(String source) {
        Map<String, String> regions = new LinkedHashMap<>();
        for (Matcher m = REGION.matcher(source); m.find(); ) {
            regions.put(m.group(1), dedent(m.group(2)));
        }
        return regions;
    }

    private static String dedent(String code) {
        List<String> lines = new ArrayList<>(code.lines().toList());
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static String update(String guide, Map<String, String> regions) {
        Matcher m = BLOCK.matcher(guide);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String code = regions.getOrDefault(m.group(1), m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement("<!-- snippet:" + m.group(1) + " -->\n```java\n" + code + "```\n"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
