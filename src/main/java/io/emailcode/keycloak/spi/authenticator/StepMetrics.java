package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.Locale;

/**
 * The step's outcomes on Keycloak's metrics endpoint ({@code --metrics-enabled=true}), through Micrometer's global
 * registry, which Keycloak's registry joins: {@code keycloak_email_code_codes_total{event=issued|withheld|sent|send_failed}},
 * {@code keycloak_email_code_checks_total{outcome}} and {@code keycloak_email_code_refusals_total{reason}}.
 * Without Micrometer on the class path every call is a no-op.
 */
class StepMetrics {

    static final StepMetrics NONE = new StepMetrics();

    StepMetrics() {
    }

    static StepMetrics createIfAvailable() {
        try {
            Class.forName("io.micrometer.core.instrument.Metrics", false, StepMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return new Micrometer(Metrics.globalRegistry);
    }

    /** issued, withheld, sent, send_failed. */
    void code(String event) {
    }

    /** accepted, wrong_code, attempts_exhausted, cap_reached, dead, expired, no_code, locked. */
    void check(String outcome) {
    }

    void refusal(Reason reason) {
    }

    private static final class Micrometer extends StepMetrics {

        private final MeterRegistry registry;

        Micrometer(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        void code(String event) {
            count("keycloak.email.code.codes", "Email codes by what happened to them", "event", event);
        }

        @Override
        void check(String outcome) {
            count("keycloak.email.code.checks", "Typed codes by outcome", "outcome", outcome);
        }

        @Override
        void refusal(Reason reason) {
            count("keycloak.email.code.refusals", "Requests refused by a limit or an outage", "reason",
                    reason.name().toLowerCase(Locale.ROOT));
        }

        private void count(String name, String description, String tag, String value) {
            Counter.builder(name).description(description).tag(tag, value).register(registry).increment();
        }
    }
}
