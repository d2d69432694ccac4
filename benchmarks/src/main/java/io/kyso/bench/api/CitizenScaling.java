package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signing latency with 10 enrolled citizens and with 100,000 (or as many as enrollment through the
 * API reaches in the time budget; every enrollment is a real HSM key pair, wrapped under the token's
 * AES key, and a certificate), then again after a restart. Enrollment's own rate is recorded as it
 * goes, with a power-law fit of the time per enrollment against N, so that a slowdown with the number
 * of citizens shows (and, if the budget ends first, the time to reach 100,000 is extrapolated).
 */
public final class CitizenScaling {
    private static final int BASE = 10;
    /** Restarts with all the citizens enrolled: each timed until ready, with the first flow after it. */
    private static final int RESTARTS = 3;
    private final ServiceProcess service;
    private final Results results;
    private final DocumentUpload.BenchDocument document;
    private final int flows;
    private final Duration warmUp;

    public CitizenScaling(ServiceProcess service, Results results, DocumentUpload.BenchDocument document, int flows,
                          Duration warmUp) {
        this.warmUp = warmUp;
        this.service = service;
        this.results = results;
        this.document = document;
        this.flows = flows;
    }

    public void run(Duration enrollBudget, int enrollThreads, int target) throws Exception {
        PortalClient client = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
        List<Citizens.Enrolled> first = new ArrayList<>();
        for (int i = 0; i < BASE; i++) {
            first.add(Citizens.enroll(client));
        }
        warmUp(client, first);
        results.put("citizens.latency.10", latency(client, first));

        List<long[]> progress = enrollFor(enrollBudget, enrollThreads, target - BASE);
        int total = BASE + progress.size();
        results.put("citizens.enrolled", Stats.of(total));
        results.put("citizens.enrollSeconds", Stats.of(progress.isEmpty() ? 0 : progress.get(progress.size() - 1)[0] / 1e9));
        warmUp(client, first);
        results.put("citizens.latency.N", latency(client, first));
        enrollmentRate(progress);

        List<Double> restarts = new ArrayList<>();
        List<Double> firstFlows = new ArrayList<>();
        for (int i = 0; i < RESTARTS; i++) {
            restarts.add((double) service.restart());
            firstFlows.add(ApiBenchmarks.flow(client, first.get(i % BASE), document).run() / 1e6);
        }
        results.put("citizens.restartMillis", Stats.of(restarts));
        results.put("citizens.firstFlowAfterRestartMillis", Stats.of(firstFlows));
        warmUp(client, first);
        results.put("citizens.latency.N.afterRestart", latency(client, first));
    }

    /**
     * A fresh or restarted service compiles its code paths first: not measured. Longer than the API
     * section's warm-up, because the figures compared here come from a service just started, one that
     * has enrolled for minutes, and one just restarted (15 s left the first and last about twice as
     * slow as the middle one in a trial run).
     */
    private void warmUp(PortalClient client, List<Citizens.Enrolled> citizens) throws Exception {
        List<LoadDriver.Flow> two = List.of(ApiBenchmarks.flow(client, citizens.get(0), document), ApiBenchmarks.flow(
                new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD), citizens.get(1), document));
        LoadDriver.throughput(two, warmUp, 1, Duration.ofSeconds(1));
    }

    /** Flows over the same 10 citizens, round robin, after a short warm-up. */
    private Stats latency(PortalClient client, List<Citizens.Enrolled> citizens) throws Exception {
        int[] next = {0};
        LoadDriver.Flow flow = () -> ApiBenchmarks.flow(client, citizens.get(next[0]++ % citizens.size()), document).run();
        return LoadDriver.latencyMillis(flow, 5, flows);
    }

    /**
     * Enrolls from several threads until {@code count} are enrolled or the budget is spent; returns
     * (time since start, nanos) of each enrollment, in order.
     */
    private List<long[]> enrollFor(Duration budget, int threads, int count) throws Exception {
        long start = System.nanoTime();
        long stopAt = start + budget.toNanos();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(count);
        List<long[]> done = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            PortalClient own = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < stopAt && failure.get() == null && left.getAndDecrement() > 0) {
                        long begin = System.nanoTime();
                        Citizens.enrollOnly(own);
                        long end = System.nanoTime();
                        done.add(new long[] {end - start, end - begin});
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<long[]> sorted = new ArrayList<>(done);
        sorted.sort((a, b) -> Long.compare(a[0], b[0]));
        System.out.printf("  enrolled %d citizens in %.0f s%n", sorted.size(), (System.nanoTime() - start) / 1e9);
        return sorted;
    }

    /**
     * Enrollments per second over the first and the last tenth of the run, and a power-law fit of
     * the time per enrollment, t(n) = c·n^k, over the tenths: k near 0 means enrollment does not slow
     * with the number of keys; otherwise the time to enroll 100,000 is the integral c·N^(k+1)/(k+1),
     * not a straight line from the first minute.
     */
    private void enrollmentRate(List<long[]> progress) {
        int n = progress.size();
        if (n < 20) {
            results.note("citizens.enrollFit", "too few enrollments to fit a rate (" + n + ")");
            return;
        }
        int tenth = n / 10;
        results.put("citizens.enrollPerSecond.first", Stats.of(rate(progress.subList(0, tenth))));
        results.put("citizens.enrollPerSecond.last", Stats.of(rate(progress.subList(n - tenth, n))));
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int part = 0; part < 10; part++) {
            double x = Math.log(BASE + part * tenth + tenth / 2.0);
            double y = Math.log(1.0 / rate(progress.subList(part * tenth, (part + 1) * tenth)));
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        double k = (10 * sxy - sx * sy) / (10 * sxx - sx * sx);
        double c = Math.exp((sy - k * sx) / 10);
        double hours = c * Math.pow(100_000, k + 1) / (k + 1) / 3600;
        results.put("citizens.enrollHoursFor100k", Stats.of(hours));
        results.note("citizens.enrollFit", String.format("seconds per enrollment ≈ %.3g × n^%.2f", c, k));
    }

    private static double rate(List<long[]> part) {
        double seconds = (part.get(part.size() - 1)[0] - part.get(0)[0]) / 1e9;
        return (part.size() - 1) / Math.max(seconds, 1e-9);
    }
}
