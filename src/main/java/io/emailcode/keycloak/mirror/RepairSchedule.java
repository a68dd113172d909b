package io.emailcode.keycloak.mirror;

import java.time.Duration;
import java.util.Objects;

/**
 * The periodic full reconciliation that repairs drift (pool users deleted or edited directly in the pool).
 *
 * @param every          time from the end of one run to the start of the next; zero: never
 * @param callsPerSecond most Cognito calls a run makes per second, under the account's quotas
 */
public record RepairSchedule(Duration every, int callsPerSecond) {

    public RepairSchedule {
        Objects.requireNonNull(every, "every");
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1");
        }
    }

    public boolean enabled() {
        return !every.isZero();
    }
}
