package io.kyso.bench.report;

import io.kyso.bench.Jmh;
import io.kyso.bench.MachineInfo;
import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The results table of one run, written between two markers of docs/performance.md (the hand-written
 * method and findings around it stay), and printed. Every ratio is of two figures of this run.
 */
public final class PerformanceReport {
    /** How the API figures upload documents, as the table says. */
    static final String UPLOAD = io.kyso.bench.api.ApiBenchmarks.UPLOAD == io.kyso.bench.api.DocumentUpload.MULTIPART
            ? "multipart" : "JSON, base64";
    static final String START = "<!-- bench:results:start -->";
    static final String END = "<!-- bench:results:end -->";

    private PerformanceReport() {
    }

    /** When the run started and ended, and the machine's load at both ends. */
    public record Run(String loadStart, long startMillis, boolean quick, String loadEnd, long endMillis) {
        public Run(String loadStart, long startMillis, boolean quick) {
            this(loadStart, startMillis, quick, null, 0);
        }

        public Run finish(String load) {
            return new Run(loadStart, startMillis, quick, load, System.currentTimeMillis());
        }
    }

    /** Writes the table into {@code file} (created if missing) and returns it. */
    public static String write(Path file, Results results, Run run) throws IOException {
        String table = table(results, run);
        String doc = Files.exists(file) ? Files.readString(file) : "# Kyso performance\n\n" + START + "\n" + END + "\n";
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        if (start < 0 || end < start) {
            doc = doc + "\n" + START + "\n" + END + "\n";
            start = doc.indexOf(START);
            end = doc.indexOf(END);
        }
        Files.writeString(file, doc.substring(0, start + START.length()) + "\n" + table + doc.substring(end));
        return table;
    }

    static String table(Results r, Run run) {
        StringBuilder s = new StringBuilder();
        s.append(run.quick() ? "**Smoke run (kyso.bench.quick): budgets too small for the figures to mean anything.**\n\n" : "");
        s.append("Run of ").append(Instant.ofEpochMilli(run.startMillis()).truncatedTo(ChronoUnit.SECONDS))
                .append(", ").append((run.endMillis() - run.startMillis()) / 60000).append(" min. Machine: ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ").append(MachineInfo.cpuModel())
                .append(", ").append(MachineInfo.memory()).append("; ").append(MachineInfo.jdk()).append("; ")
                .append("SoftHSM2 ").append(MachineInfo.softHsmVersion()).append(". Load average (1/5/15 min) at start ")
                .append(run.loadStart()).append(", at end ").append(run.loadEnd())
                .append(" (the machine is shared with other builds: compare ratios, not absolute figures).\n\n");

        for (String section : new String[] {"raw", "library", "api", "levels", "compare", "csc", "heap", "citizens"}) {
            r.noteOf("failed." + section).ifPresent(why -> s.append("**Section ").append(section).append(" failed:** ")
                    .append(why).append("\n\n"));
        }
        headline(s, r);
        hsm(s, r);
        batches(s, r);
        library(s, r);
        api(s, r);
        levels(s, r);
        compare(s, r);
        csc(s, r);
        heap(s, r);
        citizens(s, r);
        return s.toString();
    }

