package io.emailcode.keycloak.system;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap confidence intervals for the timing tests. */
final class Bootstrap {

    private static final int RESAMPLES = 10_000;

    private Bootstrap() {
    }

    /**
     * The interval of {@code median(a) - median(b)} at the given confidence: both samples resampled with replacement
     * {@value #RESAMPLES} times, with a fixed seed so a run can be repeated.
     */
    static double[] medianDifference(double[] a, double[] b, double confidence, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            differences[i] = MannWhitney.median(resample(a, random)) - MannWhitney.median(resample(b, random));
        }
        Arrays.sort(differences);
        double tail = (1 - confidence) / 2;
        return new double[]{differences[(int) Math.floor(tail * (RESAMPLES - 1))],
                differences[(int) Math.ceil((1 - tail) * (RESAMPLES - 1))]};
    }

    private static double[] resample(double[] values, SplittableRandom random) {
        double[] drawn = new double[values.length];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = values[random.nextInt(values.length)];
        }
        return drawn;
    }
}
