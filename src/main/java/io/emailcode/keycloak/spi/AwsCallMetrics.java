package io.emailcode.keycloak.spi;

import io.emailcode.keycloak.aws.AwsCall;
import io.emailcode.keycloak.aws.AwsCallListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every AWS call of the provider on Keycloak's metrics endpoint, by service and operation:
 * {@code keycloak_email_code_aws_calls_total{service,operation,outcome=success|rejected|failed}},
 * {@code keycloak_email_code_aws_call_duration_seconds} (a histogram with fixed buckets, so a latency percentile can be
 * alerted on) and {@code keycloak_email_code_aws_attempts_total} (HTTP attempts: more than calls means SDK retries).
 * The meters of an operation are looked up once and kept: this runs on every call of the hot path.
 */
public final class AwsCallMetrics implements AwsCallListener {

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2_500), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<String, OperationMeters> operations = new ConcurrentHashMap<>();

    AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static AwsCallListener createIfAvailable() {
        return GlobalMeters.registry().<AwsCallListener>map(AwsCallMetrics::new).orElse(AwsCallListener.NONE);
    }

    @Override
    public void called(AwsCall call) {
        operations.computeIfAbsent(call.service() + ' ' + call.operation(), key -> new OperationMeters(registry, call))
                .record(call);
    }

    private static final class OperationMeters {

        private final Map<AwsCall.Outcome, Counter> calls = new EnumMap<>(AwsCall.Outcome.class);
        private final Timer duration;
        private final Counter attempts;

        OperationMeters(MeterRegistry registry, AwsCall call) {
            for (AwsCall.Outcome outcome : AwsCall.Outcome.values()) {
                calls.put(outcome, Counter.builder("keycloak.email.code.aws.calls")
                        .description("AWS API calls of the email-code provider by outcome")
                        .tag("service", call.service()).tag("operation", call.operation())
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
            }
            duration = Timer.builder("keycloak.email.code.aws.call.duration")
                    .description("Time of one AWS API call, SDK retries included")
                    .tag("service", call.service()).tag("operation", call.operation())
                    .serviceLevelObjectives(BUCKETS).register(registry);
            attempts = Counter.builder("keycloak.email.code.aws.attempts")
                    .description("HTTP attempts of AWS API calls; more than the calls means the SDK retried")
                    .tag("service", call.service()).tag("operation", call.operation()).register(registry);
        }

        void record(AwsCall call) {
            calls.get(call.outcome()).increment();
            duration.record(call.duration());
            attempts.increment(call.attempts());
        }
    }
}
