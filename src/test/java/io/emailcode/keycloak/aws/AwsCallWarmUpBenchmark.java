package io.emailcode.keycloak.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.aws.dynamodb.DynamoDbConnection;
import io.emailcode.keycloak.aws.ses.SesEmailGateway;
import io.emailcode.keycloak.code.BoundedCodeStore;
import io.emailcode.keycloak.flow.SignInRehearsal;
import io.emailcode.keycloak.mail.MailAddress;
import io.emailcode.keycloak.mail.MailException;
import io.emailcode.keycloak.mail.Mailbox;
import io.emailcode.keycloak.mail.OutgoingEmail;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepSettings;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How many sign-ins the hot path's AWS calls take to reach their settled cost on a fresh JVM: one sign-in's three
 * calls (the code store's {@code TransactWriteItems} and {@code UpdateItem} through the store's own code, then the code
 * email's SES {@code SendEmail}) through the production clients ({@link DynamoDbConnection#open},
 * {@link SesEmailGateway#connect}: default credential chain, Apache HTTP client, interceptor) against the rehearsal's
 * loopback, which answers at once. The calling thread's CPU and allocation per sign-in over successive spans of
 * sign-ins, and the JIT compilers' time in each, then the settled cost (the median of 7 blocks of 5,000). No Keycloak: this is the SDK's
 * and the provider's own code on an otherwise idle JVM, the best case for both.
 *
 * <p>{@code mvn -B verify -Pbenchmark -Dit.test=AwsCallWarmUpBenchmark} (about a minute); writes
 * {@code target/benchmark/aws-warm-up.md}.
 */
class AwsCallWarmUpBenchmark {

    private static final int[] SPANS_END = {100, 250, 500, 1_000, 1_500, 2_000, 3_000, 4_000, 6_000, 8_000, 12_000, 16_000,
            20_000, 30_000, 40_000};
    private static final int SETTLED_BLOCKS = 7;
    private static final int SETTLED_BLOCK = 5_000;

    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

    @Test
    void theHotPathsAwsCallsSettleOnlyAfterThousandsOfSignIns() throws Exception {
        // The default credential chain's first link: what the production clients would read from the environment.
        System.setProperty("aws.accessKeyId", "benchmark");
        System.setProperty("aws.secretAccessKey", "benchmark");
        StringBuilder report = new StringBuilder();
        List<String> jit = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-XX")).toList();
        line(report, "Java %s, JVM options: %s; one sign-in = the code store's 2 DynamoDB calls + 1 SES SendEmail, on loopback.",
                System.getProperty("java.version"), jit.isEmpty() ? "the defaults (every JIT tier)" : String.join(" ", jit));
        line(report, "");
        line(report, "| sign-ins | CPU per sign-in, calling thread, ms | JIT compilers' time per sign-in, ms | allocated per sign-in, KiB |");
        line(report, "|---|---|---|---|");
        try (LoopbackAws dynamoDbLoopback = LoopbackAws.start(DynamoDbConnection::rehearsalAnswer);
             LoopbackAws sesLoopback = LoopbackAws.start(SesEmailGateway::rehearsalAnswer);
             DynamoDbConnection dynamoDb = DynamoDbConnection.open(onLoopback(dynamoDbLoopback), AwsCallListener.NONE);
             SesEmailGateway ses = SesEmailGateway.connect(onLoopback(sesLoopback), Optional.empty(), AwsCallListener.NONE)) {
            Runnable codes = new SignInRehearsal(new BoundedCodeStore(dynamoDb.codeStore("benchmark", Clock.systemUTC()), 64),
                    StepSettings.DEFAULTS.policy(RealmSettings.DEFAULTS.failures()), RealmSettings.DEFAULTS.abuse());
            OutgoingEmail email = email();
            Runnable signIn = () -> {
                codes.run();
                try {
                    assertEquals("rehearsal", ses.send(email));
                } catch (MailException e) {
                    throw new AssertionError(e);
                }
            };
            int done = 0;
            for (int end : SPANS_END) {
                Span span = span(signIn, end - done);
                done = end;
                line(report, "| %,d to %,d | %.3f | %.3f | %.0f |", end - span.signIns + 1, end, span.cpuMs(), span.compilerMs(),
                        span.allocatedKiB());
            }
            double[] settled = new double[SETTLED_BLOCKS];
            double[] allocated = new double[SETTLED_BLOCKS];
            for (int b = 0; b < SETTLED_BLOCKS; b++) {
                Span span = span(signIn, SETTLED_BLOCK);
                settled[b] = span.cpuMs();
                allocated[b] = span.allocatedKiB();
            }
            Arrays.sort(settled);
            Arrays.sort(allocated);
            line(report, "| settled: %d blocks of %,d after them, median (range) | %.3f (%.3f to %.3f) | | %.0f |", SETTLED_BLOCKS,
                    SETTLED_BLOCK, settled[SETTLED_BLOCKS / 2], settled[0], settled[SETTLED_BLOCKS - 1], allocated[SETTLED_BLOCKS / 2]);
        }
        Path results = Path.of("target", "benchmark");
        Files.createDirectories(results);
        Files.writeString(results.resolve("aws-warm-up.md"), report);
        System.out.println(report);
    }

    private Span span(Runnable signIn, int signIns) {
        long self = Thread.currentThread().getId();
        long cpu = threads.getCurrentThreadCpuTime();
        long compiling = compiler.getTotalCompilationTime();
        long allocated = threads.getThreadAllocatedBytes(self);
        for (int i = 0; i < signIns; i++) {
            signIn.run();
        }
        return new Span(signIns, (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / signIns,
                (double) (compiler.getTotalCompilationTime() - compiling) / signIns,
                (threads.getThreadAllocatedBytes(self) - allocated) / 1024.0 / signIns);
    }

    private record Span(int signIns, double cpuMs, double compilerMs, double allocatedKiB) {
    }

    private static AwsClientSettings onLoopback(LoopbackAws loopback) {
        return new AwsClientSettings(Optional.of("eu-west-1"), Optional.of(loopback.uri()), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 1);
    }

    private static OutgoingEmail email() throws MailException {
        return new OutgoingEmail(Mailbox.of(MailAddress.parse("no-reply@example.com", "from"), "Benchmark", "from"),
                Optional.empty(), Optional.empty(), MailAddress.parse("benchmark@example.com", "to"), "Your sign-in code",
                Optional.of("Your sign-in code\n\n000000\n\n".repeat(8)),
                Optional.of("<!DOCTYPE html><html lang=\"en\"><body><p>Your sign-in code</p><p>000000</p></body></html>".repeat(16)));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(format, args)).append('\n');
    }
}
