package io.emailcode.keycloak.system;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, with the normal approximation and the tie correction:
 * does one sample tend to be larger than the other? It assumes no distribution, which suits response times.
 */
final class MannWhitney {

    private MannWhitney() {
    }

    /** @return the two-sided p-value for "the two samples come from the same distribution" */
    static double pValue(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        List<double[]> all = new ArrayList<>();
        for (double v : a) {
            all.add(new double[]{v, 0});
        }
        for (double v : b) {
            all.add(new double[]{v, 1});
        }
        all.sort((x, y) -> Double.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        int n = n1 + n2;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all.get(j + 1)[0] == all.get(i)[0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            int ties = j - i + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = i; k <= j; k++) {
                if (all.get(k)[1] == 0) {
                    rankSumA += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance == 0) {
            return 1.0;
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, 2 * (1 - standardNormal(Math.max(0, z))));
    }

    /** The median of the pairwise differences {@code a[i] - b[i]} of samples taken in pairs. */
    static double medianOfDifferences(double[] a, double[] b) {
        double[] differences = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < differences.length; i++) {
            differences[i] = a[i] - b[i];
        }
        return median(differences);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The standard normal distribution function (Abramowitz-Stegun 26.2.17, error below 7.5e-8). */
    static double standardNormal(double z) {
        double t = 1 / (1 + 0.2316419 * Math.abs(z));
        double density = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
        double tail = density * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return z >= 0 ? 1 - tail : tail;
    }
}
