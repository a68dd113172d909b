package io.emailcode.keycloak.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** The results of one run as Markdown: the summary table with every target, then the measurements behind it. */
final class BenchmarkReport {

    private final Figures f;
    private final StringBuilder out = new StringBuilder();

    BenchmarkReport(Figures figures) {
        this.f = figures;
    }

    String markdown() {
        line("Machine: %s. Load average (1, 5, 15 min) %s at the start, %s at the end; %d s in all.",
                f.machine, f.loadAtStart, f.loadAtEnd, f.durationSeconds);
        line("Keycloak JVM options: `%s`. Cognito mirror: `BEST_EFFORT`. Accounts: %d email-code (linked to the pool by the "
                + "warm-up), %d for first sign-ins, %d with a password (`%s`). %d sign-ins, %d failed.", f.keycloakJvm, f.emailUsers,
                f.firstSignInUsers, f.passwordUsers, f.passwordHashing, f.totalSignIns, f.totalFailures);
        line("");
        summary();
        new BenchmarkDetails(f, this::line).write();
        return out.toString();
    }

    private void summary() {
        line("| figure | email code | password | ratio | target | met |");
        line("|---|---|---|---|---|---|");
        cpuRows("after the warm-up (" + f.signInsBeforeWarmBlocks + " sign-ins)", f.warmBlocks);
        cpuRows("after the soak (" + f.signInsBeforeSoakedBlocks + " sign-ins)", f.soakedBlocks);
        Stats emailWarm = cpu(f.soakedBlocks.isEmpty() ? f.warmBlocks : f.soakedBlocks, BenchmarkPhases.EMAIL);
        Stats passwordWarm = cpu(f.soakedBlocks.isEmpty() ? f.warmBlocks : f.soakedBlocks, BenchmarkPhases.PASSWORD);
        List<Double> restartRatios = f.restarts.stream().map(r -> ratio(r.blocks(), BenchmarkPhases.EMAIL, BenchmarkPhases.PASSWORD)).toList();
        Stats restart = Stats.of(restartRatios);
        row("Keycloak CPU per sign-in, first minute after a restart (ms)",
                cpu(f.restarts.stream().flatMap(r -> r.blocks().stream()).toList(), BenchmarkPhases.EMAIL).format("%.1f"),
                cpu(f.restarts.stream().flatMap(r -> r.blocks().stream()).toList(), BenchmarkPhases.PASSWORD).format("%.1f"),
                restart.format("%.2f") + "x", "<= 0.5x", restart.max() <= 0.5);
        List<Bench.Measured> afterRestarts = f.restarts.stream().flatMap(r -> r.blocks().stream()).toList();
        row("&nbsp;&nbsp;the same without the JIT compiler's threads (ms)",
                Stats.of(of(afterRestarts, BenchmarkPhases.EMAIL, Bench.Measured::cpuPerSignInWithoutJit)).format("%.1f"),
                Stats.of(of(afterRestarts, BenchmarkPhases.PASSWORD, Bench.Measured::cpuPerSignInWithoutJit)).format("%.1f"),
                Stats.of(f.restarts.stream().map(r -> Stats.of(of(r.blocks(), BenchmarkPhases.EMAIL, Bench.Measured::cpuPerSignInWithoutJit)).median()
                        / Stats.of(of(r.blocks(), BenchmarkPhases.PASSWORD, Bench.Measured::cpuPerSignInWithoutJit)).median()).toList())
                        .format("%.2f") + "x", "", null);
        double emailRate = best(BenchmarkPhases.EMAIL);
        double passwordRate = best(BenchmarkPhases.PASSWORD);
        row("Sign-ins per second at saturation (closed model, best level)", fmt("%.1f", emailRate), fmt("%.1f", passwordRate),
                fmt("%.2f", emailRate / passwordRate) + "x", ">= 2x", emailRate / passwordRate >= 2);
        row("Sign-ins per Keycloak CPU-second, " + (f.soakedBlocks.isEmpty() ? "after the warm-up" : "after the soak"), fmt("%.0f", 1000 / emailWarm.median()), fmt("%.0f", 1000 / passwordWarm.median()),
                fmt("%.2f", passwordWarm.median() / emailWarm.median()) + "x", "", null);
        Stats firstCpu = cpu(f.firstAndLater, BenchmarkPhases.EMAIL_FIRST);
        Stats laterCpu = cpu(f.firstAndLater, BenchmarkPhases.EMAIL);
        Stats firstRatio = pairRatios(f.firstAndLater, BenchmarkPhases.EMAIL_FIRST, BenchmarkPhases.EMAIL);
        row("First sign-in (creates the pool user) against a later one, CPU (ms)", "first " + firstCpu.format("%.1f")
                + ", later " + laterCpu.format("%.1f"), "", firstRatio.format("%.2f") + "x", "<= 1.2x", firstRatio.median() <= 1.2);
        Map<String, Double> later = perSignIn(f.warmBlocks, BenchmarkPhases.EMAIL);
        Map<String, Double> first = perSignIn(f.firstAndLater, BenchmarkPhases.EMAIL_FIRST);
        boolean exact = later.equals(expected());
        row("AWS calls per successful sign-in, linked users", calls(later), calls(perSignIn(f.warmBlocks, BenchmarkPhases.PASSWORD)), "",
                "exactly " + HotPathBudget.TOTAL + " (" + HotPathBudget.CALLS_PER_SIGN_IN.keySet().stream().sorted().toList() + "), 0 Cognito", exact);
        row("AWS calls per first sign-in (mirror off the request thread)", calls(first), "", "", "3 on the hot path", hotPath(first));
        JfrShare jfr = f.jfr;
        row("Provider + AWS SDK share of Keycloak's CPU (JFR, email-code load)", jfr == null ? "-" : fmt("%.1f%%", 100 * jfr.selfShare())
                + " (inclusive " + fmt("%.1f%%", 100 * jfr.inclusiveShare()) + ", " + jfr.samples() + " samples)", "", "", "<= 15%",
                jfr == null ? null : jfr.selfShare() <= 0.15);
        JfrShare young = f.restartJfr;
        if (young != null) {
            row("the same in the first " + f.restartJfrBlocks.stream().mapToInt(Bench.Measured::signIns).sum()
                    + " email-code sign-ins after a restart (JFR)", fmt("%.1f%%", 100 * young.selfShare()) + " (inclusive "
                    + fmt("%.1f%%", 100 * young.inclusiveShare()) + ", " + young.samples() + " samples)", "", "", "", null);
        }
        latencyRows();
        heapRow();
        line("");
    }

