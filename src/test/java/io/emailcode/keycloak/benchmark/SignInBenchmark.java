package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackPorts;
import io.emailcode.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark: email-code sign-in against password sign-in on one Keycloak, in one run ({@code mvn -Pbenchmark
 * verify}; docs/benchmarks.md). Not part of {@code mvn verify} (its name is not an IT's); its smoke version,
 * {@link HotPathSmokeIT}, is. It fails only when a sign-in fails or a sign-in costs other AWS calls than
 * {@link HotPathBudget}: the targets are reported, met or not, with their figures. The closed model's levels may go
 * past what the node takes (its DynamoDB bulkhead then refuses at once, by design): their failures are reported per
 * level instead.
 */
class SignInBenchmark {

    private static final int USERS = Integer.getInteger("bench.users", 1000);
    private static final int BLOCK = Integer.getInteger("bench.block", 100);
    private static final int BLOCK_PEOPLE = Integer.getInteger("bench.blockPeople", 4);
    private static final int PAIRS = Integer.getInteger("bench.pairs", 4);
    private static final int FIRST_PAIRS = Integer.getInteger("bench.firstPairs", 3);
    private static final Duration LEVEL = Duration.ofSeconds(Integer.getInteger("bench.levelSeconds", 30));
    private static final Duration OPEN = Duration.ofSeconds(Integer.getInteger("bench.openSeconds", 45));
    private static final int HEAP_FIRST = Integer.getInteger("bench.heapAt", 10_000);
    private static final int RESTARTS = Integer.getInteger("bench.restarts", 4);
    private static final Duration DYNAMODB_LATENCY = Duration.ofMillis(10);
    private static final Duration SES_LATENCY = Duration.ofMillis(80);

    private final Figures figures = new Figures();

    @Test
    void emailCodeAgainstPasswordSignIn() throws Exception {
        long started = System.nanoTime();
        Path results = Path.of("target", "benchmark");
        Files.createDirectories(results);
        figures.machine = Machine.describe();
        figures.loadAtStart = Machine.loadAverage();
        keepCompiledCodeOnJavaBefore20();
        figures.keycloakJvm = StackSettings.fromSystemProperties().keycloakJavaOptions().orElse("launcher's quick start");
        try (LocalStack stack = LocalStack.start(StackSettings.fromSystemProperties(), StackPorts.tests(), "benchmark", true);
             Bench bench = new Bench(stack, results)) {
            BenchmarkPhases phases = new BenchmarkPhases(bench, figures, prepare(bench));
            figures.heap.put("after start", bench.keycloak().liveHeap().liveBytes());
            phases.warmUp();
            figures.heap.put("after warm-up (" + bench.recorder.totalSuccesses() + " sign-ins)", bench.keycloak().liveHeap().liveBytes());
            figures.signInsBeforeWarmBlocks = bench.recorder.totalSuccesses();
            phases.alternatingBlocks(PAIRS, BLOCK, BLOCK_PEOPLE, figures.warmBlocks);
            phases.firstAgainstLater(FIRST_PAIRS, BLOCK, BLOCK_PEOPLE);
            phases.saturation(List.of(8, 16, 32), List.of(2, 4, 8), LEVEL);
            phases.open(OPEN, DYNAMODB_LATENCY, SES_LATENCY);
            phases.profile(Duration.ofSeconds(45), 16);
            phases.soakUntil(HEAP_FIRST, 16);
            int firstPoint = soakPoint(bench);
            // A fast machine is past the first point before the soak starts: the points are still that far apart.
            phases.soakUntil(Math.max(2 * HEAP_FIRST, firstPoint + HEAP_FIRST), 16);
            soakPoint(bench);
            figures.soakEmailWait = bench.recorder.percentiles(BenchmarkPhases.SOAK, SignInChains.CODE_EMAIL);
            figures.signInsBeforeSoakedBlocks = bench.recorder.totalSuccesses();
            phases.alternatingBlocks(PAIRS, BLOCK, BLOCK_PEOPLE, figures.soakedBlocks);
            phases.restarts(RESTARTS, BLOCK / 2, BLOCK_PEOPLE);
            phases.profiledRestart(BLOCK / 2, BLOCK_PEOPLE);
            figures.totalSignIns = bench.recorder.totalSuccesses();
            figures.totalFailures = bench.recorder.totalFailures();
            figures.failureSamples = bench.recorder.failureSamples();
        } finally {
            figures.loadAtEnd = Machine.loadAverage();
            figures.durationSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            Path report = results.resolve("results.md");
            Files.writeString(report, new BenchmarkReport(figures).markdown());
            System.out.println("\n" + Files.readString(report) + "\nWritten to " + report.toAbsolutePath());
        }
        assertEquals(0, figures.totalFailures - figures.saturationFailures(), "failed sign-ins: " + figures.failureSamples);
        List<Bench.Measured> linked = new java.util.ArrayList<>(figures.warmBlocks);
        linked.addAll(figures.soakedBlocks);
        assertEquals(BenchmarkReport.expected(), BenchmarkReport.perSignIn(linked, BenchmarkPhases.EMAIL),
                "AWS calls per sign-in of people linked to the pool");
    }

    /** Accounts and settings, before anything is measured. */
    private static BenchmarkPhases.Pools prepare(Bench bench) {
        BenchmarkRealm realm = new BenchmarkRealm(bench.stack.keycloak().baseUrl());
        realm.prepareForLoad();
        realm.addPasswordClient();
        long started = System.nanoTime();
        List<String> email = realm.createUsers("bench-code", USERS, null);
        List<String> first = realm.createUsers("bench-first", FIRST_PAIRS * BLOCK, null);
        List<String> password = realm.createUsers("bench-password", USERS, BenchmarkRealm.PASSWORD);
        System.out.printf("Created %d accounts in %d s%n", email.size() + first.size() + password.size(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());
        return new BenchmarkPhases.Pools(email, first, password, realm.passwordHashing(password.get(0)));
    }

    /** The live heap after a full GC, and what fills it (the largest classes), at one point of the soak. */
    private int soakPoint(Bench bench) {
        int signIns = bench.recorder.totalSuccesses();
        HeapHistogram heap = bench.keycloak().liveHeap();
        figures.heap.put("at " + signIns + " sign-ins", heap.liveBytes());
        heap.writeLargest(bench.results.resolve("heap-at-" + signIns + ".txt"), 40);
        return signIns;
    }

    /**
     * Java 17 to 19 still have the JIT's code cache sweeper, which in long runs threw away almost all compiled code at
     * once (32,503 of 33,644 methods in one sweep) and had the JIT compile it again during the measured blocks; Java 20
     * removed it. Keycloak runs on this JVM's Java (the launcher gives it {@code java.home}), so the test JVM's version
     * decides, whichever Java Maven itself runs on. Each benchmark test calls it; the option is added once.
     */
    static void keepCompiledCodeOnJavaBefore20() {
        String options = System.getProperty("stack.keycloakJavaOptions", "");
        if (Runtime.version().feature() < 20 && !options.contains("-XX:-UseCodeCacheFlushing")) {
            System.setProperty("stack.keycloakJavaOptions", options + " -XX:-UseCodeCacheFlushing");
        }
    }
}