    private static void headline(StringBuilder s, Results r) {
        s.append("### Headline ratios (same run)\n\n| ratio | value | target |\n|---|---|---|\n");
        Optional<Double> apiSmall = r.median("api.latency.10-pages");
        Optional<Double> libSmall = r.median(lib("kysoPades", "EC_P256", "10-pages"));
        s.append("| API flow / in-process library, 10-page PDF, EC P-256 | ")
                .append(ratio(apiSmall, libSmall)).append(" | ≤ 3 |\n");
        s.append("| flows per second at 16 portals, this commit / the previous one (same run) | ")
                .append(ratio(r.median("compare.10-pages.throughput.c16.current"),
                        r.median("compare.10-pages.throughput.c16.previous"))).append(" | ≥ 3 |\n");
        s.append("| Kyso (iText) / EU DSS, in-process, 10-page PDF, EC P-256 | ")
                .append(ratio(libSmall, r.median(lib("dssPades", "EC_P256", "10-pages")))).append(" | — |\n");
        Optional<Double> apiRate = best(r, "api.throughput.xml");
        Optional<Double> rawRate = r.median("raw." + Jmh.label("sunPkcs11", Map.of("key", "EC_P256")) + ".t2");
        s.append("| API signature rate (small XML, best of 1/4/16 portals) / raw HSM rate (EC P-256, 2 threads) | ")
                .append(percent(apiRate, rawRate)).append(" | — |\n");
        s.append("| B-LT flow / B-B flow, 10-page PDF, EC P-256 (API, 1 portal) | ")
                .append(ratio(r.median("api.level.10-pages.B-LT"), r.median("api.level.10-pages.B-B"))).append(" | ≤ 1.5 |\n");
        for (int batch : new int[] {20, 200}) {
            s.append("| CSC signHash, ").append(batch).append(" hashes per call, 2 portals / HSM with the value check ")
                    .append("(`hsmAdapterBcVerify`, EC P-256, 2 threads) | ")
                    .append(percent(r.median("csc.signHash.b" + batch + ".p2"), bcRate(r, 2))).append(" | ≥ 60% |\n");
        }
        s.append("\n");
    }

    private static void levels(StringBuilder s, Results r) {
        s.append("\n### Long-term levels: the API flow at B-B, B-T, B-LT and B-LTA (1 portal, EC P-256, Kyso's own TSA and OCSP over loopback)\n\n")
                .append("| document | level | flow | / B-B | confirm (signing) | / B-B |\n|---|---|---|---|---|---|\n");
        for (String doc : new String[] {"10-pages", "xml"}) {
            Optional<Double> basic = r.median("api.level." + doc + ".B-B");
            Optional<Double> basicConfirm = r.median("api.level." + doc + ".B-B.confirm");
            for (String level : io.kyso.bench.api.LevelBenchmarks.LEVELS) {
                String id = "api.level." + doc + "." + level;
                s.append("| ").append(doc.equals("xml") ? "small XML" : doc + " PDF").append(" | ").append(level).append(" | ")
                        .append(num(r.median(id), " ms")).append(spread(r.get(id), " ms")).append(" | ")
                        .append(ratio(r.median(id), basic)).append(" | ").append(num(r.median(id + ".confirm"), " ms"))
                        .append(" | ").append(ratio(r.median(id + ".confirm"), basicConfirm)).append(" |\n");
            }
        }
    }

    /** The previous commit against this one (and this one without flushed commits), measured in turns. */
    private static void compare(StringBuilder s, Results r) {
        Optional<Double> before = r.median("compare.10-pages.latency.previous");
        if (before.isEmpty()) {
            return;
        }
        Optional<Double> now = r.median("compare.10-pages.latency.current");
        Optional<Double> unflushed = r.median("compare.10-pages.latency.unflushed");
        String c = ".throughput.c16.";
        Optional<Double> rateBefore = r.median("compare.10-pages" + c + "previous");
        Optional<Double> rateNow = r.median("compare.10-pages" + c + "current");
        Optional<Double> rateUnflushed = r.median("compare.10-pages" + c + "unflushed");
        s.append("\n### Before and after, side by side (10-page PDF, EC P-256, ").append(UPLOAD)
                .append("; previous = ").append(r.noteOf("compare.baseline").orElse("?"))
                .append(", built in a worktree of its own; medians of the turns)\n\n")
                .append("| build | flow latency, 1 portal | / previous | flows per second, 16 portals | / previous |\n")
                .append("|---|---|---|---|---|\n")
                .append("| previous commit | ").append(num(before, " ms")).append(" | 1 | ").append(num(rateBefore, "/s"))
                .append(" | 1 |\n")
                .append("| this commit | ").append(num(now, " ms")).append(" | ").append(ratio(now, before)).append(" | ")
                .append(num(rateNow, "/s")).append(" | ").append(ratio(rateNow, rateBefore)).append(" |\n")
                .append("| this commit, commits not flushed (`kyso.dev.unsafe-commits`) | ").append(num(unflushed, " ms"))
                .append(" | ").append(ratio(unflushed, before)).append(" | ").append(num(rateUnflushed, "/s")).append(" | ")
                .append(ratio(rateUnflushed, rateBefore)).append(" |\n\n")
                .append("The price of durability in this run: latency × ").append(ratio(now, unflushed))
                .append(", throughput × ").append(ratio(rateNow, rateUnflushed)).append(".\n");
    }

