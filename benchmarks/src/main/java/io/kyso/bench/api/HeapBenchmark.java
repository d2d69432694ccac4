package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;
import io.kyso.bench.library.BenchDocuments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The largest PDF the service signs through the API with a 256 MB heap, and how much heap it keeps
 * live meanwhile. Each size gets a fresh service (-Xmx256m, GC log, exit on OutOfMemoryError) whose
 * document and request limits are raised above the size, so that the heap is what is tested, not
 * the configured limits. Sizes go up until one fails. Each size is signed {@code runs} times, each
 * time by a fresh service with a GC log of its own; the report shows the median and the spread.
 */
public final class HeapBenchmark {
    public static final String HEAP = "256m";
    private final ServiceProcess.Launch launch;
    private final Path work;
    private final Results results;
    private final List<String> tokenProperties;
    private final int runs;

    public HeapBenchmark(ServiceProcess.Launch launch, Path work, Results results, List<String> tokenProperties,
                         int runs) {
        this.runs = runs;
        this.launch = launch;
        this.work = work;
        this.results = results;
        this.tokenProperties = List.copyOf(tokenProperties);
    }

    /**
     * The service's work on a stored PDF of {@code sizeMb} (inspection, PAdES signing, file to file)
     * in a JVM of its own with the same heap, as {@link LargePdfProbe} does it.
     */
    public void probeSigningPath(int sizeMb) throws Exception {
        String id = "heap.path." + sizeMb + "MB";
        List<Double> live = new java.util.ArrayList<>();
        List<Double> used = new java.util.ArrayList<>();
        for (int run = 0; run < runs; run++) {
            if (!probeOnce(id, sizeMb, live, used)) {
                return;
            }
        }
        results.put(id + ".liveMiB", Stats.of(live));
        results.put(id + ".usedMiB", Stats.of(used));
    }

    private boolean probeOnce(String id, int sizeMb, List<Double> live, List<Double> used) throws Exception {
        System.out.println("Heap, " + sizeMb + " MB PDF through inspection and signing in-process at -Xmx" + HEAP);
        Path pdf = BenchDocuments.file(work.resolve("documents"), sizeMb + "-MB");
        Path gcLog = Files.createTempFile(work, "probe-gc-", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog, "-XX:+ExitOnOutOfMemoryError",
                "--add-exports", "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED"));
        command.addAll(tokenProperties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LargePdfProbe.class.getName(), pdf.toString()));
        long start = System.nanoTime();
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        if (probe.waitFor() != 0) {
            results.note(id, "FAILED: " + out.lines().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst().orElse(out));
            return false;
        }
        GcLog gc = GcLog.parse(gcLog);
        live.add(gc.maxAfterBytes() / 1048576.0);
        used.add(gc.maxBeforeBytes() / 1048576.0);
        results.note(id, out + " in " + (System.nanoTime() - start) / 1_000_000 + " ms (JVM start included; the last of "
                + runs + " runs)");
        return true;
    }

    public void run(List<Integer> sizesMb) throws Exception {
        Integer failedAt = null;
        for (int size : sizesMb) {
            String id = "heap." + size + "MB";
            if (failedAt != null) {
                results.note(id, "not tried: " + failedAt + " MB already failed");
                continue;
            }
            List<Double> live = new java.util.ArrayList<>();
            List<Double> used = new java.util.ArrayList<>();
            for (int run = 0; run < runs && failedAt == null; run++) {
                System.out.println("Heap, " + size + " MB PDF through the API at -Xmx" + HEAP);
                if (!signOne(id, size, live, used)) {
                    failedAt = size;
                }
            }
            if (failedAt == null) {
                results.put(id + ".liveMiB", Stats.of(live));
                results.put(id + ".usedMiB", Stats.of(used));
            }
        }
    }

    private boolean signOne(String id, int sizeMb, List<Double> live, List<Double> used) throws Exception {
        Path pdf = BenchDocuments.file(work.resolve("documents"), sizeMb + "-MB");
        DocumentUpload.BenchDocument document = DocumentUpload.BenchDocument.of(pdf, "application/pdf");
        Path dataDir = Files.createTempDirectory(work, "heap-" + sizeMb + "mb-");
        Path gcLog = dataDir.resolve("gc.log");
        long limit = 2L * sizeMb << 20;
        ServiceProcess.Launch heapLaunch = new ServiceProcess.Launch(launch.classpath(), launch.library(),
                List.of("-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog, "-XX:+ExitOnOutOfMemoryError"),
                Map.of("KYSO_SIGNING_MAX_DOCUMENT_BYTES", String.valueOf(limit)));
        try (ServiceProcess service = ServiceProcess.start(dataDir, heapLaunch)) {
            PortalClient client = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
            long start = System.nanoTime();
            try {
                ApiBenchmarks.flow(client, Citizens.enroll(client), document).run();
            } catch (Exception e) {
                String why = service.isAlive() ? e.getMessage() : "the service ran out of heap and exited ("
                        + outOfMemory(service.log()) + ")";
                results.note(id, "FAILED: " + why);
                return false;
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            GcLog gc = GcLog.parse(gcLog);
            live.add(gc.maxAfterBytes() / 1048576.0);
            used.add(gc.maxBeforeBytes() / 1048576.0);
            results.note(id, "signed in " + millis + " ms; " + gc.collections() + " collections"
                    + (gc.fullCollection() ? ", including a full GC" : "") + " (the last of " + runs + " runs)");
            return true;
        }
    }

    private static String outOfMemory(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("OutOfMemoryError")).findFirst()
                .orElse("no OutOfMemoryError in the log").strip();
    }
}
