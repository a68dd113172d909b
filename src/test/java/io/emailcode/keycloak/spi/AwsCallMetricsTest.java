package io.emailcode.keycloak.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.aws.AwsCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What operators read about AWS calls: counts by outcome, attempts and latency, per service and operation. */
class AwsCallMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AwsCallMetrics metrics = new AwsCallMetrics(registry);

    @Test
    void callsAreCountedByServiceOperationAndOutcomeWithTheirAttemptsAndTime() {
        metrics.called(new AwsCall("dynamodb", "UpdateItem", AwsCall.Outcome.SUCCESS, Duration.ofMillis(4), 1));
        metrics.called(new AwsCall("dynamodb", "UpdateItem", AwsCall.Outcome.FAILED, Duration.ofMillis(40), 3));
        metrics.called(new AwsCall("ses", "SendEmail", AwsCall.Outcome.SUCCESS, Duration.ofMillis(80), 1));

        assertEquals(1.0, calls("dynamodb", "UpdateItem", "success"));
        assertEquals(1.0, calls("dynamodb", "UpdateItem", "failed"));
        assertEquals(0.0, calls("dynamodb", "UpdateItem", "rejected"), "every outcome's series exists from the first call");
        assertEquals(1.0, calls("ses", "SendEmail", "success"));
        assertEquals(4.0, registry.get("keycloak.email.code.aws.attempts").tag("operation", "UpdateItem").counter().count());
        assertEquals(2, registry.get("keycloak.email.code.aws.call.duration").tag("operation", "UpdateItem").timer().count());
        assertEquals(44.0, registry.get("keycloak.email.code.aws.call.duration").tag("operation", "UpdateItem").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
    }

    private double calls(String service, String operation, String outcome) {
        return registry.get("keycloak.email.code.aws.calls").tag("service", service).tag("operation", operation)
                .tag("outcome", outcome).counter().count();
    }
}