    private static void hsm(StringBuilder s, Results r) {
        s.append("### HSM signatures per second (SoftHSM2, SHA-256 digest, JMH)\n\n")
                .append("| key | threads | SunPKCS11 direct | `signDigest`, JDK verifier (adapter default) | / direct ")
                .append("| `signDigest`, Bouncy Castle verifier (as signer-service opens it) | / direct ")
                .append("| wrapped key, unwrapped per signature (citizens' keys), Bouncy Castle verifier | / direct | JDK verify alone |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String key : new String[] {"EC_P256", "RSA_2048"}) {
            for (int t = 1; t <= 2; t++) {
                Optional<Double> raw = r.median("raw." + Jmh.label("sunPkcs11", Map.of("key", key)) + ".t" + t);
                Optional<Double> adapter = r.median("raw." + Jmh.label("hsmAdapter", Map.of("key", key)) + ".t" + t);
                Optional<Double> bc = r.median("raw." + Jmh.label("hsmAdapterBcVerify", Map.of("key", key)) + ".t" + t);
                Optional<Double> wrapped = r.median("raw." + Jmh.label("hsmAdapterWrapped", Map.of("key", key)) + ".t" + t);
                Optional<Double> verify = r.median("raw." + Jmh.label("jdkVerify", Map.of("key", key)) + ".t" + t);
                s.append("| ").append(key).append(" | ").append(t).append(" | ").append(num(raw, "/s")).append(" | ")
                        .append(num(adapter, "/s")).append(" | ").append(percent(adapter, raw)).append(" | ")
                        .append(num(bc, "/s")).append(" | ").append(percent(bc, raw)).append(" | ")
                        .append(num(wrapped, "/s")).append(" | ").append(percent(wrapped, raw)).append(" | ")
                        .append(num(verify, "/s")).append(" |\n");
            }
        }
    }

    /** Batch rates as signatures per second (batch size x calls per second), against one call per signature. */
    private static void batches(StringBuilder s, Results r) {
        s.append("\n### Batches of SHA-256 digests, one key per call (`signDigests`, Bouncy Castle verifier, JMH)\n\n")
                .append("| key | threads | digests per batch | stored key, signatures/s | / `signDigest` one by one ")
                .append("| wrapped key (one unwrap per batch), signatures/s | / `signDigest` one by one |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String key : new String[] {"EC_P256", "RSA_2048"}) {
            for (int t = 1; t <= 2; t++) {
                Optional<Double> single = r.median("raw." + Jmh.label("hsmAdapterBcVerify", Map.of("key", key)) + ".t" + t);
                for (int size : new int[] {1, 20, 200}) {
                    Map<String, String> params = Map.of("key", key, "batch", String.valueOf(size));
                    Optional<Double> stored = r.median("raw." + Jmh.label("storedKeyBatch", params) + ".t" + t)
                            .map(calls -> calls * size);
                    Optional<Double> wrapped = r.median("raw." + Jmh.label("wrappedKeyBatch", params) + ".t" + t)
                            .map(calls -> calls * size);
                    s.append("| ").append(key).append(" | ").append(t).append(" | ").append(size).append(" | ")
                            .append(num(stored, "/s")).append(" | ").append(percent(stored, single)).append(" | ")
                            .append(num(wrapped, "/s")).append(" | ").append(percent(wrapped, single)).append(" |\n");
                }
            }
        }
    }

