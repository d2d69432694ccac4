package io.kyso.bench.report;

import io.kyso.bench.Jmh;
import io.kyso.bench.Results;
import io.kyso.bench.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headline ratios are of figures of the same run, and a run rewrites only its own part of the page. */
class PerformanceReportTest {

    @Test
    void shouldComputeTheHeadlineRatiosFromTheRunsFigures() {
        Results results = new Results();
        results.put("api.latency.10-pages", Stats.of(30));
        results.put("library." + Jmh.label("kysoPades", Map.of("key", "EC_P256", "document", "10-pages")), Stats.of(15));
        results.put("library." + Jmh.label("dssPades", Map.of("key", "EC_P256", "document", "10-pages")), Stats.of(20));
        results.put("api.throughput.xml.c4", Stats.of(500));
        results.put("api.throughput.xml.c16", Stats.of(400));
        results.put("raw." + Jmh.label("sunPkcs11", Map.of("key", "EC_P256")) + ".t2", Stats.of(1000));
        results.put("raw." + Jmh.label("hsmAdapterBcVerify", Map.of("key", "EC_P256")) + ".t2", Stats.of(800));
        results.put("csc.signHash.b20.p2", Stats.of(600));
        String table = PerformanceReport.table(results, new PerformanceReport.Run("1 1 1", 0, false).finish("2 2 2"));
        assertTrue(table.contains("| API flow / in-process library, 10-page PDF, EC P-256 | 2.00× | ≤ 3 |"), table);
        assertTrue(table.contains("| Kyso (iText) / EU DSS, in-process, 10-page PDF, EC P-256 | 0.75× | — |"), table);
        assertTrue(table.contains("(EC P-256, 2 threads) | 50.0% | — |"), table);
        assertTrue(table.contains("| CSC signHash, 20 hashes per call, 2 portals / HSM with the value check "
                + "(`hsmAdapterBcVerify`, EC P-256, 2 threads) | 75.0% | ≥ 60% |"), table);
        assertTrue(table.contains("| 20 | 2 | 600/s | 75.0% |"), table);
    }

    @Test
    void shouldReplaceOnlyTheTextBetweenTheMarkers(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("performance.md");
        Files.writeString(page, "# Title\nmethod\n" + PerformanceReport.START + "\nold figures\n" + PerformanceReport.END
                + "\nfindings\n");
        PerformanceReport.write(page, new Results(), new PerformanceReport.Run("1 1 1", 0, false).finish("2 2 2"));
        String text = Files.readString(page);
        assertTrue(text.startsWith("# Title\nmethod\n" + PerformanceReport.START + "\n"), text);
        assertTrue(text.endsWith(PerformanceReport.END + "\nfindings\n"), text);
        assertTrue(!text.contains("old figures") && text.contains("### Headline ratios"), text);
    }
}