    /** Keycloak's whole process, and without its JIT compiler's threads, per sign-in in alternating blocks. */
    private void cpuRows(String when, List<Bench.Measured> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        Stats ratio = pairRatios(blocks, BenchmarkPhases.EMAIL, BenchmarkPhases.PASSWORD, Bench.Measured::cpuPerSignIn);
        row("Keycloak CPU per sign-in, " + when + " (ms)", cpu(blocks, BenchmarkPhases.EMAIL).format("%.1f"),
                cpu(blocks, BenchmarkPhases.PASSWORD).format("%.1f"), ratio.format("%.2f") + "x", "<= 0.3x", ratio.median() <= 0.3);
        Stats net = pairRatios(blocks, BenchmarkPhases.EMAIL, BenchmarkPhases.PASSWORD, Bench.Measured::cpuPerSignInWithoutJit);
        row("&nbsp;&nbsp;the same without the JIT compiler's threads (ms)",
                Stats.of(of(blocks, BenchmarkPhases.EMAIL, Bench.Measured::cpuPerSignInWithoutJit)).format("%.1f"),
                Stats.of(of(blocks, BenchmarkPhases.PASSWORD, Bench.Measured::cpuPerSignInWithoutJit)).format("%.1f"),
                net.format("%.2f") + "x", "", null);
    }

    /** Every step of either way, in the order the report lists them. */
    private static final List<String> STEPS = List.of(SignInChains.LOGIN_PAGE, SignInChains.ADDRESS_FORM, SignInChains.CODE_EMAIL,
            SignInChains.CODE_FORM, SignInChains.PASSWORD_FORM, SignInChains.TOKEN);

    private void latencyRows() {
        String load = "at " + f.openRates.entrySet().stream().map(e -> e.getKey() + " " + fmt("%.1f", e.getValue()) + "/s")
                .reduce((a, b) -> a + ", " + b).orElse("") + " (50% of saturation)";
        for (String step : STEPS) {
            LoadRecorder.Percentiles email = f.openSteps.get(BenchmarkPhases.EMAIL + " / " + step);
            LoadRecorder.Percentiles password = f.openSteps.get(BenchmarkPhases.PASSWORD + " / " + step);
            row("p50/p95/p99 " + step + " (ms), " + load, p(email), p(password), "", "", null);
        }
        for (String step : STEPS) {
            LoadRecorder.Percentiles email = f.latencySteps.get(BenchmarkPhases.EMAIL + " / " + step);
            LoadRecorder.Percentiles password = f.latencySteps.get(BenchmarkPhases.PASSWORD + " / " + step);
            boolean targeted = step.equals(SignInChains.ADDRESS_FORM) || step.equals(SignInChains.CODE_FORM);
            row("with DynamoDB +10 ms, SES +80 ms: p50/p95/p99 " + step + " (ms)", p(email), p(password), "",
                    targeted ? "p95 <= 10 + 20 ms" : "", targeted && email != null && email.count() > 0 ? email.p95() <= 30 : null);
        }
        for (String step : List.of(SignInChains.ADDRESS_FORM, SignInChains.CODE_FORM)) {
            LoadRecorder.Percentiles without = f.openSteps.get(BenchmarkPhases.EMAIL + " / " + step);
            LoadRecorder.Percentiles with = f.latencySteps.get(BenchmarkPhases.EMAIL + " / " + step);
            if (without != null && with != null && without.count() > 0 && with.count() > 0) {
                long p95 = with.p95() - without.p95();
                row("added by the injected latency, " + step + ": p50 / p95 (ms)", (with.p50() - without.p50()) + " / " + p95, "", "",
                        "<= 10 + 20 ms (one DynamoDB round trip, no SES)", p95 <= 30);
            }
        }
    }

