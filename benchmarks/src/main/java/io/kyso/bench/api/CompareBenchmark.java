package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same API flow against several builds of the service, side by side in one run: the previous
 * commit (built in a worktree of its own by {@code scripts/bench}), the current one, and the current
 * one with commits that skip the flush to disk (the price of durability). All run at once, each in its
 * own JVM, and are measured in turns (A, B, C, A, B, C…) so that the machine's mood weighs on each
 * alike; the figures of a variant are the median of its turns.
 */
public final class CompareBenchmark {
    /** A build of the service and the settings it runs with, by the name the figures carry. */
    public record Variant(String name, ServiceProcess.Launch launch) {
    }

    /** How long each part runs. */
    public record Budget(int rounds, Duration warmup, int latencyFlows, Duration window, int portals) {
    }

    private final Results results;
    private final Budget budget;
    private final Path work;

    public CompareBenchmark(Results results, Budget budget, Path work) {
        this.results = results;
        this.budget = budget;
        this.work = work;
    }

    public void run(List<Variant> variants, DocumentUpload.BenchDocument document, String documentName) throws Exception {
        Map<String, ServiceProcess> services = new LinkedHashMap<>();
        Map<String, List<Citizens.Enrolled>> citizens = new LinkedHashMap<>();
        try {
            for (Variant v : variants) {
                ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(work, "compare-" + v.name() + "-"),
                        v.launch());
                services.put(v.name(), service);
                PortalClient client = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
                List<Citizens.Enrolled> enrolled = new ArrayList<>();
                for (int i = 0; i < budget.portals(); i++) {
                    enrolled.add(Citizens.enroll(client));
                }
                citizens.put(v.name(), enrolled);
            }
            Map<String, List<Double>> latencies = new LinkedHashMap<>();
            Map<String, List<Double>> throughputs = new LinkedHashMap<>();
            for (int round = 0; round < budget.rounds(); round++) {
                for (Variant v : variants) {
                    ServiceProcess service = services.get(v.name());
                    List<Citizens.Enrolled> enrolled = citizens.get(v.name());
                    System.out.println("compare " + v.name() + ", round " + (round + 1));
                    PortalClient one = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
                    Stats latency = LoadDriver.latencyMillis(ApiBenchmarks.flow(one, enrolled.get(0), document),
                            round == 0 ? budget.latencyFlows() : budget.latencyFlows() / 4, budget.latencyFlows());
                    latencies.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(latency.median());
                    List<LoadDriver.Flow> portals = new ArrayList<>();
                    for (int i = 0; i < budget.portals(); i++) {
                        portals.add(ApiBenchmarks.flow(new PortalClient(service.base(), service.apiKey(),
                                ApiBenchmarks.UPLOAD), enrolled.get(i), document));
                    }
                    Stats rate = LoadDriver.throughput(portals, budget.warmup(), 1, budget.window());
                    throughputs.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(rate.median());
                }
            }
            for (Variant v : variants) {
                results.put("compare." + documentName + ".latency." + v.name(), Stats.of(latencies.get(v.name())));
                results.put("compare." + documentName + ".throughput.c" + budget.portals() + "." + v.name(),
                        Stats.of(throughputs.get(v.name())));
            }
        } finally {
            for (ServiceProcess service : services.values()) {
                service.close();
            }
        }
    }
}
