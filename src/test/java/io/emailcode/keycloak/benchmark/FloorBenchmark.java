package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.StackPorts;
import io.emailcode.stack.StackSettings;
import io.gatling.javaapi.core.ChainBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The floor: the same OIDC sign-in through a flow whose only step is Keycloak's own Username Form, against the
 * email-code sign-in (in the browser and on an app's screen), Keycloak's own two pages (Username Form, then OTP Form)
 * and the password sign-in, on one Keycloak ({@code mvn -Pbenchmark verify}, before {@link SignInBenchmark};
 * alone with {@code -Dit.test=FloorBenchmark}; docs/benchmarks.md). After a warm-up of every way, rounds of one block
 * per way, which way goes first turning round by round, give the ratios within each round, each way as fast as its
 * people go and then every way at one rate ({@link #PACE}); two blocks under a
 * flight recording split the email-code sign-in's CPU into parts ({@link JfrParts}); then Keycloak restarts, each
 * followed at once by one block per way (the first minute of a fresh server), as fast as they go and then at one
 * rate, and one more restart under a flight recording. Fails only when a sign-in fails; the targets are reported, met or not.
 */
class FloorBenchmark {

    static final String EMAIL = BenchmarkPhases.EMAIL;
    static final String PASSWORD = BenchmarkPhases.PASSWORD;
    static final String FLOOR = "floor";
    /** The same sign-in on an app's own screen (the authorization challenge endpoint), by the email-code people. */
    static final String APP = "app";
    /** Keycloak's own two pages: its Username Form, then its OTP Form (what a second page costs without the product). */
    static final String TWO_PAGES = "two pages";
    static final List<String> WAYS = List.of(EMAIL, APP, TWO_PAGES, FLOOR, PASSWORD);
    /** The TOTP secret every two-page person shares (Keycloak stores it as given; benchmark accounts only). */
    private static final String TOTP_SECRET = "benchmark-two-pages-secret";

    private static final int WARM_UP = Integer.getInteger("bench.floorWarmUp", 300);
    private static final int BLOCK = Integer.getInteger("bench.block", 100);
    private static final int PEOPLE = Integer.getInteger("bench.blockPeople", 4);
    /**
     * Sign-ins per way after the warm-up, on the warm-up's people, before the rounds (password: a tenth, its cost is
     * argon2's): a node that has served this many runs the product's code as compiled as Keycloak's, which every way
     * shares (the AWS SDK's calls take some 20,000 to reach their settled cost; docs/benchmarks.md).
     */
    private static final int SETTLE = Integer.getInteger("bench.floorSettle", 0);
    private static final int SETTLE_BLOCK = 500;
    /** The step's largest hourly budget per address, which the email-code and app ways' people share. */
    private static final int ADDRESS_BUDGET = 100;
    /** How long Keycloak's background CPU is measured, before the rounds and after them. */
    private static final Duration IDLE = Duration.ofSeconds(15);
    /** As many as there are ways, so that each way goes first in one round. */
    private static final int ROUNDS = Integer.getInteger("bench.floorRounds", WAYS.size());
    /**
     * How often each person of the paced rounds starts a sign-in: every way then runs at the same rate (people per
     * pace), so Keycloak is as busy between one way's requests as between another's. As fast as they go, an email-code
     * person signs in every 160 to 175 ms here (most of it waiting for the email), a floor person every 16 to 19 ms; 0
     * leaves the paced rounds out.
     */
    static final Duration PACE = Duration.ofMillis(Integer.getInteger("bench.pace", 250));
    /** As many as there are ways, so that each way is the first after a restart once. */
    private static final int RESTARTS = Integer.getInteger("bench.floorRestarts", WAYS.size());
    /** Records every JIT compilation of Keycloak from each start ({@link JfrCompilations}): whose code it compiles warm. */
    private static final boolean COMPILATIONS = Boolean.getBoolean("bench.compilations");
    /** Samples every Keycloak JVM's execution from its start ({@link JfrProfiles}): each way's parts, none biased. */
    private static final boolean PROFILE_FROM_START = Boolean.getBoolean("bench.profileFromStart");

    private final FloorFigures figures = new FloorFigures();
    private Bench bench;
    private UserPool email;
    private UserPool password;
    private UserPool floor;
    private UserPool twoPages;

    @Test
    void emailCodeAgainstKeycloaksOwnUsernameForm() throws Exception {
        requireAddressBudget();
        long started = System.nanoTime();
        Path results = Path.of("target", "benchmark");
        Files.createDirectories(results);
        figures.loadAtStart = Machine.loadAverage();
        figures.machine = Machine.describe(); // before -Dbench.keycloakCpus leaves this JVM fewer CPUs
        SignInBenchmark.keepCompiledCodeOnJavaBefore20();
        Optional<Path> compilations = COMPILATIONS ? Optional.of(JfrCompilations.recordFromStart(results)) : Optional.empty();
        Optional<Path> profiles = PROFILE_FROM_START ? Optional.of(JfrProfiles.recordFromStart(results)) : Optional.empty();
        figures.keycloakJvm = StackSettings.fromSystemProperties().keycloakJavaOptions().orElse("launcher's quick start");
        try (LocalStack stack = LocalStack.start(StackSettings.fromSystemProperties(), StackPorts.tests(), "benchmark", true);
             Bench opened = new Bench(stack, results)) {
            bench = opened;
            figures.cpus = opened.cpus();
            prepare();
            warmUp();
            settle();
            figures.idleMillisPerSecond.add(bench.idleMillisPerSecond(IDLE));
            for (int round = 0; round < ROUNDS; round++) {
                figures.warmRounds.add(round("round " + round, BLOCK, round, Duration.ZERO));
            }
            for (int round = 0; round < pacedRounds(); round++) {
                figures.pacedRounds.add(round("paced round " + round, BLOCK, round, PACE));
            }
            figures.pace = PACE;
            figures.idleMillisPerSecond.add(bench.idleMillisPerSecond(IDLE));
            figures.warmEmailJfr = recorded("floor-email.jfr", () -> figures.warmJfrBlocks.add(block("profiled", EMAIL, BLOCK)));
            figures.warmFloorJfr = recorded("floor-floor.jfr", () -> figures.warmJfrBlocks.add(block("profiled", FLOOR, BLOCK)));
            for (int n = 0; n < RESTARTS; n++) {
                figures.restartSeconds.add(restart());
                figures.restartRounds.add(round("restart " + n, BLOCK / 2, n, Duration.ZERO));
            }
            for (int n = 0; n < pacedRestarts(); n++) {
                figures.restartSeconds.add(restart());
                figures.pacedRestartRounds.add(round("paced restart " + n, BLOCK / 2, n, PACE));
            }
            figures.restartSeconds.add(restart());
            figures.restartEmailJfr = recorded("floor-email-after-restart.jfr",
                    () -> figures.restartJfrBlocks.add(block("profiled restart", EMAIL, BLOCK / 2)));
            figures.restartFloorJfr = recorded("floor-floor-after-restart.jfr",
                    () -> figures.restartJfrBlocks.add(block("profiled restart", FLOOR, BLOCK / 2)));
            figures.totalSignIns = bench.recorder.totalSuccesses();
            figures.totalFailures = bench.recorder.totalFailures();
            figures.failureSamples = bench.recorder.failureSamples();
        } finally {
            // Keycloak has stopped: each of its JVMs has written its recordings kept from its start.
            figures.warmCompilations = compilations.map(JfrCompilations::readAll).orElse(null);
            figures.profiles = profiles.map(JfrProfiles::readAll).orElse(null);
            figures.loadAtEnd = Machine.loadAverage();
            figures.durationSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            Path report = results.resolve("floor.md");
            Files.writeString(report, new FloorReport(figures).markdown());
            System.out.println("\n" + Files.readString(report) + "\nWritten to " + report.toAbsolutePath());
        }
        assertEquals(0, figures.totalFailures, "failed sign-ins: " + figures.failureSamples);
    }

    private void prepare() {
        BenchmarkRealm realm = new BenchmarkRealm(bench.stack.keycloak().baseUrl());
        realm.prepareForLoad();
        // Each way's warm-up people sign in again and again: no cooldown between one address's codes (its check, a
        // condition of the same DynamoDB transaction, is made all the same).
        realm.updateStepSettings("email code browser", Map.of("resend.cooldown.seconds", "0"));
        realm.updateStepSettings(BenchmarkRealm.APP_FLOW, Map.of("resend.cooldown.seconds", "0"));
        realm.addPasswordClient();
        realm.addFloorClient();
        realm.addTwoPagesClient();
        email = UserPool.cycling(realm.createUsers("floor-code", WARM_UP, null), "");
        floor = UserPool.cycling(realm.createUsers("floor-floor", WARM_UP, null), "");
        twoPages = UserPool.cycling(realm.createUsersWithTotp("floor-two-pages", WARM_UP, TOTP_SECRET), "");
        password = UserPool.cycling(realm.createUsers("floor-password", WARM_UP, BenchmarkRealm.PASSWORD), BenchmarkRealm.PASSWORD);
        figures.passwordHashing = realm.passwordHashing(password.addresses().get(0));
    }

    /**
     * {@code WARM_UP} sign-ins of each way, every account of its pool once, in two halves that alternate; the
     * email-code sign-ins are first sign-ins that link their people to the Cognito pool (a half ends when the mirror
     * has), so every later one is a linked person's.
     */
    private void warmUp() {
        int half = WARM_UP / 2;
        for (int round = 0; round < 2; round++) {
            double mirrored = bench.mirroredUsers();
            figures.warmUp.add(bench.block("floor warm-up email " + round, BenchmarkPhases.EMAIL_FIRST,
                    () -> chain(BenchmarkPhases.EMAIL_FIRST), email, PEOPLE, half, () -> bench.mirroredUsers() >= mirrored + half));
            figures.warmUp.add(block("floor warm-up " + round, APP, half));
            figures.warmUp.add(block("floor warm-up " + round, TWO_PAGES, half));
            figures.warmUp.add(block("floor warm-up " + round, PASSWORD, half));
            figures.warmUp.add(block("floor warm-up " + round, FLOOR, half));
        }
    }

    /** {@code SETTLE} more sign-ins per way in blocks that alternate, kept with the warm-up's (nothing compared). */
    private void settle() {
        for (int done = 0; done < SETTLE; done += SETTLE_BLOCK) {
            int size = Math.min(SETTLE_BLOCK, SETTLE - done);
            for (String way : WAYS) {
                int wayShare = PASSWORD.equals(way) ? size / 10 : size;
                if (wayShare > 0) {
                    figures.warmUp.add(block("floor settle " + done / SETTLE_BLOCK, way, wayShare));
                }
            }
        }
    }

    /** Fails at once when the email-code people would run out of their hourly budget before the run ends. */
    private static void requireAddressBudget() {
        double perAddress = 2.0 * (SETTLE + (ROUNDS + pacedRounds()) * BLOCK + (RESTARTS + pacedRestarts()) * BLOCK / 2.0
                + 2 * BLOCK) / WARM_UP + 2;
        if (perAddress > ADDRESS_BUDGET) {
            throw new IllegalArgumentException(String.format("bench.floorSettle=%d with %d accounts per way: %.0f codes per "
                    + "address, more than the step's budget of %d an hour; raise bench.floorWarmUp", SETTLE, WARM_UP,
                    perAddress, ADDRESS_BUDGET));
        }
    }

    /** The rounds with every way at one rate: as many as the others, none without a pace. */
    private static int pacedRounds() {
        return PACE.isZero() ? 0 : ROUNDS;
    }

    /** The restarts whose first minute runs every way at one rate: as many as the others, none without a pace. */
    private static int pacedRestarts() {
        return PACE.isZero() ? 0 : RESTARTS;
    }

    /** One block of each way; {@code turn} decides which goes first, so each way leads in turn. */
    private List<Bench.Measured> round(String name, int size, int turn, Duration pace) {
        List<Bench.Measured> blocks = new ArrayList<>();
        for (int i = 0; i < WAYS.size(); i++) {
            blocks.add(block(name, WAYS.get((turn + i) % WAYS.size()), size, pace));
        }
        return blocks;
    }

    private Bench.Measured block(String name, String way, int size) {
        return block(name, way, size, Duration.ZERO);
    }

    private Bench.Measured block(String name, String way, int size, Duration pace) {
        UserPool users = switch (way) {
            case EMAIL, APP -> email;
            case PASSWORD -> password;
            case TWO_PAGES -> twoPages;
            default -> floor;
        };
        return bench.block(name + " " + way, way, () -> chain(way), users, PEOPLE, size, pace, () -> true);
    }

    private ChainBuilder chain(String scenario) {
        return switch (scenario) {
            case PASSWORD -> bench.chains.password(scenario, BenchmarkRealm.PASSWORD_CLIENT);
            case FLOOR -> bench.chains.usernameOnly(scenario, BenchmarkRealm.FLOOR_CLIENT);
            case TWO_PAGES -> bench.chains.twoPages(scenario, BenchmarkRealm.TWO_PAGES_CLIENT,
                    TOTP_SECRET.getBytes(StandardCharsets.UTF_8));
            case APP -> bench.chains.appScreen(scenario, BenchmarkRealm.APP_CLIENT);
            default -> bench.chains.emailCode(scenario, BenchmarkRealm.EMAIL_CLIENT);
        };
    }

    /** Keycloak stopped and started as in a deploy; returns how long the start took, in seconds. */
    private long restart() {
        long seconds = bench.stack.restartKeycloak().toSeconds();
        bench.attach();
        return seconds;
    }

    private JfrParts recorded(String file, Runnable load) {
        return JfrParts.of(bench.recorded(file, load));
    }

    /** Everything one run measured. */
    static final class FloorFigures {
        String machine;
        String loadAtStart;
        String loadAtEnd;
        String keycloakJvm;
        String cpus;
        String passwordHashing;
        final List<Bench.Measured> warmUp = new ArrayList<>();
        final List<List<Bench.Measured>> warmRounds = new ArrayList<>();
        /** The same rounds with every way's people starting a sign-in at most every {@link #pace}. */
        final List<List<Bench.Measured>> pacedRounds = new ArrayList<>();
        Duration pace = Duration.ZERO;
        /** Keycloak's CPU per second without the JIT compiler while no one signs in, before the rounds and after them. */
        final List<Double> idleMillisPerSecond = new ArrayList<>();
        JfrCompilations warmCompilations;
        JfrProfiles profiles;
        final List<Bench.Measured> warmJfrBlocks = new ArrayList<>();
        JfrParts warmEmailJfr;
        JfrParts warmFloorJfr;
        final List<Long> restartSeconds = new ArrayList<>();
        final List<List<Bench.Measured>> restartRounds = new ArrayList<>();
        /** The first minute of more restarts, every way's people starting a sign-in at most every {@link #pace}. */
        final List<List<Bench.Measured>> pacedRestartRounds = new ArrayList<>();
        final List<Bench.Measured> restartJfrBlocks = new ArrayList<>();
        JfrParts restartEmailJfr;
        JfrParts restartFloorJfr;
        int totalSignIns;
        int totalFailures;
        List<String> failureSamples = List.of();
        long durationSeconds;
    }
}
