package io.emailcode.keycloak.code;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on sending to one slot, enforced by the store for the whole cluster: a cooldown between codes and a
 * budget per clock hour.
 */
public record SendPolicy(Duration cooldown, int sendsPerHour) {

    public SendPolicy {
        Objects.requireNonNull(cooldown, "cooldown");
        if (sendsPerHour < 1) {
            throw new IllegalArgumentException("sendsPerHour must be at least 1");
        }
    }
}