    private void heapRow() {
        List<Map.Entry<String, Long>> heap = new ArrayList<>(f.heap.entrySet());
        StringBuilder values = new StringBuilder();
        heap.forEach(e -> values.append(values.length() == 0 ? "" : "; ").append(e.getKey()).append(" ").append(e.getValue() / (1024 * 1024)).append(" MiB"));
        Boolean flat = null;
        String growth = "";
        if (heap.size() >= 4) {
            double at10k = heap.get(heap.size() - 2).getValue();
            double at20k = heap.get(heap.size() - 1).getValue();
            flat = Math.abs(at20k - at10k) / at10k <= 0.05;
            growth = fmt("%+.1f%%", 100 * (at20k - at10k) / at10k);
        }
        row("Keycloak live heap after a full GC (class histogram total)", values.toString(), "", growth, "second soak within 5% of the first", flat);
    }

    private static Stats cpu(List<Bench.Measured> blocks, String scenario) {
        return Stats.of(blocks.stream().filter(b -> b.scenario().equals(scenario)).map(Bench.Measured::cpuPerSignIn).toList());
    }

    private static Stats pairRatios(List<Bench.Measured> blocks, String numerator, String denominator) {
        return pairRatios(blocks, numerator, denominator, Bench.Measured::cpuPerSignIn);
    }

    private static List<Double> of(List<Bench.Measured> blocks, String scenario, ToDoubleFunction<Bench.Measured> figure) {
        return blocks.stream().filter(b -> b.scenario().equals(scenario)).map(figure::applyAsDouble).toList();
    }

    /** The ratio within each consecutive pair of blocks of the two scenarios. */
    private static Stats pairRatios(List<Bench.Measured> blocks, String numerator, String denominator,
                                    ToDoubleFunction<Bench.Measured> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i + 1 < blocks.size(); i += 2) {
            Bench.Measured a = blocks.get(i);
            Bench.Measured b = blocks.get(i + 1);
            Bench.Measured top = a.scenario().equals(numerator) ? a : b;
            Bench.Measured bottom = a.scenario().equals(denominator) ? a : b;
            ratios.add(figure.applyAsDouble(top) / figure.applyAsDouble(bottom));
        }
        return Stats.of(ratios);
    }

    private static double ratio(List<Bench.Measured> blocks, String numerator, String denominator) {
        return cpu(blocks, numerator).median() / cpu(blocks, denominator).median();
    }

    private double best(String scenario) {
        return f.saturation.stream().filter(l -> l.scenario().equals(scenario)).mapToDouble(Figures.Level::perSecond).max().orElse(Double.NaN);
    }

    /** AWS calls per sign-in by operation over a scenario's blocks, the mirror queue's timer left out. */
    static Map<String, Double> perSignIn(List<Bench.Measured> blocks, String scenario) {
        Predicate<Bench.Measured> of = b -> b.scenario().equals(scenario);
        int signIns = blocks.stream().filter(of).mapToInt(Bench.Measured::signIns).sum();
        Map<String, Double> calls = new TreeMap<>();
        blocks.stream().filter(of).forEach(b -> b.awsCalls().forEach((op, n) -> {
            if (!HotPathBudget.BACKGROUND.contains(op)) {
                calls.merge(op, (double) n, Double::sum);
            }
        }));
        calls.replaceAll((op, n) -> n / Math.max(1, signIns));
        return calls;
    }

    /** {@link HotPathBudget} as {@link #perSignIn} counts. */
    static Map<String, Double> expected() {
        Map<String, Double> expected = new TreeMap<>();
        HotPathBudget.CALLS_PER_SIGN_IN.forEach((op, n) -> expected.put(op, (double) n));
        return expected;
    }

    private static boolean hotPath(Map<String, Double> calls) {
        return HotPathBudget.CALLS_PER_SIGN_IN.entrySet().stream().allMatch(e -> calls.getOrDefault(e.getKey(), 0.0) == e.getValue().doubleValue());
    }

    private static String calls(Map<String, Double> calls) {
        if (calls.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        calls.forEach((op, n) -> text.append(text.length() == 0 ? "" : ", ").append(op).append(" ").append(fmt("%.2f", n)));
        return text + " (total " + fmt("%.2f", calls.values().stream().mapToDouble(Double::doubleValue).sum()) + ")";
    }

    private static String p(LoadRecorder.Percentiles p) {
        return p == null || p.count() == 0 ? "" : p.p50() + " / " + p.p95() + " / " + p.p99() + " (n=" + p.count() + ")";
    }

    private void row(String figure, String email, String password, String ratio, String target, Boolean met) {
        line("| %s | %s | %s | %s | %s | %s |", figure, email, password, ratio, target, met == null ? "" : met ? "yes" : "**no**");
    }

    private static String fmt(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    void line(String pattern, Object... values) {
        out.append(String.format(Locale.ROOT, pattern, values)).append('\n');
    }
}
