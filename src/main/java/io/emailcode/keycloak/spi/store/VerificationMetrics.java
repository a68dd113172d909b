package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.spi.GlobalMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Checked codes by outcome on Keycloak's metrics endpoint: {@code keycloak_email_code_verifications_total{outcome}}
 * with {@code accepted}, {@code wrong}, {@code exhausted} (the wrong code that used the last attempt),
 * {@code cap_reached}, {@code dead} (no attempts left), {@code expired}, {@code missing} (no live code for the login),
 * {@code locked}, and {@code unavailable} when the store could not be asked. Every series exists from the start, so
 * rates and alerts work before the first failure.
 */
class VerificationMetrics {

    static final VerificationMetrics NONE = new VerificationMetrics();
    static final String UNAVAILABLE = "unavailable";

    VerificationMetrics() {
    }

    static VerificationMetrics createIfAvailable() {
        return GlobalMeters.registry().map(VerificationMetrics::on).orElse(NONE);
    }

    static VerificationMetrics on(MeterRegistry registry) {
        return new Micrometer(registry);
    }

    /** The label operators see for an outcome. */
    static String label(VerifyOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> "accepted";
            case WRONG_CODE -> "wrong";
            case ATTEMPTS_EXHAUSTED -> "exhausted";
            case CAP_REACHED -> "cap_reached";
            case DEAD -> "dead";
            case EXPIRED -> "expired";
            case NO_CODE -> "missing";
            case LOCKED -> "locked";
        };
    }

    void verified(VerifyOutcome outcome) {
    }

    void unavailable() {
    }

    private static final class Micrometer extends VerificationMetrics {

        private final Map<VerifyOutcome, Counter> outcomes = new EnumMap<>(VerifyOutcome.class);
        private final Counter unavailable;

        Micrometer(MeterRegistry registry) {
            for (VerifyOutcome outcome : VerifyOutcome.values()) {
                outcomes.put(outcome, counter(registry, label(outcome)));
            }
            unavailable = counter(registry, UNAVAILABLE);
        }

        private static Counter counter(MeterRegistry registry, String outcome) {
            return Counter.builder("keycloak.email.code.verifications").description("Typed codes checked, by outcome")
                    .tag("outcome", outcome).register(registry);
        }

        @Override
        void verified(VerifyOutcome outcome) {
            outcomes.get(outcome).increment();
        }

        @Override
        void unavailable() {
            unavailable.increment();
        }
    }
}
