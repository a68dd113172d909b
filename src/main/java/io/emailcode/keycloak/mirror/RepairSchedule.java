package io.emailcode.keycloak.mirror;

import java.time.Duration;
import java.util.Objects;

/**
 * The periodic full reconciliation that repairs drift (pool users deleted or edited directly in the pool). Keycloak's
 * timer keeps the schedule (the provider's Periodic full sync asks for a run this often); this is what the realm's
 * settings say of it.
 *
 * @param every          how often a run is asked for; zero: only when an administrator asks
 * @param callsPerSecond most Cognito calls a run makes per second, under the account's quotas
 */
public record RepairSchedule(Duration every, int callsPerSecond) {

    public RepairSchedule {
        Objects.requireNonNull(every, "every");
        if (every.isNegative()) {
            throw new IllegalArgumentException("every must not be negative");
        }
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1");
        }
    }

    public boolean enabled() {
        return !every.isZero();
    }
}
