package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.spi.GlobalMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The step's outcomes on Keycloak's metrics endpoint ({@code --metrics-enabled=true}), through Micrometer's global
 * registry, which Keycloak's registry joins:
 * {@code keycloak_email_code_codes_total{event=issued|withheld|sent|send_failed|no_recipient|not_in_pool}} (every
 * issued code's email ends as one of the last four) and {@code keycloak_email_code_refusals_total{reason}} (wrong
 * codes, limits, outages). Successful sign-ins are Keycloak's own {@code LOGIN} events and event metrics. Without
 * Micrometer on the class path every call is a no-op.
 */
class StepMetrics {

    static final StepMetrics NONE = new StepMetrics();

    StepMetrics() {
    }

    static StepMetrics createIfAvailable() {
        return GlobalMeters.registry().map(StepMetrics::on).orElse(NONE);
    }

    static StepMetrics on(MeterRegistry registry) {
        return new Micrometer(registry);
    }

    void code(CodeEvent event) {
    }

    void refusal(Reason reason) {
    }

    private static final class Micrometer extends StepMetrics {

        private static final String EVENT_PREFIX = "email_code_";

        private final MeterRegistry registry;

        Micrometer(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        void code(CodeEvent event) {
            count("keycloak.email.code.codes", "Email codes by what happened to them", "event", event.label());
        }

        @Override
        void refusal(Reason reason) {
            // The event's reason without its prefix, so a metric and an event name a refusal alike.
            count("keycloak.email.code.refusals", "Requests refused by a limit or an outage", "reason",
                    reason.detail().substring(EVENT_PREFIX.length()));
        }

        private void count(String name, String description, String tag, String value) {
            Counter.builder(name).description(description).tag(tag, value).register(registry).increment();
        }
    }
}
