package io.emailcode.keycloak.spi.authenticator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.flow.Reason;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** What operators read on the metrics endpoint: the same names for refusals as the events give them. */
class StepMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StepMetrics metrics = StepMetrics.on(registry);

    @Test
    void everyRefusalIsCountedUnderItsEventReasonWithoutThePrefix() {
        for (Reason reason : Reason.values()) {
            metrics.refusal(reason);
        }
        metrics.refusal(Reason.INVALID_CODE);

        assertEquals(2.0, registry.get("keycloak.email.code.refusals").tag("reason", "invalid").counter().count());
        for (Reason reason : Reason.values()) {
            String tag = reason.detail().replaceFirst("^email_code_", "");
            assertEquals(reason == Reason.INVALID_CODE ? 2.0 : 1.0,
                    registry.get("keycloak.email.code.refusals").tag("reason", tag).counter().count(), tag);
        }
    }

    @Test
    void codesAreCountedByWhatHappenedToThem() {
        metrics.code(CodeEvent.ISSUED);
        metrics.code(CodeEvent.ISSUED);
        metrics.code(CodeEvent.SENT);

        assertEquals(2.0, registry.get("keycloak.email.code.codes").tag("event", "issued").counter().count());
        assertEquals(1.0, registry.get("keycloak.email.code.codes").tag("event", "sent").counter().count());
    }
}
