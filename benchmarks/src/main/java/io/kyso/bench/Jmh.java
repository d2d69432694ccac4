package io.kyso.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs JMH benchmarks in one forked JVM each and returns, per benchmark and parameter set, the
 * median of its measurement iterations (each iteration is one run after the warm-up iterations).
 */
public final class Jmh {
    private final int warmups;
    private final int iterations;
    private final TimeValue iterationTime;
    private final List<String> jvmArgs;

    public Jmh(int warmups, int iterations, TimeValue iterationTime, List<String> jvmArgs) {
        this.warmups = warmups;
        this.iterations = iterations;
        this.iterationTime = iterationTime;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * @param include regular expression over {@code class.method}
     * @param params  JMH parameters to set, name to values
     * @return per label {@code method[param=value,…]} the iterations' statistics
     */
    public Map<String, Stats> run(String include, Map<String, String[]> params, int threads, Mode mode, TimeUnit unit) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .threads(threads)
                .warmupIterations(warmups)
                .warmupTime(iterationTime)
                .measurementIterations(iterations)
                .measurementTime(iterationTime)
                .mode(mode)
                .timeUnit(unit)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        params.forEach(options::param);
        try {
            Map<String, Stats> figures = new LinkedHashMap<>();
            for (RunResult result : new Runner(options.build()).run()) {
                figures.put(label(result.getParams()), iterations(result));
            }
            return figures;
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH run of " + include + " failed", e);
        }
    }

    private static Stats iterations(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return Stats.of(scores);
    }

    private static String label(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (String key : params.getParamsKeys()) {
            values.put(key, params.getParam(key));
        }
        return label(method, values);
    }

    /** {@code method[name=value,…]}, parameters in alphabetical order. */
    public static String label(String method, Map<String, String> params) {
        StringBuilder label = new StringBuilder(method);
        new java.util.TreeMap<>(params).forEach((k, v) -> label.append(label.length() == method.length() ? '[' : ',')
                .append(k).append('=').append(v));
        return params.isEmpty() ? method : label.append(']').toString();
    }
}