    private static void library(StringBuilder s, Results r) {
        s.append("\n### In-process signing, ms per document (JMH, file to file)\n\n")
                .append("| document | key | Kyso `PadesSigner` (iText 9.4) | EU DSS 6.3 (PDFBox) | Kyso / DSS |\n|---|---|---|---|---|\n");
        for (String doc : new String[] {"10-pages", "5-MB"}) {
            for (String key : new String[] {"EC_P256", "RSA_2048"}) {
                Optional<Double> kyso = r.median(lib("kysoPades", key, doc));
                Optional<Double> dss = r.median(lib("dssPades", key, doc));
                s.append("| ").append(doc).append(" PDF | ").append(key).append(" | ").append(num(kyso, " ms")).append(" | ")
                        .append(num(dss, " ms")).append(" | ").append(ratio(kyso, dss)).append(" |\n");
            }
        }
        s.append("| small XML (XAdES) | EC_P256 | ").append(num(r.median(lib("kysoXades", "EC_P256", "xml")), " ms"))
                .append(" (`XadesSigner`) | — | — |\n");
    }

    private static void api(StringBuilder s, Results r) {
        s.append("\n### Full API flow over HTTP: create + confirm + download (service in its own JVM, EC P-256 citizens, upload ")
                .append(UPLOAD).append(")\n\n")
                .append("| document | latency, 1 portal | in-process library | API / library | flows/s, 1 portal | 4 portals | 16 portals |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (String doc : new String[] {"10-pages", "5-MB", "xml"}) {
            Optional<Double> latency = r.median("api.latency." + doc);
            Optional<Double> library = r.median(doc.equals("xml") ? lib("kysoXades", "EC_P256", "xml") : lib("kysoPades", "EC_P256", doc));
            s.append("| ").append(doc.equals("xml") ? "small XML" : doc + " PDF").append(" | ").append(num(latency, " ms"))
                    .append(" | ").append(num(library, " ms")).append(" | ").append(ratio(latency, library));
            for (int c : new int[] {1, 4, 16}) {
                s.append(" | ").append(num(r.median("api.throughput." + doc + ".c" + c), "/s"));
            }
            s.append(" |\n");
        }

        s.append("\nPer call, 1 portal (medians): ");
        for (String doc : new String[] {"10-pages", "5-MB", "xml"}) {
            String p = "api.latency." + doc;
            s.append(doc.equals("xml") ? "small XML" : doc + " PDF").append(" create ").append(num(r.median(p + ".create"), " ms"))
                    .append(", confirm (signing) ").append(num(r.median(p + ".confirm"), " ms")).append(", download ")
                    .append(num(r.median(p + ".download"), " ms")).append(doc.equals("xml") ? ".\n" : "; ");
        }
    }

    /** signHash through the CSC API against the HSM's own rate with the value check, same run. */
    private static void csc(StringBuilder s, Results r) {
        s.append("\n### Hash signing through the CSC API (signatures/signHash over HTTP, EC P-256 citizens, wrapped keys)\n\n")
                .append("| hashes per call | portals | signatures/s | / HSM with the value check (`hsmAdapterBcVerify`, ")
                .append("as many threads) |\n|---|---|---|---|\n");
        for (int batch : io.kyso.bench.api.CscHashRate.BATCHES) {
            for (int portals : io.kyso.bench.api.CscHashRate.PORTALS) {
                Optional<Double> rate = r.median("csc.signHash.b" + batch + ".p" + portals);
                s.append("| ").append(batch).append(" | ").append(portals).append(" | ").append(num(rate, "/s"))
                        .append(spread(r.get("csc.signHash.b" + batch + ".p" + portals), "/s")).append(" | ")
                        .append(percent(rate, bcRate(r, portals))).append(" |\n");
            }
        }
    }

    private static Optional<Double> bcRate(Results r, int threads) {
        return r.median("raw." + Jmh.label("hsmAdapterBcVerify", Map.of("key", "EC_P256")) + ".t" + threads);
    }

