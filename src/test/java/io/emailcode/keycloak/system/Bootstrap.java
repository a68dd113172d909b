package io.emailcode.keycloak.system;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap confidence intervals for the timing tests, which sample in pairs. */
final class Bootstrap {

    private static final int RESAMPLES = 10_000;

    private Bootstrap() {
    }

    /**
     * The interval of {@code median(a) - median(b)} at the given confidence, for samples taken in pairs
     * ({@code a[i]} right before {@code b[i]}): pairs resampled with replacement {@value #RESAMPLES} times, with a
     * fixed seed so a run can be repeated. The pair is the unit of the measurement: both of its requests met the
     * server in the same state (warming up after a restart, a collection, another request's background work), and
     * resampling them together keeps that, where resampling each side alone would add the server's drift to both.
     */
    static double[] medianDifference(double[] a, double[] b, double confidence, long seed) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples taken in pairs have the same length");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] differences = new double[RESAMPLES];
        double[] drawnA = new double[a.length];
        double[] drawnB = new double[b.length];
        for (int i = 0; i < RESAMPLES; i++) {
            for (int j = 0; j < a.length; j++) {
                int pair = random.nextInt(a.length);
                drawnA[j] = a[pair];
                drawnB[j] = b[pair];
            }
            differences[i] = MannWhitney.median(drawnA) - MannWhitney.median(drawnB);
        }
        Arrays.sort(differences);
        double tail = (1 - confidence) / 2;
        return new double[]{differences[(int) Math.floor(tail * (RESAMPLES - 1))],
                differences[(int) Math.ceil((1 - tail) * (RESAMPLES - 1))]};
    }
}
