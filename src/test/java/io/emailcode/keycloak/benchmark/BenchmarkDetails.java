package io.emailcode.keycloak.benchmark;

import java.util.List;
import java.util.Locale;

/** The measurements behind the summary of {@link BenchmarkReport}: every block, every saturation level, the JFR frames. */
final class BenchmarkDetails {

    /** Writes one formatted line of the report. */
    interface Lines {
        void line(String pattern, Object... values);
    }

    private final Figures f;
    private final Lines out;

    BenchmarkDetails(Figures figures, Lines out) {
        this.f = figures;
        this.out = out;
    }

    void write() {
        line("Blocks (Keycloak CPU per sign-in, ms; %s people at once; each block one Gatling run):", "a few");
        line("");
        blocksHeader();
        blocks("warm-up", f.warmUp);
        blocks("alternating, after the warm-up", f.warmBlocks);
        blocks("alternating, after the soak", f.soakedBlocks);
        blocks("first against later", f.firstAndLater);
        f.restarts.forEach(r -> blocks("restart " + r.number() + " (ready after " + r.startSeconds() + " s, " + r.firstScenario()
                + " first)", r.blocks()));
        line("");
        line("Soak (email-code sign-ins, closed model), load by load: whether the JIT compiler is still at work:");
        line("");
        line("| load | sign-ins | wall s | CPU ms per sign-in | without JIT | JIT ms per wall s | JIT compilations, invalidated |");
        line("|---|---|---|---|---|---|---|");
        for (int i = 0; i < f.soak.size(); i++) {
            Bench.Measured m = f.soak.get(i);
            line("| %d | %d | %.1f | %.1f | %.1f | %.0f | %d, %d |", i + 1, m.signIns(), m.wall().toMillis() / 1000.0, m.cpuPerSignIn(),
                    m.cpuPerSignInWithoutJit(), m.jitMillisPerSecond(), m.jitCounts().compiled(), m.jitCounts().invalidated());
        }
        if (f.soakEmailWait != null && f.soakEmailWait.count() > 0) {
            line("");
            line("From the address form's answer until the code was in the inbox, in the soak: p50 %d, p95 %d, p99 %d ms (n=%d; "
                    + "the random send delay included, 10 to 100 ms in this stack; the inbox read every 25 ms).", f.soakEmailWait.p50(),
                    f.soakEmailWait.p95(), f.soakEmailWait.p99(), f.soakEmailWait.count());
        }
        line("");
        line("Saturation, closed model:");
        line("");
        line("| scenario | people at once | sign-ins | per second | Keycloak CPU ms per sign-in | without JIT | JIT compilations | failed |");
        line("|---|---|---|---|---|---|---|---|");
        f.saturation.forEach(l -> line("| %s | %d | %d | %.1f | %.1f | %.1f | %d | %d |", l.scenario(), l.people(), l.measured().signIns(),
                l.perSecond(), l.measured().cpuPerSignIn(), l.measured().cpuPerSignInWithoutJit(), l.measured().jitCounts().compiled(),
                l.measured().failures()));
        line("");
        if (f.jfr != null) {
            jfr(String.format(Locale.ROOT, "JFR: %d execution samples while %d email-code sign-ins ran (%.1f ms CPU each)",
                    f.jfr.samples(), f.jfrLoad.signIns(), f.jfrLoad.cpuPerSignIn()), f.jfr);
        }
        if (f.restartJfr != null) {
            line("The first email-code sign-ins after one more restart (not among the restarts above), recorded by JFR:");
            line("");
            blocksHeader();
            blocks("profiled restart", f.restartJfrBlocks);
            line("");
            jfr("JFR: " + f.restartJfr.samples() + " execution samples (the JIT compiler's threads and the JVM's own work, such as "
                    + "loading classes, are not sampled)", f.restartJfr);
        }
        if (!f.failureSamples.isEmpty()) {
            line("Failed sign-ins, the first few of each load (step, account, what the page said):");
            line("");
            f.failureSamples.forEach(sample -> line("- %s", sample));
            line("");
        }
    }

    private void jfr(String title, JfrShare jfr) {
        line("%s; the provider's own frames, nearest frame outside the JDK:", title);
        line("");
        line("| frame | samples | share of all |");
        line("|---|---|---|");
        jfr.topProviderFrames().forEach(e -> line("| `%s` | %d | %.2f%% |", e.getKey(), e.getValue(), 100.0 * e.getValue() / jfr.samples()));
        line("");
        line("Where the sampled time went (a frame anywhere on the stack; parts overlap):");
        line("");
        line("| part | samples | share of all |");
        line("|---|---|---|");
        jfr.parts().forEach((part, n) -> line("| %s | %d | %.1f%% |", part, n, 100.0 * n / jfr.samples()));
        line("");
    }

    private void blocksHeader() {
        line("| phase | block | sign-ins | CPU ms | of which JIT ms | CPU ms per sign-in | without JIT | wall s | JIT ms per wall s | JIT compilations, invalidated | AWS calls |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
    }

    private void blocks(String phase, List<Bench.Measured> blocks) {
        blocks.forEach(b -> line("| %s | %s | %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %d, %d | %s |", phase, b.scenario(), b.signIns(),
                b.cpuMillis(), b.jitMillis(), b.cpuPerSignIn(), b.cpuPerSignInWithoutJit(), b.wall().toMillis() / 1000.0,
                b.jitMillisPerSecond(), b.jitCounts().compiled(), b.jitCounts().invalidated(), b.awsCalls()));
    }


    private void line(String pattern, Object... values) {
        out.line(pattern, values);
    }
}