    private static void heap(StringBuilder s, Results r) {
        s.append("\n### Large PDFs with -Xmx256m (service JVM through the API; or the signing path alone)\n\n| PDF | outcome | max live heap after GC (median, min..max of the runs) | max heap before GC (median) |\n|---|---|---|---|\n");
        for (String size : new String[] {"5MB", "10MB", "14MB", "25MB", "50MB", "100MB", "path.10MB", "path.100MB"}) {
            String id = "heap." + size;
            if (r.noteOf(id).isEmpty()) {
                continue;
            }
            String what = size.startsWith("path.") ? size.substring(5) + ", stored file: inspection + signing only" : size + " through the API (" + UPLOAD + ")";
            s.append("| ").append(what).append(" | ").append(r.noteOf(id).get()).append(" | ")
                    .append(num(r.median(id + ".liveMiB"), " MiB")).append(spread(r.get(id + ".liveMiB"), " MiB")).append(" | ")
                    .append(num(r.median(id + ".usedMiB"), " MiB")).append(" |\n");
        }
    }

    private static void citizens(StringBuilder s, Results r) {
        s.append("\n### Signing latency and enrolled citizens (10-page PDF, API flow, 1 portal; keys wrapped, the default)\n\n")
                .append("| figure | value |\n|---|---|\n")
                .append("| latency with 10 citizens | ").append(num(r.median("citizens.latency.10"), " ms")).append(" |\n")
                .append("| citizens enrolled through the API (real HSM key pairs, wrapped; certificates) | ")
                .append(num(r.median("citizens.enrolled"), "")).append(" in ")
                .append(num(r.median("citizens.enrollSeconds"), " s")).append(" |\n")
                .append("| latency with that many | ").append(num(r.median("citizens.latency.N"), " ms")).append(" |\n")
                .append("| latency with that many / with 10 | ")
                .append(ratio(r.median("citizens.latency.N"), r.median("citizens.latency.10"))).append(" |\n")
                .append("| enrollments/s, first tenth → last tenth | ").append(num(r.median("citizens.enrollPerSecond.first"), "/s"))
                .append(" → ").append(num(r.median("citizens.enrollPerSecond.last"), "/s")).append(" |\n")
                .append("| fit of the time per enrollment against N | ").append(r.noteOf("citizens.enrollFit").orElse("—")).append(" |\n")
                .append("| restart with that many citizens (until ready) | ").append(num(r.median("citizens.restartMillis"), " ms"))
                .append(spread(r.get("citizens.restartMillis"), " ms")).append(" |\n")
                .append("| first flow after the restart | ").append(num(r.median("citizens.firstFlowAfterRestartMillis"), " ms")).append(" |\n")
                .append("| latency after the restart | ").append(num(r.median("citizens.latency.N.afterRestart"), " ms")).append(" |\n");
    }

    /** " (min..max of n)" for a figure of several runs; nothing for one run or none. */
    static String spread(Optional<Stats> stats, String unit) {
        return stats.filter(x -> x.runs() > 1).map(x -> " (" + num(Optional.of(x.min()), "") + ".."
                + num(Optional.of(x.max()), unit) + " of " + x.runs() + ")").orElse("");
    }

    private static String lib(String method, String key, String doc) {
        return "library." + Jmh.label(method, Map.of("key", key, "document", doc));
    }

    private static Optional<Double> best(Results r, String prefix) {
        return java.util.stream.IntStream.of(1, 4, 16).mapToObj(c -> r.get(prefix + ".c" + c)).flatMap(Optional::stream)
                .map(Stats::median).max(Double::compare);
    }

    static String num(Optional<Double> value, String unit) {
        return value.map(v -> (v >= 100 ? String.format("%,.0f", v) : v >= 10 ? String.format("%.1f", v)
                : String.format("%.2f", v)) + unit).orElse("—");
    }

    static String ratio(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? String.format("%.2f×", a.get() / b.get()) : "—";
    }

    static String percent(Optional<Double> a, Optional<Double> b) {
        return a.isPresent() && b.isPresent() ? String.format("%.1f%%", 100 * a.get() / b.get()) : "—";
    }
}
