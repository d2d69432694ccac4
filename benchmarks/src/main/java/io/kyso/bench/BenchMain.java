package io.kyso.bench;

import io.kyso.bench.api.ApiBenchmarks;
import io.kyso.bench.api.CitizenScaling;
import io.kyso.bench.api.CompareBenchmark;
import io.kyso.bench.api.CscHashRate;
import io.kyso.bench.api.CscPortal;
import io.kyso.bench.api.DocumentUpload;
import io.kyso.bench.api.HeapBenchmark;
import io.kyso.bench.api.LevelBenchmarks;
import io.kyso.bench.api.ServiceProcess;
import io.kyso.bench.hsm.BenchToken;
import io.kyso.bench.library.BenchDocuments;
import io.kyso.bench.library.LibrarySigningBenchmark;
import io.kyso.bench.report.PerformanceReport;
import io.kyso.hsm.testing.SoftHsm;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/bench}: every figure of docs/performance.md in one run on one machine, so that the
 * ratios compare numbers measured side by side under the same load. Settings (system properties):
 * {@code kyso.bench.sections} (raw,library,api,levels,compare,csc,heap,citizens), {@code kyso.bench.quick} (a smoke run
 * with tiny budgets, not for the report), {@code kyso.bench.enroll-seconds} (enrollment through the API),
 * {@code kyso.bench.fill-seconds} (keys added straight to the token), {@code kyso.bench.heap-sizes} (MB),
 * {@code kyso.bench.profile} (a flight recording of the services).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(System.getProperty("kyso.bench.work", "benchmarks/target/bench")).toAbsolutePath();
        Path report = Path.of(System.getProperty("kyso.bench.report", "docs/performance.md"));
        boolean quick = Boolean.getBoolean("kyso.bench.quick");
        Set<String> sections = Set.of(System.getProperty("kyso.bench.sections",
                "raw,library,api,levels,compare,csc,heap,citizens").split(","));
        Files.createDirectories(work);
        Results results = new Results();
        PerformanceReport.Run run = new PerformanceReport.Run(MachineInfo.loadAverage(), System.currentTimeMillis(), quick);

        // the token first: SoftHSM2 sees only the tokens that exist when a process loads it
        BenchToken token = BenchToken.create();
        Path documents = work.resolve("documents");
        for (String name : List.of("10-pages", "5-MB", "xml")) {
            BenchDocuments.file(documents, name);
        }
        List<String> forkArgs = new ArrayList<>(token.systemProperties());
        forkArgs.addAll(List.of("-D" + LibrarySigningBenchmark.DOCUMENTS_PROPERTY + "=" + documents, "-Xmx1g",
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"));

        if (sections.contains("raw")) {
            section(results, "raw", () -> raw(results, quick ? new Jmh(1, 2, TimeValue.milliseconds(500), forkArgs)
                    : new Jmh(3, 5, TimeValue.seconds(1), forkArgs)));
        }
        if (sections.contains("library")) {
            section(results, "library", () -> library(results, quick ? new Jmh(1, 2, TimeValue.seconds(1), forkArgs)
                    : new Jmh(3, 5, TimeValue.seconds(2), forkArgs)));
        }
        List<String> serviceJvm = new ArrayList<>(List.of("-Xmx1g"));
        if (Boolean.getBoolean("kyso.bench.profile")) {
            // a flight recording of the API section's service, for `jfr print --events jdk.ExecutionSample`
            serviceJvm.add("-XX:StartFlightRecording=filename=" + work.resolve("service.jfr") + ",settings=profile");
        }
        ServiceProcess.Launch launch = new ServiceProcess.Launch(System.getProperty("kyso.bench.service-classpath"),
                SoftHsm.library().toString(), serviceJvm, Map.of());
        // the API, heap and citizens figures are of B-B flows, as the in-process library figures they
        // are compared with; what the long-term levels add is measured apart ("levels")
        Map<String, DocumentUpload.BenchDocument> uploads = new LinkedHashMap<>();
        uploads.put("10-pages", DocumentUpload.BenchDocument.of(BenchDocuments.file(documents, "10-pages"), "application/pdf")
                .atLevel("B-B"));
        uploads.put("xml", DocumentUpload.BenchDocument.of(BenchDocuments.file(documents, "xml"), "application/xml")
                .atLevel("B-B"));
        uploads.put("5-MB", DocumentUpload.BenchDocument.of(BenchDocuments.file(documents, "5-MB"), "application/pdf")
                .atLevel("B-B"));
        if (sections.contains("api")) {
            System.out.println("== API flow over HTTP (service in its own JVM)");
            ApiBenchmarks.Budget budget = quick
                    ? new ApiBenchmarks.Budget(Duration.ofSeconds(1), 3, 5, Duration.ofSeconds(1), 2, Duration.ofSeconds(1))
                    : new ApiBenchmarks.Budget(Duration.ofSeconds(15), 10, 40, Duration.ofSeconds(3), 5, Duration.ofSeconds(2));
            section(results, "api", () -> {
                try (ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(work, "api-"), launch)) {
                    new ApiBenchmarks(service, results, budget).run(uploads);
                }
            });
        }
        if (sections.contains("levels")) {
            System.out.println("== What B-T, B-LT and B-LTA cost next to B-B (API flow)");
            section(results, "levels", () -> {
                try (ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(work, "levels-"), launch)) {
                    Map<String, DocumentUpload.BenchDocument> byLevel = new LinkedHashMap<>();
                    byLevel.put("10-pages", uploads.get("10-pages"));
                    byLevel.put("xml", uploads.get("xml"));
                    new LevelBenchmarks(service, results, quick ? 2 : 8, quick ? 2 : 5).run(byLevel);
                }
            });
        }
        String baseline = System.getProperty("kyso.bench.baseline-classpath");
        if (sections.contains("compare") && baseline != null) {
            System.out.println("== Before/after: the previous commit, this one, and this one without flushed commits");
            CompareBenchmark.Budget budget = quick
                    ? new CompareBenchmark.Budget(1, Duration.ofSeconds(1), 3, Duration.ofSeconds(2), 4)
                    : new CompareBenchmark.Budget(3, Duration.ofSeconds(3), 20, Duration.ofSeconds(10), 16);
            List<CompareBenchmark.Variant> variants = List.of(
                    new CompareBenchmark.Variant("previous", new ServiceProcess.Launch(baseline, launch.library(),
                            launch.jvmArgs(), launch.env())),
                    new CompareBenchmark.Variant("current", launch),
                    new CompareBenchmark.Variant("unflushed", new ServiceProcess.Launch(launch.classpath(),
                            launch.library(), launch.jvmArgs(), Map.of("KYSO_DEV_UNSAFE_COMMITS", "true"))));
            results.note("compare.baseline", System.getProperty("kyso.bench.baseline-revision", "?"));
            section(results, "compare", () -> new CompareBenchmark(results, budget, work)
                    .run(variants, uploads.get("10-pages"), "10-pages"));
        }
        if (sections.contains("csc")) {
            System.out.println("== CSC API signHash, signatures per second (service in its own JVM)");
            List<String> cscJvm = new ArrayList<>(serviceJvm);
            cscJvm.add("-Dkyso.csc.clients.dev-portal.redirect-uris=" + CscPortal.REDIRECT_URI);
            ServiceProcess.Launch csc = new ServiceProcess.Launch(launch.classpath(), launch.library(), cscJvm, launch.env());
            section(results, "csc", () -> {
                try (ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(work, "csc-"), csc)) {
                    new CscHashRate(service, results, quick ? 1 : 5, quick ? 1 : 3).run();
                }
            });
        }
        if (sections.contains("heap")) {
            System.out.println("== Peak heap, large PDFs through the API");
            String sizes = System.getProperty("kyso.bench.heap-sizes", quick ? "10" : "10,50,100");
            HeapBenchmark heap = new HeapBenchmark(launch, work, results, token.systemProperties(), quick ? 1 : 3);
            section(results, "heap", () -> {
                heap.run(Arrays.stream(sizes.split(",")).map(Integer::valueOf).toList());
                heap.probeSigningPath(quick ? 10 : 100);
            });
        }
        if (sections.contains("citizens")) {
            System.out.println("== Signing latency with 10 and with N enrolled citizens");
            long seconds = Long.getLong("kyso.bench.enroll-seconds", quick ? 10 : 900);
            int target = Integer.getInteger("kyso.bench.citizens", quick ? 200 : 100_000);
            int threads = Integer.getInteger("kyso.bench.enroll-threads", 4);
            section(results, "citizens", () -> {
                try (ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(work, "citizens-"), launch)) {
                    new CitizenScaling(service, results, uploads.get("10-pages"), quick ? 5 : 30,
                            Duration.ofSeconds(quick ? 2 : 45))
                            .run(Duration.ofSeconds(seconds), threads, target);
                }
            });
        }
        String table = PerformanceReport.write(report, results, run.finish(MachineInfo.loadAverage()));
        System.out.println();
        System.out.println(table);
    }

    /** A part of the run; its failure is reported in the table and the other parts still run. */
    @FunctionalInterface
    private interface Section {
        void run() throws Exception;
    }

    private static void section(Results results, String name, Section section) {
        try {
            section.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            results.note("failed." + name, e.toString());
        }
    }

    private static void raw(Results results, Jmh jmh) {
        System.out.println("== HSM signatures per second (JMH)");
        for (int threads : new int[] {1, 2}) {
            Map<String, Stats> figures = jmh.run("(RawSigningBenchmark|BatchSigningBenchmark)", Map.of(), threads,
                    Mode.Throughput, TimeUnit.SECONDS);
            figures.forEach((label, stats) -> results.put("raw." + label + ".t" + threads, stats));
        }
    }

    private static void library(Results results, Jmh jmh) {
        System.out.println("== In-process signing, ms per document (JMH)");
        jmh.run("LibrarySigningBenchmark\\.(kysoPades|dssPades)", Map.of(), 1, Mode.AverageTime, TimeUnit.MILLISECONDS)
                .forEach((label, stats) -> results.put("library." + label, stats));
        jmh.run("LibrarySigningBenchmark\\.kysoXades", Map.of("key", new String[] {"EC_P256"}, "document",
                new String[] {"xml"}), 1, Mode.AverageTime, TimeUnit.MILLISECONDS)
                .forEach((label, stats) -> results.put("library." + label, stats));
    }
}
