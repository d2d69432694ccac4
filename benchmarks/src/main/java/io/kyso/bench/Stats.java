package io.kyso.bench;

import java.util.Arrays;
import java.util.Collection;

/** The median and spread of several runs of one figure; the median is what the report shows. */
public record Stats(double median, double min, double max, int runs) {

    public static Stats of(Collection<? extends Number> samples) {
        double[] values = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Stats(median, values[0], values[n - 1], n);
    }

    public static Stats of(double... samples) {
        return of(Arrays.stream(samples).boxed().toList());
    }

    /** The value at quantile {@code q} (0..1) of {@code samples}, nearest rank. */
    public static double quantile(Collection<? extends Number> samples, double q) {
        double[] values = samples.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * values.length);
        return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
    }
}
