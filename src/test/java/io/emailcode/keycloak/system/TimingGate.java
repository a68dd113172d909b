package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A timing or statistical gate: a measurement whose checks each hold a statistic against a bound chosen before the
 * run. An honest build fails one measurement now and then (a p-value below 0.01 one time in a hundred, by
 * definition), so a measurement outside its bounds is taken once more, with fresh samples, and only a second failure
 * fails the test: a real leak fails both, noise fails both about as often as the square of its rate.
 *
 * <p>With {@code -Dgate.calibration.rounds=N} the gate does not judge: it takes the measurement N times and writes,
 * per check, how often it failed and the spread of its statistic to {@code target/gate-calibration.md}. That is how
 * the false-failure rates in docs/development.md were measured (the command is there).
 */
final class TimingGate {

    private static final String ROUNDS = "gate.calibration.rounds";

    private TimingGate() {
    }

    /** Which values pass: at least the bound, at most the bound, or within plus or minus the bound. */
    enum Side {
        AT_LEAST(">="), AT_MOST("<="), WITHIN("within +-");

        private final String symbol;

        Side(String symbol) {
            this.symbol = symbol;
        }

        boolean passes(double value, double bound) {
            return switch (this) {
                case AT_LEAST -> value >= bound;
                case AT_MOST -> value <= bound;
                case WITHIN -> Math.abs(value) <= bound;
            };
        }

        /** How often a normal statistic with this mean and spread falls outside the bound. */
        double normalFailureRate(double mean, double sd, double bound) {
            if (sd == 0) {
                return passes(mean, bound) ? 0 : 1;
            }
            double below = MannWhitney.standardNormal(((this == WITHIN ? -bound : bound) - mean) / sd);
            double above = 1 - MannWhitney.standardNormal((bound - mean) / sd);
            return switch (this) {
                case AT_LEAST -> below;
                case AT_MOST -> above;
                case WITHIN -> below + above;
            };
        }
    }

    /** One statistic of a measurement, its bound and which side of it passes. */
    record Check(String name, double value, double bound, Side side) {

        boolean passed() {
            return side.passes(value, bound);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.4f (%s %.4f)", name, value, side.symbol, bound);
        }
    }

    /** A figure of a measurement for the adversarial suite's report: what was measured, and the value. */
    record Figure(String measured, String value) {

        @Override
        public String toString() {
            return measured + ": " + value;
        }
    }

    /** What one measurement found: its checks, and its figures for the report. */
    record Verdict(List<Check> checks, List<Figure> figures) {

        /** Records the figures in the adversarial suite's report, under the attack's name. */
        void report(String attack) {
            figures.forEach(figure -> AttackReport.record(attack, figure.measured(), figure.value()));
        }

        boolean passed() {
            return checks.stream().allMatch(Check::passed);
        }

        String failures() {
            return checks.stream().filter(c -> !c.passed()).map(Check::toString).collect(Collectors.joining("; "));
        }
    }

    /**
     * Takes the measurement; if it fails, once more; asserts the last one. Returns the verdict that decided, whose
     * figures the caller reports. Under {@code -Dgate.calibration.rounds=N} it only calibrates (see the class).
     */
    static Verdict assertPasses(String gate, Supplier<Verdict> measurement) {
        int rounds = Integer.getInteger(ROUNDS, 0);
        if (rounds > 0) {
            return calibrate(gate, measurement, rounds);
        }
        Verdict first = measurement.get();
        if (first.passed()) {
            return first;
        }
        System.out.println("Timing gate " + gate + ": the measurement was outside its bounds (" + first.failures() + "; "
                + first.figures() + "); measuring once more, with fresh samples");
        Verdict second = measurement.get();
        assertTrue(second.passed(), gate + ": outside its bounds in two measurements: " + first.failures() + " ("
                + first.figures() + "), then " + second.failures() + " (" + second.figures() + ")");
        return second;
    }

    private static Verdict calibrate(String gate, Supplier<Verdict> measurement, int rounds) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Verdict verdict = measurement.get();
            System.out.println("Gate calibration " + gate + " round " + (round + 1) + ": " + verdict.checks() + " " + verdict.figures());
            verdicts.add(verdict);
        }
        StringBuilder report = new StringBuilder("\n### " + gate + "\n\n" + rounds + " measurements.\n\n"
                + "| check | failed | mean | sd | bound | normal-model failure rate per measurement |\n|---|---|---|---|---|---|\n");
        double perMeasurement = 0;
        for (int i = 0; i < verdicts.get(0).checks().size(); i++) {
            int index = i;
            List<Check> checks = verdicts.stream().map(v -> v.checks().get(index)).toList();
            Spread spread = Spread.of(checks);
            perMeasurement += spread.failureRate();
            report.append(String.format(Locale.ROOT, "| %s | %d of %d | %.4f | %.4f | %s %.4f | %.2e |%n", checks.get(0).name(),
                    checks.stream().filter(c -> !c.passed()).count(), rounds, spread.mean(), spread.sd(),
                    checks.get(0).side().symbol, spread.bound(), spread.failureRate()));
        }
        long failed = verdicts.stream().filter(v -> !v.passed()).count();
        report.append(String.format(Locale.ROOT, "%nMeasurements that failed: %d of %d. Failure rate per measurement, the sum "
                + "over its checks: %.2e; with the one re-measurement, per CI run: %.2e.%n", failed, rounds, perMeasurement,
                perMeasurement * perMeasurement));
        System.out.println(report);
        try {
            Path file = Path.of(System.getProperty("stack.workDir", "target/stack")).resolveSibling("gate-calibration.md");
            Files.writeString(file, report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verdicts.get(verdicts.size() - 1);
    }

    /**
     * The spread of one check's statistic over the calibration's measurements, and the rate at which it would fail
     * if the statistic were normal with that mean and spread. A p-value (a check named "... p") is not normal: under
     * the hypothesis that holds for an honest build it is uniform, so its rate is its bound (0.01 fails one
     * measurement in a hundred); the calibration's count of failures shows whether the machine keeps to that.
     */
    record Spread(double mean, double sd, double bound, double failureRate) {

        static Spread of(List<Check> checks) {
            double[] values = checks.stream().mapToDouble(Check::value).toArray();
            double mean = Arrays.stream(values).average().orElse(0);
            double sd = Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum()
                    / Math.max(1, values.length - 1));
            double bound = MannWhitney.median(checks.stream().mapToDouble(Check::bound).toArray());
            Check first = checks.get(0);
            double rate = first.name().endsWith(" p") ? bound : first.side().normalFailureRate(mean, sd, bound);
            return new Spread(mean, sd, bound, rate);
        }
    }
}
