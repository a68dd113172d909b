package io.emailcode.keycloak.benchmark;

import java.util.List;

/** Median and spread of a few measurements; the benchmark reports these, never one number. */
public record Stats(int n, double median, double min, double max) {

    public static Stats of(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        if (sorted.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Stats(n, median, sorted.get(0), sorted.get(n - 1));
    }

    /** e.g. {@code 12.3 (11.9-13.0, n=4)}. */
    public String format(String pattern) {
        return String.format(pattern + " (" + pattern + "-" + pattern + ", n=%d)", median, min, max, n);
    }
}
