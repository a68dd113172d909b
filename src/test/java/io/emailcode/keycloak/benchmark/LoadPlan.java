package io.emailcode.keycloak.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one Gatling run does, handed to {@link SignInLoad} (Gatling creates simulations by reflection, so the plan of
 * the run in progress is handed over here). Gatling's DSL only works inside a run, so the plan holds how to build the
 * load, not the load itself: the builders below are called from the simulation. Workload models:
 * <ul>
 *   <li>{@link #closed}: a fixed number of people, each signing in again as soon as they are in (saturation);</li>
 *   <li>{@link #open}: new people arriving at a fixed rate whatever the server does (latency at a given load);</li>
 *   <li>{@link #block}: a fixed number of sign-ins by a few people, with Keycloak's CPU time from the first request
 *       to the last response (the alternating blocks that CPU ratios come from).</li>
 * </ul>
 */
public final class LoadPlan {

    private static final Duration SETTLE_POLL = Duration.ofMillis(250);

    private static volatile LoadPlan current;

    private final URI keycloak;
    private final Supplier<PopulationBuilder> population;
    private final Duration maxDuration;

    private LoadPlan(URI keycloak, Supplier<PopulationBuilder> population, Duration maxDuration) {
        this.keycloak = keycloak;
        this.population = population;
        this.maxDuration = maxDuration;
    }

    /** @param population called inside the run, where Gatling's DSL works */
    public static LoadPlan of(URI keycloak, Duration maxDuration, Supplier<PopulationBuilder> population) {
        return new LoadPlan(keycloak, population, maxDuration);
    }

    /** Always {@code people} signing in for {@code duration}: when one is in, the next one starts (Gatling's closed model). */
    public static PopulationBuilder closed(String name, ChainBuilder signIn, UserPool users, int people, Duration duration) {
        return scenario(name).feed(users.feeder()).exec(signIn)
                .injectClosed(io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers(people).during(duration));
    }

    /** New people at {@code perSecond}, each signing in once, for {@code duration}. */
    public static PopulationBuilder open(String name, ChainBuilder signIn, UserPool users, double perSecond, Duration duration) {
        return scenario(name).feed(users.feeder()).exec(signIn).injectOpen(constantUsersPerSec(perSecond).during(duration));
    }

    /**
     * {@code signIns} sign-ins by {@code people} at once, measured as a block: Keycloak's CPU time from the moment the
     * first person starts until the last one is done and {@code settled} holds (e.g. the Cognito mirror has caught up).
     */
    public static PopulationBuilder block(String name, String scenario, ChainBuilder signIn, UserPool users, int people,
                                          int signIns, KeycloakProcess keycloak, LoadRecorder recorder, BooleanSupplier settled) {
        return block(name, scenario, signIn, users, people, signIns, Duration.ZERO, keycloak, recorder, settled);
    }

    /**
     * As {@link #block(String, String, ChainBuilder, UserPool, int, int, KeycloakProcess, LoadRecorder, BooleanSupplier)},
     * each person starting a sign-in at most every {@code pace} (Gatling's pace; zero: as soon as the last is done), so
     * that ways whose people would otherwise sign in at different rates keep Keycloak equally busy.
     */
    public static PopulationBuilder block(String name, String scenario, ChainBuilder signIn, UserPool users, int people,
                                          int signIns, Duration pace, KeycloakProcess keycloak, LoadRecorder recorder,
                                          BooleanSupplier settled) {
        BlockProbe probe = new BlockProbe(name, scenario, people, keycloak, recorder);
        AtomicInteger arrived = new AtomicInteger();
        ChainBuilder one = feed(users.feeder()).exec(signIn);
        // Each person's share of the block; the first ones take one more when people do not divide the sign-ins.
        ChainBuilder each = exec(repeat(session -> session.getInt("share")).on(pace.isZero() ? one : exec(pace(pace)).exec(one)));
        return scenario(name)
                .exec(session -> {
                    probe.started();
                    int person = arrived.getAndIncrement();
                    return session.set("share", signIns / people + (person < signIns % people ? 1 : 0));
                })
                .exec(each)
                // One person waits for the block to settle, and looks rarely: every look reads Keycloak's whole
                // metrics endpoint, Keycloak CPU that would otherwise be charged to the block.
                .exec(session -> session.set("last", probe.shareDone()))
                .doIf(session -> session.getBoolean("last")).then(
                        io.gatling.javaapi.core.CoreDsl.asLongAsDuring(session -> !settled.getAsBoolean(), Duration.ofSeconds(60))
                                .on(io.gatling.javaapi.core.CoreDsl.pause(SETTLE_POLL)))
                .exec(session -> {
                    probe.finished();
                    return session;
                })
                .injectOpen(atOnceUsers(people));
    }

    static void hand(LoadPlan plan) {
        current = plan;
    }

    static LoadPlan current() {
        LoadPlan plan = current;
        if (plan == null) {
            throw new IllegalStateException("SignInLoad runs only inside GatlingRun, which hands it a plan");
        }
        return plan;
    }

    HttpProtocolBuilder protocol() {
        return http.baseUrl(keycloak.toString()).disableFollowRedirect().disableWarmUp().disableCaching()
                .userAgentHeader("Mozilla/5.0 (benchmark)").acceptLanguageHeader("en");
    }

    PopulationBuilder population() {
        return population.get();
    }

    Duration maxDuration() {
        return maxDuration;
    }

    /** Keycloak's CPU time over one block: taken by the first person in, read by the last one out. */
    private static final class BlockProbe {
        private final String name;
        private final String scenario;
        private final int people;
        private final KeycloakProcess keycloak;
        private final LoadRecorder recorder;
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger left = new AtomicInteger();
        private final AtomicInteger sharesDone = new AtomicInteger();
        private final AtomicLong cpuAtStart = new AtomicLong();
        private final AtomicLong jitAtStart = new AtomicLong();
        private final AtomicLong startNanos = new AtomicLong();
        private final AtomicInteger successesAtStart = new AtomicInteger();
        private final AtomicInteger failuresAtStart = new AtomicInteger();

        BlockProbe(String name, String scenario, int people, KeycloakProcess keycloak, LoadRecorder recorder) {
            this.name = name;
            this.scenario = scenario;
            this.people = people;
            this.keycloak = keycloak;
            this.recorder = recorder;
        }

        void started() {
            if (inside.getAndIncrement() == 0) {
                successesAtStart.set(recorder.successes(scenario));
                failuresAtStart.set(recorder.failures(scenario));
                startNanos.set(System.nanoTime());
                jitAtStart.set(keycloak.jitMillis());
                cpuAtStart.set(keycloak.cpuMillis());
            }
        }

        /** @return whether this was the last person's share of the block's sign-ins */
        boolean shareDone() {
            return sharesDone.incrementAndGet() == people;
        }

        void finished() {
            if (left.incrementAndGet() == people) {
                long cpu = keycloak.cpuMillis() - cpuAtStart.get();
                long jit = keycloak.jitMillis() - jitAtStart.get();
                recorder.block(new LoadRecorder.Block(name, scenario, recorder.successes(scenario) - successesAtStart.get(),
                        recorder.failures(scenario) - failuresAtStart.get(), cpu, jit, Duration.ofNanos(System.nanoTime() - startNanos.get())));
            }
        }
    }
}
