package io.emailcode.keycloak.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** {@link FloorBenchmark}'s figures as Markdown: the ratios to the floor, the email-code sign-in's parts, every block. */
final class FloorReport {

    private static final String EMAIL = FloorBenchmark.EMAIL;
    private static final String FLOOR = FloorBenchmark.FLOOR;
    private static final String PASSWORD = FloorBenchmark.PASSWORD;
    private static final String APP = FloorBenchmark.APP;
    private static final String TWO_PAGES = FloorBenchmark.TWO_PAGES;
    /** The ratios reported, each a way's CPU over another's: {top, bottom}. */
    private static final List<List<String>> RATIOS = List.of(List.of(EMAIL, FLOOR), List.of(APP, FLOOR),
            List.of(TWO_PAGES, FLOOR), List.of(EMAIL, TWO_PAGES), List.of(EMAIL, PASSWORD));

    private final FloorBenchmark.FloorFigures f;
    private final StringBuilder out = new StringBuilder();

    FloorReport(FloorBenchmark.FloorFigures figures) {
        this.f = figures;
    }

    String markdown() {
        line("Machine: %s. Load average (1, 5, 15 min) %s at the start, %s at the end; %d s in all.",
                f.machine, f.loadAtStart, f.loadAtEnd, f.durationSeconds);
        line("Keycloak JVM options: `%s`. CPUs: %s. Password hashing: `%s`. %d sign-ins, %d failed. Keycloak starts: %s s.",
                f.keycloakJvm, f.cpus, f.passwordHashing, f.totalSignIns, f.totalFailures, f.restartSeconds);
        if (!f.idleMillisPerSecond.isEmpty()) {
            line("Keycloak's CPU at rest (no sign-in, without the JIT compiler), before the rounds and after them: %s ms per s.",
                    String.join(", ", f.idleMillisPerSecond.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()));
        }
        line("");
        line("Keycloak CPU per sign-in, ms: median of the blocks (range, n); ratios taken within each round of one block per way.");
        line("");
        line("| figure | email code | app's screen | Keycloak's two pages | floor (Username Form alone) | password "
                + "| email code / floor | app's screen / floor | two pages / floor | email code / two pages "
                + "| email code / password | target |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows("after the warm-up", f.warmRounds, "<= 1.4x the floor");
        withoutBackground(f.warmRounds);
        rates(f.warmRounds);
        if (!f.pacedRounds.isEmpty()) {
            rows(String.format(Locale.ROOT, "after the warm-up, every way at one rate (each person a sign-in at most every %d ms)",
                    f.pace.toMillis()), f.pacedRounds, "<= 1.4x the floor");
            withoutBackground(f.pacedRounds);
            rates(f.pacedRounds);
        }
        if (!f.restartRounds.isEmpty()) {
            rows("first minute after a restart", f.restartRounds, "<= 1.6x the floor");
            balanced(f.restartRounds, Bench.Measured::cpuPerSignIn, "");
            balanced(f.restartRounds, Bench.Measured::cpuPerSignInWithoutJit, " without the JIT compiler's threads");
            rates(f.restartRounds);
        }
        if (!f.pacedRestartRounds.isEmpty()) {
            rows(String.format(Locale.ROOT, "first minute after a restart, every way at one rate (each person a sign-in at most "
                    + "every %d ms)", f.pace.toMillis()), f.pacedRestartRounds, "<= 1.6x the floor");
            balanced(f.pacedRestartRounds, Bench.Measured::cpuPerSignIn, "");
            balanced(f.pacedRestartRounds, Bench.Measured::cpuPerSignInWithoutJit, " without the JIT compiler's threads");
            rates(f.pacedRestartRounds);
        }
        line("");
        compilations();
        partsFromStart("the warm rounds", f.warmRounds);
        partsFromStart("the paced rounds (every way at one rate)", f.pacedRounds);
        partsFromStart("the first minute after the paced restarts (every way at one rate)", f.pacedRestartRounds);
        parts("warm (after the rounds)", f.warmRounds, f.warmJfrBlocks, f.warmEmailJfr, f.warmFloorJfr);
        parts("the first minute after a restart (recorded after one more)", f.restartRounds, f.restartJfrBlocks, f.restartEmailJfr,
                f.restartFloorJfr);
        blocks();
        return out.toString();
    }

    private void rows(String when, List<List<Bench.Measured>> rounds, String target) {
        row("CPU per sign-in, " + when, rounds, Bench.Measured::cpuPerSignIn, target);
        row("&nbsp;&nbsp;without the JIT compiler's threads", rounds, Bench.Measured::cpuPerSignInWithoutJit, "");
    }

    private void withoutBackground(List<List<Bench.Measured>> rounds) {
        if (!f.idleMillisPerSecond.isEmpty()) {
            double idle = Stats.of(f.idleMillisPerSecond).median();
            row(String.format(Locale.ROOT, "&nbsp;&nbsp;and without Keycloak's background (%.1f ms per s at rest, times each "
                    + "block's duration)", idle), rounds, b -> b.cpuPerSignInBeyondIdle(idle), "");
        }
    }

    /** How fast each way's people signed in: the rate Keycloak served that way's sign-ins at. */
    private void rates(List<List<Bench.Measured>> rounds) {
        List<Bench.Measured> all = rounds.stream().flatMap(List::stream).toList();
        line("| &nbsp;&nbsp;sign-ins per s (median of the blocks) |%s |", cells(way -> String.format(Locale.ROOT, "%.1f",
                of(all, way, b -> b.signIns() / (b.wall().toNanos() / 1e9)).median()), (top, bottom) -> ""));
    }

    private void row(String figure, List<List<Bench.Measured>> rounds, ToDoubleFunction<Bench.Measured> cpu, String target) {
        List<Bench.Measured> all = rounds.stream().flatMap(List::stream).toList();
        line("| %s |%s %s |", figure, cells(way -> of(all, way, cpu).format("%.1f"),
                (top, bottom) -> ratios(rounds, top, bottom, cpu).format("%.2f") + "x"), target);
    }

    /**
     * The first block after a restart pays for what every way shares (Keycloak's own code, loaded and compiled once),
     * so a restart's ratio says mostly which way went first. With each way first equally often, the ratio of the
     * ways' mean CPU over all restart blocks spreads that cost evenly: the first minute's cost of each way.
     */
    private void balanced(List<List<Bench.Measured>> rounds, ToDoubleFunction<Bench.Measured> cpu, String what) {
        List<Bench.Measured> all = rounds.stream().flatMap(List::stream).toList();
        line("| &nbsp;&nbsp;mean over the %d restarts%s (each way first in turn) |%s |", rounds.size(), what,
                cells(way -> String.format(Locale.ROOT, "%.1f", mean(all, way, cpu)), (top, bottom) ->
                        String.format(Locale.ROOT, "%.2fx", mean(all, top, cpu) / mean(all, bottom, cpu))));
    }

    /** A row's cells: one per way, then one per ratio of {@link #RATIOS}, each followed by its separator. */
    private static String cells(Function<String, String> way, BinaryOperator<String> ratio) {
        StringBuilder cells = new StringBuilder();
        FloorBenchmark.WAYS.forEach(w -> cells.append(' ').append(way.apply(w)).append(" |"));
        RATIOS.forEach(r -> cells.append(' ').append(ratio.apply(r.get(0), r.get(1))).append(" |"));
        return cells.toString();
    }

    private static double mean(List<Bench.Measured> blocks, String way, ToDoubleFunction<Bench.Measured> cpu) {
        return blocks.stream().filter(b -> b.scenario().equals(way)).mapToDouble(cpu).average().orElse(Double.NaN);
    }

    /**
     * The email-code sign-in's CPU without the JIT compiler (whose threads the samples do not see) split by its
     * recording's samples, beside the floor's split the same way: the extra is the difference, part by part. The
     * shares come from the recorded blocks, the milliseconds from the unrecorded rounds' medians (a recording at
     * {@code settings=profile} makes its own blocks dearer).
     */
    private void parts(String when, List<List<Bench.Measured>> rounds, List<Bench.Measured> recorded, JfrParts email, JfrParts floor) {
        if (email == null || floor == null || recorded.size() < 2 || rounds.isEmpty()) {
            return;
        }
        List<Bench.Measured> all = rounds.stream().flatMap(List::stream).toList();
        double emailCpu = of(all, EMAIL, Bench.Measured::cpuPerSignInWithoutJit).median();
        double floorCpu = of(all, FLOOR, Bench.Measured::cpuPerSignInWithoutJit).median();
        line("The email-code sign-in's CPU by part, %s: shares of the samples of one block of each way under a flight "
                + "recording (%d and %d samples; those blocks cost %.1f and %.1f ms per sign-in, %.1f and %.1f without the JIT), "
                + "times the rounds' median CPU per sign-in without the JIT compiler's threads, ms:", when, email.samples(),
                floor.samples(), recorded.get(0).cpuPerSignIn(), recorded.get(1).cpuPerSignIn(),
                recorded.get(0).cpuPerSignInWithoutJit(), recorded.get(1).cpuPerSignInWithoutJit());
        line("");
        line("| part | email code | share | floor | share | extra over the floor |");
        line("|---|---|---|---|---|---|");
        for (String part : email.parts().keySet()) {
            double e = email.perSignIn(part, emailCpu);
            double fl = floor.perSignIn(part, floorCpu);
            line("| %s | %.1f | %.1f%% | %.1f | %.1f%% | %+.1f |", part, e, 100 * e / emailCpu, fl, 100 * fl / floorCpu, e - fl);
        }
        line("| **all** | %.1f | | %.1f | | %+.1f (%.2fx) |", emailCpu, floorCpu, emailCpu - floorCpu, emailCpu / floorCpu);
        line("");
    }

    /**
     * Each way's CPU by part in {@code rounds}, from the samples Keycloak's JVM took from its start while that way's
     * blocks ran: no block is made dearer by a recording started for it, and every way is split alike, so the
     * differences between ways are their extra part by part.
     */
    private void partsFromStart(String which, List<List<Bench.Measured>> rounds) {
        if (f.profiles == null || rounds.isEmpty()) {
            return;
        }
        List<Bench.Measured> all = rounds.stream().flatMap(List::stream).toList();
        List<String> ways = List.of(EMAIL, APP, TWO_PAGES, FLOOR);
        List<JfrParts> parts = ways.stream().map(way -> f.profiles.during(all.stream().filter(b -> b.scenario().equals(way)).toList())).toList();
        List<Double> cpu = ways.stream().map(way -> of(all, way, Bench.Measured::cpuPerSignInWithoutJit).median()).toList();
        line("Each way's CPU by part in %s, from recordings Keycloak's JVM kept from its start "
                + "(`-Dbench.profileFromStart=true`; samples per way in this order: %s): each part's share of the samples "
                + "taken while the way's blocks ran, times the way's median CPU per sign-in without the JIT compiler's threads, ms:",
                which, String.join(", ", parts.stream().map(p -> String.valueOf(p.samples())).toList()));
        line("");
        line("| part | email code | app's screen | Keycloak's two pages | floor | email code - two pages | email code - floor |");
        line("|---|---|---|---|---|---|---|");
        for (String part : parts.get(0).parts().keySet()) {
            double[] ms = new double[ways.size()];
            for (int i = 0; i < ways.size(); i++) {
                ms[i] = parts.get(i).perSignIn(part, cpu.get(i));
            }
            line("| %s | %.1f | %.1f | %.1f | %.1f | %+.1f | %+.1f |", part, ms[0], ms[1], ms[2], ms[3], ms[0] - ms[2], ms[0] - ms[3]);
        }
        line("| **all** | %.1f | %.1f | %.1f | %.1f | %+.1f | %+.1f |", cpu.get(0), cpu.get(1), cpu.get(2), cpu.get(3),
                cpu.get(0) - cpu.get(2), cpu.get(0) - cpu.get(3));
        line("");
    }

    /** Whose code the JIT compiler still compiled in the warm rounds, way by way. */
    private void compilations() {
        if (f.warmCompilations == null) {
            return;
        }
        line("The JIT compiler's work in the warm rounds, by whose code: the compilations that started during each way's blocks "
                + "(`-Dbench.compilations=true`: Keycloak's JVMs record `jdk.Compilation` alone from their start, "
                + "`target/benchmark/compilations/`); their "
                + "time is the compiler threads', not CPU. The provider's share is its own code with the AWS SDK and HTTP client it "
                + "carries (the SDK's part in parentheses); the rest is Keycloak's, its libraries' and the JDK's.");
        line("");
        line("| way | compilations per block, median (range) | compiler time per sign-in, ms | the provider's share |");
        line("|---|---|---|---|");
        for (String way : FloorBenchmark.WAYS) {
            JfrCompilations.Work work = JfrCompilations.Work.NONE;
            List<Double> counts = new java.util.ArrayList<>();
            int signIns = 0;
            for (Bench.Measured b : f.warmRounds.stream().flatMap(List::stream).filter(b -> b.scenario().equals(way)).toList()) {
                JfrCompilations.Work block = f.warmCompilations.during(b.started(), b.started().plus(b.wall()));
                work = work.plus(block);
                counts.add((double) block.compilations());
                signIns += b.signIns();
            }
            line("| %s | %s | %.1f | %.1f%% (%.1f%%) |", way, Stats.of(counts).format("%.0f"),
                    signIns == 0 ? Double.NaN : work.time().toNanos() / 1e6 / signIns, 100 * work.providerShare(), 100 * work.sdkShare());
        }
        line("");
    }

    private void blocks() {
        line("Every block (started: when its load began, UTC, to find the block in a recording Keycloak keeps from its start):");
        line("");
        line("| block | started | sign-ins | failed | CPU ms per sign-in | without JIT | wall s | AWS calls |");
        line("|---|---|---|---|---|---|---|---|");
        List<Bench.Measured> all = new java.util.ArrayList<>(f.warmUp);
        f.warmRounds.forEach(all::addAll);
        f.pacedRounds.forEach(all::addAll);
        all.addAll(f.warmJfrBlocks);
        f.restartRounds.forEach(all::addAll);
        f.pacedRestartRounds.forEach(all::addAll);
        all.addAll(f.restartJfrBlocks);
        for (Bench.Measured b : all) {
            line("| %s | %s | %d | %d | %.1f | %.1f | %.1f | %s |", b.scenario(), b.started(), b.signIns(), b.failures(), b.cpuPerSignIn(),
                    b.cpuPerSignInWithoutJit(), b.wall().toMillis() / 1000.0, b.awsCalls());
        }
    }

    private static Stats of(List<Bench.Measured> blocks, String way, ToDoubleFunction<Bench.Measured> cpu) {
        return Stats.of(blocks.stream().filter(b -> b.scenario().equals(way)).map(cpu::applyAsDouble).toList());
    }

    /** The ratio within each round (one block per way, run back to back). */
    private static Stats ratios(List<List<Bench.Measured>> rounds, String top, String bottom, ToDoubleFunction<Bench.Measured> cpu) {
        return Stats.of(rounds.stream().map(r -> of(r, top, cpu).median() / of(r, bottom, cpu).median()).toList());
    }

    private void line(String pattern, Object... values) {
        out.append(String.format(Locale.ROOT, pattern, values)).append('\n');
    }
}
