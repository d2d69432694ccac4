package io.kyso.bench.api;

import io.kyso.bench.Stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs portal flows against the service: one after another for latency, or from several concurrent
 * portals for throughput. Every loop is bounded in count or time and stops by itself; the first
 * failed flow stops the run and is rethrown.
 */
public final class LoadDriver {
    private LoadDriver() {
    }

    /** One portal flow; returns the nanoseconds spent in the API calls being measured. */
    @FunctionalInterface
    public interface Flow {
        long run() throws Exception;
    }

    /** Per-flow latency, sequentially, after {@code warmup} flows that are not counted. */
    public static Stats latencyMillis(Flow flow, int warmup, int count) throws Exception {
        for (int i = 0; i < warmup; i++) {
            flow.run();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            millis.add(flow.run() / 1e6);
        }
        return Stats.of(millis);
    }

    /**
     * Flows per second with one thread per flow in {@code portals}, after a warm-up period; the
     * figure is the median over {@code windows} consecutive windows of {@code window} each.
     */
    public static Stats throughput(List<Flow> portals, Duration warmup, int windows, Duration window) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long stopAt = measureFrom + window.toNanos() * windows;
        List<Long> completions = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Flow flow : portals) {
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < stopAt && failure.get() == null) {
                        flow.run();
                        long done = System.nanoTime();
                        if (done >= measureFrom && done < stopAt) {
                            completions.add(done);
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "portal-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double[] perWindow = new double[windows];
        for (long done : completions) {
            perWindow[(int) ((done - measureFrom) / window.toNanos())]++;
        }
        double seconds = window.toNanos() / 1e9;
        for (int i = 0; i < windows; i++) {
            perWindow[i] /= seconds;
        }
        return Stats.of(perWindow);
    }
}
