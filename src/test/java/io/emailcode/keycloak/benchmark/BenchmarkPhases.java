package io.emailcode.keycloak.benchmark;

import io.gatling.javaapi.core.ChainBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's phases, in the order they run, each recording into {@link Figures}. Blocks of the two ways of
 * signing in alternate (and which goes first alternates too), so a trend in the machine's other load or in the JIT
 * falls on both alike and the ratios within a pair stay fair.
 */
final class BenchmarkPhases {

    static final String EMAIL = "email";
    static final String EMAIL_FIRST = "email first";
    static final String PASSWORD = "password";
    static final String SOAK = EMAIL + " soak";

    /** Accounts made before the measurement. */
    record Pools(List<String> email, List<String> first, List<String> password, String passwordHashing) {
    }

    private final Bench bench;
    private final Figures figures;
    private final UserPool email;
    private final UserPool first;
    private final UserPool password;

    BenchmarkPhases(Bench bench, Figures figures, Pools pools) {
        this.bench = bench;
        this.figures = figures;
        this.email = UserPool.cycling(pools.email(), "");
        this.first = UserPool.once(pools.first());
        this.password = UserPool.cycling(pools.password(), BenchmarkRealm.PASSWORD);
        figures.emailUsers = pools.email().size();
        figures.firstSignInUsers = pools.first().size();
        figures.passwordUsers = pools.password().size();
        figures.passwordHashing = pools.passwordHashing();
    }

    /**
     * Every email-code account signs in once (its first sign-in, which links it to the Cognito pool), and as many
     * password sign-ins, in halves that alternate: the JIT compiles both paths before anything is compared.
     */
    void warmUp() {
        int half = email.size() / 2;
        for (int round = 0; round < 2; round++) {
            double mirrored = bench.mirroredUsers();
            figures.warmUp.add(bench.block("warm-up email " + (round + 1), EMAIL_FIRST, () -> emailChain(EMAIL_FIRST), email, 8, half,
                    () -> bench.mirroredUsers() >= mirrored + half));
            figures.warmUp.add(bench.block("warm-up password " + (round + 1), PASSWORD, () -> passwordChain(PASSWORD), password, 4, half,
                    () -> true));
        }
    }

    void alternatingBlocks(int pairs, int size, int people, List<Bench.Measured> into) {
        for (int pair = 0; pair < pairs; pair++) {
            boolean emailFirst = pair % 2 == 0;
            for (int i = 0; i < 2; i++) {
                into.add(emailFirst == (i == 0) ? emailBlock("block " + pair, size, people) : passwordBlock("block " + pair, size, people));
            }
        }
    }

    /** First sign-ins (the mirror creates the pool user, after the response) against later ones of linked users. */
    void firstAgainstLater(int pairs, int size, int people) {
        for (int pair = 0; pair < pairs; pair++) {
            for (int i = 0; i < 2; i++) {
                if ((pair % 2 == 0) == (i == 0)) {
                    double mirrored = bench.mirroredUsers();
                    figures.firstAndLater.add(bench.block("first sign-ins " + pair, EMAIL_FIRST, () -> emailChain(EMAIL_FIRST), first,
                            people, size, () -> bench.mirroredUsers() >= mirrored + size));
                } else {
                    figures.firstAndLater.add(emailBlock("later sign-ins " + pair, size, people));
                }
            }
        }
    }

    /** The closed model at rising concurrency, the two ways of signing in alternating level by level. */
    void saturation(List<Integer> emailPeople, List<Integer> passwordPeople, Duration each) {
        for (int level = 0; level < emailPeople.size(); level++) {
            int e = emailPeople.get(level);
            int p = passwordPeople.get(level);
            String emailName = EMAIL + " closed " + e;
            figures.saturation.add(new Figures.Level(EMAIL, e, each, bench.load(emailName,
                    () -> LoadPlan.closed(emailName, emailChain(emailName), email, e, each), emailName, false)));
            String passwordName = PASSWORD + " closed " + p;
            figures.saturation.add(new Figures.Level(PASSWORD, p, each, bench.load(passwordName,
                    () -> LoadPlan.closed(passwordName, passwordChain(passwordName), password, p, each), passwordName, false)));
        }
    }

