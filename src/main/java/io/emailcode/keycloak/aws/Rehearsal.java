package io.emailcode.keycloak.aws;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.emailcode.keycloak.settings.IntOption;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Runs the hot path's AWS calls at server start against {@link LoopbackAws}, so the first sign-ins after a start do not
 * pay for what a fresh JVM does on a first call: loading the SDK's and the HTTP client's classes, the SDK's lazy
 * set-up, interpreting and then compiling marshalling, signing, interceptors, the HTTP client and unmarshalling.
 * The client is built as {@link AwsClients} builds the real one (same HTTP client, timeouts, interceptor), but
 * pointed at loopback, signing with throwaway credentials (no credential lookup, no network), without retries, and
 * with a listener that counts nothing: rehearsal calls never show in the provider's AWS call metrics. Nothing reaches
 * AWS, nothing is stored or sent.
 *
 * <p>Bounded: {@link #ROUNDS} rounds (a JVM whose compiler stops at its first tier, as the local stack's, needs
 * {@link #FIRST_TIER_ROUNDS}), or the first round and the time given ({@link #SECONDS}), whichever ends first. It
 * never stops the server: a failure is one log line, and the real client, built apart, is untouched.
 */
public final class Rehearsal {

    /**
     * Enough for the optimising compiler to take over what a call runs many times (at 200 rounds the first minute
     * after a restart cost what it cost without a rehearsal); a first round alone loads the classes.
     */
    static final int ROUNDS = 1_500;
    /** A first-tier-only JVM (the local stack's and the tests') gains little past loading the classes; its starts stay cheap. */
    static final int FIRST_TIER_ROUNDS = 50;
    /**
     * The server option that bounds the rounds after the first, in seconds; 0 turns the rehearsal off. Each rehearsing
     * provider reads it under its own prefix.
     */
    public static final IntOption SECONDS = IntOption.range("rehearsal-seconds", "Rehearsal at start (s)",
            "Seconds this node rehearses the hot path's AWS calls on loopback at start, after a first round that loads "
                    + "their classes, so its first sign-ins find them loaded and compiled; the start ends when the "
                    + "rehearsal has. 0 turns the rehearsal off.", 6, 0, 60);
    private static final int OPTIMISING_TIER = 4;
    private static final String REGION_FOR_SIGNING = "us-east-1";
    private static final Logger LOG = Logger.getLogger(Rehearsal.class);

    private Rehearsal() {
    }

    /** What the loopback answers every call of one operation: HTTP 200 with this body. */
    public record Answer(String contentType, String body) {
    }

    /**
     * @param what     names the rehearsal in the log, e.g. "DynamoDB code store"
     * @param settings the real client's settings; the rehearsal keeps its timeouts and region
     * @param time     the bound on the rounds after the first
     * @param answers  the loopback's answer to each operation the rounds call, by its API name ({@code UpdateItem}) or,
     *                 for a REST API, its method and path ({@code POST /v2/email/outbound-emails})
     * @param round    given the rehearsal's client, what one round does with it
     * @return the rounds run; 0 when the rehearsal could not run
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkAutoCloseable> int run(
            String what, B builder, AwsClientSettings settings, Duration time, Function<String, Answer> answers,
            Function<C, Runnable> round) {
        long started = System.nanoTime();
        int rounds = 0;
        try (LoopbackAws loopback = LoopbackAws.start(answers);
             C client = AwsClients.build(builder, onLoopback(settings, loopback), AwsCallListener.NONE,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("rehearsal", "rehearsal")))) {
            Runnable once = round.apply(client);
            long deadline = Long.MAX_VALUE;
            int most = rounds();
            while (rounds < most && System.nanoTime() < deadline) {
                once.run();
                rounds++;
                if (rounds == 1) {
                    // The first round loads the classes, however long that takes; the time bounds the rounds after it.
                    deadline = System.nanoTime() + time.toNanos();
                }
            }
        } catch (RuntimeException | LinkageError | IOException e) {
            LOG.infof("The %s's AWS calls were not rehearsed at start (%s): the first sign-ins warm them up instead", what,
                    e.getClass().getSimpleName());
            return 0;
        }
        LOG.infof("Rehearsed the %s's AWS calls on loopback at start: %d rounds in %d ms", what, rounds,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return rounds;
    }

    /**
     * Runs a rehearsal on a daemon thread of its own, beside the rest of the server's start (which leaves a core mostly
     * idle); the server's readiness waits for it with {@link Running#awaitEnd}, so a node takes traffic warm.
     */
    public static Running inBackground(String name, Runnable rehearsal) {
        Thread thread = new Thread(rehearsal, name);
        thread.setDaemon(true);
        thread.start();
        return new Running(thread);
    }

    /** A rehearsal started by {@link #inBackground}. */
    public static final class Running {

        private final Thread thread;

        private Running(Thread thread) {
            this.thread = thread;
        }

        /**
         * Waits at most {@code bound} for the rehearsal to end; a rehearsal still going on after it goes on beside the
         * traffic, as it would without the wait.
         *
         * @return whether it has ended
         */
        public boolean awaitEnd(Duration bound) {
            try {
                thread.join(bound.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }
    }

    /** {@link #ROUNDS}, or {@link #FIRST_TIER_ROUNDS} in a JVM started with {@code -XX:TieredStopAtLevel} below 4. */
    static int rounds() {
        try {
            String level = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption("TieredStopAtLevel").getValue();
            return Integer.parseInt(level) < OPTIMISING_TIER ? FIRST_TIER_ROUNDS : ROUNDS;
        } catch (RuntimeException | LinkageError e) {
            return ROUNDS;
        }
    }

    private static AwsClientSettings onLoopback(AwsClientSettings settings, LoopbackAws loopback) {
        return new AwsClientSettings(Optional.of(settings.region().orElse(REGION_FOR_SIGNING)), Optional.of(loopback.uri()),
                settings.apiCallTimeout(), settings.attemptTimeout(), 1);
    }
}
