package io.emailcode.keycloak.benchmark;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.SesInbox;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One benchmark's stack seen from the load generator: runs a load, and measures what it cost Keycloak (CPU from the
 * OS) and AWS (calls from the provider's own counters), after every email handed over is out.
 */
final class Bench implements AutoCloseable {

    final LocalStack stack;
    final LoadRecorder recorder = new LoadRecorder();
    final CodeInbox inbox;
    final SignInChains chains;
    final Path results;
    private final Optional<CpuPinning> pinning = CpuPinning.fromSystemProperty();
    private KeycloakProcess keycloak;

    /** What one load cost: sign-ins, Keycloak's CPU time (of which its JIT compiler's) and the AWS calls made meanwhile. */
    record Measured(String scenario, int signIns, int failures, long cpuMillis, long jitMillis, Instant started, Duration wall,
                    Map<String, Long> awsCalls, KeycloakProcess.JitCounts jitCounts) {
        double cpuPerSignIn() {
            return signIns == 0 ? Double.NaN : (double) cpuMillis / signIns;
        }

        /** Without the JIT compiler's threads: what the sign-ins cost once the JVM has compiled their code. */
        double cpuPerSignInWithoutJit() {
            return signIns == 0 ? Double.NaN : (double) (cpuMillis - jitMillis) / signIns;
        }

        /**
         * The JIT compiler's CPU per second of the load's wall time: near a constant while the compiler works through
         * a backlog at its own pace (then each load is charged for its duration, not for its code), near 0 once the
         * JVM has settled.
         */
        double jitMillisPerSecond() {
            return jitMillis / wallSeconds();
        }

        /**
         * Without the JIT compiler's threads and without Keycloak's background work ({@code idleMillisPerSecond}, what it
         * costs while no one signs in) for as long as the block ran: a block is charged its duration's share of
         * Keycloak's timers and scheduled tasks, so a way whose sign-ins take longer (the email-code ones wait for their
         * email) would otherwise be charged more of that per sign-in.
         */
        double cpuPerSignInBeyondIdle(double idleMillisPerSecond) {
            return cpuPerSignInWithoutJit() - idleMillisPerSecond * wallSeconds() / signIns;
        }

        double perSecond() {
            return signIns / wallSeconds();
        }

        private double wallSeconds() {
            return wall.toMillis() / 1000.0;
        }
    }

    Bench(LocalStack stack, Path results) {
        this.stack = stack;
        this.results = results;
        this.inbox = new CodeInbox(new SesInbox(stack.ses().endpoint()), code -> { });
        this.chains = new SignInChains(BenchmarkRealm.REALM, recorder, inbox);
        attach();
    }

    /** After a restart: Keycloak's new JVM, on its CPUs if they are set apart. */
    void attach() {
        long pid = stack.keycloak().javaPid();
        keycloak = new KeycloakProcess(pid);
        pinning.ifPresent(cpus -> cpus.apply(pid));
    }

    /** Where the processes run: shared CPUs, or Keycloak on CPUs of its own ({@link CpuPinning}). */
    String cpus() {
        return pinning.map(CpuPinning::describe).orElse("every process on every CPU");
    }

    KeycloakProcess keycloak() {
        return keycloak;
    }

    int managementPort() {
        return stack.ports().keycloak() + 1000;
    }

    ProviderMetrics metrics() {
        return ProviderMetrics.read(managementPort());
    }

    /**
     * Keycloak's CPU per second, without the JIT compiler's threads, over {@code span} while no load runs: its timers,
     * scheduled tasks and recordings, the product's (the mirror's retry scan) among them.
     */
    double idleMillisPerSecond(Duration span) {
        awaitEmailsOut();
        long cpu = keycloak.cpuMillis() - keycloak.jitMillis();
        long started = System.nanoTime();
        Machine.sleep(span);
        double seconds = (System.nanoTime() - started) / 1e9;
        return (keycloak.cpuMillis() - keycloak.jitMillis() - cpu) / seconds;
    }

    /** A block: {@code signIns} by {@code people}, CPU measured inside the load from the first request to the last answer. */
    Measured block(String name, String scenario, Supplier<ChainBuilder> signIn, UserPool users, int people, int signIns,
                   BooleanSupplier settled) {
        return block(name, scenario, signIn, users, people, signIns, Duration.ZERO, settled);
    }

    /** As above, each person starting a sign-in at most every {@code pace} ({@link LoadPlan#block}). */
    Measured block(String name, String scenario, Supplier<ChainBuilder> signIn, UserPool users, int people, int signIns,
                   Duration pace, BooleanSupplier settled) {
        int blocksBefore = recorder.blocks().size();
        Map<String, Long> before = metrics().awsCalls();
        KeycloakProcess measured = keycloak;
        // Read outside the block's CPU window (jstat is a JVM of its own on the same cores).
        KeycloakProcess.JitCounts compiled = keycloak.jitCounts();
        Instant started = Instant.now();
        run(() -> LoadPlan.block(name, scenario, signIn.get(), users, people, signIns, pace, measured, recorder, settled), name, false);
        LoadRecorder.Block block = recorder.blocks().get(blocksBefore);
        return new Measured(scenario, block.signIns(), block.failures(), block.cpuMillis(), block.jitMillis(), started, block.wall(),
                ProviderMetrics.delta(before, metrics().awsCalls()), keycloak.jitCounts().since(compiled));
    }

    /** Any other load (closed or open model): CPU measured around Gatling's run. */
    Measured load(String scenario, Supplier<PopulationBuilder> population, String name, boolean report) {
        int successes = recorder.successes(scenario);
        int failures = recorder.failures(scenario);
        Map<String, Long> before = metrics().awsCalls();
        KeycloakProcess.JitCounts compiled = keycloak.jitCounts();
        long jit = keycloak.jitMillis();
        long cpu = keycloak.cpuMillis();
        Instant at = Instant.now();
        long started = System.nanoTime();
        run(population, name, report);
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Measured(scenario, recorder.successes(scenario) - successes, recorder.failures(scenario) - failures,
                keycloak.cpuMillis() - cpu, keycloak.jitMillis() - jit, at, wall, ProviderMetrics.delta(before, metrics().awsCalls()),
                keycloak.jitCounts().since(compiled));
    }

    private void run(Supplier<PopulationBuilder> population, String name, boolean report) {
        System.out.printf("%n=== %s (load average %s)%n", name, Machine.loadAverage());
        int status = GatlingRun.run(LoadPlan.of(stack.keycloak().baseUrl(), Duration.ofMinutes(20), population),
                results.resolve("gatling"), name, report);
        if (status != 0) {
            throw new IllegalStateException("Gatling's run '" + name + "' ended with status " + status);
        }
        awaitEmailsOut();
    }

    /** Emails leave after the response; a load is over once the last one is out. */
    void awaitEmailsOut() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (metrics().codeEmailsOut()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("code emails were still waiting to be sent after 60 s");
            }
            Machine.sleep(Duration.ofMillis(100));
        }
    }

    /** Runs the load under a flight recording of Keycloak ({@code settings=profile}) written to {@code file}; returns its path. */
    Path recorded(String file, Runnable load) {
        Path recording = results.resolve(file).toAbsolutePath();
        keycloak.startRecording("benchmark");
        try {
            load.run();
        } finally {
            keycloak.stopRecording("benchmark", recording);
        }
        return recording;
    }

    double mirroredUsers() {
        return metrics().sum(ProviderMetrics.MIRROR, "operation", "sync", "outcome", "created");
    }

    @Override
    public void close() {
        inbox.close();
    }
}