    /**
     * The open model at half of each way's saturation rate: first as the emulators answer, then with realistic AWS
     * latency injected by the loopback proxies, which is what a person waits for at each step.
     */
    void open(Duration each, Duration dynamodb, Duration ses) {
        for (String scenario : List.of(EMAIL, PASSWORD)) {
            figures.openRates.put(scenario, saturationRate(scenario) / 2);
        }
        for (boolean latency : List.of(false, true)) {
            bench.stack.dynamodbProxy().setLatency(latency ? dynamodb : Duration.ZERO);
            bench.stack.sesProxy().setLatency(latency ? ses : Duration.ZERO);
            try {
                for (String scenario : List.of(EMAIL, PASSWORD)) {
                    String name = scenario + (latency ? " open with AWS latency" : " open");
                    UserPool users = scenario.equals(EMAIL) ? email : password;
                    double rate = figures.openRates.get(scenario);
                    Bench.Measured measured = bench.load(name, () -> LoadPlan.open(name,
                            scenario.equals(EMAIL) ? emailChain(name) : passwordChain(name), users, rate, each), name, true);
                    (latency ? figures.openWithLatency : figures.open).add(measured);
                    steps(scenario, name, latency ? figures.latencySteps : figures.openSteps);
                }
            } finally {
                bench.stack.dynamodbProxy().setLatency(Duration.ZERO);
                bench.stack.sesProxy().setLatency(Duration.ZERO);
            }
        }
    }

    /** A flight recording of Keycloak during email-code sign-ins only. */
    void profile(Duration duration, int people) {
        String name = EMAIL + " profiled";
        figures.jfr = recorded("email-code.jfr", () -> figures.jfrLoad = bench.load(name,
                () -> LoadPlan.closed(name, emailChain(name), email, people, duration), name, false));
    }

    /**
     * One more restart, not counted with the others: a flight recording of the first email-code sign-ins of a fresh
     * server (two blocks, nothing else before them), which tells how much of a young node's cost is the provider's.
     */
    void profiledRestart(int size, int people) {
        restartKeycloak();
        figures.restartJfr = recorded("email-code-after-restart.jfr", () -> {
            for (int i = 0; i < 2; i++) {
                figures.restartJfrBlocks.add(emailBlock("profiled restart", size, people));
            }
        });
    }

    /** Runs the load under a flight recording of Keycloak written to {@code file}, and reads it. */
    private JfrShare recorded(String file, Runnable load) {
        return JfrShare.of(bench.recorded(file, load));
    }

    /** Keycloak stopped and started as in a deploy; returns how long the start took, in seconds. */
    private long restartKeycloak() {
        long seconds = bench.stack.restartKeycloak().toSeconds();
        bench.attach();
        return seconds;
    }

    /** Email-code sign-ins until the run has done {@code signIns} in all. */
    void soakUntil(int signIns, int people) {
        while (bench.recorder.totalSuccesses() < signIns) {
            String name = SOAK;
            double rate = Math.max(1, saturationRate(EMAIL));
            long seconds = Math.max(10, Math.min(120, Math.round((signIns - bench.recorder.totalSuccesses()) / rate)));
            figures.soak.add(bench.load(name, () -> LoadPlan.closed(name, emailChain(name), email, people,
                    Duration.ofSeconds(seconds)), name, false));
        }
    }

    /** Keycloak restarted as in a deploy, then alternating blocks at once: the first minute of a fresh server. */
    void restarts(int restarts, int size, int people) {
        for (int n = 0; n < restarts; n++) {
            long startSeconds = restartKeycloak();
            boolean emailFirst = n % 2 == 0;
            List<Bench.Measured> blocks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                blocks.add(emailFirst == (i % 2 == 0) ? emailBlock("restart " + n, size, people) : passwordBlock("restart " + n, size, people));
            }
            figures.restarts.add(new Figures.Restart(n + 1, emailFirst ? EMAIL : PASSWORD, startSeconds, blocks));
        }
    }

    private Bench.Measured emailBlock(String name, int size, int people) {
        return bench.block(name + " email", EMAIL, () -> emailChain(EMAIL), email, people, size, () -> true);
    }

    private Bench.Measured passwordBlock(String name, int size, int people) {
        return bench.block(name + " password", PASSWORD, () -> passwordChain(PASSWORD), password, people, size, () -> true);
    }

    private ChainBuilder emailChain(String scenario) {
        return bench.chains.emailCode(scenario, BenchmarkRealm.EMAIL_CLIENT);
    }

    private ChainBuilder passwordChain(String scenario) {
        return bench.chains.password(scenario, BenchmarkRealm.PASSWORD_CLIENT);
    }

    private double saturationRate(String scenario) {
        return figures.saturation.stream().filter(l -> l.scenario().equals(scenario))
                .mapToDouble(Figures.Level::perSecond).max().orElse(1);
    }

    private void steps(String scenario, String name, java.util.Map<String, LoadRecorder.Percentiles> into) {
        List<String> steps = scenario.equals(EMAIL) ? SignInChains.EMAIL_CODE_STEPS : SignInChains.PASSWORD_STEPS;
        steps.forEach(step -> into.put(scenario + " / " + step, bench.recorder.percentiles(name, step)));
    }
}
